"""What calamine does not expose about an .xlsx sheet, streamed from its XML: percent formats, hidden rows
and columns, formulas with no cached value, and defined names.

openpyxl would parse the whole workbook for this (about 9x slower than calamine),
so the XML is streamed here with defusedxml, and each sheet only as far as `max_rows`.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from typing import IO

from defusedxml import ElementTree as ET

_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REL_STRICT = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"
_PERCENT_BUILTIN = {9: "0%", 10: "0.00%"}
_CELL = re.compile(r"^([A-Z]+)(\d+)$")
MAX_ROWS = 1000


@dataclass
class SheetHints:
    percent: set[tuple[int, int]] = field(default_factory=set)     # 0-based (row, col)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    no_cached_value: list[str] = field(default_factory=list)       # A1 names of formulas without a value
    # Error cells (t="e": "#DIV/0!", "#N/A"), which calamine reads as empty: 0-based (row, col) -> code.
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    rows_scanned: int = 0
    truncated: bool = False                                        # the sheet goes on past max_rows


@dataclass
class WorkbookHints:
    sheets: dict[str, SheetHints] = field(default_factory=dict)
    defined_names: list[str] = field(default_factory=list)


def _local(tag: str) -> str:
    # Strict OOXML and odd prefixes use other namespaces: match on the local name.
    return tag.rpartition("}")[2]


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _style_formats(z: zipfile.ZipFile) -> list[bool]:
    """cellXfs index -> True when its number format is a percentage."""
    try:
        root = ET.fromstring(z.read("xl/styles.xml"))
    except KeyError:
        return []
    custom: dict[int, str] = {}
    out: list[bool] = []
    for el in root:
        if _local(el.tag) == "numFmts":
            for nf in el:
                custom[int(nf.get("numFmtId", "0"))] = nf.get("formatCode", "")
        elif _local(el.tag) == "cellXfs":
            for xf in el:
                fid = int(xf.get("numFmtId", "0"))
                code = custom.get(fid) or _PERCENT_BUILTIN.get(fid, "")
                # A "%" inside quotes or after a backslash is literal text, not a percent format.
                code = re.sub(r'"[^"]*"|\\.', "", code)
                out.append("%" in code)
    return out


def _sheet_paths(z: zipfile.ZipFile, hints: WorkbookHints) -> dict[str, str]:
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for el in wb:
        if _local(el.tag) == "sheets":
            for s in el:
                target = targets.get(s.get(_REL) or s.get(_REL_STRICT), "")
                if target:
                    out[s.get("name", "")] = (target.lstrip("/") if target.startswith("/")
                                              else posixpath.normpath(posixpath.join("xl", target)))
        elif _local(el.tag) == "definedNames":
            hints.defined_names = [d.get("name", "") for d in el
                                   if not d.get("name", "").startswith("_xlnm.")]
    return out


class _Stop(Exception):
    """Raised from a handler: the scan has what it needs (past max_rows)."""


class Forbidden(ValueError):
    """A DTD or an entity declaration in a sheet's XML: refused, as defusedxml would."""


def _forbid(*_args) -> None:
    raise Forbidden("DTD or entity declarations are not allowed in a worksheet")


def safe_parser():
    """An expat parser that refuses DTDs and entity declarations (raises Forbidden)."""
    import xml.parsers.expat as expat
    p = expat.ParserCreate()
    p.StartDoctypeDeclHandler = p.EntityDeclHandler = p.UnparsedEntityDeclHandler = _forbid
    p.ExternalEntityRefHandler = _forbid
    return p




_ANY_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet\b")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_CHUNK = 1 << 20


class _Tags:
    """The scan's patterns for one element prefix. With the prefix the root element uses ("" almost
    always), each pattern starts with a literal ("<row") that the regex engine finds by a fast scan;
    a pattern allowing any prefix tries a match at every "<" and was five times slower on BTOS sheets."""

    def __init__(self, prefix: bytes | None):
        p = _ANY_PREFIX if prefix is None else re.escape(prefix)
        self.prefix = p
        self.row = re.compile(b"<" + p + rb"row\b([^>]*)>")
        self.col = re.compile(b"<" + p + rb"col\b([^>]*)>")
        self.error_cell = re.compile(b"<" + p + rb'c\b([^>]*?\st="e"[^>]*?)(/?)>')
        self.formula = re.compile(b"<" + p + rb"f[\s>/]")
        self.value = re.compile(b"<" + p + rb"v>([^<]*)<")


@lru_cache(maxsize=8)
def _tags(prefix: bytes | None) -> _Tags:
    return _Tags(prefix)


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return {k.rpartition(b":")[2]: v for k, v in _ATTR.findall(raw)}


