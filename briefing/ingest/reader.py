"""Reads files into Tables with an import report: one bad file never stops the others."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from briefing.ingest.columns import _UNIT_HEADER, apply_unit_column, type_column
from briefing.ingest.detect import META_SHEET, RawTable, find_tables
from briefing.ingest.grid import SheetGrid
from briefing.ingest.readers import check_file, read_text_table, read_workbook, sha256_of
from briefing.model import Cancelled, Column, ImportIssue, ImportReport, InputError, Provenance, Table, cell_name


def is_unit_header(name: str) -> bool:
    return bool(_UNIT_HEADER.match(name))


def _header_names(grid: SheetGrid, raw: RawTable) -> list[str]:
    names = []
    # Merged header cells hold their text in the first cell only: carry it right.
    carried: dict[int, str] = {}
    for c in raw.cols:
        parts = []
        for r in raw.header_rows:
            row = grid.rows[r]
            v = row[c] if c < len(row) else None
            text = " ".join(str(v).split()) if v is not None else ""
            if isinstance(v, float) and v.is_integer():
                text = str(int(v))
            if not text and r != raw.header_rows[-1]:
                text = carried.get(r, "")
            elif text:
                carried[r] = text
            if text and text not in parts:
                parts.append(text)
        names.append(" · ".join(parts))
    # Empty or repeated names get the column letter so every column can be told apart.
    seen: dict[str, int] = {}
    out = []
    for c, n in zip(raw.cols, names):
        if not n:
            n = f"Column {cell_name(0, c + grid.col0)[:-1]}"
        if n in seen:
            seen[n] += 1
            n = f"{n} ({seen[n]})"
        else:
            seen[n] = 1
        out.append(n)
    return out


def _to_table(path: Path, sha: str, grid: SheetGrid, raw: RawTable) -> Table | None:
    names = _header_names(grid, raw)
    per_row_units = any(is_unit_header(n) for n in names)
    columns: list[Column] = []
    raw_pct: dict[int, list[bool]] = {}
    first_text = False
    for c, name in zip(raw.cols, names):
        vals = [grid.rows[r][c] if c < len(grid.rows[r]) else None for r in raw.body_rows]
        if all(v is None for v in vals):
            continue
        abs_c = c + grid.col0
        flags = [(r + grid.row0, abs_c) in grid.percent_cells for r in raw.body_rows]
        raw_pct[abs_c] = flags
        col = type_column(name, vals, flags, abs_c, first_text, per_row_units)
        first_text = first_text or col.kind == "label"
        columns.append(col)
    if len(columns) < 1 or not raw.body_rows:
        return None
    columns = apply_unit_column(columns, raw_pct)
    top = raw.header_rows[0] + grid.row0
    bottom = raw.body_rows[-1] + grid.row0
    left, right = raw.cols[0] + grid.col0, raw.cols[-1] + grid.col0
    rng = f"{cell_name(top, left)}:{cell_name(bottom, right)}"
    prov = Provenance(str(path.resolve()), grid.name, rng, sha)
    return Table(
        key=f"{path.name}|{grid.name}|{rng}",
        title=raw.title or grid.name or path.stem,
        subtitle=raw.subtitle,
        columns=tuple(columns),
        provenance=prov,
        source_rows=tuple(r + grid.row0 for r in raw.body_rows),
        header_row=top,
        notes=tuple(raw.notes),
        source=raw.source,
    )


def read_file(path: str | Path) -> tuple[list[Table], ImportReport]:
    """Tables of one file. Raises InputError when the file as a whole cannot be used."""
    path = Path(path)
    kind = check_file(path)
    sha = sha256_of(path)
    grids = read_text_table(path) if kind == "text" else read_workbook(path)
    issues: list[ImportIssue] = []
    tables: list[Table] = []
    for grid in grids:
        if grid.hidden:
            issues.append(ImportIssue("info", path.name, grid.name, "hidden sheet skipped"))
            continue
        if grid.name and META_SHEET.match(grid.name):
            issues.append(ImportIssue("info", path.name, grid.name, "read as notes about the workbook, not data"))
            continue
        found = [t for t in (_to_table(path, sha, grid, raw) for raw in find_tables(grid)) if t]
        if not found:
            issues.append(ImportIssue("info", path.name, grid.name,
                                      "no table found (a table needs a header row and at least one data row)"))
        tables.extend(found)
    if not tables:
        if not any(g.rows for g in grids):
            raise InputError(f"{path.name}: the workbook is empty (no sheet has any cell filled)")
        raise InputError(f"{path.name}: no table found in any sheet "
                         "(a table needs a header row and at least one data row)")
    return tables, ImportReport(tuple(issues))


def read_files(paths: list[str], *, progress: Callable[[float, str], None],
               cancel) -> tuple[list[Table], ImportReport]:
    tables: list[Table] = []
    report = ImportReport()
    seen: set[str] = set()
    for i, p in enumerate(paths):
        if cancel.is_set():
            raise Cancelled()
        progress(i / max(1, len(paths)), f"Reading {Path(p).name}")
        key = str(Path(p).resolve())
        if key in seen:
            continue
        seen.add(key)
        try:
            t, r = read_file(p)
        except InputError as e:
            report = report.merged(ImportReport((ImportIssue("error", Path(p).name, "", e.message),)))
            continue
        tables.extend(t)
        report = report.merged(r)
    progress(1.0, f"Read {len(tables)} tables from {len(paths)} file(s)")
    return tables, report
