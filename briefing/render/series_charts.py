"""Multi-series charts as vector Drawings: grouped bars, lines over periods, diverging Likert bars.

All text in the template's fonts (Chinese through the CJK face), values labelled directly,
the template's palette (Okabe-Ito by default), and no label drawn over another.
"""
from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.compose.blocks import DivergingBarChart, GroupedBarChart, LineChart
from briefing.render.charts import _fit, _wrap_label, draws
from briefing.render.styles import Styles

# Diverging scale, most negative to most positive (Okabe-Ito vermillion/orange, grey, sky/blue).
_NEG = ("#D55E00", "#E69F00", "#F3C27A")
_POS = ("#0072B2", "#56B4E9", "#A9D6F2")
_NEUTRAL = "#C9CED3"


def _num(v) -> float | None:
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _text(st: Styles, d: Drawing, x, y, text, *, size, colour, bold=False, anchor="start"):
    d.add(st.fonts.chart_text(x, y, text, size, bold=bold, fill=colour, anchor=anchor))
    return st.fonts.width(text, size, bold)


def _legend(st: Styles, d: Drawing, names, colours, y: float, width: float, size: float) -> None:
    """One line of swatches and names, left-aligned; names shortened if the line is too long."""
    fonts = st.fonts
    gap, sw = 14, 9
    avail = (width - gap * (len(names) - 1)) / max(1, len(names)) - sw - 4
    x = 0.0
    for name, colour in zip(names, colours):
        name = _fit(name, fonts, size, max(20.0, avail)) if fonts.width(name, size) > avail else name
        d.add(Rect(x, y - 1, sw, sw, fillColor=colour, strokeColor=None, strokeWidth=0))
        x += sw + 4
        x += _text(st, d, x, y, name, size=size, colour=st.colour["text"]) + gap


def _drawing(width: float, height: float, st: Styles) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = st.fonts.regular
    d.initialFontSize = st.tpl.type["chart"].size
    return d


def _label_col(st: Styles, labels, size, width) -> tuple[list[list[str]], float]:
    fonts = st.fonts
    nat = max(fonts.width(lbl, size) for lbl in labels)
    w = min(nat, width * 0.3)
    wrapped = [_wrap_label(lbl, fonts, size, w, False) for lbl in labels]
    col = max(fonts.width(line, size) for ls in wrapped for line in ls) + 10
    return wrapped, col


@draws(GroupedBarChart)
def grouped_bar_chart(block: GroupedBarChart, width: float, st: Styles) -> Drawing | None:
    n, k = len(block.labels), len(block.series)
    if n == 0 or k == 0:
        return None
    size, leading = st.tpl.type["chart"].size, st.tpl.type["chart"].leading
    colours = [st.palette[i % len(st.palette)] for i in range(k)]
    wrapped, label_col = _label_col(st, block.labels, size, width)
    texts = [t for s in block.series for t in s.value_texts]
    value_w = max([st.fonts.width(t, size) for t in texts] + [10]) + 6
    bar_h = 9.0 if k <= 3 else 7.5
    group_h = max(k * (bar_h + 1.5) + 8, len(max(wrapped, key=len)) * leading + 6)
    vals = [_num(v) for s in block.series for v in s.values]
    known = [v for v in vals if v is not None]
    bench = _num(block.benchmark)
    lo = min([0.0] + known + ([bench] if bench is not None else []))
    hi = max([0.0] + known + ([bench] if bench is not None else []))
    hi = hi if hi > lo else lo + 1
    plot_w = max(40.0, width - label_col - value_w - (value_w if lo < 0 else 0))
    x0 = label_col + (value_w if lo < 0 else 0)

    def x(v):
        return x0 + (v - lo) / (hi - lo) * plot_w

    legend_h = leading + 8
    bench_h = leading + 4 if bench is not None and block.benchmark_label else 0
    height = legend_h + bench_h + n * group_h + 4
    d = _drawing(width, height, st)
    _legend(st, d, [s.name for s in block.series], colours, height - size - 1, width, size)
    y_top = height - legend_h - bench_h
    d.add(Line(x(0), 2, x(0), y_top, strokeColor=st.colour["rule"], strokeWidth=0.6))
    labels_later = []
    for g, lines in enumerate(wrapped):
        gy = y_top - (g + 1) * group_h
        inner = k * (bar_h + 1.5) - 1.5
        by = gy + (group_h - inner) / 2 + inner - bar_h
        mid = gy + group_h / 2
        first = mid + (len(lines) - 1) * leading / 2 - size * 0.35
        for j, line in enumerate(lines):
            _text(st, d, label_col - 8, first - j * leading, line, size=size, colour=st.colour["text"],
                  anchor="end")
        for si, s in enumerate(block.series):
            v = _num(s.values[g]) if g < len(s.values) else None
            yy = by - si * (bar_h + 1.5)
            text = s.value_texts[g] if g < len(s.value_texts) else ""
            if v is None:
                labels_later.append((x(0) + 4, yy, "–", st.colour["muted"]))
                continue
            a, b_ = sorted((x(0), x(v)))
            if b_ - a > 0:
                d.add(Rect(a, yy, b_ - a, bar_h, fillColor=colours[si], strokeColor=None, strokeWidth=0))
            tx = x(v) + 3 if v >= 0 else x(v) - 3 - st.fonts.width(text, size - 0.5)
            labels_later.append((tx, yy, text, st.colour["muted"]))
    if bench is not None:
        bx = x(bench)
        d.add(Line(bx, 2, bx, y_top + 3, strokeColor=st.colour["benchmark"], strokeWidth=0.9,
                   strokeDashArray=[3, 2]))
        if block.benchmark_label:
            lw = st.fonts.width(block.benchmark_label, size)
            cx = min(max(bx, x0 + lw / 2), width - lw / 2)
            _text(st, d, cx, y_top + 6, block.benchmark_label, size=size, colour=st.colour["benchmark"],
                  anchor="middle")
    vs = size - 0.5
    for tx, yy, text, colour in labels_later:
        tw = st.fonts.width(text, vs)
        ty = yy + bar_h / 2 - vs * 0.35
        d.add(Rect(tx - 1, ty - vs * 0.25, tw + 2, vs * 1.15, fillColor=white, strokeColor=None, strokeWidth=0))
        _text(st, d, tx, ty, text, size=vs, colour=colour)
    return d


