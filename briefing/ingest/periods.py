"""Periods and dates, read in one place: cells and headers that are dates ("Oct 2023", "Early 2024",
"2023-10-01"), publishers' period codes as real date windows, and column headers that name periods.

Period codes: "2025", "2024-Q3", "2024Q3", "2024-03", "2024M03", "2024-S1", ROC (Minguo) years "102年" /
"民國102年" (= 2013: ROC year + 1911), ROC months "114年7月", ranges "114年1月~114年7月" (January-July
2025) and preliminary marks ("(初步值)", "(p)", "preliminary"). Each is a window (first day, last day)
so that periods order by real date, "latest" is latest by date, and a partial period (seven months
of a year) is told apart from whole ones.

Headers: 2023, "Q1 2024", "2024 Q1", "202512", "2024-03", "Mar 2024", "FY2023", "2023/24" get one
sortable `period_key`; `period_columns` finds the columns of a table that form a series.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

# Month names as headers, cells and year blocks write them (lower case): full, short, "sept", "3月".
MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                           "august", "september", "october", "november", "december"))}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS.update({"sept": 9})
MONTHS.update({f"{i}月": i for i in range(1, 13)})

# -- dates written loosely, in cells and headers ---------------------------------------------------

_LOOSE_YEAR = re.compile(r"^(?:(early|mid|late|q[1-4]|h[12])[\s-]*)?((?:19|20)\d\d)$", re.I)
_MONTH_YEAR = re.compile(r"^([a-z]{3,9})\.?\s+((?:19|20)\d\d)$", re.I)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ t].*)?$")


def date_key(s: str) -> tuple[int, int, int] | None:
    """A sortable (year, month, day) for "2023", "Early 2024", "Oct 2023", "2023-10-01"; None if not a date."""
    s = s.strip()
    m = _ISO_DATE.match(s)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = _LOOSE_YEAR.match(s)
    if m:
        part = (m.group(1) or "").lower()
        month = {"": 0, "early": 2, "q1": 2, "h1": 3, "mid": 6, "q2": 5, "q3": 8, "h2": 9,
                 "late": 11, "q4": 11}.get(part, 0)
        return int(m.group(2)), month, 0
    m = _MONTH_YEAR.match(s)
    if m and m.group(1)[:3].lower() in MONTHS:
        return int(m.group(2)), MONTHS[m.group(1)[:3].lower()], 1
    m = re.match(r"^((?:19|20)\d\d)\s*年(?:\s*(\d{1,2})\s*月)?", s)
    if m:
        return int(m.group(1)), int(m.group(2) or 0), 0
    return None


def sort_key(value: Any) -> tuple[int, int, int]:
    """Orders dates, years (2023 or 2023.0) and period strings together; unknowns last."""
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    if isinstance(value, (int, float)) and 1800 <= value <= 2200 and float(value).is_integer():
        return int(value), 0, 0
    if isinstance(value, str):
        p = date_key(value)
        if p:
            return p
    return 9999, 99, 99


# -- columns of dates (a publisher's dates sheet) ---------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)$")
_ISO_START = re.compile(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)")


def _dates(values, order: str) -> list[dt.date | None] | None:
    """Values of a column as dates, reading d/m/y or m/d/y as `order` says; None if any fails."""
    out: list[dt.date | None] = []
    for v in values:
        if v is None or v == "":
            out.append(None)
            continue
        if isinstance(v, dt.datetime):
            out.append(v.date())
            continue
        if isinstance(v, dt.date):
            out.append(v)
            continue
        s = " ".join(str(int(v) if isinstance(v, float) and v.is_integer() else v).split())
        m = _ISO_START.match(s)
        try:
            if m:
                out.append(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
                continue
            m = _DMY.match(s)
            if not m:
                return None
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            out.append(dt.date(y, a, b) if order == "mdy" else dt.date(y, b, a))
        except ValueError:
            return None
    return out if any(out) else None


def date_column(values) -> list[dt.date | None] | None:
    """Dates in the column, month-first or day-first, whichever reads every cell (month-first on a tie,
    as US publishers write them)."""
    return _dates(values, "mdy") or _dates(values, "dmy")


# -- publishers' period codes as date windows ----------------------------------------------------

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


# -- column headers that name a period --------------------------------------------------------------
_Q_FIRST = re.compile(r"^q([1-4])[\s\-/]*((?:19|20)\d\d)$", re.I)
_Q_LAST = re.compile(r"^((?:19|20)\d\d)[\s\-/]*q([1-4])$", re.I)
_YYYYMM = re.compile(r"^((?:19|20)\d\d)(0[1-9]|1[0-2])$")
_YYYY_MM = re.compile(r"^((?:19|20)\d\d)[\-/.](0?[1-9]|1[0-2])$")
_FY = re.compile(r"^(?:fy|financial year|fiscal year)\s*((?:19|20)\d\d)$", re.I)
_UNIT = re.compile(r"\s*[\(\[][^\)\]]{1,16}[\)\]]\s*$")
_SPLIT_YEAR = re.compile(r"^((?:19|20)\d\d)\s*[/\-]\s*(\d\d)$")


def period_key(name: str) -> tuple[int, int, int] | None:
    """A sortable (year, month-ish, day) when the whole header is a period, else None: quarters sort
    at their last month, a fiscal year at 0, a split year ("2023/24") at 13."""
    s = " ".join(str(name).split())
    if s.endswith(".0") and s[:-2].isdigit():
        s = s[:-2]
    for rx, f in ((_Q_FIRST, lambda m: (int(m.group(2)), 3 * int(m.group(1)), 0)),
                  (_Q_LAST, lambda m: (int(m.group(1)), 3 * int(m.group(2)), 0)),
                  (_YYYYMM, lambda m: (int(m.group(1)), int(m.group(2)), 0)),
                  (_YYYY_MM, lambda m: (int(m.group(1)), int(m.group(2)), 0)),
                  (_FY, lambda m: (int(m.group(1)), 0, 0)),
                  (_SPLIT_YEAR, lambda m: (int(m.group(1)), 13, 0))):
        m = rx.match(s)
        if m:
            return f(m)
    p = date_key(s)
    if p is not None and (s[:4].isdigit() or not s[:1].isdigit()):
        # A day only for a whole date: "Mar 2024" and "2024-03" are the same period.
        return p[0], p[1], p[2] if _ISO_DATE.match(s) else 0
    return None


_HEADER_MONTH = re.compile(r"^((?:19|20)\d\d)[\-/.]?(0[1-9]|1[0-2])$")


def header_month(header) -> tuple[int, int] | None:
    """(year, month) of a header that is a month by its digits ("202512", "2025-12", "2025/12",
    "2025.12"), else None: such a header reads as "December 2025", not as a number."""
    m = _HEADER_MONTH.match(" ".join(str(header).split()))
    return (int(m.group(1)), int(m.group(2))) if m else None


def period_columns(names: list[str], numeric: list[bool]) -> tuple[int, ...]:
    """Indexes of numeric columns that are periods of one measure, oldest first (at least two).

    A header may carry the measure beside the period ("Share using AI · 2024"): the columns whose
    other parts agree form the series; the biggest such group wins.
    """
    groups: dict[str, list[tuple[tuple[int, int, int], int]]] = {}
    for i, (n, num) in enumerate(zip(names, numeric)):
        if not num:
            continue
        parts = [p.strip() for p in n.split(" · ")]
        # "2024 (%)": the unit after the period belongs with the measure, not the period.
        units = [_UNIT.search(p) for p in parts]
        keyed = [(period_key(p[:u.start()] if u else p), k) for k, (p, u) in enumerate(zip(parts, units))]
        hits = [(key, k) for key, k in keyed if key is not None]
        if len(hits) != 1:
            continue
        unit = units[hits[0][1]]
        rest = " · ".join(p for k, p in enumerate(parts) if k != hits[0][1]) + (unit.group(0) if unit else "")
        groups.setdefault(rest, []).append((hits[0][0], i))
    best = max(groups.values(), key=len, default=[])
    if len(best) < 2 or len({k for k, _ in best}) < len(best):
        return ()
    return tuple(i for _, i in sorted(best))
