"""Findings: leader, gap to benchmark (bounds kept), laggard, timeline, facts; English and Chinese."""
import pytest

from briefing.analysis import analyse, table_findings
from briefing.analysis.numbers import fmt_gap, fmt_value
from briefing.ingest import read_file


@pytest.fixture(scope="module")
def tables(sample):
    return {t.sheet: t for t in read_file(sample)[0]}


def test_leader_vs_benchmark_keeps_lower_bound(tables):
    fs = table_findings(tables["Adoption"], "adoption", "en")
    lead = fs[0]
    assert lead.kind == "leader"
    assert lead.text == ("Use of generative AI by business leaders: China leads with more than 80%, "
                         "more than 26 points above the global average of 54%.")
    assert lead.cites == ("Adoption!A5:C5", "Adoption!A7:C7")
    assert lead.headline == ">80%"
    assert fs[1].text == "The United States is also above the global average, at 65% (11 points higher)."


def test_leader_runner_up_and_laggard_without_benchmark(tables):
    texts = [f.text for f in table_findings(tables["Regulation"], "regulation", "en")]
    assert "Asia-Pacific leads with 70%, 11 points ahead of North America (59%)" in texts[0]
    assert texts[1] == "Northern Europe is lowest at 52%, 18 points behind Asia-Pacific."


def test_timeline_in_order(tables):
    (f,) = table_findings(tables["Timeline"], "regulation", "en")
    assert f.text == ("3 milestones from 2023 to early 2024: China (Beijing) (2023), "
                      "the United States (October 2023) and the European Union (early 2024).")
    assert f.cites == ("Timeline!A5:A7",)


def test_indicator_facts_use_row_units(tables):
    texts = [f.text for f in table_findings(tables["Chips"], "chips", "en")]
    assert texts[0] == "iFlyTek: expected net loss, first half 2024, up to USD 64.53 m (8 July 2024)."
    assert "−5.4%" in texts[1]


def test_chinese_findings_use_chinese_labels(tables):
    fs = table_findings(tables["Adoption"], "adoption", "zh")
    assert fs[0].text == "中国领先，为超过80%，比全球平均（54%）高超过26个百分点。"
    assert fs[0].cites == ("Adoption!B5:C5", "Adoption!B7:C7")
    chips = table_findings(tables["Chips"], "chips", "zh")
    assert chips[0].text.startswith("科大讯飞：") and "最多6,453万美元" in chips[0].text


def test_analyse_groups_by_theme(tables):
    out = analyse({"adoption": [tables["Adoption"]], "models": [tables["Models"]]}, "en")
    assert set(out) == {"adoption", "models"}
    assert out["models"][0].text.startswith("China's large-language-model race: Big tech: Baidu, Alibaba and JD.com")
    assert all(f.theme == "models" for f in out["models"])


@pytest.mark.parametrize("args, kwargs, expected", [
    ((0.54, "percent"), {}, "54%"),
    ((0.8, "percent"), {"bound": ">", "short": True}, ">80%"),
    ((64.53, "money", "USD m"), {}, "USD 64.53 m"),
    ((1234567.0, "count"), {}, "1,234,567"),
    ((-0.054, "percent"), {}, "−5.4%"),
    ((0.54, "percent"), {"lang": "zh", "bound": "~"}, "约54%"),
])
def test_number_formats(args, kwargs, expected):
    assert fmt_value(*args, **kwargs) == expected


def test_gaps_are_points_for_percentages():
    assert fmt_gap(0.26, "percent", "%", "en") == "26 points"
    assert fmt_gap(0.01, "percent", "%", "en") == "1 point"
    assert fmt_gap(0.26, "percent", "%", "zh") == "26个百分点"
