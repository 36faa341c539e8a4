"""Running one background job at a time (import or export), with its progress and Cancel in the status bar."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot

from briefing.ui.workers import Task

# Literal "MainWindow" contexts: lupdate files these strings with the window's, as before.
translate = QCoreApplication.translate


class TaskRunner:
    """Mixed into MainWindow: `task` is the running job, `progress_bar` and `cancel_button` show it, and
    imports asked for meanwhile (`_pending_imports`) start when it ends. A job is a Session Op's
    `run`; its `done` is connected by the caller."""

    def _start(self, job, name: str, message: str) -> Task:
        task = Task(job, name)
        self.task = task
        task.progressed.connect(self._on_progress)
        task.cancelled.connect(lambda: self.statusBar().showMessage(
            translate("MainWindow", "{0} cancelled").format(
                translate("MainWindow", "Import") if name == "import" else translate("MainWindow", "Export")), 6000))
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
        self._retired["task"] = task
        self.task_done.emit(task.name, outcome)
        if self._pending_imports and self.task is None:
            pending, self._pending_imports = self._pending_imports, []
            self.import_files(pending)

    @Slot()
    def cancel_task(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.statusBar().showMessage(translate("MainWindow", "Cancelling…"))
