"""Every font is embedded TrueType; Chinese text comes back out of the PDF exactly."""
from __future__ import annotations

import pypdf
import pytest
from pdfdocs import page_texts

STANDARD_14 = {"Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica",
               "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman",
               "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats"}


def all_fonts(reader: pypdf.PdfReader) -> dict[str, dict]:
    """BaseFont -> font dictionary, over every page and every form XObject on it."""
    fonts: dict[str, dict] = {}

    def scan(resources):
        if not resources:
            return
        resources = resources.get_object()
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
        for ref in (resources.get("/XObject") or {}).values():
            xo = ref.get_object()
            if xo.get("/Subtype") == "/Form":
                scan(xo.get("/Resources"))

    for page in reader.pages:
        scan(page.get("/Resources"))
    return fonts


def descriptor(font) -> dict:
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    return font["/FontDescriptor"].get_object()


@pytest.mark.parametrize("fixture", ["en_pdf", "zh_pdf"])
def test_every_font_is_embedded_and_none_is_standard_14(request, fixture):
    path, _ = request.getfixturevalue(fixture)
    fonts = all_fonts(pypdf.PdfReader(str(path)))
    assert fonts
    for name, font in fonts.items():
        base = name.lstrip("/").split("+")[-1]
        assert base not in STANDARD_14, name
        fd = descriptor(font)
        assert any(k in fd for k in ("/FontFile2", "/FontFile3", "/FontFile")), name


@pytest.mark.parametrize("fixture,cjk", [("en_pdf", False), ("zh_pdf", True)])
def test_the_cjk_font_is_used_only_where_needed(request, fixture, cjk):
    path, _ = request.getfixturevalue(fixture)
    names = " ".join(all_fonts(pypdf.PdfReader(str(path))))
    assert "NotoSans-Regular" in names and "NotoSans-Bold" in names
    assert ("WenQuanYiMicroHei" in names) is cjk


def test_chinese_text_extracts_exactly(zh_pdf):
    path, _ = zh_pdf
    texts = page_texts(path)
    joined = "\n".join(texts)
    assert "超过80%的中国企业领导者使用生成式人工智能，而全球平均为54%。" in joined
    assert "中国企业领导者" in joined
    assert "全球平均 54%" in joined          # the chart's benchmark label
    assert "中国企业领导者使用生成式AI（%）" in joined   # chart title, Latin and CJK mixed
    # pypdf reads the same characters through the ToUnicode maps.
    raw = "".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)
    assert "全球平均" in raw and "中国企业领导者" in raw


def test_chinese_in_an_english_document(en_pdf, build):
    from pdfdocs import make_doc
    from briefing.compose.blocks import Document, Para
    doc = make_doc("en", appendix_rows=3)
    doc = Document(doc.meta, doc.blocks + (Para("Label: 中国企业领导者 and 全球平均 54%."),))
    path, _ = build(doc, "en-with-zh")
    assert "Label: 中国企业领导者 and 全球平均 54%." in "\n".join(page_texts(path))
    names = " ".join(all_fonts(pypdf.PdfReader(str(path))))
    assert "WenQuanYiMicroHei" in names


def test_chart_labels_are_text_in_the_template_fonts(en_pdf):
    path, _ = en_pdf
    text = "\n".join(page_texts(path))
    for word in ("Global average 54%", "United Kingdom", "83%", "45%"):
        assert word in text


def test_a_minus_sign_in_english_is_set_from_the_cjk_symbols_cut_without_loading_the_cjk_face(tmp_path):
    """Noto Sans has no U+2212: it comes from WenQuanYi's glyph, cut out (wqy-microhei-symbols.ttf),
    so an English briefing never parses the 5 MB CJK face (0.16 s). A fresh process: fonts register
    once per process."""
    import subprocess
    import sys
    from pathlib import Path

    out = tmp_path / "minus.pdf"
    code = f"""
import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from dataclasses import replace
from pdfdocs import make_doc
from briefing.compose.blocks import Para
from briefing.render import render_pdf
from reportlab.pdfbase import pdfmetrics
doc = make_doc("en", appendix_rows=5)
doc = replace(doc, blocks=doc.blocks + (Para("Use fell from 12.5% to 8.1%, a change of −4.4 points → lower."),))
render_pdf(doc, {str(out)!r})
print("cjk loaded" if "Briefing-wqy-microhei" in pdfmetrics.getRegisteredFontNames() else "cjk not loaded")
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "cjk not loaded"
    texts = "\n".join(page_texts(out))
    assert "a change of −4.4 points → lower." in " ".join(texts.split())
    fonts = all_fonts(pypdf.PdfReader(out))
    assert any(name.endswith("+WenQuanYiMicroHeiSymbols") for name in fonts), sorted(fonts)
    assert not any(name.endswith("+WenQuanYiMicroHei") for name in fonts), sorted(fonts)
