"""Pollsters' banner cross-tabs and count tables read as their publishers meant them: base rows are
sample sizes (never categories or headers), NET rows and NET banner columns are subtotals, the Total
column is the benchmark, each question block is a table named by its question, multi-choice questions
are known, counts become shares with their counts and bases kept, place codes are named, sub-samples and
aggregates are not countries; and the findings built on them count, rank and tie as an analyst would."""
from __future__ import annotations

import pytest

from briefing.analysis import table_findings
from briefing.ingest.reader import read_file
from briefing.themes import load_catalogue, tag_tables
from tests.ingest.crosstabs import BASES, COUNTRIES, write_banner, write_counts


@pytest.fixture()
def banner(tmp_path):
    tables, report = read_file(write_banner(tmp_path / "poll.xlsx"))
    return tables, report


def _summary(tables, code):
    return next(t for t in tables if t.sheet == "All Country Summary" and t.question_code == code)


def test_banner_sheet_is_read_block_by_block_with_bases_linked(banner):
    tables, report = banner
    trust = _summary(tables, "TRUST")
    assert trust.layout == "crosstab" and trust.orient == "answers_in_rows"
    assert trust.title.startswith("TRUST. Which of the following")
    # The header is the banner row, never the first data row; bases are not answers.
    assert [c.name for c in trust.columns[1:]] == list(COUNTRIES)
    answers = trust.columns[0].values
    assert "All Adults" not in answers and "Unweighted Sample" not in answers
    assert trust.columns[1].values[2] == pytest.approx(0.46)
    assert [c.bases[0] for c in trust.columns[1:]] == list(BASES)
    assert trust.columns[1].base_row == 7          # the "Unweighted Sample" row (A8)
    assert ("weighted", "All Adults", 6) in trust.base_rows
    assert trust.multi_choice and "up to three" in trust.multi_choice
    assert trust.fieldwork == "2nd - 6th May 2024"
    # The credit line is the source, not the title or a note a theme keyword could match.
    assert "Prepared by" in trust.source and not any("Prepared" in n for n in trust.notes)
    # The calculated score row is not read as an answer.
    assert not any("Calculated" in str(t.columns[0].values) for t in tables)
    msgs = " ".join(i.message for i in report.issues)
    assert "banner cross-tab" in msgs and "linked to every share as its sample size" in msgs


def test_net_rows_and_net_banner_columns_are_subtotals(banner):
    tables, _ = banner
    worry = _summary(tables, "WORRY")
    roles = {worry.columns[0].values[r]: role for r, role, _ in worry.row_roles}
    assert roles == {"Worried (All)": "net", "Not Worried (All)": "net", "NET": "net_diff"}
    assert not worry.multi_choice
    canada = next(t for t in tables if t.sheet == "Canada" and t.question_code == "WORRY")
    col = {c.name: canada.col_role(i) for i, c in enumerate(canada.columns)}
    assert col["Total"] == "total" and col["Gender · Male"] == "group" and col["Age · All ages (All)"] == "net"
    assert dict(canada.col_groups)[2] == "Gender"


def test_country_sheets_are_details_of_the_summary_sheet(banner):
    tables, _ = banner
    trust = _summary(tables, "TRUST")
    details = [t for t in tables if t.sheet in COUNTRIES]
    assert details and all(t.detail_of for t in details)
    assert {t.detail_of for t in details if t.question_code == "TRUST"} == {trust.key}
    tags = tag_tables(tables, tuple(load_catalogue()))
    assert all(tags[t.key] == () for t in details)
    assert [g.theme for g in tags[trust.key]][:1] == ["safety"]


def test_most_chosen_answer_counted_across_groups_with_ties_and_exceptions(banner):
    tables, _ = banner
    text = " ".join(f.text for f in table_findings(_summary(tables, "TRUST"), "safety", "en"))
    assert "in 3 of the 4 countries chose “An international AI safety institute run by experts” most often" in text
    assert "from 55% in Italy to 39% in France" in text
    # Japan: tech companies 41% against the institute's 40% on ~1,000 answers: a tie, said so.
    assert "in Japan “The tech companies that develop AI” comes first (41%), level within the margin of error" in text
    assert "[COUNTRY]" not in text
    assert "several answers allowed" in text
    assert not any(s in text for s in ("144%", "majority", "most of the"))


def test_substantive_net_ranked_across_groups_nets_never_ranked(banner):
    tables, _ = banner
    fs = table_findings(_summary(tables, "WORRY"), "safety", "en")
    text = " ".join(f.text for f in fs)
    assert "the share of worried answers" in text and "France (66%)" in text
    assert "NET" not in text.replace("“NET”", "") and "Unweighted" not in text
    assert "Fieldwork 2-6 May 2024" in text


