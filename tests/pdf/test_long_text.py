"""Text of any length: long cells are cut with "…" and their cell reference where the briefing shows
them, and given in full in the appendix; a 240-sheet workbook builds (its sheets are not one huge cell)."""
from __future__ import annotations

import re
import time

import pytest
from pypdf import PdfReader

from briefing.compose.text import CELL_CHARS, FULL_TEXT_CHARS, chunks, clip
from briefing.model import BriefingSpec
from briefing.pipeline import build, load

WORDS = "respondents in the coastal provinces said adoption moved faster than planned "


def pdf_text(path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


def _csv(tmp_path, n: int, name="long.csv"):
    label = (WORDS * (n // len(WORDS) + 1))[:n].strip() + " END-OF-LABEL"
    src = tmp_path / name
    src.write_text(f"Country,Share using GenAI (%)\nChina,83\n\"{label}\",70\nIndia,60\nGlobal average,54\n",
                   encoding="utf-8")
    return src, label


def test_clip_and_chunks_are_plain_and_bounded():
    text = WORDS * 200
    cut = clip(text, 200)
    assert len(cut) <= 201 and cut.endswith("…") and text.startswith(cut[:-1])
    parts = chunks(text, 1500)
    assert max(map(len, parts)) <= 1500 and " ".join(parts).split() == text.split()
    assert clip("short", 200) == "short"


def test_8000_character_label_builds_cut_and_cited_in_full(tmp_path):
    src, label = _csv(tmp_path, 8000)
    ws = load([src])
    out = tmp_path / "long.pdf"
    result = build(BriefingSpec(sources=(str(src),), date="2024-11-25"), out, workspace=ws)
    text = pdf_text(out)
    # The table shows the cell cut, then its reference; the appendix names the cell and gives it whole.
    m = re.search(r"… \[(A\d+)\]", text)
    assert m, text[:3000]
    ref = m.group(1)
    assert re.search(rf"\[{ref}\] A3: 8,0\d\d characters", text), text[-3000:]
    assert "END-OF-LABEL" in text                         # the end of the cell is in the appendix
    appendix = text.rsplit("Long cells in full", 1)[1]
    assert appendix.count("coastal") == label.count("coastal")   # every word of it, across pages
    # No sentence carries the whole label.
    assert all(len(f.text) < 600 for fs in result.findings.values() for f in fs)
    assert "China leads with 83%" in " ".join(f.text for fs in result.findings.values() for f in fs)


def test_a_cell_longer_than_the_appendix_cap_is_named_for_the_rest(tmp_path):
    src, _ = _csv(tmp_path, FULL_TEXT_CHARS + 5000)
    out = tmp_path / "longer.pdf"
    build(BriefingSpec(sources=(str(src),), date="2024-11-25"), out)
    text = pdf_text(out)
    assert re.search(r"The remaining [\d,]+ characters are in A3\.", text), text[-2000:]


def test_build_time_grows_at_most_linearly_with_cell_length(tmp_path):
    """Ratios, not absolute times: a cell 20 times longer takes well under 20x the time, every
    size past the full-text cap costing about the same (bench/bench_long_text.py prints the figures)."""
    def timed(n):
        src, _ = _csv(tmp_path, n, f"t{n}.csv")
        t0 = time.perf_counter()
        build(BriefingSpec(sources=(str(src),), date="2024-11-25"), tmp_path / f"t{n}.pdf")
        return time.perf_counter() - t0
    timed(2000)
    small = min(timed(2000) for _ in range(2))
    big = min(timed(40_000) for _ in range(2))
    assert big < 20 * small, (small, big)


@pytest.mark.slow
def test_240_sheet_workbook_builds(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    for k in range(240):
        ws = wb.create_sheet(f"Adoption wave {k + 1:03d}")
        ws.append([f"GenAI adoption by country, wave {k + 1}"])
        ws.append([])
        ws.append(["Country", "Share using GenAI (%)"])
        for c, v in (("China", 83), ("India", 70), ("Japan", 60), ("Global average", 54)):
            ws.append([c, v - k % 7])
    src = tmp_path / "waves.xlsx"
    wb.save(src)
    out = tmp_path / "waves.pdf"
    result = build(BriefingSpec(sources=(str(src),), date="2024-11-25"), out)
    assert result.pages > 100
    text = pdf_text(out)
    assert "and 228 more (240 sheets)" in text
    assert "'Adoption wave 240'!A4:B7" in text or "Adoption wave 240" in text
