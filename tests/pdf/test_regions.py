"""Regional statistics tables (a national row, regional aggregates, provinces), as NBS bulletins and
China's yearbooks publish them: the national row is the total, never ranked; aggregates are left out
of rankings; an amount's total gives shares, a ratio's national figure is the benchmark; a unit note
or a term's definition (RD强度 = % of GDP) types percentages; Chinese names are given in English.
The real workbooks in ../shared/surveys pass their answer keys (skipped when absent)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.analysis import table_findings
from briefing.ingest import read_file
from briefing.model import BriefingSpec
from briefing.pipeline import build

SURVEYS = Path(__file__).resolve().parents[2].parent / "shared" / "surveys"
PROVINCES = [("北京", 2947.1, 6.73), ("广东", 4802.6, 3.54), ("上海", 2049.6, 4.34), ("江苏", 4212.3, 3.29),
             ("西藏", 7.2, 0.3), ("河南", 1211.7, 2.05)]


def _bulletin(tmp_path: Path, aggregate: bool = True) -> Path:
    import xlsxwriter
    path = tmp_path / "bulletin.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet 1")
    ws.write_row(0, 0, ["地区", "RD经费", "RD强度"])
    rows = [("全国", 33357.1, 2.65)] + ([("东部地区", 22000.0, 3.3)] if aggregate else []) + PROVINCES
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row)
    wb.close()
    return path


def test_national_row_is_the_total_and_aggregates_are_not_ranked(tmp_path):
    (table,), report = read_file(_bulletin(tmp_path))
    assert table.row_roles[0][:2] == (0, "total") and table.row_roles[1][:2] == (1, "aggregate")
    assert [c.kind for c in table.columns] == ["label", "number", "percent"]
    assert table.columns[2].values[0] == pytest.approx(0.0265)
    assert any("RD强度" in i.message and "percentages" in i.message for i in report.issues)
    texts = [f.text for f in table_findings(table, "rnd", "en")]
    assert "R&D expenditure: national total 33,357.1." in texts
    assert "Guangdong is the largest, at 4,802.6 or 14.4% of the national total (33,357.1)." in texts
    assert any(t.startswith("R&D intensity (R&D expenditure as % of GDP): Beijing leads with 6.73%, "
                            "4.08 points above the national total of 2.65%") for t in texts)
    assert "R&D intensity (R&D expenditure as % of GDP): Xizang is lowest at 0.30%, 6.43 points behind Beijing." in texts
    assert "4 of the 6 provinces are above the national total of 2.65%." in texts
    assert not any("东部" in t or "Eastern" in t for t in texts)   # an aggregate is no province
    assert not any(t.startswith("全国") or "national total leads" in t.lower() for t in texts)
    # No unit is invented for RD经费 (the sheet gives none).
    assert not any("33,357.1 yuan" in t or "billion" in t for t in texts)


def test_chinese_briefing_keeps_the_chinese_names(tmp_path):
    (table,), _ = read_file(_bulletin(tmp_path))
    texts = [f.text for f in table_findings(table, "rnd", "zh")]
    assert any("广东最高，为4,802.6，占全国（33,357.1）的14.4%" in t for t in texts)
    assert any(t.startswith("北京领先，为6.73%，比全国（2.65%）高4.08个百分点") for t in texts)
    assert "6个省份中有4个高于全国（2.65%）。" in texts


def test_unit_note_under_the_title_types_percentages(tmp_path):
    import xlsxwriter
    path = tmp_path / "yearbook.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("1")
    ws.write(0, 0, "1-8 各地区研究与试验发展(R&D)经费投入强度")
    ws.write(1, 0, "单位:%")
    ws.write_row(3, 0, ["地区", "Region", "2021", "2022", "2023"])
    data = [("全国", "National Total", 2.43, 2.56, 2.65), ("北京", "Beijing", 6.53, 6.84, 6.73),
            ("天津", "Tianjin", 3.66, 3.49, 3.58), ("西藏", "Xizang", 0.29, 0.33, 0.3),
            ("上海", "Shanghai", 4.21, 4.44, 4.34)]
    for r, row in enumerate(data, start=4):
        ws.write_row(r, 0, row)
    wb.close()
    (table,), _ = read_file(path)
    assert all(table.columns[i].kind == "percent" for i in table.period_columns)
    texts = [f.text for f in table_findings(table, "rnd", "en")]
    assert texts[0] == ("R&D intensity (R&D expenditure as % of GDP): the national total rose from 2.43% in 2021 "
                        "to 2.65% in 2023, up 0.22 points.")
    assert any("Beijing fell from 6.84% in 2022 to 6.73% in 2023" in t for t in texts)
    assert not any("record" in t or "peak" in t for t in texts)


@pytest.mark.skipif(not (SURVEYS / "check_key.py").is_file(), reason=f"real survey workbooks not present ({SURVEYS})")
@pytest.mark.parametrize("name", ["D2_cn_nbs_rd_bulletin_2023.xlsx", "cn_st_yearbook2023_1-8_rd_intensity_by_region.xls"])
def test_real_chinese_regional_workbooks_pass_their_keys(name, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    src = tmp_path / name
    shutil.copyfile(SURVEYS / name, src)
    out = tmp_path / "out.pdf"
    build(BriefingSpec(title=src.stem, sources=(str(src),), date="2026-01-15"), out)
    r = subprocess.run([sys.executable, str(SURVEYS / "check_key.py"), str(SURVEYS / f"{src.stem}.toml"), str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_us_state_codes_are_named_and_the_nation_is_the_benchmark(tmp_path):
    import xlsxwriter
    path = tmp_path / "states.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("AI use")
    ws.write(0, 0, "Share of businesses using AI, by state (%)")
    ws.write_row(2, 0, ["State", "Share (%)"])
    for r, row in enumerate([["US", 9.9], ["CA", 12.1], ["TX", 8.0], ["NY", 11.0], ["WI", 4.8], ["DC", 22.0]], start=3):
        ws.write_row(r, 0, row)
    wb.close()
    (table,), _ = read_file(path)
    assert table.row_roles[0][:2] == (0, "total")
    texts = [f.text for f in table_findings(table, "adoption", "en")]
    assert texts[0].startswith("Share of businesses using AI, by state (%): District of Columbia leads with 22.0%, "
                               "12.1 points above the US of 9.9%")
    assert "Wisconsin is lowest at 4.8%, 17.2 points behind District of Columbia." in texts
    assert any("威斯康星州最低" in t for t in (f.text for f in table_findings(table, "adoption", "zh")))
