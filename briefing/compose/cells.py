"""A table's cells as text for the PDF, one precision per column, units per row where the table has them."""
from __future__ import annotations

from briefing.analysis.numbers import as_label, decimals_for, fmt_date, fmt_value
from briefing.analysis.phrasing import load
from briefing.analysis.shape import Shape
from briefing.analysis.stats import small_base_limit
from briefing.ingest.values import is_not_a_number
from briefing.model import Table


# A briefing shows the rows a reader can take in; the rest stay in the workbook, cited.
MAX_TABLE_ROWS = 30


# Columns printed at most: a sheet of 16,384 columns would otherwise be hundreds of pages of
# column groups (the rest stay in the workbook, cited).
MAX_TABLE_COLUMNS = 24


def shown_columns(table: Table, max_cols: int = MAX_TABLE_COLUMNS) -> list[int]:
    return [i for i in range(len(table.columns)) if i not in hidden_columns(table)][:max_cols]


def rows_shown(table: Table, max_rows: int = MAX_TABLE_ROWS) -> int:
    """Rows printed: all of them when only a few more than max_rows (cutting 2 of 32 provinces would
    save nothing and hide two), else max_rows."""
    return table.n_rows if table.n_rows <= max_rows + max_rows // 3 else max_rows


def table_cells(table: Table, shape: Shape, lang: str, max_rows: int = MAX_TABLE_ROWS,
                max_cols: int = MAX_TABLE_COLUMNS,
                ) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """(header, rows, align) of a table, formatted for reading; at most max_rows rows."""
    n = rows_shown(table, max_rows)
    missing = load(lang)["doc"]["missing"]
    shown = [table.columns[i] for i in shown_columns(table, max_cols)]
    header = tuple(c.name for c in shown)
    units = table.columns[shape.unit].values if shape.unit is not None else None
    columns_text = []
    align = []
    for c in shown:
        if c.is_numeric:
            align.append("right")
            dec = decimals_for(c.values[:n], c.kind) if units is None else None
            cells = []
            for r, v in enumerate(c.values[:n]):
                note = c.notes[r] if c.notes and r < len(c.notes) else ""
                if v is None:
                    # Suppressed or not available: show the marker the source used ("n/a", "x"); a value
                    # that is not a number (NaN, an infinity, #DIV/0!) shows as missing, named in a note.
                    cells.append(missing if note and is_not_a_number(note) else note or missing)
                    continue
                if units is not None:
                    unit = str(units[r] or "")
                    kind = "percent" if unit == "%" else c.kind
                    cells.append(fmt_value(v, kind, "" if unit == "%" else unit, lang,
                                           decimals_for([v], kind), c.bound(r), short=True))
                else:
                    cells.append(fmt_value(v, c.kind, c.unit, lang, dec, c.bound(r), short=True))
                if note and len(note) <= 4:
                    cells[-1] += note          # footnote marker, e.g. "83%*"
                if c.base(r) is not None and c.base(r) < small_base_limit(lang):
                    cells[-1] = "†" + cells[-1]       # few responses behind this value
            columns_text.append(cells)
        elif c.kind == "date":
            align.append("left")
            columns_text.append([as_label(fmt_date(v, lang)) if v is not None else missing for v in c.values[:n]])
        else:
            align.append("left")
            columns_text.append(["" if v is None else str(v) for v in c.values[:n]])
    rows = tuple(tuple(col[r] for col in columns_text) for r in range(n))
    return header, rows, tuple(align)


def not_number_note(table: Table, lang: str, max_rows: int = MAX_TABLE_ROWS) -> str:
    """The note under a table whose cells held values that are not numbers, naming them, or ""."""
    doc = load(lang)["doc"]
    words = {"nan": doc.get("nan_word", "not a number"), "inf": doc.get("inf_word", "infinite")}
    found = []
    n = rows_shown(table, max_rows)
    for ci, c in enumerate(table.columns):
        if not c.is_numeric or not c.notes:
            continue
        for r in range(min(n, len(c.notes))):
            note = c.notes[r]
            if c.values[r] is None and note and is_not_a_number(note):
                low = note.strip().lower().lstrip("+-−")
                what = (words["nan"] if "nan" in low or "ind" in low else
                        words["inf"] if low in ("inf", "infinity", "∞", "1.#inf") else
                        note if note.startswith("#") else doc.get("range_word", "out of range"))
                found.append(doc.get("not_number_cell", "{cell} ({what})").format(
                    cell=table.cell_ref(r, ci), what=what))
    if not found:
        return ""
    more = len(found) - 12
    cells = ", ".join(found[:12]) + (doc.get("and_more", " and {n} more").format(n=more) if more > 0 else "")
    return doc.get("not_numbers", "Cells that are not numbers in the source are shown as {missing}: {cells}."
                   ).format(missing=doc["missing"], cells=cells)


def rows_note(table: Table, lang: str, max_rows: int = MAX_TABLE_ROWS, max_cols: int = MAX_TABLE_COLUMNS) -> str:
    """"Showing the first 30 of 20,000 rows ..." when the table was cut, else ""."""
    doc = load(lang)["doc"]
    visible = len(table.columns) - len(hidden_columns(table))
    cols = "" if visible <= max_cols else doc.get(
        "cols_shown", "Showing the first {shown} of {total} columns; all of them are in {cite}.").format(
        shown=max_cols, total=f"{visible:,}", cite=table.provenance.cite())
    if rows_shown(table, max_rows) >= table.n_rows:
        return cols
    return (cols + " " if cols else "") + doc["rows_shown"].format(shown=max_rows, total=f"{table.n_rows:,}",
                                                  cite=table.provenance.cite())


def hidden_columns(table: Table) -> set[int]:
    """Columns a reader does not need: in a long survey table, one per question, the question
    text is the table's title and the question and answer codes repeat on every row."""
    if table.layout != "long":
        return set()
    return {i for role, i in table.roles if role in ("question", "question_id", "answer_id")}


def small_base_note(table: Table, lang: str) -> str:
    """The note under a table that has values on small bases, or ""."""
    limit = small_base_limit(lang)
    if any(c.base(r) is not None and c.base(r) < limit for c in table.columns if c.is_numeric
           for r in range(table.n_rows) if c.bases):
        return load(lang)["doc"]["small_base_note"].format(n=limit)
    return ""
