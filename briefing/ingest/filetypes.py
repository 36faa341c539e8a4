"""The file types Briefing reads: the one list the readers, the CLI help, the window's dialogs and drops use."""
from __future__ import annotations

import os

# Read by python-calamine, with openpyxl (.xlsx/.xlsm) or xlrd (.xls) where it cannot.
WORKBOOKS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
# Read as delimited text, the delimiter and encoding sniffed.
TEXT = (".csv", ".tsv", ".txt")
READABLE = WORKBOOKS + TEXT


def suffix(path: str | os.PathLike) -> str:
    return os.path.splitext(os.fspath(path))[1].lower()


def is_readable(path: str | os.PathLike) -> bool:
    """Whether the name says a type Briefing reads (the content is checked when it is read)."""
    return suffix(path) in READABLE


def readable(paths) -> list[str]:
    """Those of `paths` whose names say a type Briefing reads, in order (a drop of mixed files)."""
    return [p for p in paths if is_readable(p)]


def listed(conjunction: str = "or") -> str:
    """".xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv or .txt", for help texts and messages."""
    return f"{', '.join(READABLE[:-1])} {conjunction} {READABLE[-1]}"


def dialog_filter(label: str = "Workbooks") -> str:
    """A Qt file dialog filter: "Workbooks (*.xlsx ... *.txt);;All files (*)"."""
    return f"{label} ({' '.join('*' + s for s in READABLE)});;All files (*)"
