"""The live preview: built in the background after a change, debounced, stale builds cancelled,
page kept, navigation, zoom, and a picture that is really painted."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ui_helpers import pdf_text, wait_idle, wait_preview


def test_preview_follows_theme_ticks_and_keeps_the_page(window, qtbot):
    wait_preview(qtbot, window)
    panel = window.preview_panel
    pages = panel.page_count_value()
    assert pages > 3
    ws = window.workspace
    dropped = ws.supported_themes()[-1]
    assert ws.theme(dropped).title("en") in pdf_text(panel.path)

    panel.go_to_page(2)
    assert panel.current_page() == 2 and panel.page_box.value() == 3
    with qtbot.waitSignal(window.preview_updated, timeout=60_000):
        window.themes_panel.set_checked(dropped, False)
        assert window._preview_timer.isActive()        # started by the event loop, not inside the click
    wait_preview(qtbot, window)
    assert ws.theme(dropped).title("en") not in pdf_text(panel.path)
    assert panel.current_page() == 2                  # still where the user was reading
    assert panel.page_count_value() <= pages


def test_a_tick_builds_at_once_and_typing_waits_for_a_pause(window, qtbot):
    """A tick, or a choice from a list, comes alone: its build starts as soon as the click's events
    are handled. Text typed in a field or a finding waits PREVIEW_DELAY_MS for the next key."""
    from briefing.ui.main_window import PREVIEW_DELAY_MS
    wait_preview(qtbot, window)
    timer = window._preview_timer
    key = window.workspace.supported_themes()[-1]
    window.themes_panel.set_checked(key, False)
    assert timer.isActive() and timer.interval() == 0
    wait_preview(qtbot, window)
    window.briefing_panel.subtitle.setText("Typed")
    assert timer.isActive() and timer.interval() == PREVIEW_DELAY_MS
    wait_preview(qtbot, window)
    window.themes_panel.set_checked(key, True)
    assert timer.interval() == 0
    wait_preview(qtbot, window)
    assert "Typed" in pdf_text(window.preview_panel.path)


def test_a_burst_of_changes_builds_once(window, qtbot):
    wait_preview(qtbot, window)
    started = []
    real = window._start_preview
    window._start_preview = lambda: started.append(1) or real()
    window._preview_timer.timeout.disconnect()
    window._preview_timer.timeout.connect(window._start_preview)
    for text in ("Q", "Q3", "Q3 p", "Q3 pulse"):
        window.briefing_panel.title.setText(text)
    with qtbot.waitSignal(window.preview_updated, timeout=60_000):
        pass
    assert started == [1]
    assert "Q3 pulse" in pdf_text(window.preview_panel.path)


def test_a_new_build_cancels_the_stale_one(window, qtbot):
    wait_preview(qtbot, window)
    first = window.refresh_preview() or window.preview_task
    window.briefing_panel.author.setText("Someone")
    second = window._start_preview()
    assert first is not second and first.cancel_requested and not second.cancel_requested
    with qtbot.waitSignal(window.preview_updated, timeout=60_000) as blocker:
        pass
    wait_preview(qtbot, window)
    assert "Someone" in pdf_text(window.preview_panel.path)
    assert blocker.args[0].path == window.preview_panel.path
    # Old preview files are removed as new ones are shown.
    assert len(list(window._preview_dir.glob("*.pdf"))) == 1


def test_navigation_zoom_and_painting(window, qtbot):
    wait_preview(qtbot, window)
    panel = window.preview_panel
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.current_page() == 1
    qtbot.mouseClick(panel.prev_button, Qt.MouseButton.LeftButton)
    assert panel.current_page() == 0 and not panel.prev_button.isEnabled()
    panel.set_zoom(1.0)
    panel.zoom_step(+1)
    assert abs(panel.zoom_factor() - 1.25) < 1e-6
    window.zoom_out_action.trigger()
    assert abs(panel.zoom_factor() - 1.0) < 1e-6
    window.fit_width_action.trigger()
    assert panel.zoom_box.currentData() == "width"

    def painted():
        img = panel.view.viewport().grab().toImage()
        colours = {img.pixelColor(x, y).name() for x in range(0, img.width(), 17) for y in range(0, img.height(), 17)}
        return len(colours) > 3
    qtbot.waitUntil(painted, timeout=10_000)     # pages are drawn in a worker thread


def test_nothing_ticked_shows_a_hint_not_an_old_pdf(window, qtbot):
    wait_preview(qtbot, window)
    for key in window.themes_panel.selected_keys():
        window.themes_panel.set_checked(key, False)
    qtbot.waitUntil(lambda: window.preview_panel.path is None, timeout=10_000)
    assert "Tick a theme" in window.preview_panel.placeholder.text()
    assert not window.export_action.isEnabled()


def test_closing_with_a_preview_build_running(make_window, qtbot, qtlog):
    w = make_window()
    w.open_sample()
    wait_idle(qtbot, w)
    task = w._start_preview()
    assert task is not None and task.is_running()
    w.close()
    assert task.cancel_requested and task.is_finished()
    assert not any("QThread" in r.message for r in qtlog.records)


def test_a_preview_analyses_the_workspace_once_and_the_editor_shows_its_findings(window, qtbot, monkeypatch):
    """Computed once: the findings editor shows the findings the preview build returned; the
    window never runs the analysis a second time."""
    import briefing.analysis as analysis
    wait_preview(qtbot, window)
    calls = []
    real = analysis.analyse
    monkeypatch.setattr(analysis, "analyse", lambda *a, **k: calls.append(1) or real(*a, **k))
    with qtbot.waitSignal(window.preview_updated, timeout=60_000) as shown:
        window.briefing_panel.author.setText("Ana")
    assert calls == [1]
    result = shown.args[0]
    assert window.session.generated == result.generated
    assert window.findings_panel.keys() == [f.key for fs in result.generated.values() for f in fs]


def test_the_window_keeps_no_briefing_state_of_its_own(window):
    """Sources, choices, edits and findings live in the session: the window's own attributes are
    its widgets, services and jobs."""
    from PySide6.QtCore import QObject, SignalInstance
    own = {k for k, v in vars(window).items()
           if not isinstance(v, (QObject, SignalInstance)) and not callable(v) and not k.endswith("_actions")
           and not k.startswith("__")}
    assert own <= {"settings", "recent", "data_dir", "autosaves", "session", "task", "preview_task",
                   "_stale_previews", "_retired", "_pending_imports", "_last_dir", "_applying", "_closing",
                   "_preview_seq", "_preview_dir", "_keep_autosave", "_warm_task"}, own
