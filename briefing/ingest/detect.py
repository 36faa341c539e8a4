"""Finding tables in a sheet grid: title rows above, header row(s), body, notes and "Source:" rows below."""
from __future__ import annotations

import re
import operator
from collections import Counter
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Any

from briefing.ingest.grid import SheetGrid
from briefing.ingest.values import parse_cell, parse_column

_NOTE_START = re.compile(r"^\s*(note|notes|source|sources|\*|†|\(\w\)|注|备注|资料来源|来源|数据来源)", re.I)
_SOURCE = re.compile(r"^\s*(sources?|资料来源|数据来源|来源)\s*[:：]\s*", re.I)
# Sheets that describe the workbook rather than hold data.
META_SHEET = re.compile(r"^\s*(about|readme|read me|contents|index|notes?|info|information|cover|"
                        r"说明|目录|封面|注释)\s*$", re.I)


_HEADER_SAMPLE = 200
# Note rows kept under one table: past this they are counted, not kept (300,000 "Source:" rows would
# otherwise be matched against every theme keyword and printed under the table).
MAX_NOTES = 100
# Tables read from one sheet: the rest are counted in a note under the last one (a CSV of 50,000
# two-row tables would otherwise take minutes to import and build).
MAX_TABLES = 500


_KIND = operator.attrgetter("kind")


@dataclass
class RawTable:
    title: str
    subtitle: str
    header_rows: list[int]          # indexes into grid.rows
    body_rows: list[int]
    cols: list[int]                 # indexes into a row
    notes: list[str]
    source: str
    notes_end: int = 0              # grid row after the last note, where the next title may start


# A plain number or percentage as text ("83", "-1,204.5", "41%"): what parse_cell would call a number,
# told without parsing (a wide CSV is all text, and most of it looks like this).
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]{1,15}(?:,[0-9]{3})*(?:\.[0-9]{1,15})?%?")


def _is_numeric(v: Any) -> bool:
    """parse_cell(v).kind in ("number", "percent"), with the common cases told without parsing."""
    if isinstance(v, str) and len(v) <= 40 and _PLAIN_NUMBER.fullmatch(v.strip()):
        return True
    return parse_cell(v).kind in ("number", "percent")


def _n_numeric(vals: list[Any]) -> int:
    """How many of vals parse_cell calls a number or a percentage. Repeated values (survey markers,
    labels) are parsed once each; mostly distinct ones cell by cell, since a table of every distinct
    value would only add garbage (300,000 distinct note rows ran twice as long that way)."""
    if len(vals) > 1000 and len(set(vals)) * 2 > len(vals):
        return sum(map(_is_numeric, vals))
    kinds = Counter(map(_KIND, parse_column(vals)[0]))
    return kinds["number"] + kinds["percent"]


def _filled(row: list[Any]) -> list[int]:
    return [j for j, v in enumerate(row) if v is not None and not (isinstance(v, str) and not v.strip())]


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return " ".join(str(v).split())


def _column_bands(rows: list[list[Any]]) -> list[tuple[int, int]]:
    """[start, end) column bands split by all-empty columns; a band whose first column is mostly numbers
    continues the band on its left (a spacer column inside one table), it does not start a new table."""
    width = max(map(len, rows), default=0)
    # Column by column, stopping at the first filled cell: a dense sheet costs one row per column.
    used = [any(j < len(r) and r[j] is not None and not (isinstance(r[j], str) and not r[j].strip())
                for r in rows) for j in range(width)]
    bands: list[tuple[int, int]] = []
    j = 0
    while j < width:
        if used[j]:
            k = j
            while k < width and used[k]:
                k += 1
            bands.append((j, k))
            j = k
        else:
            j += 1
    merged: list[tuple[int, int]] = []
    for a, b in bands:
        if merged:
            vals = [r[a] for r in rows if a < len(r) and r[a] is not None]
            if vals and _n_numeric(vals) >= 0.5 * len(vals):
                merged[-1] = (merged[-1][0], b)
                continue
        merged.append((a, b))
    return merged


def find_tables(grid: SheetGrid) -> list[RawTable]:
    """Tables side by side (split by empty columns), then top to bottom (split by empty rows); at most
    MAX_TABLES, the others counted in a note under the last one kept."""
    bands = _column_bands(grid.rows)
    if len(bands) <= 1:
        out, more = _find_in_rows(grid.rows, MAX_TABLES)
    else:
        out, more = [], 0
        for a, b in bands:
            sub = [r[a:b] for r in grid.rows]
            found, skipped = _find_in_rows(sub, MAX_TABLES - len(out))
            more += skipped
            for t in found:
                t.cols = [c + a for c in t.cols]
                out.append(t)
    if more and out:
        out[-1].notes.append(f"(and {more:,} more tables on this sheet, not read: Briefing reads up to "
                             f"{MAX_TABLES} tables a sheet)")
    return out


