"""What keeps the GUI thread short: the sources tree sized without asking its model, and the
preview's debounce timer exact. Counts and orders, never times."""
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from briefing.ui.sources_model import SourcesModel

from ui_helpers import wait_idle

CALLS: list = []
_ORIGINAL_DATA = SourcesModel.data


def _counted(self, index, role=Qt.ItemDataRole.DisplayRole):
    # A module's function, alive as long as the process: PySide keeps each object's Python
    # override once looked up, past the test that patched it (a freed one crashed a later test).
    CALLS.append(role)
    return _ORIGINAL_DATA(self, index, role)


# 26 rows (a file, a sheet, 24 tables): more than the tree shows, so it gets a scroll bar.
BTOS = Path(__file__).resolve().parents[2].parent / "shared" / "surveys" / "btos_national_aiscend.xlsx"


def test_tree_columns_fit_their_texts_without_the_view_measuring_rows(make_window, qtbot, monkeypatch):
    calls = CALLS
    # Before the window exists: PySide looks a Python override up once per object.
    monkeypatch.setattr(SourcesModel, "data", _counted)
    window = make_window()
    window.open_sample()
    wait_idle(qtbot, window)
    panel = window.sources_panel
    tree, model = panel.tree, panel.model
    header = tree.header()
    # The view never sizes a column to its contents itself (that asked the model for every row's
    # seven roles, about ten times over while a new tree expanded).
    assert all(header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive for c in (0, 1, 2))
    fm = tree.fontMetrics()
    for col in (1, 2):
        texts = [text for _depth, text, _icon in model.column_texts(col) if text]
        assert texts
        # Every range and row count is shown whole (not elided).
        assert tree.columnWidth(col) >= max(fm.horizontalAdvance(t) for t in texts)
    titles = [(d, t) for d, t, _i in model.column_texts(0)]
    widest = max(fm.horizontalAdvance(t) + tree.indentation() * (d + 1) for d, t in titles)
    assert tree.columnWidth(0) == min(320, tree.columnWidth(0)) and tree.columnWidth(0) >= min(widest, 320)

    qtbot.wait(1)
    calls.clear()
    rows = len(model.column_texts(0))
    model.beginResetModel()
    model.endResetModel()
    qtbot.wait(1)
    assert tree.isExpanded(model.index(0, 0))
    # Drawing the rows asks for seven roles of each cell (about 30 calls a row); sizing them
    # to their contents had made it over 100 a row.
    assert calls and len(calls) < 60 * rows, len(calls)


def test_the_preview_debounce_is_a_precise_timer(window):
    from briefing.ui.main_window import PREVIEW_DELAY_MS
    timer = window._preview_timer
    window.briefing_panel.subtitle.setText("Typed")     # typing waits for a pause; a tick does not
    # A coarse timer may fire 5% late: 7.5 ms of every change-to-preview.
    assert timer.timerType() == Qt.TimerType.PreciseTimer and timer.interval() == PREVIEW_DELAY_MS


def test_table_headers_sized_in_one_call_a_section_as_qt_would(window, qtbot):
    from PySide6.QtGui import QStandardItemModel

    preview = window.sources_panel.preview
    table = max(window.workspace.tables, key=lambda t: len(t.columns))
    model = preview.model
    asked = []
    original = model.headerData

    # The measure the header uses, counted: each section is measured once a table.
    measure = model.measure
    model.measure = lambda o, text: asked.append((o, text)) or measure(o, text)
    preview.show_table(table)
    preview.grid.viewport().repaint()
    qtbot.wait(1)
    # Both headers sized every section, after the reset and again for the paint: measured once.
    assert 0 < len(asked) <= len(table.columns) + table.n_rows

    # The same sizes as a header over a plain C++ model with the same labels.
    plain = QStandardItemModel(model.rowCount(), model.columnCount())
    for c in range(model.columnCount()):
        plain.setHeaderData(c, Qt.Orientation.Horizontal, original(c, Qt.Orientation.Horizontal))
    for r in range(model.rowCount()):
        plain.setHeaderData(r, Qt.Orientation.Vertical, original(r, Qt.Orientation.Vertical))
    from PySide6.QtWidgets import QTableView
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(plain)
    ours, theirs = preview.grid.horizontalHeader(), view.horizontalHeader()
    assert ours.sizeHint().height() == theirs.sizeHint().height()
    assert [ours.sectionSizeHint(c) for c in range(model.columnCount())] == \
        [theirs.sectionSizeHint(c) for c in range(model.columnCount())]
    assert preview.grid.verticalHeader().sizeHint().width() == view.verticalHeader().sizeHint().width()


def test_the_first_table_is_shown_on_a_timer_after_a_reset(window, qtbot):
    from PySide6.QtCore import QCoreApplication
    panel = window.sources_panel
    model = panel.model
    qtbot.waitUntil(lambda: panel.current_table_key() is not None)
    model.beginResetModel()
    model.endResetModel()
    assert panel.current_table_key() is None       # the reset cleared the current row
    # Posted events (a 0 ms single shot is one) run before any paint or timer: the selection waits
    # for a timer, so the new tree is painted and due timers and input are handled first.
    QCoreApplication.sendPostedEvents()
    assert panel.current_table_key() is None
    qtbot.waitUntil(lambda: panel.current_table_key() is not None, timeout=2000)
    assert panel.preview.model.table.key == panel.current_table_key() in panel.table_keys()


@pytest.mark.skipif(not BTOS.exists(), reason=f"real survey workbooks not present ({BTOS.parent})")
def test_a_new_tree_is_painted_once(make_window, qtbot, monkeypatch):
    calls = CALLS
    monkeypatch.setattr(SourcesModel, "data", _counted)
    window = make_window()
    qtbot.wait(20)
    calls.clear()
    window.import_files([str(BTOS)])
    wait_idle(qtbot, window)
    panel = window.sources_panel
    qtbot.waitUntil(lambda: panel.current_table_key() is not None)
    for _ in range(5):
        qtbot.wait(10)
    rows = len(panel.model.column_texts(0))
    # One paint of the rows in view and the columns' sizing: about 25 calls a row. New widths for
    # the columns once made the tree repaint them on a timer of its own after the reset's repaint
    # (47 a row).
    assert calls and len(calls) < 35 * rows, (len(calls), rows)
