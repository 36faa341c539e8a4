"""File -> SheetGrids: checks what a file really is, decrypts it in memory if asked, then reads it with
calamine, falling back to openpyxl (.xlsx) or xlrd (.xls, BIFF2-5) with the first engine's real reason."""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from briefing.ingest import filetypes
from briefing.ingest.grid import SheetGrid
from briefing.ingest.xlsx_styles import Forbidden, WorkbookHints, safe_parser, workbook_hints
from briefing.model import Cancelled, InputError, PasswordRequired

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# BOF records of Excel 2.x-4.0 worksheets saved as a bare stream (no OLE container): xlrd reads them.
_BIFF_RAW = (b"\x09\x00", b"\x09\x02", b"\x09\x04")
# A zip whose members inflate past this is refused before calamine allocates for it.
MAX_UNCOMPRESSED = 2 * 1024**3
MAX_RATIO = 200
# A sheet bigger than this is refused (about 1 GB of Python objects); Excel's own limit is 17 billion.
MAX_CELLS = 20_000_000
# Columns of a CSV row: Excel's own limit (XFD).
MAX_COLUMNS = 16_384
# Excel opens files encrypted with this password without asking; so does Briefing.
_EXCEL_DEFAULT_PASSWORD = "VelvetSweatshop"
_CANCEL_EVERY = 5000


class _Never:
    def is_set(self) -> bool:
        return False


@dataclass
class Opened:
    """A file's grids, which engine read them, and what to tell the user about it."""
    grids: list[SheetGrid]
    engine: str
    notes: list[tuple[str, str, str]] = field(default_factory=list)   # (level, sheet, message)
    hints: WorkbookHints | None = None


def check_file(path: Path) -> str:
    """Returns "zip", "ole", "biff" or "text" for a readable file, else raises InputError saying why."""
    name = path.name
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a workbook")
    ext = path.suffix.lower()
    if ext not in filetypes.READABLE:
        raise InputError(f"{name}: not a supported file type '{ext or '(none)'}' "
                         f"(supported: {filetypes.listed()})")
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror or e})") from None
    if not head:
        raise InputError(f"{name}: the file is empty (0 bytes)")
    if ext in filetypes.TEXT:
        return "text"
    if head.startswith(_ZIP_MAGIC):
        _check_zip(path)
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if ext == ".xls" and head[:2] in _BIFF_RAW:
        return "biff"
    kind = _EXPECTED.get(ext, f"a {ext} workbook")
    what = content_kind(path)
    if what is None:
        raise InputError(f"{name}: not a spreadsheet: the content is not {kind}")
    hint = "; if it holds comma- or tab-separated values, name it .csv" if what == "a text file" else ""
    raise InputError(f"{name}: not a spreadsheet: it is {what}, not {kind}{hint}")


_EXPECTED = {".xlsx": "an .xlsx workbook", ".xlsm": "an .xlsm workbook", ".xlsb": "an .xlsb workbook",
             ".ods": "an .ods spreadsheet", ".xls": "an Excel .xls workbook"}
