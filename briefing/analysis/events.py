"""Findings for a dated table: the events in order, in one overview sentence.

The events one by one are left to the timeline chart and the table, which show them
with their details; a finding per event only repeated them.
"""
from __future__ import annotations

from briefing.analysis.numbers import fmt_date
from briefing.analysis import derive
from briefing.analysis.phrasing import join, name, say
from briefing.analysis.shape import Shape
from briefing.ingest.periods import sort_key
from briefing.model import Finding, Table


# A sentence names the events of a short timeline; a long one is summed up by its span and count.
MAX_NAMED_EVENTS = 8


def ordered_rows(table: Table, shape: Shape) -> list[int]:
    dates = table.columns[shape.date].values
    return sorted((r for r, v in enumerate(dates) if v is not None), key=lambda r: (sort_key(dates[r]), r))


def timeline_findings(table: Table, shape: Shape, theme: str, lang: str) -> list[Finding]:
    rows = ordered_rows(table, shape)
    if not rows:
        return []
    dates = table.columns[shape.date].values
    labels = table.columns[shape.label].values
    key = f"{theme}|{table.title}"
    out = []
    named = rows if len(rows) <= MAX_NAMED_EVENTS else rows[:MAX_NAMED_EVENTS - 1] + rows[-1:]
    items = [say(lang, "findings", "timeline_item", label=name(lang, str(labels[r])), when=fmt_date(dates[r], lang))
             for r in named]
    if len(named) < len(rows):
        items.insert(-1, say(lang, "findings_extra", "more_events", n=len(rows) - len(named)))
    if len(rows) >= 2:
        out.append(Finding(f"{key}|timeline", theme, table.key, "timeline", say(
            lang, "findings", "timeline_overview", n=len(rows), first=fmt_date(dates[rows[0]], lang),
            last=fmt_date(dates[rows[-1]], lang), items=join(lang, items)),
            cites=(table.cite_column(shape.date),), weight=0.8,
            derivation=derive.count(lang, len(rows), table.cite_column(shape.date).rpartition("!")[2], "count_events")))
    return out