def _scan_fast(stream: IO[bytes], formats: list[bool], max_rows: int) -> SheetHints | None:
    """The hints from regular expressions over the raw bytes, up to the first row past max_rows:
    about ten times quicker than a parser's callbacks on wide survey sheets. None when the sheet
    has formulas (their cached values need the parser) or anything unusual (entities, CDATA)."""
    data = bytearray()
    pos = 0
    h = SheetHints()
    tags = None
    while True:
        chunk = stream.read(_CHUNK)
        data += chunk
        if tags is None:
            root = _ROOT.search(data, 0, 4096)
            tags = _tags((root.group(1) or b"") if root else None)
        # Row tags whole in the buffer so far: stop at the first past max_rows.
        end = len(data) if not chunk else data.rfind(b"<")
        cut = None
        for m in tags.row.finditer(data, pos, max(end, pos)):
            a = _attrs(m.group(1))
            r = int(a[b"r"]) if a.get(b"r", b"").isdigit() else 0
            if r > max_rows:
                cut = m.start()
                break
            h.rows_scanned = r
            if a.get(b"hidden") in (b"1", b"true"):
                h.hidden_rows.add(r - 1)
            pos = m.end()
        if cut is not None:
            h.truncated = True
            del data[cut:]
            break
        if not chunk:
            break
    if b"<!" in data or b"&" in data and re.search(rb"&(?!amp;|lt;|gt;|quot;|apos;|#)", data) \
            or tags.formula.search(data):
        return None
    for m in tags.col.finditer(data):
        a = _attrs(m.group(1))
        if a.get(b"hidden") in (b"1", b"true"):
            try:
                lo, hi = int(a.get(b"min", b"1")), int(a.get(b"max", b"1"))
            except ValueError:
                continue
            if 0 <= hi - lo < 16384:
                h.hidden_cols.update(range(lo - 1, hi))
    percent = [str(i).encode() for i, f in enumerate(formats) if f]
    if percent and re.search(rb'\ss="(?:' + b"|".join(percent) + rb')"', data):
        # One pass finds every percent-styled cell's reference, in either attribute order: a survey
        # sheet has tens of thousands of them, and a dict of attributes per cell cost 0.5 s on one.
        ids = b"|".join(percent)
        tag = b"<" + tags.prefix + rb"c\b[^>]*?"
        pct_cell = re.compile(tag + rb'\sr="([A-Z]+)(\d+)"(?=[^>]*?\ss="(?:' + ids + rb')")|'
                              + tag + rb'\ss="(?:' + ids + rb')"[^>]*?\sr="([A-Z]+)(\d+)"')
        cols: dict[bytes, int] = {}
        for a, b, c, d in pct_cell.findall(data):
            letters, digits = (a, b) if a else (c, d)
            col = cols.get(letters)
            if col is None:
                col = cols[letters] = _col_index(letters.decode("ascii"))
            h.percent.add((int(digits) - 1, col))
    if b't="e"' in data:
        for m in tags.error_cell.finditer(data):
            a = _attrs(m.group(1))
            cm = _CELL.match(a.get(b"r", b"").decode("ascii", "replace"))
            if cm is None or m.group(2):
                continue
            v = tags.value.match(data, m.end())
            code = v.group(1).decode("utf-8", "replace").strip()[:16] if v else ""
            if code:
                h.errors[(int(cm.group(2)) - 1, _col_index(cm.group(1)))] = code
    return h