def _nice_range(lo: float, hi: float) -> tuple[float, float, float]:
    """Axis bounds and step, about four steps, on round numbers."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / 4
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def _spread(ys: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Move label positions apart (keeping their order) so no two are closer than gap."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    pos = [ys[i] for i in order]
    for i in range(1, len(pos)):
        pos[i] = max(pos[i], pos[i - 1] + gap)
    overflow = pos[-1] - hi if pos else 0
    if overflow > 0:
        pos = [p - overflow for p in pos]
        for i in range(len(pos) - 2, -1, -1):
            pos[i] = min(pos[i], pos[i + 1] - gap)
    out = [0.0] * len(ys)
    for i, p in zip(order, pos):
        out[i] = max(lo, p) if len(ys) == 1 else p
    return out


@draws(LineChart)
def line_chart(block: LineChart, width: float, st: Styles) -> Drawing | None:
    periods, series = block.periods, block.series
    if len(periods) < 2 or not series:
        return None
    size, leading = st.tpl.type["chart"].size, st.tpl.type["chart"].leading
    fonts = st.fonts
    vals = [_num(v) for s in series for v in s.values]
    known = [v for v in vals if v is not None]
    if not known:
        return None
    lo_axis, hi_axis, step = _axis(known)
    highlight = set(block.highlight)
    colours = []
    for i in range(len(series)):
        colours.append(st.colour["accent"] if i in highlight else
                       st.palette[(i + 1) % len(st.palette)] if len(series) <= 4 else st.colour["bar"])
    # End labels: "name value", on the right of the last point.
    end_texts = [f"{s.name} {next((t for t in reversed(s.value_texts) if t), '')}".strip() for s in series]
    end_w = min(width * 0.32, max(fonts.width(t, size) for t in end_texts) + 10)
    end_texts = [_fit(t, fonts, size, end_w - 10) for t in end_texts]
    tick_texts = [_tick(v, block.unit) for v in _ticks(lo_axis, hi_axis, step)]
    axis_w = max(stringWidth(t, fonts.regular, size - 0.5) for t in tick_texts) + 6
    height = 190.0
    bottom = leading + 8
    top = height - 8
    left, right = axis_w, width - end_w
    n = len(periods)

    def x(i):
        return left + 8 + i * (right - left - 16) / (n - 1)

    def y(v):
        return bottom + (v - lo_axis) / (hi_axis - lo_axis) * (top - bottom)

    d = _drawing(width, height, st)
    for v, t in zip(_ticks(lo_axis, hi_axis, step), tick_texts):
        d.add(Line(left, y(v), right, y(v), strokeColor=st.colour["rule"],
                   strokeWidth=0.8 if v == 0 else 0.35))
        _text(st, d, left - 5, y(v) - size * 0.3, t, size=size - 0.5, colour=st.colour["muted"], anchor="end")
    # Period labels: skip some when they would touch.
    widths = [fonts.width(p, size - 0.5) for p in periods]
    every = 1
    while every < n and any(x(i + every) - x(i) < (widths[i] + widths[min(n - 1, i + every)]) / 2 + 6
                            for i in range(0, n - every, every)):
        every += 1
    for i, p in enumerate(periods):
        if i % every == 0 or i == n - 1:
            if i == n - 1 and i % every and x(i) - x(i - i % every) < widths[i] + 6:
                continue
            _text(st, d, x(i), bottom - leading, p, size=size - 0.5, colour=st.colour["muted"], anchor="middle")
    ends = []
    order = sorted(range(len(series)), key=lambda i: i in highlight)   # the highlighted line on top
    for i in order:
        s = series[i]
        vals_i = [_num(v) for v in s.values]
        pts = [(x(j), y(v)) for j, v in enumerate(vals_i) if v is not None]
        if not pts:
            continue
        hl = i in highlight
        # A missing period breaks the line rather than bridging it.
        run: list = []
        for j, v in enumerate(vals_i + [None]):
            if v is not None:
                run += [x(j), y(v)]
                continue
            if len(run) >= 4:
                d.add(PolyLine(run, strokeColor=colours[i], strokeWidth=2.2 if hl else 1.4))
            run = []
        for px, py in pts:
            d.add(Circle(px, py, 2.4 if hl else 1.8, fillColor=colours[i], strokeColor=white, strokeWidth=0.6))
        ends.append((i, pts[-1]))
    ys = _spread([p[1] - size * 0.35 for _, p in ends], leading, bottom, top - size)
    for (i, (px, py)), ly in zip(ends, ys):
        hl = i in highlight
        grey = colours[i] == st.colour["bar"]
        _text(st, d, right + 6, ly, end_texts[i], size=size,
              colour=st.colour["ink"] if hl else st.colour["muted"] if grey else colours[i], bold=hl)
    # The first value of the highlighted line, so the change can be read off the chart.
    for i in highlight:
        s = series[i]
        j = next((j for j, v in enumerate(s.values) if _num(v) is not None), None)
        if j is not None and s.value_texts[j]:
            _text(st, d, x(j), y(_num(s.values[j])) + 5, s.value_texts[j], size=size - 0.5,
                  colour=st.colour["ink"], anchor="middle")
    return d


def _axis(known: list[float]) -> tuple[float, float, float]:
    lo, hi = min(known), max(known)
    pad = (hi - lo) * 0.08 or abs(hi) * 0.1 or 1
    return _nice_range(min(0.0, lo) if lo >= 0 and lo < (hi - lo) else lo - pad, hi + pad)


def value_axis_marks(block: LineChart) -> tuple[str, ...]:
    """The marks a line chart prints on its value axis (for the audit ledger): round steps spanning
    the values, no value of the data."""
    known = [v for v in (_num(v) for s in block.series for v in s.values) if v is not None]
    if len(block.periods) < 2 or not known:
        return ()
    return tuple(_tick(v, block.unit) for v in _ticks(*_axis(known)))


def _ticks(lo, hi, step):
    out, v = [], lo
    while v <= hi + step * 1e-6:
        out.append(round(v, 10))
        v += step
    return out


def _tick(v: float, unit: str) -> str:
    s = f"{v:,.1f}".rstrip("0").rstrip(".") if abs(v - round(v)) > 1e-9 else f"{v:,.0f}"
    return f"{s}%" if unit == "%" else s


def diverging_sides(block: DivergingBarChart) -> tuple[list[int], list[int]]:
    """The negative and the positive answer categories of a diverging chart, most negative first."""
    m, neutral = len(block.categories), block.neutral
    neg = [c for c in range(m) if neutral is None and c < m // 2 or neutral is not None and c < neutral]
    pos = [c for c in range(m) if neutral is None and c >= m - m // 2 or neutral is not None and c > neutral]
    return neg, pos


def diverging_totals(block: DivergingBarChart, r: int) -> tuple[float, float]:
    """The sums of row r's negative and positive shares, as printed beside its bar."""
    neg, pos = diverging_sides(block)
    row = block.shares[r]
    return (sum(_num(row[c]) or 0.0 for c in neg if c < len(row)),
            sum(_num(row[c]) or 0.0 for c in pos if c < len(row)))


