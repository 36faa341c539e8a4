"""What an import read, skipped and warned about, per file and sheet."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ImportIssue:
    level: str        # "error" (file or sheet not read), "warning", "info"
    file: str
    sheet: str
    message: str
    # A machine-readable reason where the UI acts on it: "password" (encrypted, none given),
    # "wrong-password"; "" otherwise.
    code: str = ""

    def line(self) -> str:
        if self.file and self.file in self.message.split(":")[0]:
            return self.message   # already says where
        where = f"{self.file}" + (f", sheet '{self.sheet}'" if self.sheet else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ImportReport:
    issues: tuple[ImportIssue, ...] = ()

    @property
    def errors(self) -> tuple[ImportIssue, ...]:
        return tuple(i for i in self.issues if i.level == "error")

    def merged(self, other: "ImportReport") -> "ImportReport":
        return ImportReport(self.issues + other.issues)
