"""Survey layouts: the long layout split per question, standard errors (beside or on a parallel sheet),
margins of error, base sizes, and the findings written from a long table."""
import pytest

from briefing.analysis import table_findings
from briefing.ingest import read_file

Q1 = "In the last two weeks, did this business use Artificial Intelligence (AI)?"
Q2 = "In the next six months, do you think this business will be using AI?"
HEAD = ["State", "Question ID", "Question", "Answer ID", "Answer", "202512", "202511", "202510"]


def _long_rows(values):
    rows = [["Business Trends and Outlook Survey: AI use"], [], HEAD]
    for state in ("US", "California", "Texas", "Ohio"):
        for qid, q in ((7, Q1), (8, Q2)):
            for aid, ans in ((1, "Yes"), (2, "No")):
                rows.append([state, qid, q, aid, ans, *values(state, qid, aid)])
    return rows


EST = {"US": (9.0, 8.0, 5.0), "California": (12.5, 11.0, 9.0), "Texas": (8.0, 7.5, 7.0), "Ohio": (6.0, 6.0, 5.5)}


def _est(state, qid, aid):
    yes = EST[state]
    vals = yes if aid == 1 else tuple(100 - v for v in yes)
    return [f"{v + (qid - 7) * 3:.1f}%" for v in vals]


def _se(state, qid, aid):
    return ["0.4%", "0.4%", "0.5%"] if state == "US" else ["0.6%", "0.6%", "0.7%"]


def test_long_layout_split_per_question_with_parallel_standard_errors(make_workbook):
    p = make_workbook("btos.xlsx", {"Estimates": _long_rows(_est), "Standard errors": _long_rows(_se)})
    tables, report = read_file(p)
    assert [t.title for t in tables] == [Q1, Q2]
    t = tables[0]
    assert (t.layout, t.subtitle, t.sheet) == ("long", "Business Trends and Outlook Survey: AI use", "Estimates")
    assert t.roles == (("group", 0), ("question_id", 1), ("question", 2), ("answer_id", 3), ("answer", 4))
    assert [c.name for c in t.columns] == HEAD
    assert [c.kind for c in t.columns] == ["label", "text", "text", "text", "text", "percent", "percent", "percent"]
    assert t.period_columns == (7, 6, 5)
    assert t.columns[0].values == ("US", "US", "California", "California", "Texas", "Texas", "Ohio", "Ohio")
    assert t.columns[1].values == ("7",) * 8
    assert t.columns[4].values == ("Yes", "No") * 4
    assert t.columns[5].values == pytest.approx((0.09, 0.91, 0.125, 0.875, 0.08, 0.92, 0.06, 0.94))
    assert t.columns[5].errors == pytest.approx((0.004, 0.004, 0.006, 0.006, 0.006, 0.006, 0.006, 0.006))
    assert t.source_rows == (3, 4, 7, 8, 11, 12, 15, 16)
    assert t.provenance.cell_range == "A4:H17"
    assert t.cite_row(2, (0, 5)) == "Estimates!A8:F8"
    msgs = [(i.sheet, i.message) for i in report.issues]
    assert ("Estimates", "A3:H19: long survey layout (group = State, question_id = Question ID, question = "
                         "Question, answer_id = Answer ID, answer = Answer), split into 2 tables, one per question") in msgs
    assert ("Standard errors", "A4:H17: read as the errors of Estimates!A4:H17 (same layout), not as a table") in msgs


