"""Plain frozen dataclasses shared by every layer: tables, provenance, themes, findings, the briefing spec."""
from briefing.model.errors import BriefingError, InputError, Cancelled, PasswordRequired
from briefing.model.provenance import Provenance, cell_name, column_letter
from briefing.model.table import Column, Table, ColumnKind
from briefing.model.theme import Theme, ThemeTag
from briefing.model.finding import Finding
from briefing.model.spec import BriefingSpec
from briefing.model.report import ImportReport, ImportIssue

__all__ = [
    "BriefingError", "InputError", "Cancelled", "PasswordRequired", "Provenance", "cell_name", "column_letter",
    "Column", "Table", "ColumnKind", "Theme", "ThemeTag", "Finding", "BriefingSpec",
    "ImportReport", "ImportIssue",
]
