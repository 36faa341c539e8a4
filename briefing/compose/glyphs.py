"""Where characters that no shipped font has come from: named by file, sheet and cell for the build's
warnings (the renderer draws them as the missing-glyph box and says which they were)."""
from __future__ import annotations

import unicodedata
from typing import Iterable, Mapping, Sequence

from briefing.model import Table

MAX_PLACES = 5


def describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def missing_glyph_warnings(chars: Iterable[str], tables_by_theme: Mapping[str, Sequence[Table]]) -> list[str]:
    """One line per character no font has, naming up to five cells (file, sheet, cell) that hold it."""
    chars = sorted(set(chars))
    if not chars:
        return []
    wanted = set(chars)
    places: dict[str, list[str]] = {c: [] for c in chars}
    seen: set[str] = set()
    for tables in tables_by_theme.values():
        for t in tables:
            if t.key in seen:
                continue
            seen.add(t.key)
            texts = [(t.title, t.provenance.cite()), *((n, t.provenance.cite()) for n in t.notes)]
            for ci, c in enumerate(t.columns):
                texts.append((c.name, t.provenance.cite()))
                if c.kind in ("label", "text", "date"):
                    texts += [(v, t.provenance.cite(t.cell_ref(r, ci))) for r, v in enumerate(c.values)
                              if isinstance(v, str) and not v.isascii()]
            for text, where in texts:
                if not text or text.isascii():
                    continue
                for ch in wanted.intersection(text):
                    if len(places[ch]) < MAX_PLACES:
                        places[ch].append(f"{t.provenance.file_name}, {where}")
    out = []
    for ch in chars:
        where = "; ".join(places[ch]) or "the briefing's own text (title, edited sentences)"
        out.append(f"character {describe(ch)} is in no font Briefing has, so it does not show in the PDF; it is in: {where}")
    return out
