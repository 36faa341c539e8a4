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
from briefing.compose.crosstab import crosstab_blocks, crosstab_heading
from briefing.compose.survey import survey_cells, survey_chart, survey_table_title
from briefing.compose.cells import hidden_columns, shown_columns
from briefing.compose.text import (CELL_CHARS, FULL_TEXT_CHARS, LABEL_CHARS, NOTE_CHARS, TITLE_CHARS, chunks,
                                   clip)
from briefing.model import BriefingSpec, Finding, Table, Theme
from briefing.themes.naming import named_for

MAX_CALLOUTS = 4
MAX_FINDINGS_PER_TABLE = 4
MAX_MAIN_POINTS = 6     # statistics offices' "main points": at most six, headline first
MAX_THEMES_NAMED = 4    # the cover line and the PDF Subject name this many themes, else three and "N more"


class _Refs:
    """Numbers each cited cell range once ([A1], [A2], ...) for the appendix."""

    def __init__(self):
        self.order: list[tuple[str, str, str]] = []   # (ref, cite, table key)
        self._by_cite: dict[str, str] = {}
        self.used_for: dict[str, list[str]] = {}
        self.long_cells: dict[str, str] = {}          # ref of a cell shown cut -> its whole text
        self.how: dict[str, tuple[str, str]] = {}      # finding key -> (its refs, derivation and test)

    def ref(self, cite: str, table_key: str, theme_title: str) -> str:
        if cite not in self._by_cite:
            self._by_cite[cite] = f"A{len(self.order) + 1}"
            self.order.append((self._by_cite[cite], cite, table_key))
        uses = self.used_for.setdefault(cite, [])
        if theme_title not in uses:
            uses.append(theme_title)
        return self._by_cite[cite]


def theme_list(lang: str, titles: Sequence[str]) -> str:
    """The themes for the cover line and the PDF Subject: "A, B and C"; at most MAX_THEMES_NAMED
    names ("A, B, C and 2 more"); with semicolons when a name holds the list's own "and" ("AI chips
    and export controls"), so that the last joiner is the only "and" between names."""
    words, doc = load(lang)["findings"], load(lang)["doc"]
    items = [t for t in titles if t]
    if len(items) > MAX_THEMES_NAMED:
        items = items[:MAX_THEMES_NAMED - 1] + [doc["themes_more"].format(n=len(items) - MAX_THEMES_NAMED + 1)]
    if len(items) <= 1:
        return "".join(items)
    conj = words["join_last"].strip()
    if conj and any(conj in t.split() or (" " not in words["join_last"] and conj in t) for t in items):
        return words["join_groups"].join(items[:-1]) + doc["themes_join_last_groups"] + items[-1]
    return join(lang, items)