def _scan_sheet(stream: IO[bytes], formats: list[bool], max_rows: int) -> SheetHints:
    """One sheet's hints from a raw expat pass: no element objects are built (ElementTree's
    iterparse spent most of an import here on wide survey sheets), and the scan stops at max_rows.
    Written by hand because no library streams just these few attributes; DTDs and entities are
    refused as defusedxml refuses them."""
    import xml.parsers.expat as expat

    h = SheetHints()
    cell = {"ref": "", "s": None, "f": False, "v": False, "err": False, "value": "", "in_v": False}
    buf: list[str] = []
    n_formats = len(formats)

    def start(name, attrs):
        tag = name.rpartition(":")[2]
        if tag == "c":
            cell["ref"], cell["s"] = attrs.get("r", ""), attrs.get("s")
            cell["f"] = cell["v"] = False
            cell["err"], cell["value"] = attrs.get("t") == "e", ""
        elif tag == "row":
            r = attrs.get("r", "0") or "0"
            r = int(r) if r.isdigit() else 0
            if r > max_rows:
                h.truncated = True
                raise _Stop()
            h.rows_scanned = r
            if attrs.get("hidden") in ("1", "true"):
                h.hidden_rows.add(r - 1)
        elif tag == "f":
            cell["f"] = True
        elif tag == "v":
            cell["in_v"] = True
            buf.clear()
        elif tag == "is":
            cell["v"] = True
        elif tag == "col" and attrs.get("hidden") in ("1", "true"):
            try:
                lo, hi = int(attrs.get("min", "1")), int(attrs.get("max", "1"))
            except ValueError:
                return
            if 0 <= hi - lo < 16384:
                h.hidden_cols.update(range(lo - 1, hi))

    def end(name):
        tag = name.rpartition(":")[2]
        if tag == "v":
            cell["in_v"] = False
            text = "".join(buf).strip()
            cell["v"] = bool(text)
            if cell["err"]:
                cell["value"] = text[:16]
        elif tag == "c":
            ref, s = cell["ref"], cell["s"]
            m = None
            if s is not None and s.isdigit() and int(s) < n_formats and formats[int(s)]:
                m = _CELL.match(ref)
                if m:
                    h.percent.add((int(m.group(2)) - 1, _col_index(m.group(1))))
            if cell["f"] and not cell["v"] and ref:
                h.no_cached_value.append(ref)
            if cell["err"] and cell["value"]:
                m = m or _CELL.match(ref)
                if m:
                    h.errors[(int(m.group(2)) - 1, _col_index(m.group(1)))] = cell["value"]

    def text(data):
        if cell["in_v"]:
            buf.append(data)

    p = safe_parser()
    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, text
    p.buffer_text = True
    try:
        while True:
            chunk = stream.read(1 << 16)
            if not chunk:
                p.Parse(b"", True)
                break
            p.Parse(chunk, False)
    except _Stop:
        pass
    return h


def workbook_hints(source, max_rows: int = MAX_ROWS, sheets: set[str] | None = None) -> WorkbookHints:
    """Hints for every worksheet of an .xlsx/.xlsm (a path or a file-like), or for the named `sheets`;
    empty when they cannot be read."""
    hints = WorkbookHints()
    try:
        with zipfile.ZipFile(source) as z:
            formats = _style_formats(z)
            for name, member in _sheet_paths(z, hints).items():
                if sheets is not None and name not in sheets:
                    continue
                try:
                    with z.open(member) as stream:
                        fast = _scan_fast(stream, formats, max_rows)
                    if fast is None:
                        with z.open(member) as stream:
                            fast = _scan_sheet(stream, formats, max_rows)
                    hints.sheets[name] = fast
                except KeyError:
                    continue
    except MemoryError:
        raise
    except Exception:
        # Hints only refine what calamine read; a workbook whose XML they cannot read keeps its values,
        # with the hints of the sheets scanned before. Besides ParseError and defusedxml's refusals
        # (ValueErrors), a damaged member raises BadZipFile, NotImplementedError (compression method,
        # zip version), zlib.error (garbled deflate stream), EOFError, struct.error...
        return hints
    return hints


def sheet_sizes(path) -> dict[str, int]:
    """Sheet name -> bytes of its XML, uncompressed, in an .xlsx/.xlsm: how much reading it costs.
    Empty when the workbook's parts cannot be read."""
    try:
        with zipfile.ZipFile(path) as z:
            sizes = {i.filename: i.file_size for i in z.infolist()}
            return {name: sizes.get(member, 0) for name, member in _sheet_paths(z, WorkbookHints()).items()}
    except MemoryError:
        raise
    except Exception:   # as in workbook_hints: damaged parts leave calamine to say what is wrong
        return {}


def percent_cells(path: str, max_rows: int = 400) -> dict[str, set[tuple[int, int]]]:
    """Sheet name -> 0-based (row, col) of cells formatted as percentages within the first max_rows rows."""
    return {n: h.percent for n, h in workbook_hints(path, max_rows).sheets.items()}


def with_error_cells(grid, errors: dict[tuple[int, int], str]):
    """The grid with the error cells calamine read as empty given back their code ("#DIV/0!"), so they
    are read as missing values with their marker kept, and reported, instead of vanishing."""
    from dataclasses import replace

    if not errors or grid.row_ids or grid.col_ids:
        return grid
    rows = grid.rows
    changed: dict[int, list] = {}
    for (r, c), code in errors.items():
        rr, cc = r - grid.row0, c - grid.col0
        if 0 <= rr < len(rows) and 0 <= cc:
            row = changed.get(rr)
            if row is None:
                row = changed[rr] = list(rows[rr])
            if cc >= len(row):
                row.extend([None] * (cc + 1 - len(row)))
            if row[cc] is None:
                row[cc] = code
    if not changed:
        return grid
    return replace(grid, rows=[changed.get(i, row) for i, row in enumerate(rows)])