def test_counts_become_shares_with_their_base_and_places_named(tmp_path):
    (t,), report = read_file(write_counts(tmp_path / "q6_counts.csv"))
    assert t.layout == "crosstab" and t.orient == "answers_in_columns"
    pos = t.column("total positive")
    assert pos.kind == "percent" and pos.values[0] == pytest.approx(345 / 500)
    assert pos.counts[0] == 345 and pos.bases[0] == 500 and pos.base_col == 1
    roles = {t.columns[c].name: role for c, role, _ in t.col_roles}
    assert roles["total"] == "base" and roles["total positive"] == "net" and roles["Very positive"] == "answer"
    sub = {t.columns[0].values[r]: role for r, role, _ in t.row_roles}
    assert sub == {"D-W": "subsample", "D-E": "subsample"}
    assert t.code_name("MT") == "Malta" and t.code_name("XK") == "Kosovo" and t.code_name("TR") == "Türkiye"
    assert t.code_name("MT", "zh") == "马耳他"
    eu = {t.columns[0].values[r] for r, b in t.blocs if b == "EU"}
    assert {"MT", "PT", "DE", "RO"} <= eu and not {"TR", "XK", "BA", "D-W"} & eu
    assert "count / “total”" in t.derivation
    assert any("sub-sample" in i.message for i in report.issues)


def test_count_findings_rank_members_apart_and_keep_ties(tmp_path):
    (t,), _ = read_file(write_counts(tmp_path / "q6_counts.csv"))
    fs = table_findings(t, "safety", "en")
    text = " ".join(f.text for f in fs)
    # EU members ranked among themselves; Malta and Portugal tied (Malta's base is 500).
    assert "Among the 6 EU members" in text
    assert "Malta (69.0%, 345 of 500) and Portugal (68.3%, 710 of 1,040), statistically tied" in text
    assert "lowest in Romania (39.7%, 417 of 1,050)" in text
    # Outside the EU, Türkiye is highest of all; sub-samples are never countries.
    assert "Among the 3 countries outside the EU" in text and "Türkiye (81.5%, 864 of 1,060)" in text
    assert "the highest of all 9 countries" in text
    assert "only 1 of the 6 EU members: Romania (48.1%, 505 of 1,050" in text
    assert "West Germany" in text and "sub-samples of Germany" in text
    assert "Malta leads" not in text and "ahead of Portugal" not in text
    cites = {c for f in fs for c in f.cites}
    assert {"I2", "B2"} <= cites          # Malta's count and its base, the cells the share comes from
    zh = " ".join(f.text for f in table_findings(t, "safety", "zh"))
    assert "马耳他" in zh and "69.0%" in zh and "500人中345人" in zh


def test_a_plain_wide_table_is_not_taken_for_a_crosstab(tmp_path):
    p = tmp_path / "plain.csv"
    p.write_text("Country,2022,2023\nChina,50,60\nIndia,40,45\nJapan,30,33\n", encoding="utf-8")
    (t,), _ = read_file(p)
    assert t.layout == "wide"


def _sums_of_as_written_first(target, parts, tol_each):
    """crosstab._sums_of as it was first written, summing each cell's parts afresh: the reference."""
    tol = tol_each * len(parts) + tol_each + 1e-9
    ok = n = 0
    for t, *vals in zip(target, *parts):
        if t is None or None in vals:
            continue
        n += 1
        ok += abs(sum(vals) - t) <= tol
    return n > 0 and ok >= max(1, 0.9 * n) and any(target)


def test_subtotal_rows_found_at_once_are_those_the_run_by_run_search_finds(monkeypatch):
    """net_rows tries every run of consecutive rows against sums made once a block (_window_sums); the answer must
    be the one the run-by-run search gives: the same rows, the same runs, on random blocks with
    planted subtotals, holes, near misses and rows labelled NET."""
    import random

    from briefing.ingest import crosstab

    rng = random.Random(7)
    cases = []
    for _ in range(300):
        n, width = rng.randint(2, 12), rng.choice((1, 2, 3, rng.randint(4, 40)))
        rows = [[float(round(rng.uniform(0, 60), rng.choice((0, 0, 1)))) for _ in range(width)] for _ in range(n)]
        for _ in range(rng.randint(0, 3)):            # a subtotal of a run, within rounding or just past it
            a, size = rng.randrange(n), rng.randint(2, 6)
            run = [i for i in range(a + 1, min(n, a + 1 + size))]
            edge = 0.5 * len(run) + 0.5
            if len(run) >= 2:
                rows[a] = [sum(rows[i][k] for i in run) + rng.choice((0.0, 0.4, -0.4, 2.0, edge, -edge, edge + 1e-7))
                           for k in range(width)]
        if n >= 4 and rng.random() < 0.3:             # a row that sums a run holding a subtotal found before it
            x = rng.randrange(n - 3)
            rows[x + 2] = [rows[x][k] + rows[x + 1][k] for k in range(width)]
            rows[x + 3] = [rows[x + 1][k] + rows[x + 2][k] for k in range(width)]
        for _ in range(rng.randint(0, width)):        # holes
            rows[rng.randrange(n)][rng.randrange(width)] = None
        labels = [rng.choice(("Agree", "Disagree", "NET", "Agree (net)", "A/B", "Total agree", "Other"))
                  for _ in range(n)]
        cases.append((labels, rows, rng.choice((0.5, 0.005)), rng.random() < 0.8))
    fast = [crosstab.net_rows(*c[:2], tol=c[2], many_cols=c[3]) for c in cases]
    monkeypatch.setattr(crosstab, "_window_sums", lambda *a: None)
    monkeypatch.setattr(crosstab, "_sums_of", _sums_of_as_written_first)
    slow = [crosstab.net_rows(*c[:2], tol=c[2], many_cols=c[3]) for c in cases]
    assert fast == slow
    assert sum(1 for f in fast for role, _ in f.values() if role == "net") > 50   # planted ones found
