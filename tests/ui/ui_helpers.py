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


def top_rows(view):
    """The top-level rows of a tree view, as column-0 indexes."""
    model = view.model()
    return [model.index(r, 0) for r in range(model.rowCount())]


def child_rows(index):
    """The rows under `index`, as column-0 indexes."""
    model = index.model()
    return [model.index(r, 0, index) for r in range(model.rowCount(index))]


def cell(index, column, role=None):
    """What the tree shows in `column` of the row of `index` (DisplayRole unless told)."""
    from PySide6.QtCore import Qt
    return index.siblingAtColumn(column).data(Qt.ItemDataRole.DisplayRole if role is None else role)


def leaf_rows(view):
    """Every row of a tree view without children, depth first."""
    out, stack = [], list(reversed(top_rows(view)))
    while stack:
        index = stack.pop()
        kids = child_rows(index)
        if not kids:
            out.append(index)
        stack.extend(reversed(kids))
    return out
