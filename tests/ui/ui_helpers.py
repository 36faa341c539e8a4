"""Helpers shared by the window tests (kept out of conftest so they import by a unique name)."""

LOAD_TIMEOUT = 60_000
BUILD_TIMEOUT = 120_000


def wait_idle(qtbot, window, timeout=LOAD_TIMEOUT):
    """Wait until the window's background import or build has ended and been reported."""
    qtbot.waitUntil(lambda: window.task is None, timeout=timeout)


def wait_preview(qtbot, window, timeout=BUILD_TIMEOUT):
    """Wait until no preview build is pending or running, and one is shown."""
    qtbot.waitUntil(lambda: window.task is None and window.preview_task is None
                    and not window._preview_timer.isActive()
                    and window.preview_panel.page_count_value() > 0, timeout=timeout)


def pdf_text(path) -> str:
    from pypdf import PdfReader
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)
