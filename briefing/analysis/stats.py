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


def difference_test(col: Column, a: int, b: int, lang: str = "en", col_b: Column | None = None,
                    scale: float | None = None) -> str:
    """The test of differs() written out: "|83.0 − 54.0| = 29.0 > 1.96 × √(2.0² + 1.5²) = 4.9:
    significant at 95%" ("" without standard errors). Values in points for shares."""
    col_b = col_b or col
    va, vb = col.values[a], col_b.values[b]
    ea, eb = col.error(a), col_b.error(b)
    if va is None or vb is None or ea is None or eb is None:
        return ""
    k = scale if scale is not None else (100.0 if col.kind == "percent" else 1.0)
    z = z_value(lang)
    moe = z * math.sqrt(float(ea) ** 2 + float(eb) ** 2)
    d = abs(va - vb)
    words = load(lang).get("stats_text", {})
    verdict = words.get("significant", "significant at 95%") if d > moe else \
        words.get("not_significant", "within the margin of error")
    return (f"|{va * k:.2f} − {vb * k:.2f}| = {d * k:.2f} {'>' if d > moe else '≤'} {z:g} × "
            f"√({float(ea) * k:.2f}² + {float(eb) * k:.2f}²) = {moe * k:.2f}: {verdict}")
