"""Reads files into Tables with an import report: one bad file never stops the others."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from briefing.fileio import sha256_file
from briefing.ingest.columns import _UNIT_HEADER, apply_unit_column, type_column
from briefing.ingest.xlsx_styles import with_error_cells
from briefing.ingest.detect import META_SHEET, RawTable, find_tables
from briefing.ingest.grid import SheetGrid
from briefing.ingest.periods import period_columns
from briefing.ingest.readers import Opened, check_file, read_text_table, read_workbook
from briefing.ingest.sheet_rules import drop_hidden, merged_down
from briefing.ingest.terms import apply_terms
from briefing.ingest.crosstab import apply_geo, banner_tables, link_summaries, shares_from_counts
from briefing.ingest.survey import is_code_column, link_parallel_errors, survey_columns, split_long
from briefing.ingest.xlsx_styles import workbook_hints
from briefing.model import Cancelled, Column, ImportIssue, ImportReport, InputError, PasswordRequired, Provenance, Table, cell_name

_MAX_NAME = 120


class _Never:
    def is_set(self) -> bool:
        return False


def is_unit_header(name: str) -> bool:
    return bool(_UNIT_HEADER.match(name))


def _clean(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    text = "".join(ch if ch.isprintable() else " " for ch in str(v))
    return " ".join(text.split())


def _header_names(grid: SheetGrid, raw: RawTable) -> list[str]:
    names = []
    # Merged header cells hold their text in the first cell only: carry it right.
    carried: dict[int, str] = {}
    for c in raw.cols:
        parts = []
        for r in raw.header_rows:
            row = grid.rows[r]
            v = row[c] if c < len(row) else None
            text = _clean(v) if v is not None else ""
            if not text and r != raw.header_rows[-1]:
                text = carried.get(r, "")
            elif text:
                carried[r] = text
            if text and text not in parts:
                parts.append(text)
        name = " · ".join(parts)
        names.append(name if len(name) <= _MAX_NAME else name[:_MAX_NAME - 1] + "…")
    # Empty or repeated names get the column letter so every column can be told apart.
    seen: dict[str, int] = {}
    out = []
    for c, n in zip(raw.cols, names):
        if not n:
            n = f"Column {cell_name(0, grid.abs_col(c))[:-1]}"
        if n in seen:
            seen[n] += 1
            n = f"{n} ({seen[n]})"
        else:
            seen[n] = 1
        out.append(n)
    return out


def _fill_down_labels(columns: list[Column]) -> tuple[list[Column], list[str]]:
    """Outer row labels left blank under their first row (a group spanning rows) are filled down."""
    first_num = next((i for i, c in enumerate(columns) if c.is_numeric), len(columns))
    labels = [i for i in range(first_num) if columns[i].kind in ("label", "text")]
    filled = []
    for i in labels[:-1]:   # the innermost label names each row; the outer ones group them
        c = columns[i]
        if c.values[0] is None or None not in c.values:
            continue
        vals, last = [], None
        for v in c.values:
            last = v if v is not None else last
            vals.append(last)
        columns[i] = replace(c, values=tuple(vals))
        filled.append(c.name)
    return columns, filled


def _to_table(path: Path, sha: str, grid: SheetGrid, raw: RawTable,
              issues: list[ImportIssue], cancel=None) -> Table | None:
    names = _header_names(grid, raw)
    per_row_units = any(is_unit_header(n) for n in names)
    columns: list[Column] = []
    raw_pct: dict[int, list[bool]] = {}
    first_text = False
    merged_filled = 0
    body = [grid.rows[r] for r in raw.body_rows]
    width = max(raw.cols) + 1
    if body and min(map(len, body)) < width:   # CSV rows can be ragged
        body = [r + [None] * (width - len(r)) if len(r) < width else r for r in body]
    by_col = list(zip(*body))                # one pass to turn rows into columns
    # Percent-formatted cells by column, as body-row indexes (the hints cover the first rows only).
    at = dict(zip(grid.abs_rows(raw.body_rows), range(len(raw.body_rows)))) if grid.percent_cells else {}
    pct_rows: dict[int, set[int]] = {}
    for (r, c) in grid.percent_cells:
        if r in at:
            pct_rows.setdefault(c, set()).add(at[r])
    n = len(body)
    for c, name in zip(raw.cols, names):
        if cancel is not None and cancel.is_set():   # a column of a long sheet is the unit of work
            raise Cancelled()
        vals = list(by_col[c])
        merged_filled += merged_down(grid, raw.body_rows, c, vals)
        if vals.count(None) == n:
            continue
        abs_c = grid.abs_col(c)
        marked = pct_rows.get(abs_c)
        flags = [i in marked for i in range(n)] if marked else [False] * n
        raw_pct[abs_c] = flags
        if is_code_column(name, vals):   # "Sector" holding 11, 21 ... and "XX": codes, not numbers
            # No bools here (is_code_column refuses them), so 1 and 1.0 may share their text "1".
            text = {v: _clean(v) for v in set(vals) if v is not None}
            col = Column(name, "label", tuple(map(text.get, vals)), source_col=abs_c)
        else:
            col = type_column(name, vals, flags, abs_c, first_text, per_row_units)
        first_text = first_text or col.kind == "label"
        columns.append(col)
    if len(columns) < 1 or not raw.body_rows:
        return None
    columns = apply_unit_column(columns, raw_pct)
    columns, filled = _fill_down_labels(columns)
    source_rows = grid.abs_rows(raw.body_rows)
    top = grid.abs_row(raw.header_rows[0])
    bottom = source_rows[-1]
    left, right = grid.abs_col(raw.cols[0]), grid.abs_col(raw.cols[-1])
    rng = f"{cell_name(top, left)}:{cell_name(bottom, right)}"
    file, sheet = path.name, grid.name
    if merged_filled:
        issues.append(ImportIssue("info", file, sheet, f"{rng}: {merged_filled} cells of merged row labels "
                                  "filled down"))
    if filled:
        issues.append(ImportIssue("info", file, sheet, f"{rng}: row labels filled down in {', '.join(filled)}"))
    columns, said = survey_columns(columns)
    issues.extend(ImportIssue("info", file, sheet, f"{rng}: {s}") for s in said)
    _report_markers(columns, source_rows, file, sheet, issues)
    prov = Provenance(str(path.resolve()), sheet, rng, sha)
    periods = period_columns([c.name for c in columns], [c.is_numeric for c in columns])
    return Table(
        key=f"{path.name}|{grid.name}|{rng}",
        title=raw.title or grid.name or path.stem,
        subtitle=raw.subtitle,
        columns=tuple(columns),
        provenance=prov,
        source_rows=source_rows,
        header_row=top,
        notes=tuple(raw.notes),
        source=raw.source,
        period_columns=periods,
    )


def _report_markers(columns: list[Column], rows: tuple[int, ...], file: str, sheet: str,
                    issues: list[ImportIssue]) -> None:
    """Footnote markers split off numbers, and suppressed cells read as missing, named by cell."""
    foot, supp = [], []
    for c in columns:
        for i, note in enumerate(c.notes):
            if note:
                ref = f"{cell_name(rows[i], c.source_col)} '{note}'"
                (supp if c.values[i] is None else foot).append(ref)
    for cells, what in ((foot, "footnote markers split off into notes"),
                        (supp, "suppressed cells read as missing (marker kept)")):
        if cells:
            more = f" and {len(cells) - 8} more" if len(cells) > 8 else ""
            issues.append(ImportIssue("info", file, sheet, f"{what}: {', '.join(cells[:8])}{more}"))


def _sheet_issues(opened: Opened, grid: SheetGrid, file: str) -> tuple[SheetGrid, list[ImportIssue]]:
    """Applies what the XML hints say (percent formats, hidden rows/columns, formulas without values)."""
    issues: list[ImportIssue] = []
    h = opened.hints.sheets.get(grid.name) if opened.hints else None
    if h is not None:
        if h.percent:
            grid = replace(grid, percent_cells=frozenset(h.percent))
        if h.errors:   # error cells ("#DIV/0!") calamine read as empty: back as their code
            grid = with_error_cells(grid, h.errors)
        if h.no_cached_value:
            cells = h.no_cached_value
            more = f" and {len(cells) - 10} more" if len(cells) > 10 else ""
            issues.append(ImportIssue("warning", file, grid.name,
                                      f"formulas with no cached value, read as empty (open and save the "
                                      f"workbook in Excel to compute them): {', '.join(cells[:10])}{more}"))
        grid, said = drop_hidden(grid, h.hidden_rows, h.hidden_cols)
        issues.extend(ImportIssue("info", file, grid.name, s) for s in said)
    return grid, issues


@dataclass
class _Sheet:
    """What one sheet gave: its tables and what was said about it, then its year blocks (see
    tidy.sheet_blocks), which the file's issues list after every sheet's own."""
    name: str
    filled: bool   # any cell of the sheet holds something
    found: list[Table]
    issues: list[ImportIssue]
    blocks: Table | None
    block_issues: list[ImportIssue]


@dataclass
class _Part:
    """The sheets one process read, in workbook order, what reading them noted (level, sheet,
    message) and the workbook's defined names."""
    notes: list[tuple[str, str, str]]
    defined_names: list[str]
    sheets: list[_Sheet]


