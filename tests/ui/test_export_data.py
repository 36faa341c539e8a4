"""File > Export Data…: the companion workbook written from the window, off the GUI thread, errors in one line."""
import openpyxl

from briefing.fileio import sha256_file
from ui_helpers import BUILD_TIMEOUT, wait_idle


def _file_menu_texts(window) -> list[str]:
    return [a.text() for a in window.file_menu.actions()]


def test_export_data_writes_the_ticked_themes_tables(window, qtbot, tmp_path, messages, sample):
    assert "Export &Data…" in _file_menu_texts(window)
    assert window.export_data_action.isEnabled()
    window.themes_panel.set_checked("chips", False)
    out = tmp_path / "tables"                            # no suffix: .xlsx is added
    asked = []
    window.ask_data_save_path = lambda default: asked.append(default) or str(out)
    with qtbot.waitSignal(window.task_done, timeout=BUILD_TIMEOUT) as blocker:
        window.export_data_action.trigger()
        assert window.task is not None and not window.export_data_action.isEnabled()   # in the background
    wait_idle(qtbot, window)
    assert blocker.args == ["data", "succeeded"]
    assert asked and asked[0].endswith(".xlsx")
    wb = openpyxl.load_workbook(tmp_path / "tables.xlsx")
    sheets = wb.sheetnames[1:]
    assert wb.sheetnames[0] == "Index" and sheets and not any("Chips" in s for s in sheets)
    first = wb[sheets[0]]
    assert first["A2"].value.startswith(f"Source: {sample.name}, ")
    assert first["A3"].value == f"SHA-256 of {sample.name}: {sha256_file(sample)}"
    assert messages == []
    assert f"Wrote tables.xlsx: {len(sheets)} tables" in window.statusBar().currentMessage()
    assert window.export_data_action.isEnabled()


def test_export_data_error_is_one_line(window, qtbot, tmp_path, messages):
    blocker_file = tmp_path / "not-a-dir"
    blocker_file.write_text("a file where a folder should be")
    with qtbot.waitSignal(window.task_done, timeout=BUILD_TIMEOUT) as blocker:
        window.export_data_to(window.current_spec(), str(blocker_file / "x.xlsx"))
    assert blocker.args == ["data", "failed"]
    (kind, title, text), = messages
    assert kind == "warning" and title == "Could not export the data"
    assert "\n" not in text and "Traceback" not in text and "not-a-dir" in text


def test_export_data_never_over_a_source(window, tmp_path, messages, sample):
    window.ask_data_save_path = lambda default: str(sample)
    window.export_data_action.trigger()
    assert window.task is None
    assert messages and "never overwritten" in messages[0][2]


def test_cancelled_export_leaves_no_file(window, qtbot, tmp_path, messages):
    from PySide6.QtCore import Qt

    out = tmp_path / "cancelled.xlsx"
    with qtbot.waitSignal(window.task_done, timeout=BUILD_TIMEOUT) as blocker:
        window.export_data_to(window.current_spec(), str(out))
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["data", "cancelled"]
    assert list(tmp_path.iterdir()) == [] and messages == []
