"""The tables a briefing used, once each with the sections that used them, and the data appendix that prints them whole."""
from __future__ import annotations

from dataclasses import dataclass, replace
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
# Columns printed at most (a sheet of 16,384 repeated cells would be thousands of pages); a table of many
# numeric columns and few rows (a region per row, a month per column) is printed turned, a column per row.
MAX_DATA_COLS = 600
TURN_AFTER_COLS = 12
MAX_JOINED = 3           # label columns joined into the first of a table printed in column groups
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
        source = clip(text["table_source"].format(file=t.provenance.file_name, cite=t.provenance.cite(),
                                                  sections=join(lang, list(u.sections))), NOTE_CHARS)
        t, unit = _units_in_headers(t)
        head = text["table_head"].format(n=n, title=title) + (f" ({unit})" if unit else "")
        if not t.n_rows or not t.columns:
            out += [Para(head, "body"), Para(source, "source")]
            continue
        header, rows, align = table_cells(t, shape_of(t, lang), lang, max_rows=MAX_DATA_ROWS, max_cols=MAX_DATA_COLS)
        header, rows, align = _turned(header, rows, align)
        header, rows, align = _labels_joined(header, rows, align, text["label_join"])
        header = tuple(clip(h, CELL_CHARS) for h in header)
        rows = tuple(tuple(clip(c, CELL_CHARS) for c in row) for row in rows)
        notes = tuple(clip(x, NOTE_CHARS) for x in t.notes)
        notes += tuple(x for x in (not_number_note(t, lang, MAX_DATA_ROWS),
                                   rows_note(t, lang, MAX_DATA_ROWS, MAX_DATA_COLS)) if x)
        # The table's own title names it (no sub-heading held with it: a table longer than the page
        # would then start on a page of its own), nor a line in the contents, which count as body.
        out.append(TableBlock(title=head, header=header, rows=rows, align=align, source=source, notes=notes))
    return out


def _turned(header, rows, align):
    """(header, rows, align) turned a quarter when the table is wide, numeric and short: a column per
    period reads down the page, a row per label across it, instead of in dozens of column groups."""
    if len(header) <= TURN_AFTER_COLS or len(rows) > TURN_AFTER_COLS or not rows \
            or align[0] != "left" or any(a != "right" for a in align[1:]):
        return header, rows, align
    new_header = (header[0], *(row[0] for row in rows))
    new_rows = tuple((header[j], *(row[j] for row in rows)) for j in range(1, len(header)))
    return new_header, new_rows, ("left",) + ("right",) * len(rows)


def _units_in_headers(t: Table) -> tuple[Table, str]:
    """`t` with each numeric column's unit ("USD thousand") taken out of its cells, and the unit: one the
    whole table shares goes in its title (returned), else each goes in its column's header. The cells
    then print the source's numbers as they are, without the unit repeated on every one."""
    units = {c.unit for c in t.columns if c.is_numeric and c.unit and c.unit != "%"}
    if not units:
        return t, ""
    shared = next(iter(units)) if len(units) == 1 else ""
    cols = tuple(replace(c, unit="", name=c.name if shared or c.unit in c.name else f"{c.name} ({c.unit})")
                 if c.is_numeric and c.unit and c.unit != "%" else c for c in t.columns)
    return replace(t, columns=cols), shared


def _labels_joined(header, rows, align, sep: str):
    """A table too wide for one page is printed in column groups that repeat only the first column: its
    leading label columns (sector, answer) are joined into that one, so every group names its rows."""
    lead = 0
    while lead < len(align) and align[lead] == "left":
        lead += 1
    if len(header) <= TURN_AFTER_COLS or lead < 2 or lead > MAX_JOINED or lead == len(header):
        return header, rows, align
    new_header = (sep.join(h for h in header[:lead] if h), *header[lead:])
    new_rows = tuple((sep.join(c for c in row[:lead] if c), *row[lead:]) for row in rows)
    return new_header, new_rows, ("left", *align[lead:])
