"""Structure: tables side by side and one under another, merged and multi-row headers, labels filled down,
hidden sheets/rows/columns, formulas with no cached value, period columns, units, footnotes, suppressed cells."""
import datetime as dt

import pytest
from openpyxl import Workbook

from briefing.ingest import read_file


def _save(wb, path):
    wb.save(path)
    return path


def _issues(report, sheet=None):
    return [i.message for i in report.issues if sheet is None or i.sheet == sheet]


def test_tables_side_by_side_and_stacked(make_workbook):
    p = make_workbook("multi.xlsx", {"S": [
        ["Adoption by region", None, None, None, "Spend by sector"],
        ["Region", "Share (%)", None, None, "Sector", "Spend (USD m)"],
        ["North", 62, None, None, "Banks", 12.5],
        ["South", 48, None, None, "Retail", 7.25],
        ["Source: survey A", None, None, None, "Note: estimates"],
        [],
        ["Plans for next year"],
        ["Region", "Planning (%)"],
        ["North", 30],
        ["South", 20],
    ]})
    tables, _ = read_file(p)
    got = [(t.title, t.provenance.cell_range, [c.name for c in t.columns], t.columns[1].values, t.source, t.notes)
           for t in tables]
    assert got == [
        ("Adoption by region", "A2:B4", ["Region", "Share (%)"], pytest.approx((0.62, 0.48)), "survey A", ()),
        ("Plans for next year", "A8:B10", ["Region", "Planning (%)"], pytest.approx((0.3, 0.2)), "", ()),
        ("Spend by sector", "E2:F4", ["Sector", "Spend (USD m)"], (12.5, 7.25), "", ("Note: estimates",)),
    ]
    assert tables[2].columns[1].kind == "money" and tables[2].columns[1].unit == "USD m"


def test_spacer_column_inside_a_table_does_not_split_it(make_workbook):
    p = make_workbook("spacer.xlsx", {"S": [["Region", "2023", None, "2024"], ["North", 1, None, 2], ["South", 3, None, 4]]})
    (t,), _ = read_file(p)
    assert [c.name for c in t.columns] == ["Region", "2023", "2024"]
    assert t.period_columns == (1, 2)


