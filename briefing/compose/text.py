"""Text of any length: cut with an ellipsis where the briefing shows it, given in full in the appendix.

Everything here is linear in the length of the text: a cell of a megabyte is sliced, never
measured character by character, so laying the briefing out takes time in proportion to it.
"""
from __future__ import annotations

ELLIPSIS = "\u2026"
CELL_CHARS = 200          # a table cell shows at most this many characters, then "…" and its reference
LABEL_CHARS = 120         # a category or event label, a chart title
TITLE_CHARS = 200         # a heading (a table's title)
NOTE_CHARS = 800          # a note under a table
# The appendix gives each cut cell in full up to this many characters (about five pages); the rest of a
# longer one is named by its cell, where the reader finds it whole.
FULL_TEXT_CHARS = 20_000
CHUNK_CHARS = 1_500       # the full text is laid out in paragraphs of about this size (linear time)


def clip(text: str, limit: int) -> str:
    """text, or its first `limit` characters (cut at a space where one is near) and "…"."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ", limit * 2 // 3)
    if space > 0:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def is_cut(text: str, limit: int) -> bool:
    return len(text) > limit


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """text in pieces of about `size` characters, broken at a space where one is near."""
    out, start, n = [], 0, len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            space = text.rfind(" ", start + size // 2, end)
            if space > start:
                end = space + 1
        out.append(text[start:end])
        start = end
    return [c for c in (c.strip() for c in out) if c]
