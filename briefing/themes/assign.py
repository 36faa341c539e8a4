"""Which tables a theme's section uses: those whose best tag it is, or that match it strongly."""
from __future__ import annotations

from typing import Mapping, Sequence

from briefing.model import Table, ThemeTag

# A table also appears under a second theme only on a strong match, so sections do not
# fill up with tables that merely mention a keyword.
SECONDARY_MIN = 0.7


def tables_for_theme(tables: Sequence[Table], tags: Mapping[str, Sequence[ThemeTag]], theme: str) -> tuple[Table, ...]:
    scored = []
    for i, table in enumerate(tables):
        table_tags = tags.get(table.key, ())
        for rank, tag in enumerate(table_tags):
            if tag.theme == theme and (rank == 0 or tag.score >= SECONDARY_MIN):
                scored.append((-tag.score, i, table))
    return tuple(t for _, _, t in sorted(scored, key=lambda x: (x[0], x[1])))
