"""The main window: sources, themes and briefing panels, menus, and the background import/build."""
from __future__ import annotations

import re
from pathlib import Path

import PySide6
from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal, Slot, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QMainWindow, QMessageBox, QProgressBar, QSplitter, QStyle, QToolButton,
    QVBoxLayout, QWidget,
)

import briefing
from briefing import pipeline
from briefing.model import BriefingSpec
from briefing.pipeline import BuildResult, Workspace
from briefing.ui.briefing_panel import BriefingPanel
from briefing.ui.sources_panel import SourcesPanel
from briefing.ui.themes_panel import ThemesPanel
from briefing.ui.workers import Task

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
WORKBOOK_FILTER = "Workbooks (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def default_pdf_name(title: str) -> str:
    """A file name from the briefing title, e.g. "China AI race" -> "China-AI-race.pdf"."""
    stem = _UNSAFE_IN_NAME.sub(" ", title).strip()
    stem = re.sub(r"\s+", "-", stem).strip(".-") or "briefing"
    return stem[:80] + ".pdf"


def suggested_title(sources: list[str]) -> tuple[str, str]:
    """The title and subtitle the CLI would use for these sources (demo sample: its own title)."""
    from briefing.paths import sample_workbook
    if not sources:
        return "Briefing", ""
    if _same_path(sources[0], str(sample_workbook())):
        from briefing.pipeline import DEMO_SUBTITLE, DEMO_TITLE
        return DEMO_TITLE, DEMO_SUBTITLE
    return Path(sources[0]).stem, ""


