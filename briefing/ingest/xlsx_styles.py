"""Number formats of the first rows of each .xlsx sheet, which calamine does not expose.

calamine gives values but not formats, and a percent cell holds 0.8 for 80%.
openpyxl would parse the whole workbook for this, so the XML is streamed here
(defusedxml) and each sheet is read only as far as `max_rows`.
"""
from __future__ import annotations

import posixpath
import re
import zipfile

from defusedxml import ElementTree as ET

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PERCENT_BUILTIN = {9: "0%", 10: "0.00%"}
_DATE_BUILTIN = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}
_CELL = re.compile(r"^([A-Z]+)(\d+)$")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _interesting(code: str) -> bool:
    return "%" in code


def _style_formats(z: zipfile.ZipFile) -> list[str]:
    """cellXfs index -> number format code (only percent formats kept, others "")."""
    try:
        root = ET.fromstring(z.read("xl/styles.xml"))
    except KeyError:
        return []
    custom = {}
    numfmts = root.find(f"{_NS}numFmts")
    if numfmts is not None:
        for nf in numfmts.findall(f"{_NS}numFmt"):
            custom[int(nf.get("numFmtId", "0"))] = nf.get("formatCode", "")
    out = []
    xfs = root.find(f"{_NS}cellXfs")
    if xfs is not None:
        for xf in xfs.findall(f"{_NS}xf"):
            fid = int(xf.get("numFmtId", "0"))
            code = custom.get(fid) or _PERCENT_BUILTIN.get(fid, "")
            out.append(code if _interesting(code) else "")
    return out


def _sheet_paths(z: zipfile.ZipFile) -> dict[str, str]:
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    sheets = wb.find(f"{_NS}sheets")
    for s in (sheets if sheets is not None else []):
        target = targets.get(s.get(_REL), "")
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out[s.get("name", "")] = path
    return out


def percent_cells(path: str, max_rows: int = 400) -> dict[str, set[tuple[int, int]]]:
    """Sheet name -> 0-based (row, col) of cells formatted as percentages within the first max_rows rows."""
    result: dict[str, set[tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            formats = _style_formats(z)
            if not any(formats):
                return result
            for name, member in _sheet_paths(z).items():
                cells: set[tuple[int, int]] = set()
                try:
                    stream = z.open(member)
                except KeyError:
                    continue
                with stream:
                    for _event, el in ET.iterparse(stream, events=("end",)):
                        if el.tag == f"{_NS}row":
                            if int(el.get("r", "0") or 0) > max_rows:
                                break
                            el.clear()
                        elif el.tag == f"{_NS}c":
                            s = el.get("s")
                            if s is not None and int(s) < len(formats) and formats[int(s)]:
                                m = _CELL.match(el.get("r", ""))
                                if m:
                                    cells.add((int(m.group(2)) - 1, _col_index(m.group(1))))
                result[name] = cells
    except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError, OSError):
        # Formats are a hint; the values were read by calamine already.
        return result
    return result