def compose(spec: BriefingSpec, themes: Sequence[Theme], tables_by_theme: Mapping[str, Sequence[Table]],
            findings: Mapping[str, Sequence[Finding]], edited: frozenset[str] = frozenset()) -> Document:
    lang = spec.lang
    doc = load(lang)["doc"]
    # NaN and infinite values are missing in charts and tables too, however the tables were made.
    tables_by_theme = {k: [clean_table(t) for t in ts] for k, ts in tables_by_theme.items()}
    # Each section named for what its tables measure (AI use is not GenAI use).
    themes = [named_for(t, tables_by_theme.get(t.key, ())) for t in themes]
    date_iso = spec.date or dt.date.today().isoformat()
    date_text = iso_to_text(date_iso, lang)
    titles = [t.title(lang) for t in themes]
    who = ", ".join(x for x in (spec.author, spec.organisation) if x)
    meta = DocMeta(
        title=spec.title, subtitle=spec.subtitle, author=who, organisation=spec.organisation,
        date_text=date_text, date_iso=date_iso, lang=lang, classification=spec.classification,
        subject=doc["subject"].format(themes=theme_list(lang, titles)), keywords=tuple(titles),
        labels={"page_of": doc["page_of"], "contents": doc["contents"], "key_findings": doc["key_findings"],
                "edited": doc["edited_mark"]})
    refs = _Refs()
    blocks: list = [
        Cover(spec.title, spec.subtitle, date_text, spec.author, spec.organisation, spec.classification,
              # Not when the title already is the themes' names (a default title).
              "" if spec.title == join(lang, titles) else doc["themes_covered"].format(themes=theme_list(lang, titles))),
        PageBreak(),
    ]
    sections: list = []
    section_starts: list[int] = []
    summary_items, callouts = [], []
    extra: list = []        # next-best findings, for main points when there are few themes
    owners: list[tuple[str, str]] = []
    for theme in themes:
        anchor = f"sec-{theme.key}"
        fs = list(findings.get(theme.key, ()))
        tables = list(tables_by_theme.get(theme.key, ()))
        section_starts.append(len(sections))
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
            extra += [(f, theme, anchor) for f in ranked[1:] if f.weight >= 0.6]
            tables.sort(key=lambda t: t.key != top.table_key)
            # Findings follow the order of the tables they come from, so they read with the charts.
            order = {t.key: i for i, t in enumerate(tables)}
            rest = sorted((f for f in fs if f is not top), key=lambda f: (order.get(f.table_key, 99), -f.weight))
            # A few findings per table, the weightiest (and any the user edited); the table has the rest.
            seen: dict[str, int] = {top.table_key: 1}
            kept = []
            said = {top.text}
            for f in rest:
                if f.text in said and f.key not in edited:
                    continue        # the same fact about several tables (a code the dictionary defines) once
                said.add(f.text)
                seen[f.table_key] = seen.get(f.table_key, 0) + 1
                if seen[f.table_key] <= MAX_FINDINGS_PER_TABLE or f.key in edited:
                    kept.append(f)
            rest = kept
        items = tuple(FindingItem(f.text, _ref_text(refs, f, theme.title(lang)), f.key in edited) for f in rest)
        if items:
            sections.append(Findings(items, doc["key_findings"]))
        for i, table in enumerate(tables):
            owners.append((f"{anchor}-t{i + 1}", table.key))
            sections += _table_section(table, lang, f"{anchor}-t{i + 1}", refs, theme.title(lang), index=i)
    for f, theme, anchor in sorted(extra, key=lambda x: -x[0].weight):
        if len(summary_items) >= MAX_MAIN_POINTS:
            break
        summary_items.append(SummaryItem(theme.title(lang), f.text, anchor))
        _ref_text(refs, f, theme.title(lang))   # its cells and derivation in the appendix, as the sections' are
        shown = {(c.headline, c.headline_label) for c, _, _ in callouts}
        if f.headline and f.headline_label and len(callouts) < MAX_CALLOUTS and (f.headline, f.headline_label) not in shown:
            # The same number for the same group once (a change and a ranking can both end on it).
            callouts.append((f, anchor, doc["callout"].format(theme=theme.title(lang), label=f.headline_label)))
    # The page break after the cover opens the summary, as each section's opens the section.
    parts = [("cover", 0), ("summary", len(blocks) - 1)]
    blocks.append(Heading(doc["summary"], 0, "summary"))
    if callouts:
        blocks.append(Callouts(tuple(Callout(f.headline, text, a) for f, a, text in callouts[:MAX_CALLOUTS])))
    blocks += [Para(doc["summary_intro"], "note"), Summary(tuple(summary_items))]
    parts.append(("contents", len(blocks)))
    blocks.append(Contents(doc["contents"]))
    parts += [("sections", len(blocks) + i) for i in section_starts]
    blocks += sections
    parts.append(("appendix", len(blocks)))
    blocks += _appendix(refs, tables_by_theme, lang)
    if spec.data_appendix:
        from briefing.compose.data_appendix import data_appendix, used_tables
        parts.append(("appendix", len(blocks)))
        blocks += data_appendix(used_tables(themes, tables_by_theme, lang), lang)
    return Document(meta, tuple(blocks), tuple(parts), owners=tuple(owners))


def _ref_text(refs: _Refs, f: Finding, theme_title: str) -> str:
    text = "[" + ", ".join(refs.ref(c, f.table_key, theme_title) for c in f.cites) + "]" if f.cites else ""
    if (f.derivation or f.test) and f.key not in refs.how:
        refs.how[f.key] = (text, "; ".join(x for x in (f.derivation, f.test) if x))
    return text


def _how(refs: _Refs, lang: str) -> list:
    """The appendix part that shows how each computed number was derived and each claim tested."""
    if not refs.how:
        return []
    doc = load(lang)["doc"]
    out: list = [Heading(doc.get("appendix_how", "How the numbers were derived and tested"), 2, "appendix-how"),
                 Para(doc.get("appendix_how_intro", ""), "note")]
    out += [Para(f"{ref} {text}".strip(), "small") for ref, text in refs.how.values()]
    return out


def _long_cells(table: Table, header, rows, refs: _Refs, theme_title: str, lang: str):
    """Header and rows with every text longer than CELL_CHARS cut with "…" and followed by the
    reference of its cell ("[A7]"), whose whole text the appendix gives."""
    if not any(len(c) > CELL_CHARS for c in header) and not any(len(c) > CELL_CHARS for row in rows for c in row):
        return header, rows
    shown = shown_columns(table)
    header = tuple(clip(h, CELL_CHARS) for h in header)
    out = []
    for r, row in enumerate(rows):
        cells = []
        for k, text in enumerate(row):
            if len(text) > CELL_CHARS and k < len(shown):
                cite = table.provenance.cite(table.cell_ref(r, shown[k]))
                ref = refs.ref(cite, table.key, theme_title)
                refs.long_cells.setdefault(ref, text)
                text = f"{clip(text, CELL_CHARS)} [{ref}]"
            cells.append(text)
        out.append(tuple(cells))
    return header, tuple(out)