def _read_sheet(path: Path, sha: str, opened: Opened, grid: SheetGrid, cancel) -> _Sheet:
    file = path.name
    issues: list[ImportIssue] = []
    filled = bool(grid.rows)
    if grid.hidden:
        issues.append(ImportIssue("info", file, grid.name, "hidden sheet skipped (rule: hidden sheets are not read)"))
        return _Sheet(grid.name, filled, [], issues, None, [])
    if grid.name and META_SHEET.match(grid.name):
        issues.append(ImportIssue("info", file, grid.name, "read as notes about the workbook, not data"))
        return _Sheet(grid.name, filled, [], issues, None, [])
    grid, sheet_issues = _sheet_issues(opened, grid, file)
    issues.extend(sheet_issues)
    # A pollster's banner sheet is read block by block (bases, banners, NET rows); others as tables.
    found = banner_tables(path, sha, grid, issues) or []
    for raw in [] if found else find_tables(grid):
        t = _to_table(path, sha, grid, raw, issues, cancel)
        if t is not None:
            found.extend(split_long(shares_from_counts(apply_terms(t, issues), issues), issues))
    if not found:
        issues.append(ImportIssue("info", file, grid.name,
                                  "no table found (a table needs a header row and at least one data row)"))
    else:
        issues.append(ImportIssue("info", file, grid.name, "read " + "; ".join(
            f"{t.provenance.cell_range} ({t.n_rows} rows x {len(t.columns)} columns)" for t in found)))
    from briefing.ingest.tidy import sheet_blocks
    block_issues: list[ImportIssue] = []
    # The grid as its tables saw it (hidden rows and columns left out, error cells given back): the
    # blocks were read from the grid as calamine gave it, hidden rows included.
    blocks = sheet_blocks(found, grid, path, sha, block_issues)
    return _Sheet(grid.name, filled, found, issues, blocks, block_issues)


