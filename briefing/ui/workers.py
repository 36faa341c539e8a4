"""Run one pipeline call off the GUI thread, with queued progress, cancel and a one-line outcome."""
from __future__ import annotations

import threading
import time
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from briefing.model import BriefingError, Cancelled

# The job receives progress(fraction, message) and cancel (a threading.Event) as keywords.
Job = Callable[..., Any]

# Progress callbacks can come thousands of times a second; the bar only needs a few updates.
_MIN_INTERVAL = 0.05


def one_line(exc: BaseException) -> str:
    """A user-facing single line for any exception (never a traceback)."""
    if isinstance(exc, BriefingError):
        return exc.message
    text = " ".join(str(exc).split())
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


class _Thread(QThread):
    progressed = Signal(float, str)

    def __init__(self, job: Job, cancel: threading.Event):
        super().__init__()
        self._job = job
        self._cancel = cancel
        self._last = 0.0
        # Written by run() before the thread ends, read by the GUI thread only after `finished`.
        self.outcome: tuple[str, Any] = ("failed", "did not run")

    def _report(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if fraction < 1.0 and now - self._last < _MIN_INTERVAL:
            return
        self._last = now
        self.progressed.emit(max(0.0, min(1.0, float(fraction))), str(message))

    def release(self) -> None:
        self._job = None

    def run(self) -> None:
        try:
            result = self._job(progress=self._report, cancel=self._cancel)
        except Cancelled:
            self.outcome = ("cancelled", None)
        except BaseException as exc:  # noqa: BLE001 - any failure becomes a message, never a crash
            self.outcome = ("failed", one_line(exc))
        else:
            self.outcome = ("cancelled", None) if self._cancel.is_set() else ("succeeded", result)


class Task(QObject):
    """One background job. Signals arrive in the GUI thread, after the worker thread has ended."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()          # after any of the three outcomes

    def __init__(self, job: Job, name: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._cancel = threading.Event()
        self._thread = _Thread(job, self._cancel)
        # The Task lives in the GUI thread, so these connections are queued.
        self._thread.progressed.connect(self._on_progress)
        self._thread.finished.connect(self._on_finished)
        self._reported = False

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @property
    def outcome(self) -> str:
        """"succeeded", "failed" or "cancelled" once the thread has ended."""
        return self._thread.outcome[0] if self._thread.isFinished() else "running"

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def is_finished(self) -> bool:
        return self._thread.isFinished()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker thread has ended; True if it has."""
        if msecs < 0:
            return self._thread.wait()
        return self._thread.wait(msecs)

    def cancel_and_wait(self) -> None:
        """Used on close: Qt aborts if a QThread is destroyed while still running."""
        self.cancel()
        self._thread.wait()

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        if not self._reported:
            self.progressed.emit(fraction, message)

    @Slot()
    def _on_finished(self) -> None:
        if self._reported:
            return
        self._reported = True
        kind, payload = self._thread.outcome
        # A finished task must not keep a workspace or the job's closure alive.
        self._thread.outcome = (kind, None if kind == "succeeded" else payload)
        self._thread.release()
        if kind == "succeeded":
            self.succeeded.emit(payload)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(payload)
        self.done.emit()
