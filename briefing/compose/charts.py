"""Choosing and filling the chart for a table: ranked bars with the benchmark, or a timeline."""
from __future__ import annotations

from briefing.analysis.events import ordered_rows
from briefing.analysis.categorical import display_labels
from briefing.analysis.numbers import as_label, decimals_for, fmt_date, fmt_value
from briefing.analysis.phrasing import load
from briefing.analysis.shape import Shape
from briefing.analysis.series import likert_columns, period_columns
from briefing.analysis.stats import z_value
from briefing.compose.blocks import (BarChart, DivergingBarChart, GroupedBarChart, LineChart, Series, Timeline,
                                     TimelineEvent)
from briefing.compose.text import LABEL_CHARS, NOTE_CHARS, TITLE_CHARS, clip
from briefing.model import Table

MAX_BARS = 15
MAX_SERIES = 4          # grouped bars: more than this reads as a table, not a chart
MAX_LINES = 6


def _with_alt(block, lang: str):
    from dataclasses import replace
    return replace(block, alt=describe(block, lang))


def source_line(table: Table, lang: str, cite: str) -> str:
    doc = load(lang)["doc"]
    return doc["chart_source"].format(source=clip((table.source or table.provenance.file_name).rstrip("."),
                                                  NOTE_CHARS), cite=cite)


def chart_for(table: Table, shape: Shape, lang: str):
    if shape.kind == "categorical":
        numeric = tuple(i for i in shape.values)
        periods = period_columns(table, numeric)
        if periods:
            return _lines(table, shape, periods, lang)
        two = period_columns(table, numeric, least=2)
        if len(two) == 2:
            # Two periods: side by side, ranked by the latest.
            return _grouped(table, shape, (two[1], two[0]), lang)
        likert, neutral = likert_columns(table, numeric)
        if likert:
            return _diverging(table, shape, likert, neutral, lang)
        same = [i for i in numeric if table.columns[i].kind == table.columns[numeric[0]].kind
                and table.columns[i].unit == table.columns[numeric[0]].unit]
        if len(same) >= 2:
            return _grouped(table, shape, tuple(same[:MAX_SERIES]), lang)
        return _bars(table, shape, lang)
    if shape.kind == "timeline":
        return _timeline(table, shape, lang)
    return None


def _bars(table: Table, shape: Shape, lang: str) -> BarChart | None:
    col_i = shape.values[0]
    bench, total = shape.benchmark_row, shape.total_row
    ratios = [i for i in shape.values if table.columns[i].kind == "percent"]
    if ratios and ratios[0] != col_i and table.row_roles:
        # An amount beside a ratio (R&D spending and intensity): the ratio, against its national
        # figure, is what a bar chart of regions should show.
        from briefing.analysis.shape import benchmark_and_total
        col_i = ratios[0]
        bench, total = benchmark_and_total(table, col_i)
    col = table.columns[col_i]
    labels = display_labels(table, shape.label, lang)
    rows = [r for r, v in enumerate(col.values) if v is not None and labels[r] and r not in (bench, total)
            and r not in shape.excluded]
    if len(rows) < 2:
        return None
    rows.sort(key=lambda r: -col.values[r])
    rows = rows[:MAX_BARS]
    scale = 100.0 if col.kind == "percent" else 1.0
    dec = decimals_for(col.values, col.kind)
    texts = tuple(fmt_value(col.values[r], col.kind, col.unit, lang, dec, col.bound(r), short=True) for r in rows)
    bench_value = bench_label = None
    if bench is not None and col.values[bench] is not None:
        bench_value = col.values[bench] * scale
        bench_label = f"{clip(str(labels[bench]), LABEL_CHARS)} " \
                      f"{fmt_value(col.values[bench], col.kind, col.unit, lang, dec, short=True)}"
    unit = "%" if col.kind == "percent" else col.unit
    errors = ()
    source = source_line(table, lang, table.cite_column(col_i))
    if col.errors and any(col.error(r) is not None for r in rows):
        z = z_value(lang)
        errors = tuple(None if col.error(r) is None else z * col.error(r) * scale for r in rows)
        source = f"{load(lang)['doc']['moe_note']} {source}"
    return _with_alt(BarChart(
        title=clip(table.subtitle or table.term(col.name, lang), TITLE_CHARS),
        labels=tuple(clip(str(labels[r]), LABEL_CHARS) for r in rows),
        values=tuple(col.values[r] * scale for r in rows),
        value_texts=texts, unit=unit,
        source=source,
        benchmark=bench_value, benchmark_label=bench_label or "",
        highlight=(0,), errors=errors), lang)


# A timeline chart shows the events a reader can take in; the table and the workbook have the rest.
MAX_EVENTS = 24