def _read_part(path: Path, kind: str, sha: str, *, passwords: Sequence[str] = (), cancel=None,
               progress: Callable[[float, str], None] | None = None,
               only: frozenset[int] | None = None) -> _Part:
    cancel = cancel or _Never()
    progress = progress or (lambda f, m: None)
    if kind == "text":
        opened = Opened(read_text_table(path), "csv")
    else:
        opened = read_workbook(path, kind, passwords=passwords, cancel=cancel, only=only)
    sheets = []
    n = max(1, len(opened.grids))
    for k, grid in enumerate(opened.grids):
        if cancel.is_set():
            raise Cancelled()
        progress(k / n, f"{path.name}: {grid.name}" if grid.name else path.name)
        sheets.append(_read_sheet(path, sha, opened, grid, cancel))
    return _Part(opened.notes, opened.hints.defined_names if opened.hints else [], sheets)


def _read_split(path: Path, kind: str, sha: str, cancel, progress) -> _Part | None:
    """The workbook's sheets read by two processes (split.py), put back in workbook order; None when
    it is not worth it or either half was not read whole (one process then reads it, and says why)."""
    from briefing.ingest import split

    halves = split.plan(path)
    if halves is None:
        return None
    done = split.run(lambda only, report: _read_part(
        path, kind, sha, cancel=cancel, progress=progress if report else None, only=only), halves)
    if done is None:
        return None
    by_position: dict[int, _Sheet] = {}
    for half, part in zip(halves, done):
        if part.notes or len(part.sheets) != len(half):
            return None
        by_position.update(zip(sorted(half), part.sheets))
    return _Part([], done[0].defined_names, [by_position[p] for p in sorted(by_position)])


