"""Laying out the briefing: cover, summary, contents, a section per theme, provenance appendix."""
from __future__ import annotations

import datetime as dt
from typing import Mapping, Sequence

from briefing.analysis.numbers import iso_to_text
from briefing.analysis.phrasing import join, load
from briefing.analysis import clean_table, table_findings
from briefing.analysis.shape import shape_of
from briefing.compose.blocks import (Callout, Callouts, Contents, Cover, DocMeta, Document, FindingItem, Findings,
                                     Heading, PageBreak, Para, Summary, SummaryItem, TableBlock)
from briefing.compose.cells import not_number_note, rows_note, small_base_note, table_cells
from briefing.compose.charts import chart_for, source_line
from briefing.model import BriefingSpec, Finding, Table, Theme

MAX_CALLOUTS = 4
MAX_FINDINGS_PER_TABLE = 4


class _Refs:
    """Numbers each cited cell range once ([A1], [A2], ...) for the appendix."""

    def __init__(self):
        self.order: list[tuple[str, str, str]] = []   # (ref, cite, table key)
        self._by_cite: dict[str, str] = {}
        self.used_for: dict[str, list[str]] = {}

    def ref(self, cite: str, table_key: str, theme_title: str) -> str:
        if cite not in self._by_cite:
            self._by_cite[cite] = f"A{len(self.order) + 1}"
            self.order.append((self._by_cite[cite], cite, table_key))
        uses = self.used_for.setdefault(cite, [])
        if theme_title not in uses:
            uses.append(theme_title)
        return self._by_cite[cite]


def compose(spec: BriefingSpec, themes: Sequence[Theme], tables_by_theme: Mapping[str, Sequence[Table]],
            findings: Mapping[str, Sequence[Finding]], edited: frozenset[str] = frozenset()) -> Document:
    lang = spec.lang
    doc = load(lang)["doc"]
    # NaN and infinite values are missing in charts and tables too, however the tables were made.
    tables_by_theme = {k: [clean_table(t) for t in ts] for k, ts in tables_by_theme.items()}
    date_iso = spec.date or dt.date.today().isoformat()
    date_text = iso_to_text(date_iso, lang)
    titles = [t.title(lang) for t in themes]
    who = ", ".join(x for x in (spec.author, spec.organisation) if x)
    meta = DocMeta(
        title=spec.title, subtitle=spec.subtitle, author=who, organisation=spec.organisation,
        date_text=date_text, date_iso=date_iso, lang=lang, classification=spec.classification,
        subject=doc["subject"].format(themes=join(lang, titles)), keywords=tuple(titles),
        labels={"page_of": doc["page_of"], "contents": doc["contents"], "key_findings": doc["key_findings"],
                "edited": doc["edited_mark"]})
    refs = _Refs()
    blocks: list = [
        Cover(spec.title, spec.subtitle, date_text, spec.author, spec.organisation, spec.classification,
              doc["themes_covered"].format(themes=join(lang, titles))),
        PageBreak(),
    ]
    sections: list = []
    summary_items, callouts = [], []
    for theme in themes:
        anchor = f"sec-{theme.key}"
        fs = list(findings.get(theme.key, ()))
        tables = list(tables_by_theme.get(theme.key, ()))
        sections += [PageBreak(), Heading(theme.title(lang), 1, anchor)]
        if not fs:
            sections.append(Para(doc["no_findings"], "note"))
        ranked = sorted(fs, key=lambda f: -f.weight)
        rest = fs
        if ranked:
            # One idea per section, stated first; its table leads the section.
            top = ranked[0]
            summary_items.append(SummaryItem(theme.title(lang), top.text, anchor))
            callouts += [(f, anchor, doc["callout"].format(theme=theme.title(lang), label=f.headline_label))
                         for f in ranked if f.headline and f.headline_label][:1]
            sections.append(Para(top.text, "lead", ref=_ref_text(refs, top, theme.title(lang))))
            tables.sort(key=lambda t: t.key != top.table_key)
            # Findings follow the order of the tables they come from, so they read with the charts.
            order = {t.key: i for i, t in enumerate(tables)}
            rest = sorted((f for f in fs if f is not top), key=lambda f: (order.get(f.table_key, 99), -f.weight))
            # A few findings per table, the weightiest (and any the user edited); the table has the rest.
            seen: dict[str, int] = {top.table_key: 1}
            kept = []
            for f in rest:
                seen[f.table_key] = seen.get(f.table_key, 0) + 1
                if seen[f.table_key] <= MAX_FINDINGS_PER_TABLE or f.key in edited:
                    kept.append(f)
            rest = kept
        items = tuple(FindingItem(f.text, _ref_text(refs, f, theme.title(lang)), f.key in edited) for f in rest)
        if items:
            sections.append(Findings(items, doc["key_findings"]))
        for i, table in enumerate(tables):
            sections += _table_section(table, lang, f"{anchor}-t{i + 1}", refs, theme.title(lang))
    if callouts:
        blocks.append(Heading(doc["summary"], 0, "summary"))
        blocks.append(Callouts(tuple(Callout(f.headline, text, a) for f, a, text in callouts[:MAX_CALLOUTS])))
    else:
        blocks.append(Heading(doc["summary"], 0, "summary"))
    blocks += [Para(doc["summary_intro"], "note"), Summary(tuple(summary_items)),
               Contents(doc["contents"])]
    blocks += sections
    blocks += _appendix(refs, tables_by_theme, lang)
    return Document(meta, tuple(blocks))


