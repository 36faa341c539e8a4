"""How a finding's derived numbers were computed, written for the appendix: the operation on the cited cells."""
from __future__ import annotations

from briefing.analysis.phrasing import load


def _t(lang: str) -> dict:
    return load(lang)["derive"]


def _ref(lang: str, cell: str) -> str:
    return _t(lang)["ref"].format(cell=cell) if cell else ""


def _apply(lang: str, op: str, a: str, a_cell: str, b: str, b_cell: str, result: str) -> str:
    return _t(lang)[op].format(a=a, a_ref=_ref(lang, a_cell), b=b, b_ref=_ref(lang, b_cell), result=result)


def difference(lang: str, a: str, a_cell: str, b: str, b_cell: str, result: str) -> str:
    """"80% (C5) − 54% (C7) = 26 points"; a cell "" when the operand is itself derived."""
    return _apply(lang, "difference", a, a_cell, b, b_cell, result)


def ratio(lang: str, a: str, a_cell: str, b: str, b_cell: str, result: str) -> str:
    return _apply(lang, "ratio", a, a_cell, b, b_cell, result)


def change(lang: str, new: str, new_cell: str, old: str, old_cell: str, result: str) -> str:
    """The relative change from `old` to `new`: "(165.04 (M15) − 166.62 (L15)) / 166.62 = −0.9%"."""
    return _apply(lang, "change", new, new_cell, old, old_cell, result)


def count(lang: str, result, cells: str, what: str, **fields) -> str:
    """"5 counted in B5:B9: rows with a value"; `what` a key of [derive] ("count_rows")."""
    t = _t(lang)
    return t["count"].format(result=result, cells=cells, what=t[what].format(**fields))


def added(lang: str, parts: list[tuple[str, str]], result: str) -> str:
    """"42% (E6) + 28% (F6) = 70%": the shares of answers to one single-choice question, summed."""
    t = _t(lang)
    return t["added"].format(parts=t["plus"].join(v + _ref(lang, c) for v, c in parts), result=result)


def total(lang: str, result: str, cells: str, n: int) -> str:
    """"US$165.04 billion = the sum of the 21 rows of M2:M22" (a file that gives no total)."""
    return _t(lang)["sum"].format(result=result, cells=cells, n=n)


def join(*parts: str, lang: str = "en") -> str:
    return _t(lang).get("sep", "; ").join(p for p in parts if p)
