"""Every briefing is PDF/A-2b (and tagged PDF/UA-1): each shipped template, in English and Chinese,
built from the sample and read back by the checker in pdfua.py."""
from __future__ import annotations

import pikepdf
import pytest
from pdfua import check_pdfa, xmp, _xmp_text

from briefing import cli
from briefing.render.pdfa import xmp_date

TEMPLATES = ("briefing", "onepager", "deck")
LANGS = ("en", "zh")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("a11y")
    cache = {}

    def get(template: str, lang: str):
        if (template, lang) not in cache:
            out = root / f"{template}-{lang}.pdf"
            assert cli.main(["build", "--demo", "--date", "2026-11-25", "--template", template, "--lang", lang,
                             "--classification", "Internal", "--author", "A. Analyst & Co <team>",
                             "-o", str(out)]) == 0
            cache[template, lang] = out
        return cache[template, lang]
    return get


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("lang", LANGS)
def test_demo_is_pdfa_2b(demo, template, lang):
    assert check_pdfa(demo(template, lang)) == []


def test_xmp_repeats_the_document_information(demo):
    with pikepdf.open(demo("briefing", "zh")) as pdf:
        root = xmp(pdf)
        assert _xmp_text(root, "dc:title") == str(pdf.docinfo["/Title"])
        assert _xmp_text(root, "dc:creator") == "A. Analyst & Co <team>"
        assert _xmp_text(root, "dc:language") == "zh-CN"
        assert _xmp_text(root, "xmp:CreateDate") == "2026-11-25T00:00:00+00:00"
        assert pdf.Root.OutputIntents[0].OutputConditionIdentifier == "sRGB IEC61966-2.1"


def test_xmp_dates():
    assert xmp_date("D:20261201000000+00'00'") == "2026-12-01T00:00:00+00:00"
    assert xmp_date("D:20000101000000Z") == "2000-01-01T00:00:00Z"
    assert xmp_date("D:2024") == "2024-01-01T00:00:00"
    assert xmp_date("nonsense") == ""


def test_the_checker_sees_a_plain_reportlab_pdf_is_not_pdfa(tmp_path):
    from reportlab.pdfgen.canvas import Canvas
    out = tmp_path / "plain.pdf"
    c = Canvas(str(out))
    c.setFillColorCMYK(0, 0, 0, 1)
    c.drawString(72, 72, "Hello")
    c.save()
    problems = check_pdfa(out)
    assert "no XMP metadata stream" in problems
    assert any("OutputIntents" in p for p in problems)
    assert any("not embedded" in p for p in problems)
    assert any("DeviceCMYK" in p for p in problems)
