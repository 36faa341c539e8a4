"""A section named for what its tables measure: "AI adoption", or "GenAI adoption" when every
table is about generative AI (a theme's `narrow` entry in themes.toml)."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from briefing.model import Table, Theme

_LABELS = 200   # label cells looked at per column: the words of a question are in its first rows


def _words(table: Table) -> str:
    parts = [table.sheet, table.title, table.subtitle, *table.notes, table.source]
    for c in table.columns:
        parts.append(c.name)
        if c.kind in ("label", "text"):
            parts.extend(str(v) for v in c.values[:_LABELS] if v)
    return "\n".join(p for p in parts if p).lower()


def named_for(theme: Theme, tables: Sequence[Table]) -> Theme:
    """`theme` with its narrower name when each of `tables` mentions one of its narrow words."""
    if not theme.narrow_words or not tables:
        return theme
    if all(any(w in _words(t) for w in theme.narrow_words) for t in tables):
        return replace(theme, name=theme.narrow_name or theme.name, name_zh=theme.narrow_name_zh or theme.name_zh)
    return theme


DATA_THEME = "data"
_NUMBERED = __import__("re").compile(r"^(?:table\s*)?\d+(?:[-.]\d+)*\s+", __import__("re").I)


def data_theme(tables: Sequence[Table], catalogue: Sequence[Theme]) -> Theme | None:
    """A theme named from the data for workbooks no catalogue theme fits (input prices, GDP): the
    title of the biggest table with a title of its own, else its first measure's name. None when
    there are no tables or a theme already has that key."""
    if not tables or any(t.key == DATA_THEME for t in catalogue):
        return None
    ranked = sorted(tables, key=lambda t: -(t.n_rows * len(t.columns)))
    name = ""
    for t in ranked:
        title = _NUMBERED.sub("", " ".join(t.term(t.title).split()))
        if title and title != t.sheet and len(title) <= 90:
            name = title
            break
    if not name:
        t = ranked[0]
        measure = next((c.name for c in t.columns if c.is_numeric), "")
        name = t.term(measure) if measure else (t.title or t.sheet)
    zh = name
    for t in ranked:
        if t.title and t.term(t.title, "zh") != t.title:
            zh = _NUMBERED.sub("", t.term(t.title, "zh"))
            break
    return Theme(key=DATA_THEME, name=name[:90], name_zh=zh[:90],
                 description="What the workbook measures (no theme of the catalogue matched it).",
                 description_zh="工作簿所衡量的内容（主题目录中没有匹配的主题）。",
                 keywords=(), keywords_zh=())