class _Filled:
    """Filled cell indexes of each row, worked out only for the rows that are looked at."""

    def __init__(self, rows: list[list[Any]]):
        self.rows = rows
        self.cache: dict[int, list[int]] = {}
        # Cells that are not None, a row: one C-speed pass over the sheet.
        self.counts = list(map(operator.sub, map(len, rows), map(list.count, rows, repeat(None))))

    def __getitem__(self, i: int) -> list[int]:
        got = self.cache.get(i)
        if got is None:
            got = self.cache[i] = _filled(self.rows[i])
        return got

    def count(self, i: int) -> int:
        n = self.counts[i]   # only a row that may hold blank strings is looked at cell by cell
        return len(self[i]) if n < 3 else n


def _find_in_rows(rows: list[list[Any]], limit: int = MAX_TABLES) -> tuple[list[RawTable], int]:
    """The first `limit` tables of these rows, and how many more there are."""
    filled = _Filled(rows)
    runs: list[tuple[int, int]] = []   # [start, end) of rows with 2+ cells
    wide = [n >= 3 for n in filled.counts]   # 3+ cells: 2+ filled whatever blank strings they hold
    for i in compress(range(len(rows)), [not w for w in wide]):
        wide[i] = filled.count(i) >= 2
    i = 0
    while i < len(rows):
        if wide[i]:
            j = i
            while j < len(rows) and wide[j]:
                j += 1
            if j - i >= 2:             # header plus at least one data row
                runs.append((i, j))
            i = j
        else:
            i += 1
    tables: list[RawTable] = []
    for k, (start, end) in enumerate(runs):
        if len(tables) >= limit:
            return tables, len(runs) - k
        prev_end = runs[k - 1][1] if k else 0
        next_start = runs[k + 1][0] if k + 1 < len(runs) else len(rows)
        notes, last_note = _notes_below(rows, filled, end, next_start)
        title_lines = [_text(rows[r][filled[r][0]]) for r in range(max(prev_end, tables[-1].notes_end if tables else 0), start)
                       if len(filled[r]) == 1 and not _NOTE_START.match(_text(rows[r][filled[r][0]]))]
        header_rows, body = _split_header(rows, filled, start, end)
        width = max(map(len, rows[start:end]))
        cols = [c for c in range(width)
                if any(c < len(rows[r]) and rows[r][c] is not None for r in range(start, end))]
        source = ""
        kept = []
        for n in notes:
            m = _SOURCE.match(n)
            if m and not source:
                source = n[m.end():].strip()
            else:
                kept.append(n)
        tables.append(RawTable(title_lines[0] if title_lines else "", " ".join(title_lines[1:]),
                               header_rows, body, cols, kept, source, last_note))
    return tables, 0


def _notes_below(rows, filled, end: int, next_start: int) -> tuple[list[str], int]:
    """Single-cell rows under a table that read as notes; returns them and the row after the last one.

    One pass over the rows down to the next table; past MAX_NOTES rows are counted, not kept."""
    notes, last = [], end
    gap = 0
    more = 0
    for r in range(end, next_start):
        if not filled[r]:
            gap += 1
            continue
        text = _text(rows[r][filled[r][0]])
        # Right under the table, or starting like a note: a note. Otherwise it titles the next table.
        if gap == 0 or _NOTE_START.match(text):
            if len(notes) < MAX_NOTES:
                notes.append(text)
            else:
                more += 1
            last = r + 1
            gap = 0
        else:
            break
    if more:
        notes.append(f"(and {more:,} more rows of notes below, not read)")
    return notes, last


def _is_texty(v: Any) -> bool:
    return isinstance(v, str) and parse_cell(v).kind in ("text", "date")


def _split_header(rows, filled, start: int, end: int) -> tuple[list[int], list[int]]:
    """First row is the header; a second all-text row over numeric columns joins it (two-row headers)."""
    header = [start]
    numeric_cols = set()
    # The first rows tell the header from the body: a long sheet is not parsed twice for this.
    look = range(start + 1, min(end, start + 1 + _HEADER_SAMPLE))
    for c in {c for r in look for c in filled[r]}:
        vals = [rows[r][c] for r in look if c < len(rows[r]) and rows[r][c] is not None]
        if vals and _n_numeric(vals) >= 0.6 * len(vals):
            numeric_cols.add(c)
    r = start + 1

    def cells_of(i: int) -> list:
        return [rows[i][c] for c in sorted(numeric_cols) if c < len(rows[i]) and rows[i][c] is not None]

    while r < end - 1 and numeric_cols and len(header) < 3:
        cells = cells_of(r)
        # A row of years over the numbers ("1997 1998 1999" under "Single") names periods, unless
        # the rows below hold years too.
        if cells and (all(_is_texty(v) for v in cells) or (_years(cells) and not _years(cells_of(r + 1)))
                      and all(_is_texty(v) or _year(v) for v in cells)):
            header.append(r)
            r += 1
        else:
            break
    return header, list(range(r, end))


def _year(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and 1800 <= v <= 2200


def _years(cells: list) -> bool:
    """Two or more different years, and no other number, among a row's cells (text may sit beside them)."""
    nums = [v for v in cells if not _is_texty(v)]
    return len(set(nums)) >= 2 and all(_year(v) for v in nums)
