"""Charts and tables for series tables: what the findings say, never every period x row.

The headline (total, benchmark or sum of the lines) over the whole periods as a line (a monthly series
of decades as one point a year, in the latest month); the members ranked on the latest period as
bars with the benchmark drawn as a line; a short table of the benchmark, the top and bottom members
and the rows outside the benchmark's membership, on the first, previous and latest periods (and a
partial period apart). The full table is cited by its cells.
"""
from __future__ import annotations

from briefing.analysis.numbers import fmt_value
from briefing.analysis.phrasing import load
from briefing.analysis.series_insights import SeriesView, _dates, _dec, amount, money_parts, period_name, \
    row_name, view_of
from briefing.compose.blocks import BarChart, LineChart, Para, Series, TableBlock

MAX_BARS = 14
TOP, BOTTOM = 6, 3
MAX_POINTS = 60


def _source(v: SeriesView, lang: str, cite: str) -> str:
    src = v.table.source or v.table.provenance.file_name
    return load(lang)["doc"]["chart_source"].format(source=src, cite=cite)


def _display(v: SeriesView, col: int):
    """(divisor, unit label) to draw the values of `col`: percent points, or money in a round unit."""
    c = v.table.columns[col]
    if c.kind == "percent":
        return 0.01, "%"
    mp = money_parts(c.unit)
    if mp:
        vals = [x for x in c.values if x is not None]
        top = max((abs(x) for x in vals), default=0) * mp[1]
        for lim, word in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
            if top >= lim * 10 or lim == 1e3:
                return lim / mp[1], f"{mp[0]} {word}"
    return 1.0, c.unit


def _cell(v: SeriesView, c: int, r: int, lang: str, dec: int) -> str:
    col = v.table.columns[c]
    x = col.values[r]
    if x is None:
        return (col.notes[r] if col.notes and col.notes[r] else load(lang)["doc"]["missing"])
    text = fmt_value(x, "percent", "", lang, dec) if col.kind == "percent" else \
        amount(x, col.unit, lang) if money_parts(col.unit) else fmt_value(x, col.kind, col.unit, lang, dec)
    if col.notes and col.notes[r]:
        text += f" ({col.notes[r]})"
    return text