def _same_path(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b


def _about(issue, path: str) -> bool:
    """Whether an import issue concerns `path` (issues may name a file by path or bare name)."""
    return issue.file in (path, Path(path).name) or _same_path(issue.file, path)


class MainWindow(QMainWindow):
    workspace_changed = Signal()
    build_succeeded = Signal(object)      # BuildResult
    task_done = Signal(str, str)          # task name, outcome: succeeded | failed | cancelled

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sources: list[str] = []
        self.workspace: Workspace | None = None
        self.task: Task | None = None
        self.last_pdf: Path | None = None
        self._pending_imports: list[str] = []
        self._retired_task: Task | None = None
        self._last_dir = ""

        self.sources_panel = SourcesPanel()
        self.themes_panel = ThemesPanel()
        self.briefing_panel = BriefingPanel()
        self._build_layout()
        self._build_actions()
        self._build_status_bar()

        self.briefing_panel.build_button.clicked.connect(self.build_pdf)
        self.briefing_panel.changed.connect(self._update_title)
        self.briefing_panel.lang_changed.connect(self._on_lang)
        self.themes_panel.changed.connect(self._update_actions)
        self.sources_panel.tree.itemSelectionChanged.connect(self._update_actions)

        self.setAcceptDrops(True)
        self.resize(1200, 760)
        self._update_title()
        self._update_actions()

    # -- layout ----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        # Sources get the width (long titles, theme scores); themes and cover fields stack on the right.
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.themes_panel)
        right.addWidget(self.briefing_panel)
        right.setChildrenCollapsible(False)
        right.setHandleWidth(12)
        right.setSizes([300, 380])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.sources_panel)
        split.addWidget(right)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([790, 390])
        split.setHandleWidth(12)
        self.splitter = split
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 4)
        layout.addWidget(split)
        self.setCentralWidget(central)

    def _build_actions(self) -> None:
        style = self.style()
        self.import_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton),
                                     "&Import…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+O"))
        self.import_action.setStatusTip("Add workbooks (.xlsx, .xlsm, .xls, .ods, .csv) to the briefing")
        self.import_action.triggered.connect(self.import_dialog)

        self.remove_action = QAction("&Remove File", self)
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.remove_action.setStatusTip("Remove the selected file from the briefing's sources")
        self.remove_action.triggered.connect(self.remove_selected_file)
        self.sources_panel.tree.addAction(self.remove_action)
        self.sources_panel.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.build_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
                                    "&Build PDF…", self)
        self.build_action.setShortcut(QKeySequence("Ctrl+B"))
        self.build_action.setStatusTip("Write the briefing as a PDF")
        self.build_action.triggered.connect(self.build_pdf)

        self.open_pdf_action = QAction("&Open PDF", self)
        self.open_pdf_action.setStatusTip("Open the PDF just built in the system viewer")
        self.open_pdf_action.triggered.connect(self.open_last_pdf)
        self.open_pdf_action.setEnabled(False)

        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.about_action = QAction("&About Briefing", self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.remove_action)
        file_menu.addSeparator()
        file_menu.addAction(self.build_action)
        file_menu.addAction(self.open_pdf_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)

        bar = self.addToolBar("Main")
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self.import_action)
        bar.addAction(self.build_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedWidth(220)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop the import or build (Esc)")
        self.cancel_button.setShortcut(QKeySequence("Esc"))
        self.cancel_button.clicked.connect(self.cancel_task)
        self.open_button = QToolButton()
        self.open_button.setDefaultAction(self.open_pdf_action)
        for w in (self.progress_bar, self.cancel_button, self.open_button):
            bar.addPermanentWidget(w)
            w.hide()

    # -- the spec the window would build -----------------------------------------------------

    def current_spec(self) -> BriefingSpec:
        return BriefingSpec(sources=tuple(self.sources), themes=self.themes_panel.selected_keys(),
                            **self.briefing_panel.values())

    @property
    def busy(self) -> bool:
        return self.task is not None

    # -- import ---------------------------------------------------------------------------------

    def open_sample(self) -> None:
        from briefing.paths import sample_workbook
        self.import_files([str(sample_workbook())])

    def ask_open_paths(self) -> list[str]:
        """The import dialog; tests replace it."""
        paths, _ = QFileDialog.getOpenFileNames(self, "Import workbooks", self._start_dir(), WORKBOOK_FILTER)
        return paths

    @Slot()
    def import_dialog(self) -> None:
        paths = self.ask_open_paths()
        if paths:
            self._last_dir = str(Path(paths[0]).parent)
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> None:
        """Add workbooks to the sources and re-import everything in the background."""
        new = [str(Path(p)) for p in paths]
        if self.task is not None:
            # One job at a time; the import runs as soon as the current one ends.
            self._pending_imports.extend(new)
            self.statusBar().showMessage(f"{len(self._pending_imports)} file(s) will be imported next")
            return
        added = []
        for p in new:
            if not any(_same_path(p, s) for s in self.sources + added):
                added.append(p)
        if not added and self.workspace is not None:
            self.statusBar().showMessage("Already imported", 4000)
            return
        self._load(self.sources + added, added)

    @Slot()
    def remove_selected_file(self) -> None:
        path = self.sources_panel.selected_file()
        if path is None or self.task is not None:
            return
        keep = [s for s in self.sources if not _same_path(s, path)]
        if len(keep) != len(self.sources):
            self._load(keep, [])

    def _load(self, sources: list[str], added: list[str]) -> None:
        sources = list(sources)

        def job(progress, cancel):
            return pipeline.load(sources, progress=progress, cancel=cancel)

        task = self._start(job, "import", f"Importing {len(sources)} file(s)…")
        task.succeeded.connect(lambda ws: self._on_loaded(ws, sources, added))
        task.failed.connect(lambda msg: self.show_error("Import failed", msg))

    def _on_loaded(self, ws: Workspace, sources: list[str], added: list[str]) -> None:
        errors = ws.report.errors
        per_table = [t.provenance.path for t in ws.tables]
        failed = [s for s in sources
                  if not any(_same_path(s, p) for p in per_table) and any(_about(i, s) for i in errors)]
        # A file that gave nothing but errors is not a source: it would only fail again next time.
        self.sources = [s for s in sources if s not in failed]
        self.workspace = ws
        self.briefing_panel.suggest(*suggested_title(self.sources))
        lang = self.briefing_panel.lang()
        self.sources_panel.set_workspace(ws, lang)
        self.themes_panel.set_workspace(ws, lang)
        self._update_actions()
        self.statusBar().showMessage(f"Imported {len(ws.tables)} tables from {len(self.sources)} file(s)", 8000)
        new_errors = [i.line() for i in errors if any(_about(i, a) for a in added)]
        if new_errors:
            self.show_error("Some files could not be imported", "\n".join(new_errors))
        self.workspace_changed.emit()

    # -- build --------------------------------------------------------------------------------

    def ask_save_path(self, default_name: str) -> str | None:
        """The save dialog; tests replace it. None when the user cancels."""
        start = str(Path(self._start_dir()) / default_name)
        path, _ = QFileDialog.getSaveFileName(self, "Build PDF", start, "PDF documents (*.pdf)")
        return path or None

    @Slot()
    def build_pdf(self) -> None:
        if self.task is not None or self.workspace is None:
            return
        spec = self.current_spec()
        if not spec.themes:
            self.show_error("Nothing to build", "Tick at least one theme to write about.")
            return
        path = self.ask_save_path(default_pdf_name(spec.title))
        if not path:
            return
        if Path(path).suffix.lower() != ".pdf":
            path += ".pdf"
        self._last_dir = str(Path(path).parent)
        self.build_to(spec, path)

    def build_to(self, spec: BriefingSpec, path: str) -> Task:
        ws = self.workspace

        def job(progress, cancel):
            return pipeline.build(spec, path, workspace=ws, progress=progress, cancel=cancel)

        self.open_button.hide()
        task = self._start(job, "build", f"Building {Path(path).name}…")
        task.succeeded.connect(self._on_built)
        task.failed.connect(lambda msg: self.show_error("Could not build the PDF", msg))
        return task

    def _on_built(self, result: BuildResult) -> None:
        self.last_pdf = Path(result.path)
        self.open_pdf_action.setEnabled(True)
        self.open_button.show()
        self.statusBar().showMessage(f"Wrote {self.last_pdf.name}: {result.pages} pages")
        self.build_succeeded.emit(result)

    @Slot()
    def open_last_pdf(self) -> None:
        if self.last_pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_pdf)))

    # -- running one task at a time -------------------------------------------------------------

    def _start(self, job, name: str, message: str) -> Task:
        task = Task(job, name)
        self.task = task
        task.progressed.connect(self._on_progress)
        task.cancelled.connect(lambda: self.statusBar().showMessage(f"{name.capitalize()} cancelled", 6000))
        task.done.connect(self._on_task_done)
        # Busy-indicator until the first real fraction arrives, rather than an empty bar.
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.statusBar().showMessage(message)
        self._update_actions()
        task.start()
        return task

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(int(fraction * 1000))
        if message:
            self.statusBar().showMessage(message)

    @Slot()
    def _on_task_done(self) -> None:
        task = self.task
        if task is None:
            return
        self.task = None
        outcome = task.outcome
        self.progress_bar.hide()
        self.cancel_button.hide()
        self._update_actions()
        # Kept (not deleteLater'd) until the next task ends: deleting a QObject from inside its own
        # signal, or a parented one the window also deletes, crashes PySide.
        self._retired_task = task
        self.task_done.emit(task.name, outcome)
        if self._pending_imports and self.task is None:
            pending, self._pending_imports = self._pending_imports, []
            self.import_files(pending)

    @Slot()
    def cancel_task(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.statusBar().showMessage("Cancelling…")

    # -- small things ---------------------------------------------------------------------------

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(
            self, "About Briefing",
            f"<h3>Briefing {briefing.__version__}</h3>"
            "<p>Survey workbooks in, traceable PDF briefings out. Works offline.</p>"
            f"<p>Qt {qVersion()} · PySide6 {PySide6.__version__}</p>")

    def _start_dir(self) -> str:
        return self._last_dir or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())

    @Slot()
    def _update_title(self) -> None:
        self.setWindowTitle(f"Briefing — {self.briefing_panel.title_text()}")

    @Slot(str)
    def _on_lang(self, lang: str) -> None:
        self.sources_panel.set_lang(lang)
        self.themes_panel.set_lang(lang)

    @Slot()
    def _update_actions(self) -> None:
        idle = self.task is None
        can_build = idle and self.workspace is not None and bool(self.themes_panel.selected_keys())
        self.build_action.setEnabled(can_build)
        self.briefing_panel.build_button.setEnabled(can_build)
        self.remove_action.setEnabled(idle and self.sources_panel.selected_file() is not None)
        n = len(self.themes_panel.selected_keys())
        if self.workspace is None:
            self.briefing_panel.summary.setText("")
        else:
            self.briefing_panel.summary.setText(
                f"{n} theme section{'s' if n != 1 else ''} from {len(self.workspace.tables)} tables "
                f"in {len(self.sources)} file{'s' if len(self.sources) != 1 else ''}.")

    # -- drag-and-drop of files -----------------------------------------------------------------

    @staticmethod
    def _dropped_files(event) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls()
                if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in WORKBOOK_SUFFIXES]

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
            self.import_files(files)

    # -- closing ----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self._pending_imports.clear()
        task = self.task
        if task is not None:
            # Qt aborts the process if a QThread object dies while its thread still runs.
            self.statusBar().showMessage("Stopping…")
            task.cancel_and_wait()
        super().closeEvent(event)
