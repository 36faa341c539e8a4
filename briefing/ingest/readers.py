"""File -> SheetGrids: checks what a file really is, then reads it with calamine (or the CSV reader)."""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from briefing.ingest.grid import SheetGrid
from briefing.ingest.xlsx_styles import percent_cells
from briefing.model import InputError

SPREADSHEET_EXT = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
TEXT_EXT = {".csv", ".tsv", ".txt"}
SUPPORTED = sorted(SPREADSHEET_EXT | TEXT_EXT)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A zip whose members inflate past this is refused before calamine allocates for it.
MAX_UNCOMPRESSED = 2 * 1024**3
MAX_RATIO = 200


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_file(path: Path) -> str:
    """Returns "zip", "ole" or "text" for a readable file, else raises InputError saying why."""
    name = path.name
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a workbook")
    ext = path.suffix.lower()
    if ext not in SPREADSHEET_EXT | TEXT_EXT:
        raise InputError(f"{name}: not a supported file type '{ext or '(none)'}' "
                         f"(supported: {', '.join(SUPPORTED)})")
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror or e})") from None
    if not head:
        raise InputError(f"{name}: the file is empty (0 bytes)")
    if ext in TEXT_EXT:
        return "text"
    if head.startswith(_ZIP_MAGIC):
        if ext in (".xls",):
            return "zip"  # an .xlsx saved as .xls; calamine reads it by content
        _check_zip(path)
        return "zip"
    if head.startswith(_OLE_MAGIC):
        if ext in (".xlsx", ".xlsm"):
            raise InputError(f"{name}: is encrypted (password-protected) or an old-format .xls "
                             "renamed .xlsx; it cannot be read without its password")
        return "ole"
    kind = "an .xlsx/.xlsm/.ods workbook (a zip file)" if ext != ".xls" else "an Excel .xls workbook"
    raise InputError(f"{name}: not a spreadsheet: the content is not {kind}")


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except zipfile.BadZipFile:
        raise InputError(f"{path.name}: the workbook is damaged (not a valid zip archive)") from None
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNCOMPRESSED or (total > 50 * 1024**2 and total / packed > MAX_RATIO):
        raise InputError(f"{path.name}: refused: it would inflate to {total / 1024**2:,.0f} MB "
                         f"from {packed / 1024**2:,.1f} MB (a zip bomb?)")


def read_workbook(path: Path) -> list[SheetGrid]:
    """Every sheet of a spreadsheet file, as raw grids (calamine)."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    name = path.name
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine raises several unrelated types; its message says why
        raise InputError(f"{name}: cannot be opened as a workbook ({_short(e)})") from None
    percents = percent_cells(str(path)) if path.suffix.lower() in (".xlsx", ".xlsm") else {}
    grids = []
    try:
        for meta in wb.sheets_metadata:
            try:
                sheet = wb.get_sheet_by_name(meta.name)
                rows = sheet.to_python(skip_empty_area=True)
                merged = tuple((a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or ()))
                r0, c0 = sheet.start or (0, 0)
            except Exception as e:
                raise InputError(f"{name}, sheet '{meta.name}': cannot be read ({_short(e)})") from None
            # calamine gives "" for empty cells; None keeps "empty" apart from an empty string.
            rows = [[None if v == "" else v for v in row] for row in rows]
            grids.append(SheetGrid(meta.name, rows, r0, c0,
                                   frozenset(percents.get(meta.name, ())), merged,
                                   hidden=meta.visible != SheetVisibleEnum.Visible))
    finally:
        wb.close()
    return grids


def read_text_table(path: Path) -> list[SheetGrid]:
    """A CSV/TSV file as one grid of strings; encoding and delimiter sniffed."""
    import csv
    import io

    data = path.read_bytes()
    text = None
    for enc in ("utf-8-sig", "utf-16") if data[:2] not in (b"\xff\xfe", b"\xfe\xff") else ("utf-16",):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        for enc in ("gb18030", "cp1252"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    if text is None or "\x00" in text:
        raise InputError(f"{path.name}: not a text table (binary content or unknown encoding)")
    sample = text[:64 * 1024]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    rows = [[c if c.strip() else None for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    return [SheetGrid("", rows)]


def _short(e: Exception) -> str:
    msg = " ".join(str(e).split()) or type(e).__name__
    return msg[:200]
