"""A sheet as read from a file: a rectangle of raw cell values with its offset and hints."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SheetGrid:
    name: str
    rows: list[list[Any]]           # raw values, None for empty; rows[0][0] is at (row0, col0)
    row0: int = 0                   # 0-based sheet row of rows[0]
    col0: int = 0
    percent_cells: frozenset[tuple[int, int]] = frozenset()   # absolute (row, col)
    merged: tuple[tuple[int, int, int, int], ...] = ()        # absolute (r1, c1, r2, c2), inclusive
    hidden: bool = False
    # When hidden rows/columns were taken out, the sheet row/column of each one kept (else empty).
    row_ids: tuple[int, ...] = ()
    col_ids: tuple[int, ...] = ()

    def abs_row(self, r: int) -> int:
        return self.row_ids[r] if self.row_ids else r + self.row0

    def abs_col(self, c: int) -> int:
        return self.col_ids[c] if self.col_ids else c + self.col0

    def abs_rows(self, rs) -> tuple[int, ...]:
        """abs_row of each of rs, in one pass."""
        if self.row_ids:
            return tuple(map(self.row_ids.__getitem__, rs))
        return tuple(map((self.row0).__add__, rs))
