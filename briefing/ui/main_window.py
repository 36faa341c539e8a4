"""The main window: sources, themes, cover fields, findings editor and live preview; projects,
undo/redo, autosave, and the background import, preview and export."""
from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from briefing import pipeline
from briefing import project as projects
from briefing.model import BriefingError, BriefingSpec, ImportReport
from briefing.pipeline import BuildResult, Workspace
from briefing.project import Edit, Project, Source
from briefing.ui.about import about_html
from briefing.ui.actions import build_actions
from briefing.ui.autosave import Autosaves
from briefing.ui.briefing_panel import BriefingPanel
from briefing.ui.commands import ChoiceCommand, describe
from briefing.ui.drops import FileDrops
from briefing.ui.export_data import DataExport
from briefing.ui.files import preview_folder
from briefing.ui.files import concerns, default_pdf_name, same_path, suggested_title
from briefing.ui.findings_panel import FindingsPanel
from briefing.ui.layout import build_layout, build_status_bar, restore_layout, save_layout
from briefing.ui.preview_panel import PreviewPanel
from briefing.ui.questions import Questions
from briefing.ui.recent import RecentFiles
from briefing.ui.sources_panel import SourcesPanel
from briefing.ui.task_runner import TaskRunner
from briefing.ui.themes_panel import ThemesPanel
from briefing.ui.workers import Task

PREVIEW_DELAY_MS = 150
AUTOSAVE_MS = 60_000


