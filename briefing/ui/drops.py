"""Dropping workbooks or a .briefing project on the main window: imports them, or opens it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent

from briefing import project as projects
from briefing.ingest import filetypes


class FileDrops:
    """Mixed into MainWindow (which accepts drops and has `open_project` and `import_files`)."""

    @staticmethod
    def _dropped_files(event) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls()
                if u.isLocalFile() and (filetypes.is_readable(u.toLocalFile())
                                        or Path(u.toLocalFile()).suffix.lower() == projects.SUFFIX)]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._dropped_files(event)
        if files:
            event.acceptProposedAction()
            briefings = [f for f in files if f.endswith(projects.SUFFIX)]
            if briefings:
                self.open_project(briefings[0])
            else:
                self.import_files(files)