_SIGNATURES = ((b"%PDF-", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
               (b"GIF8", "a GIF image"), (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"),
               (b"7z\xbc\xaf", "a 7-Zip archive"))


def content_kind(path: Path) -> str | None:
    """What a file that is no workbook is, from its first bytes ("a text file", "an HTML page", "a PDF
    document"), so the message does not leave the user guessing; None when it is none of these."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[2:].decode("utf-16-le" if head[:2] == b"\xff\xfe" else "utf-16-be", "ignore").encode()
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if not head or b"\x00" in head:
        return None
    controls = sum(1 for c in head if c < 32 and c not in b"\t\n\r\f")
    if controls > len(head) // 100:
        return None
    start = head.lstrip()[:256].lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<table" in head.lower():
        return "an HTML page"
    if start.startswith(b"<?xml"):
        return "an XML file"
    return "a text file"


def _check_zip(path: Path | io.BytesIO, name: str = "") -> None:
    name = name or path.name
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except MemoryError:
        raise
    except Exception as e:   # BadZipFile, and what a damaged directory raises: UnicodeDecodeError, ValueError...
        why = "" if isinstance(e, zipfile.BadZipFile) else f": {_short(e)}"
        raise InputError(f"{name}: the workbook is damaged (not a valid zip archive{why})") from None
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNCOMPRESSED or (total > 50 * 1024**2 and total / packed > MAX_RATIO):
        raise InputError(f"{name}: refused: it would inflate to {total / 1024**2:,.0f} MB "
                         f"from {packed / 1024**2:,.1f} MB (a zip bomb?)")


def _decrypt(path: Path, passwords: Sequence[str]) -> io.BytesIO | None:
    """The decrypted workbook in memory, None when the OLE file is not encrypted; never written to disk."""
    import msoffcrypto
    from msoffcrypto.exceptions import DecryptionError, InvalidKeyError

    name = path.name
    with open(path, "rb") as f:
        try:
            office = msoffcrypto.OfficeFile(f)
            encrypted = office.is_encrypted()
        except Exception:
            return None   # not an Office container msoffcrypto knows: let the readers say what it is
        if not encrypted:
            return None
        for pw in (_EXCEL_DEFAULT_PASSWORD, *passwords):
            try:
                f.seek(0)
                office = msoffcrypto.OfficeFile(f)
                office.load_key(password=pw)
                out = io.BytesIO()
                office.decrypt(out)
            except (InvalidKeyError, DecryptionError):
                continue
            except Exception as e:
                raise InputError(f"{name}: is encrypted in a way Briefing cannot decrypt ({_short(e)})") from None
            out.seek(0)
            if not out.getvalue()[:8].startswith((_ZIP_MAGIC, _OLE_MAGIC)):
                continue   # some formats "decrypt" with any key: a wrong password gives garbage
            return out
    if passwords:
        raise PasswordRequired(f"{name}: wrong password (none of the {len(passwords)} given opens it)",
                               file=name, wrong=True)
    raise PasswordRequired(f"{name}: is password-protected; give its password "
                           "(--password-file on the command line)", file=name)


def read_workbook(path: Path, kind: str = "zip", *, passwords: Sequence[str] = (), cancel=None,
                  progress: Callable[[float, str], None] | None = None,
                  only: frozenset[int] | None = None) -> Opened:
    """Every sheet of a spreadsheet file as raw grids, by the first engine that can read it.

    With `only` (positions in the workbook's sheet list), calamine alone reads just those sheets of
    an unencrypted .xlsx/.xlsm (see split.py); anything it cannot read whole shows in the notes."""
    cancel = cancel or _Never()
    if only is not None:
        if kind != "zip" or not _is_ooxml(path):
            raise ValueError("only an .xlsx/.xlsm is read a part at a time")
        errors: list[tuple[str, str, str]] = []
        grids = _read_calamine(path, path.name, errors, cancel, only)
        return Opened(grids, "calamine", errors, workbook_hints(path, sheets={g.name for g in grids}))
    name = path.name
    source: Path | io.BytesIO = path
    notes: list[tuple[str, str, str]] = []
    tried: tuple[list[SheetGrid] | None, list, Exception | None] | None = None   # calamine on the file as is
    if kind == "ole":
        # Most .xls files are not encrypted, and calamine says so itself (PasswordError): read it
        # first, and ask msoffcrypto (whose import of cryptography alone took 26 ms a reader) only
        # when calamine cannot read the file whole.
        sheet_errors: list[tuple[str, str, str]] = []
        try:
            tried = (_read_calamine(path, name, sheet_errors, cancel), sheet_errors, None)
        except (InputError, Cancelled):
            raise
        except Exception as e:  # noqa: BLE001 - replayed below, where each engine's failure is said
            tried = (None, sheet_errors, e)
        if tried[0] is not None and not sheet_errors:
            return Opened(tried[0], "calamine", notes)
        decrypted = _decrypt(path, passwords)
        if decrypted is not None:
            tried = None   # a different workbook now: calamine reads it afresh
            source = decrypted
            notes.append(("info", "", "encrypted workbook decrypted in memory"))
            kind = "zip" if decrypted.getvalue().startswith(_ZIP_MAGIC) else "ole"
            if kind == "zip":
                _check_zip(decrypted, name)
    engines: list[tuple[str, Callable[..., list[SheetGrid]]]] = []
    if kind in ("zip", "ole"):
        engines.append(("calamine", _read_calamine))
    if kind == "zip" and _is_ooxml(source):
        engines.append(("openpyxl", _read_openpyxl))
    if kind in ("ole", "biff"):
        engines.append(("xlrd", _read_xlrd))
    failures: list[str] = []
    if kind == "biff":
        failures.append("calamine cannot read bare BIFF2-4 streams")
    if kind == "zip" and path.suffix.lower() == ".ods" and _ods_encrypted(source):
        raise PasswordRequired(f"{name}: is a password-protected .ods; Briefing cannot decrypt "
                               "OpenDocument encryption (save it unprotected)", file=name)
    if kind == "zip" and not _is_ooxml(source):
        _check_ods_xml(source, name)
    partial: tuple[str, list[SheetGrid], list[tuple[str, str, str]]] | None = None
    for engine, reader in engines:
        if cancel.is_set():
            raise Cancelled()
        sheet_errors: list[tuple[str, str, str]] = []
        try:
            if engine == "calamine" and tried is not None:   # read once above: its outcome again
                grids, sheet_errors, error = tried
                if error is not None:
                    raise error
            else:
                if isinstance(source, io.BytesIO):
                    source.seek(0)
                grids = reader(source, name, sheet_errors, cancel)
        except (InputError, Cancelled):
            raise
        except MemoryError:
            failures.append(f"{engine}: out of memory")
            continue
        except Exception as e:  # each engine raises its own types; its message says why
            failures.append(f"{engine}: {_short(e)}")
            continue
        if sheet_errors and partial is None:
            # Some sheets failed: another engine may read them all; else keep what this one read.
            partial = (engine, grids, sheet_errors)
            failures.append(f"{engine}: {sheet_errors[0][2]}")
            continue
        if failures:
            notes.append(("warning", "", f"read with {engine} because {'; '.join(failures)}"))
        hints = None
        if engine == "calamine" and kind == "zip" and _is_ooxml(source):
            hints = workbook_hints(source)   # bounded by rows: formats, hidden rows/columns, formulas
        return Opened(grids, engine, notes + sheet_errors, hints)
    if partial is not None:
        return Opened(partial[1], partial[0], notes + partial[2])
    raise InputError(f"{name}: cannot be opened as a workbook ({'; '.join(failures) or 'no reader for it'})")


# What reading a damaged zip member raises besides BadZipFile: an unsupported compression method or zip
# version (NotImplementedError), a garbled deflate stream (zlib.error), a name that is not UTF-8
# (UnicodeDecodeError), a truncated member (EOFError), a bad header field (ValueError, struct.error).
_ZIP_ERRORS = (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, NotImplementedError,
               RuntimeError, zlib.error, struct.error)


def _is_ooxml(source) -> bool:
    try:
        with zipfile.ZipFile(source) as z:
            return "xl/workbook.xml" in z.namelist()
    except _ZIP_ERRORS:
        return False


def _ods_encrypted(source) -> bool:
    try:
        with zipfile.ZipFile(source) as z:
            return b"encryption-data" in z.read("META-INF/manifest.xml")
    except _ZIP_ERRORS:
        return False   # no manifest, or one that cannot be read: calamine says what is wrong


def _check_ods_xml(source, name: str) -> None:
    """Refuse an OpenDocument whose content.xml is not well-formed, before calamine reads it.

    calamine's ODS reader loops for ever on some damaged closing tags (a NUL byte inside the last
    </table:table> was one); expat finds every such fault in one streaming pass at tens of MB/s.
    """
    from xml.parsers import expat

    try:
        with zipfile.ZipFile(source) as z:
            if "content.xml" not in z.namelist():
                return   # not an OpenDocument: calamine says what it is
            member = z.open("content.xml")
            parser = safe_parser()
            with member:
                while chunk := member.read(1 << 20):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
    except expat.ExpatError as e:
        raise InputError(f"{name}: the workbook is damaged (content.xml is not well-formed XML: "
                         f"{expat.ErrorString(e.code)} at line {e.lineno}, column {e.offset + 1})") from None
    except Forbidden:
        raise InputError(f"{name}: refused: content.xml declares a DTD or XML entities") from None
    except LookupError as e:   # an XML declaration naming an encoding Python does not know
        raise InputError(f"{name}: the workbook is damaged (content.xml: {e})") from None
    except _ZIP_ERRORS:
        return   # a damaged member: calamine reports it


def _check_size(name: str, sheet: str, height: int, width: int) -> None:
    if height * width > MAX_CELLS:
        raise InputError(f"{name}, sheet '{sheet}': too big to read ({height:,} rows x {width:,} columns; "
                         f"Briefing reads up to {MAX_CELLS:,} cells a sheet)")


class ReaderPanic(RuntimeError):
    """A Rust panic inside python-calamine (pyo3's PanicException derives from BaseException)."""


def _is_panic(e: BaseException) -> bool:
    return type(e).__name__ == "PanicException"


def _panic(e: BaseException) -> ReaderPanic:
    return ReaderPanic(f"crashed on this file ({_short(e)})")


def _read_calamine(source, name: str, errors: list, cancel, only: frozenset[int] | None = None) -> list[SheetGrid]:
    try:
        return _read_calamine_sheets(source, name, errors, cancel, only)
    except BaseException as e:
        if _is_panic(e):
            raise _panic(e) from None
        raise


def _read_calamine_sheets(source, name: str, errors: list, cancel, only: frozenset[int] | None = None) -> list[SheetGrid]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    if isinstance(source, io.BytesIO):
        wb = CalamineWorkbook.from_filelike(source)
    else:
        wb = CalamineWorkbook.from_path(str(source))
    grids = []
    try:
        for position, meta in enumerate(wb.sheets_metadata):
            if cancel.is_set():
                raise Cancelled()
            if meta.typ not in (SheetTypeEnum.WorkSheet, SheetTypeEnum.MacroSheet):
                continue   # chart and dialog sheets hold no cells
            if only is not None and position not in only:
                continue
            try:
                sheet = wb.get_sheet_by_name(meta.name)
                _check_size(name, meta.name, sheet.height, sheet.width)
                rows = sheet.to_python(skip_empty_area=True)
                merged = tuple((a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or ()))
                r0, c0 = sheet.start or (0, 0)
            except (InputError, Cancelled):
                raise
            except BaseException as e:
                if not (isinstance(e, Exception) or _is_panic(e)):
                    raise   # KeyboardInterrupt, SystemExit
                why = _short(_panic(e)) if _is_panic(e) else _short(e)
                errors.append(("error", meta.name, f"sheet not read ({why})"))
                continue
            # calamine gives "" for empty cells; None keeps "empty" apart from an empty string.
            for row in rows:
                if "" in row:   # a few empty cells a row: found by list.index, not a comparison a cell
                    i = row.index("")
                    try:
                        while True:
                            row[i] = None
                            i = row.index("", i + 1)
                    except ValueError:
                        pass
            grids.append(SheetGrid(meta.name, rows, r0, c0, frozenset(), merged,
                                   hidden=meta.visible != SheetVisibleEnum.Visible))
    finally:
        wb.close()
    return grids


def _read_openpyxl(source, name: str, errors: list, cancel) -> list[SheetGrid]:
    import warnings

    import openpyxl   # uses defusedxml when it is installed (a dependency): no entity expansion

    # A file object, not the path: openpyxl refuses a path whose extension is not .xlsx/.xlsm.
    handle = source if isinstance(source, io.BytesIO) else open(source, "rb")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            wb = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except BaseException:
            handle.close()
            raise
    grids = []
    try:
        for ws in wb.worksheets:
            if cancel.is_set():
                raise Cancelled()
            try:
                _check_size(name, ws.title, ws.max_row or 0, ws.max_column or 0)
                rows: list[list[Any]] = []
                percent = set()
                for i, row in enumerate(ws.iter_rows()):
                    if i % _CANCEL_EVERY == 0 and cancel.is_set():
                        raise Cancelled()
                    vals = []
                    for c in row:
                        v = getattr(c, "value", None)
                        vals.append(None if v == "" else v)
                        if v is not None and "%" in (getattr(c, "number_format", "") or ""):
                            percent.add((i, len(vals) - 1))
                    rows.append(vals)
                while rows and all(v is None for v in rows[-1]):
                    rows.pop()
            except (InputError, Cancelled):
                raise
            except Exception as e:
                errors.append(("error", ws.title, f"sheet not read ({_short(e)})"))
                continue
            grids.append(SheetGrid(ws.title, rows, 0, 0, frozenset(percent), (),
                                   hidden=ws.sheet_state != "visible"))
    finally:
        wb.close()
        handle.close()
    return grids


def _read_xlrd(source, name: str, errors: list, cancel) -> list[SheetGrid]:
    import xlrd

    data = source.getvalue() if isinstance(source, io.BytesIO) else Path(source).read_bytes()
    book = xlrd.open_workbook(file_contents=data, logfile=io.StringIO(), on_demand=False)
    grids = []
    for sheet in book.sheets():
        if cancel.is_set():
            raise Cancelled()
        try:
            _check_size(name, sheet.name, sheet.nrows, sheet.ncols)
            rows = []
            for r in range(sheet.nrows):
                out = []
                for t, v in zip(sheet.row_types(r), sheet.row_values(r)):
                    if t == xlrd.XL_CELL_DATE:
                        try:
                            v = xlrd.xldate.xldate_as_datetime(v, book.datemode)
                        except Exception:
                            pass   # an out-of-range serial stays a number, as calamine does
                    elif t in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR) or v == "":
                        v = None
                    elif t == xlrd.XL_CELL_BOOLEAN:
                        v = bool(v)
                    out.append(v)
                rows.append(out)
        except (InputError, Cancelled):
            raise
        except Exception as e:
            errors.append(("error", sheet.name, f"sheet not read ({_short(e)})"))
            continue
        grids.append(SheetGrid(sheet.name, rows, hidden=getattr(sheet, "visibility", 0) != 0))
    return grids


def _decode(data: bytes) -> str | None:
    """Text of a CSV file: UTF-8 (BOM or not), UTF-16 (BOM or not), GB18030, else cp1252."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8", errors="replace")
    head = data[:4096]
    if len(head) >= 4 and head.count(b"\x00") >= len(head) // 4:
        # UTF-16 without a BOM: the zero bytes of ASCII text fall on odd (LE) or even (BE) positions.
        le = head[1::2].count(0) > head[0::2].count(0)
        try:
            return data.decode("utf-16-le" if le else "utf-16-be")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        # GB18030 decodes most byte strings; accept it only when what comes out is mostly Chinese.
        odd = [ch for ch in text if ord(ch) > 127]
        if odd and sum("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in odd) >= 0.8 * len(odd):
            return text
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", errors="replace")


def read_text_table(path: Path) -> list[SheetGrid]:
    """A CSV/TSV file as one grid of strings; encoding and delimiter sniffed."""
    import csv

    data = path.read_bytes()
    text = _decode(data)
    if text is None or "\x00" in text:
        raise InputError(f"{path.name}: not a text table (binary content or unknown encoding)")
    sample = text[:64 * 1024]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" or "\t" in sample else csv.excel
    if path.suffix.lower() == ".tsv" and "\t" in sample:
        dialect = csv.excel_tab
    csv.field_size_limit(16 * 1024 * 1024)
    rows = []
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            if len(row) > MAX_COLUMNS:
                raise InputError(f"{path.name}: too wide to read (row {len(rows) + 1:,} has {len(row):,} columns; "
                                 f"Briefing reads up to {MAX_COLUMNS:,}, as Excel does)")
            cells += len(row)
            if cells > MAX_CELLS:
                raise InputError(f"{path.name}: too big to read (more than {MAX_CELLS:,} cells; "
                                 f"Briefing reads up to {MAX_CELLS:,} cells a sheet)")
            rows.append([c if c.strip() else None for c in row])
    except csv.Error as e:
        raise InputError(f"{path.name}: not a readable CSV ({_short(e)})") from None
    if dialect.delimiter != ",":
        rows = _decimal_commas(rows)
    return [SheetGrid("", rows)]


_DEC_COMMA = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+$")
_DEC_POINT = re.compile(r"^[+-]?\d+\.\d+$")


def _decimal_commas(rows: list[list]) -> list[list]:
    """A file not delimited by commas whose numbers are written "6,79" (and never "6.79") uses decimal
    commas, as continental European publishers do: its numbers are read with a decimal point. A file
    where every such number has three digits after the comma ("1,234") is left alone (thousands)."""
    cells = [c.strip() for row in rows[:5000] for c in row if c]
    commas = [c for c in cells if _DEC_COMMA.match(c)]
    if not commas or any(_DEC_POINT.match(c) for c in cells) or all(len(c.rsplit(",", 1)[1]) == 3 for c in commas):
        return rows
    def fix(c):
        t = c.strip() if c else c
        return t.replace(".", "").replace(",", ".") if t and _DEC_COMMA.match(t) else c
    return [[fix(c) for c in row] for row in rows]


def _short(e: BaseException) -> str:
    msg = " ".join(str(e).split()) or type(e).__name__
    return msg[:200]
