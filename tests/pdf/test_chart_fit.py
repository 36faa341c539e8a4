"""A chart taller than the page (many categories x series) is scaled to fit, not a failed build."""
from briefing.compose.blocks import Document, GroupedBarChart, Heading, Series
from briefing.render import render_pdf

from pdfdocs import make_meta, page_texts


def test_very_tall_grouped_chart_still_builds(tmp_path):
    labels = tuple(f"District {i}" for i in range(40))
    series = tuple(Series(f"Series {k}", tuple(float(i + k) for i in range(40)),
                          tuple(str(i + k) for i in range(40))) for k in range(4))
    chart = GroupedBarChart("Tall chart", labels, series, "", "Source: test.")
    doc = Document(make_meta(), (Heading("Section", 1, "s1"), chart))
    out = tmp_path / "tall.pdf"
    pages = render_pdf(doc, out)
    text = " ".join(page_texts(out))
    assert pages >= 1 and "District 39" in text and "Source: test." in text
