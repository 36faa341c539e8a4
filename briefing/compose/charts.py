"""Choosing and filling the chart for a table: ranked bars with the benchmark, or a timeline."""
from __future__ import annotations

from briefing.analysis.events import ordered_rows
from briefing.analysis.numbers import as_label, decimals_for, fmt_date, fmt_value
from briefing.analysis.phrasing import load
from briefing.analysis.shape import Shape
from briefing.compose.blocks import BarChart, Timeline, TimelineEvent
from briefing.model import Table

MAX_BARS = 15


def source_line(table: Table, lang: str, cite: str) -> str:
    doc = load(lang)["doc"]
    return doc["chart_source"].format(source=(table.source or table.provenance.file_name).rstrip("."), cite=cite)


def chart_for(table: Table, shape: Shape, lang: str):
    if shape.kind == "categorical":
        return _bars(table, shape, lang)
    if shape.kind == "timeline":
        return _timeline(table, shape, lang)
    return None


def _bars(table: Table, shape: Shape, lang: str) -> BarChart | None:
    col_i = shape.values[0]
    col = table.columns[col_i]
    labels = table.columns[shape.label].values
    bench = shape.benchmark_row
    rows = [r for r, v in enumerate(col.values) if v is not None and labels[r] and r != bench]
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
        bench_label = f"{labels[bench]} {fmt_value(col.values[bench], col.kind, col.unit, lang, dec, short=True)}"
    unit = "%" if col.kind == "percent" else col.unit
    return BarChart(
        title=table.subtitle or col.name,
        labels=tuple(str(labels[r]) for r in rows),
        values=tuple(col.values[r] * scale for r in rows),
        value_texts=texts, unit=unit,
        source=source_line(table, lang, table.cite_column(col_i)),
        benchmark=bench_value, benchmark_label=bench_label or "",
        highlight=(0,))


def _timeline(table: Table, shape: Shape, lang: str) -> Timeline | None:
    rows = ordered_rows(table, shape)
    if not rows:
        return None
    dates = table.columns[shape.date].values
    labels = table.columns[shape.label].values
    what = table.columns[shape.texts[0]].values if shape.texts else None
    detail = table.columns[shape.texts[1]].values if len(shape.texts) > 1 else None
    events = tuple(TimelineEvent(
        when=as_label(fmt_date(dates[r], lang)),
        label=f"{labels[r]}: {what[r]}" if what is not None and what[r] else str(labels[r]),
        detail=str(detail[r]) if detail is not None and detail[r] else "") for r in rows)
    return Timeline(table.subtitle or table.title, events, source_line(table, lang, table.provenance.cite()))
