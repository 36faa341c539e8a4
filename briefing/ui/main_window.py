"""The main window: panels bound to one Session (sources, themes, cover fields, findings, live
preview), and the Qt side of its jobs, projects, autosave and interface language."""
from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QToolBar, QWidget

from briefing import project as projects
from briefing.model import BriefingError, BriefingSpec
from briefing.pipeline import BuildResult
from briefing.project import Project
from briefing.session import Op, Session, locked, same_path
from briefing.ui import isolated
from briefing.ui.about import about_html
from briefing.ui.actions import build_actions
from briefing.ui.autosave import Autosaves
from briefing.ui.briefing_panel import BriefingPanel
from briefing.ui.commands import step_label
from briefing.ui.drops import FileDrops
from briefing.ui.export_data import DataExport
from briefing.ui.files import default_pdf_name, preview_folder
from briefing.ui.findings_panel import FindingsPanel
from briefing.ui.layout import build_layout, build_status_bar, restore_layout, save_layout
from briefing.ui.preview_panel import PreviewPanel
from briefing.ui.questions import Questions
from briefing.ui.recent import RecentFiles
from briefing.ui.sources_panel import SourcesPanel
from briefing.ui.task_runner import TaskRunner
from briefing.ui.themes_panel import ThemesPanel
from briefing.ui.workers import Task

PREVIEW_DELAY_MS = 150          # after text typed in a field or a finding: a burst of keys builds once
AUTOSAVE_MS = 60_000



def keep_out_of_collections() -> None:
    """Moves every object alive now (the workspace's tables, the widgets) out of the collector's reach.

    The collector's full passes hold the GIL while they walk every tracked object: with a workbook's
    tables in memory a pass took 30-60 ms, and one run in the preview's build thread froze the window
    that long. Frozen objects are still freed when their last reference goes (tables hold no cycles);
    the young generations are collected first so that little garbage is frozen with them."""
    gc.collect(1)
    gc.freeze()


