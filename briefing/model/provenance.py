"""Where a value came from: file, sheet, cell range and the file's SHA-256."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def column_letter(col: int) -> str:
    """0-based column index to spreadsheet letters (0 -> A, 27 -> AB)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """0-based (row, col) to an A1 reference."""
    return f"{column_letter(col)}{row + 1}"


def _quote_sheet(sheet: str) -> str:
    if sheet.replace("_", "").isalnum() and sheet.isascii():
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


@dataclass(frozen=True)
class Provenance:
    path: str          # absolute path of the source file when it was read
    sheet: str         # sheet name ("" for CSV)
    cell_range: str    # e.g. "A4:C9"
    sha256: str        # hex digest of the whole source file

    @property
    def file_name(self) -> str:
        return Path(self.path).name

    def cite(self, cell_range: str | None = None) -> str:
        """A reference a reader can follow, e.g. "Adoption!B5:C5"."""
        rng = cell_range or self.cell_range
        return f"{_quote_sheet(self.sheet)}!{rng}" if self.sheet else rng