def series_blocks(table, lang: str, ref) -> list:
    v = view_of(table)
    if v is None:
        return []
    t = load(lang)["series"]
    doc = load(lang)["doc"]
    cols = table.columns
    dec = _dec(v)
    out: list = []
    whole = [c for c in v.whole if any(cols[c].values[r] is not None for r in range(table.n_rows))]
    if not whole:
        return out
    latest = whole[-1]
    measure = table.title
    # The headline over time.
    head_row = v.bench
    derived = head_row is None and cols[latest].kind != "percent" and len(v.members) >= 2
    if len(whole) >= 3 and (head_row is not None or derived):
        pts = whole
        if len(pts) > MAX_POINTS and v.monthly:
            month = _dates(table, latest)[1].month
            pts = [c for c in pts if _dates(table, c)[1].month == month]
        div, unit = _display(v, latest)
        vals, texts, labels = [], [], []
        for c in pts:
            x = cols[c].values[head_row] if head_row is not None else \
                sum(cols[c].values[r] for r in v.members if cols[c].values[r] is not None)
            vals.append(None if x is None else x / div)
            texts.append("" if x is None else fmt_value(x / div, "number", "", lang, 1 if abs(x / div) < 100 else 0))
            labels.append(str(_dates(table, c)[1].year) if v.monthly or _dates(table, c)[0].month == 1
                          else cols[c].name)
        name = row_name(v, head_row, lang) if head_row is not None else t["total_of"].format(measure="").strip()
        cite = table.cite_row(head_row, tuple(pts)) if head_row is not None else table.provenance.cite()
        title = measure if not (v.monthly and len(pts) < len(whole)) else \
            f"{measure} ({period_name(v, latest, lang, True).replace(str(_dates(table, latest)[1].year), '').strip()})"
        out.append(LineChart(title=f"{title} ({unit})" if unit and unit != "%" else title, periods=tuple(labels),
                             series=(Series(name, tuple(vals), tuple(texts)),), unit=unit if unit == "%" else "",
                             source=_source(v, lang, cite if len(cite) < 80 else table.provenance.cite()),
                             highlight=(0,)))
    # The members ranked on the latest period.
    ranked = sorted((r for r in v.members if cols[latest].values[r] is not None), key=lambda r: -cols[latest].values[r])
    if len(ranked) >= 3 and (len(whole) < 3 or cols[latest].kind == "percent" or head_row is not None):
        rows = ranked if len(ranked) <= MAX_BARS else ranked[:MAX_BARS - 4] + ranked[-4:]
        div, unit = _display(v, latest)
        bench = None
        bench_label = ""
        if v.bench is not None and cols[latest].values[v.bench] is not None and cols[latest].kind == "percent":
            bench = cols[latest].values[v.bench] / div
            bench_label = f"{row_name(v, v.bench, lang)} {_cell(v, latest, v.bench, lang, dec)}"
        out.append(BarChart(
            title=t["chart_rank"].format(measure=measure, period=period_name(v, latest, lang, True)),
            labels=tuple(row_name(v, r, lang) for r in rows),
            values=tuple(cols[latest].values[r] / div for r in rows),
            value_texts=tuple(fmt_value(cols[latest].values[r] / div, "number", "", lang,
                                        dec if unit == "%" else 2) + ("%" if unit == "%" else "") for r in rows),
            unit=unit, source=_source(v, lang, table.cite_column(latest)), benchmark=bench,
            benchmark_label=bench_label, highlight=(0,)))
    # A short table: the benchmark, the top and bottom members, the rows outside; a few periods.
    shown_p = []
    for c in (whole[0], whole[-2] if len(whole) >= 2 else None, latest, *v.partial):
        if c is not None and c not in shown_p:
            shown_p.append(c)
    if v.monthly:
        prev = next((c for c in reversed(whole) if _dates(table, c)[1].month == _dates(table, latest)[1].month
                     and _dates(table, c)[1].year == _dates(table, latest)[1].year - 1), None)
        shown_p = [c for c in (whole[-2], prev, latest) if c is not None]
        shown_p = sorted(dict.fromkeys(shown_p), key=lambda c: _dates(table, c)[1])
    order = ranked if len(ranked) <= TOP + BOTTOM + 2 else ranked[:TOP] + ranked[-BOTTOM:]
    rows_idx = ([v.bench] if v.bench is not None else []) + order + [r for r in v.outside]
    months = load(lang)["months"]["short"]
    header = (cols[v.label].name, *[load(lang)["months"]["month_year"].format(
        month=months[_dates(table, c)[1].month - 1], year=_dates(table, c)[1].year) if v.monthly
        else period_name(v, c, lang, True) for c in shown_p])
    body = [(row_name(v, r, lang) + (f" ({t.get('outside_mark', 'outside')})" if r in v.outside else ""),
             *[_cell(v, c, r, lang, dec) for c in shown_p]) for r in rows_idx]
    if derived:
        body.insert(0, (t["total_of"].format(measure="").strip(),
                        *[amount(sum(cols[c].values[r] for r in v.members if cols[c].values[r] is not None),
                                 cols[c].unit, lang) for c in shown_p]))
    cite = table.provenance.cite()
    notes = tuple(table.notes[:6])
    if len(rows_idx) < table.n_rows:
        notes += (t["rows_note"].format(shown=len(rows_idx), n=table.n_rows, cite=cite),)
    out.append(TableBlock(title=t["table_title"].format(title=measure), header=header, rows=tuple(body),
                          align=("left",) + ("right",) * len(shown_p),
                          col_weights=(3.0,) + (1.2,) * len(shown_p),
                          source=f"{doc['data_cells'].format(cite=cite)} [{ref(cite)}]", notes=notes))
    if table.subtitle:
        out.insert(0, Para(table.subtitle, "note"))
    return out
