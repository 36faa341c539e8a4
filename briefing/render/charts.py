"""Ranked horizontal bar chart as a vector Drawing: direct labels, benchmark line, no clutter."""
from __future__ import annotations

import math
import re
from typing import Callable

from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.lib.colors import white
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.compose.blocks import BarChart
from briefing.render.fonts import FontSet
from briefing.render.rl_settings import CANNOT_END, CANNOT_START
from briefing.render.styles import Styles

MAX_LABEL_LINES = 2

# Chart block type -> the function that draws it as a Drawing (block, width, styles) -> Drawing | None.
# Filled by @draws beside each function; the story looks a chart up here (a Timeline is a flowable of
# its own, render/timeline.py).
CHART_MAKERS: dict[type, Callable] = {}


def draws(block_type: type):
    def register(maker: Callable) -> Callable:
        CHART_MAKERS[block_type] = maker
        return maker
    return register


def _label_width(text: str, fonts: FontSet, size: float, bold: bool) -> float:
    return fonts.width(text, size, bold=bold)


_LATIN = r"[A-Za-z0-9][\w.,%'’/-]*"
_CJK_UNITS = re.compile(rf"{_LATIN}(?: {_LATIN})*|\s+|.")
_WORDS = re.compile(rf"{_LATIN}|\s+")
_SHORT = 16     # a Latin run up to this long stays on one line ("NAICS 81"); a longer one breaks at spaces


def _cjk_units(text: str) -> list[str]:
    """Chinese characters one by one; Latin words and numbers whole, and a short run of them too."""
    out = []
    for u in _CJK_UNITS.findall(text):
        out.extend(_WORDS.findall(u) if len(u) > _SHORT and " " in u else (u,))
    return out


def _wrap_label(text: str, fonts: FontSet, size: float, max_w: float, bold: bool) -> list[str]:
    """Up to two lines: break at spaces, or between characters where there are none (CJK)."""
    font = _Measure(fonts, bold)
    if font.width(text, size) <= max_w:
        return [text]
    words = text.split(" ")
    # Chinese breaks between characters, but not inside a Latin word or number ("NAICS 11").
    units = words if len(words) > 1 and not fonts.has_cjk_script(text) else _cjk_units(text)
    sep = " " if units is words else ""
    lines: list[list[str]] = []
    cur: list[str] = []
    for u in units:
        if not cur or font.width(sep.join(cur + [u]), size) <= max_w:
            cur.append(u)
            continue
        # A closing bracket or a comma may not start a line, an opening one not end it: the units
        # before come down too.
        back = 0
        while not sep and back < len(cur) - 1 and (
                "".join(cur[len(cur) - back:] + [u]).lstrip()[:1] in CANNOT_START
                or "".join(cur[:len(cur) - back]).rstrip()[-1:] in CANNOT_END):
            back += 1
        lines.append(cur[:len(cur) - back])
        cur = cur[len(cur) - back:] + [u]
    lines.append(cur)
    if len(lines) > MAX_LABEL_LINES:
        lines = lines[:MAX_LABEL_LINES - 1] + [[u for line in lines[MAX_LABEL_LINES - 1:] for u in line]]
    lines = [sep.join(line).strip() for line in lines]
    # A single unbreakable word may still be too wide: shorten it with an ellipsis.
    return [_fit(line, font, size, max_w) for line in lines]


class _Measure:
    """Width of text in the font chain (a FontSet, bold or not), for the helpers below."""

    def __init__(self, fonts: FontSet, bold: bool = False):
        self.fonts, self.bold = fonts, bold

    def width(self, text: str, size: float) -> float:
        return self.fonts.width(text, size, self.bold)


def _width(text: str, font, size: float) -> float:
    if isinstance(font, FontSet):
        return font.width(text, size)
    if isinstance(font, _Measure):
        return font.width(text, size)
    return stringWidth(text, font, size)


def _fit(text: str, font, size: float, max_w: float) -> str:
    """text shortened with an ellipsis to fit max_w, in time that does not grow with its length: no
    glyph is narrower than a tenth of the type size, so only that many characters are ever tried."""
    limit = int(max_w / (0.1 * size)) + 2 if size > 0 else len(text)
    if len(text) <= limit and _width(text, font, size) <= max_w:
        return text
    text = text[:limit]
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _width(text[:mid] + "\u2026", font, size) <= max_w:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "\u2026"


def _finite(v) -> float:
    try:
        v = float(v)
    except (TypeError, ValueError):
        return 0.0
    return v if math.isfinite(v) else 0.0


