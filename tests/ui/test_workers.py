"""The background task runner: outcomes, one-line errors, progress delivered in the GUI thread, cancel."""
import threading

import pytest
from PySide6.QtCore import QThread

from briefing.model import Cancelled, InputError
from briefing.ui.workers import Task, one_line


def test_success_delivers_result_and_progress_in_gui_thread(qtbot):
    worker_threads = []

    def job(progress, cancel):
        worker_threads.append(threading.get_ident())
        progress(0.5, "half")
        progress(1.0, "done")
        return 42

    results = []
    task = Task(job)
    task.succeeded.connect(results.append)
    seen = []
    task.progressed.connect(lambda f, m: seen.append((f, m, QThread.currentThread())))
    with qtbot.waitSignal(task.done, timeout=10_000):
        task.start()
    assert results == [42] and task.outcome == "succeeded"
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert [(f, m) for f, m, _ in seen] == [(0.5, "half"), (1.0, "done")]
    assert all(t is QThread.currentThread() for _, _, t in seen)


@pytest.mark.parametrize("exc, message", [
    (InputError("bad.xlsx: not\na workbook"), "bad.xlsx: not a workbook"),
    (ValueError("boom\n  at line 3"), "ValueError: boom at line 3"),
    (KeyError("x"), "KeyError: 'x'"),
])
def test_errors_become_one_line(qtbot, exc, message):
    def job(progress, cancel):
        raise exc

    failures = []
    task = Task(job)
    task.failed.connect(failures.append)
    with qtbot.waitSignal(task.done, timeout=10_000):
        task.start()
    assert failures == [message] and task.outcome == "failed"
    assert one_line(exc) == message


def test_cancel_sets_the_event_the_job_sees(qtbot):
    started = threading.Event()

    def job(progress, cancel):
        started.set()
        while not cancel.wait(0.01):
            pass
        raise Cancelled()

    task = Task(job)
    cancelled = []
    task.cancelled.connect(lambda: cancelled.append(True))
    with qtbot.waitSignal(task.done, timeout=10_000):
        task.start()
        assert started.wait(5)
        assert task.is_running()
        task.cancel()
    assert cancelled == [True] and task.outcome == "cancelled"


def test_cancel_and_wait_returns_only_when_the_thread_has_ended(qtbot):
    def job(progress, cancel):
        while not cancel.wait(0.01):
            pass
        return "ignored the cancel"

    task = Task(job)
    task.start()
    task.cancel_and_wait()
    assert task.is_finished() and not task.is_running()
    with qtbot.waitSignal(task.done, timeout=5_000):
        pass
    assert task.outcome == "cancelled"   # a result after cancel counts as cancelled
