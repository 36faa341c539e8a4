"""Workbooks made by code for the import tests: raw OOXML parts, BIFF2 streams, patched zips."""
from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from briefing.model import column_letter

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
       '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
       '<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>')


col = column_letter   # 0-based column index -> letters, as the app names cells


def sheet_xml(rows, prolog: str = "") -> str:
    """A worksheet with inline strings and numbers; rows is an iterable of lists."""
    out = [f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="http://schemas.openxmlformats.org/'
           'spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, 1):
        cells = []
        for c, v in enumerate(row):
            ref = f"{col(c)}{r}"
            if v is None:
                continue
            if isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{v if v.startswith("&") else escape(v)}</t></is></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    out.append("</sheetData></worksheet>")
    return "".join(out)


def raw_xlsx(path: Path, sheet: str, name: str = "Data") -> Path:
    """An .xlsx from one worksheet's XML text (written in one go, so a million rows take a second)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB.format(name=name))
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def biff2_xls(path: Path, rows) -> Path:
    """An Excel 2.x worksheet as a bare BIFF2 stream (no OLE container): calamine cannot read it, xlrd can."""
    def rec(rid: int, data: bytes) -> bytes:
        return struct.pack("<HH", rid, len(data)) + data
    out = [rec(0x0009, struct.pack("<HH", 2, 0x10))]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, str):
                b = v.encode("latin-1")
                out.append(rec(0x0004, struct.pack("<HH", r, c) + b"\0\0\0" + bytes([len(b)]) + b))
            elif v is not None:
                out.append(rec(0x0003, struct.pack("<HH", r, c) + b"\0\0\0" + struct.pack("<d", v)))
    out.append(rec(0x000A, b""))
    path.write_bytes(b"".join(out))
    return path


def claim_size(path: Path, size: int) -> Path:
    """Patches a zip's central directory so its members claim `size` bytes each when inflated."""
    data = bytearray(path.read_bytes())
    i = 0
    while (i := data.find(b"PK\x01\x02", i)) >= 0:
        struct.pack_into("<I", data, i + 24, size)   # uncompressed size field of the entry
        i += 4
    path.write_bytes(bytes(data))
    return path


def huge_cell_ref(src: Path, out: Path, sheet_part: str, cell: str) -> Path:
    """A copy of the workbook `src` with the cell `cell` of `sheet_part` ("xl/worksheets/sheet2.xml")
    moved to XFD1048576: calamine asks for 512 GB and aborts."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for item in zi.infolist():
            data = zi.read(item)
            if item.filename == sheet_part:
                data, n = re.subn(rb'<c r="' + cell.encode() + rb'"', b'<c r="XFD1048576"', data, count=1)
                assert n == 1, f"no cell {cell} in {sheet_part}"
            zo.writestr(item.filename, data)
    return out
