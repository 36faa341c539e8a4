"""Layout checks read back from the PDF: chart labels never overlap, text stays inside the margins."""
from __future__ import annotations

import pdfplumber
import pytest
from pdfdocs import make_meta

from briefing.compose.blocks import (BarChart, Document, FindingItem, Findings, Heading, PageBreak,
                                     Para, TableBlock)
from briefing.render import render_pdf
from briefing.render.template import load_template


def chart_doc(n: int, lang: str = "en") -> Document:
    labels = tuple((f"Country number {k} with a rather long name" if k % 3 == 0 else f"Country {k}")
                   if lang == "en" else f"国家{k}号省份" for k in range(n))
    values = tuple(float(90 - 6 * k) for k in range(n))
    chart = BarChart("Chart", labels, values, tuple(f"{v:.0f}%" for v in values), "%",
                     "Source: test.", benchmark=50.0, benchmark_label="Average 50%", highlight=(0, 2))
    return Document(make_meta(lang), (Heading("Charts", 1, "charts"), chart))


def boxes_overlap(a, b) -> bool:
    return not (a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])


@pytest.mark.parametrize("n", [2, 5, 12])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bar_chart_labels_do_not_overlap(tmp_path, n, lang):
    out = tmp_path / f"chart{n}.pdf"
    render_pdf(chart_doc(n, lang), out)
    with pdfplumber.open(str(out)) as pdf:
        page = pdf.pages[0]
        top_band, bottom_band = 80, page.height - 70      # leave out header and footer
        words = [w for w in page.extract_words(keep_blank_chars=True)
                 if top_band < w["top"] < bottom_band]
        rects = [r for r in page.rects if top_band < r["top"] < bottom_band]
    assert len([w for w in words if w["text"].endswith("%") and "Average" not in w["text"]]) == n
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            assert not boxes_overlap(a, b), (a["text"], b["text"])
    # Exactly n bars, and longest first.
    bars = sorted((r for r in rects if r["height"] > 5 and r["width"] > 5 and r["non_stroking_color"] != (1, 1, 1)
                   and r["non_stroking_color"] != [1, 1, 1]), key=lambda r: r["top"])
    assert len(bars) == n
    widths = [r["width"] for r in bars]
    assert widths == sorted(widths, reverse=True)


def test_chart_fits_the_text_width(tmp_path):
    tpl = load_template("briefing")
    out = tmp_path / "wide.pdf"
    render_pdf(chart_doc(8), out)
    with pdfplumber.open(str(out)) as pdf:
        page = pdf.pages[0]
        right = page.width - tpl.margins["right"] + 0.5
        left = tpl.margins["left"] - 0.5
        for obj in page.chars + page.rects:
            assert left <= obj["x0"] and obj["x1"] <= right, obj.get("text", "rect")


def test_long_text_wraps_inside_the_margins(tmp_path):
    tpl = load_template("briefing")
    long = " ".join(["Regulation"] * 80)
    zh = "监管正在迅速到来，芯片出口管制已经让企业付出代价。" * 12
    row = ("A very long cell text that must wrap inside its column rather than run off the page " * 3,
           "12,345", "67%")
    doc = Document(make_meta("en"), (
        Heading("Wrapping", 1, "wrap"), Para(long), Para(zh),
        Findings((FindingItem(long, "[A1]"),)),
        TableBlock("Wide", ("Text", "Count", "Share"), (row,) * 3, ("left", "right", "right")),
        PageBreak(), Para("end"),
    ))
    out = tmp_path / "wrap.pdf"
    render_pdf(doc, out)
    with pdfplumber.open(str(out)) as pdf:
        for page in pdf.pages:
            for ch in page.chars:
                assert tpl.margins["left"] - 0.5 <= ch["x0"], ch["text"]
                assert ch["x1"] <= page.width - tpl.margins["right"] + 0.5, ch["text"]


def test_numbers_are_right_aligned_in_tables(tmp_path):
    doc = Document(make_meta("en"), (
        TableBlock("Aligned", ("Country", "Share"), (("China", "83%"), ("India", "7%"), ("US", "100%")),
                   ("left", "right")),))
    out = tmp_path / "align.pdf"
    render_pdf(doc, out)
    with pdfplumber.open(str(out)) as pdf:
        words = [w for w in pdf.pages[0].extract_words() if w["top"] > 80]   # not the header
    rights = [round(w["x1"], 1) for w in words if w["text"] in ("83%", "7%", "100%", "Share")]
    lefts = [round(w["x0"], 1) for w in words if w["text"] in ("China", "India", "US", "Country")]
    assert len(rights) == 4 and len(set(rights)) == 1
    assert len(lefts) == 4 and len(set(lefts)) == 1


def test_links_to_unknown_anchors_and_odd_heading_levels_do_not_break_the_build(tmp_path):
    doc = Document(make_meta("en"), (
        Heading("Sub first", 2, "odd <anchor> & \"quotes\""),
        Para("Link to nowhere", link="missing"),
        Heading("Part", 0, "part"),
        Heading("Same anchor twice", 1, "part"),
        Para("Back to the part", link="part"),
    ))
    out = tmp_path / "odd.pdf"
    assert render_pdf(doc, out) == 1


@pytest.mark.parametrize("values,bench", [((-5.4, 3.2, -1.0, 0.0), 1.5), ((0.0, 0.0), None),
                                          ((12.0, float("nan"), 7.0), 40.0)])
def test_charts_with_negative_zero_or_missing_values_stay_inside_the_margins(tmp_path, values, bench):
    tpl = load_template("briefing")
    n = len(values)
    chart = BarChart("Change", tuple(f"Company {k}" for k in range(n)), values,
                     tuple(f"{v:+.1f}%" for v in values), "%", "Source: test.",
                     benchmark=bench, benchmark_label="Benchmark" if bench is not None else "")
    out = tmp_path / "neg.pdf"
    render_pdf(Document(make_meta("en"), (chart,)), out)
    with pdfplumber.open(str(out)) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        for obj in page.chars + page.rects:
            assert tpl.margins["left"] - 0.5 <= obj["x0"] and obj["x1"] <= page.width - tpl.margins["right"] + 0.5
    for k in range(n):
        assert f"Company {k}" in text
