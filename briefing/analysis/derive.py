"""How a finding's derived numbers were computed, written for the appendix: the operation on the cited cells."""
from __future__ import annotations

from briefing.analysis.phrasing import load


def _t(lang: str) -> dict:
    return load(lang)["derive"]


def difference(lang: str, a: str, a_cell: str, b: str, b_cell: str, result: str) -> str:
    """"80% (C5) − 54% (C7) = 26 points"."""
    return _t(lang)["difference"].format(a=a, a_cell=a_cell, b=b, b_cell=b_cell, result=result)


def ratio(lang: str, a: str, a_cell: str, b: str, b_cell: str, result: str) -> str:
    return _t(lang)["ratio"].format(a=a, a_cell=a_cell, b=b, b_cell=b_cell, result=result)


def change(lang: str, new: str, new_cell: str, old: str, old_cell: str, result: str) -> str:
    """The relative change from `old` to `new`: "(165.04 (M15) − 166.62 (L15)) / 166.62 = −0.9%"."""
    return _t(lang)["change"].format(a=new, a_cell=new_cell, b=old, b_cell=old_cell, result=result)


def count(lang: str, result, cells: str, what: str, **fields) -> str:
    """"5 counted in B5:B9: rows with a value"; `what` a key of [derive] ("count_rows")."""
    t = _t(lang)
    return t["count"].format(result=result, cells=cells, what=t[what].format(**fields))


def total(lang: str, result: str, cells: str, n: int) -> str:
    """"US$165.04 billion = the sum of the 21 rows of M2:M22" (a file that gives no total)."""
    return _t(lang)["sum"].format(result=result, cells=cells, n=n)


def join(*parts: str, lang: str = "en") -> str:
    return _t(lang).get("sep", "; ").join(p for p in parts if p)