@draws(DivergingBarChart)
def diverging_chart(block: DivergingBarChart, width: float, st: Styles) -> Drawing | None:
    n, m = len(block.labels), len(block.categories)
    if n == 0 or m < 2:
        return None
    size, leading = st.tpl.type["chart"].size, st.tpl.type["chart"].leading
    fonts = st.fonts
    neutral = block.neutral
    neg, pos = diverging_sides(block)
    colours: list[Color] = [HexColor(_NEUTRAL)] * m
    # The strongest answers get the strongest colours; those nearest the middle the palest.
    for k, c in enumerate(neg):
        colours[c] = HexColor(_NEG[min(k, 2)] if len(neg) <= 3 else _NEG[min(k, 2)])
    for k, c in enumerate(reversed(pos)):
        colours[c] = HexColor(_POS[min(k, 2)])
    wrapped, label_col = _label_col(st, block.labels, size, width)

    def share(r, c):
        v = _num(block.shares[r][c]) if c < len(block.shares[r]) else None
        return v or 0.0

    left_tot = [sum(share(r, c) for c in neg) + (share(r, neutral) / 2 if neutral is not None else 0)
                for r in range(n)]
    right_tot = [sum(share(r, c) for c in pos) + (share(r, neutral) / 2 if neutral is not None else 0)
                 for r in range(n)]
    tot_w = stringWidth("100%", fonts.bold, size) + 8
    span = max(max(left_tot), max(right_tot), 1.0)
    plot_w = width - label_col - 2 * tot_w
    zero = label_col + tot_w + plot_w / 2
    scale = plot_w / 2 / span
    row_h = max(22.0, len(max(wrapped, key=len)) * leading + 8)
    bar_h = min(15.0, row_h - 7)
    lines, x = 1, 0.0
    for c in block.categories:
        w = fonts.width(c, size) + 27
        if x + w > width and x > 0:
            lines, x = lines + 1, 0.0
        x += w
    legend_h = leading * lines + 8
    height = legend_h + n * row_h + 6
    d = _drawing(width, height, st)
    # Legend, in scale order, possibly on two lines.
    x, ly = 0.0, height - size - 1
    for c, name in enumerate(block.categories):
        w = fonts.width(name, size) + 27
        if x + w > width and x > 0:
            x, ly = 0.0, ly - leading
        d.add(Rect(x, ly - 1, 9, 9, fillColor=colours[c], strokeColor=None, strokeWidth=0))
        _text(st, d, x + 13, ly, name, size=size, colour=st.colour["text"])
        x += w
    y_top = height - legend_h
    for r, lines in enumerate(wrapped):
        ry = y_top - (r + 1) * row_h
        by = ry + (row_h - bar_h) / 2
        mid = by + bar_h / 2
        first = mid + (len(lines) - 1) * leading / 2 - size * 0.35
        for j, line in enumerate(lines):
            _text(st, d, label_col - 8, first - j * leading, line, size=size, colour=st.colour["text"], anchor="end")
        # Left side: from the neutral half outwards; right side likewise.
        xl = zero - left_tot[r] * scale
        segs = neg + ([neutral] if neutral is not None else []) + pos
        for c in segs:
            w = share(r, c) * scale
            if w <= 0:
                continue
            d.add(Rect(xl, by, w, bar_h, fillColor=colours[c], strokeColor=white, strokeWidth=0.5))
            t = f"{share(r, c):.0f}"
            tw = stringWidth(t, fonts.regular, size - 1)
            if w >= tw + 5:          # only where the number fits inside its segment
                dark = c in neg[:1] or c in pos[-1:]
                _text(st, d, xl + w / 2, mid - (size - 1) * 0.35, t, size=size - 1,
                      colour=white if dark else st.colour["ink"], anchor="middle")
            xl += w
        # The totals printed are the negative and the positive answers' shares; the bars also reach
        # across half the neutral share, which is no one's answer to print.
        neg_sum, pos_sum = diverging_totals(block, r)
        _text(st, d, zero - left_tot[r] * scale - 4, mid - size * 0.35, f"{neg_sum:.0f}%", size=size,
              colour=st.colour["muted"], anchor="end")
        _text(st, d, zero + right_tot[r] * scale + 4, mid - size * 0.35, f"{pos_sum:.0f}%", size=size,
              colour=st.colour["ink"], bold=True)
    d.add(Line(zero, 2, zero, y_top + 2, strokeColor=st.colour["benchmark"], strokeWidth=0.8))
    return d
