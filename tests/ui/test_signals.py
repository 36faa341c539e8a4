"""SIGTERM and Ctrl+C close the window cleanly: no question, unsaved work autosaved, temp folders gone."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

from briefing.paths import sample_workbook

from ui_helpers import wait_preview


def test_terminate_closes_without_asking_and_keeps_unsaved_work(make_window, qtbot, tmp_path):
    survey = tmp_path / "survey.xlsx"
    shutil.copy(sample_workbook(), survey)
    w = make_window()
    w.import_files([str(survey)])
    wait_preview(qtbot, w)
    w.briefing_panel.title.setText("Unsaved title")
    assert w.isWindowModified()
    asked = []
    w.ask_save_changes = lambda: asked.append(1) or "cancel"
    w.terminate()
    assert not asked and not w.isVisible()
    assert json.loads(w.autosave_path.read_text())["fields"]["title"] == "Unsaved title"


def test_sigterm_ends_the_app_and_removes_its_preview_folder(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_DATA_HOME": str(tmp_path / "data")}
    proc = subprocess.Popen([sys.executable, "-m", "briefing"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("briefing-preview-*")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list(tmp_path.glob("briefing-preview-*")), "the window never started"
    time.sleep(1.5)   # let the first preview start, so a worker is running or just done
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert not list(tmp_path.glob("briefing-preview-*"))
    assert "Traceback" not in err


def test_preview_folders_of_dead_windows_are_removed_at_start(make_window, tmp_path, monkeypatch):
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"briefing-preview-{dead.pid}-abc"
    live = tmp_path / f"briefing-preview-{os.getpid()}-def"
    for d in (stale, live):
        d.mkdir()
        (d / "preview-1.pdf").write_bytes(b"%PDF-")
    w = make_window()
    assert not stale.exists() and live.exists()
    assert w._preview_dir.name.startswith(f"briefing-preview-{os.getpid()}-")