@draws(BarChart)
def bar_chart(block: BarChart, width: float, st: Styles) -> Drawing | None:
    """The chart as a Drawing `width` points wide, or None when there are no bars."""
    fonts = st.fonts
    size = st.tpl.type["chart"].size
    leading = st.tpl.type["chart"].leading
    n = min(len(block.labels), len(block.values))
    if n == 0:
        return None
    texts = list(block.value_texts[:n]) + [""] * (n - len(block.value_texts[:n]))
    values = [_finite(v) for v in block.values[:n]]
    highlight = set(block.highlight)
    # Ranked: largest first; a stable sort keeps the compose order among equal values.
    order = sorted(range(n), key=lambda i: -values[i])
    rows = [(block.labels[i], values[i], texts[i] or _default_text(values[i], block.unit),
             i in highlight) for i in order]
    errs = [(_finite(block.errors[i]) if i < len(block.errors) and block.errors[i] is not None else 0.0)
            for i in order]

    value_w = max(fonts.width(t, size, bold=True) for _, _, t, _ in rows) + 6
    # Highlighted labels are set in bold, so measure them in bold.
    label_nat = max(_label_width(lbl, fonts, size, hl) for lbl, _, _, hl in rows)
    label_w = min(label_nat, width * 0.34)
    wrapped = [_wrap_label(lbl, fonts, size, label_w, hl) for lbl, _, _, hl in rows]
    label_col = max(_label_width(line, fonts, size, hl)
                    for ls, (_, _, _, hl) in zip(wrapped, rows) for line in ls) + 10

    lines = max(len(w) for w in wrapped)
    k = min(1.25, size / 8.5)          # bars scale with the chart type (smaller in compact templates)
    row_h = max((26 if n <= 6 else 21) * k, lines * leading + 8 * k)
    bar_h = min(16 * k, row_h - 8 * k) if lines == 1 else min(16 * k, row_h * 0.55)

    bench = _finite(block.benchmark) if block.benchmark is not None else None
    ends = [v + e for v, e in zip((r[1] for r in rows), errs)] + [v - e for v, e in zip((r[1] for r in rows), errs)]
    lo = min([0.0] + values + ends + ([bench] if bench is not None else []))
    hi = max([0.0] + values + ends + ([bench] if bench is not None else []))
    if hi == lo:
        hi = lo + 1.0
    neg_room = value_w if lo < 0 else 0
    x_left = label_col + neg_room
    plot_w = max(40.0, width - x_left - value_w)

    def x(v: float) -> float:
        return x_left + (v - lo) / (hi - lo) * plot_w

    top_band = leading + 6 if bench is not None and block.benchmark_label else 4
    height = top_band + n * row_h + 4
    d = Drawing(width, height)
    d.initialFontName = fonts.regular   # never let the renderer fall back to Helvetica
    d.initialFontSize = size

    ink, muted = st.colour["ink"], st.colour["muted"]
    y_top = height - top_band
    zero = x(0.0)
    d.add(Line(zero, 2, zero, y_top, strokeColor=st.colour["rule"], strokeWidth=0.6))

    label_pos = []
    for k, ((_, v, text, hl), lbl_lines) in enumerate(zip(rows, wrapped)):
        row_y = y_top - (k + 1) * row_h
        bar_y = row_y + (row_h - bar_h) / 2
        colour = st.colour["accent"] if hl else st.colour["bar"]
        x0, x1 = sorted((zero, x(v)))
        if x1 - x0 > 0:
            d.add(Rect(x0, bar_y, x1 - x0, bar_h, fillColor=colour, strokeColor=None,
                       strokeWidth=0))
        mid = bar_y + bar_h / 2
        # Category label, right-aligned against the bars, centred on the bar.
        first_y = mid + (len(lbl_lines) - 1) * leading / 2 - size * 0.35
        for j, line in enumerate(lbl_lines):
            d.add(fonts.chart_text(label_col - 8, first_y - j * leading, line, size, bold=hl, anchor="end",
                                   fill=ink if hl else st.colour["text"]))
        e = errs[k]
        if e > 0:
            # The margin of error as a whisker across the end of the bar.
            xa, xb = x(v - e), x(v + e)
            d.add(Line(xa, mid, xb, mid, strokeColor=ink, strokeWidth=0.8))
            d.add(Line(xa, mid - 3, xa, mid + 3, strokeColor=ink, strokeWidth=0.8))
            d.add(Line(xb, mid - 3, xb, mid + 3, strokeColor=ink, strokeWidth=0.8))
        label_pos.append((v + e if v >= 0 else v - e, text, hl, mid))

    if bench is not None:
        bx = x(bench)
        d.add(Line(bx, 2, bx, y_top + 3, strokeColor=st.colour["benchmark"], strokeWidth=0.9,
                   strokeDashArray=[3, 2]))
        if block.benchmark_label:
            lw = fonts.width(block.benchmark_label, size)
            # Centred over the line, but kept inside the drawing.
            cx = min(max(bx, x_left + lw / 2), width - lw / 2)
            d.add(fonts.chart_text(cx, y_top + 6, block.benchmark_label, size, anchor="middle",
                                   fill=st.colour["benchmark"]))

    # Value labels last, each on a white halo so a benchmark line never runs through them.
    for v, text, hl, mid in label_pos:
        tw = fonts.width(text, size, bold=hl)
        if v >= 0:
            tx = x(v) + 4
        else:
            tx = x(v) - 4 - tw
        ty = mid - size * 0.35
        d.add(Rect(tx - 1.5, ty - size * 0.25, tw + 3, size * 1.2, fillColor=white,
                   strokeColor=None, strokeWidth=0))
        d.add(fonts.chart_text(tx, ty, text, size, bold=hl, fill=ink if hl else muted))
    return d


def _default_text(v: float, unit: str) -> str:
    s = f"{v:,.1f}".rstrip("0").rstrip(".")
    return f"{s}%" if unit == "%" else (f"{s} {unit}" if unit else s)
