"""Long (tidy/SDMX) files, semicolon CSVs with decimal commas, customs queries in ROC years and year-block
sheets, generated small with the layouts real publishers use, read as their publishers mean them."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from briefing.analysis import table_findings
from briefing.ingest import read_file
from briefing.ingest.periods import parse_period, partial_periods

SDMX_HEAD = ("STRUCTURE,STRUCTURE_ID,STRUCTURE_NAME,freq,Time frequency,size_emp,Size classes in number of persons "
             "employed,indic_is,Information society indicator,unit,Unit of measure,geo,Geopolitical entity (reporting),"
             "TIME_PERIOD,Time,OBS_VALUE,Observation value,OBS_FLAG,Observation status (Flag) V2 structure\n")


def _sdmx(tmp_path):
    rows = []
    data = {"E_AI_TANY": {"EU27_2020": "19.95", "DE": "25.97", "FR": "18.16", "RO": "5.21", "NO": "28.89", "TR": "7.41"},
            "E_AI_EC": {"EU27_2020": "11.10", "DE": "14.95", "FR": "", "RO": "4.00", "NO": "10.80", "TR": "8.93"}}
    for ind, by_geo in data.items():
        for geo, v in by_geo.items():
            flag, word = ("u", "low reliability") if v == "" else ("b", "break in time series") if geo == "DE" else ("", "")
            rows.append(f"dataflow,ESTAT:ISOC_EB_AI(1.0),Artificial intelligence by size class of enterprise,A,Annual,"
                        f"GE10,10 persons employed or more,{ind},label of {ind},PC_ENT,Percentage of enterprises,"
                        f"{geo},{geo} name,2025,,{v},,{flag},{word}\n")
    p = tmp_path / "sdmx_like.csv"
    p.write_text(SDMX_HEAD + "".join(rows), encoding="utf-8")
    return p


def test_sdmx_long_file_is_pivoted_one_table_per_indicator(tmp_path):
    tables, report = read_file(_sdmx(tmp_path))
    assert len(tables) == 2
    tany = next(t for t in tables if "at least one AI" in t.title)     # named from resources/codes/indic_is.toml
    assert tany.layout == "series" and tany.period_columns
    labels = tany.columns[0].values
    assert "Germany" in labels and "EU-27" in labels                   # geo codes named from resources/codes/geo.toml
    col = tany.columns[tany.period_columns[-1]]
    assert col.kind == "percent" and abs(col.values[labels.index("Romania")] - 0.0521) < 1e-9
    roles = {labels[r]: role for r, role, _ in tany.row_roles}
    assert roles["EU-27"] == "total" and roles["Norway"] == "outside" and roles["Türkiye"] == "outside"
    assert "Germany" not in roles
    # Each value cites its own cell: the OBS_VALUE column (P) of its row.
    r = labels.index("Romania")
    assert tany.cell_ref(r, tany.period_columns[-1]) == "P5"
    assert col.notes[labels.index("Germany")] == "b" and any("break" in n for n in tany.notes)
    ec = next(t for t in tables if "considered" in t.title)
    assert any("low reliability" in n and "France" in n for n in ec.notes)
    assert any("long file" in i.message for i in report.issues)


def test_sdmx_findings_rank_members_only_and_name_the_scope(tmp_path):
    tables, _ = read_file(_sdmx(tmp_path))
    tany = next(t for t in tables if "at least one AI" in t.title)
    texts = " ".join(f.text for f in table_findings(tany, "adoption", "en"))
    assert "19.95%" in texts and "10 or more persons employed" in texts
    assert "highest in Germany (25.97%)" in texts and "lowest in Romania (5.21%)" in texts
    assert "Norway" not in texts.split("Outside")[0]                 # never ranked with the members
    ec = next(t for t in tables if "considered" in t.title)
    fs = table_findings(ec, "adoption", "en")
    assert all(not f.headline for f in fs)                            # considering is not use: no callout
    assert max(f.weight for f in fs) < max(f.weight for f in table_findings(tany, "adoption", "en"))


def test_semicolon_csv_with_decimal_commas_reads_numbers(tmp_path):
    p = tmp_path / "eurostat_ent_ai_by_nace.csv"
    p.write_bytes("\ufeffNACE;2023;2024;2025\r\nManufacturing;6,79;10,57;17,27\r\nConstruction;3,2;6,09;10,79\r\n"
                  "Information and communication;29,53;48,72;62,52\r\nReal estate activities;8,5;15,45;24,76\r\n"
                  .encode("utf-8"))
    (t,), _ = read_file(p)
    assert t.layout == "series" and [t.columns[i].name for i in t.period_columns] == ["2023", "2024", "2025"]
    last = t.columns[t.period_columns[-1]]
    assert last.kind == "percent" and abs(last.values[2] - 0.6252) < 1e-9   # 62,52 -> 62.52%, never 6,252
    texts = " ".join(f.text for f in table_findings(t, "adoption", "en"))
    assert "62.52%" in texts and "29.53%" in texts and "All 4 activities rose" in texts
    assert "average" not in texts.lower()                              # no invented total


def test_thousands_commas_are_not_decimal_commas(tmp_path):
    p = tmp_path / "counts.csv"
    p.write_text("Region;2023;2024\nNorth;1,234;1,456\nSouth;2,345;2,567\nEast;3,100;3,200\n", encoding="utf-8")
    (t,), _ = read_file(p)
    assert t.columns[1].values[0] == 1234


def _customs(tmp_path):
    head = "進出口別,日期,貨品號列,中文貨名,英文貨名,美元(千元)\n"
    lines = [("85423100002", "處理器及控制器", "Processors and controllers"),
             ("85423200234", "動態隨機存取記憶體積體電路", "Dynamic random access memory integrated circuits (DRAM)"),
             ("85423900228", "其他混合積體電路", "Other hybrid integrated circuits")]
    vals = {"102年": (1000.5, 2000, 3000), "103年": (1500, 2500, 5000), "104年": (1200, 2600, 6000),
            "105年1月~105年6月(初步值)": (800, 1300, 3500)}
    body = "".join(f"出口總值(含復出口),{d},{c},{zh},{en},{v}\n" for d, vs in vals.items()
                   for (c, zh, en), v in zip(lines, vs))
    p = tmp_path / "customs_like.csv"
    p.write_text(head + body, encoding="utf-8")
    return p


def test_customs_query_in_roc_years(tmp_path):
    (t,), report = read_file(_customs(tmp_path))
    assert t.layout == "series" and "HS 8542" in t.title and "integrated circuits" in t.title
    infos = [t.period(c) for c in t.period_columns]
    assert [p.start[:4] for p in infos] == ["2013", "2014", "2015", "2016"]   # ROC year + 1911
    assert infos[-1].end == "2016-06-30" and infos[-1].status == "preliminary"
    assert t.columns[t.period_columns[0]].unit == "USD thousand"
    assert any("ROC" in i.message for i in report.issues)
    texts = [f.text for f in table_findings(t, "chips", "en")]
    joined = " ".join(texts)
    # 2015 total = 1,200 + 2,600 + 6,000 thousand = US$9.80 million, summed over the lines and cited so.
    assert "US$9.80 million in 2015" in joined and "up 8.9% from US$9.00 million in 2014" in joined
    assert "85423900228 Other hybrid integrated circuits" in joined
    partial = next(x for x in texts if "January-June 2016" in x)
    assert "not compared with whole years" in partial
    assert not any("2016" in x and ("fell" in x or "down" in x) for x in texts)
    level = next(f for f in table_findings(t, "chips", "en") if f.kind == "level")
    assert level.cites[0].endswith("F8:F10")


def _blocks(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Averages"
    ws["B1"] = "WORLDWIDE MARKET BILLINGS (in thousands of U.S. dollars)"
    ws["B2"] = "(THREE-MONTH MOVING AVERAGES)"
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    for k, m in enumerate(months):
        ws.cell(4, 2 + k, m)
    r = 5
    data = {2021: {"Americas": 10, "Japan": 5, "Asia Pacific": 20},
            2022: {"Americas": 12, "Japan": 6, "China": 9, "Asia Pacific/All other": 13},
            2023: {"Americas": 13, "Japan": 5.5, "China": 11, "Asia Pacific/All other": 14}}
    for year, regions in data.items():
        ws.cell(r, 7 if year == 2023 else 2, year)        # the year label moves to another column
        r += 1
        for name, base in regions.items():
            ws.cell(r, 1, name)
            for k in range(12 if year < 2023 else 11):     # the last December not yet published
                ws.cell(r, 2 + k, (base + k * 0.1) * 1000)
            r += 1
        ws.cell(r, 1, "Worldwide")
        for k in range(12 if year < 2023 else 11):
            ws.cell(r, 2 + k, sum((b + k * 0.1) * 1000 for b in regions.values()))
        r += 2
    p = tmp_path / "billings_like.xlsx"
    wb.save(p)
    return p


def test_year_blocks_read_as_one_monthly_series(tmp_path):
    tables, report = read_file(_blocks(tmp_path))
    assert len(tables) == 1
    t = tables[0]
    assert t.layout == "series" and len(t.period_columns) == 35
    assert t.columns[t.period_columns[-1]].name == "2023-11"
    last = t.period(t.period_columns[-1])
    assert (last.start, last.end) == ("2023-09-01", "2023-11-30")     # three months ending in November
    labels = t.columns[0].values
    assert {labels[r]: role for r, role, _ in t.row_roles} == {"Worldwide": "total"}
    w = labels.index("Worldwide")
    assert t.cell_ref(w, t.period_columns[-1]) == "L23"
    assert any("Break in the breakdown" in n and "China" in n for n in t.notes)
    texts = " ".join(f.text for f in table_findings(t, "chips", "en"))
    assert "three months to November 2023" in texts and "a year earlier" in texts
    assert "only Japan fell" in texts
    assert "Worldwide was the largest" not in texts


def test_hidden_rows_of_a_year_block_sheet_stay_out_of_its_series(tmp_path):
    """The rule (hidden rows are not read, as they are not printed) holds for the sheet read as year
    blocks too: it was read from the grid as calamine gave it, so a hidden helper row came back as a
    series while the import report said it was left out."""
    path = _blocks(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    hidden = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Japan"]
    for r in hidden:
        ws.row_dimensions[r].hidden = True
    wb.save(path)
    tables, report = read_file(path)
    assert len(tables) == 1
    t = tables[0]
    assert t.layout == "series" and len(t.period_columns) == 35
    labels = t.columns[0].values
    assert "Japan" not in labels and "Americas" in labels and "Worldwide" in labels
    assert any("hidden rows" in i.message and "left out" in i.message for i in report.issues)
    # The cells still name the rows of the sheet: Worldwide's last value is where it was.
    assert t.cell_ref(labels.index("Worldwide"), t.period_columns[-1]) == "L23"


@pytest.mark.parametrize("code,start,end,prelim", [
    ("102年", "2013-01-01", "2013-12-31", False),
    ("民國113年", "2024-01-01", "2024-12-31", False),
    ("114年1月~114年7月(初步值)", "2025-01-01", "2025-07-31", True),
    ("2024-Q3", "2024-07-01", "2024-09-30", False),
    ("2024M03", "2024-03-01", "2024-03-31", False),
    ("2023年11月", "2023-11-01", "2023-11-30", False),
])
def test_period_codes(code, start, end, prelim):
    p = parse_period(code)
    assert (p.start.isoformat(), p.end.isoformat(), p.preliminary) == (start, end, prelim)


def test_not_periods_and_partial_periods():
    assert parse_period("Austria") is None and parse_period("AT") is None and parse_period("12") is None
    ps = [parse_period(c) for c in ("2022", "2023", "2024", "114年1月~114年7月")]
    assert partial_periods(ps) == {3}
    assert dt.date(2025, 7, 31) == ps[3].end