def read_file(path: str | Path, *, passwords: Sequence[str] = (), cancel=None,
              progress: Callable[[float, str], None] | None = None,
              workers: int = 1) -> tuple[list[Table], ImportReport]:
    """Tables of one file. Raises InputError (PasswordRequired for an encrypted one) when the file as a
    whole cannot be used. With workers > 1, a large workbook's sheets may be read in a forked second
    process (split.py): only where the caller is a single-threaded process of its own (the sandbox)."""
    path = Path(path)
    cancel = cancel or _Never()
    progress = progress or (lambda f, m: None)
    kind = check_file(path)
    sha = sha256_file(path)
    file = path.name
    part: _Part | None = None
    if workers > 1 and kind == "zip":
        part = _read_split(path, kind, sha, cancel, progress)
    if part is None:
        part = _read_part(path, kind, sha, passwords=passwords, cancel=cancel, progress=progress)
    issues = [ImportIssue(level, file, sheet, msg) for level, sheet, msg in part.notes]
    if part.defined_names:
        names = part.defined_names
        issues.append(ImportIssue("info", file, "", f"named cells and ranges ({len(names)}): "
                                  f"{', '.join(names[:10])}{', ...' if len(names) > 10 else ''} "
                                  "(values are read from the cells; names are not used)"))
    tables: list[Table] = []
    blocks: dict[str, Table] = {}
    for sheet in part.sheets:
        issues.extend(sheet.issues)
        tables.extend(sheet.found)
        if sheet.blocks is not None:
            blocks[sheet.name] = sheet.blocks
    for sheet in part.sheets:
        issues.extend(sheet.block_issues)
    from briefing.ingest.tidy import reshape   # long files pivoted, year blocks joined, periods dated
    tables = reshape(tables, blocks, issues)
    tables = link_parallel_errors(tables, issues)
    tables = link_summaries(apply_geo(tables, issues), issues)
    if not tables:
        if not any(sheet.filled for sheet in part.sheets):
            raise InputError(f"{file}: the workbook is empty (no sheet has any cell filled)")
        raise InputError(f"{file}: no table found in any sheet "
                         "(a table needs a header row and at least one data row)")
    return tables, ImportReport(tuple(issues))


def read_files(paths: list[str], *, progress: Callable[[float, str], None], cancel,
               passwords: Sequence[str] = (), isolate: bool = True,
               meanwhile: Callable[[], None] | None = None) -> tuple[list[Table], ImportReport]:
    """Tables of every file, each file read in its own limited child process (see sandbox.py) unless
    `isolate` is False: a file that crashes its reader is one error line, the others are still read.
    Isolated, as many files are read at once as there are cores (sandbox.read_many), and
    `meanwhile` is called while the children work; else before the files are read."""
    from briefing.ingest import sandbox

    seen: set[str] = set()
    unique: list[str] = []
    at: dict[str, int] = {}   # progress runs over the paths as given
    for i, p in enumerate(paths):
        key = str(Path(p).resolve())
        if key not in seen:
            seen.add(key)
            unique.append(p)
            at[p] = i
    n = max(1, len(paths))
    if cancel.is_set():
        raise Cancelled()
    if isolate and sandbox.enabled():
        if unique:
            progress(at[unique[0]] / n, f"Reading {Path(unique[0]).name}")
        outcomes = sandbox.read_many(unique, passwords=passwords, cancel=cancel, meanwhile=meanwhile,
                                     progress=lambda k, f, m: progress((at[unique[k]] + f) / n, m))
    else:
        if meanwhile is not None:
            meanwhile()
        outcomes = []
        for p in unique:
            if cancel.is_set():
                raise Cancelled()
            progress(at[p] / n, f"Reading {Path(p).name}")
            try:
                outcomes.append(read_file(p, passwords=passwords, cancel=cancel,
                                          progress=lambda f, m, i=at[p]: progress((i + f) / n, m)))
            except (InputError, MemoryError) as e:
                outcomes.append(e)
    tables: list[Table] = []
    report = ImportReport()
    for p, outcome in zip(unique, outcomes):
        name = Path(p).name
        if isinstance(outcome, InputError):
            code = ("wrong-password" if outcome.wrong else "password") if isinstance(outcome, PasswordRequired) else ""
            report = report.merged(ImportReport((ImportIssue("error", name, "", outcome.message, code),)))
        elif isinstance(outcome, MemoryError):
            report = report.merged(ImportReport((ImportIssue(
                "error", name, "", f"{name}: too big to read in the memory available"),)))
        else:
            tables.extend(outcome[0])
            report = report.merged(outcome[1])
    progress(1.0, f"Read {len(tables)} tables from {len(paths)} file(s)")
    return tables, report