class MainWindow(Questions, FileDrops, TaskRunner, DataExport, QMainWindow):
    """Panels bound to `session`, which holds the briefing: a panel's change calls a Session
    method, and the session's events redraw the panels. The window itself keeps only what is
    Qt's: the running jobs, the preview files, timers and whether it is closing. The questions to
    the user, file drops and the job runner are mixins so that tests replace or call them."""

    workspace_changed = Signal()
    build_succeeded = Signal(object)      # BuildResult of an export
    preview_updated = Signal(object)      # BuildResult of a preview now shown
    task_done = Signal(str, str)          # task name, outcome: succeeded | failed | cancelled
    project_loaded = Signal(str)
    preview_done = Signal(str)            # outcome of a preview build (also for stale, cancelled ones)

    def __init__(self, parent: QWidget | None = None, *, settings: QSettings | None = None,
                 data_dir: str | os.PathLike | None = None, autosave_ms: int = AUTOSAVE_MS,
                 session: Session | None = None):
        super().__init__(parent)
        from briefing.settings import user_data_dir
        self.settings = settings if settings is not None else QSettings()
        self.recent = RecentFiles(self.settings)
        self.data_dir = Path(data_dir) if data_dir is not None else user_data_dir()
        self.autosaves = Autosaves(self.data_dir / "autosave", id(self))
        self.session = session or Session(loader=isolated.load_any, builder=isolated.build_any)

        self.task: Task | None = None
        self.preview_task: Task | None = None
        self._stale_previews: list[Task] = []
        self._warm_task: Task | None = None
        self._retired: dict[str, Task] = {}    # done tasks, kept until the next of their kind ends
        self._pending_imports: list[str] = []
        self._last_dir = ""
        self._applying = False                 # a panel's own change, or the panels being redrawn
        self._closing = False
        self._preview_seq = 0
        self._preview_dir = preview_folder()

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        # A coarse timer (Qt's default) may fire 5% early or late, up to 7.5 ms of every change's wait.
        self._preview_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._preview_timer.timeout.connect(self._start_preview)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(autosave_ms)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()

        for event, listener in (("workspace", self._show_workspace), ("choices", self._show_choices),
                                ("findings", self._refresh_findings), ("modified", self._update_modified),
                                ("project", self.project_loaded.emit)):
            self.session.on(event, listener)
        self._build_ui()
        self.setAcceptDrops(True)
        self.resize(1400, 860)
        restore_layout(self)
        self._show_all()

    # -- the panels --------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        """The panels, menus, toolbar and status bar, in the interface language now installed."""
        self.sources_panel = SourcesPanel(self.session)
        self.themes_panel = ThemesPanel(self.session)
        self.briefing_panel = BriefingPanel()
        self.findings_panel = FindingsPanel(self.session)
        self.preview_panel = PreviewPanel()
        build_layout(self)
        build_actions(self)
        build_status_bar(self)

        self.briefing_panel.build_button.clicked.connect(self.build_pdf)
        self.briefing_panel.changed.connect(self._on_fields_changed)
        self.sources_panel.current_changed.connect(self._update_actions)
        self.sources_panel.preview.role_chosen.connect(self.set_row_role)
        self.themes_panel.new_theme_requested.connect(self.new_theme_dialog)
        self.themes_panel.edit_theme_requested.connect(self.edit_theme_dialog)
        self.themes_panel.remove_theme_requested.connect(self.remove_custom_theme)
        self.themes_panel.all_requested.connect(lambda: self.session.tick_supported())
        self.findings_panel.edit_requested.connect(self.session.set_edit)
        self.findings_panel.current_changed.connect(lambda: self.show_finding_in_preview())
        self.findings_panel.reviewed.connect(self.session.mark_reviewed)

    def _show_all(self) -> None:
        self._show_workspace()
        self._show_choices()
        self._refresh_findings()
        self._update_modified()

    def retranslate(self) -> None:
        """Rebuild the panels, menus and toolbar in the language now installed: they hold no
        state of their own, so the session redraws them as they were."""
        self._preview_timer.stop()
        splitter, tab = self.splitter.saveState(), self.tabs.currentIndex()
        preview, page = self.preview_panel.path, self.preview_panel.current_page()
        old_preview = self.preview_panel
        for a in self.findChildren(QAction):
            if a.parent() is self:
                a.deleteLater()       # their shortcuts would clash with the new actions'
        self.menuBar().clear()
        for bar in self.findChildren(QToolBar):
            if bar.parent() is self:
                self.removeToolBar(bar)
                bar.deleteLater()
        for w in (self.progress_bar, self.cancel_button, self.open_button):
            self.statusBar().removeWidget(w)
            w.deleteLater()
        old_preview.shutdown()
        self.centralWidget().deleteLater()
        self._build_ui()
        self.splitter.restoreState(splitter)
        self.tabs.setCurrentIndex(tab)
        self._show_all()
        if preview is not None and Path(preview).exists() and self.preview_panel.show_pdf(preview):
            self.preview_panel.go_to_page(page)
        if self.task is not None:
            self.progress_bar.setRange(0, 0)
            self.progress_bar.show()
            self.cancel_button.show()
        self._update_actions()

    def _show_workspace(self) -> None:
        ws = self.session.workspace
        self._applying = True
        try:
            if ws is None:
                self.sources_panel.show_placeholder(self.tr("Import a workbook (Ctrl+I) or drop one here."))
                self.preview_panel.clear(self.tr("Import a workbook (Ctrl+I) to start."))
            else:
                self.sources_panel.refresh()
            self.themes_panel.refresh()
        finally:
            self._applying = False
        self._update_actions()
        self.workspace_changed.emit()
        keep_out_of_collections()

    def _show_choices(self) -> None:
        """The session's choices in the panels; a panel whose own change this is shows it already."""
        choices = self.session.choices
        if not self._applying:
            self._applying = True
            try:
                self.briefing_panel.set_values(self.session.fields)
                self.briefing_panel.set_template(choices.template)
            finally:
                self._applying = False
        self.sources_panel.refresh()
        self.themes_panel.refresh()        # a thin model over the session: always current
        self._update_title()
        self._update_actions()
        self.schedule_preview(at_once=self.session.picked)

    @Slot()
    def _on_fields_changed(self) -> None:
        if self._applying:
            return
        self._applying = True
        try:
            self.session.change(fields=self.briefing_panel.values(), template=self.briefing_panel.template_name())
        finally:
            self._applying = False

    def _refresh_findings(self) -> None:
        self.findings_panel.refresh()

    # -- interface language and appearance ---------------------------------------------------------

    def set_ui_language(self, code: str) -> None:
        """"system", "en" or "zh": stored, installed and shown now in this window."""
        from PySide6.QtWidgets import QApplication
        from briefing.ui.app import install_translations, ui_language
        self.settings.setValue("ui/language", code)
        install_translations(QApplication.instance(), ui_language(self.settings))
        self.retranslate()
        self.language_actions[code].setChecked(True)

    def set_appearance(self, code: str) -> str:
        """"system", "light" or "dark": applied now and kept."""
        from PySide6.QtWidgets import QApplication
        from briefing.ui.app import apply_palette
        self.settings.setValue("ui/appearance", code)
        self.appearance_actions[code].setChecked(True)
        return apply_palette(QApplication.instance(), code)

    # -- what the session holds, as the window's tests and dialogs read it ------------------------------

    @property
    def workspace(self):
        return self.session.workspace

    @property
    def sources(self) -> list[str]:
        return list(self.session.sources)

    def current_spec(self) -> BriefingSpec:
        return self.session.spec()

    def choices(self) -> Project:
        """Everything the user chose, without the sources: what undo/redo restores."""
        return self.session.choices

    def current_project(self) -> Project:
        return self.session.project()

    @property
    def busy(self) -> bool:
        return self.task is not None

    # -- user actions ------------------------------------------------------------------------------

    def set_edit(self, key: str, text: str | None) -> None:
        """Edit (or with None reset) one finding, as the findings editor does."""
        self.session.set_edit(key, text)

    def set_custom_theme(self, theme) -> None:
        self.session.set_custom_theme(theme)

    def remove_custom_theme(self, key: str) -> None:
        self.session.remove_custom_theme(key)

    def set_table_themes(self, table_key: str, themes: tuple[str, ...] | None) -> None:
        self.session.set_table_themes(table_key, themes)

    @Slot(str, str, str)
    def set_row_role(self, table_key: str, label: str, role: str) -> None:
        self.session.set_row_role(table_key, label, role)
        self.sources_panel.preview.show_table(self.sources_panel.table(table_key))

    def show_finding_in_preview(self, key: str | None = None) -> int | None:
        """Turn the preview to the page of the finding being edited (its section, not the summary)."""
        key = key or self.findings_panel.current_key()
        pages = self.preview_panel.page_count_value()
        if not key or not pages:
            return None
        snippet = "".join(self.findings_panel.edit_text(key).split())[:48]
        if not snippet:
            return None
        found = None
        for page in range(pages):
            if snippet in "".join(self.preview_panel.page_text(page).split()):
                found = page      # the last match: sections come after the executive summary
        if found is not None:
            self.preview_panel.go_to_page(found)
        return found

    @Slot()
    def new_theme_dialog(self) -> None:
        from briefing.ui.theme_dialogs import ThemeDialog
        dialog = ThemeDialog(self, None, {t.key for t in self.session.catalogue})
        if self.run_dialog(dialog):
            self.set_custom_theme(dialog.theme())

    @Slot(str)
    def edit_theme_dialog(self, key: str) -> None:
        from briefing.ui.theme_dialogs import ThemeDialog
        theme = next((t for t in self.session.custom_themes if t.key == key), None)
        if theme is None:
            return
        dialog = ThemeDialog(self, theme, {t.key for t in self.session.catalogue})
        if self.run_dialog(dialog):
            self.set_custom_theme(dialog.theme())

    @Slot()
    def table_themes_dialog(self) -> None:
        from briefing.ui.theme_dialogs import TableThemesDialog
        key = self.sources_panel.current_table_key()
        table = self.sources_panel.table(key) if key else None
        ws = self.session.workspace
        if table is None or ws is None:
            return
        current = tuple(g.theme for g in ws.tags.get(key, ()))
        dialog = TableThemesDialog(self, table.title, ws.catalogue, current, self.session.lang)
        result = self.run_dialog(dialog)
        if result == TableThemesDialog.AUTOMATIC:
            self.set_table_themes(key, None)
        elif result:
            self.set_table_themes(key, dialog.themes())

    # -- import -----------------------------------------------------------------------------------

    def open_sample(self) -> None:
        from briefing.paths import sample_workbook
        self.import_files([str(sample_workbook())])

    @Slot()
    def open_sample_project(self) -> bool:
        """File > Open Sample Project: the shipped project over the sample workbook. Save asks for
        a file of the user's own: the shipped one is never written."""
        from briefing.paths import resource
        if self.task is not None or not self._maybe_save():
            return False
        try:
            proj = projects.load(resource("sample.briefing"))
        except projects.ProjectError as e:
            self.show_error(self.tr("Could not open the project"), e.message)
            return False
        self._run_import(self.session.open_op(proj))
        return True

    @Slot()
    def import_dialog(self) -> None:
        paths = self.ask_open_paths()
        if paths:
            self._last_dir = str(Path(paths[0]).parent)
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> None:
        """Add workbooks to the sources and re-import everything in the background."""
        if self.task is not None:
            # One job at a time; the import runs as soon as the current one ends.
            self._pending_imports.extend(str(Path(p)) for p in paths)
            self.statusBar().showMessage(self.tr("{0} file(s) will be imported next").format(len(self._pending_imports)))
            return
        op = self.session.import_op(paths)
        if op is None:
            self.statusBar().showMessage(self.tr("Already imported"), 4000)
            return
        self._run_import(op)

    @Slot()
    def replace_data_dialog(self) -> None:
        paths = self.ask_open_paths()
        if paths:
            self.replace_data(paths)

    def replace_data(self, paths: list[str]) -> None:
        """Re-run the briefing on new workbooks: choices and edits are kept; edits whose finding
        changed or went are flagged for review in the findings editor."""
        if self.task is None:
            self._run_import(self.session.replace_op(paths))

    @Slot()
    def remove_selected_file(self) -> None:
        path = self.sources_panel.selected_file()
        if path is None or self.task is not None:
            return
        op = self.session.remove_op(path)
        if op is not None:
            self._run_import(op)

    def _run_import(self, op: Op) -> Task:
        self._cancel_previews()
        task = self._start(op.run, "import", self.tr("Importing {0} file(s)…").format(op.files))
        task.succeeded.connect(lambda ws: self._on_loaded(op, ws))
        task.failed.connect(lambda msg: self.show_error(self.tr("Import failed"), msg))
        task.cancelled.connect(self._on_import_cancelled)
        return task

    def _on_import_cancelled(self) -> None:
        self.session.cancel_open()
        self.schedule_preview()

    def _on_loaded(self, op: Op, ws) -> None:
        found = locked(ws)
        if found and not self._closing and op.retry is not None:
            password = self.ask_password(found[0].file, found[0].code == "wrong-password")
            if password:
                self.session.add_password(password)
                # After this task has been reported done: one job at a time.
                QTimer.singleShot(0, lambda: self._run_import(op.retry()))
                return
        outcome = op.done(ws)
        if outcome.changed:
            self.statusBar().showMessage(self.tr("The data changed since the project was saved: "
                                                 "edited findings are checked against it"), 10000)
        elif not outcome.project:
            self.statusBar().showMessage(self.tr("Imported {0} tables from {1} file(s)").format(
                len(ws.tables), len(self.session.sources)), 8000)
        if outcome.errors:
            self.show_error(self.tr("Some files could not be imported"), "\n".join(outcome.errors))

    # -- live preview ---------------------------------------------------------------------------

    def schedule_preview(self, at_once: bool = False) -> None:
        """Rebuild the preview a moment after the last change (changes in a burst build once), or,
        `at_once`, as soon as the events queued now are handled: a tick or a choice from a list comes
        alone, and waiting for more would only add the wait to every click. (An import waits: the
        panels are filled first, and a build beside them would hold the GUI thread back.)"""
        if self.session.workspace is not None and not self._closing:
            self._preview_timer.setInterval(0 if at_once else PREVIEW_DELAY_MS)
            self._preview_timer.start()

    @Slot()
    def refresh_preview(self) -> None:
        self._preview_timer.stop()
        self._start_preview()

    def _cancel_previews(self) -> None:
        self._preview_timer.stop()
        if self.preview_task is not None:
            self.preview_task.cancel()
            self._stale_previews.append(self.preview_task)
            self.preview_task = None

    @Slot()
    def _start_preview(self) -> Task | None:
        if self.session.workspace is None or self._closing or (self.task is not None and self.task.name == "import"):
            return None
        self._cancel_previews()
        self._preview_seq += 1
        op = self.session.preview_op(self._preview_dir / f"preview-{self._preview_seq}.pdf")
        if op is None:
            self.session.clear_generated()
            self.preview_panel.clear(self.tr("Tick a theme to see the briefing."))
            return None
        task = Task(op.run, "preview", self)
        task.succeeded.connect(lambda r, t=task: self._on_preview(t, op, r))
        task.failed.connect(lambda msg, t=task: self._on_preview_failed(t, msg))
        task.done.connect(lambda t=task: self._on_preview_done(t))
        self.preview_task = task
        self.preview_panel.set_status(self.tr("Updating…"))
        task.start()
        return task

    def _on_preview(self, task: Task, op: Op, result: BuildResult) -> None:
        if task is not self.preview_task or self._closing:
            Path(result.path).unlink(missing_ok=True)
            return
        old = self.preview_panel.path
        if self.preview_panel.show_pdf(result.path):
            self.preview_panel.set_status(self.tr("{0} pages").format(result.pages))
        if old is not None and old != Path(result.path):
            old.unlink(missing_ok=True)
        op.done(result)      # the findings this build wrote: the editor's, never analysed again
        self.open_pdf_action.setEnabled(True)
        self.preview_updated.emit(result)

    def _on_preview_failed(self, task: Task, message: str) -> None:
        if task is self.preview_task:
            # Not a modal box: it would pop up on every keystroke.
            self.preview_panel.set_status(self.tr("Preview failed"))
            self.preview_panel.status.setToolTip(message)
            self.statusBar().showMessage(self.tr("Preview failed: {0}").format(message), 10000)

    def _on_preview_done(self, task: Task) -> None:
        if task is self.preview_task:
            self.preview_task = None
            self._retired["preview"] = task
        elif task in self._stale_previews:
            self._stale_previews.remove(task)
            self._retired["stale"] = task
        self.preview_done.emit(task.outcome)

    # -- export -----------------------------------------------------------------------------------

    @Slot()
    def build_pdf(self) -> None:
        if self.task is not None or self.session.workspace is None:
            return
        spec = self.session.spec()
        if not spec.themes:
            self.show_error(self.tr("Nothing to export"), self.tr("Tick at least one theme to write about."))
            return
        path = self.ask_save_path(default_pdf_name(self.session.file_stem()))
        if not path:
            return
        if Path(path).suffix.lower() != ".pdf":
            path += ".pdf"
        if any(same_path(path, s) for s in spec.sources):
            self.show_error(self.tr("Nothing to export"), self.tr("A source workbook is never overwritten."))
            return
        self._last_dir = str(Path(path).parent)
        self.build_to(path)

    def build_to(self, path: str) -> Task | None:
        op = self.session.build_op(path)
        if op is None:
            return None
        self.open_button.hide()
        task = self._start(op.run, "build", self.tr("Exporting {0}…").format(Path(path).name))
        task.succeeded.connect(lambda result: self._on_built(op.done(result)))
        task.failed.connect(lambda msg: self.show_error(self.tr("Could not export the PDF"), msg))
        return task

    def _on_built(self, result: BuildResult) -> None:
        self.open_pdf_action.setEnabled(True)
        self.open_button.show()
        name = Path(result.path).name
        if result.warnings:
            self.statusBar().showMessage(self.tr("Wrote {0}: {1} pages, with {2} warning(s) in Import messages").format(
                name, result.pages, len(result.warnings)))
        else:
            self.statusBar().showMessage(self.tr("Wrote {0}: {1} pages").format(name, result.pages))
        self.sources_panel.show_build_warnings(result.warnings)
        self.build_succeeded.emit(result)

    @Slot()
    def open_last_pdf(self) -> None:
        last = self.session.last_pdf
        path = last if last is not None and last.exists() else self.preview_panel.path
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # -- projects -----------------------------------------------------------------------------------

    def _maybe_save(self) -> bool:
        """Before discarding the current briefing: True to go on."""
        if not self.isWindowModified():
            return True
        answer = self.ask_save_changes()
        if answer == "save":
            return self.save_project()
        return answer == "discard"

    def save_project(self, path: str | None = None, ask: bool = False) -> bool:
        if path is None:
            current = self.session.project_path
            path = None if ask else (str(current) if current else None)
            if path is None:
                path = self.ask_project_save_path()
                if not path:
                    return False
                if not path.endswith(projects.SUFFIX):
                    path += projects.SUFFIX
        if any(same_path(path, s) for s in self.session.sources):
            self.show_error(self.tr("Could not save"), self.tr("A source workbook is never overwritten."))
            return False
        try:
            self.session.save(path)
        except OSError as e:
            self.show_error(self.tr("Could not save the project"), f"{path}: {e.strerror or e}")
            return False
        except BriefingError as e:   # written whole or not at all: the message says why not
            self.show_error(self.tr("Could not save the project"), e.message)
            return False
        self._last_dir = str(Path(path).parent)
        self.recent.add(str(self.session.project_path))
        self.autosaves.remove()
        self.statusBar().showMessage(self.tr("Saved {0}").format(Path(path).name), 6000)
        return True

    @Slot()
    def open_dialog(self) -> None:
        if not self._maybe_save():
            return
        path = self.ask_project_open_path()
        if path:
            self.open_project(path, asked=True)

    def open_project(self, path: str, asked: bool = False) -> bool:
        """Open a .briefing file: its sources are imported in the background, then its choices shown."""
        if self.task is not None:
            return False
        if not asked and not self._maybe_save():
            return False
        try:
            proj = projects.load(path)
        except projects.ProjectError as e:
            self.show_error(self.tr("Could not open the project"), e.message)
            self.recent.remove(str(path))
            return False
        proj, moved = self._locate_missing(proj)
        if proj is None:
            return False
        self.recent.add(str(Path(path).resolve()))
        self._run_import(self.session.open_op(proj, path=path, modified=moved))
        return True

    def _locate_missing(self, proj: Project) -> tuple[Project | None, bool]:
        from dataclasses import replace
        moved = False
        sources = list(proj.sources)
        for i, s in enumerate(sources):
            if not Path(s.path).is_file():
                found = self.ask_locate_source(s.path)
                if not found:
                    self.show_error(self.tr("Could not open the project"),
                                    self.tr("Source file not found: {0}").format(s.path))
                    return None, False
                sources[i] = replace(s, path=str(Path(found)))
                moved = True
        return replace(proj, sources=tuple(sources)), moved

    @Slot()
    def new_project(self) -> None:
        if self.task is not None or not self._maybe_save():
            return
        self._cancel_previews()
        self.session.new()

    # -- recent files ------------------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        return self.recent.files()

    @Slot()
    def _fill_recent_menu(self) -> None:
        self.recent.fill_menu(self.recent_menu, self.open_project)

    # -- autosave and restore -------------------------------------------------------------------

    @property
    def autosave_path(self) -> Path:
        return self.autosaves.path

    @Slot()
    def autosave(self) -> Path | None:
        """Every minute, a modified briefing is written to the user data folder (whole or not at all)."""
        if not self.isWindowModified() or not self.session.sources or self.session.pending:
            return None
        try:
            return self.autosaves.write(self.session.project(), self.session.project_path)
        except OSError as e:
            self.statusBar().showMessage(self.tr("Autosave failed: {0}").format(e.strerror or e), 8000)
            return None
        except BriefingError as e:
            self.statusBar().showMessage(self.tr("Autosave failed: {0}").format(e.message), 8000)
            return None

    def restorable(self) -> list[Path]:
        """Autosaves left by a session that did not close (not this window's, not a live process's)."""
        return self.autosaves.restorable()

    def offer_restore(self) -> bool:
        """At start: offer the newest autosave of a crashed session. True if restored."""
        files = self.restorable()
        if not files:
            return False
        found = Autosaves.read(files[0])
        if found is None:
            return False
        proj, info = found
        original = info.get("project") or ""
        name = Path(original).name if original else (proj.fields.get("title") or self.tr("Untitled"))
        restore = self.ask_restore(info.get("time", "?").replace("T", " "), name)
        for p in files:
            p.unlink(missing_ok=True)
        if not restore:
            return False
        proj, _ = self._locate_missing(proj)
        if proj is None:
            return False
        self._run_import(self.session.open_op(proj, path=original or None, modified=True))
        return True

    # -- small things ---------------------------------------------------------------------------

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Briefing"), about_html())

    @Slot()
    def _update_modified(self, *_):
        stack = self.session.undo_stack
        for action, step, text in ((self.undo_action, stack.undo_step(), self.tr("&Undo {0}")),
                                   (self.redo_action, stack.redo_step(), self.tr("&Redo {0}"))):
            action.setEnabled(step is not None)
            action.setText(text.format(step_label(step)) if step is not None else text.format("").strip())
        self._update_title()

    @Slot()
    def _update_title(self) -> None:
        path = self.session.project_path
        name = path.stem if path else self.session.file_stem()
        self.setWindowTitle(f"{name}[*] — Briefing")
        self.setWindowModified(self.session.modified)

    @Slot()
    def _update_actions(self) -> None:
        idle = self.task is None
        ws, themes, sources = self.session.workspace, self.session.choices.themes, self.session.sources
        can_build = idle and ws is not None and bool(themes)
        self.export_action.setEnabled(can_build)
        self.export_data_action.setEnabled(can_build)
        self.briefing_panel.build_button.setEnabled(can_build)
        self.remove_action.setEnabled(idle and self.sources_panel.selected_file() is not None)
        self.table_themes_action.setEnabled(bool(self.sources_panel.current_table_key()))
        for a in (self.open_action, self.new_action, self.replace_action, self.import_action,
                  self.open_sample_project_action):
            a.setEnabled(idle)
        self.save_action.setEnabled(bool(sources))
        self.save_as_action.setEnabled(bool(sources))
        if ws is None:
            self.briefing_panel.summary.setText("")
        else:
            self.briefing_panel.summary.setText(self.tr("{0} theme section(s) from {1} tables in {2} file(s).")
                                                .format(len(themes), len(ws.tables), len(sources)))

    # -- window state and closing -------------------------------------------------------------------

    def warm_up(self) -> None:
        """As the window opens, in the background: the head start of the first preview's build (its
        code and the template's fonts, pipeline.head_start), beside the first import."""
        if self._warm_task is not None or self._closing:
            return
        from briefing import pipeline
        template = self.session.choices.template or "briefing"
        self._warm_task = Task(lambda progress, cancel: pipeline.head_start(template), "warm-up", self)
        self._warm_task.start()

    def stop_workers(self) -> None:
        """Cancel every background job and wait for its thread (Qt aborts if one is destroyed running)."""
        self._pending_imports.clear()
        self._preview_timer.stop()
        for task in [self.task, self.preview_task, *self._stale_previews, self._warm_task]:
            if task is not None:
                task.cancel_and_wait()

    def terminate(self) -> None:
        """SIGTERM or Ctrl+C: close without asking; unsaved work stays in the autosave, which the
        next start offers back."""
        if self.isWindowModified() and self.autosave() is not None:
            self._keep_autosave = True
        self._closing = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing and self.isWindowModified() and not self._maybe_save():
            event.ignore()
            return
        self._closing = True
        if self.task is not None or self.preview_task is not None:
            self.statusBar().showMessage(self.tr("Stopping…"))
        self.stop_workers()
        self._autosave_timer.stop()
        if not getattr(self, "_keep_autosave", False):
            self.autosaves.remove()
        save_layout(self)
        self.preview_panel.shutdown()
        shutil.rmtree(self._preview_dir, ignore_errors=True)
        super().closeEvent(event)
