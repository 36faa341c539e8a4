"""File > Export Data…: the companion workbook of the current briefing (every table it used), written off the GUI thread."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from briefing import pipeline
from briefing.model import BriefingSpec
from briefing.session import same_path
from briefing.ui.files import default_pdf_name
from briefing.ui.workers import Task

# Literal "MainWindow" contexts: lupdate files these strings with the window's.
translate = QCoreApplication.translate


class DataExport:
    """Mixed into MainWindow (with TaskRunner's `_start`, `session`, `current_spec`, `show_error`)."""

    def ask_data_save_path(self, default_name: str) -> str | None:
        """The save dialog for the data workbook; tests replace it. None when the user cancels."""
        start = str(Path(self._start_dir()) / default_name)
        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Export Data"), start,
                                              translate("MainWindow", "Excel workbooks (*.xlsx)"))
        return path or None

    def export_data_dialog(self) -> None:
        if self.task is not None or self.session.workspace is None:
            return
        spec = self.current_spec()
        if not spec.themes:
            self.show_error(translate("MainWindow", "Nothing to export"),
                            translate("MainWindow", "Tick at least one theme to write about."))
            return
        path = self.ask_data_save_path(default_pdf_name(self.session.file_stem())[:-len(".pdf")] + ".xlsx")
        if not path:
            return
        if Path(path).suffix.lower() != ".xlsx":
            path += ".xlsx"
        if any(same_path(path, s) for s in spec.sources):
            self.show_error(translate("MainWindow", "Nothing to export"),
                            translate("MainWindow", "A source workbook is never overwritten."))
            return
        self._last_dir = str(Path(path).parent)
        self.export_data_to(spec, path)

    def export_data_to(self, spec: BriefingSpec, path: str) -> Task:
        """Write the workbook for `spec` to `path` in the background; a failure is one line in a message box."""
        ws = self.session.workspace

        def job(progress, cancel):
            return pipeline.export_data(spec, path, workspace=ws, progress=progress, cancel=cancel)

        task = self._start(job, "data", translate("MainWindow", "Exporting {0}…").format(Path(path).name))
        task.succeeded.connect(self._on_data_exported)
        task.failed.connect(lambda msg: self.show_error(translate("MainWindow", "Could not export the data"), msg))
        return task

    def _on_data_exported(self, result: pipeline.DataResult) -> None:
        text = translate("MainWindow", "Wrote {0}: {1} tables").format(Path(result.path).name, len(result.sheets))
        # e.g. a source changed since it was read: the workbook gives the tables as read.
        self.statusBar().showMessage("; ".join([text, *result.warnings]))
