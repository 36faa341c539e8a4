"""Big workbooks are imported in a child process: same workspace, same errors, cancellable."""
import threading

import pytest

from briefing import pipeline
from briefing.model import Cancelled
from briefing.paths import sample_workbook
from briefing.ui import isolated


def test_child_process_import_gives_the_same_workspace(tmp_path):
    never = threading.Event()
    seen = []
    missing = tmp_path / "missing.xlsx"
    ws = isolated.load([sample_workbook(), missing], progress=lambda f, m: seen.append(f), cancel=never)
    direct = pipeline.load([sample_workbook(), missing])
    assert ws.tables == direct.tables and ws.tags == direct.tags and ws.report == direct.report
    assert ws.tables and all(t.columns[0].values for t in ws.tables)
    assert seen and max(seen) <= 1.0


def test_child_process_import_cancels():
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        isolated.load([sample_workbook()], progress=lambda f, m: None, cancel=cancel)


def test_only_big_files_go_to_a_child(tmp_path):
    assert not isolated.worth_isolating([sample_workbook()])
    big = tmp_path / "big.csv"
    big.write_bytes(b"a,b\n" + b"x,1\n" * (isolated.MIN_BYTES // 4 + 1))
    assert isolated.worth_isolating([big])


def test_child_process_build_gives_the_same_pdf_text(tmp_path):
    from briefing.model import BriefingSpec
    from ui_helpers import pdf_text
    ws = pipeline.load([sample_workbook()])
    spec = BriefingSpec(sources=ws.sources, themes=ws.supported_themes()[:2], date="2024-07-01", title="Child build")
    key = pipeline.build(spec, tmp_path / "a.pdf", workspace=ws).findings[spec.themes[0]][0].key
    edits = {key: "Edited in the parent."}
    direct = pipeline.build(spec, tmp_path / "direct.pdf", workspace=ws, edits=edits)
    result = isolated.build(spec, tmp_path / "child.pdf", ws, edits=edits,
                            progress=lambda f, m: None, cancel=threading.Event())
    assert result.pages == direct.pages
    assert pdf_text(result.path) == pdf_text(direct.path)
    assert "Edited in the parent." in pdf_text(result.path)
    # The child's one analysis comes back whole: as generated (what edits are reviewed against)
    # and as printed.
    assert result.generated == direct.generated and result.findings == direct.findings
    assert set(result.generated) == set(spec.themes) and result.generated[spec.themes[0]][0].key == key
    assert result.findings[spec.themes[0]][0].text == "Edited in the parent."
    assert result.generated[spec.themes[0]][0].text != "Edited in the parent."


def test_big_workspaces_preview_in_a_child(window, qtbot, monkeypatch):
    from ui_helpers import pdf_text, wait_preview
    wait_preview(qtbot, window)
    monkeypatch.setattr(isolated, "BIG_CELLS", 0)
    assert isolated.is_big(window.workspace)
    calls = []
    real = isolated.build
    monkeypatch.setattr(isolated, "build", lambda *a, **k: calls.append(1) or real(*a, **k))
    with qtbot.waitSignal(window.preview_updated, timeout=60_000):
        window.briefing_panel.title.setText("Built by a child process")
    assert calls and "Built by a child process" in pdf_text(window.preview_panel.path)
    assert window.findings_panel.keys()
    # Cancel stops the child at once.
    task = window._start_preview()
    window._cancel_previews()
    qtbot.waitUntil(task.is_finished, timeout=10_000)
    assert task.outcome == "cancelled"
