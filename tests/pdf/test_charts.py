"""Each chart type: chosen from the table's shape (workbook and hand-made), drawn, read back."""
from __future__ import annotations

import pdfplumber
import pytest
import workbooks as wbk
from pdfdocs import make_meta, page_texts

from briefing import cli, pipeline
from briefing.analysis import analyse
from briefing.analysis.shape import shape_of
from briefing.compose import blocks as b
from briefing.compose import compose
from briefing.compose.charts import chart_for
from briefing.model import BriefingSpec, Theme
from briefing.render import render_pdf

THEMES = [Theme("adoption", "Adoption", "采用", "", "", (), ()), Theme("regulation", "Regulation", "监管", "", "", (), ())]


def _overlaps(page) -> list[tuple[str, str]]:
    """Pairs of words on the page whose boxes overlap (a label drawn over another)."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    bad = []
    for i, a in enumerate(words):
        for c in words[i + 1:]:
            dx = min(a["x1"], c["x1"]) - max(a["x0"], c["x0"])
            dy = min(a["bottom"], c["bottom"]) - max(a["top"], c["top"])
            if dx > 0.8 and dy > 0.8:
                bad.append((a["text"], c["text"]))
    return bad


def _chart_doc(table, lang="en"):
    by = {"adoption": (table,)}
    spec = BriefingSpec(themes=("adoption",), title="Chart test", date="2026-11-25", lang=lang)
    return compose(spec, THEMES[:1], by, analyse(by, lang))


@pytest.fixture(scope="module")
def workbook_ws(tmp_path_factory):
    path = wbk.write(tmp_path_factory.mktemp("wb") / "charts.xlsx")
    return pipeline.load([path], strict=True)


@pytest.mark.parametrize("sheet,kind", [("Size", b.GroupedBarChart), ("Trend", b.LineChart),
                                        ("Attitudes", b.DivergingBarChart)])
def test_workbook_tables_get_their_chart_type(workbook_ws, sheet, kind):
    table = next(t for t in workbook_ws.tables if t.sheet == sheet)
    chart = chart_for(table, shape_of(table, "en"), "en")
    assert isinstance(chart, kind)


@pytest.mark.parametrize("make,kind", [(wbk.grouped_table, b.GroupedBarChart), (wbk.trend_table, b.LineChart),
                                       (wbk.likert_table, b.DivergingBarChart), (wbk.wide_table, b.LineChart)])
def test_hand_made_tables_get_their_chart_type(make, kind):
    table = make()
    assert isinstance(chart_for(table, shape_of(table, "en"), "en"), kind)


def test_line_chart_orders_periods_and_keeps_the_benchmark():
    chart = chart_for(wbk.trend_table(), shape_of(wbk.trend_table()), "en")
    assert chart.periods == ("2021", "2022", "2023", "2024")
    assert chart.series[0].name == "China" and chart.series[0].values[-1] == pytest.approx(83)
    assert "Global average" in [s.name for s in chart.series]
    assert chart.highlight == (0,)


def test_likert_chart_orders_the_scale_from_negative_to_positive():
    shuffled = wbk.likert_table()
    cols = shuffled.columns
    from dataclasses import replace
    shuffled = replace(shuffled, columns=(cols[0], cols[4], cols[1], cols[5], cols[3], cols[2]))
    chart = chart_for(shuffled, shape_of(shuffled), "en")
    assert chart.categories == ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                                "Strongly agree")
    assert chart.categories[chart.neutral].startswith("Neither")


@pytest.fixture(scope="module")
def chart_pdfs(tmp_path_factory):
    root = tmp_path_factory.mktemp("charts")
    out = {}
    for name, make in (("grouped", wbk.grouped_table), ("line", wbk.trend_table), ("likert", wbk.likert_table),
                       ("wide", wbk.wide_table)):
        for lang in ("en", "zh"):
            path = root / f"{name}-{lang}.pdf"
            render_pdf(_chart_doc(make(), lang), path)
            out[name, lang] = path
    return out


def _chart_page(path, needle):
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            if needle in (page.extract_text() or ""):
                return page.page_number, _overlaps(page), page.extract_text(), page.width, \
                    max(c["x1"] for c in page.chars)
    raise AssertionError(f"{needle!r} not found")


@pytest.mark.parametrize("name,needles", [
    ("grouped", ["Large firms", "Small firms", "88%", "71%"]),
    ("line", ["China 83%", "2021", "2024", "Global average 54%", "35%"]),
    ("likert", ["Strongly disagree", "Strongly agree", "70%", "Rules are needed now"]),
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_is_labelled_without_overlaps(chart_pdfs, name, needles, lang):
    page_no, overlaps, text, width, right = _chart_page(chart_pdfs[name, lang], needles[0])
    for n in needles:
        assert n in text
    assert overlaps == []
    assert right <= width - 60       # inside the right margin


@pytest.mark.parametrize("name", ["grouped", "line", "likert"])
def test_chart_has_a_source_line(chart_pdfs, name):
    text = "\n".join(page_texts(chart_pdfs[name, "en"]))
    assert "Source: test survey" in text or "Source: " in text
    sheet = {"grouped": "Size", "line": "Trend", "likert": "Attitudes"}[name]
    assert f"Data: {sheet}!" in text


def test_wide_table_splits_into_column_groups_with_the_label_repeated(chart_pdfs):
    with pdfplumber.open(str(chart_pdfs["wide", "en"])) as pdf:
        pages = [(p.extract_text() or "", p) for p in pdf.pages]
        page_text, page = next((t, p) for t, p in pages if "Data: GenAI pilots" in t)
        # Every quarter is a header somewhere in the table, and the label column heads each group.
        for q in wbk.QUARTERS:
            assert q.split()[0] in page_text
        assert page_text.count("Region") >= 2
        assert "n/a" in page_text
        assert max(c["x1"] for c in page.chars) <= page.width - 60
        assert _overlaps(page) == []


def test_chinese_chart_labels_extract_exactly(tmp_path):
    from dataclasses import replace
    t = wbk.trend_table()
    zh = ("中国", "印度", "美国", "英国", "德国", "全球平均")
    t = replace(t, columns=(replace(t.columns[0], values=zh),) + t.columns[1:])
    out = tmp_path / "zh.pdf"
    render_pdf(_chart_doc(t, "zh"), out)
    text = "\n".join(page_texts(out))
    assert "中国 83%" in text and "全球平均 54%" in text
    assert "中国从2021年的35%升至2024年的83%，上升48个百分点" in text


def test_workbook_builds_every_chart_type_through_the_cli(tmp_path):
    path = wbk.write(tmp_path / "charts.xlsx")
    out = tmp_path / "charts.pdf"
    assert cli.main(["build", str(path), "--date", "2026-11-25", "-o", str(out)]) == 0
    text = "\n".join(page_texts(out))
    for legend in ("Small firms", "Strongly agree"):
        assert legend in text
    assert "up 48 points" in text


@pytest.mark.slow
def test_a_split_table_never_leaves_a_row_or_two_alone(tmp_path):
    tails = []
    for n in range(40, 64, 2):
        rows = tuple((f"R{i:03d}", f"{i}%") for i in range(n))
        doc = b.Document(make_meta("en"), (b.Heading("Long", 1, "long"),
                                           b.TableBlock("Data: long", ("Row", "Value"), rows, ("left", "right"))))
        out = tmp_path / f"t{n}.pdf"
        pages = render_pdf(doc, out)
        last = page_texts(out)[-1]
        tails.append(len([ln for ln in last.splitlines() if ln.startswith("R")]))
        if pages > 1:
            assert tails[-1] >= 3, f"{n} rows leave {tails[-1]} on the last page"
            assert "Row Value" in last          # the header row is repeated
    assert any(t for t in tails)


# -- chart blocks built by hand, with the awkward cases --------------------------------------

def _blocks_doc(chart, lang="en"):
    return b.Document(make_meta(lang), (b.Heading("Charts", 1, "charts"), chart))


HAND_CHARTS = {
    "grouped-missing-negative": b.GroupedBarChart(
        "Net balance by sector", ("Manufacturing and heavy industry", "Services", "Retail", "Public sector"),
        (b.Series("2023", (12.0, -4.0, None, 3.5), ("12", "−4", "", "3.5")),
         b.Series("2024", (15.0, -9.5, 2.0, None), ("15", "−9.5", "2", "")),
         b.Series("2025", (18.0, 1.0, 4.0, 6.0), ("18", "1", "4", "6"))), "", "Source: hand-made."),
    "line-many-periods": b.LineChart(
        "Monthly index", tuple(f"{m} 2024" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                                         "Sep", "Oct", "Nov", "Dec")),
        tuple(b.Series(name, tuple(50 + k + j * 0.2 for j in range(12)), tuple(f"{50 + k + j * 0.2:.1f}" for j in range(12)))
              for k, name in enumerate(("North", "South", "East", "West", "Centre"))), "",
        "Source: hand-made.", highlight=(4,)),
    "line-gaps": b.LineChart(
        "With a gap", ("2020", "2021", "2022", "2023"),
        (b.Series("A", (10.0, None, 30.0, 40.0), ("10%", "", "30%", "40%")),
         b.Series("B", (40.0, 35.0, None, 20.0), ("40%", "35%", "", "20%"))), "%", "Source: hand-made.", (0,)),
    "likert-no-neutral": b.DivergingBarChart(
        "Four-point scale", ("Statement one", "A much longer statement that has to wrap onto two lines"),
        ("Strongly disagree", "Disagree", "Agree", "Strongly agree"),
        ((10.0, 20.0, 50.0, 20.0), (30.0, 30.0, None, 15.0)), None, "Source: hand-made."),
}


@pytest.mark.parametrize("name", sorted(HAND_CHARTS))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hand_made_charts_stay_inside_and_do_not_overlap(tmp_path, name, lang):
    out = tmp_path / f"{name}.pdf"
    assert render_pdf(_blocks_doc(HAND_CHARTS[name], lang), out) == 1
    with pdfplumber.open(str(out)) as pdf:
        page = pdf.pages[0]
        assert _overlaps(page) == []
        assert max(c["x1"] for c in page.chars) <= page.width - 60
        assert min(c["x0"] for c in page.chars) >= 60
        text = page.extract_text()
    assert HAND_CHARTS[name].title in text and "Source: hand-made." in text


def test_a_missing_period_breaks_the_line():
    from briefing.render.fonts import register_fonts
    from briefing.render.series_charts import line_chart
    from briefing.render.styles import build_styles
    from briefing.render.template import load_template
    from reportlab.graphics.shapes import PolyLine
    tpl = load_template("briefing")
    st = build_styles(tpl, register_fonts(tpl), "en")
    d = line_chart(HAND_CHARTS["line-gaps"], 400, st)
    lines = [len(p.points) // 2 for p in d.contents if isinstance(p, PolyLine)]
    # A: 10, gap, 30, 40 -> one segment of two points; B: 40, 35, gap, 20 -> one of two points.
    assert sorted(lines) == [2, 2]


def test_margins_of_error_and_small_bases_show_in_chart_and_table(tmp_path):
    t = wbk.ranked_table([0.60, 0.58, 0.40, 0.50], errors=[0.02, 0.02, 0.02, 0.005], bases=[42, 800, 35, 5000])
    chart = chart_for(t, shape_of(t), "en")
    assert chart.errors == pytest.approx((3.92, 3.92, 3.92))
    out = tmp_path / "moe.pdf"
    render_pdf(_chart_doc(t), out)
    text = "\n".join(page_texts(out))
    assert "Whiskers show the 95% margin of error." in text
    assert "statistically indistinguishable" in text
    assert "†60%" in text and "†40%" in text and "†58%" not in text
    assert "† Fewer than 50 responses" in text
    with pdfplumber.open(str(out)) as pdf:
        for page in pdf.pages:
            assert _overlaps(page) == []
