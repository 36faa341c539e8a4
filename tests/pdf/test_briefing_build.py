"""End to end: the sample and a Chinese workbook built into PDFs, read back page by page."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from briefing import cli

SEED_FIGURES = ["80%", "54%", "65%", "70%", "59%", "52%", "64.53", "5.4%", "2023", "October 2023",
                "early 2024", "AI Act", "Beijing", "iFlyTek", "high-end processors", "Baidu", "ERNIE",
                "Alibaba", "JD.com", "01.AI"]


def pages_text(path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages]


def outline_titles(path) -> list[str]:
    reader = PdfReader(str(path))
    out = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                out.append(it.title)
    walk(reader.outline)
    return out


def unembedded_fonts(path) -> list[str]:
    reader = PdfReader(str(path))
    bad = set()
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            descs = [font.get("/FontDescriptor")]
            for d in font.get("/DescendantFonts") or []:
                descs.append(d.get_object().get("/FontDescriptor"))
            descs = [d.get_object() for d in descs if d is not None]
            if not any(k in d for d in descs for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                bad.add(str(font.get("/BaseFont")))
    return sorted(bad)


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "b.pdf"
    assert cli.main(["build", "--demo", "--date", "2026-11-25", "--author", "Test Author",
                     "--classification", "Internal", "-o", str(out)]) == 0
    return out


def test_demo_holds_every_seed_figure(demo_pdf):
    text = " ".join(pages_text(demo_pdf))
    missing = [f for f in SEED_FIGURES if f not in text]
    assert not missing
    assert "more than 80%" in text and "more than 26 points above the global average of 54%" in text


def test_demo_structure_cover_summary_sections_appendix(demo_pdf):
    pages = pages_text(demo_pdf)
    assert "Generative AI survey 2024" in pages[0] and "Test Author" in pages[0]
    assert "25 November 2026" in pages[0]
    assert "Executive summary" in pages[1]
    assert any("Contents" in p for p in pages[1:3])
    assert "Appendix: data sources" in pages[-1] or "Appendix: data sources" in pages[-2]
    # Page X of Y and the classification on every page but the cover.
    n = len(pages)
    for i, p in enumerate(pages[1:], 2):
        assert f"Page {i} of {n}" in p
        assert "Internal" in p


def test_demo_outline_has_every_section(demo_pdf):
    titles = outline_titles(demo_pdf)
    for t in ["Executive summary", "GenAI adoption", "AI regulation", "AI chips and export controls",
              "The model race", "AI safety and trust", "Appendix: data sources"]:
        assert t in titles


def test_demo_fonts_all_embedded(demo_pdf):
    assert unembedded_fonts(demo_pdf) == []


def test_demo_metadata(demo_pdf):
    meta = PdfReader(str(demo_pdf)).metadata
    assert meta.title == "Generative AI survey 2024"
    assert "Test Author" in meta.author
    assert "GenAI adoption" in meta.subject


def test_appendix_traces_cells_and_hash(demo_pdf, sample):
    import hashlib
    text = " ".join(pages_text(demo_pdf)[-2:])
    assert hashlib.sha256(sample.read_bytes()).hexdigest()[:16] in text.replace(" ", "")
    assert "Adoption!A5:C5" in text


def test_themes_option_picks_sections(tmp_path):
    out = tmp_path / "chips.pdf"
    assert cli.main(["build", "--demo", "--themes", "chips", "--date", "2026-11-25", "-o", str(out)]) == 0
    text = " ".join(pages_text(out))
    titles = outline_titles(out)
    assert "AI chips and export controls" in titles and "AI regulation" not in titles
    assert "64.53" in text and "Preparedness for generative-AI regulation" not in text


def test_chinese_round_trip(tmp_path, chinese_workbook):
    out = tmp_path / "zh.pdf"
    assert cli.main(["build", str(chinese_workbook), "--lang", "zh", "--title", "人工智能简报",
                     "--date", "2026-11-25", "-o", str(out)]) == 0
    pages = pages_text(out)
    text = "".join(p.replace(" ", "") for p in pages)
    for s in ["人工智能简报", "中国", "美国", "日本", "全球平均", "生成式AI采用", "内容摘要", "目录",
              "2026年11月25日", "中国领先，为83%，比全球平均（54%）高29个百分点。"]:
        assert s in text, s
    assert unembedded_fonts(out) == []
    assert re.search(r"第\s*2\s*页，共\s*\d+\s*页", pages[1])


def test_chinese_demo_builds(tmp_path):
    out = tmp_path / "demo-zh.pdf"
    assert cli.main(["build", "--demo", "--lang", "zh", "--date", "2026-11-25", "-o", str(out)]) == 0
    text = "".join(p.replace(" ", "") for p in pages_text(out))
    assert "中国领先" in text and "AI芯片与出口管制" in text
