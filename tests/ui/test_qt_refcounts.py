"""Briefing's own window, driven through thousands of the calls that PySide6 6.12.0 gets wrong on
Python 3.11, in a child process: there, each Qt call returning None (every setter) drops a
reference to None and each `signal.emit()` one to True, until the interpreter aborts
("none_dealloc" / "bool_dealloc"). Run as a script, this file is the child; the test is the parent,
so an abort is a failed test, not a crashed pytest. Each phase must leave the references to
None, True and False where they were (a real leak only adds; this bug takes one away per call)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_many_qt_calls_keep_none_and_bools_alive(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    proc = subprocess.run([sys.executable, __file__, str(tmp_path)], env=env, cwd=str(ROOT),
                          capture_output=True, text=True, timeout=600)
    tail = proc.stderr[-3000:]
    assert proc.returncode == 0, f"the child ended with {proc.returncode}:\n{proc.stdout[-2000:]}\n{tail}"
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(report) >= 8, report
    # The 6.12.0 bug takes at least one reference a call; allow background noise up to half of that.
    lost = {name: d for name, d in report.items() if min(d["drift"]) < -d["n"] // 2}
    assert not lost, f"Qt calls drop references to None/True/False (refcount drift per phase): {lost}"


# -- the child ---------------------------------------------------------------------------------


def _drive(folder: str) -> dict:
    import time

    from PySide6.QtCore import QModelIndex, QSettings, Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication([])
    for kind in ("warning", "critical", "information", "question", "about"):
        setattr(QMessageBox, kind, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    from briefing.ui.main_window import MainWindow

    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, data_dir=Path(folder) / "data")
    w.ask_save_changes = lambda: "discard"
    w.show()

    def settle(timeout=120):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            app.processEvents()
            if (w.task is None and w.preview_task is None and not w._preview_timer.isActive()
                    and w.preview_panel.page_count_value() > 0):
                return
            time.sleep(0.01)
        raise SystemExit("the sample never loaded and previewed")

    w.open_sample()
    settle()

    def refs():
        return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)

    report = {}

    import gc

    def quiet():
        # Background work started by a call (a preview rebuild, a repaint) holds and then frees
        # references of its own: measure only between idle moments, after a collection.
        settle()
        for _ in range(3):
            app.processEvents()
        gc.collect()

    def phase(name, n, op):
        op(0)                        # warm up: caches, lazily built objects
        quiet()
        before = refs()
        for k in range(n):
            op(k)
        quiet()
        after = refs()
        report[name] = {"n": n, "drift": [a - b for a, b in zip(after, before)]}

    themes = w.themes_panel
    keys = themes.order()
    phase("tick and untick a theme (itemChanged, changed, undo push)", 2000,
          lambda k: themes.set_checked(keys[k % len(keys)], k % 4 < 2))
    phase("undo and redo actions (triggered(bool), apply_choices)", 1000,
          lambda k: (w.undo_action if k % 2 == 0 else w.redo_action).trigger())
    fixed = w.briefing_panel.fixed_date
    phase("click the Fixed date checkbox (toggled(bool) -> setEnabled, changed)", 2000, lambda k: fixed.click())
    phase("type a title (textChanged -> changed)", 2000, lambda k: w.briefing_panel.title.setText(f"Title {k}"))
    actions = w.appearance_actions
    order = ("light", "dark", "system")
    phase("checkable appearance actions (triggered(bool), setChecked)", 300,
          lambda k: actions[order[k % 3]].trigger())
    phase("checkable actions toggled(bool) without a trigger", 3000,
          lambda k: w.language_actions[("en", "zh", "system")[k % 3]].setChecked(True))
    phase("page and zoom actions", 2000,
          lambda k: (w.next_page_action, w.prev_page_action, w.zoom_in_action, w.zoom_out_action)[k % 4].trigger())
    phase("bare signal emits (themes, cover, workspace_changed)", 5000,
          lambda k: (themes.changed, w.briefing_panel.changed, w.workspace_changed)[k % 3].emit())
    phase("QSettings.value, also type=bool", 5000,
          lambda k: settings.value("ui/missing", False, type=bool) if k % 2 else settings.value("ui/appearance"))

    # The table grid's model: data() and headerData() answer None for most roles, strings or ints for others.
    panel = w.sources_panel
    tree = panel.tree
    from ui_helpers import leaf_rows
    tables = []
    for k, index in enumerate(leaf_rows(tree)):
        tree.setCurrentIndex(index)
        app.processEvents()
        if panel.preview.model.rowCount() and panel.preview.model.columnCount():
            tables.append((panel.preview.model.rowCount() * panel.preview.model.columnCount(), k, index))
    if not tables:
        raise SystemExit("no table of the sample shows in the grid")
    tree.setCurrentIndex(max(tables)[2])
    app.processEvents()
    model = panel.preview.model
    cells = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())]
    roles = [int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole,
                              Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.CheckStateRole,
                              Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.UserRole)]
    phase("model data() through QModelIndex.data, None for most roles", 20000,
          lambda k: cells[k % len(cells)].data(roles[k % len(roles)]))
    phase("model headerData() and flags()", 10000,
          lambda k: (model.headerData(k % 3, Qt.Orientation.Vertical if k % 2 else Qt.Orientation.Horizontal,
                                      roles[k % len(roles)]), model.flags(cells[k % len(cells)])))
    phase("invalid index data() and parent()", 5000, lambda k: (QModelIndex().data(), cells[0].parent()))
    phase("repaint the table grid", 200, lambda k: panel.preview.grid.grab())

    w.close()
    app.processEvents()
    return report


if __name__ == "__main__":
    print(json.dumps(_drive(sys.argv[1])), flush=True)
