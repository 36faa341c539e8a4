"""Findings: leader, gap to benchmark (bounds kept), laggard, timeline, facts; English and Chinese."""
import pytest

from briefing.analysis import analyse, table_findings
from briefing.analysis.numbers import fmt_gap, fmt_value
from briefing.ingest import read_file
from briefing import pipeline


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


# -- findings that hold: margins of error, small bases, change over time, Likert ----------------

def _ranked(values, errors=None, bases=None):
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parents[1] / "pdf"))
    import workbooks
    return workbooks.ranked_table(values, errors, bases)


def _wb():
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parents[1] / "pdf"))
    import workbooks
    return workbooks


def test_no_lead_claimed_inside_the_margin_of_error():
    # China 60% vs India 58%, standard errors 2 points: the gap is inside 1.96 * sqrt(2² + 2²).
    fs = table_findings(_ranked([0.60, 0.58, 0.40, 0.50], errors=[0.02, 0.02, 0.02, 0.005]), "a", "en")
    lead = fs[0]
    assert "leads" not in lead.text
    assert "statistically indistinguishable" in lead.text and "within the margin of error" in lead.text
    assert "China (60%) and India (58%)" in lead.text
    assert lead.headline == ""          # no big-number callout for a lead that is not one


def test_a_lead_outside_the_margin_is_claimed():
    fs = table_findings(_ranked([0.70, 0.58, 0.40, 0.50], errors=[0.01, 0.01, 0.01, 0.005]), "a", "en")
    assert fs[0].text.startswith("Share of leaders using GenAI: China leads with 70%")


def test_gap_to_benchmark_inside_the_margin_is_not_claimed():
    fs = table_findings(_ranked([0.70, 0.51, 0.40, 0.50], errors=[0.01, 0.02, 0.01, 0.01]), "a", "en")
    assert not any("India is also above" in f.text for f in fs)


def test_without_errors_the_old_wording_stays():
    fs = table_findings(_ranked([0.60, 0.58, 0.40, 0.50]), "a", "en")
    assert "China leads with 60%" in fs[0].text


def test_small_bases_are_flagged_in_both_languages():
    t = _ranked([0.60, 0.58, 0.40, 0.50], bases=[42, 800, 35, 5000])
    en = [f for f in table_findings(t, "a", "en") if f.kind == "caveat"]
    zh = [f for f in table_findings(t, "a", "zh") if f.kind == "caveat"]
    assert en and en[0].text == "China and Japan: based on fewer than 50 responses, so treat with caution."
    assert zh and zh[0].text == "China和Japan：样本少于50个，解读时需谨慎。"


def test_change_of_a_share_is_in_points_not_per_cent():
    fs = table_findings(_wb().trend_table(), "a", "en")
    change = fs[0]
    assert change.kind == "change"
    assert change.text == ("GenAI adoption over time: China rose from 35% in 2021 to 83% in 2024, up 48 points.")
    assert change.headline == "+48 pts"
    bench = [f for f in fs if f.kind == "change" and "global average" in f.text]
    assert bench and "the global average rose from 26% in 2021 to 54% in 2024, up 28 points" in bench[0].text
    # The ranking is about the latest period.
    assert any("(2024): China leads with 83%" in f.text for f in fs)


def test_change_of_a_number_is_in_per_cent():
    from dataclasses import replace
    t = _wb().trend_table()
    t = replace(t, columns=(t.columns[0],) + tuple(replace(c, kind="number", values=tuple(v * 100 for v in c.values))
                                                    for c in t.columns[1:]))
    change = table_findings(t, "a", "en")[0]
    assert "up 137%" in change.text and "points" not in change.text


def test_change_inside_the_margin_is_not_claimed():
    fs = table_findings(_wb().trend_table(errors=0.3), "a", "en")
    change = next(f for f in fs if f.kind == "change")
    assert "within the margin of error" in change.text and "rose" not in change.text


def test_change_in_chinese():
    change = table_findings(_wb().trend_table(), "a", "zh")[0]
    assert change.text == "GenAI adoption over time：China从2021年的35%升至2024年的83%，上升48个百分点。"


def test_likert_net_agreement():
    fs = table_findings(_wb().likert_table(), "a", "en")
    assert fs[0].text == ("Agreement is highest for Rules are needed now (70%) and lowest for "
                          "My firm is ready for rules (40%).")
    assert "Rules are needed now: 70% agree and 12% disagree (net +58 pts)." in [f.text for f in fs]


def test_stats_thresholds_are_data():
    from briefing.analysis.phrasing import load
    from briefing.analysis.stats import small_base_limit, z_value
    assert z_value("en") == load("en")["stats"]["z"] == 1.96
    assert small_base_limit("zh") == load("zh")["stats"]["small_base"] == 50


