"""The main window's questions to the user (file dialogs, message boxes), each a method tests replace."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from briefing import project as projects
from briefing.ingest import filetypes
from briefing.ui.files import default_pdf_name

WORKBOOK_FILTER = filetypes.dialog_filter()
PROJECT_FILTER = "Briefing projects (*.briefing);;All files (*)"
# Literal "MainWindow" contexts: lupdate files these strings with the window's, as before.
translate = QCoreApplication.translate


class Questions:
    """Mixed into MainWindow (a QWidget with `_last_dir` and `briefing_panel`)."""

    def run_dialog(self, dialog) -> int:
        """exec() a dialog (tests replace this to answer it)."""
        return dialog.exec()

    def ask_open_paths(self) -> list[str]:
        """The import dialog; tests replace it."""
        paths, _ = QFileDialog.getOpenFileNames(self, translate("MainWindow", "Import workbooks"),
                                                self._start_dir(), WORKBOOK_FILTER)
        return paths

    def ask_password(self, file: str, wrong: bool) -> str | None:
        """The password of an encrypted workbook (tests replace this). Kept in memory only."""
        text = (translate("MainWindow", "Wrong password for {0}. Try again:") if wrong
                else translate("MainWindow", "{0} is encrypted. Password:")).format(Path(file).name)
        password, ok = QInputDialog.getText(self, translate("MainWindow", "Password required"), text,
                                            QLineEdit.EchoMode.Password)
        return password if ok and password else None

    def ask_save_path(self, default_name: str) -> str | None:
        """The save dialog; tests replace it. None when the user cancels."""
        start = str(Path(self._start_dir()) / default_name)
        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Export PDF"), start,
                                              "PDF documents (*.pdf)")
        return path or None

    def ask_project_save_path(self) -> str | None:
        name = default_pdf_name(self.session.file_stem())[:-4] + projects.SUFFIX
        start = str(Path(self._start_dir()) / name)
        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Save project"), start, PROJECT_FILTER)
        return path or None

    def ask_project_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, translate("MainWindow", "Open project"), self._start_dir(),
                                              PROJECT_FILTER)
        return path or None

    def ask_locate_source(self, missing: str) -> str | None:
        """A source of the project is not where it was: ask for it (tests replace this)."""
        QMessageBox.information(
            self, translate("MainWindow", "Source not found"),
            translate("MainWindow", "{0} is not where the project says. Please locate it.").format(missing))
        path, _ = QFileDialog.getOpenFileName(self, translate("MainWindow", "Locate {0}").format(Path(missing).name),
                                              str(Path(missing).parent), WORKBOOK_FILTER)
        return path or None

    def ask_save_changes(self) -> str:
        """"save", "discard" or "cancel" (tests replace this)."""
        SB = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, translate("MainWindow", "Unsaved changes"),
            translate("MainWindow", "The briefing has changes that are not saved. Save them?"),
            SB.Save | SB.Discard | SB.Cancel, SB.Save)
        return {SB.Save: "save", SB.Discard: "discard"}.get(answer, "cancel")

    def ask_restore(self, when: str, name: str) -> bool:
        SB = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, translate("MainWindow", "Restore unsaved work?"),
            translate("MainWindow",
                      "Briefing did not close properly. Restore the unsaved changes to “{0}” from {1}?")
            .format(name, when), SB.Yes | SB.No, SB.Yes)
        return answer == SB.Yes

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def _start_dir(self) -> str:
        return self._last_dir or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
