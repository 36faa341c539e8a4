"""ReportLab's module-level settings a build changes, set for the build and put back after it.

They are ReportLab's globals: the caller holds the build lock (render/pdf.py), and other code in the
process sees ReportLab's own values again once the build is over."""
from __future__ import annotations

from contextlib import contextmanager

from reportlab import rl_config
from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.platypus import paragraph

# Punctuation that may not begin a line in Chinese (W3C "Requirements for Chinese Text Layout",
# 3.1.7): ReportLab's list is Japanese and lacks the full-width comma, semicolon, colon, question and
# exclamation marks, closing book-title marks and quotation marks, so "，统计上持平。" could start a
# line. Such a character hangs at the end of the line before instead, as ReportLab does for its own.
CANNOT_START_ZH = "，；：！？》〉”’…"
CANNOT_START = ALL_CANNOT_START + "".join(c for c in CANNOT_START_ZH if c not in ALL_CANNOT_START)
CANNOT_END = ALL_CANNOT_END      # opening brackets and quotation marks: ReportLab's list has the Chinese
# ReportLab hangs one character, not two: of "（49%）；" broken at the bracket, the "；" would still
# start the next line. Then the line before is laid out narrower, by one character at a time, so that
# its last character comes down with the marks (at most this many times a paragraph).
_NARROWER = 6


def _first_char(line) -> str:
    for frag in getattr(line, "words", ()):
        text = getattr(frag, "text", "")
        if text:
            return text[0]
    return ""


def _kept_off_line_starts(split):
    """ReportLab's cjkFragSplit, laid out again with the line before narrower while a line starts
    with punctuation that may not (written by hand: ReportLab's CJK wrap has no hook for it)."""
    def cjk_frag_split(frags, maxWidths, calcBounds, encoding="utf8"):
        widths = list(maxWidths)
        out = split(frags, widths, calcBounds, encoding)
        for _ in range(_NARROWER):
            lines = out.lines
            bad = next((k for k in range(1, len(lines)) if (ch := _first_char(lines[k])) and ch in CANNOT_START
                        and not getattr(lines[k - 1], "lineBreak", False)), None)
            if bad is None:
                break
            before = bad - 1
            widths += [widths[-1]] * (before + 2 - len(widths))    # lines past the list take its last
            widths[before] -= getattr(lines[before], "fontSize", 10) or 10
            out = split(frags, widths, calcBounds, encoding)
        return out
    return cjk_frag_split


@contextmanager
def build_settings():
    """For one build: streams Flate-compressed only, not ASCII85-wrapped too (ReportLab's default, a
    quarter larger), and Chinese line-start punctuation kept off the start of a line."""
    was = rl_config.useA85, paragraph.ALL_CANNOT_START, paragraph.cjkFragSplit
    rl_config.useA85 = 0
    paragraph.ALL_CANNOT_START = CANNOT_START
    paragraph.cjkFragSplit = _kept_off_line_starts(was[2])
    try:
        yield
    finally:
        rl_config.useA85, paragraph.ALL_CANNOT_START, paragraph.cjkFragSplit = was
