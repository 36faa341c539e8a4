"""Values that are not numbers (NaN, the infinities) never reach a sentence or a chart.

The reader already turns them into missing values with their marker kept; a Table built any
other way (by hand, by a test, by a future reader) is cleaned the same way here, on the way in
to the writers and the composer.
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from briefing.model import Column, Table


def finite(v: Any) -> bool:
    """True for an int or float that is a finite number (bools are not numbers here)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    try:
        return math.isfinite(v)
    except OverflowError:   # an int past the range of a float
        return False


def _bad(v: Any) -> bool:
    """A number-like value that is not a finite number."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and not finite(v)


def _marker(v: Any) -> str:
    try:
        x = float(v)
    except OverflowError:
        return "inf" if v > 0 else "-inf"
    return "NaN" if math.isnan(x) else ("inf" if x > 0 else "-inf")


def _all_finite(values) -> bool:
    nums = [v for v in values if v is not None and not isinstance(v, (str, bool))]
    if not nums:
        return True
    try:
        if all(type(v) is float for v in nums) and math.isfinite(sum(nums)):
            return True   # a NaN or an infinity makes the sum non-finite
    except (TypeError, OverflowError):
        pass
    return not any(map(_bad, nums))


def clean_column(c: Column) -> Column:
    """`c` with NaN and infinite values (and standard errors) read as missing, the marker kept."""
    if _all_finite(c.values) and _all_finite(c.errors):
        return c
    notes = list(c.notes) if c.notes else [""] * len(c.values)
    values = []
    for i, v in enumerate(c.values):
        if _bad(v):
            values.append(None)
            if i < len(notes) and not notes[i]:
                notes[i] = _marker(v)
        else:
            values.append(v)
    errors = tuple(None if _bad(e) else e for e in c.errors)
    return replace(c, values=tuple(values), notes=tuple(notes) if any(notes) else (), errors=errors)


def clean_table(t: Table) -> Table:
    """`t` itself when every number in it is finite, else a copy with the others read as missing."""
    cols = tuple(clean_column(c) for c in t.columns)
    if all(a is b for a, b in zip(cols, t.columns)):
        return t
    return replace(t, columns=cols)
