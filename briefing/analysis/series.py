"""Which numeric columns of a categorical table form a time series, or a Likert answer scale."""
from __future__ import annotations

from briefing.analysis.phrasing import load
from briefing.ingest.periods import period_key
from briefing.model import Table


def period_columns(table: Table, numeric: tuple[int, ...], least: int = 3) -> tuple[int, ...]:
    """Numeric columns that are periods of one measure, oldest first (at least `least`)."""
    if table.period_columns:
        cols = tuple(i for i in table.period_columns if i < len(table.columns) and table.columns[i].is_numeric)
        return cols if len(cols) >= 2 else ()
    keyed = [(period_key(table.columns[i].name), i) for i in numeric]
    if len(keyed) < least or any(k is None for k, _ in keyed):
        return ()
    kinds = {table.columns[i].kind for i in numeric}
    if len(kinds) > 1:
        return ()
    return tuple(i for _, i in sorted(keyed))


def likert_score(name: str) -> int | None:
    """-2..2 for an answer on an agree/disagree-like scale, None for anything else."""
    words = _likert_words()
    text = str(name).strip().lower()
    if not text:
        return None
    strong = any(w in text for w in words["strong"])
    if any(w in text for w in words["neutral"]):
        return 0
    if any(w in text for w in words["negative"]):
        return -2 if strong else -1
    if any(w in text for w in words["positive"]):
        return 2 if strong else 1
    return None


def likert_columns(table: Table, numeric: tuple[int, ...]) -> tuple[tuple[int, ...], int | None]:
    """(columns from most negative to most positive, index of the neutral one in that tuple)."""
    scored = [(likert_score(table.columns[i].name), i) for i in numeric]
    scored = [(s, i) for s, i in scored if s is not None]
    if len(scored) < 3 or not any(s < 0 for s, _ in scored) or not any(s > 0 for s, _ in scored):
        return (), None
    if len({s for s, _ in scored}) != len(scored):
        return (), None
    scored.sort()
    cols = tuple(i for _, i in scored)
    neutral = next((k for k, (s, _) in enumerate(scored) if s == 0), None)
    return cols, neutral


_WORDS: dict | None = None


def _likert_words() -> dict:
    """Scale words from both phrasing files: a header may be English in a Chinese briefing."""
    global _WORDS
    if _WORDS is None:
        merged = {"strong": [], "negative": [], "neutral": [], "positive": []}
        for lang in ("en", "zh"):
            for k in merged:
                merged[k] += [w.lower() for w in load(lang).get("likert", {}).get(k, [])]
        _WORDS = merged
    return _WORDS