def test_two_periods_rank_the_latest_and_give_the_change():
    from dataclasses import replace
    from briefing.analysis.shape import shape_of
    from briefing.compose.blocks import GroupedBarChart
    from briefing.compose.charts import chart_for
    t = _wb().trend_table()
    t = replace(t, columns=(t.columns[0], t.columns[3], t.columns[4]))     # 2023, 2024
    fs = table_findings(t, "a", "en")
    assert fs[0].text == "GenAI adoption over time: China rose from 68% in 2023 to 83% in 2024, up 15 points."
    chart = chart_for(t, shape_of(t), "en")
    assert isinstance(chart, GroupedBarChart) and [s.name for s in chart.series] == ["2024", "2023"]


def test_total_of_amounts_is_not_a_benchmark_and_leader_below_benchmark(make_workbook):
    from briefing.ingest import read_file
    p = make_workbook("t.xlsx", {
        "Revenue": [["Revenue by district"], [], ["District", "Revenue (USD m)", "Note"],
                    ["North", 30.0, "overall fine"], ["South", 20.0, ""], ["East", 10.0, ""],
                    ["Total", 60.0, ""]],
        "Scores": [["Scores"], [], ["Group", "Score"],
                   ["A", 40.0], ["B", 35.0], ["C", 20.0], ["Average", 50.0]]})
    revenue, scores = read_file(p)[0]
    texts = [f.text for f in table_findings(revenue, "x", "en")]
    # The Total row is the sum: not compared with, not ranked; the word in the Note column is ignored.
    assert texts[0] == "Revenue by district: North leads with USD 30 m, USD 10 m ahead of South (USD 20 m)."
    # ... but the largest member's share of it is a finding of its own.
    assert "North is the largest, at USD 30 m or 50% of the total (USD 60 m)." in texts
    assert not any("total" in t.lower() for t in texts if "largest" not in t)
    lead = table_findings(scores, "x", "en")[0].text
    assert lead == "Scores: A leads with 40, yet is 10 below the average of 50."


def test_a_lead_carries_its_test_and_a_share_its_derivation():
    from briefing.compose import compose
    from briefing.compose.blocks import Heading, Para
    from briefing.model import BriefingSpec
    tied = table_findings(_ranked([0.70, 0.51, 0.40, 0.69], errors=[0.01, 0.02, 0.01, 0.01]), "a", "en")
    lead = next(f for f in tied if f.kind == "leader")
    assert lead.test == "|70.00 − 69.00| = 1.00 ≤ 1.96 × √(1.00² + 1.00²) = 2.77: within the margin of error " \
                       "(not significant at 95%)"
    clear = table_findings(_ranked([0.80, 0.51, 0.40, 0.60], errors=[0.01, 0.02, 0.01, 0.01]), "a", "en")
    assert next(f for f in clear if f.kind == "leader").test.endswith(": significant at 95%")
    assert next(f for f in table_findings(_ranked([0.80, 0.51, 0.40, 0.60]), "a", "en")
                if f.kind == "leader").test == ""    # no standard errors, no test to show
    t = _ranked([0.80, 0.51, 0.40, 0.60], errors=[0.01, 0.02, 0.01, 0.01])
    doc = compose(BriefingSpec(title="T", date="2026-01-01"), [pipeline.load_demo().theme("adoption")],
                  {"adoption": [t]}, {"adoption": tuple(clear)})
    heads = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert "How the numbers were derived and tested" in heads
    assert any(isinstance(b, Para) and b.text.endswith("significant at 95%") and b.text.startswith("[A")
               for b in doc.blocks)


def test_an_indicator_table_without_a_label_column_gives_no_finding_and_no_crash():
    from briefing.analysis.shape import Shape
    from briefing.analysis.facts import indicator_findings
    from briefing.model import Column, Provenance, Table
    t = Table("x|S|A1", "T", (Column("Value", "number", (1.0, 2.0)), Column("Unit", "text", ("%", "n"))),
              Provenance("x.xlsx", "S", "A1:B3", "0" * 64), (1, 2))
    assert indicator_findings(t, Shape("indicator", None, (0,), None, 1), "a", "en") == []


def test_a_long_timeline_is_summed_up_not_listed():
    import datetime as dt
    from briefing.analysis.events import MAX_NAMED_EVENTS
    from briefing.model import Column, Provenance, Table
    n = 65_536
    t = Table("d.ods|S|A1", "Dates", (Column("Event", "label", tuple(f"E{i}" for i in range(n))),
                                       Column("When", "date", tuple(dt.date(2000, 1, 1) + dt.timedelta(days=i)
                                                                    for i in range(n)))),
              Provenance("d.ods", "S", "A1:B65537", "0" * 64), tuple(range(1, n + 1)))
    (f,) = table_findings(t, "a", "en")
    assert f.text.startswith(f"{n} milestones from ")
    assert f.text.count(" (") == MAX_NAMED_EVENTS and f"{n - MAX_NAMED_EVENTS} more and E{n - 1} (" in f.text
