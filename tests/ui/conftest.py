"""Fixtures for the window tests: offscreen Qt, a loaded window, and message boxes that never block."""
import os

# Must happen before anything imports Qt: with no display and no platform, Qt aborts the run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from ui_helpers import wait_idle  # noqa: E402


@pytest.fixture
def messages(monkeypatch):
    """Every QMessageBox the window would show, as (kind, title, text), instead of a modal dialog."""
    from PySide6.QtWidgets import QMessageBox

    shown = []

    def fake(kind):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return staticmethod(box)

    for kind in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind))
    return shown


@pytest.fixture
def settings(tmp_path_factory):
    """A QSettings in the test's own folder: never the user's recent files or window layout."""
    from PySide6.QtCore import QSettings
    return QSettings(str(tmp_path_factory.mktemp("settings") / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def data_dir(tmp_path_factory):
    """The autosave folder, instead of the user's data directory."""
    return tmp_path_factory.mktemp("data")


@pytest.fixture
def make_window(qtbot, messages, settings, data_dir):
    """Builds MainWindows that are closed (and their workers stopped) at the end of the test."""
    from briefing.ui.main_window import MainWindow

    windows = []

    def make(**kwargs):
        kwargs.setdefault("settings", settings)
        kwargs.setdefault("data_dir", data_dir)
        w = MainWindow(**kwargs)
        w.ask_save_changes = lambda: "discard"
        qtbot.addWidget(w)
        w.show()
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.close()


@pytest.fixture
def window(make_window, qtbot):
    """A window with the embedded sample workbook imported."""
    w = make_window()
    w.open_sample()
    wait_idle(qtbot, w)
    assert w.workspace is not None, "the sample did not load"
    return w


@pytest.fixture
def chinese_workbook(tmp_path):
    """A small workbook with a title row, Chinese labels and percentages."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "使用率"
    ws["A1"] = "2024年企业生成式人工智能使用率"
    ws.append([])
    ws.append(["国家/地区", "使用生成式AI的企业领导者 (%)"])
    for name, share in (("中国", 0.83), ("美国", 0.65), ("英国", 0.58), ("全球平均", 0.54)):
        ws.append([name, share])
        ws.cell(ws.max_row, 2).number_format = "0%"
    ws.append([])
    ws.append(["来源：企业领导者调查，2024年。"])
    path = tmp_path / "采用率-2024.xlsx"
    wb.save(path)
    return path
