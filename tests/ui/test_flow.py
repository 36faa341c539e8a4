"""The whole flow from the window: import > pick > reorder > edit > preview > export > save."""
import pytest
from PySide6.QtCore import Qt

from briefing import project
from briefing.paths import sample_workbook

from ui_helpers import BUILD_TIMEOUT, pdf_text, wait_idle, wait_preview


@pytest.mark.slow
def test_import_pick_reorder_edit_preview_export(make_window, qtbot, tmp_path, chinese_workbook, messages):
    w = make_window()
    w.ask_open_paths = lambda: [str(sample_workbook()), str(chinese_workbook)]
    w.import_action.trigger()
    wait_preview(qtbot, w)
    ws = w.workspace
    assert {t.provenance.file_name for t in ws.tables} == {sample_workbook().name, chinese_workbook.name}

    # Pick and reorder.
    supported = list(ws.supported_themes())
    dropped, first = "safety", "chips"
    w.themes_panel.set_checked(dropped, False)
    w.themes_panel.move(first, 0)
    # Edit a sentence in the findings editor.
    wait_preview(qtbot, w)
    w.tabs.setCurrentWidget(w.findings_panel)
    key = next(k for k in w.findings_panel.keys() if k.startswith("chips|"))
    w.findings_panel.select(key)
    w.findings_panel.editor.setPlainText("Export controls cost iFlyTek dearly.")
    wait_preview(qtbot, w)
    preview = pdf_text(w.preview_panel.path)
    assert "Export controls cost iFlyTek dearly." in preview
    assert ws.theme(dropped).title("en") not in preview

    # Export (Ctrl+E) gives the same briefing as the preview.
    out = tmp_path / "pulse.pdf"
    w.ask_save_path = lambda default: str(out)
    with qtbot.waitSignal(w.build_succeeded, timeout=BUILD_TIMEOUT):
        qtbot.keyClick(w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, w)
    text = pdf_text(out)
    assert "Export controls cost iFlyTek dearly." in text
    body = text[text.find("Contents"):]
    titles = [ws.theme(k).title("en") for k in w.current_spec().themes]
    assert w.current_spec().themes[0] == first and dropped not in w.current_spec().themes
    assert body.find(titles[0]) < body.find(titles[1])
    assert w.open_pdf_action.isEnabled() and messages == []

    # Save, and the saved project rebuilds the same sections headless.
    path = tmp_path / "pulse.briefing"
    w.ask_project_save_path = lambda: str(path)
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.exists() and not w.isWindowModified()
    result, spec, _ = project.build(path, tmp_path / "again.pdf")
    assert spec.themes == w.current_spec().themes
    assert "Export controls cost iFlyTek dearly." in pdf_text(result.path)
