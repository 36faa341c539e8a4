"""The streamed scan of sheet XML (percent formats, hidden rows and columns, formulas without a
cached value, error cells) stops at max_rows and refuses DTDs and entities, as defusedxml would."""
import io
import zipfile

from briefing.ingest.xlsx_styles import _scan_sheet, workbook_hints
from briefing.paths import sample_workbook

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _sheet(body: str, head: str = "") -> io.BytesIO:
    return io.BytesIO(f'<?xml version="1.0"?>{head}<worksheet {NS}><cols><col min="2" max="3" hidden="1"/></cols>'
                      f"<sheetData>{body}</sheetData></worksheet>".encode())


def test_scan_reads_formats_hidden_rows_formulas_and_errors():
    body = ('<row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1"><f>A1*2</f></c></row>'
            '<row r="2" hidden="1"><c r="C2" t="e"><v>#DIV/0!</v></c><c r="D2" t="inlineStr"><is><t>x</t></is></c></row>'
            '<row r="3"><c r="A3" s="0"><v>1</v></c></row>')
    h = _scan_sheet(_sheet(body), [False, True], max_rows=1000)
    assert h.percent == {(0, 0)}
    assert h.no_cached_value == ["B1"]
    assert h.hidden_rows == {1} and h.hidden_cols == {1, 2}
    assert h.errors == {(1, 2): "#DIV/0!"}
    assert h.rows_scanned == 3 and not h.truncated


def test_scan_stops_at_max_rows():
    body = "".join(f'<row r="{r}"><c r="A{r}" s="1"><v>{r}</v></c></row>' for r in range(1, 5001))
    h = _scan_sheet(_sheet(body), [False, True], max_rows=10)
    assert h.truncated and h.rows_scanned == 10 and len(h.percent) == 10


def test_a_dtd_or_entity_in_a_sheet_is_refused_not_expanded(tmp_path):
    bomb = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    out = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(sample_workbook()) as zi, zipfile.ZipFile(out, "w") as zo:
        for item in zi.infolist():
            data = zi.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"<worksheet", bomb.encode() + b"<worksheet", 1)
            zo.writestr(item, data)
    hints = workbook_hints(out)
    assert "Adoption" not in hints.sheets          # the scan gave up on that sheet: no hints, no expansion
    assert hints.sheets                            # the sheets before it were scanned


def test_the_sample_percent_cells_are_found():
    hints = workbook_hints(sample_workbook())
    assert any(h.percent for h in hints.sheets.values())


def test_fast_scan_agrees_with_the_parser_and_leaves_formulas_to_it():
    from briefing.ingest.xlsx_styles import WorkbookHints, _scan_fast, _sheet_paths, _style_formats
    with zipfile.ZipFile(sample_workbook()) as z:
        formats = _style_formats(z)
        for name, member in _sheet_paths(z, WorkbookHints()).items():
            for max_rows in (3, 1000):
                fast = _scan_fast(z.open(member), formats, max_rows)
                slow = _scan_sheet(z.open(member), formats, max_rows)
                assert fast is not None and fast == slow, name
    body = '<row r="1"><c r="A1" s="1"><f>B1*2</f></c></row>'
    assert _scan_fast(_sheet(body), [False, True], 1000) is None          # formulas: the parser decides
    assert _scan_fast(_sheet("", '<!DOCTYPE w [<!ENTITY a "x">]>'), [], 1000) is None
