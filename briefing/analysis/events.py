"""Findings for a dated table: the events in order, with an overview sentence."""
from __future__ import annotations

from briefing.analysis.numbers import fmt_date
from briefing.analysis.phrasing import join, say
from briefing.analysis.shape import Shape
from briefing.ingest.values import sort_key
from briefing.model import Finding, Table


def ordered_rows(table: Table, shape: Shape) -> list[int]:
    dates = table.columns[shape.date].values
    return sorted((r for r, v in enumerate(dates) if v is not None), key=lambda r: (sort_key(dates[r]), r))


def timeline_findings(table: Table, shape: Shape, theme: str, lang: str) -> list[Finding]:
    rows = ordered_rows(table, shape)
    if not rows:
        return []
    dates = table.columns[shape.date].values
    labels = table.columns[shape.label].values
    what_col = shape.texts[0] if shape.texts else None
    detail_col = shape.texts[1] if len(shape.texts) > 1 else None
    key = f"{theme}|{table.title}"
    out = []
    items = [say(lang, "findings", "timeline_item", label=labels[r], when=fmt_date(dates[r], lang)) for r in rows]
    if len(rows) >= 2:
        out.append(Finding(f"{key}|timeline", theme, table.key, "timeline", say(
            lang, "findings", "timeline_overview", n=len(rows), first=fmt_date(dates[rows[0]], lang),
            last=fmt_date(dates[rows[-1]], lang), items=join(lang, items)),
            cites=(table.cite_column(shape.date),), weight=0.8))
    for r in rows:
        what = table.columns[what_col].values[r] if what_col is not None else ""
        detail = table.columns[detail_col].values[r] if detail_col is not None else ""
        template = "timeline_event_detail" if detail else "timeline_event"
        out.append(Finding(f"{key}|event|{labels[r]}|{what}", theme, table.key, "event", say(
            lang, "findings", template, when=fmt_date(dates[r], lang), label=labels[r],
            what=what or "", detail=_lower_first_word(detail or "")),
            cites=(table.cite_row(r),), weight=0.4))
    return out


def _lower_first_word(s: str) -> str:
    return s[:1].lower() + s[1:] if s[:1].isupper() and s[1:2].islower() else s
