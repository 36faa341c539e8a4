"""Helpers shared by the window tests (kept out of conftest so they import by a unique name)."""

LOAD_TIMEOUT = 60_000
BUILD_TIMEOUT = 120_000


def wait_idle(qtbot, window, timeout=LOAD_TIMEOUT):
    """Wait until the window's background import or build has ended and been reported."""
    qtbot.waitUntil(lambda: window.task is None, timeout=timeout)