def test_long_table_findings_rank_latest_period_and_follow_the_benchmark(make_workbook):
    p = make_workbook("btos.xlsx", {"Estimates": _long_rows(_est), "Standard errors": _long_rows(_se)})
    t = read_file(p)[0][0]
    rank, trend = table_findings(t, "adoption", "en")[:2]
    assert rank.text == ("In December 2025, California had the highest share of businesses answering “Yes” to “In "
                         "the last two weeks, did this business use Artificial Intelligence (AI)?”, 12.5%, ahead of "
                         "Texas (8.0%) and 3.5 points above US (9.0%); the lowest was Ohio (6.0%).")
    # Every group the sentence names is cited, the benchmark too; the gap's derivation is given.
    assert rank.cites == ("Estimates!A8:F8", "Estimates!A12:F12", "Estimates!A16:F16", "Estimates!A4:F4")
    assert rank.derivation == "12.5% (F8) − 9.0% (F4) = 3.5 points"
    assert trend.text == ("US rose from 5.0% in October 2025 to 9.0% in December 2025, 4.0 points more, "
                          "beyond the margin of error.")
    zh = table_findings(t, "adoption", "zh")[1]
    assert zh.text == "US从2025年10月的5.0%升至2025年12月的9.0%（4.0个百分点，超出误差范围）。"


def test_no_lead_claimed_inside_the_margin_of_error(make_workbook):
    close = {"US": (9.0, 8.0, 8.8), "California": (10.0, 9.0, 9.0), "Texas": (9.6, 7.5, 7.0), "Ohio": (6.0, 6.0, 5.5)}

    def est(state, qid, aid):
        return [f"{v:.1f}%" for v in close[state]]
    p = make_workbook("close.xlsx", {"Estimates": _long_rows(est), "SE": _long_rows(_se)})
    t = read_file(p)[0][0]
    rank, trend = table_findings(t, "adoption", "en")[:2]
    assert rank.text == ("In December 2025, California had the highest share of businesses answering “Yes” to “In "
                         "the last two weeks, did this business use Artificial Intelligence (AI)?”, 10.0%, though "
                         "Texas (9.6%) is within its margin of error; the lowest was Ohio (6.0%).")
    assert trend.text == ("US was broadly unchanged, 8.8% in October 2025 and 9.0% in December 2025 "
                          "(within the margin of error).")


def test_standard_error_and_base_columns_beside_estimates(make_workbook):
    p = make_workbook("wide.xlsx", {"S": [
        ["Region", "Share using AI (%)", "SE", "Planning (%)", "Margin of error (95%)", "Base (n)"],
        ["North", 62, 1.5, 30, 2.94, 1200],
        ["South", 48, 2.0, 20, 3.92, 900],
    ]})
    (t,), report = read_file(p)
    assert [c.name for c in t.columns] == ["Region", "Share using AI (%)", "Planning (%)", "Base (n)"]
    share, plan, base = t.columns[1], t.columns[2], t.columns[3]
    assert share.errors == pytest.approx((0.015, 0.02))
    assert plan.errors == pytest.approx((0.015, 0.02))
    assert share.bases == plan.bases == (1200, 900)
    assert (base.kind, base.unit, base.values) == ("count", "n", (1200.0, 900.0))
    msgs = [i.message for i in report.issues]
    assert "A1:F3: standard errors in 'SE' linked to 'Share using AI (%)'" in msgs
    assert "A1:F3: margins of error in 'Margin of error (95%)' linked to 'Planning (%)'" in msgs
    assert "A1:F3: base sizes in 'Base (n)' linked to 2 column(s)" in msgs


def test_parallel_margin_of_error_sheet_for_a_wide_table(make_workbook):
    head = ["Region", "2023 (%)", "2024 (%)"]
    p = make_workbook("wide_moe.xlsx", {
        "Adoption": [["Share of firms using AI"], head, ["North", 40, 62], ["South", 35, 48]],
        "Margins of error": [["95% margins of error"], head, ["North", 3.92, 1.96], ["South", 5.88, 3.92]],
    })
    (t,), report = read_file(p)
    assert (t.sheet, t.title, t.period_columns) == ("Adoption", "Share of firms using AI", (1, 2))
    assert t.columns[1].errors == pytest.approx((0.02, 0.03))
    assert t.columns[2].errors == pytest.approx((0.01, 0.02))
    assert ("Margins of error", "A2:C4: read as the errors of Adoption!A2:C4 (same layout), not as a table") in \
        [(i.sheet, i.message) for i in report.issues]
