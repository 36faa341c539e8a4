"""Charts and tables for long survey tables: the substantive answer only, never every answer x period.

One population (a national table): the share over the periods that have data, as a line, and a short
table of the latest periods and the first. Several groups: the groups ranked on the latest period, as
bars with their margins of error, and a table of groups with the first and latest periods.
"""
from __future__ import annotations

import re

from briefing.analysis.numbers import decimals_for, fmt_value
from briefing.analysis.phrasing import load
from briefing.analysis.stats import z_value
from briefing.analysis.survey_long import View, date_range, period_short, period_text, view_of
from briefing.compose.blocks import BarChart, LineChart, Series
from briefing.model import Table

MAX_BARS = 12
_FIRST_SENTENCE = re.compile(r"(?<=[a-z0-9)]{2})\.\s+(?=[A-Z])")
MAX_ROWS = 30
RECENT = 8     # periods listed in a one-population table, with the first one
TOP, BOTTOM = 4, 2   # groups listed in a table of many groups (the chart shows them all)


def _t(lang: str) -> dict:
    return load(lang)["survey"]


def _dec(v: View) -> int:
    cols = v.table.columns
    vals = [cols[p].values[r] for p in v.periods for r in v.rows if cols[p].values[r] is not None][:400]
    kind = cols[v.latest].kind
    return max(1, decimals_for(vals, kind)) if kind == "percent" else decimals_for(vals, kind)


def _source(table: Table, lang: str, cite: str) -> str:
    # The publisher's credit line, to its first sentence (the disclosure-review boilerplate stays in the file).
    src = _FIRST_SENTENCE.split(table.source or table.provenance.file_name)[0].rstrip(".")
    return load(lang)["doc"]["chart_source"].format(source=src, cite=cite)


def survey_table_title(table: Table, lang: str) -> str:
    v = view_of(table)
    t = _t(lang)
    if v is None or v.latest is None:
        return table.title
    if v.group is None or _single(v):
        return t["table_periods"].format(answer=v.answer)
    return t["table_groups"].format(answer=v.answer, groups=table.columns[v.group].name,
                                    p0=period_short(table, v.periods[0], lang),
                                    p1=period_short(table, v.latest, lang))


def _single(v: View) -> bool:
    cols = v.table.columns
    return len([r for r in v.members if cols[v.latest].values[r] is not None]) < 2


def _row(v: View) -> int | None:
    last = v.table.columns[v.latest]
    if v.bench is not None and last.values[v.bench] is not None:
        return v.bench
    return next((r for r in v.rows if last.values[r] is not None), None)


def survey_chart(table: Table, lang: str):
    v = view_of(table)
    if v is None or v.latest is None:
        return None
    t, cols, dec = _t(lang), table.columns, _dec(v)
    last = cols[v.latest]
    scale = 100.0 if last.kind == "percent" else 1.0
    unit = "%" if last.kind == "percent" else last.unit
    if _single(v):
        r = _row(v)
        if r is None or len(v.periods) < 2:
            return None
        vals = tuple(None if cols[p].values[r] is None else cols[p].values[r] * scale for p in v.periods)
        texts = tuple("" if cols[p].values[r] is None else
                      fmt_value(cols[p].values[r], cols[p].kind, cols[p].unit, lang, dec, short=True) for p in v.periods)
        name = v.label(r, lang) or v.answer
        cite = table.cite_row(r, tuple(v.periods))
        return LineChart(title=t["chart_trend"].format(answer=v.answer),
                         periods=tuple(period_short(table, p, lang) for p in v.periods),
                         series=(Series(name, vals, texts),), unit=unit,
                         source=_source(table, lang, cite), highlight=(0,))
    rows = sorted((r for r in v.members if last.values[r] is not None), key=lambda r: -last.values[r])
    if len(rows) > MAX_BARS:
        rows = rows[:MAX_BARS - 4] + rows[-4:]      # the top and the bottom; the table cites the rest
    errors = ()
    src = _source(table, lang, table.cite_column(v.latest))
    if last.errors and any(last.error(r) is not None for r in rows):
        z = z_value(lang)
        errors = tuple(None if last.error(r) is None else z * last.error(r) * scale for r in rows)
        src = f"{load(lang)['doc']['moe_note']} {src}"
    bench = bench_label = None
    if v.bench is not None and last.values[v.bench] is not None:
        bench = last.values[v.bench] * scale
        bench_label = f"{v.label(v.bench, lang)} {fmt_value(last.values[v.bench], last.kind, last.unit, lang, dec, short=True)}"
    return BarChart(
        title=t["chart_rank"].format(answer=v.answer, p1=period_text(table, v.latest, lang)),
        labels=tuple(v.label(r, lang) for r in rows),
        values=tuple(last.values[r] * scale for r in rows),
        value_texts=tuple(fmt_value(last.values[r], last.kind, last.unit, lang, dec, last.bound(r), short=True)
                          for r in rows),
        unit=unit, source=src, benchmark=bench, benchmark_label=bench_label or "", highlight=(0,), errors=errors)


def survey_cells(table: Table, lang: str):
    """(header, rows, align, cite) of the summary table, or None when the table is not a survey table."""
    v = view_of(table)
    if v is None or v.latest is None:
        return None
    t, cols, dec = _t(lang), table.columns, _dec(v)
    missing = load(lang)["doc"]["missing"]
    z = z_value(lang)

    def cell(p: int, r: int) -> str:
        c = cols[p]
        if c.values[r] is None:
            return (c.notes[r] if c.notes and c.notes[r] else missing)
        return fmt_value(c.values[r], c.kind, c.unit, lang, dec, c.bound(r), short=True)

    def moe(p: int, r: int) -> str:
        c = cols[p]
        e = c.error(r)
        return missing if e is None or c.values[r] is None else fmt_value(z * e, c.kind, c.unit, lang, dec, short=True)

    if _single(v):
        r = _row(v)
        if r is None:
            return None
        ps = list(reversed(v.periods))[:RECENT]
        if v.periods[0] not in ps:
            ps.append(v.periods[0])
        header = (t["col_period"], t["col_collected"], t["col_share"].format(answer=v.answer), t["col_moe"])
        rows = []
        for p in ps:
            info = table.period(p)
            when = date_range(info.start, info.end, lang) if info is not None and info.start else ""
            rows.append((period_short(table, p, lang), when, cell(p, r), moe(p, r)))
        return header, tuple(rows), ("left", "left", "right", "right"), table.cite_row(r, tuple(v.periods))
    first = v.periods[0]
    g = cols[v.group]
    order = sorted((r for r in v.members if cols[v.latest].values[r] is not None),
                   key=lambda r: -cols[v.latest].values[r])
    if len(order) > TOP + BOTTOM + 2:
        # The chart ranks every group; the table gives the top and the bottom with their first period.
        order = order[:TOP] + order[-BOTTOM:]
    order = ([v.bench] if v.bench is not None else []) + order + list(v.special)
    header = (g.name, period_short(table, first, lang), period_short(table, v.latest, lang), t["col_moe"])
    rows = tuple((v.label(r, lang), cell(first, r), cell(v.latest, r), moe(v.latest, r)) for r in order[:MAX_ROWS])
    return header, rows, ("left", "right", "right", "right"), table.cite_column(v.latest)
