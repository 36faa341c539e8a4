"""Charts and tables for pollsters' cross-tabs and count tables: the answer the findings are about, by
group, ranked with its margin of error; a short table of the answers (NET rows left out, named in a note)
or of the groups at the top and the bottom of each segment, with the shares' bases when they were
computed from counts. Never every answer x banner column.
"""
from __future__ import annotations

import math

from briefing.analysis.crosstab import (XView, _segments, answer_phrase, fmt_share, groups_word, is_non_answer,
                                        substantive_of, view_of)
from briefing.analysis.phrasing import load
from briefing.analysis.stats import z_value
from briefing.compose.blocks import BarChart, Para, TableBlock
from briefing.compose.text import CELL_CHARS, NOTE_CHARS, clip
from briefing.model import Table

MAX_BARS = 30
MAX_COLS = 9          # group columns in the answers table
TOP, BOTTOM = 5, 3    # groups listed per segment in a table of groups


def _t(lang: str) -> dict:
    return load(lang)["crosstab"]


def _focus(v: XView) -> int | None:
    """The answer the chart shows: the substantive one, else the answer most often first."""
    sub, _ = substantive_of(v)
    if sub is not None:
        return sub
    real = [a for a in v.answers if not is_non_answer(v.answer_label(a, "en"))]
    if not real:
        return None
    firsts: dict[int, int] = {}
    for g in v.groups:
        vals = [a for a in real if v.share(a, g) is not None]
        if vals:
            a = max(vals, key=lambda a: v.share(a, g))
            firsts[a] = firsts.get(a, 0) + 1
    return max(firsts, key=lambda a: (firsts[a], -a)) if firsts else None


def _source(table: Table, lang: str, cite: str) -> str:
    src = table.source or table.provenance.file_name
    return load(lang)["doc"]["chart_source"].format(source=clip(src, NOTE_CHARS), cite=cite)


def crosstab_heading(table: Table, lang: str = "en") -> str:
    """The question as a heading: without its code, with the battery item it asks about."""
    from briefing.analysis.crosstab import _question
    from briefing.analysis.crosstab import _stem
    q = _question(table) or table.title
    if q in (table.provenance.file_name, _stem(table), table.sheet):
        # No question in the file: say what the table measures.
        v = view_of(table)
        a = _focus(v) if v is not None else None
        if a is not None:
            t = _t(lang)
            what = answer_phrase(v, a, lang)
            word = groups_word(v, lang, 2)
            q = t["heading_noq"].format(what=what[:1].upper() + what[1:],
                                        by=t["by_" + ("country" if word == t["countries"] else "group")])
    return f"{q} ({table.subtitle})" if table.subtitle else q


FULL = 3   # cross-tabs of a section shown with their table; the later ones with their chart only


def crosstab_blocks(table: Table, lang: str, ref, index: int = 0) -> list:
    """Chart and table of one cross-tab; `ref(cite)` gives the appendix reference of a citation. Past the
    first FULL cross-tabs of a section only the chart is shown, citing the table's cells (the briefing
    stays short; the cells are in the appendix)."""
    v = view_of(table)
    if v is None or len(v.groups) < 2:
        return []
    a = _focus(v)
    if a is None:
        return []
    t, doc = _t(lang), load(lang)["doc"]
    out: list = []
    chart = _chart(v, a, lang)
    if chart is not None:
        out.append(chart)
        if index >= FULL:
            cite = table.provenance.cite()
            return out + [Para(f"{load(lang)['doc']['data_cells'].format(cite=cite)} [{ref(cite)}]", "note")]
    header, rows, align, title, nets = _answers_table(v, lang) if v.in_rows else _groups_table(v, a, lang)
    notes = []
    if nets:
        notes.append(t["net_note"].format(rows=", ".join(f"“{clip(v.answer_label(r, lang), 40)}”" for r in nets)))
    if table.multi_choice:
        notes.append(t["multi_note"])
    if table.derivation:
        notes.append(t["derived_note"].format(cells=table.provenance.cite()))
    cite = table.provenance.cite()
    # Each group column as wide as its longest word needs (no "Singa-pore"), the answers the rest.
    weights = (100.0,) + tuple(14 + 7.5 * max([len(w) for w in h.split()] + [4]) for h in header[1:]) \
        if v.in_rows else ()
    out.append(TableBlock(title=title, header=header, rows=rows, align=align, col_weights=weights,
                          source=f"{doc['data_cells'].format(cite=cite)} [{ref(cite)}]",
                          notes=tuple(clip(n, NOTE_CHARS) for n in notes)))
    return out


