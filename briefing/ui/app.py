"""Start the desktop app: QApplication, the main window, and the files to open."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

import briefing
from briefing.ui.main_window import MainWindow


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named so settings and dialogs say "Briefing"."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "briefing", *(argv or [])])
    app.setApplicationName("Briefing")
    app.setApplicationDisplayName("Briefing")
    app.setOrganizationName("Briefing")
    app.setApplicationVersion(briefing.__version__)
    return app


def create_window(files: list[str] | None = None) -> MainWindow:
    """A shown window importing `files`, or the embedded sample workbook when there are none."""
    window = MainWindow()
    screen = window.screen()
    if screen is not None:
        # Centred: without a window manager (kiosk, Xvfb) it would sit in the top-left corner.
        window.move(screen.availableGeometry().center() - window.rect().center())
    window.show()
    if files:
        window.import_files(files)
    else:
        window.open_sample()
    return window


def run(argv: list[str] | None = None) -> int:
    app = application(list(argv or []))
    # Qt has removed its own options (-platform, -style, ...) from arguments(); the rest are files.
    files = [a for a in app.arguments()[1:] if not a.startswith("-")]
    missing = [f for f in files if not Path(f).exists()]
    window = create_window([f for f in files if f not in missing])
    if missing:
        window.show_error("File not found", "\n".join(f"{f}: no such file" for f in missing))
    return app.exec()