def _timeline(table: Table, shape: Shape, lang: str) -> Timeline | None:
    rows = ordered_rows(table, shape)
    if not rows:
        return None
    if len(rows) > MAX_EVENTS:   # the first events and the latest, in order
        rows = rows[:MAX_EVENTS // 2] + rows[-(MAX_EVENTS // 2):]
    dates = table.columns[shape.date].values
    labels = display_labels(table, shape.label, lang)
    what = table.columns[shape.texts[0]].values if shape.texts else None
    detail = table.columns[shape.texts[1]].values if len(shape.texts) > 1 else None
    events = tuple(TimelineEvent(
        when=clip(as_label(fmt_date(dates[r], lang)), LABEL_CHARS),
        label=clip(f"{labels[r]}: {what[r]}" if what is not None and what[r] else str(labels[r]), TITLE_CHARS),
        detail=clip(str(detail[r]), NOTE_CHARS) if detail is not None and detail[r] else "") for r in rows)
    return Timeline(clip(table.subtitle or table.title, TITLE_CHARS), events,
                    source_line(table, lang, table.provenance.cite()))


def _scale(col) -> float:
    return 100.0 if col.kind == "percent" else 1.0


def _unit(col) -> str:
    return "%" if col.kind == "percent" else col.unit


def _series(table: Table, col_i: int, rows: list[int], lang: str, name: str | None = None) -> Series:
    col = table.columns[col_i]
    dec = decimals_for(col.values, col.kind)
    vals = tuple(None if col.values[r] is None else col.values[r] * _scale(col) for r in rows)
    texts = tuple("" if col.values[r] is None else
                  fmt_value(col.values[r], col.kind, col.unit, lang, dec, col.bound(r), short=True) for r in rows)
    return Series(clip(name if name is not None else col.name, LABEL_CHARS), vals, texts)


def _cite_columns(table: Table, cols: tuple[int, ...]) -> str:
    first, last = table.cite_column(cols[0]), table.cite_column(cols[-1])
    if first == last:
        return first
    a = first.split("!")[-1].split(":")[0]
    b = last.split("!")[-1].split(":")[-1]
    return table.provenance.cite(f"{a}:{b}")


def _grouped(table: Table, shape: Shape, cols: tuple[int, ...], lang: str) -> GroupedBarChart | None:
    labels = display_labels(table, shape.label, lang)
    bench = shape.benchmark_row
    first = table.columns[cols[0]]
    rows = [r for r in range(table.n_rows) if labels[r] and r not in (bench, shape.total_row) and r not in shape.excluded
            and any(table.columns[c].values[r] is not None for c in cols)]
    if len(rows) < 2:
        return None
    rows.sort(key=lambda r: -(first.values[r] if first.values[r] is not None else float("-inf")))
    rows = rows[:MAX_BARS]
    bench_value = bench_label = None
    if bench is not None and first.values[bench] is not None:
        bench_value = first.values[bench] * _scale(first)
        lb, fn = clip(str(labels[bench]), LABEL_CHARS), clip(first.name, LABEL_CHARS)
        named = f"{lb}（{fn}）" if lang == "zh" else f"{lb} ({fn})"
        bench_label = f"{named} " + fmt_value(
            first.values[bench], first.kind, first.unit, lang, decimals_for(first.values, first.kind), short=True)
    return _with_alt(GroupedBarChart(
        title=clip(table.subtitle or table.title, TITLE_CHARS), labels=tuple(clip(str(labels[r]), LABEL_CHARS) for r in rows),
        series=tuple(_series(table, c, rows, lang) for c in cols), unit=_unit(first),
        source=source_line(table, lang, _cite_columns(table, cols)),
        benchmark=bench_value, benchmark_label=bench_label or ""), lang)


def _lines(table: Table, shape: Shape, cols: tuple[int, ...], lang: str) -> LineChart | None:
    labels = display_labels(table, shape.label, lang)
    last = table.columns[cols[-1]]
    rows = [r for r in range(table.n_rows) if labels[r]
            and sum(table.columns[c].values[r] is not None for c in cols) >= 2]
    if not rows:
        return None
    bench = shape.benchmark_row
    # The most recent value orders the lines; the benchmark is always kept.
    rows.sort(key=lambda r: -(last.values[r] if last.values[r] is not None else float("-inf")))
    keep = rows[:MAX_LINES]
    if bench is not None and bench in rows and bench not in keep:
        keep = keep[:-1] + [bench]
    periods = tuple(as_label(fmt_date(table.columns[c].name, lang)) for c in cols)
    series = []
    for r in keep:
        vals, texts = [], []
        for c in cols:
            col = table.columns[c]
            v = col.values[r]
            vals.append(None if v is None else v * _scale(col))
            texts.append("" if v is None else fmt_value(v, col.kind, col.unit, lang,
                                                         decimals_for(col.values, col.kind), col.bound(r), short=True))
        series.append(Series(clip(str(labels[r]), LABEL_CHARS), tuple(vals), tuple(texts)))
    highlight = tuple(k for k, r in enumerate(keep) if r != bench)[:1]
    return _with_alt(LineChart(title=clip(table.subtitle or table.title, TITLE_CHARS), periods=periods,
                               series=tuple(series), unit=_unit(last),
                               source=source_line(table, lang, _cite_columns(table, cols)), highlight=highlight), lang)


def _diverging(table: Table, shape: Shape, cols: tuple[int, ...], neutral: int | None,
               lang: str) -> DivergingBarChart | None:
    labels = display_labels(table, shape.label, lang)
    rows = [r for r in range(table.n_rows) if labels[r]]
    if not rows:
        return None
    shares = []
    for r in rows:
        row = []
        for c in cols:
            col = table.columns[c]
            v = col.values[r]
            row.append(None if v is None else v * (100.0 if col.kind == "percent" else 1.0))
        shares.append(tuple(row))
    return _with_alt(DivergingBarChart(title=clip(table.subtitle or table.title, TITLE_CHARS),
                             labels=tuple(clip(str(labels[r]), LABEL_CHARS) for r in rows),
                             categories=tuple(clip(table.columns[c].name, LABEL_CHARS) for c in cols), shares=tuple(shares),
                             neutral=neutral, source=source_line(table, lang, _cite_columns(table, cols))), lang)


# -- alternative text: what a chart shows and its main point, from its data, in the briefing's language --

_ALT = {
    "en": {"bar": "Bar chart of {title}: highest {top}, lowest {bottom}",
           "grouped": "Grouped bar chart of {title} ({series}): highest {top}, lowest {bottom}",
           "line": "Line chart of {title}, {start} to {end}: {moves}",
           "move": "{name} from {a} to {b}",
           "diverging": "Diverging bar chart of {title}, answers from {first} to {last}: most positive {best} "
                        "({share} {positive})",
           "and": " and ", "sep": ", ", "part": "; ", "end": "."},
    "zh": {"bar": "条形图：{title}。最高：{top}；最低：{bottom}",
           "grouped": "分组条形图：{title}（{series}）。最高：{top}；最低：{bottom}",
           "line": "折线图：{title}，{start}至{end}：{moves}",
           "move": "{name}从{a}到{b}",
           "diverging": "发散条形图：{title}，回答从“{first}”到“{last}”：最正面的是{best}（{positive}{share}）",
           "and": "和", "sep": "、", "part": "；", "end": "。"},
}


def _named(label: str, text: str, lang: str) -> str:
    return f"{label}{text}" if lang == "zh" and not text[:1].isascii() else f"{label} {text}"


def _pct(v: float) -> str:
    return f"{v:.0f}%"


def describe(block, lang: str) -> str:
    """Alternative text for a chart block: the kind of chart, what it shows, its highest and lowest
    values (or, for lines, where each series went) and the benchmark; never the caption."""
    p = _ALT.get(lang, _ALT["en"])
    title = " ".join((block.title or "").split()).rstrip(".。")
    if lang != "zh" and title[:2].istitle():      # "Bar chart of share of ...", not "of Share of"
        title = title[0].lower() + title[1:]
    out = ""
    if isinstance(block, BarChart):
        pairs = [(v, lb, t) for v, lb, t in zip(block.values, block.labels,
                                                 tuple(block.value_texts) + ("",) * len(block.values))]
        if pairs:
            hi, lo = max(pairs, key=lambda x: x[0]), min(pairs, key=lambda x: x[0])
            fmt = lambda x: _named(x[1], x[2] or f"{x[0]:g}{block.unit if block.unit == '%' else ''}", lang)
            out = p["bar"].format(title=title, top=fmt(hi), bottom=fmt(lo))
            if block.benchmark_label:
                out += p["part"] + block.benchmark_label
    elif isinstance(block, GroupedBarChart) and block.series:
        first = block.series[0]
        pairs = [(v, lb, t) for v, lb, t in zip(first.values, block.labels, first.value_texts) if v is not None]
        names = p["sep"].join(s.name for s in block.series)
        if pairs:
            hi, lo = max(pairs, key=lambda x: x[0]), min(pairs, key=lambda x: x[0])
            out = p["grouped"].format(title=title, series=names, top=_named(hi[1], f"{hi[2]} ({first.name})", lang)
                                      if len(block.series) > 1 else _named(hi[1], hi[2], lang),
                                      bottom=_named(lo[1], lo[2], lang))
            if block.benchmark_label:
                out += p["part"] + block.benchmark_label
    elif isinstance(block, LineChart) and block.series and block.periods:
        moves = []
        for s in block.series[:4]:
            known = [t for v, t in zip(s.values, s.value_texts) if v is not None and t]
            if len(known) >= 2:
                moves.append(p["move"].format(name=s.name, a=known[0], b=known[-1]))
            elif known:
                moves.append(_named(s.name, known[0], lang))
        out = p["line"].format(title=title, start=block.periods[0], end=block.periods[-1],
                               moves=p["part"].join(moves))
    elif isinstance(block, DivergingBarChart) and block.labels and block.categories:
        mid = block.neutral if block.neutral is not None else len(block.categories) // 2
        start = mid + 1 if block.neutral is not None else mid
        positive = block.categories[start:]

        def pos(row):
            return sum(v for v in row[start:] if v is not None)
        best = max(range(len(block.labels)), key=lambda i: pos(block.shares[i]))
        out = p["diverging"].format(title=title, first=block.categories[0], last=block.categories[-1],
                                    best=block.labels[best], share=_pct(pos(block.shares[best])),
                                    positive=p["sep"].join(positive))
    else:
        out = title
    return (out + p["end"]) if out and not out.endswith(p["end"]) else out