def _ref_text(refs: _Refs, f: Finding, theme_title: str) -> str:
    return "[" + ", ".join(refs.ref(c, f.table_key, theme_title) for c in f.cites) + "]" if f.cites else ""


def _table_section(table: Table, lang: str, anchor: str, refs: _Refs, theme_title: str) -> list:
    doc = load(lang)["doc"]
    shape = shape_of(table, lang)
    out: list = [Heading(table.title, 2, anchor)]
    if shape.kind == "indicator":
        facts = [f for f in table_findings(table, "", lang) if f.headline]
        if facts:
            out.append(Callouts(tuple(Callout(f.headline, f.headline_label) for f in facts[:MAX_CALLOUTS])))
    chart = chart_for(table, shape, lang)
    if chart is not None:
        out.append(chart)
    elif table.subtitle:
        out.append(Para(table.subtitle, "note"))
    header, rows, align = table_cells(table, shape, lang)
    ref = refs.ref(table.provenance.cite(), table.key, theme_title)
    # Under a chart the source was just given; the table then only says which cells it shows.
    source = (doc["data_cells"].format(cite=table.provenance.cite()) if chart is not None
              else source_line(table, lang, table.provenance.cite()))
    out.append(TableBlock(
        title=doc["table_title"].format(title=table.title), header=header, rows=rows, align=align,
        source=f"{source} [{ref}]",
        notes=table.notes + tuple(n for n in (not_number_note(table, lang), small_base_note(table, lang),
                                              rows_note(table, lang)) if n)))
    return out


def _appendix(refs: _Refs, tables_by_theme: Mapping[str, Sequence[Table]], lang: str) -> list:
    doc = load(lang)["doc"]
    tables = {t.key: t for ts in tables_by_theme.values() for t in ts}
    files: dict[str, tuple[str, str, list[str]]] = {}
    for t in tables.values():
        name, sha, sheets = files.setdefault(t.provenance.path, (t.provenance.file_name, t.provenance.sha256, []))
        if t.sheet not in sheets:
            sheets.append(t.sheet)
    file_rows = tuple((name, ", ".join(s for s in sheets if s), sha) for name, sha, sheets in files.values())
    cell_rows = tuple(
        (ref, tables[key].title if key in tables else "", tables[key].provenance.file_name if key in tables else "",
         cite, ", ".join(refs.used_for.get(cite, ())))
        for ref, cite, key in refs.order)
    return [
        PageBreak(),
        Heading(doc["appendix"], 0, "appendix"),
        Para(doc["appendix_intro"], "note"),
        TableBlock(doc["appendix_files"], (doc["col_file"], doc["col_sheet"], doc["col_sha"]), file_rows,
                   ("left", "left", "left"), col_weights=(2.2, 2.0, 4.0), style="appendix"),
        TableBlock(doc["appendix_cells"], (doc["col_ref"], doc["col_table"], doc["col_file"], doc["col_cells"],
                                           doc["col_used_for"]), cell_rows,
                   ("left", "left", "left", "left", "left"), col_weights=(0.6, 3.0, 2.0, 1.6, 1.8),
                   style="appendix"),
    ]
