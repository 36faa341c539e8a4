"""The companion workbook: a sheet per table the briefing used, headed by its citation and SHA-256, numbers kept as numbers."""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections import Counter
from typing import Any, Callable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from briefing.analysis.numbers import decimals_for
from briefing.analysis.phrasing import join, load
from briefing.analysis.shape import shape_of
from briefing.compose.data_appendix import UsedTable
from briefing.model import Cancelled, Column, Table

# What a sheet can hold (Excel's limits): a longer table is cut, with a line citing where the rest is.
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLS = 16_384
MAX_CELL_CHARS = 32_767
SHEET_NAME_CHARS = 31
MAX_NOTES = 50
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
# A bound kept with the number: the cell holds 0.8 and shows ">80%".
_BOUND_TEXT = {">": ">", "<": "<", "<=": "≤", ">=": "≥", "~": "~"}
_BOLD = Font(bold=True)
_SPAN_ROWS = 200          # rows looked at to size the columns

Progress = Callable[[float, str], None]


def sheet_name(n: int, table: Table, shared: bool = False) -> str:
    """"3 Adoption": the table's number, then its source sheet (or file) name, at most 31 characters with
    none of []:*?/\\. The number makes every name unique, case aside, and never "History" or the index's.
    A table that `shared` its source sheet with others is named by its question code or title instead."""
    base = table.sheet or os.path.splitext(table.provenance.file_name)[0] or table.title
    if shared and (table.question_code or table.title.strip()):
        base = table.question_code or table.title
    base = " ".join(_BAD_SHEET_CHARS.sub(" ", base).split())
    name = f"{n} {base}".strip()[:SHEET_NAME_CHARS].rstrip().rstrip("'")
    return name


def _text(s: str) -> str:
    s = ILLEGAL_CHARACTERS_RE.sub("", s)
    return s if len(s) <= MAX_CELL_CHARS else s[:MAX_CELL_CHARS - 1] + "\u2026"


