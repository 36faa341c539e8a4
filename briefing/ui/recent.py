"""The Open Recent list: the last projects opened or saved, kept in QSettings."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMenu

from briefing.session import same_path

# Literal "MainWindow" contexts: lupdate files these strings with the window's, as before.
translate = QCoreApplication.translate
MAX_RECENT = 8
KEY = "recentFiles"


class RecentFiles:
    """The newest first, at most MAX_RECENT."""

    def __init__(self, settings: QSettings):
        self.settings = settings

    def files(self) -> list[str]:
        value = self.settings.value(KEY, [])
        if isinstance(value, str):     # QSettings (INI) gives a one-item list back as a string
            value = [value]
        return [str(v) for v in (value or [])]

    def add(self, path: str) -> None:
        files = [path] + [f for f in self.files() if not same_path(f, path)]
        self.settings.setValue(KEY, files[:MAX_RECENT])

    def remove(self, path: str) -> None:
        self.settings.setValue(KEY, [f for f in self.files() if f != path])

    def clear(self) -> None:
        self.settings.setValue(KEY, [])

    def fill_menu(self, menu: QMenu, open_project: Callable[[str], object]) -> None:
        """Rebuilt each time the menu opens, so it shows what other windows added."""
        menu.clear()
        files = self.files()
        for i, f in enumerate(files, 1):
            a = menu.addAction(f"&{i} {Path(f).name}")
            a.setToolTip(f)
            a.setStatusTip(f)
            a.triggered.connect(lambda _=False, f=f: open_project(f))
        if not files:
            menu.addAction(translate("MainWindow", "No recent projects")).setEnabled(False)
        menu.addSeparator()
        menu.addAction(translate("MainWindow", "&Clear Menu"), self.clear)
