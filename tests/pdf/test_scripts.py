"""Arabic, Hebrew, emoji and CJK Extension B labels reach the PDF (shaped, in visual order, every font
embedded); a character no font has is reported with its file, sheet and cell, never dropped silently."""
from __future__ import annotations

import shutil
import subprocess
import unicodedata
import sys

import pytest
from pypdf import PdfReader

from briefing.model import BriefingSpec
from briefing.pipeline import build

LABELS = {"arabic": "مصر", "hebrew": "ישראל", "emoji": "Robots 🤖 and 😀", "extb": "𠮷野家 𩸽"}
NO_FONT = "\U0001E900"   # ADLAM CAPITAL LETTER ALIF: in none of the shipped fonts


def _norm(text: str) -> str:
    """Extracted text compared by letters: presentation forms folded (NFKC), bidi marks and spaces out."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")


@pytest.fixture(scope="module")
def scripts_pdf(tmp_path_factory):
    from openpyxl import Workbook
    tmp = tmp_path_factory.mktemp("scripts")
    wb = Workbook()
    ws = wb.active
    ws.title = "Adoption"
    ws.append(["GenAI adoption by country"])
    ws.append([])
    ws.append(["Country", "Share using GenAI (%)"])
    rows = [(LABELS["arabic"], 83), (LABELS["hebrew"], 70), (LABELS["emoji"], 65), (LABELS["extb"], 60),
            (f"Adlam {NO_FONT} sample", 58), ("Global average", 54)]
    for row in rows:
        ws.append(list(row))
    src = tmp / "scripts.xlsx"
    wb.save(src)
    out = tmp / "scripts.pdf"
    result = build(BriefingSpec(sources=(str(src),), date="2024-11-25"), out)
    return out, result


def test_every_script_is_in_the_pdf_text(scripts_pdf):
    out, _ = scripts_pdf
    text = _norm(" ".join(p.extract_text() or "" for p in PdfReader(str(out)).pages))
    for script, label in LABELS.items():
        want = _norm(label)
        # Right-to-left words are drawn in visual order: an extractor may give them either way round.
        assert want in text or want[::-1] in text, (script, label)
    assert "🤖" in text and "😀" in text and "𠮷" in text and "𩸽" in text


def test_leader_sentence_names_the_arabic_label(scripts_pdf):
    _, result = scripts_pdf
    prose = " ".join(f.text for fs in result.findings.values() for f in fs)
    assert f"{LABELS['arabic']} leads with 83%" in prose


def test_a_character_no_font_has_is_reported_with_its_cell(scripts_pdf):
    _, result = scripts_pdf
    assert len(result.warnings) == 1, result.warnings
    w = result.warnings[0]
    assert "U+1E900" in w and "scripts.xlsx" in w and "Adoption!A8" in w


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils")
def test_every_font_is_embedded(scripts_pdf):
    out, _ = scripts_pdf
    lines = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    names = " ".join(lines)
    for face in ("NotoSansArabic", "NotoSansHebrew", "Symbola", "HanaMinB"):
        assert face in names, names
    for line in lines:
        assert line.split()[-5] == "yes", line   # the "emb" column


def test_ascii_text_keeps_one_font_and_its_markup():
    from briefing.render.fonts import visual
    assert visual("Global average 54%") == "Global average 54%"
    shown = visual("مصر")                     # joined presentation forms, right to left on the page
    assert shown != "مصر" and unicodedata.normalize("NFKC", shown)[::-1] == "مصر"


def test_the_cli_prints_the_missing_character_as_a_warning(scripts_pdf, tmp_path):
    out, _ = scripts_pdf
    src = out.parent / "scripts.xlsx"
    run = subprocess.run([sys.executable, "-m", "briefing", "build", str(src), "-o", str(tmp_path / "x.pdf")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    warnings = [l for l in run.stderr.splitlines() if l.startswith("briefing: warning: ")]
    assert len(warnings) == 1 and "U+1E900" in warnings[0] and "Adoption!A8" in warnings[0]