def _table_section(table: Table, lang: str, anchor: str, refs: _Refs, theme_title: str, index: int = 0) -> list:
    doc = load(lang)["doc"]
    shape = shape_of(table, lang)
    if shape.kind == "crosstab":
        # A cross-tab: the answer its findings are about, by group, and a short table (compose/crosstab.py).
        return [Heading(clip(crosstab_heading(table, lang), TITLE_CHARS), 2, anchor),
                *crosstab_blocks(table, lang, lambda cite: refs.ref(cite, table.key, theme_title), index=index)]
    if shape.kind == "series":
        # A column per period: the headline over time, the members ranked, a short table (compose/series.py).
        from briefing.compose.series import series_blocks
        return [Heading(clip(table.title, TITLE_CHARS), 2, anchor),
                *series_blocks(table, lang, lambda cite: refs.ref(cite, table.key, theme_title))]
    title = clip(table.title, TITLE_CHARS)
    out: list = [Heading(title, 2, anchor)]
    if shape.kind == "indicator":
        facts = [f for f in table_findings(table, "", lang) if f.headline]
        if facts:
            out.append(Callouts(tuple(Callout(f.headline, f.headline_label) for f in facts[:MAX_CALLOUTS])))
    survey = survey_cells(table, lang) if shape.kind == "survey_long" else None
    chart = survey_chart(table, lang) if survey is not None else chart_for(table, shape, lang)
    if chart is not None:
        out.append(chart)
    elif table.subtitle:
        out.append(Para(clip(table.subtitle, NOTE_CHARS), "note"))
    if survey is not None:
        # The substantive answer only: the rest of the distribution stays in the workbook, cited.
        header, rows, align, cite = survey
        ref = refs.ref(table.provenance.cite(), table.key, theme_title)
        source = doc["data_cells"].format(cite=cite) if chart is not None else source_line(table, lang, cite)
        out.append(TableBlock(title=survey_table_title(table, lang), header=header, rows=rows, align=align,
                              source=f"{clip(source, NOTE_CHARS)} [{ref}]",
                              notes=tuple(clip(n, NOTE_CHARS) for n in table.notes)))
        return out
    header, rows, align = table_cells(table, shape, lang)
    ref = refs.ref(table.provenance.cite(), table.key, theme_title)
    header, rows = _long_cells(table, header, rows, refs, theme_title, lang)
    # Under a chart the source was just given; the table then only says which cells it shows.
    source = (doc["data_cells"].format(cite=table.provenance.cite()) if chart is not None
              else source_line(table, lang, table.provenance.cite()))
    out.append(TableBlock(
        title=doc["table_title"].format(title=title), header=header, rows=rows, align=align,
        source=f"{clip(source, NOTE_CHARS)} [{ref}]",
        notes=tuple(clip(n, NOTE_CHARS) for n in table.notes) + tuple(n for n in (not_number_note(table, lang), small_base_note(table, lang),
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
    file_rows = tuple((name, _sheet_list(sheets, lang), sha) for name, sha, sheets in files.values())
    cell_rows = tuple(
        (ref, clip(tables[key].title, LABEL_CHARS) if key in tables else "",
         tables[key].provenance.file_name if key in tables else "",
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
    ] + _how(refs, lang) + _full_texts(refs, lang)


MAX_SHEETS_LISTED = 12


def _sheet_list(sheets: list[str], lang: str) -> str:
    """The sheets of one file, the first dozen named: a workbook of 240 sheets is one short cell
    (each cited sheet is named again, with its cells, in the table below)."""
    named = [s for s in sheets if s]
    if len(named) <= MAX_SHEETS_LISTED:
        return ", ".join(named)
    more = load(lang)["doc"].get("sheets_more", "and {n} more ({total} sheets)")
    return ", ".join(named[:MAX_SHEETS_LISTED]) + " " + more.format(n=len(named) - MAX_SHEETS_LISTED,
                                                                    total=len(named))


def _full_texts(refs: _Refs, lang: str) -> list:
    """The whole text of each cell shown cut in a table, under its reference and cell, in paragraphs
    of bounded size (so laying out a megabyte takes time in proportion to it)."""
    if not refs.long_cells:
        return []
    doc = load(lang)["doc"]
    cite_of = {ref: cite for ref, cite, _ in refs.order}
    out: list = [Heading(doc.get("appendix_long", "Long cells in full"), 2, "appendix-long-cells"),
                 Para(doc.get("appendix_long_intro", "Cells cut short in the tables above, in full."), "note")]
    for ref, text in refs.long_cells.items():
        head = doc.get("long_cell", "[{ref}] {cite}: {n} characters").format(
            ref=ref, cite=cite_of.get(ref, ""), n=f"{len(text):,}")
        out.append(Para(head, "body"))
        shown = text if len(text) <= FULL_TEXT_CHARS else clip(text, FULL_TEXT_CHARS)
        out += [Para(c, "small") for c in chunks(shown)]
        if len(shown) < len(text):
            out.append(Para(doc.get("long_cell_rest", "The remaining {n} characters are in {cite}.").format(
                n=f"{len(text) - len(shown) + 1:,}", cite=cite_of.get(ref, "")), "note"))
    return out
