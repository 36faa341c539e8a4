"""When a difference may be claimed: margins of error from standard errors, and small bases.

The thresholds are data (resources/phrasing/<lang>.toml, [stats]): z for the confidence
level (1.96 = 95%), small_base under which a value is flagged as resting on few responses.
"""
from __future__ import annotations

import math

from briefing.analysis.phrasing import load
from briefing.model import Column


def _stats(lang: str = "en") -> dict:
    return {"z": 1.96, "small_base": 50, **load(lang).get("stats", {})}


def z_value(lang: str = "en") -> float:
    return float(_stats(lang)["z"])


def small_base_limit(lang: str = "en") -> int:
    return int(_stats(lang)["small_base"])


def differs(col: Column, a: int, b: int, lang: str = "en", col_b: Column | None = None) -> bool | None:
    """True/False: is value a (in col) different from value b (in col_b, default col) beyond the
    margin of error; None when there are no standard errors to tell."""
    col_b = col_b or col
    va, vb = col.values[a], col_b.values[b]
    ea, eb = col.error(a), col_b.error(b)
    if va is None or vb is None or ea is None or eb is None:
        return None
    moe = z_value(lang) * math.sqrt(float(ea) ** 2 + float(eb) ** 2)
    return abs(va - vb) > moe


def small_bases(col: Column, rows, lang: str = "en") -> list[int]:
    limit = small_base_limit(lang)
    return [r for r in rows if col.base(r) is not None and col.base(r) < limit]
