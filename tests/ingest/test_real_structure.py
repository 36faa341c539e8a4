"""Each real workbook in ../shared/surveys is read as its answer key's `structure` describes it: the
substantive answer, the publisher's periods and dates, the linked standard errors and bases, the
rows that are totals, aggregates, sub-samples or outside the group ranked, and the units. Skipped,
with the reason, when the folder is absent; the files are copied before they are read."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing import pipeline

SURVEYS = Path(__file__).resolve().parents[2].parent / "shared" / "surveys"
pytestmark = pytest.mark.skipif(not SURVEYS.is_dir(), reason=f"real survey workbooks not present ({SURVEYS})")


@pytest.fixture(scope="module")
def load(tmp_path_factory):
    cache = {}

    def get(name: str):
        if name not in cache:
            src = tmp_path_factory.mktemp("real") / name
            shutil.copyfile(SURVEYS / name, src)
            cache[name] = pipeline.load([src])
        return cache[name]
    return get


def _labels(t, lang_col=None):
    i = next(i for i, c in enumerate(t.columns) if c.kind == "label") if lang_col is None else lang_col
    return t.columns[i].values


def _roles(t) -> dict[str, str]:
    labels = _labels(t)
    return {str(labels[r]): role for r, role, _ in t.row_roles}


def test_btos_national_yes_is_ai_use_dated_by_the_dates_sheet_with_its_standard_error(load):
    ws = load("btos_national_aiscend.xlsx")
    t = next(t for t in ws.tables if t.provenance.cell_range == "A16:BE18")
    assert "Artificial Intelligence" in t.title and t.substantive == "Yes"
    assert [t.columns[t.role("answer")].values[r] for r in range(3)] == ["Yes", "No", "Do not know"]
    p = next(p for p in t.period_info if p.code == "202519")
    assert (p.start, p.end) == ("2025-09-08", "2025-09-21") and "Collection and Reference Dates" in p.source
    assert not any(p.code == "202512" and p.start.startswith("2025-12") for p in t.period_info)
    col = t.columns[p.column]
    assert t.cell_ref(0, p.column) == "E16"
    assert col.values[0] == pytest.approx(0.099) and col.errors[0] == pytest.approx(0.0015)   # E16, SE 0.15 pts


@pytest.mark.slow
def test_btos_sector_and_metro_codes_are_named_and_errors_linked(load):
    sector = load("A2_btos_sector_20251208.xlsx")
    codes = {c for t in sector.tables for c, *_ in t.codes}
    assert "XX" in codes and any(c in codes for c in ("31-33", "31", "44-45"))
    assert any(any(e is not None for c in t.columns for e in c.errors) for t in sector.tables)
    metro = load("A4_btos_top25msa_2024.xlsx")
    ai = [t for t in metro.tables if "Artificial Intelligence" in t.title]
    assert ai and all(t.columns[p.column].kind == "percent" for t in ai for p in t.period_info)
    assert any(any(e is not None for c in t.columns for e in c.errors) for t in metro.tables)


def test_deltapoll_bases_and_net_rows(load):
    ws = load("deltapoll_ai_oct2023.xlsx")
    assert any(any(b for c in t.columns for b in c.bases) for t in ws.tables)      # base rows linked as n
    nets = [role for t in ws.tables for _, role, _ in t.row_roles]
    assert "net" in nets or "net_diff" in nets                                        # NET rows are not answers
    assert all(not (c.kind == "count" and c.name.lower().startswith("unweighted")) for t in ws.tables for c in t.columns)


def test_eurobarometer_counts_become_shares_with_their_base_and_subsamples_kept_apart(load):
    (t,) = load("B2_eurobarometer_q6_ai_counts.csv").tables
    roles = _roles(t)
    assert roles.get("D-W") == "subsample" and roles.get("D-E") == "subsample"
    assert any(c.kind == "percent" for c in t.columns) and any(b for c in t.columns for b in c.bases)


def test_eurostat_sdmx_eu_total_and_non_members(load):
    ws = load("eurostat_isoc_eb_ai_sdmx.csv")
    use = next(t for t in ws.tables if "at least one AI technology" in t.title)
    roles = _roles(use)
    assert roles.get("EU-27") == "total"
    assert {"Norway", "Türkiye"} <= {k for k, v in roles.items() if v == "outside"}
    assert use.period_info and use.period_info[-1].code == "2025"


def test_chinese_yearbook_and_bulletin_national_row_is_the_total_and_intensity_a_percent(load):
    (yb,) = load("cn_st_yearbook2023_1-8_rd_intensity_by_region.xls").tables   # decrypted with Excel's default password
    assert _roles(yb) == {"全国": "total"}
    assert all(yb.columns[i].kind == "percent" for i in yb.period_columns)
    assert yb.columns[yb.period_columns[-1]].values[0] == pytest.approx(0.0265)    # N6 = 2.65
    (nbs,) = load("D2_cn_nbs_rd_bulletin_2023.xlsx").tables
    assert _roles(nbs) == {"全国": "total"}
    kinds = {c.name: (c.kind, c.unit) for c in nbs.columns}
    assert kinds["RD强度"] == ("percent", "%") and kinds["RD经费"] == ("number", "")  # no unit invented
    assert nbs.code_name("广东") == "Guangdong"


def test_taiwan_customs_roc_years_and_the_preliminary_part_year(load):
    (t,) = load("D4_tw_customs_hs8542_exports.csv").tables
    last = t.period_info[-1]
    assert (last.start, last.end, last.status) == ("2025-01-01", "2025-07-31", "preliminary")
    assert any(p.start == "2024-01-01" and p.end == "2024-12-31" for p in t.period_info)   # 113年
    assert any(c.kind == "money" and c.unit == "USD thousand" for c in t.columns)


def test_wsts_worldwide_is_the_total_of_a_monthly_series(load):
    (t,) = load("E1_wsts_billings_3mma_1976_2023.xls").tables
    assert "Worldwide" in _roles(t) and _roles(t)["Worldwide"] == "total"
    assert t.period_info[-1].code == "2023-11" and t.period_info[-1].end == "2023-11-30"