class MainWindow(Questions, FileDrops, TaskRunner, DataExport, QMainWindow):
    """The panels wired together, and the briefing's state. The questions to the user, file drops and
    the job runner are mixins so that tests replace or call them as the window's own methods."""

    workspace_changed = Signal()
    build_succeeded = Signal(object)      # BuildResult of an export
    preview_updated = Signal(object)      # BuildResult of a preview now shown
    task_done = Signal(str, str)          # task name, outcome: succeeded | failed | cancelled
    project_loaded = Signal(str)
    preview_done = Signal(str)            # outcome of a preview build (also for stale, cancelled ones)

    def __init__(self, parent: QWidget | None = None, *, settings: QSettings | None = None,
                 data_dir: str | os.PathLike | None = None, autosave_ms: int = AUTOSAVE_MS):
        super().__init__(parent)
        from briefing.settings import user_data_dir
        self.settings = settings if settings is not None else QSettings()
        self.recent = RecentFiles(self.settings)
        self.data_dir = Path(data_dir) if data_dir is not None else user_data_dir()
        self.autosaves = Autosaves(self.data_dir / "autosave", id(self))

        self.sources: list[str] = []
        self.raw_workspace: Workspace | None = None
        self.workspace: Workspace | None = None
        self.custom_themes: list = []
        self.overrides: dict[str, tuple[str, ...]] = {}
        self.row_roles: dict[str, dict[str, str]] = {}   # Table.key -> {row label: role} set by the user
        self.edits: dict[str, Edit] = {}
        self.generated: dict = {}
        self.project_path: Path | None = None
        self.task: Task | None = None
        self.preview_task: Task | None = None
        self._stale_previews: list[Task] = []
        self.last_pdf: Path | None = None
        self._pending_imports: list[str] = []
        self._passwords: list[str] = []        # of encrypted workbooks: this session only, never saved
        self._pending_project: tuple[Project, dict] | None = None
        self._retired_task: Task | None = None
        self._last_dir = ""
        self._applying = False
        self._dirty = False
        self._closing = False
        self._preview_seq = 0
        self._preview_dir = preview_folder()
        self._choices = Project()
        self.undo_stack = QUndoStack(self)

        self.sources_panel = SourcesPanel()
        self.themes_panel = ThemesPanel()
        self.briefing_panel = BriefingPanel()
        self.findings_panel = FindingsPanel()
        self.preview_panel = PreviewPanel()
        build_layout(self)
        build_actions(self)
        build_status_bar(self)

        self.briefing_panel.build_button.clicked.connect(self.build_pdf)
        self.briefing_panel.changed.connect(self._on_choice_changed)
        self.briefing_panel.lang_changed.connect(self._on_lang)
        self.themes_panel.changed.connect(self._on_choice_changed)
        self.themes_panel.changed.connect(self._update_actions)
        self.sources_panel.tree.itemSelectionChanged.connect(self._update_actions)
        self.sources_panel.preview.role_chosen.connect(self.set_row_role)
        self.themes_panel.new_theme_requested.connect(self.new_theme_dialog)
        self.themes_panel.edit_theme_requested.connect(self.edit_theme_dialog)
        self.themes_panel.remove_theme_requested.connect(self.remove_custom_theme)
        self.findings_panel.edit_requested.connect(self._on_edit_requested)
        self.findings_panel.tree.currentItemChanged.connect(lambda *_: self.show_finding_in_preview())
        self.findings_panel.reviewed.connect(self._on_reviewed)
        self.undo_stack.cleanChanged.connect(self._update_modified)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._start_preview)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(autosave_ms)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()

        self.setAcceptDrops(True)
        self.resize(1400, 860)
        restore_layout(self)
        self._update_title()
        self._update_actions()

    # -- interface language and appearance ---------------------------------------------------------

    def set_ui_language(self, code: str) -> None:
        """"system", "en" or "zh": stored, and used by windows opened from now on (and the next start)."""
        from PySide6.QtWidgets import QApplication
        from briefing.ui.app import install_translations, ui_language
        self.settings.setValue("ui/language", code)
        self.language_actions[code].setChecked(True)
        install_translations(QApplication.instance(), ui_language(self.settings))
        self.statusBar().showMessage(self.tr("The interface language changes at the next start"), 8000)

    def set_appearance(self, code: str) -> str:
        """"system", "light" or "dark": applied now and kept."""
        from PySide6.QtWidgets import QApplication
        from briefing.ui.app import apply_palette
        self.settings.setValue("ui/appearance", code)
        self.appearance_actions[code].setChecked(True)
        return apply_palette(QApplication.instance(), code)

    # -- the spec and the project the window would save -----------------------------------------

    def current_spec(self) -> BriefingSpec:
        return BriefingSpec(sources=tuple(self.sources), themes=self.themes_panel.selected_keys(),
                            template=self.briefing_panel.template_name(), **self.briefing_panel.values())

    def choices(self) -> Project:
        """Everything the user chose, without the sources: what undo/redo restores."""
        return Project(theme_order=self.themes_panel.order(), themes=self.themes_panel.selected_keys(),
                       overrides=dict(self.overrides), roles={k: dict(v) for k, v in self.row_roles.items()},
                       custom_themes=tuple(self.custom_themes), edits=dict(self.edits), template=self.briefing_panel.template_name(),
                       fields=self.briefing_panel.values())

    def current_project(self) -> Project:
        shas: dict[str, str] = {}
        if self.raw_workspace is not None:
            for t in self.raw_workspace.tables:
                shas.setdefault(str(Path(t.provenance.path).resolve()), t.provenance.sha256)
        sources = tuple(Source(s, shas.get(str(Path(s).resolve()), "")) for s in self.sources)
        return replace(self.choices(), sources=sources)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def edit_texts(self) -> dict[str, str]:
        return {k: e.text for k, e in self.edits.items()}

    # -- changes, undo and redo ---------------------------------------------------------------

    @Slot()
    def _on_choice_changed(self) -> None:
        if self._applying:
            return
        new = self.choices()
        if new == self._choices:
            return
        before, self._choices = self._choices, new
        text, merge = describe(before, new)
        self.undo_stack.push(ChoiceCommand(self, before, new, text, merge))
        self._update_title()
        self.schedule_preview()

    def apply_choices(self, p: Project) -> None:
        """Show `p`'s choices in the panels (undo, redo, opening a project)."""
        self._applying = True
        try:
            retag = (tuple(p.custom_themes) != tuple(self.custom_themes) or dict(p.overrides) != self.overrides
                     or {k: dict(v) for k, v in p.roles.items()} != self.row_roles)
            self.custom_themes = list(p.custom_themes)
            self.overrides = {k: tuple(v) for k, v in p.overrides.items()}
            self.row_roles = {k: dict(v) for k, v in p.roles.items()}
            self.edits = dict(p.edits)
            if retag and self.raw_workspace is not None:
                self._set_workspace(self._customised(self.raw_workspace))
            self.briefing_panel.set_values(dict(p.fields))
            self.briefing_panel.set_template(p.template)
            self.themes_panel.set_state(p.theme_order, p.themes)
        finally:
            self._applying = False
        self._choices = self.choices()
        self._refresh_findings()
        self._update_title()
        self._update_actions()
        self.schedule_preview()

    def _on_edit_requested(self, key: str, text) -> None:
        edits = dict(self.edits)
        if text is None:
            edits.pop(key, None)
        else:
            generated = self._generated_text(key)
            original = generated if generated is not None else (edits[key].original if key in edits else "")
            edits[key] = Edit(str(text), original)
        self.edits = edits
        self._on_choice_changed()
        self._refresh_findings()

    def _on_reviewed(self, key: str) -> None:
        generated = self._generated_text(key)
        if key in self.edits and generated is not None:
            self.edits = {**self.edits, key: Edit(self.edits[key].text, generated)}
            self._on_choice_changed()
            self._refresh_findings()

    def _generated_text(self, key: str) -> str | None:
        return next((f.text for fs in self.generated.values() for f in fs if f.key == key), None)

    def _refresh_findings(self) -> None:
        ws = self.workspace
        titles = {t.key: t.title(self.briefing_panel.lang()) for t in ws.catalogue} if ws else {}
        review = projects.review_edits(self.edits, self.generated) if self.generated else {}
        self.findings_panel.set_findings(self.generated, titles, self.edits, review)

    def show_finding_in_preview(self, key: str | None = None) -> int | None:
        """Turn the preview to the page of the finding being edited (its section, not the summary)."""
        key = key or self.findings_panel.current_key()
        doc = self.preview_panel.document
        if not key or not doc.pageCount():
            return None
        snippet = "".join(self.findings_panel.edit_text(key).split())[:48]
        if not snippet:
            return None
        found = None
        for page in range(doc.pageCount()):
            if snippet in "".join(doc.getAllText(page).text().split()):
                found = page      # the last match: sections come after the executive summary
        if found is not None:
            self.preview_panel.go_to_page(found)
        return found

    def set_edit(self, key: str, text: str | None) -> None:
        """Edit (or with None reset) one finding, as the findings editor does."""
        self._on_edit_requested(key, text)

    # -- custom themes and table overrides -------------------------------------------------------

    def _customised(self, raw: Workspace) -> Workspace:
        return pipeline.customise(raw, custom_themes=self.custom_themes, overrides=self.overrides,
                                  roles=self.row_roles)

    def set_custom_theme(self, theme) -> None:
        """Add a user theme, or replace the one with the same key."""
        themes = [t for t in self.custom_themes if t.key != theme.key]
        at = next((i for i, t in enumerate(self.custom_themes) if t.key == theme.key), len(themes))
        themes.insert(at, replace(theme, custom=True))
        self._change_tagging(themes, self.overrides)

    def remove_custom_theme(self, key: str) -> None:
        self._change_tagging([t for t in self.custom_themes if t.key != key],
                             {k: tuple(x for x in v if x != key) for k, v in self.overrides.items()})

    def set_table_themes(self, table_key: str, themes: tuple[str, ...] | None) -> None:
        """Override the themes of one table (None: back to the keywords' choice)."""
        overrides = dict(self.overrides)
        if themes is None:
            overrides.pop(table_key, None)
        else:
            overrides[table_key] = tuple(themes)
        self._change_tagging(self.custom_themes, overrides)

    @Slot(str, str, str)
    def set_row_role(self, table_key: str, label: str, role: str) -> None:
        """The part a row plays ("total", "aggregate", "member"); "" goes back to the import's."""
        roles = {k: dict(v) for k, v in self.row_roles.items()}
        rows = roles.setdefault(table_key, {})
        if role:
            rows[label] = role
        else:
            rows.pop(label, None)
        if not rows:
            roles.pop(table_key)
        self.row_roles = roles
        self._change_tagging(self.custom_themes, self.overrides)
        self.sources_panel.preview.show_table(self.sources_panel.table(table_key))

    @Slot()
    def new_theme_dialog(self) -> None:
        from briefing.ui.theme_dialogs import ThemeDialog
        taken = {t.key for t in self.workspace.catalogue} if self.workspace else set()
        dialog = ThemeDialog(self, None, taken)
        if self.run_dialog(dialog):
            self.set_custom_theme(dialog.theme())

    @Slot(str)
    def edit_theme_dialog(self, key: str) -> None:
        from briefing.ui.theme_dialogs import ThemeDialog
        theme = next((t for t in self.custom_themes if t.key == key), None)
        if theme is None:
            return
        dialog = ThemeDialog(self, theme, {t.key for t in self.workspace.catalogue} if self.workspace else set())
        if self.run_dialog(dialog):
            self.set_custom_theme(dialog.theme())

    @Slot()
    def table_themes_dialog(self) -> None:
        from briefing.ui.theme_dialogs import TableThemesDialog
        item = self.sources_panel.tree.currentItem()
        key = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        table = self.sources_panel.table(key) if key else None
        if table is None or self.workspace is None:
            return
        current = tuple(g.theme for g in self.workspace.tags.get(key, ()))
        dialog = TableThemesDialog(self, table.title, self.workspace.catalogue, current, self.briefing_panel.lang())
        result = self.run_dialog(dialog)
        if result == TableThemesDialog.AUTOMATIC:
            self.set_table_themes(key, None)
        elif result:
            self.set_table_themes(key, dialog.themes())

    def _change_tagging(self, custom, overrides) -> None:
        self.custom_themes = list(custom)
        self.overrides = dict(overrides)
        if self.raw_workspace is not None:
            self._applying = True
            try:
                self._set_workspace(self._customised(self.raw_workspace))
            finally:
                self._applying = False
        self._on_choice_changed()
        self._update_actions()

    def _set_workspace(self, ws: Workspace) -> None:
        self.workspace = ws
        lang = self.briefing_panel.lang()
        self.sources_panel.set_workspace(ws, lang)
        self.themes_panel.set_workspace(ws, lang)

    # -- import -----------------------------------------------------------------------------------

    def open_sample(self) -> None:
        from briefing.paths import sample_workbook
        self.import_files([str(sample_workbook())])

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
            self.statusBar().showMessage(self.tr("{0} file(s) will be imported next").format(len(self._pending_imports)))
            return
        added = []
        for p in new:
            if not any(same_path(p, s) for s in self.sources + added):
                added.append(p)
        if not added and self.workspace is not None:
            self.statusBar().showMessage(self.tr("Already imported"), 4000)
            return
        self._load(self.sources + added, added)

    @Slot()
    def replace_data_dialog(self) -> None:
        paths = self.ask_open_paths()
        if paths:
            self.replace_data(paths)

    def replace_data(self, paths: list[str]) -> None:
        """Re-run the briefing on new workbooks: choices and edits are kept; edits whose finding
        changed or went are flagged for review in the findings editor."""
        if self.task is not None:
            return
        paths = [str(Path(p)) for p in paths]
        self._load(paths, paths, replacing=True)

    @Slot()
    def remove_selected_file(self) -> None:
        path = self.sources_panel.selected_file()
        if path is None or self.task is not None:
            return
        keep = [s for s in self.sources if not same_path(s, path)]
        if len(keep) != len(self.sources):
            self._load(keep, [])

    def _load(self, sources: list[str], added: list[str], replacing: bool = False) -> Task:
        sources = list(sources)
        self._cancel_previews()

        passwords = tuple(self._passwords)

        def job(progress, cancel):
            from briefing.ui import isolated
            if isolated.worth_isolating(sources):
                # Big workbooks: read in a child process, so the window never freezes on the GIL.
                return isolated.load(sources, progress=progress, cancel=cancel, passwords=passwords)
            return pipeline.load(sources, progress=progress, cancel=cancel, passwords=passwords)

        task = self._start(job, "import", self.tr("Importing {0} file(s)…").format(len(sources)))
        task.succeeded.connect(lambda ws: self._on_loaded(ws, sources, added, replacing))
        task.failed.connect(lambda msg: self.show_error(self.tr("Import failed"), msg))
        task.cancelled.connect(self._on_import_cancelled)
        return task

    def _on_import_cancelled(self) -> None:
        self._pending_project = None
        self.schedule_preview()

    def _on_loaded(self, ws: Workspace, sources: list[str], added: list[str], replacing: bool = False) -> None:
        locked = [i for i in ws.report.errors if getattr(i, "code", "") in ("password", "wrong-password")]
        if locked and not self._closing:
            password = self.ask_password(locked[0].file, locked[0].code == "wrong-password")
            if password:
                self._passwords.append(password)
                # After this task has been reported done: one job at a time.
                QTimer.singleShot(0, lambda: self._load(sources, added, replacing))
                return
        errors = ws.report.errors
        per_table = [t.provenance.path for t in ws.tables]
        failed = [s for s in sources
                  if not any(same_path(s, p) for p in per_table) and any(concerns(i, s) for i in errors)]
        # A file that gave nothing but errors is not a source: it would only fail again next time.
        old_sources = list(self.sources)
        self.sources = [s for s in sources if s not in failed]
        self.raw_workspace = ws
        pending, self._pending_project = self._pending_project, None
        self._applying = True
        try:
            if pending is None and not replacing:
                self.briefing_panel.suggest(*suggested_title(self.sources))
            self._set_workspace(self._customised(ws))
        finally:
            self._applying = False
        if pending is not None:
            proj, info = pending
            self.apply_choices(proj)
            self.undo_stack.clear()
            self.project_path = info.get("path")
            self._dirty = bool(info.get("modified"))
            self.undo_stack.setClean()
            changed = [s.path for s in proj.sources if s.sha256 and s.sha256 not in
                       {t.provenance.sha256 for t in ws.tables if same_path(t.provenance.path, s.path)}]
            if changed:
                self.statusBar().showMessage(self.tr("The data changed since the project was saved: "
                                                     "edited findings are checked against it"), 10000)
            self.project_loaded.emit(str(self.project_path or ""))
        else:
            self._choices = self.choices()
            # The first import into an empty window is not a change worth asking about on close.
            if old_sources != self.sources and (old_sources or self.project_path):
                self._dirty = True
            self.statusBar().showMessage(self.tr("Imported {0} tables from {1} file(s)").format(
                len(ws.tables), len(self.sources)), 8000)
        self._update_modified()
        self._update_actions()
        new_errors = [i.line() for i in errors if any(concerns(i, a) for a in added)]
        if new_errors:
            self.show_error(self.tr("Some files could not be imported"), "\n".join(new_errors))
        self.workspace_changed.emit()
        self.schedule_preview()

    # -- live preview ---------------------------------------------------------------------------

    def schedule_preview(self) -> None:
        """Rebuild the preview a moment after the last change (changes in a burst build once)."""
        if self.workspace is not None and not self._closing:
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
        if self.workspace is None or self._closing or (self.task is not None and self.task.name == "import"):
            return None
        spec = self.current_spec()
        self._cancel_previews()
        if not spec.themes:
            self.generated = {}
            self._refresh_findings()
            self.preview_panel.clear(self.tr("Tick a theme to see the briefing."))
            return None
        self._preview_seq += 1
        path = self._preview_dir / f"preview-{self._preview_seq}.pdf"
        ws, edits = self.workspace, self.edit_texts()

        def job(progress, cancel):
            from briefing.analysis import analyse
            from briefing.ui import isolated
            if isolated.is_big(ws):
                return isolated.build(spec, path, ws, edits=edits, progress=progress, cancel=cancel)
            themes = pipeline.resolve_themes(spec, ws)
            generated = analyse({t: ws.tables_for(t) for t in themes}, spec.lang)
            result = pipeline.build(spec, path, workspace=ws, progress=progress, cancel=cancel, edits=edits)
            return result, generated

        task = Task(job, "preview", self)
        task.succeeded.connect(lambda r, t=task: self._on_preview(t, r))
        task.failed.connect(lambda msg, t=task: self._on_preview_failed(t, msg))
        task.done.connect(lambda t=task: self._on_preview_done(t))
        self.preview_task = task
        self.preview_panel.set_status(self.tr("Updating…"))
        task.start()
        return task

    def _on_preview(self, task: Task, payload) -> None:
        result, generated = payload
        if task is not self.preview_task or self._closing:
            Path(result.path).unlink(missing_ok=True)
            return
        old = self.preview_panel.path
        if self.preview_panel.show_pdf(result.path):
            self.preview_panel.set_status(self.tr("{0} pages").format(result.pages))
        if old is not None and old != Path(result.path):
            old.unlink(missing_ok=True)
        self.generated = generated
        self._refresh_findings()
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
            self._retired_preview = task
        elif task in self._stale_previews:
            self._stale_previews.remove(task)
            self._retired_stale = task
        self.preview_done.emit(task.outcome)

    # -- export -----------------------------------------------------------------------------------

    @Slot()
    def build_pdf(self) -> None:
        if self.task is not None or self.workspace is None:
            return
        spec = self.current_spec()
        if not spec.themes:
            self.show_error(self.tr("Nothing to export"), self.tr("Tick at least one theme to write about."))
            return
        path = self.ask_save_path(default_pdf_name(spec.title))
        if not path:
            return
        if Path(path).suffix.lower() != ".pdf":
            path += ".pdf"
        if any(same_path(path, s) for s in spec.sources):
            self.show_error(self.tr("Nothing to export"), self.tr("A source workbook is never overwritten."))
            return
        self._last_dir = str(Path(path).parent)
        self.build_to(spec, path)

    def build_to(self, spec: BriefingSpec, path: str) -> Task:
        ws, edits = self.workspace, self.edit_texts()
        for src in spec.sources:
            if same_path(src, path):
                raise ValueError("refusing to write over a source workbook")

        def job(progress, cancel):
            from briefing.ui import isolated
            if isolated.is_big(ws):
                return isolated.build(spec, path, ws, edits=edits, progress=progress, cancel=cancel)[0]
            return pipeline.build(spec, path, workspace=ws, progress=progress, cancel=cancel, edits=edits)

        self.open_button.hide()
        task = self._start(job, "build", self.tr("Exporting {0}…").format(Path(path).name))
        task.succeeded.connect(self._on_built)
        task.failed.connect(lambda msg: self.show_error(self.tr("Could not export the PDF"), msg))
        return task

    def _on_built(self, result: BuildResult) -> None:
        self.last_pdf = Path(result.path)
        self.open_pdf_action.setEnabled(True)
        self.open_button.show()
        if result.warnings:
            self.statusBar().showMessage(self.tr("Wrote {0}: {1} pages, with {2} warning(s) in Import messages").format(
                self.last_pdf.name, result.pages, len(result.warnings)))
        else:
            self.statusBar().showMessage(self.tr("Wrote {0}: {1} pages").format(self.last_pdf.name, result.pages))
        self.sources_panel.show_build_warnings(result.warnings)
        self.build_succeeded.emit(result)

    @Slot()
    def open_last_pdf(self) -> None:
        path = self.last_pdf if self.last_pdf is not None and self.last_pdf.exists() else self.preview_panel.path
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
            path = None if ask else (str(self.project_path) if self.project_path else None)
            if path is None:
                path = self.ask_project_save_path()
                if not path:
                    return False
                if not path.endswith(projects.SUFFIX):
                    path += projects.SUFFIX
        if any(same_path(path, s) for s in self.sources):
            self.show_error(self.tr("Could not save"), self.tr("A source workbook is never overwritten."))
            return False
        try:
            projects.save(self.current_project(), path)
        except OSError as e:
            self.show_error(self.tr("Could not save the project"), f"{path}: {e.strerror or e}")
            return False
        except BriefingError as e:   # written whole or not at all: the message says why not
            self.show_error(self.tr("Could not save the project"), e.message)
            return False
        self.project_path = Path(path)
        self._last_dir = str(self.project_path.parent)
        self._dirty = False
        self.undo_stack.setClean()
        self._update_modified()
        self.recent.add(str(self.project_path))
        self.autosaves.remove()
        self.statusBar().showMessage(self.tr("Saved {0}").format(self.project_path.name), 6000)
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
        self._open(proj, {"path": Path(path), "modified": moved})
        return True

    def _locate_missing(self, proj: Project) -> tuple[Project | None, bool]:
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

    def _open(self, proj: Project, info: dict) -> None:
        self._reset()
        self._pending_project = (proj, info)
        self._applying = True
        try:
            self.custom_themes = list(proj.custom_themes)
            self.overrides = {k: tuple(v) for k, v in proj.overrides.items()}
            self.row_roles = {k: dict(v) for k, v in proj.roles.items()}
            self.edits = dict(proj.edits)
        finally:
            self._applying = False
        self._load(list(proj.source_paths), list(proj.source_paths))

    def _reset(self) -> None:
        self._cancel_previews()
        self.sources = []
        self.raw_workspace = None
        self.workspace = None
        self.custom_themes, self.overrides, self.edits, self.generated = [], {}, {}, {}
        self.row_roles = {}
        self.project_path = None
        self.last_pdf = None
        self._dirty = False
        self.undo_stack.clear()
        self.preview_panel.clear(self.tr("Import a workbook (Ctrl+I) to start."))
        self.sources_panel.show_placeholder(self.tr("Import a workbook (Ctrl+I) or drop one here."))
        self._refresh_findings()

    @Slot()
    def new_project(self) -> None:
        if self.task is not None or not self._maybe_save():
            return
        self._reset()
        from briefing.themes import load_catalogue
        self._applying = True
        try:
            self.briefing_panel.set_values({"title": "Briefing"})
            self.briefing_panel.title.setModified(False)
            self.briefing_panel.subtitle.setModified(False)
            self.themes_panel.set_workspace(Workspace((), {}, ImportReport(), load_catalogue()))
        finally:
            self._applying = False
        self._choices = self.choices()
        self.undo_stack.setClean()
        self._update_modified()
        self._update_actions()

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
        if not self.isWindowModified() or not self.sources or self._pending_project is not None:
            return None
        try:
            return self.autosaves.write(self.current_project(), self.project_path)
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
        self._open(proj, {"path": Path(original) if original else None, "modified": True})
        return True

    # -- small things ---------------------------------------------------------------------------

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Briefing"), about_html())

    @Slot()
    def _update_modified(self, *_):
        self.setWindowModified(self._dirty or not self.undo_stack.isClean())
        self._update_title()

    @Slot()
    def _update_title(self) -> None:
        name = self.project_path.stem if self.project_path else self.briefing_panel.title_text()
        self.setWindowTitle(f"{name}[*] — Briefing")
        self.setWindowModified(self._dirty or not self.undo_stack.isClean())

    @Slot(str)
    def _on_lang(self, lang: str) -> None:
        self.sources_panel.set_lang(lang)
        self.themes_panel.set_lang(lang)

    @Slot()
    def _update_actions(self) -> None:
        idle = self.task is None
        can_build = idle and self.workspace is not None and bool(self.themes_panel.selected_keys())
        self.export_action.setEnabled(can_build)
        self.export_data_action.setEnabled(can_build)
        self.briefing_panel.build_button.setEnabled(can_build)
        self.remove_action.setEnabled(idle and self.sources_panel.selected_file() is not None)
        item = self.sources_panel.tree.currentItem()
        self.table_themes_action.setEnabled(item is not None and bool(item.data(0, Qt.ItemDataRole.UserRole)))
        for a in (self.open_action, self.new_action, self.replace_action, self.import_action):
            a.setEnabled(idle)
        self.save_action.setEnabled(bool(self.sources))
        self.save_as_action.setEnabled(bool(self.sources))
        n = len(self.themes_panel.selected_keys())
        if self.workspace is None:
            self.briefing_panel.summary.setText("")
        else:
            self.briefing_panel.summary.setText(self.tr("{0} theme section(s) from {1} tables in {2} file(s).")
                                                .format(n, len(self.workspace.tables), len(self.sources)))

    # -- window state and closing -------------------------------------------------------------------

    def stop_workers(self) -> None:
        """Cancel every background job and wait for its thread (Qt aborts if one is destroyed running)."""
        self._pending_imports.clear()
        self._preview_timer.stop()
        for task in [self.task, self.preview_task, *self._stale_previews]:
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
        self.preview_panel.document.close()
        shutil.rmtree(self._preview_dir, ignore_errors=True)
        super().closeEvent(event)
