"""Projects from the window: save/open round trip, recent files, unsaved changes, autosave and
restore after a crash, interrupted saves, newer versions, moved sources, Replace data, cancel."""
import json
import os
import shutil
import threading

import pytest

from briefing import pipeline, project
from briefing.model import Cancelled
from briefing.paths import sample_workbook

from ui_helpers import pdf_text, wait_idle, wait_preview


@pytest.fixture
def survey(tmp_path):
    path = tmp_path / "survey-q2.xlsx"
    shutil.copy(sample_workbook(), path)
    return path


def _loaded(make_window, qtbot, files):
    w = make_window()
    w.import_files([str(f) for f in files])
    wait_preview(qtbot, w)
    return w


def _change(w):
    supported = w.workspace.supported_themes()
    w.themes_panel.set_checked(supported[1], False)
    w.themes_panel.move(supported[-1], 0)
    w.briefing_panel.title.setText("GenAI pulse Q2")
    w.briefing_panel.classification.setCurrentText("Internal")
    key = w.findings_panel.keys()[0]
    w.set_edit(key, "Edited by the analyst.")
    return key


def test_save_and_open_round_trip(make_window, qtbot, survey, tmp_path, settings):
    w = _loaded(make_window, qtbot, [survey])
    key = _change(w)
    assert w.isWindowModified() and w.windowTitle() == "GenAI pulse Q2[*] — Briefing"
    path = tmp_path / "pulse.briefing"
    w.ask_project_save_path = lambda: str(path)
    w.save_action.trigger()
    assert path.exists() and not w.isWindowModified()
    assert w.windowTitle() == "pulse[*] — Briefing"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["sources"][0]["sha256"] == project.sha256_file(survey)
    saved = w.choices()

    w2 = make_window()
    with qtbot.waitSignal(w2.project_loaded, timeout=60_000):
        assert w2.open_project(str(path))
    wait_preview(qtbot, w2)
    assert w2.choices() == saved
    assert w2.sources == [str(survey.resolve())]
    assert w2.session.edits[key].text == "Edited by the analyst."
    assert not w2.isWindowModified() and w2.session.undo_stack.count() == 0
    assert "Edited by the analyst." in pdf_text(w2.preview_panel.path)
    assert w2.recent_files()[0] == str(path.resolve())
    assert settings.value("recentFiles")                  # stored in the test's own settings file


def test_closing_with_unsaved_changes_asks(make_window, qtbot, survey, tmp_path):
    w = _loaded(make_window, qtbot, [survey])
    _change(w)
    asked = []
    w.ask_save_changes = lambda: asked.append(1) or "cancel"
    w.close()
    assert asked and w.isVisible()                        # cancelled: still open
    path = tmp_path / "kept.briefing"
    w.ask_save_changes = lambda: "save"
    w.ask_project_save_path = lambda: str(path)
    w.close()
    assert not w.isVisible() and path.exists()
    assert project.load(path).fields["title"] == "GenAI pulse Q2"


def test_autosave_and_restore_after_a_crash(make_window, qtbot, survey, data_dir):
    w = _loaded(make_window, qtbot, [survey])
    key = _change(w)
    saved = w.autosave()
    assert saved is not None and saved.parent.parent == data_dir
    crashed = saved.with_name("session-999999999-dead.briefing")   # a process that no longer runs
    shutil.copy(saved, crashed)
    expected = w.choices()
    w.close()
    assert not saved.exists() and crashed.exists()        # a clean close removes its own autosave

    w2 = make_window()
    offered = []
    w2.ask_restore = lambda when, name: offered.append(name) or True
    with qtbot.waitSignal(w2.project_loaded, timeout=60_000):
        assert w2.offer_restore()
    wait_preview(qtbot, w2)
    assert offered == ["GenAI pulse Q2"]
    assert w2.choices() == expected and w2.session.edits[key].text == "Edited by the analyst."
    assert w2.isWindowModified()                          # restored work is not saved yet
    assert not crashed.exists()
    assert not w2.offer_restore()                         # offered once


