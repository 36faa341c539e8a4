"""Periods as publishers write them in long files and year blocks, read into real date windows.

"2025", "2024-Q3", "2024Q3", "2024-03", "2024M03", "2024-S1", ROC (Minguo) years "102年" / "民國102年"
(= 2013: ROC year + 1911), ROC months "114年7月", ranges "114年1月~114年7月" (January-July 2025) and
preliminary marks ("(初步值)", "(p)", "preliminary"). Each is a window (first day, last day) so that
periods order by real date, "latest" is latest by date, and a partial period (seven months of a year)
is told apart from whole ones.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

ROC_OFFSET = 1911
_PRELIM = re.compile(r"\s*[\(（]?\s*(?:初步值|初步|預估值|预估值|preliminary|prelim\.?|provisional|p)\s*[\)）]?\s*$", re.I)
_YEAR = re.compile(r"^((?:18|19|20)\d\d)(?:\.0)?$")
_YEAR_ZH = re.compile(r"^((?:18|19|20)\d\d)\s*年$")
_ROC_YEAR = re.compile(r"^(?:民國|民国|中華民國|中华民国)?\s*(\d{1,3})\s*年$")
_ROC_MONTH = re.compile(r"^(?:民國|民国)?\s*(\d{1,3})\s*年\s*(\d{1,2})\s*月$")
_ZH_MONTH = re.compile(r"^((?:18|19|20)\d\d)\s*年\s*(\d{1,2})\s*月$")
_RANGE = re.compile(r"^(.+?)\s*(?:~|～|至|到|–|—|-{1,2}|to)\s*(.+)$")
_QUARTER = re.compile(r"^((?:19|20)\d\d)\s*[-/ ]?\s*Q([1-4])$", re.I)
_HALF = re.compile(r"^((?:19|20)\d\d)\s*[-/ ]?\s*[SH]([12])$", re.I)
_MONTH = re.compile(r"^((?:19|20)\d\d)\s*(?:-|/|M|\.)\s*(0?[1-9]|1[0-2])$", re.I)


@dataclass(frozen=True)
class Period:
    code: str                # as the publisher wrote it: "102年", "2024-Q3"
    start: dt.date
    end: dt.date
    preliminary: bool = False
    roc: bool = False        # written in the ROC (Minguo) calendar

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def iso(self) -> tuple[str, str]:
        return self.start.isoformat(), self.end.isoformat()


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _one(s: str) -> tuple[dt.date, dt.date, bool] | None:
    """(start, end, roc) of one period written without a range."""
    s = s.strip()
    if m := _YEAR.match(s) or _YEAR_ZH.match(s):
        y = int(m.group(1))
        return dt.date(y, 1, 1), dt.date(y, 12, 31), False
    if m := _ROC_MONTH.match(s):
        y, mo = int(m.group(1)) + ROC_OFFSET, int(m.group(2))
        if 1 <= mo <= 12:
            return dt.date(y, mo, 1), _month_end(y, mo), True
        return None
    if m := _ROC_YEAR.match(s):
        n = int(m.group(1))
        if 1 <= n <= 200:
            y = n + ROC_OFFSET
            return dt.date(y, 1, 1), dt.date(y, 12, 31), True
        return None
    if m := _ZH_MONTH.match(s):
        y, mo = int(m.group(1)), int(m.group(2))
        return (dt.date(y, mo, 1), _month_end(y, mo), False) if 1 <= mo <= 12 else None
    if m := _QUARTER.match(s):
        y, q = int(m.group(1)), int(m.group(2))
        return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), False
    if m := _HALF.match(s):
        y, h = int(m.group(1)), int(m.group(2))
        return dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h), False
    if m := _MONTH.match(s):
        y, mo = int(m.group(1)), int(m.group(2))
        return dt.date(y, mo, 1), _month_end(y, mo), False
    return None


def parse_period(value) -> Period | None:
    """The window a period code stands for, or None when the value is not a period."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    code = " ".join(str(value).split())
    if not code or len(code) > 40:
        return None
    s = code
    prelim = False
    m = _PRELIM.search(s)
    if m and m.start() > 0 and not s[:m.start()].rstrip().endswith(("-", "~")):
        body = s[:m.start()].strip()
        if _one(body) or _RANGE.match(body):
            s, prelim = body, True
    one = _one(s)
    if one:
        return Period(code, one[0], one[1], prelim, one[2])
    r = _RANGE.match(s)
    if r and not _MONTH.match(s):
        a, b = _one(r.group(1)), _one(r.group(2))
        if a and b and a[0] <= b[1]:
            return Period(code, a[0], b[1], prelim, a[2] or b[2])
    return None


def month_window(year: int, month: int, span: int = 1) -> tuple[dt.date, dt.date]:
    """The months a value of `month` covers: one month, or `span` months ending there (a moving average)."""
    end = _month_end(year, month)
    k = year * 12 + month - 1 - (span - 1)
    return dt.date(k // 12, k % 12 + 1, 1), end


def partial_periods(periods: list[Period]) -> set[int]:
    """Indexes of periods shorter than the usual length of the others (seven months among whole years)."""
    if len(periods) < 3:
        return set()
    lengths = [p.months for p in periods]
    usual = max(set(lengths), key=lengths.count)
    if lengths.count(usual) < 2:
        return set()
    return {i for i, n in enumerate(lengths) if n < usual}
