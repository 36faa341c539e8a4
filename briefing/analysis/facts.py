"""Findings for indicator tables (one fact per row, unit per row) and for lists of names."""
from __future__ import annotations

from collections import OrderedDict

from briefing.analysis.numbers import decimals_for, fmt_date, fmt_value
from briefing.analysis.phrasing import join, load, say
from briefing.analysis.shape import Shape
from briefing.model import Finding, Table


def indicator_findings(table: Table, shape: Shape, theme: str, lang: str) -> list[Finding]:
    if shape.label is None:
        return []   # no column names the rows: nothing a sentence could say "of what"
    col_i = shape.values[0]
    col = table.columns[col_i]
    labels = table.columns[shape.label].values
    units = table.columns[shape.unit].values
    indicator_col = shape.texts[0] if shape.texts else None
    key = f"{theme}|{table.title}"
    out = []
    for r, v in enumerate(col.values):
        if v is None:
            continue
        unit = str(units[r] or "")
        kind = "percent" if unit == "%" else "money" if unit else "number"
        value = fmt_value(v, kind, unit, lang, decimals_for([v], kind), col.bound(r))
        indicator = str(table.columns[indicator_col].values[r]) if indicator_col is not None else col.name
        when = ""
        if shape.date is not None and table.columns[shape.date].values[r] is not None:
            when = say(lang, "findings", "fact_when", when=fmt_date(table.columns[shape.date].values[r], lang, True))
        indicator_text = indicator[:1].lower() + indicator[1:] if lang == "en" and indicator[1:2].islower() else indicator
        out.append(Finding(
            f"{key}|fact|{labels[r]}|{indicator}", theme, table.key, "fact",
            say(lang, "findings", "fact", label=labels[r], indicator=indicator_text, value=value, when=when),
            fmt_value(v, kind, unit, lang, decimals_for([v], kind), col.bound(r), short=True),
            say(lang, "findings", "callout_label", label=labels[r], measure=indicator_text), (table.cite_row(r),),
            0.9 if kind == "money" else 0.75))
    return out


def list_findings(table: Table, shape: Shape, theme: str, lang: str) -> list[Finding]:
    labels = table.columns[shape.label].values
    rows = [r for r, v in enumerate(labels) if v]
    if not rows:
        return []
    key = f"{theme}|{table.title}"
    # A short text column with few distinct values groups the list ("Big tech: Baidu, Alibaba").
    group_col = next((i for i in shape.texts
                      if 1 < len({table.columns[i].values[r] for r in rows}) <= max(2, len(rows) // 2)
                      and all(len(str(table.columns[i].values[r] or "")) <= 24 for r in rows)), None)
    if group_col is not None:
        groups: OrderedDict[str, list[str]] = OrderedDict()
        for r in rows:
            groups.setdefault(str(table.columns[group_col].values[r] or ""), []).append(str(labels[r]))
        items = load(lang)["findings"]["join_groups"].join(
            say(lang, "findings", "list_grouped", group=g, items=join(lang, ls)) for g, ls in groups.items())
    else:
        items = join(lang, [str(labels[r]) for r in rows])
    out = [Finding(f"{key}|list", theme, table.key, "list",
                   say(lang, "findings", "list", title=table.title, items=items),
                   cites=(table.cite_column(shape.label),), weight=0.6)]
    note_col = max((i for i in shape.texts if i != group_col),
                   key=lambda i: sum(len(str(v or "")) for v in table.columns[i].values), default=None)
    if note_col is not None:
        for r in rows[:8]:
            note = table.columns[note_col].values[r]
            if note and len(str(note)) > 24:
                out.append(Finding(f"{key}|note|{labels[r]}", theme, table.key, "fact",
                                   say(lang, "findings", "list_item_note", label=labels[r], note=note),
                                   cites=(table.cite_row(r),), weight=0.45))
    return out