def test_autosave_timer_writes_only_when_modified(make_window, qtbot, survey, data_dir):
    w = make_window(autosave_ms=50)
    w.import_files([str(survey)])
    wait_preview(qtbot, w)
    qtbot.wait(200)
    assert not w.autosave_path.exists()
    w.briefing_panel.author.setText("Ana")
    qtbot.waitUntil(w.autosave_path.exists, timeout=5_000)
    assert json.loads(w.autosave_path.read_text())["fields"]["author"] == "Ana"


def test_interrupted_save_keeps_the_old_file(make_window, qtbot, survey, tmp_path, monkeypatch, messages):
    w = _loaded(make_window, qtbot, [survey])
    path = tmp_path / "p.briefing"
    assert w.save_project(str(path))
    before = path.read_bytes()
    w.briefing_panel.title.setText("Never written")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert not w.save_project()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".xlsx") == ["p.briefing"]
    assert messages and "No space left" in messages[-1][2]
    assert w.isWindowModified()


def test_newer_project_is_refused(make_window, tmp_path, messages):
    path = tmp_path / "future.briefing"
    path.write_text(json.dumps({"format": "briefing-project", "version": 7}))
    w = make_window()
    assert not w.open_project(str(path))
    assert "newer Briefing" in messages[-1][2] and w.task is None


def test_moved_source_is_asked_for(make_window, qtbot, survey, tmp_path):
    w = _loaded(make_window, qtbot, [survey])
    path = tmp_path / "p.briefing"
    w.save_project(str(path))
    elsewhere = tmp_path / "moved"
    elsewhere.mkdir()
    moved = elsewhere / "renamed.xlsx"
    survey.rename(moved)
    w2 = make_window()
    asked = []
    w2.ask_locate_source = lambda missing: asked.append(missing) or str(moved)
    with qtbot.waitSignal(w2.project_loaded, timeout=60_000):
        w2.open_project(str(path))
    assert asked == [str(survey.resolve())]
    assert w2.sources == [str(moved)] and w2.isWindowModified()


