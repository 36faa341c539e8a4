"""The companion workbook (build --data) and the data appendix (build --data-appendix), read back."""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from briefing import cli, pipeline
from briefing.compose.data_appendix import UsedTable
from briefing.export import workbook as xw
from briefing.fileio import sha256_file
from briefing.model import BriefingSpec, Cancelled, Column, Provenance, Table

DATE = "2026-01-01"


def _pdf_text(path: Path) -> str:
    return "\n".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


def _rows(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def _header_row(ws, first: str) -> int:
    """1-based row of the table's header: the first row after the heading lines whose first cell names `first`."""
    for r, row in enumerate(ws.iter_rows(min_row=5, max_col=1, values_only=True), 5):
        if row[0] == first or isinstance(row[0], str) and row[0].startswith(first + " ("):   # "Amount (USD m)"
            return r
    raise AssertionError(f"no header row starting {first!r} in {ws.title}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The sample's briefing with its companion workbook, and the tables the briefing used."""
    d = tmp_path_factory.mktemp("demo")
    assert cli.main(["build", "--demo", "-o", str(d / "b.pdf"), "--data", str(d / "data.xlsx"), "--date", DATE]) == 0
    ws = pipeline.load_demo()
    used = pipeline.used_tables(BriefingSpec(sources=ws.sources), ws)
    return d / "data.xlsx", used


def test_a_sheet_per_table_headed_by_its_citation_and_sha256(demo, sample):
    path, used = demo
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Index"
    sheets = wb.sheetnames[1:]
    assert len(sheets) == len(used) == 6
    assert len({s.lower() for s in sheets}) == len(sheets)
    assert all(len(s) <= 31 and not re.search(r"[\[\]:*?/\\]", s) for s in sheets)
    digest = sha256_file(sample)
    for name, u in zip(sheets, used):
        ws = wb[name]
        assert ws["A1"].value == u.table.title
        assert ws["A2"].value == f"Source: {sample.name}, {u.table.provenance.cite()}"
        assert ws["A3"].value == f"SHA-256 of {sample.name}: {digest}"
        assert ws["A4"].value.startswith("Used in: ") and u.sections[0] in ws["A4"].value
    # The index names each sheet, its table, section, cells and digest.
    index = _rows(wb["Index"])
    head = index.index(["No.", "Sheet", "Table", "Used in section", "File", "Cells", "SHA-256", "Rows"])
    listed = index[head + 1:head + 1 + len(used)]
    assert [r[1] for r in listed] == sheets
    assert [r[5] for r in listed] == [u.table.provenance.cite() for u in used]
    assert {r[6] for r in listed} == {digest}
    assert [r[7] for r in listed] == [u.table.n_rows for u in used]
    assert dict((r[2], r[3]) for r in listed)["Preparedness for generative-AI regulation"] == "AI regulation"


def test_values_are_the_tables_values_as_numbers_with_their_format(demo):
    path, used = demo
    wb = openpyxl.load_workbook(path)
    ws = wb["1 Adoption"]
    top = _header_row(ws, "Country / region")
    assert [c.value for c in ws[top]] == ["Country / region", "国家/地区", "Using GenAI (%)"]
    china, us, world = (ws[top + k] for k in (1, 2, 3))
    assert (china[0].value, china[2].value, china[2].number_format) == ("China", 0.8, '">"0%')   # "more than 80%"
    assert (us[2].value, us[2].number_format) == (0.65, "0%")
    assert (world[0].value, world[2].value, world[2].data_type) == ("Global average", 0.54, "n")
    # Every value of every table, cell for cell (dates as dates, labels as text, numbers as numbers).
    for name, u in zip(wb.sheetnames[1:], used):
        ws = wb[name]
        t = u.table
        top = _header_row(ws, t.columns[0].name)
        header = [c.value for c in ws[top]]
        for c in t.columns:
            k = next(i for i, h in enumerate(header) if h is not None and h.startswith(c.name))
            got = [ws.cell(top + 1 + r, k + 1).value for r in range(t.n_rows)]
            want = [dt.datetime.combine(v, dt.time()) if isinstance(v, dt.date) and not isinstance(v, dt.datetime)
                    else v for v in c.values]
            assert got == want, (name, c.name)
    chips = wb["4 Chips"]
    top = _header_row(chips, "Company")
    loss = chips.cell(top + 1, 4)
    assert (loss.value, loss.number_format) == (64.53, '"≤"#,##0.00')   # "up to USD 64.53 m"
    assert chips.cell(top + 2, 4).number_format == "0.0%"                 # the row whose unit is %
    timeline = wb["2 Timeline"]
    top = _header_row(timeline, "Date")
    assert [timeline.cell(top + r, 1).value for r in (1, 3)] == [2023, "Early 2024"]
    assert timeline.cell(top + 2, 1).number_format == "mmmm yyyy"        # "October 2023", as the briefing reads


def _table(**col_kw) -> Table:
    cols = (
        Column("Group", "label", ("=1+1", "North\x07", "South", "All"), source_col=0),
        Column("Share", "percent", (0.123, None, 0.5, 0.4), unit="%", source_col=1,
               bounds=("", "", "<", ""), notes=("*", "x", "", ""), errors=(0.01, None, 0.02, 0.005),
               bases=(40, None, 300, 1000)),
        Column("Amount", "money", (1234.5, 2.0, None, 3.25), unit="USD m", source_col=2),
        Column("When", "date", (dt.date(2024, 3, 5), dt.date(2024, 4, 1), 2023, "Q2 2024"), source_col=3),
    )
    return Table(key="f.xlsx|S 1|A3:D7", title="A [test]: table?", columns=cols,
                 provenance=Provenance("/nowhere/f.xlsx", "S/1*", "A3:D7", "ab" * 32), source_rows=(3, 4, 5, 6),
                 header_row=2, notes=("Note: made up.",), source="Nobody", row_roles=((3, "total", "label"),),
                 col_groups=((1, "Measures"), (2, "Measures")))


def test_cells_keep_text_as_text_bounds_markers_errors_and_bases(tmp_path):
    out = tmp_path / "t.xlsx"
    names = xw.write_data_workbook([UsedTable(_table(), ("Tests",))], out, title="T")
    assert names == ("1 S 1",)
    ws = openpyxl.load_workbook(out)["1 S 1"]
    assert ws["A2"].value == "Source: f.xlsx, 'S/1*'!A3:D7"
    top = _header_row(ws, "Group")
    assert [c.value for c in ws[top - 1]][1:3] == ["Measures", None]      # the banner above its columns
    assert [c.value for c in ws[top]] == ["Group", "Share", "Share (standard error)", "Share (base, n)",
                                          "Amount (USD m)", "When", "Row role"]
    rows = [[c for c in ws[top + k]] for k in range(1, 5)]
    assert (rows[0][0].value, rows[0][0].data_type) == ("=1+1", "s")      # a label is never a formula
    assert rows[1][0].value == "North"                                     # no control characters
    assert (rows[0][1].value, rows[0][1].number_format) == (0.123, '0.0%"*"')   # footnote marker kept
    assert rows[1][1].value == "x"                                         # suppressed: the source's marker
    assert (rows[2][1].value, rows[2][1].number_format) == (0.5, '"<"0.0%')
    assert [r[2].value for r in rows] == [0.01, None, 0.02, 0.005]
    assert [r[3].value for r in rows] == [40, None, 300, 1000]
    assert (rows[0][4].value, rows[0][4].number_format) == (1234.5, "#,##0.00")
    assert rows[2][4].value is None
    assert [r[5].value for r in rows] == [dt.datetime(2024, 3, 5), dt.datetime(2024, 4, 1), 2023, "Q2 2024"]
    assert [r[6].value for r in rows] == [None, None, None, "total"]
    tail = [r[0] for r in ws.iter_rows(min_row=top + 5, max_col=1, values_only=True) if r[0]]
    assert tail == ["Note: made up.", "Publisher's source: Nobody"]


def test_sheet_names_are_valid_and_unique():
    long = _table()
    names = {xw.sheet_name(n, long) for n in range(1, 120)}
    assert len({n.lower() for n in names}) == 119
    for n in names:
        assert len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) and not n.startswith("'")
    from dataclasses import replace
    wide = replace(long, provenance=replace(long.provenance, sheet="x" * 40))
    assert xw.sheet_name(7, wide) == "7 " + "x" * 29


def test_an_existing_workbook_is_replaced_whole(tmp_path, monkeypatch):
    out = tmp_path / "data.xlsx"
    out.write_bytes(b"the old workbook")
    os.chmod(out, 0o640)
    ws = pipeline.load_demo()
    spec = BriefingSpec(sources=ws.sources, date=DATE)
    # A write that fails half-way leaves the old file as it was, and no temporary file.
    from briefing import export

    def broken(used, path, **kw):
        Path(path).write_bytes(b"half a workbook")
        raise RuntimeError("disk gone")

    monkeypatch.setattr(export, "write_data_workbook", broken)
    with pytest.raises(RuntimeError):
        pipeline.export_data(spec, out, workspace=ws)
    assert out.read_bytes() == b"the old workbook" and sorted(os.listdir(tmp_path)) == ["data.xlsx"]
    monkeypatch.undo()
    result = pipeline.export_data(spec, out, workspace=ws)
    assert result.path == out and len(result.sheets) == 6
    assert openpyxl.load_workbook(out).sheetnames[0] == "Index"
    assert os.stat(out).st_mode & 0o777 == 0o640          # the mode of the file it replaced
    assert sorted(os.listdir(tmp_path)) == ["data.xlsx"]
    # Cancelled: no file written, the previous one whole.
    before = out.read_bytes()

    class Set:
        def is_set(self):
            return True
    with pytest.raises(Cancelled):
        pipeline.export_data(spec, out, workspace=ws, cancel=Set())
    assert out.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["data.xlsx"]


def test_a_source_is_never_overwritten(tmp_path, capsys, sample):
    src = tmp_path / "survey.xlsx"
    src.write_bytes(sample.read_bytes())
    link = tmp_path / "link.xlsx"
    os.link(src, link)
    before = sha256_file(src)
    for target in (src, link, sample):
        pdf = tmp_path / "b.pdf"
        assert cli.main(["build", str(src), "-o", str(pdf), "--data", str(target)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and err.startswith("briefing: error:")
        assert "refusing to write the data workbook over the source" in err
        assert not pdf.exists()                        # refused before any work
    assert sha256_file(src) == before and sha256_file(sample) != "" and link.read_bytes() == src.read_bytes()
    assert cli.main(["build", "--demo", "-o", str(tmp_path / "b.pdf"), "--data", str(tmp_path / "d.csv")]) == 2
    assert "name it .xlsx" in capsys.readouterr().err


def test_chinese_workbook_headings(tmp_path):
    out = tmp_path / "zh.xlsx"
    assert cli.main(["build", "--demo", "--lang", "zh", "-o", str(tmp_path / "zh.pdf"), "--data", str(out),
                     "--date", DATE]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "索引"
    assert wb[wb.sheetnames[1]]["A2"].value.startswith("来源：genai-survey-2024.xlsx，Adoption!A4:C7")


def test_data_appendix_prints_every_table_after_the_source_appendix(tmp_path):
    plain, full = tmp_path / "plain.pdf", tmp_path / "full.pdf"
    assert cli.main(["build", "--demo", "-o", str(plain), "--date", DATE]) == 0
    assert cli.main(["build", "--demo", "-o", str(full), "--date", DATE, "--data-appendix"]) == 0
    without, with_ = _pdf_text(plain), _pdf_text(full)
    assert "Data appendix" not in without and "Data appendix: the tables in full" in with_
    tail = with_[with_.rindex("Data appendix: the tables in full"):]
    assert with_.index("Appendix: data sources") < with_.rindex("Data appendix: the tables in full")
    for row in ("D1. Use of generative AI by business leaders", "China 中国 >80%", "Global average 全球平均 54%",
                "D6. Safety concerns prompting GenAI rules", "Data privacy 数据隐私",
                "Source: genai-survey-2024.xlsx, Safety!A4:B7. Used in: AI safety and trust."):
        assert row in tail, row
    # The body is the same: the appendix starts on the same page in both.
    def appendix_page(path):
        pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages]
        return next(i for i, p in enumerate(pages) if p.find("Appendix: data sources") >= 0 and i > 2)
    assert appendix_page(plain) == appendix_page(full)
    assert len(PdfReader(str(full)).pages) > len(PdfReader(str(plain)).pages)


def test_data_appendix_cuts_a_long_table_and_cites_the_rest(monkeypatch):
    from briefing.analysis.phrasing import load
    from briefing.compose import data_appendix as da
    from briefing.compose.blocks import TableBlock

    monkeypatch.setattr(da, "MAX_DATA_ROWS", 2)
    t = _table()
    blocks = da.data_appendix([UsedTable(t, ("Tests",))], "en")
    (table,) = [b for b in blocks if isinstance(b, TableBlock)]
    assert len(table.rows) == 2
    assert load("en")["doc"]["rows_shown"].format(shown=2, total="4", cite=t.provenance.cite()) in table.notes


def test_data_appendix_turns_a_wide_short_table_and_names_its_unit_once():
    from briefing.compose import data_appendix as da
    from briefing.compose.blocks import TableBlock

    months = [f"2024-{m:02d}" for m in range(1, 13)] + [f"2025-{m:02d}" for m in range(1, 7)]
    cols = (Column("Region", "label", ("Americas", "Europe"), source_col=0),
            *(Column(m, "money", (100.0 + k, 50.5 + k), unit="USD m", source_col=k + 1)
              for k, m in enumerate(months)))
    t = Table(key="w", title="Billings", columns=cols, provenance=Provenance("/x/w.xlsx", "S", "A1:S3", "0" * 64),
              source_rows=(1, 2), period_columns=tuple(range(1, 19)))
    (table,) = [b for b in da.data_appendix([UsedTable(t, ("Chips",))], "en") if isinstance(b, TableBlock)]
    assert table.title == "D1. Billings (USD m)"
    assert table.header == ("Region", "Americas", "Europe")
    assert len(table.rows) == 18
    assert table.rows[:2] == (("2024-01", "100.0", "50.5"), ("2024-02", "101.0", "51.5"))   # a row per month
    assert "USD" not in " ".join(c for row in table.rows for c in row)      # the unit once, in the title


def test_a_base_the_whole_column_shares_is_one_row_under_the_data(tmp_path):
    cols = (Column("Answer", "label", ("Yes", "No"), source_col=0),
            Column("Canada", "percent", (0.3, 0.7), unit="%", source_col=1, bases=(1114, 1114)),
            Column("France", "percent", (0.27, 0.73), unit="%", source_col=2, bases=(1120, 1120)))
    t = Table(key="x", title="Q1", columns=cols, provenance=Provenance("/x/p.xlsx", "All", "A5:C7", "1" * 64),
              source_rows=(5, 6), base_rows=(("unweighted", "Unweighted base ", 8),))
    out = tmp_path / "b.xlsx"
    xw.write_data_workbook([UsedTable(t, ("Trust",))], out)
    ws = openpyxl.load_workbook(out)["1 All"]
    top = _header_row(ws, "Answer")
    assert [c.value for c in ws[top]] == ["Answer", "Canada", "France"]      # no column of repeated bases
    assert [c.value for c in ws[top + 3]] == ["Unweighted base", 1114, 1120]


def test_project_build_writes_the_data_workbook_and_appendix(tmp_path, capsys, sample):
    from briefing import project as projects

    src = tmp_path / "survey.xlsx"
    src.write_bytes(sample.read_bytes())
    proj = tmp_path / "p.briefing"
    projects.save(projects.Project(sources=(projects.Source(str(src)),), themes=("chips",)), proj)
    out, data = tmp_path / "p.pdf", tmp_path / "p.xlsx"
    # The project file itself is never written over, and that is known before any work.
    assert cli.main(["build", "--project", str(proj), "-o", str(out), "--data", str(proj)]) == 2
    assert "refusing" in capsys.readouterr().err and not out.exists()
    assert cli.main(["build", "--project", str(proj), "-o", str(out), "--data", str(data), "--data-appendix"]) == 0
    assert openpyxl.load_workbook(data).sheetnames == ["Index", "1 Chips"]
    assert "D1. AI chips and US export controls: company impact" in _pdf_text(out)


def test_same_tables_and_date_give_the_same_bytes(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (a, b):
        assert cli.main(["build", "--demo", "-o", str(tmp_path / "x.pdf"), "--data", str(out), "--date", DATE]) == 0
    assert a.read_bytes() == b.read_bytes()
    wb = openpyxl.load_workbook(a)
    assert wb.properties.created == dt.datetime(2026, 1, 1) and wb.properties.creator == "Briefing"


def test_tables_of_one_sheet_are_named_by_their_question():
    from dataclasses import replace
    t = replace(_table(), question_code="TRUST")
    assert xw.sheet_name(2, t) == "2 S 1" and xw.sheet_name(2, t, shared=True) == "2 TRUST"
    assert xw.sheet_name(3, replace(t, question_code=""), shared=True) == "3 A test table"


def test_a_table_longer_than_a_sheet_is_cut_with_a_line_citing_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(xw, "MAX_SHEET_ROWS", 13)
    out = tmp_path / "cut.xlsx"
    xw.write_data_workbook([UsedTable(_table(), ("Tests",))], out)
    ws = openpyxl.load_workbook(out)["1 S 1"]
    assert ws.max_row <= 13
    lines = [r[0] for r in ws.iter_rows(values_only=True) if r[0]]
    assert "Rows written: 1 of 4 (a sheet holds at most 1,048,576 rows); all rows are in 'S/1*'!A3:D7." in lines


def test_a_template_without_an_appendix_says_the_data_appendix_is_not_printed(tmp_path, capsys):
    out = tmp_path / "one.pdf"
    assert cli.main(["build", "--demo", "--template", "onepager", "-o", str(out), "--data-appendix"]) == 0
    err = capsys.readouterr().err
    assert "briefing: warning: the template 'onepager' prints no appendix, so no data appendix either" in err
    assert "Data appendix" not in _pdf_text(out)


def test_data_appendix_joins_label_columns_of_a_table_printed_in_column_groups():
    from briefing.compose import data_appendix as da
    from briefing.compose.blocks import TableBlock

    periods = [str(202401 + k) for k in range(14)]
    cols = (Column("Sector", "label", ("22", "22"), source_col=0), Column("Answer", "label", ("Yes", "No"), source_col=1),
            *(Column(p, "percent", (0.1, 0.9), unit="%", source_col=k + 2) for k, p in enumerate(periods)))
    t = Table(key="l", title="AI use", columns=cols, provenance=Provenance("/x/b.xlsx", "R", "A1:P3", "0" * 64),
              source_rows=(1, 2))
    (table,) = [b for b in da.data_appendix([UsedTable(t, ("AI",))], "en") if isinstance(b, TableBlock)]
    assert table.header[:2] == ("Sector · Answer", "202401")
    assert [row[0] for row in table.rows] == ["22 · Yes", "22 · No"] and table.rows[0][1] == "10%"


def test_a_source_changed_since_it_was_read_is_named_in_a_warning(tmp_path, sample):
    src = tmp_path / "survey.xlsx"
    src.write_bytes(sample.read_bytes())
    ws = pipeline.load([src], strict=True)
    read_as = sha256_file(src)
    with open(src, "ab") as f:
        f.write(b"\0")                       # the file on disk is no longer the one read
    result = pipeline.export_data(BriefingSpec(sources=ws.sources, date=DATE), tmp_path / "d.xlsx", workspace=ws)
    assert result.warnings == ("survey.xlsx changed since it was read; the data workbook gives the tables and "
                               "SHA-256 as read",)
    sheet = openpyxl.load_workbook(tmp_path / "d.xlsx").worksheets[1]
    assert sheet["A3"].value == f"SHA-256 of survey.xlsx: {read_as}"


def test_a_cancelled_export_closes_its_streams_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    """Cancelled mid-table: openpyxl's half-written sheet streams are closed there and then, in
    order (left to the collector, lxml reported each later, as an unraisable error in whatever ran),
    and the temporary file each streamed into is gone."""
    import gc
    import sys
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ws = pipeline.load_demo()
    used = pipeline.used_tables(BriefingSpec(title="T", date="2026-11-25", themes=("chips", "adoption")), ws)
    assert len(used) >= 2

    class AfterOne:
        n = 0

        def is_set(self):
            self.n += 1
            return self.n > 1
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with pytest.raises(Cancelled):
        xw.write_data_workbook(used, tmp_path / "out.xlsx", cancel=AfterOne())
    gc.collect()
    assert unraisable == []
    assert not (tmp_path / "out.xlsx").exists() and not list(tmp_path.glob("openpyxl.*"))