def _cell(ws, value: Any, fmt: str | None = None, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        value = _text(value)
    c = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        c.data_type = "s"      # a label such as "=1+1" or "=HYPERLINK(...)" stays text, never a formula
    if fmt:
        c.number_format = fmt
    if bold:
        c.font = _BOLD
    return c


def _data_cell(ws, protos: dict, v: Any, fmt: str | None):
    """A data cell: the plain value when it needs no format and cannot read as a formula (openpyxl
    writes those fastest), else a cell of that column and format, made once and given each row's value
    (append writes it before the next row, so one cell per column and format serves every row)."""
    if v is None:
        return None
    if isinstance(v, str):
        v = _text(v)
        if not v.startswith("="):
            return v
    elif fmt is None:
        return v
    cell = protos.get(fmt)
    if cell is None:
        cell = protos[fmt] = _cell(ws, v, fmt)
        return cell
    cell.value = v
    if isinstance(v, str):
        cell.data_type = "s"
    return cell


def _tidy(v):
    """A float as the source wrote it: 76.1 / 100 is 0.7609999999999999, the source's 0.761."""
    return float(f"{v:.15g}") if isinstance(v, float) else v


def _literal(s: str) -> str:
    s = s.replace('"', "")
    return f'"{s}"' if s else ""


def _number_format(kind: str, decimals: int) -> str:
    frac = "." + "0" * decimals if decimals else ""
    return f"0{frac}%" if kind == "percent" else f"#,##0{frac}"


class _Out:
    """One column of the sheet: its header (and banner), and a function giving row r's (value, format)."""

    def __init__(self, header: str, banner: str, value: Callable[[int], tuple[Any, str | None]],
                 source: int | None = None):
        self.header, self.banner, self.value = header, banner, value
        self.source = source      # the table column whose values it holds (None for an added column)


def _value_column(table: Table, c: Column, units) -> Callable[[int], tuple[Any, str | None]]:
    numeric = c.is_numeric
    col_dec = decimals_for(c.values, c.kind) if numeric and units is None else 0

    def value(r: int):
        v = c.values[r]
        note = c.notes[r] if c.notes and r < len(c.notes) else ""
        if v is None:
            return (note or None), None            # suppressed: the marker the source used ("x", "n/a")
        if isinstance(v, bool):
            return v, None
        if isinstance(v, (int, float)):
            if not numeric:
                return v, None
            kind, dec = c.kind, col_dec
            if units is not None:
                kind = "percent" if str(units[r] or "") == "%" else c.kind
                dec = decimals_for([v], kind)
            fmt = _number_format(kind, dec)
            if kind == "percent":
                v = _tidy(v)
            bound = _BOUND_TEXT.get(c.bound(r), "")
            marker = note if note and len(note) <= 4 else ""
            return v, _literal(bound) + fmt + _literal(marker)
        if isinstance(v, dt.datetime) and (v.hour, v.minute, v.second) != (0, 0, 0):
            return v, "yyyy-mm-dd hh:mm"
        if isinstance(v, dt.date):
            # The first of a month reads as the month, as the briefing prints it ("October 2023").
            return v, "mmmm yyyy" if v.day == 1 else "yyyy-mm-dd"
        return str(v), None
    return value


def _columns(table: Table, lang: str) -> list[_Out]:
    text = load(lang)["data_export"]
    units = None
    shape = shape_of(table, lang)
    if shape.unit is not None:
        units = table.columns[shape.unit].values
    banners = dict(table.col_groups)
    out: list[_Out] = []
    for ci, c in enumerate(table.columns):
        name = c.name
        if c.unit and c.unit != "%" and c.unit not in name:
            name = f"{name} ({c.unit})"
        out.append(_Out(name, banners.get(ci, ""), _value_column(table, c, units), ci))
        if not c.is_numeric:
            continue
        dec_fmt = _number_format(c.kind, decimals_for(c.values, c.kind) + 1) if units is None else None
        if c.errors and any(e is not None for e in c.errors):
            out.append(_Out(text["col_error"].format(name=c.name), "",
                            lambda r, c=c, f=dec_fmt: (_tidy(c.errors[r]) if r < len(c.errors) else None, f)))
        if c.counts and any(x is not None for x in c.counts):
            out.append(_Out(text["col_count"].format(name=c.name), "",
                            lambda r, c=c: (c.counts[r] if r < len(c.counts) else None, "#,##0.##")))
        # Bases another column of the table holds (a "Firms (n)" column beside the share) are not repeated.
        in_table = any(o is not c and len(o.values) == len(c.bases) and tuple(o.values) == tuple(c.bases)
                       for o in table.columns if o.is_numeric)
        if c.bases and any(x is not None for x in c.bases) and _one_base(c) is None and not in_table:
            out.append(_Out(text["col_base"].format(name=c.name), "",
                            lambda r, c=c: (c.bases[r] if r < len(c.bases) else None, "#,##0")))
    if table.row_roles:
        roles = {r: role for r, role, _ in table.row_roles}
        out.append(_Out(text["col_role"], "",
                        lambda r: (text.get(f"role_{roles[r]}", roles[r]) if roles.get(r) in ("total", "aggregate")
                                   else None, None)))
    return out


def _one_base(c: Column) -> int | None:
    """The base of every value of `c` when it is one (a cross-tab's base row), else None."""
    bases = set(c.bases) if c.bases and len(c.bases) == len(c.values) else set()
    return next(iter(bases)) if len(bases) == 1 and None not in bases else None


def _base_row(ws, table: Table, cols: list[_Out], lang: str) -> list | None:
    """A row under the data giving each column's base when it is one for the whole column, as the
    source's own base row does, instead of a column of the same number beside every column."""
    bases = [_one_base(table.columns[col.source]) if col.source is not None and table.columns[col.source].is_numeric
             else None for col in cols]
    if all(b is None for b in bases[1:]):
        return None
    label = table.base_rows[0][1] if table.base_rows else load(lang)["data_export"]["row_base"]
    return [_cell(ws, " ".join(label.split()))] + [_cell(ws, b, "#,##0") if b is not None else None for b in bases[1:]]


def _widths(ws, cols: list[_Out], n_rows: int) -> None:
    for k, col in enumerate(cols[:200]):
        longest = len(col.header)
        for r in range(min(n_rows, _SPAN_ROWS)):
            v, _ = col.value(r)
            longest = max(longest, len(str(v)) if v is not None else 0)
        ws.column_dimensions[get_column_letter(k + 1)].width = max(8, min(60, longest + 2))


def _table_sheet(wb: Workbook, name: str, u: UsedTable, lang: str, cancel, tick: Callable[[int], None]) -> int:
    """One table's sheet; the number of data rows written."""
    text = load(lang)["data_export"]
    t = u.table
    p = t.provenance
    ws = wb.create_sheet(name)
    cols = _columns(t, lang)
    total_cols = len(cols)
    cols = cols[:MAX_SHEET_COLS]
    head = [[_cell(ws, " ".join(t.title.split()) or t.sheet or p.file_name, bold=True)],
            [_cell(ws, text["cite_line"].format(file=p.file_name, cite=p.cite()))],
            [_cell(ws, text["sha_line"].format(file=p.file_name, sha=p.sha256))],
            [_cell(ws, text["sections_line"].format(sections=join(lang, list(u.sections))))]]
    if t.subtitle:
        head.append([_cell(ws, " ".join(t.subtitle.split()))])
    head.append([])
    if any(col.banner for col in cols):
        head.append([_cell(ws, col.banner, bold=True) if col.banner else None for col in cols])
    head.append([_cell(ws, col.header, bold=True) for col in cols])
    tail: list[str] = []
    notes = [" ".join(n.split()) for n in t.notes if n and n.strip()][:MAX_NOTES]
    tail += notes
    if t.source:
        tail.append(text["publisher_source"].format(source=" ".join(t.source.split())))
    if t.derivation:
        tail.append(text["derivation"].format(how=t.derivation))
    if total_cols > len(cols):
        tail.append(text["cols_cut"].format(shown=f"{len(cols):,}", total=f"{total_cols:,}", cite=p.cite()))
    room = MAX_SHEET_ROWS - len(head) - len(tail) - 3    # a base row, a blank row and the line saying so
    n = min(t.n_rows, room)
    if n < t.n_rows:
        tail.append(text["rows_cut"].format(shown=f"{n:,}", total=f"{t.n_rows:,}", cite=p.cite()))
    _widths(ws, cols, n)
    label_first = bool(t.columns) and t.columns[0].kind == "label"
    ws.freeze_panes = f"{'B' if label_first else 'A'}{len(head) + 1}"
    for row in head:
        ws.append(row)
    protos: list[dict] = [{} for _ in cols]
    for r in range(n):
        if r % 2000 == 1999:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            tick(2000)
        ws.append([_data_cell(ws, protos[k], v, fmt) for k, (v, fmt) in enumerate(col.value(r) for col in cols)])
    tick(n % 2000)
    base = _base_row(ws, t, cols, lang)
    if base is not None:
        ws.append(base)
    if tail:
        ws.append([])
        for line in tail:
            ws.append([_cell(ws, line)])
    return n


def _index_sheet(wb: Workbook, names: Sequence[str], used: Sequence[UsedTable], lang: str, title: str) -> None:
    text = load(lang)["data_export"]
    ws = wb.create_sheet(text["index_sheet"])
    headers = [text[k] for k in ("col_no", "col_sheet", "col_table", "col_sections", "col_file", "col_cells",
                                 "col_sha", "col_rows")]
    for k, w in enumerate((6, 28, 50, 36, 30, 22, 66, 10)):
        ws.column_dimensions[get_column_letter(k + 1)].width = w
    ws.freeze_panes = "A5"
    ws.append([_cell(ws, text["index_title"].format(title=title) if title else text["index_sheet"], bold=True)])
    ws.append([_cell(ws, text["index_intro"])])
    ws.append([])
    ws.append([_cell(ws, h, bold=True) for h in headers])
    for n, (name, u) in enumerate(zip(names, used), 1):
        t = u.table
        ws.append([_cell(ws, n), _cell(ws, name), _cell(ws, " ".join(t.title.split())),
                   _cell(ws, "; ".join(u.sections)), _cell(ws, t.provenance.file_name),
                   _cell(ws, t.provenance.cite()), _cell(ws, t.provenance.sha256), _cell(ws, t.n_rows, "#,##0")])


def write_data_workbook(used: Sequence[UsedTable], path: str | os.PathLike, *, lang: str = "en", title: str = "",
                        date: str = "", progress: Progress | None = None, cancel=None) -> tuple[str, ...]:
    """Write the workbook to `path` (the caller makes the write atomic); the table sheets' names.
    With `date` (ISO) the file is the same, byte for byte, for the same tables, like the PDF."""
    wb = Workbook(write_only=True)
    wb.properties.creator = "Briefing"
    if title:
        wb.properties.title = _text(title)[:255]
    per_sheet = Counter((u.table.provenance.path, u.table.sheet) for u in used)
    names = tuple(sheet_name(n, u.table, per_sheet[(u.table.provenance.path, u.table.sheet)] > 1)
                  for n, u in enumerate(used, 1))
    try:
        _fill(wb, names, used, lang, title, progress, cancel)
    except BaseException:
        _discard(wb)
        raise
    buffer = io.BytesIO()
    wb.save(buffer)
    _write_reproducibly(buffer, path, date)
    if progress is not None:
        progress(1.0, "Wrote the data workbook")
    return names


def _fill(wb: Workbook, names: Sequence[str], used: Sequence[UsedTable], lang: str, title: str,
          progress: Progress | None, cancel) -> None:
    _index_sheet(wb, names, used, lang, title)
    total = max(1, sum(u.table.n_rows for u in used))
    done = [0]

    def tick(k: int) -> None:
        done[0] += k
        if progress is not None:
            progress(min(0.95, 0.95 * done[0] / total), "Writing the data workbook")

    for name, u in zip(names, used):
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        _table_sheet(wb, name, u, lang, cancel, tick)


def _discard(wb: Workbook) -> None:
    """Close the sheets of a workbook given up on (cancelled, failed), each stream in its order, and
    delete the temporary file openpyxl streamed each into. Left to the garbage collector, the
    streams were closed in any order, and lxml complained of each, later, in whatever ran then."""
    for ws in wb.worksheets:
        try:
            if not ws.closed:
                ws.close()
        except Exception:   # noqa: BLE001 - the export already failed; this only tidies up
            pass
        out = getattr(getattr(ws, "_writer", None), "out", None)     # openpyxl's temporary file
        if out:
            try:
                os.remove(out)
            except OSError:
                pass


_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def _write_reproducibly(buffer: io.BytesIO, path: str | os.PathLike, date: str) -> None:
    """The saved workbook written to `path` with its clock readings (zip entry times, created and
    modified) set to `date`, so the same tables give the same bytes; as saved when `date` is ""."""
    try:
        when = dt.date.fromisoformat(date) if date else None
    except ValueError:
        when = None
    if when is None:
        with open(path, "wb") as f:
            f.write(buffer.getbuffer())
        return
    stamp = f"{when.isoformat()}T00:00:00Z".encode()
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = _W3CDTF.sub(lambda m: m.group(1) + stamp + m.group(2), data)
            entry = zipfile.ZipInfo(info.filename, date_time=(max(1980, when.year), when.month, when.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            out.writestr(entry, data)