def _chart(v: XView, a: int, lang: str) -> BarChart | None:
    t = _t(lang)
    segs = _segments(v, lang)
    gs = [g for g in segs[0][1] if v.share(a, g) is not None]
    if len(gs) < 2:
        return None
    gs.sort(key=lambda g: -v.share(a, g))
    if len(gs) > MAX_BARS:
        gs = gs[:MAX_BARS - 5] + gs[-5:]
    z = z_value(lang)
    errors = []
    for g in gs:
        p, n = v.share(a, g), v.base(a, g)
        errors.append(None if not n else z * math.sqrt(max(p * (1 - p), 0) / n) * 100)
    # "by country", "按国家": the singular (the plural word carries Chinese's measure word, "个国家").
    word = t["country"] if groups_word(v, lang, len(gs)) == t["countries"] else t["group"]
    label = segs[0][2] if segs[0][0] == "in" else word
    sub, _ = substantive_of(v)
    title = (t["chart_rank"].format(what=answer_phrase(v, a, lang), groups=label) if sub is not None
             else t["chart_answer"].format(answer=clip(v.answer_label(a, lang), 80), groups=label))
    bench = bench_label = None
    if v.total is not None and v.share(a, v.total) is not None:
        bench = v.share(a, v.total) * 100
        bench_label = f"{v.group_label(v.total, lang, article=False)} {fmt_share(v, a, v.total, lang)}"
    cite = v.cell(a, gs[0]).split("!")[0] + "!" if "!" in v.cell(a, gs[0]) else ""
    return BarChart(
        title=title[:1].upper() + title[1:],
        labels=tuple(clip(v.group_label(g, lang, article=False), 40) for g in gs),
        values=tuple(v.share(a, g) * 100 for g in gs),
        value_texts=tuple(fmt_share(v, a, g, lang) for g in gs),
        unit="%", source=f"{load(lang)['doc']['moe_note']} " + _source(v.table, lang, v.table.provenance.cite()),
        benchmark=bench, benchmark_label=bench_label or "", highlight=(0,), errors=tuple(errors))


def _answers_table(v: XView, lang: str):
    t = _t(lang)
    cols = ([v.total] if v.total is not None else []) + list(v.groups)
    cols = cols[:MAX_COLS]
    header = (t["col_answer"],) + tuple(clip(v.group_label(g, lang, article=False), 24) for g in cols)
    sub, _ = substantive_of(v)
    if sub is None:
        # Unordered answers: the most chosen first, non-answers last.
        order = sorted(v.answers, key=lambda a: (is_non_answer(v.answer_label(a, "en")), -(v.share(a, cols[0]) or 0)))
    else:
        # A scale: in the pollster's order, then the NET the findings are about.
        order = list(v.answers) + [sub]
    missing = load(lang)["doc"]["missing"]
    rows = tuple((clip(v.answer_label(a, lang), CELL_CHARS) + (t["net_mark"] if a in v.nets else ""),) + tuple(
        fmt_share(v, a, g, lang) if v.share(a, g) is not None else missing for g in cols) for a in order)
    word = t["by_" + ("country" if groups_word(v, lang, 2) == t["countries"] else "group")]
    nets = [r for r in v.nets if r != sub]
    return header, rows, ("left",) + ("right",) * len(cols), t["table_title"].format(by=word), nets


def _groups_table(v: XView, a: int, lang: str):
    t = _t(lang)
    _, opp = substantive_of(v)
    shown: list[int] = []
    for seg, gs, label, _ in _segments(v, lang):
        ranked = sorted((g for g in gs if v.share(a, g) is not None), key=lambda g: -v.share(a, g))
        pick = ranked if len(ranked) <= TOP + BOTTOM + 1 else ranked[:TOP] + ranked[-BOTTOM:]
        shown += pick
    shown += [r for r in v.special]
    word = groups_word(v, lang, len(shown))
    cols = [answer_phrase(v, a, lang)]
    if opp is not None:
        cols.append(answer_phrase(v, opp, lang))
    single = t["country"] if word == t["countries"] else t["group"]
    header = (single[:1].upper() + single[1:],) + tuple(c[:1].upper() + c[1:] for c in cols) + (t["col_base"],)
    gcol = v.table.role("group")
    rows = []
    for g in shown:
        raw = str(v.table.columns[gcol].values[g])
        label = v.group_label(g, lang, article=False)
        label = label if label == raw else f"{label} ({raw})"
        cells = [fmt_share(v, a, g, lang, True)]
        if opp is not None:
            cells.append(fmt_share(v, opp, g, lang, True))
        n = v.base(a, g)
        rows.append((clip(label, CELL_CHARS), *cells, f"{n:,}" if n else load(lang)["doc"]["missing"]))
    return header, tuple(rows), ("left",) + ("right",) * (len(header) - 1), \
        t["table_groups"].format(what=answer_phrase(v, a, lang), by=t["by_" + ("country" if single == t["country"] else "group")]), ()
