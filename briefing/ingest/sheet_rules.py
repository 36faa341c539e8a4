"""Rules applied to a raw sheet grid before tables are looked for: hidden rows and columns left out,
merged label cells filled down; each rule applied is said in the import report."""
from __future__ import annotations

from dataclasses import replace

from briefing.ingest.grid import SheetGrid
from briefing.model import column_letter

# Merged ranges bigger than this are decoration (a banner), not a label to copy into each cell.
_MAX_FILL = 10_000


def spans(numbers: list[int], fmt=str) -> str:
    """[4, 5, 6, 9] -> "4-6, 9" (at most ten spans, then "...")."""
    out: list[str] = []
    start = prev = None
    for n in sorted(numbers) + [None]:
        if start is not None and (n is None or n != prev + 1):
            out.append(fmt(start) if start == prev else f"{fmt(start)}-{fmt(prev)}")
            start = None
        if n is not None and start is None:
            start = n
        prev = n
    return ", ".join(out[:10]) + (", ..." if len(out) > 10 else "")


def drop_hidden(grid: SheetGrid, hidden_rows: set[int], hidden_cols: set[int]) -> tuple[SheetGrid, list[str]]:
    """The grid without its hidden rows and columns (they are not in the printed table), and what was said."""
    rows_abs = grid.abs_rows(range(len(grid.rows)))
    width = max(map(len, grid.rows), default=0)
    cols_abs = [grid.abs_col(c) for c in range(width)]
    drop_r = [i for i, a in enumerate(rows_abs) if a in hidden_rows
              and any(v is not None for v in grid.rows[i])] if hidden_rows else []
    drop_c = [j for j, a in enumerate(cols_abs) if a in hidden_cols
              and any(j < len(r) and r[j] is not None for r in grid.rows)]
    if not drop_r and not drop_c:
        return grid, []
    said = []
    if drop_r:
        said.append(f"hidden rows {spans([rows_abs[i] + 1 for i in drop_r])} left out "
                    "(rule: hidden rows and columns are not read, as they are not printed)")
    if drop_c:
        said.append(f"hidden columns {spans([cols_abs[j] for j in drop_c], column_letter)} left out "
                    "(rule: hidden rows and columns are not read, as they are not printed)")
    dr, dc = set(drop_r), set(drop_c)
    keep_c = [j for j in range(width) if j not in dc]
    rows = [[row[j] if j < len(row) else None for j in keep_c] for i, row in enumerate(grid.rows) if i not in dr]
    return replace(grid, rows=rows, row_ids=tuple(a for i, a in enumerate(rows_abs) if i not in dr),
                   col_ids=tuple(cols_abs[j] for j in keep_c)), said


# The vertical merges of the last grid looked at, by column: merged_down runs once per column, and a
# wide sheet with many merges would otherwise cost columns x merges. (grid.merged, index) in one tuple.
_by_column: tuple[tuple, dict[int, list[tuple[int, int]]]] = ((), {})


def _vertical_merges(merged: tuple) -> dict[int, list[tuple[int, int]]]:
    global _by_column
    seen, index = _by_column
    if seen is merged:
        return index
    index = {}
    for r1, c1, r2, c2 in merged:
        if c1 == c2 and r2 > r1 and (r2 - r1) <= _MAX_FILL:   # horizontal merges are header groups
            index.setdefault(c1, []).append((r1, r2))
    _by_column = (merged, index)
    return index


def merged_down(grid: SheetGrid, body_rows: list[int], col: int, values: list) -> int:
    """Fills, in one column's body values, the rows a merged row label spans (a group of rows).

    Only merges inside the body count: one that starts in the header is a header cell, not a label.
    """
    if not grid.merged or not body_rows:
        return 0
    spans = _vertical_merges(grid.merged).get(grid.abs_col(col))
    if not spans:
        return 0
    abs_rows = [grid.abs_row(r) for r in body_rows]
    at = {a: i for i, a in enumerate(abs_rows)}
    filled = 0
    for r1, r2 in spans:
        i = at.get(r1)
        if i is None or values[i] is None:
            continue
        for a in range(r1 + 1, r2 + 1):
            k = at.get(a)
            if k is not None and values[k] is None:
                values[k] = values[i]
                filled += 1
    return filled
