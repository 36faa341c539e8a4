"""Building the PDF from the window: the file written, cancel, errors, and closing mid-build."""
from pathlib import Path

from PySide6.QtCore import Qt
from pypdf import PdfReader

from ui_helpers import BUILD_TIMEOUT, wait_idle


def _pages(path: Path) -> list[str]:
    # Whitespace normalised: a title may wrap on the cover.
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages]


def test_build_pdf_writes_the_ticked_themes_in_order(window, qtbot, tmp_path, messages):
    ws = window.workspace
    supported = list(ws.supported_themes())
    dropped = "models" if "models" in supported else supported[-1]
    window.themes_panel.set_checked(dropped, False)
    kept = [k for k in supported if k != dropped]
    window.themes_panel.move(kept[-1], 0)
    window.briefing_panel.title.setText("Quarterly GenAI pulse")
    window.briefing_panel.author.setText("Test Analyst")
    out = tmp_path / "pulse.pdf"
    asked = []
    window.ask_save_path = lambda default: asked.append(default) or str(out)

    with qtbot.waitSignal(window.build_succeeded, timeout=BUILD_TIMEOUT) as blocker:
        qtbot.mouseClick(window.briefing_panel.build_button, Qt.MouseButton.LeftButton)
        assert window.progress_bar.isVisible() and window.cancel_button.isVisible()
        assert not window.build_action.isEnabled()      # one build at a time
    wait_idle(qtbot, window)

    assert asked == ["Quarterly-GenAI-pulse.pdf"]
    pages = _pages(out)
    assert len(pages) > 3
    assert blocker.args[0].pages == len(pages)
    assert "Quarterly GenAI pulse" in pages[0]
    text = "\n".join(pages)
    assert ws.theme(dropped).title("en") not in text
    titles = [ws.theme(k).title("en") for k in window.current_spec().themes]
    assert all(t in text for t in titles)
    # Sections follow the list order (the first heading of each after the contents page).
    body = "\n".join(pages[2:])
    assert body.find(titles[0]) < body.find(titles[1])
    assert messages == []
    assert window.open_button.isVisible() and window.open_pdf_action.isEnabled()
    assert f"{len(pages)} pages" in window.statusBar().currentMessage()
    assert not window.progress_bar.isVisible()


def test_save_dialog_cancelled_builds_nothing(window, tmp_path):
    window.ask_save_path = lambda default: None
    window.build_action.trigger()
    assert window.task is None


def test_cancel_during_build_leaves_no_pdf(window, qtbot, tmp_path, messages):
    out = tmp_path / "cancelled.pdf"
    with qtbot.waitSignal(window.task_done, timeout=BUILD_TIMEOUT) as blocker:
        window.build_to(str(out))
        assert window.cancel_button.isVisible()
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["build", "cancelled"]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []          # no half-written temp file either
    assert messages == []                          # a cancel is not an error
    assert "cancelled" in window.statusBar().currentMessage().lower()
    assert not window.cancel_button.isVisible()


def test_build_error_is_one_line_in_a_message_box(window, qtbot, tmp_path, messages):
    blocker_file = tmp_path / "not-a-dir"
    blocker_file.write_text("a file where a folder should be")
    out = blocker_file / "x.pdf"
    with qtbot.waitSignal(window.task_done, timeout=BUILD_TIMEOUT) as blocker:
        window.build_to(str(out))
    assert blocker.args == ["build", "failed"]
    assert len(messages) == 1
    kind, title, text = messages[0]
    assert kind == "warning" and "\n" not in text and "Traceback" not in text
    assert "not-a-dir" in text


def test_closing_during_build_stops_the_worker(make_window, qtbot, tmp_path, qtlog):
    w = make_window()
    w.open_sample()
    wait_idle(qtbot, w)
    out = tmp_path / "closing.pdf"
    task = w.build_to(str(out))
    assert task.is_running()
    w.close()
    assert task.cancel_requested and task.is_finished()
    assert not out.exists()
    qtbot.waitUntil(lambda: w.task is None)
    assert not any("QThread" in r.message for r in qtlog.records)
