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
