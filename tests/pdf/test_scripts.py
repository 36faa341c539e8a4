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


def test_chinese_punctuation_never_starts_a_line(tmp_path):
    """ReportLab's CJK wrap keeps only Japanese punctuation off a line's start, and one mark at a
    time: without the Chinese marks (W3C clreq) a sentence of the Deltapoll briefing had a line
    "，统计上持平。", and of "）；" only the bracket hung. At every width from 200 to 460 points, no
    line of these sentences starts with one, and the build puts ReportLab's own back when done."""
    from reportlab.platypus import Paragraph, paragraph

    from briefing.render.fonts import register_fonts
    from briefing.render.rl_settings import CANNOT_START_ZH, build_settings
    from briefing.render.styles import build_styles
    from briefing.render.template import load_template

    tpl = load_template("briefing")
    st = build_styles(tpl, register_fonts(tpl), "zh")
    sentences = ["在9个国家中，回答“Worried (All)”的比例（“How worried, if at all, are you that AI will be used to "
                 "help design biological weapons?”）新加坡（75%）最高，德国（64%）和英国（67%）最低，统计上持平。",
                 "例外：新加坡最常选择“The national government”（49%）；韩国最常选择“The tech companies”（55%）！"
                 "是否？日本《人工智能法》第3条：“适用”。高于“An international AI safety institute”的45%）。"]
    own, split = paragraph.ALL_CANNOT_START, paragraph.cjkFragSplit

    def starts(width: float) -> list[str]:
        bad = []
        for text in sentences:
            p = Paragraph(st.markup(text, "body"), st["body"])
            p.wrap(width, 2000)
            lines = ["".join(getattr(u, "text", "") for u in line.words) if hasattr(line, "words") else str(line)
                     for line in p.blPara.lines]
            assert "".join(lines).replace(" ", "") == text.replace(" ", "")    # nothing lost or added
            bad += [line for line in lines[1:] if line[:1] in CANNOT_START_ZH + own]
        return bad
    plain = [line for w in range(200, 461, 4) for line in starts(w)]
    assert plain, "the sentences never put a Chinese mark at a line's start: the test shows nothing"
    with build_settings():
        assert [line for w in range(200, 461, 4) for line in starts(w)] == []
    assert paragraph.ALL_CANNOT_START == own and paragraph.cjkFragSplit is split


def test_chinese_chart_labels_break_as_the_paragraphs_do():
    """A bar's label wrapped on two lines: between Chinese characters, never inside a Latin word or
    number nor a short run of them ("NAICS 11"), no closing mark at a line's start and no opening
    one at its end (A2's "（NAICS 11" had put "）" alone on the second line)."""
    import re

    from briefing.render.charts import _wrap_label
    from briefing.render.fonts import register_fonts
    from briefing.render.rl_settings import CANNOT_END, CANNOT_START
    from briefing.render.template import load_template

    fonts = register_fonts(load_template("briefing"))
    labels = ["农业、林业、渔业和狩猎业（NAICS 11）", "回答“Great Deal/Fair Amount”的比例，韩国", "《人工智能法》（草案），2024年"]
    seen = 0
    for text in labels:
        for width in range(50, 200, 3):
            lines = _wrap_label(text, fonts, 8, width, False)
            if len(lines) < 2 or any("…" in line for line in lines):
                continue
            seen += 1
            assert "".join(lines).replace(" ", "") == text.replace(" ", ""), (width, lines)
            first, second = lines
            assert second[:1] not in CANNOT_START and first[-1:] not in CANNOT_END, (width, lines)
            if re.search(r"[A-Za-z0-9]$", first) and re.match(r"[A-Za-z0-9]", second):
                assert f"{first} {second}" == text, (width, lines)     # at a space, not inside a word
            assert "NAICS 11" in "\n".join(lines) or "NAICS" not in text, (width, lines)   # a short run whole
    assert seen > 40