def test_merged_two_row_header_and_merged_row_labels(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Adoption"
    rows = [["Use of GenAI"], [], ["Group", "Region", "2024", None, "2023", None],
            [None, None, "Share using GenAI", "Planning", "Share using GenAI", "Planning"],
            ["Asia", "China", 0.8, 0.1, 0.7, 0.15], [None, "Japan", 0.41, 0.2, 0.35, 0.22],
            ["Europe", "Germany", 0.5, 0.2, 0.44, 0.25], [None, "France", 0.47, 0.21, 0.4, 0.3]]
    for r in rows:
        ws.append(r)
    for rng in ("A3:A4", "B3:B4", "C3:D3", "E3:F3", "A5:A6", "A7:A8"):
        ws.merge_cells(rng)
    (t,), report = read_file(_save(wb, tmp_path / "m.xlsx"))
    assert [c.name for c in t.columns] == ["Group", "Region", "2024 · Share using GenAI", "2024 · Planning",
                                           "2023 · Share using GenAI", "2023 · Planning"]
    assert t.columns[0].values == ("Asia", "Asia", "Europe", "Europe")
    assert t.provenance.cell_range == "A3:F8"
    assert t.period_columns == (4, 2)   # "Share using GenAI" over periods, oldest first
    assert "A3:F8: 2 cells of merged row labels filled down" in _issues(report, "Adoption")


def test_blank_group_labels_filled_down(make_workbook):
    p = make_workbook("fill.xlsx", {"S": [["Sector", "Size", "Share (%)"], ["Banks", "Small", 10], [None, "Large", 20],
                                          ["Retail", "Small", 30], [None, "Large", 40]]})
    (t,), report = read_file(p)
    assert t.columns[0].values == ("Banks", "Banks", "Retail", "Retail")
    assert t.columns[1].values == ("Small", "Large", "Small", "Large")
    assert "A1:C5: row labels filled down in Sector" in _issues(report)


def test_hidden_sheet_rows_and_columns(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    for r in [["Region", "Share (%)", "Helper", "Firms (n=)"], ["North", 62, "x1", 1200], ["Check", 99, "x2", 1],
              ["South", 48, "x3", 900]]:
        ws.append(r)
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["C"].hidden = True
    hidden = wb.create_sheet("Workings")
    hidden.append(["a", "b"])
    hidden.append(["c", 1])
    hidden.sheet_state = "hidden"
    (t,), report = read_file(_save(wb, tmp_path / "h.xlsx"))
    assert [c.name for c in t.columns] == ["Region", "Share (%)", "Firms (n=)"]
    assert t.columns[0].values == ("North", "South")
    assert t.source_rows == (1, 3)
    assert t.columns[2].source_col == 3
    assert t.cite_row(1) == "Data!A4:D4"
    msgs = _issues(report)
    assert "hidden rows 3 left out (rule: hidden rows and columns are not read, as they are not printed)" in msgs
    assert "hidden columns C left out (rule: hidden rows and columns are not read, as they are not printed)" in msgs
    assert "hidden sheet skipped (rule: hidden sheets are not read)" in _issues(report, "Workings")


def test_formula_without_cached_value_is_named(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Calc"
    for r in [["Region", "Firms", "Users"], ["North", 100, 62], ["South", 200, "=C2*2"], ["East", 300, "=C2+1"]]:
        ws.append(r)
    (t,), report = read_file(_save(wb, tmp_path / "f.xlsx"))
    assert t.columns[2].values == (62.0, None, None)
    (w,) = [i for i in report.issues if i.level == "warning"]
    assert (w.sheet, w.message) == ("Calc", "formulas with no cached value, read as empty (open and save the "
                                            "workbook in Excel to compute them): C3, C4")


def test_values_in_every_form(make_workbook):
    p = make_workbook("vals.xlsx", {"S": [
        ["Region", "Rate cell", "Rate (%)", "Rate text", "Spend (USD m)", "Since", "Firms (n=)"],
        ["North", 0.8, 80, "80%", "1,234.5", dt.datetime(2023, 10, 30), "1,200"],
        ["South", 0.54, "65 (a)", "54.5%", "12", dt.datetime(2024, 1, 1), "900"],
        ["East", None, "83*", "n/a", "..", dt.datetime(2024, 6, 1), "x"],
    ]}, percent={"S": {(2, 2), (3, 2)}})
    (t,), report = read_file(p)
    kinds = [(c.name, c.kind, c.unit) for c in t.columns]
    assert kinds == [("Region", "label", ""), ("Rate cell", "percent", "%"), ("Rate (%)", "percent", "%"),
                     ("Rate text", "percent", "%"), ("Spend (USD m)", "money", "USD m"), ("Since", "date", ""),
                     ("Firms (n=)", "count", "n")]
    assert t.columns[1].values == (0.8, 0.54, None)
    assert t.columns[2].values == pytest.approx((0.8, 0.65, 0.83))
    assert t.columns[2].notes == ("", "(a)", "*")
    assert t.columns[3].values == pytest.approx((0.8, 0.545, None), nan_ok=True)
    assert t.columns[3].notes == ("", "", "n/a")
    assert t.columns[4].values == (1234.5, 12.0, None)
    assert t.columns[5].values == (dt.date(2023, 10, 30), dt.date(2024, 1, 1), dt.date(2024, 6, 1))
    assert t.columns[6].values == (1200.0, 900.0, None)
    msgs = _issues(report)
    assert "footnote markers split off into notes: C3 '(a)', C4 '*'" in msgs
    assert "suppressed cells read as missing (marker kept): D4 'n/a', E4 '..', G4 'x'" in msgs


@pytest.mark.parametrize("headers,expected", [
    (["2021", "2022", "2023"], (1, 2, 3)),
    ([2023, 2021, 2022], (2, 3, 1)),
    (["Q3 2024", "Q4 2024", "Q1 2025"], (1, 2, 3)),
    (["202512", "202511", "202510"], (3, 2, 1)),
    (["Share", "Planning", "Firms"], ()),
])
def test_period_columns(make_workbook, headers, expected):
    p = make_workbook("per.xlsx", {"S": [["Region", *headers], ["North", 1, 2, 3], ["South", 4, 5, 6]]})
    (t,), _ = read_file(p)
    assert t.period_columns == expected


def test_row_of_years_under_a_group_header_names_periods(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Rates"
    for r in [["Average tax rates"], ["Earnings", "Single", None, None], ["€", 1997, 1998, 1999],
              [15000, 0.23, 0.21, 0.18], [20000, 0.28, 0.26, 0.24]]:
        ws.append(r)
    ws.merge_cells("B2:D2")
    (t,), _ = read_file(_save(wb, tmp_path / "rates.xlsx"))
    assert [c.name for c in t.columns] == ["Earnings · €", "Single · 1997", "Single · 1998", "Single · 1999"]
    assert t.period_columns == (1, 2, 3)
    assert t.columns[0].values == (15000.0, 20000.0)
    assert t.columns[3].values == (0.18, 0.24)
    assert t.provenance.cell_range == "A2:D5"
