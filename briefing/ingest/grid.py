"""A sheet as read from a file: a rectangle of raw cell values with its offset and hints."""
from __future__ import annotations

from dataclasses import dataclass, field
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
