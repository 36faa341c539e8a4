"""The main window's panes, tabs and status-bar widgets, and their geometry kept across runs."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QProgressBar, QSplitter, QTabWidget, QToolButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

# Literal "MainWindow" contexts: lupdate files these strings with the window's, as before.
translate = QCoreApplication.translate


def build_layout(window: MainWindow) -> None:
    # Left: the data; middle: what to say (themes, cover, findings); right: the PDF as it prints.
    window.tabs = QTabWidget()
    window.tabs.setDocumentMode(True)
    window.tabs.addTab(window.themes_panel, translate("MainWindow", "Themes"))
    window.tabs.addTab(window.briefing_panel, translate("MainWindow", "Cover"))
    window.tabs.addTab(window.findings_panel, translate("MainWindow", "Findings"))
    window.tabs.setTabToolTip(0, translate("MainWindow", "Tick and order the sections of the briefing"))
    window.tabs.setTabToolTip(1, translate("MainWindow", "Title, author, date, classification, language, template"))
    window.tabs.setTabToolTip(2, translate("MainWindow", "Read and edit every sentence written from the data"))
    split = QSplitter(Qt.Orientation.Horizontal)
    split.setObjectName("main-splitter")
    split.addWidget(window.sources_panel)
    split.addWidget(window.tabs)
    split.addWidget(window.preview_panel)
    split.setChildrenCollapsible(False)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)
    split.setStretchFactor(2, 3)
    split.setSizes([480, 380, 520])
    split.setHandleWidth(10)
    window.splitter = split
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(8, 6, 8, 2)
    layout.addWidget(split)
    window.setCentralWidget(central)


def build_status_bar(window: MainWindow) -> None:
    """The progress bar, Cancel and Open in Viewer, shown only while they apply."""
    bar = window.statusBar()
    window.progress_bar = QProgressBar()
    window.progress_bar.setRange(0, 1000)
    window.progress_bar.setTextVisible(False)
    window.progress_bar.setFixedWidth(220)
    window.cancel_button = QToolButton()
    window.cancel_button.setText(translate("MainWindow", "Cancel"))
    window.cancel_button.setToolTip(translate("MainWindow", "Stop the import or export (Esc)"))
    window.cancel_button.setShortcut(QKeySequence("Esc"))
    window.cancel_button.clicked.connect(window.cancel_task)
    window.open_button = QToolButton()
    window.open_button.setDefaultAction(window.open_pdf_action)
    for w in (window.progress_bar, window.cancel_button, window.open_button):
        bar.addPermanentWidget(w)
        w.hide()


def restore_layout(window: MainWindow) -> None:
    geometry = window.settings.value("window/geometry")
    if geometry:
        window.restoreGeometry(geometry)
    state = window.settings.value("window/state")
    if state:
        window.restoreState(state)
    sizes = window.settings.value("window/splitter")
    if sizes:
        window.splitter.restoreState(sizes)


def save_layout(window: MainWindow) -> None:
    window.settings.setValue("window/geometry", window.saveGeometry())
    window.settings.setValue("window/state", window.saveState())
    window.settings.setValue("window/splitter", window.splitter.saveState())
    window.settings.sync()
