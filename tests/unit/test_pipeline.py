"""pipeline.build: whole-or-nothing output, cancel, permissions, theme resolution."""
import os
import stat
import threading

import pytest

from briefing import pipeline
from briefing.model import BriefingSpec, Cancelled, InputError


@pytest.fixture(scope="module")
def ws():
    return pipeline.load_demo()


def test_build_writes_pdf_with_normal_permissions(tmp_path, ws):
    out = tmp_path / "b.pdf"
    steps = []
    r = pipeline.build(BriefingSpec(title="T", date="2026-11-25", themes=("chips",)), out, workspace=ws,
                       progress=lambda f, m: steps.append(f))
    assert r.pages >= 4 and out.read_bytes()[:5] == b"%PDF-"
    umask = os.umask(0); os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert steps == sorted(steps) and steps[-1] == 1.0
    assert [p.name for p in tmp_path.iterdir()] == ["b.pdf"]   # no temp file left behind


def test_failed_build_leaves_old_file_whole(tmp_path, ws, monkeypatch):
    out = tmp_path / "b.pdf"
    out.write_bytes(b"old briefing")

    def boom(*a, **k):
        raise RuntimeError("disk full")
    monkeypatch.setattr("briefing.render.render_pdf", boom)
    with pytest.raises(RuntimeError):
        pipeline.build(BriefingSpec(title="T", date="2026-11-25"), out, workspace=ws)
    assert out.read_bytes() == b"old briefing"
    assert [p.name for p in tmp_path.iterdir()] == ["b.pdf"]


def test_cancelled_build_writes_nothing(tmp_path, ws):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        pipeline.build(BriefingSpec(title="T"), tmp_path / "c.pdf", workspace=ws, cancel=cancel)
    assert list(tmp_path.iterdir()) == []


def test_themes_resolved_in_given_order_or_all_supported(ws):
    assert pipeline.resolve_themes(BriefingSpec(themes=("safety", "chips")), ws) == ("safety", "chips")
    assert pipeline.resolve_themes(BriefingSpec(), ws) == ("adoption", "regulation", "chips", "models", "safety")
    with pytest.raises(InputError, match="unknown theme 'nope'"):
        pipeline.resolve_themes(BriefingSpec(themes=("nope",)), ws)


def test_edits_replace_finding_text(tmp_path, ws):
    first = pipeline.build(BriefingSpec(title="T", date="2026-11-25", themes=("adoption",)), tmp_path / "a.pdf",
                           workspace=ws)
    key = first.findings["adoption"][0].key
    second = pipeline.build(BriefingSpec(title="T", date="2026-11-25", themes=("adoption",)), tmp_path / "b.pdf",
                            workspace=ws, edits={key: "China is far ahead."})
    assert second.findings["adoption"][0].text == "China is far ahead."
    from pypdf import PdfReader
    text = " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "b.pdf")).pages)
    assert "China is far ahead." in text


def test_a_workbook_no_theme_fits_gets_a_theme_named_from_its_data(tmp_path):
    import xlsxwriter
    from pypdf import PdfReader
    from briefing.model import BriefingSpec
    path = tmp_path / "gdp.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("T1")
    ws.write(0, 0, "Gross domestic product by country, USD billion")
    ws.write_row(2, 0, ["Country", "2021", "2022", "2023"])
    for r, row in enumerate([["United States", 23300, 25400, 27400], ["China", 17800, 17900, 17700],
                             ["Germany", 4300, 4100, 4500], ["Japan", 5000, 4300, 4200]], start=3):
        ws.write_row(r, 0, row)
    wb.close()
    work = pipeline.load([path])
    assert work.supported_themes() == ("data",)
    theme = work.theme("data")
    assert theme.name == "Gross domestic product by country, USD billion"
    assert work.tags[work.tables[0].key][0].hits == (pipeline.DATA_THEME_HIT,)
    out = tmp_path / "gdp.pdf"
    result = pipeline.build(BriefingSpec(sources=(str(path),), date="2026-01-01"), out, workspace=work)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(out)).pages)
    assert "the United States rose from 23,300 in 2021 to 27,400 in 2023" in text
    assert result.findings["data"]
    # A workbook a catalogue theme fits gets no such theme.
    assert "data" not in pipeline.load_demo().supported_themes()


def test_a_build_from_files_prepares_the_pdf_while_the_readers_work(tmp_path, monkeypatch):
    """The fonts and the PDF code are made ready while the reader children read (a head start
    that the CLI's every build takes): asked once, of the spec's template, before any table is back."""
    import multiprocessing

    from briefing.paths import sample_workbook

    asked = []
    real = pipeline.head_start

    def head_start(template):
        asked.append((template, len(multiprocessing.active_children())))
        real(template)

    monkeypatch.setattr(pipeline, "head_start", head_start)
    out = tmp_path / "b.pdf"
    r = pipeline.build(BriefingSpec(sources=(str(sample_workbook()),), title="T", date="2026-11-25",
                                    themes=("chips",)), out)
    assert asked == [("briefing", 1)] and r.pages >= 4


def test_a_failing_head_start_is_no_error(monkeypatch):
    from briefing import render

    def broken(template):
        raise OSError("fonts folder gone")

    monkeypatch.setattr(render, "prepare", broken)
    pipeline.head_start("briefing")   # the build meets, and says, the real error where it is needed


def test_start_readers_starts_the_server_and_survives_its_failure(monkeypatch):
    from briefing.ingest import sandbox

    calls = []

    def no_server():
        calls.append("server")
        raise OSError("no forkserver here")

    monkeypatch.setattr(sandbox, "start_server", no_server)
    pipeline.start_readers()   # the import meets, and says, the real error where it is needed
    assert calls == ["server"]


def test_the_ledger_is_traced_when_first_asked_for_and_once(tmp_path, ws, monkeypatch):
    import briefing.compose.ledger as ledger_mod
    calls = []
    real = ledger_mod.make_ledger
    monkeypatch.setattr(ledger_mod, "make_ledger", lambda *a, **k: calls.append(1) or real(*a, **k))
    r = pipeline.build(BriefingSpec(title="T", date="2026-11-25", themes=("chips",)), tmp_path / "b.pdf",
                       workspace=ws)
    assert calls == []                   # a build without an audit never traces its numbers
    entries = r.ledger.entries
    assert calls == [1] and r.ledger.entries is entries
    assert any(e.kind == "cell" for e in entries) and not any(e.kind == "none" for e in entries)
    assert any(e.kind == "page" for e in entries)   # the page numbers, known only after rendering
