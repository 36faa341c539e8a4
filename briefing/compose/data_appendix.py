"""The tables a briefing used, once each with the sections that used them, and the data appendix that prints them whole."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from briefing.analysis import clean_table
from briefing.analysis.phrasing import join, load
from briefing.analysis.shape import shape_of
from briefing.compose.blocks import Heading, PageBreak, Para, TableBlock
from briefing.compose.cells import not_number_note, rows_note, table_cells
from briefing.compose.text import CELL_CHARS, NOTE_CHARS, TITLE_CHARS, clip
from briefing.model import Table, Theme
from briefing.themes.naming import named_for

# A data appendix prints at most this many rows of one table (about 40 pages); a longer table is
# named with its cells, and the companion workbook (build --data) holds every row.
MAX_DATA_ROWS = 1500
DATA_ANCHOR = "data-appendix"


@dataclass(frozen=True)
class UsedTable:
    """One table the briefing used, cleaned as the briefing read it, with the sections (titles) using it."""
    table: Table
    sections: tuple[str, ...]


def used_tables(themes: Sequence[Theme], tables_by_theme: Mapping[str, Sequence[Table]],
                lang: str) -> tuple[UsedTable, ...]:
    """Every table of the briefing's sections, once, in the order the sections first use them."""
    order: list[str] = []
    tables: dict[str, Table] = {}
    sections: dict[str, list[str]] = {}
    for theme in themes:
        ts = list(tables_by_theme.get(theme.key, ()))
        # The section's title as the briefing prints it: named for what its tables measure.
        title = named_for(theme, ts).title(lang)
        for t in ts:
            if t.key not in tables:
                order.append(t.key)
                tables[t.key] = clean_table(t)
            if title not in sections.setdefault(t.key, []):
                sections[t.key].append(title)
    return tuple(UsedTable(tables[k], tuple(sections[k])) for k in order)


def data_appendix(used: Sequence[UsedTable], lang: str) -> list:
    """The data appendix: each used table in full (up to MAX_DATA_ROWS rows) under its citation."""
    if not used:
        return []
    text = load(lang)["data_export"]
    out: list = [PageBreak(), Heading(text["appendix"], 0, DATA_ANCHOR), Para(text["appendix_intro"], "note")]
    for n, u in enumerate(used, 1):
        t = u.table
        title = clip(" ".join(t.title.split()) or t.sheet or t.provenance.file_name, TITLE_CHARS)
        # Kept out of the contents: a long list there would lengthen the body before the appendix.
        out.append(Heading(text["table_head"].format(n=n, title=title), 2, f"{DATA_ANCHOR}-{n}", in_toc=False))
        source = clip(text["table_source"].format(file=t.provenance.file_name, cite=t.provenance.cite(),
                                                  sections=join(lang, list(u.sections))), NOTE_CHARS)
        if not t.n_rows or not t.columns:
            out.append(Para(source, "source"))
            continue
        header, rows, align = table_cells(t, shape_of(t, lang), lang, max_rows=MAX_DATA_ROWS)
        header = tuple(clip(h, CELL_CHARS) for h in header)
        rows = tuple(tuple(clip(c, CELL_CHARS) for c in row) for row in rows)
        notes = tuple(clip(x, NOTE_CHARS) for x in t.notes)
        notes += tuple(x for x in (not_number_note(t, lang, MAX_DATA_ROWS), rows_note(t, lang, MAX_DATA_ROWS)) if x)
        # The heading is followed by the table itself, so the two are kept on one page.
        out.append(TableBlock(title="", header=header, rows=rows, align=align, source=source, notes=notes))
    return out
