"""Formats: .xlsm, .xls (BIFF, via the corpus and a BIFF2 stream), .ods, CSV/TSV in every common encoding."""
import datetime as dt
from pathlib import Path

import pytest

from briefing.ingest import read_file
from tests.ingest.test_corpus import CORPUS, needs_corpus

ROWS = "Region,Share using AI (%),Firms (n=)\nZürich,62,1200\n北京,48*,900\nSão Paulo,-,300\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""),
])
def test_csv_encodings(tmp_path, encoding, prefix):
    p = tmp_path / "survey.csv"
    p.write_bytes(prefix + ROWS.encode(encoding))
    (t,), report = read_file(p)
    assert [c.name for c in t.columns] == ["Region", "Share using AI (%)", "Firms (n=)"]
    assert t.columns[0].values == ("Zürich", "北京", "São Paulo")
    assert t.columns[1].values == pytest.approx((0.62, 0.48, None), nan_ok=True)
    assert t.columns[1].notes == ("", "*", "-")
    assert (t.columns[2].kind, t.columns[2].unit, t.columns[2].values) == ("count", "n", (1200.0, 900.0, 300.0))


def test_csv_gb18030_chinese_file(tmp_path):
    p = tmp_path / "调查.csv"
    p.write_bytes("省份,使用比例 (%),样本数 (n=)\n北京,62,1200\n上海,48*,900\n广东,..,300\n".encode("gb18030"))
    (t,), report = read_file(p)
    assert [c.name for c in t.columns] == ["省份", "使用比例 (%)", "样本数 (n=)"]
    assert t.columns[0].values == ("北京", "上海", "广东")
    assert t.columns[1].values == pytest.approx((0.62, 0.48, None), nan_ok=True)
    assert t.columns[1].notes == ("", "*", "..")


def test_csv_cp1252(tmp_path):
    p = tmp_path / "west.csv"
    p.write_bytes("Café;Spend (EUR m)\nZürich;1.234,5\nKöln;€ 12\n".replace("1.234,5", "1234.5").encode("cp1252"))
    (t,), _ = read_file(p)
    assert t.columns[0].values == ("Zürich", "Köln")
    assert [c.name for c in t.columns] == ["Café", "Spend (EUR m)"]
    assert (t.columns[1].kind, t.columns[1].unit) == ("money", "EUR m")
    assert t.columns[1].values == pytest.approx((1234.5, 12.0))


def test_tsv_with_thousands_separators(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("Country\tRespondents\tSpend (USD m)\nChina\t1,200\t64.53\nUnited States\t12,400\t1,005.5\n",
                 encoding="utf-8")
    (t,), _ = read_file(p)
    assert t.columns[1].values == (1200.0, 12400.0)
    assert t.columns[2].values == pytest.approx((64.53, 1005.5))
    assert t.columns[2].unit == "USD m"


def test_xlsm_reads_like_xlsx(make_workbook):
    p = make_workbook("macro.xlsm", {"Data": [["Region", "Share"], ["North", 0.5], ["South", 0.25]]},
                      percent={"Data": {(2, 2), (3, 2)}})
    (t,), _ = read_file(p)
    assert (t.columns[1].kind, t.columns[1].values) == ("percent", (0.5, 0.25))


def test_ods_made_by_code(tmp_path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    sheet = Table(name="Adoption")
    for row in [["Use of AI by firms"], [], ["Region", "Share (%)", "Since"],
                ["North", 62.5, dt.date(2023, 10, 30)], ["South", 48.0, dt.date(2024, 3, 1)]]:
        tr = TableRow()
        for v in row:
            if isinstance(v, float):
                cell = TableCell(valuetype="float", value=v)
            elif isinstance(v, dt.date):
                cell = TableCell(valuetype="date", datevalue=v.isoformat())
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        sheet.addElement(tr)
    doc.spreadsheet.addElement(sheet)
    p = tmp_path / "survey.ods"
    doc.save(str(p))
    (t,), _ = read_file(p)
    assert (t.title, t.sheet, t.provenance.cell_range) == ("Use of AI by firms", "Adoption", "A3:C5")
    assert t.columns[1].values == pytest.approx((0.625, 0.48))
    assert t.columns[2].kind == "date"
    assert [v.date() if isinstance(v, dt.datetime) else v for v in t.columns[2].values] == \
        [dt.date(2023, 10, 30), dt.date(2024, 3, 1)]


@needs_corpus
def test_xls_biff8_with_chinese():
    (t,), _ = read_file(CORPUS / "apache__poi" / "chinese-provinces.xls")
    assert [c.name for c in t.columns] == ["Provinces in China", "Chinese Name"]
    assert t.columns[1].values[:3] == ("安徽省", "北京市", "重庆市")
    assert t.provenance.cell_range == "A1:B4"
