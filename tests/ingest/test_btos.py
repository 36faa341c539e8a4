"""Statistics-office long layout as US Census BTOS publishes it, on small generated workbooks: period
codes dated by the workbook's own dates sheet, the data dictionary's codes, NAICS codes named, a
reworded question kept apart, errors on a re-sorted sheet, a relabelled copy read once, and the
findings written from them."""
import re

import pytest

from briefing.analysis import table_findings
from briefing.ingest import read_file

Q_AI = ("In the last two weeks, did this business use Artificial Intelligence (AI) in producing goods or "
        "services? (Examples of AI: machine learning, natural language processing, etc.)")
Q_AI2 = "In the last two weeks, did this business use Artificial Intelligence (AI) in any of its business functions?"
Q_EMP = "In the last two weeks, how did this business's number of paid employees change?"
CODES = ["202519", "202518", "202401", "202319"]          # newest first, as BTOS prints them
DATES = [["Smpdt", "Col Start", "Col End", "Ref Start", "Ref End"],
         [202319, "09/11/2023", "09/24/2023", "08/28/2023", "09/10/2023"],
         [202401, "01/01/2024", "01/14/2024", "12/18/2023", "12/31/2023"],
         [202512, "06/02/2025", "06/15/2025", "05/19/2025", "06/01/2025"],
         [202518, "08/25/2025", "09/07/2025", "08/11/2025", "08/24/2025"],
         [202519, "09/08/2025", "09/21/2025", "08/25/2025", "09/07/2025"],
         [202601, "12/29/2025", "01/11/2026", "12/15/2025", "12/28/2025"]]
DICT = [["Item", "Description", "Notes"], ["smpdt", "Sample Date", "Year and fortnight"],
        ["XX", "Refers to multi-unit companies that operate in multiple sectors or multiple states.", None]]


def _national(values):
    rows = [["Question ID", "Question", "Answer ID", "Answer", *CODES, "202601"]]
    for qid, q, answers in ((7, Q_AI, ("Yes", "No", "Do not know")), (5, Q_EMP, ("Increased", "Decreased", "No change"))):
        for aid, a in enumerate(answers, 1):
            rows.append([qid, q, aid, a, *values(qid, a), None])
    return rows


def _nat_est(qid, a):
    return {"Yes": ["9.9%", "9.1%", "5.4%", "3.7%"], "No": ["82.9%", "83.5%", "86.0%", "89.4%"],
            "Do not know": ["7.2%", "7.4%", "8.6%", "6.9%"]}.get(a, ["5.0%", "4.9%", "5.2%", "5.5%"])


def _nat_se(qid, a):
    return ["0.15%", "0.15%", "0.20%", "0.18%"]


@pytest.fixture
def national(make_workbook):
    return make_workbook("btos_national.xlsx", {
        "Response Estimates": _national(_nat_est), "Response Standard Errors": _national(_nat_se),
        "Collection and Reference Dates": DATES, "Data Dictionary": DICT})


def test_period_codes_dated_by_the_workbooks_dates_sheet(national):
    tables, report = read_file(national)
    assert [t.sheet for t in tables] == ["Response Estimates", "Response Estimates"]   # dates and dictionary: reference
    ai = next(t for t in tables if t.title == Q_AI)
    assert (ai.substantive, ai.layout) == ("Yes", "long")
    assert [ai.columns[i].name for i in ai.period_columns] == ["202319", "202401", "202518", "202519"]
    p = ai.period(ai.period_columns[-1])
    assert (p.code, p.start, p.end, p.ref_start) == ("202519", "2025-09-08", "2025-09-21", "2025-08-25")
    assert ai.columns[ai.period_columns[-1]].errors[0] == pytest.approx(0.0015)
    msgs = [i.message for i in report.issues]
    assert any("read as the publisher's period dates (6 period codes" in m for m in msgs)
    assert any("read as the publisher's data dictionary" in m for m in msgs)
    emp = next(t for t in tables if t.title == Q_EMP)
    assert emp.substantive == "Increased"


def test_national_findings_use_yes_the_latest_period_with_data_and_the_standard_errors(national):
    tables, _ = read_file(national)
    ai = next(t for t in tables if t.title == Q_AI)
    level, recent = table_findings(ai, "adoption", "en")
    assert level.text == (
        "In fortnight 202519 (8-21 Sep 2025), 9.9% of businesses answered “Yes” to “In the last two weeks, did this "
        "business use Artificial Intelligence (AI) in producing goods or services?”, up from 3.7% in fortnight 202319 "
        "(11-24 Sep 2023): a rise of 6.2 points, more than the margin of error.")
    assert "82.9" not in level.text and "December" not in level.text and "2026" not in level.text
    assert recent.text.startswith("From fortnight 202518 (25 Aug-7 Sep 2025) to fortnight 202519")
    assert "rose from 9.1% to 9.9%" in recent.text      # 0.8 > 1.96 * sqrt(0.15² + 0.15²) = 0.42
    zh = table_findings(ai, "adoption", "zh")[0].text
    assert zh.startswith("第202519期双周（2025年9月8日至21日），9.9%的企业")


