"""Workbook -> tables: header under title rows, notes and source, types, provenance, bad files."""
import hashlib

import pytest

from briefing.ingest import read_file, read_files
from briefing.model import InputError


class _Never:
    def is_set(self):
        return False


def _table(tables, sheet):
    return next(t for t in tables if t.sheet == sheet)


def test_sample_tables_and_provenance(sample):
    tables, report = read_file(sample)
    assert [t.sheet for t in tables] == ["Adoption", "Regulation", "Timeline", "Chips", "Models", "Safety"]
    adoption = _table(tables, "Adoption")
    assert adoption.title == "Use of generative AI by business leaders"
    assert adoption.provenance.cell_range == "A4:C7"
    assert adoption.provenance.sha256 == hashlib.sha256(sample.read_bytes()).hexdigest()
    assert adoption.source.startswith("survey of business leaders")
    assert any("more than 80%" in n for n in adoption.notes)
    col = adoption.columns[2]
    assert (col.kind, col.unit) == ("percent", "%")
    assert col.values == pytest.approx((0.8, 0.65, 0.54))
    assert col.bounds == (">", "", "")
    assert adoption.cite_row(0) == "Adoption!A5:C5"
    # The About sheet is workbook notes, reported, not a table.
    assert any(i.sheet == "About" for i in report.issues)


def test_sample_types(sample):
    tables, _ = read_file(sample)
    timeline = _table(tables, "Timeline")
    assert timeline.columns[0].kind == "date"
    assert timeline.columns[0].values[0] == 2023
    chips = _table(tables, "Chips")
    value = chips.column("Value")
    assert value.values == pytest.approx((64.53, -0.054))
    assert value.bounds[0] == "<="
    assert chips.column("公司").values[0] == "科大讯飞"


def test_header_found_under_title_rows_csv(tmp_path):
    p = tmp_path / "survey.csv"
    p.write_text("Share of firms using AI\nWave 3\n\nRegion,Using AI (%),Firms (n=)\n"
                 "North,62,1200\nSouth,48*,900\nEast,-,300\n\nSource: test survey\n", encoding="utf-8")
    tables, _ = read_file(p)
    (t,) = tables
    assert t.title == "Share of firms using AI"
    assert t.source == "test survey"
    assert [c.name for c in t.columns] == ["Region", "Using AI (%)", "Firms (n=)"]
    assert t.columns[1].kind == "percent"
    assert t.columns[1].values == pytest.approx((0.62, 0.48, None), nan_ok=True)
    assert t.columns[2].kind == "count"
    assert t.provenance.cell_range == "A4:C7"


def test_csv_gb18030_and_semicolons(tmp_path):
    p = tmp_path / "cn.csv"
    p.write_bytes("地区;比例 (%)\n中国;80\n美国;65\n".encode("gb18030"))
    (t,), _ = read_file(p)
    assert t.columns[0].values == ("中国", "美国")
    assert t.columns[1].values == pytest.approx((0.8, 0.65))


def test_two_row_header_is_joined(make_workbook):
    p = make_workbook("h.xlsx", {"S": [
        ["Adoption by year"], [],
        ["Region", "2023", None],
        [None, "Using", "Planning"],
        ["A", 10, 20], ["B", 30, 40]]})
    (t,), _ = read_file(p)
    assert [c.name for c in t.columns] == ["Region", "2023 · Using", "2023 · Planning"]


def test_missing_file():
    with pytest.raises(InputError, match="file not found"):
        read_file("/no/such/file.xlsx")


def test_text_renamed_xlsx(tmp_path):
    p = tmp_path / "fake.xlsx"
    p.write_text("hello, this is not a workbook")
    with pytest.raises(InputError, match=r"fake\.xlsx: not a spreadsheet"):
        read_file(p)


def test_empty_workbook(make_workbook):
    p = make_workbook("empty.xlsx", {"Sheet1": []})
    with pytest.raises(InputError, match=r"empty\.xlsx: the workbook is empty"):
        read_file(p)


def test_corrupt_zip(tmp_path, sample):
    p = tmp_path / "broken.xlsx"
    p.write_bytes(sample.read_bytes()[:2000])
    with pytest.raises(InputError, match=r"broken\.xlsx"):
        read_file(p)


def test_one_bad_file_does_not_stop_the_others(tmp_path, sample):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("nope")
    tables, report = read_files([str(bad), str(sample)], progress=lambda f, m: None, cancel=_Never())
    assert len(tables) == 6
    assert [e.file for e in report.errors] == ["bad.xlsx"]
    assert "not a spreadsheet" in report.errors[0].line()


def test_source_file_is_not_written(sample):
    before = (sample.stat().st_mtime_ns, hashlib.sha256(sample.read_bytes()).hexdigest())
    read_file(sample)
    assert (sample.stat().st_mtime_ns, hashlib.sha256(sample.read_bytes()).hexdigest()) == before