def test_replace_data_keeps_edits_and_flags_the_changed_ones(make_window, qtbot, survey, tmp_path):
    from openpyxl import load_workbook
    w = _loaded(make_window, qtbot, [survey])
    findings = {f.key: f for fs in w.session.generated.values() for f in fs}
    leader = next(k for k, f in findings.items() if k.startswith("adoption|") and f.kind == "leader")
    stable = next(k for k in findings if k.startswith("models|"))
    w.set_edit(leader, "China leads.")
    w.set_edit(stable, "The race is on.")
    # An edit of a finding no data gives any more (as a project of last year's tables would hold).
    w.session.change(edits={**w.session.edits, "gone|Old table|leader": project.Edit("An old sentence.", "Generated once.")})

    q3 = tmp_path / "survey-q3.xlsx"
    wb = load_workbook(survey)
    ws = wb["Adoption"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "China":
                ws.cell(cell.row, cell.column + 2).value = 0.91   # adoption jumps
    wb.save(q3)

    w.replace_data([str(q3)])
    wait_preview(qtbot, w)
    assert w.sources == [str(q3)]
    panel = w.findings_panel
    assert panel.state_of(stable) == "edited"
    assert panel.state_of(leader) == "changed"
    assert panel.state_of("gone|Old table|leader") == "missing"
    assert "to review" in panel.heading.text()
    text = pdf_text(w.preview_panel.path)
    assert "The race is on." in text and "China leads." in text
    # Keeping the wording clears the flag.
    panel.select(leader)
    panel.keep_button.click()
    assert panel.state_of(leader) == "edited"


def test_cancel_during_import(make_window, qtbot, monkeypatch, survey):
    started = threading.Event()

    def slow_load(paths, *, progress=None, cancel=None, **kw):
        started.set()
        while not cancel.wait(0.01):
            progress(0.1, "Reading")
        raise Cancelled()

    w = make_window()
    monkeypatch.setattr(pipeline, "load", slow_load)
    with qtbot.waitSignal(w.task_done, timeout=10_000) as blocker:
        w.import_files([str(survey)])
        assert started.wait(5) and w.cancel_button.isVisible()
        w.cancel_button.click()
    assert blocker.args == ["import", "cancelled"]
    assert w.workspace is None and w.sources == []
    assert "cancelled" in w.statusBar().currentMessage().lower()


def test_new_project_clears_everything(window, qtbot):
    wait_preview(qtbot, window)
    window.new_project()
    assert window.sources == [] and window.workspace is None and window.session.edits == {}
    assert window.preview_panel.path is None
    assert window.themes_panel.selected_keys() == ()
    assert not window.isWindowModified()


def test_window_layout_is_restored(make_window, settings):
    w = make_window()
    w.resize(w.minimumSizeHint().width(), 517)
    size = w.size()
    assert size.height() == 517
    w.close()
    w2 = make_window()
    assert w2.size().height() == size.height() == 517   # (the offscreen screen clamps widths)


def test_encrypted_workbook_asks_for_its_password(make_window, qtbot, tmp_path, messages):
    import hashlib
    import msoffcrypto.format.ooxml as ooxml
    from openpyxl import Workbook
    plain = tmp_path / "plain.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Adoption"
    for row in (["Use of generative AI by business leaders"], [], ["Country", "Leaders using GenAI (%)"],
                ["China", 83], ["United States", 65], ["Global average", 54]):
        ws.append(row)
    wb.save(plain)
    locked = tmp_path / "locked.xlsx"
    with open(plain, "rb") as f, open(locked, "wb") as out:
        ooxml.OOXMLFile(f).encrypt("Quarter 4 !", out)
    digest = hashlib.sha256(locked.read_bytes()).hexdigest()

    w = make_window()
    asked = []
    answers = iter(["wrong", "Quarter 4 !"])
    w.ask_password = lambda file, wrong: asked.append((file, wrong)) or next(answers)
    w.import_files([str(locked)])
    qtbot.waitUntil(lambda: w.workspace is not None and w.task is None, timeout=60_000)
    assert [a[1] for a in asked] == [False, True]            # then told the first one was wrong
    assert "locked.xlsx" in asked[0][0]
    assert [t.title for t in w.workspace.tables] == ["Use of generative AI by business leaders"]
    assert hashlib.sha256(locked.read_bytes()).hexdigest() == digest     # never written to
    path = tmp_path / "p.briefing"
    w.save_project(str(path))
    assert "Quarter 4" not in path.read_text(encoding="utf-8")            # passwords are never saved


def test_file_menu_opens_the_sample_project(make_window, qtbot, tmp_path):
    """Papercut 8: the shipped sample project opens from File > Open Sample Project; Save then
    asks for a file of the user's own (the shipped one is never written)."""
    from briefing.paths import resource
    from ui_helpers import pdf_text, wait_preview
    w = make_window()
    assert w.open_sample_project_action in w.file_menu.actions()
    shipped = resource("sample.briefing").read_bytes()
    with qtbot.waitSignal(w.project_loaded, timeout=60_000):
        w.open_sample_project_action.trigger()
    wait_preview(qtbot, w)
    expected = project.load(resource("sample.briefing"))
    assert w.current_spec().themes == expected.themes
    assert w.briefing_panel.organisation.text() == "Briefing sample"
    assert w.session.project_path is None and not w.isWindowModified()
    assert "Briefing sample" in pdf_text(w.preview_panel.path)
    asked = []
    w.ask_project_save_path = lambda: asked.append(1) or str(tmp_path / "mine.briefing")
    assert w.save_project()
    assert asked and (tmp_path / "mine.briefing").is_file()
    assert resource("sample.briefing").read_bytes() == shipped
