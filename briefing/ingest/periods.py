"""Column headers that name a period (2023, "Q1 2024", "2024 Q1", "202512", "2024-03", "Mar 2024", "FY2023")."""
from __future__ import annotations

import re

from briefing.ingest.values import parse_period

_Q_FIRST = re.compile(r"^q([1-4])[\s\-/]*((?:19|20)\d\d)$", re.I)
_Q_LAST = re.compile(r"^((?:19|20)\d\d)[\s\-/]*q([1-4])$", re.I)
_YYYYMM = re.compile(r"^((?:19|20)\d\d)(0[1-9]|1[0-2])$")
_YYYY_MM = re.compile(r"^((?:19|20)\d\d)[\-/.](0?[1-9]|1[0-2])$")
_FY = re.compile(r"^(?:fy|financial year|fiscal year)\s*((?:19|20)\d\d)$", re.I)
_UNIT = re.compile(r"\s*[\(\[][^\)\]]{1,16}[\)\]]\s*$")
_SPLIT_YEAR = re.compile(r"^((?:19|20)\d\d)\s*[/\-]\s*(\d\d)$")


def period_key(name: str) -> tuple[int, int] | None:
    """A sortable (year, month-ish) when the whole header is a period, else None."""
    s = " ".join(str(name).split())
    if s.endswith(".0") and s[:-2].isdigit():
        s = s[:-2]
    for rx, f in ((_Q_FIRST, lambda m: (int(m.group(2)), 3 * int(m.group(1)))),
                  (_Q_LAST, lambda m: (int(m.group(1)), 3 * int(m.group(2)))),
                  (_YYYYMM, lambda m: (int(m.group(1)), int(m.group(2)))),
                  (_YYYY_MM, lambda m: (int(m.group(1)), int(m.group(2)))),
                  (_FY, lambda m: (int(m.group(1)), 0)),
                  (_SPLIT_YEAR, lambda m: (int(m.group(1)), 13))):
        m = rx.match(s)
        if m:
            return f(m)
    p = parse_period(s)
    if p is not None and (s[:4].isdigit() or not s[:1].isdigit()):
        return p[0], p[1]
    return None


def period_columns(names: list[str], numeric: list[bool]) -> tuple[int, ...]:
    """Indexes of numeric columns that are periods of one measure, oldest first (at least two).

    A header may carry the measure beside the period ("Share using AI · 2024"): the columns whose
    other parts agree form the series; the biggest such group wins.
    """
    groups: dict[str, list[tuple[tuple[int, int], int]]] = {}
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