def _sector(values, order=None):
    rows = [["Sector", "Question ID", "Question", "Answer ID", "Answer", "202519", "202319"]]
    body = []
    for sector in ("51", "54", "61", "52", "72", "48", "11", "XX"):
        for aid, a in ((1, "Yes"), (2, "No")):
            body.append([sector, 7, Q_AI, aid, a, *values(sector, a, 1)])
        for aid, a in ((1, "Yes"), (2, "No")):
            body.append([sector, 7, Q_AI2, aid, a, *values(sector, a, 2)])
    if order:
        body = order(body)
    return rows + body


EST = {"51": ("29.3%", "13.9%"), "54": ("23.9%", "8.9%"), "61": ("17.3%", "5.9%"), "52": ("17.1%", "4.7%"),
       "72": ("2.0%", "1.4%"), "48": ("2.1%", "1.8%"), "11": ("S", "S"), "XX": ("8.1%", "1.8%")}
SE = {"51": ("1.7%", "1.2%"), "54": ("0.9%", "0.8%"), "61": ("2.21%", "1.1%"), "52": ("0.88%", "0.6%"),
      "72": ("0.2%", "0.2%"), "48": ("0.7%", "0.3%"), "11": ("S", "S"), "XX": ("1.6%", "0.5%")}


def _s_est(sector, a, wording):
    if wording == 2:
        return ["41.0%" if sector == "51" else "10.0%", None]
    v = EST[sector]
    return list(v) if a == "Yes" else ["80.0%", "90.0%"]


def _s_se(sector, a, wording):
    if wording == 2:
        return ["2.2%", None]
    return list(SE[sector]) if a == "Yes" else ["1.0%", "1.0%"]


@pytest.fixture
def sector(make_workbook):
    return make_workbook("btos_sector.xlsx", {
        "Response Estimates Raw": _sector(_s_est),
        "Response Estimates": [[*_sector(_s_est)[0][:5], "09/08/2025", "09/11/2023"], *_sector(_s_est)[1:]],
        "Response Standard Errors": _sector(_s_se, order=lambda b: list(reversed(b))),   # re-sorted rows
        "Collection and Reference Dates": DATES, "Data Dictionary": DICT})


def test_sector_codes_named_dictionary_codes_kept_apart_and_wordings_split(sector):
    tables, report = read_file(sector)
    assert {t.sheet for t in tables} == {"Response Estimates"}          # the Raw copy is read once
    orig, revised = tables
    assert (orig.title, revised.title) == (Q_AI, Q_AI2)                # one table per wording
    assert orig.columns[0].kind == "label" and "XX" in orig.columns[0].values
    codes = {c: (n, src) for c, n, _, src in orig.codes}
    assert codes["51"][0] == "Information" and "naics" in codes["51"][1].lower()
    assert codes["XX"][0] == "multi-unit companies that operate in multiple sectors or multiple states"
    assert [orig.columns[i].name for i in orig.period_columns] == ["202319", "202519"]   # headers were dates
    latest = orig.columns[orig.period_columns[-1]]
    r51 = orig.columns[0].values.index("51")
    assert latest.errors[r51] == pytest.approx(0.017)                  # linked by labels, not by position
    msgs = [i.message for i in report.issues]
    assert any("rows matched by their labels" in m for m in msgs)
    assert any("read once (there)" in m for m in msgs)
    assert any("collection start dates" in m for m in msgs)


def test_sector_findings_rank_with_ties_coverage_and_no_splice(sector):
    tables, _ = read_file(sector)
    orig, revised = tables
    fs = table_findings(orig, "adoption", "en")
    rank = fs[0].text
    assert rank.startswith("In fortnight 202519 (8-21 Sep 2025), Information (NAICS 51) had the highest share of "
                           "businesses answering “Yes”")
    assert "29.3%, ahead of Professional, scientific, and technical services (NAICS 54, 23.9%)" in rank
    assert ("the lowest were Accommodation and food services (NAICS 72, 2.0%) and Transportation and warehousing "
            "(NAICS 48, 2.1%), statistically tied") in rank
    texts = " ".join(f.text for f in fs)
    assert "Information (NAICS 51) rose from 13.9% in fortnight 202319" in texts
    assert "Only 6 of the 7 sectors have a published “Yes” estimate" in texts
    assert "Agriculture, forestry, fishing and hunting (NAICS 11)" in texts
    assert not re.search(r"(?<![\d.])0(?:\.0)?%", texts)              # suppressed is not zero
    assert "XX is not one of the sectors and not a total" in texts and "8.1%" not in texts
    rev = " ".join(f.text for f in table_findings(revised, "adoption", "en"))
    assert "41.0%" in rev and "29.3%" not in rev                       # the revised wording is its own series
