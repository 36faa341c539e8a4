"""Values that are not numbers (NaN, the infinities, Excel errors, 1e400) never reach a sentence or a
chart: built end to end from a CSV and from .xlsx files, and from a Table made by hand."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.analysis import analyse
from briefing.compose import compose
from briefing.compose.blocks import BarChart, GroupedBarChart, LineChart, TableBlock
from briefing.model import BriefingSpec, Column, Provenance, Table
from briefing.pipeline import build, load

BAD_WORDS = re.compile(r"\b(nan|inf|-inf|infinity)\b|#DIV/0!|1e400", re.I)
COUNTRIES = ["Japan", "Korea", "China", "India", "Germany", "United States", "Global average"]


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)


def sentences(result) -> list[str]:
    return [f.text for fs in result.findings.values() for f in fs]


def _check(result, leader: str = "China") -> str:
    text = pdf_text(result.path)
    prose = " ".join(sentences(result))
    assert not BAD_WORDS.search(prose), prose
    assert f"{leader} leads with" in prose, prose
    # The PDF shows no "nan"/"inf" anywhere, neither in a sentence nor a chart nor a table cell;
    # the table's note names the cells that were not numbers instead.
    body = re.sub(r"Cells that are not numbers in the source.*", "", text, flags=re.S)
    assert not re.search(r"\b(nan|inf)\b", text, re.I), text
    assert not BAD_WORDS.search(body.split("Appendix")[0].replace("#DIV/0!", "")), body
    return text


def test_csv_with_nan_inf_and_errors(tmp_path):
    src = tmp_path / "adoption-values.csv"
    src.write_text("Country,Share using GenAI (%)\n"
                   "Japan,inf\nKorea,61\nChina,83\nIndia,#DIV/0!\nGermany,-inf\nUnited States,1e400\n"
                   "Spain,nan\nGlobal average,54\n", encoding="utf-8")
    ws = load([src])
    report = " ".join(i.message for i in ws.report.issues)
    for cell in ("B2 'inf'", "B5 '#DIV/0!'", "B6 '-inf'", "B7 '1e400'", "B8 'nan'"):
        assert cell in report, report
    t = ws.tables[0]
    col = t.columns[1]
    assert col.kind == "percent"
    assert [v is None for v in col.values] == [True, False, False, True, True, True, True, False]
    assert col.notes[0] == "inf" and col.notes[3] == "#DIV/0!"
    result = build(BriefingSpec(sources=(str(src),), date="2024-11-25"), tmp_path / "out.pdf", workspace=ws)
    text = _check(result)
    assert "B2 (infinite)" in text and "B5 (#DIV/0!)" in text


def test_xlsx_with_error_cells_and_nonfinite_numbers(tmp_path):
    xlsxwriter = pytest.importorskip("xlsxwriter")
    src = tmp_path / "adoption-errors.xlsx"
    wb = xlsxwriter.Workbook(str(src), {"nan_inf_to_errors": True})
    ws = wb.add_worksheet("Adoption")
    pct = wb.add_format({"num_format": "0%"})
    ws.write(0, 0, "GenAI adoption by country")
    ws.write_row(2, 0, ["Country", "Share using GenAI"])
    vals = [float("inf"), 0.61, 0.83, "#DIV/0!", float("-inf"), float("nan"), 0.54]
    for i, (c, v) in enumerate(zip(COUNTRIES, vals)):
        ws.write(3 + i, 0, c)
        if isinstance(v, str):
            ws.write_formula(3 + i, 1, "=1/0", pct, v)
        else:
            ws.write_number(3 + i, 1, v, pct)   # NaN and the infinities are written as #NUM!/#DIV/0!
    wb.close()
    ws = load([src])
    report = ws.report
    col = ws.tables[0].columns[1]
    assert [v is None for v in col.values] == [True, False, False, True, True, True, False]
    assert all(col.notes[i].startswith("#") for i in (0, 3, 4, 5)), col.notes
    assert "B4 '#DIV/0!'" in " ".join(i.message for i in report.issues)
    result = build(BriefingSpec(sources=(str(src),), date="2024-11-25"), tmp_path / "out.pdf", workspace=ws)
    _check(result)


def test_xlsx_cells_holding_nan_inf_and_1e400(tmp_path):
    """Numbers in the sheet XML that Rust and Python parse to NaN and infinities."""
    from tests.ingest.makefiles import raw_xlsx, sheet_xml
    rows = [["GenAI adoption by country"], [], ["Country", "Share using GenAI (%)"]]
    rows += [[c, v] for c, v in zip(COUNTRIES, ["@inf", 61, 83, "@NaN", "@-inf", "@1e400", 54])]
    xml = re.sub(r' t="inlineStr"><is><t>@([^<]*)</t></is>', r'><v>\1</v>', sheet_xml(rows))
    src = raw_xlsx(tmp_path / "adoption-raw.xlsx", xml, "Adoption")
    result = build(BriefingSpec(sources=(str(src),), date="2024-11-25"), tmp_path / "out.pdf")
    text = _check(result)
    assert "B4 (infinite)" in text and "B7 (not a number)" in text


def _hand_table() -> Table:
    nan, inf = float("nan"), float("inf")
    cols = (Column("Country", "label", tuple(COUNTRIES)),
            Column("2023", "percent", (0.5, 0.4, 0.7, nan, 0.3, 0.2, 0.45), source_col=1),
            Column("2024", "percent", (inf, 0.61, 0.83, nan, -inf, 0.5, 0.54), source_col=2))
    prov = Provenance("/data/hand.xlsx", "Adoption", "A3:C10", "0" * 64)
    return Table("hand.xlsx|Adoption|A3", "GenAI adoption by country", cols, prov, tuple(range(3, 10)))


def test_a_table_built_by_hand_is_guarded_in_analysis_and_compose():
    t = _hand_table()
    findings = analyse({"adoption": [t]}, "en")["adoption"]
    prose = " ".join(f.text for f in findings)
    assert findings and not BAD_WORDS.search(prose), prose
    assert "nan" not in " ".join(f.headline for f in findings).lower()
    from briefing.themes import load_catalogue
    theme = next(th for th in load_catalogue() if th.key == "adoption")
    doc = compose(BriefingSpec(date="2024-11-25"), [theme], {"adoption": [t]}, {"adoption": findings})
    for blk in doc.blocks:
        if isinstance(blk, BarChart):
            assert all(v == v and abs(v) != float("inf") for v in blk.values)
        if isinstance(blk, (GroupedBarChart, LineChart)):
            for s in blk.series:
                assert all(v is None or (v == v and abs(v) != float("inf")) for v in s.values)
                assert not any(BAD_WORDS.search(x) for x in s.value_texts)
        if isinstance(blk, TableBlock):
            assert not any(re.search(r"\b(nan|inf)\b", c, re.I) for row in blk.rows for c in row), blk.rows


def test_hand_table_renders_without_nonfinite_text(tmp_path):
    from briefing.render import render_pdf
    from briefing.themes import load_catalogue
    t = _hand_table()
    findings = analyse({"adoption": [t]}, "en")
    theme = next(th for th in load_catalogue() if th.key == "adoption")
    doc = compose(BriefingSpec(date="2024-11-25"), [theme], {"adoption": [t]}, findings)
    render_pdf(doc, tmp_path / "hand.pdf")
    assert not re.search(r"\b(nan|inf)\b", pdf_text(tmp_path / "hand.pdf"), re.I)
