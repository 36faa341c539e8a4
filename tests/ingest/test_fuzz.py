"""The mutation fuzzer of bench/fuzz.py, short and with a fixed seed, and the reader bugs it found.

A damaged copy of a corpus workbook or of the sample must read, or be refused in one line naming it
with exit 2: never an abort, a traceback, an "internal error" or a run past 30 s.
"""
import importlib.util
import io
import struct
import sys
import time
import zipfile
from pathlib import Path

import pytest

from briefing.ingest import read_file
from briefing.ingest.detect import MAX_NOTES, find_tables
from briefing.ingest.grid import SheetGrid
from briefing.model import InputError
from tests.ingest.makefiles import raw_xlsx, sheet_xml

_spec = importlib.util.spec_from_file_location("bench_fuzz", Path(__file__).resolve().parents[2] / "bench" / "fuzz.py")
fuzz = importlib.util.module_from_spec(_spec)
sys.modules["bench_fuzz"] = fuzz   # dataclasses look their module up by name
_spec.loader.exec_module(fuzz)

SEED = 10
COUNT = 36   # three of each mutation (the big CSVs apart), about 30 s on two busy cores


def _small_seeds():
    return [s for s in fuzz.load_seeds(fuzz.DEFAULT_CORPUS) if len(s.data) <= 250_000]


@pytest.mark.slow
def test_fixed_seed_fuzz_run_has_no_crash():
    mutators = [m for m in fuzz.MUTATORS if m[0] != "csv-big"]
    results = fuzz.fuzz(SEED, COUNT, jobs=2, seeds=_small_seeds(), mutators=mutators, round_robin=True)
    assert len(results) == COUNT
    bad = [r for r in results if r.outcome in fuzz.FAILURES]
    lines = []
    for r in bad:
        run = min(r.runs, key=lambda x: fuzz.OUTCOMES.index(x.outcome))
        lines.append(f"#{r.mutant.index} {r.outcome}: {r.mutant.describe()} -> exit {run.returncode}: "
                     f"{run.stderr.strip()[-300:]}")
    assert not bad, "\n".join(lines)
    assert {r.mutant.mutations[0].split(":")[0] for r in results} >= {m[0] for m in mutators} - {"ods-huge"} \
        or not fuzz.DEFAULT_CORPUS.is_dir()


def test_mutants_are_reproducible():
    seeds = _small_seeds()
    a = fuzz.make_mutant(3, 7, seeds)
    b = fuzz.make_mutant(3, 7, seeds)
    assert a.data == b.data and a.mutations == b.mutations and a.name == b.name


def test_classify():
    def run(rc, err="", out="{}"):
        return fuzz.Run("x", rc, 1.0, 100.0, out, err)
    c = fuzz.classify
    assert c(run(0), "f.xlsx", "build", 30, 2048) == "ok"
    assert c(run(2, "briefing: error: f.xlsx: damaged\n"), "f.xlsx", "build", 30, 2048) == "refused"
    assert c(run(2, "briefing: error: f.xlsx: a\nthread panicked\n"), "f.xlsx", "build", 30, 2048) == "messy refusal"
    assert c(run(-6), "f.xlsx", "build", 30, 2048) == "aborted"
    assert c(run(134), "f.xlsx", "build", 30, 2048) == "aborted"
    assert c(run(None), "f.xlsx", "build", 30, 2048) == "over 30 s"
    assert c(run(1, "Traceback (most recent call last):\n  ...\n"), "f.xlsx", "build", 30, 2048) == "traceback"
    assert c(run(1, "briefing: internal error: KeyError: 'x'\n"), "f.xlsx", "build", 30, 2048) == "internal error"
    assert c(run(2, "briefing: error: f.xlsx: cannot be read (KeyError: 'x')\n"), "f.xlsx", "build", 30,
             2048) == "reader exception"
    assert c(fuzz.Run("x", 0, 1.0, 3000.0, "{}", ""), "f.xlsx", "build", 30, 2048) == "over memory"


# ---------------------------------------------------------------- what the fuzzer found, one test each

def _rezipped(tmp_path: Path, name: str) -> Path:
    """The same workbook written by the fuzzer's own zip writer (the layout _patch_member expects)."""
    p = raw_xlsx(tmp_path / name, sheet_xml([["Region", "Share"], ["North", 1], ["South", 2]]))
    p.write_bytes(fuzz._rezip(fuzz._members(p.read_bytes())))
    return p


@pytest.mark.parametrize("what, local_off, central_off, fmt, value", [
    ("zip version 9.9", 4, 6, "<H", 99),
    ("compression method 99", 8, 10, "<H", 99),
])
@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml"])
def test_unsupported_zip_member_is_one_line(tmp_path, what, local_off, central_off, fmt, value, member):
    p = _rezipped(tmp_path, "book.xlsx")
    data = p.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        k = [i.filename for i in z.infolist()].index(member)
    p.write_bytes(fuzz._patch_member(data, k, local_off, central_off, fmt, value))
    try:
        read_file(p)   # calamine may read what it needs despite the damage: fine
    except InputError as e:
        assert e.message.startswith("book.xlsx") and "\n" not in e.message


def test_ods_with_an_unreadable_manifest_is_one_line(tmp_path):
    """An .ods whose manifest needs zip version 9.9: NotImplementedError was an internal error."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", "<manifest/>")
        z.writestr("content.xml", "<office:document-content/>")
    p = tmp_path / "book.ods"
    p.write_bytes(fuzz._patch_member(out.getvalue(), 1, 4, 6, "<H", 99))
    with pytest.raises(InputError) as e:
        read_file(p)
    assert e.value.message.startswith("book.ods") and "\n" not in e.value.message


def test_garbled_deflate_stream_is_one_line(tmp_path):
    """zlib "Error -3" from a damaged member was an internal error."""
    import random
    p = _rezipped(tmp_path, "book.xlsx")
    seed = fuzz.Seed(p, "xlsx", p.read_bytes())
    for i in range(6):
        data, _ = fuzz.m_zip_garble_stream(random.Random(i), seed)
        p.write_bytes(data)
        try:
            read_file(p)
        except InputError as e:
            assert e.message.startswith("book.xlsx") and "\n" not in e.message


def test_zip_name_that_is_not_utf8_is_one_line(tmp_path):
    """A member name flagged UTF-8 that is not: UnicodeDecodeError was an internal error."""
    p = _rezipped(tmp_path, "book.xlsx")
    data = bytearray(p.read_bytes())
    central = fuzz._central(bytes(data))[0]
    struct.pack_into("<H", data, central + 8, 0x0800)   # general purpose flag: name is UTF-8
    data[central + 46] = 0xFF                             # ...and its first byte is not
    p.write_bytes(bytes(data))
    with pytest.raises(InputError) as e:
        read_file(p)
    assert e.value.message.startswith("book.xlsx: the workbook is damaged")


class PanicException(BaseException):
    """Stands for pyo3_runtime.PanicException: a BaseException, found by its class name."""


def test_calamine_panic_falls_back_to_the_next_engine(tmp_path, monkeypatch):
    import python_calamine

    def panic(*a, **k):
        raise PanicException("assertion `left == right` failed")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", panic)
    p = raw_xlsx(tmp_path / "book.xlsx", sheet_xml([["Region", "Share"], ["North", 1], ["South", 2]]))
    (t,), report = read_file(p)
    assert t.n_rows == 2
    assert any("read with openpyxl because calamine: crashed on this file (assertion" in i.message
               for i in report.issues)


def test_calamine_panic_with_no_other_engine_is_one_line(tmp_path, monkeypatch):
    import python_calamine

    def panic(*a, **k):
        raise PanicException("range start index 116 out of range for slice of length 65")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", panic)
    p = tmp_path / "book.ods"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(InputError) as e:
        read_file(p)
    assert e.value.message == ("book.ods: cannot be opened as a workbook (calamine: crashed on this file "
                               "(range start index 116 out of range for slice of length 65))")


def test_truncated_xls_that_panics_calamine_is_one_line(tmp_path):
    src = fuzz.DEFAULT_CORPUS / "python-excel__xlrd" / "ragged.xls"
    if not src.exists():
        pytest.skip("no corpus")
    p = tmp_path / "ragged.xls"
    p.write_bytes(src.read_bytes()[:6593])   # found by the fuzzer (seed 2, #9): calamine panics
    try:
        read_file(p)
    except InputError as e:
        assert e.message.startswith("ragged.xls") and "\n" not in e.message


def test_300000_source_rows_under_a_table_in_linear_time():
    """A table with 300,000 "Source:" rows under it took 63 s (every note matched against every theme)."""
    def grid(n):
        rows = [["Country", "Share"], ["China", "83%"], ["Japan", "41%"]]
        rows += [[f"Source: survey wave {i}"] for i in range(n)]
        return SheetGrid("", rows)
    # The collector's full passes grow with whatever else the test run holds: time the algorithm.
    import gc
    small_grid, big_grid = grid(30_000), grid(300_000)
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        (small,) = find_tables(small_grid)
        t1 = time.perf_counter()
        (t,) = find_tables(big_grid)
        t2 = time.perf_counter()
    finally:
        gc.enable()
    assert t.source == "survey wave 0"
    assert len(t.notes) == MAX_NOTES and t.notes[-1] == f"(and {300_000 - MAX_NOTES:,} more rows of notes below, not read)"
    assert (t2 - t1) < 20 * max(t1 - t0, 0.01)   # ten times the rows, not a hundred times the time


@pytest.mark.slow
def test_300000_source_rows_csv_through_the_cli(tmp_path):
    p = tmp_path / "sources.csv"
    p.write_text("Country,Share using GenAI (%)\r\nChina,83%\r\nJapan,41%\r\n"
                 + "".join(f"Source: survey wave {i}\r\n" for i in range(300_000)))
    run = fuzz.run_command(fuzz.briefing_cmd() + ["build", str(p), "-o", str(tmp_path / "out.pdf")],
                           timeout=fuzz.TIMEOUT_S, mem_cap_gb=8, niceness=0, cwd=tmp_path)
    assert fuzz.classify(run, p.name, "build", fuzz.TIMEOUT_S, fuzz.MAX_RSS_MB) in ("ok", "refused (no file named)"), \
        run.stderr


def test_50000_small_tables_on_a_sheet_keep_the_first_500():
    """50,000 two-row tables in one CSV ran past 30 s: a sheet gives at most MAX_TABLES, the rest counted."""
    from briefing.ingest.detect import MAX_TABLES
    rows = []
    for i in range(50_000):
        rows += [["Source: a"], [], ["Country", "Share"], [f"X{i}", f"{i % 100}%"]]
    t0 = time.perf_counter()
    tables = find_tables(SheetGrid("", rows))
    assert time.perf_counter() - t0 < 30
    assert len(tables) == MAX_TABLES
    assert tables[-1].notes[-1] == (f"(and {50_000 - MAX_TABLES:,} more tables on this sheet, not read: "
                                    f"Briefing reads up to {MAX_TABLES} tables a sheet)")


def test_csv_wider_than_excel_is_one_line(tmp_path):
    """A 100,000-column CSV ran past 30 s; Excel stops at 16,384 columns, and so does Briefing."""
    p = tmp_path / "wide.csv"
    p.write_text("Label," + ",".join(f"C{j}" for j in range(100_000)) + "\r\nR1," + ",".join("1" * 100_000) + "\r\n")
    with pytest.raises(InputError) as e:
        read_file(p)
    assert e.value.message == ("wide.csv: too wide to read (row 1 has 100,001 columns; "
                               "Briefing reads up to 16,384, as Excel does)")


def test_parse_column_agrees_with_parse_cell_cell_by_cell():
    """parse_column maps each distinct value through one parse; it must give what parse_cell gives
    each cell, also where True == 1 == 1.0 hash alike, for NaN, and for percent-flagged cells."""
    import datetime as dt
    from briefing.ingest.detect import _n_numeric
    from briefing.ingest.values import parse_cell, parse_column
    cells = ["83", " -1,204.5 ", "41%", "+5", "0.125", "1,234,567", "9" * 15, "9" * 400, "12 345", "83*", "x",
             "-", "n/a", "", "  ", "1.", ".5", "1e5", "2024", "(5.4)", "USD 64.53 m", 3.0, float("nan"), None,
             "S", "S", "(X)", 1, 1.0, 0.25, dt.date(2024, 5, 6), dt.datetime(2024, 5, 6), "1", "12.3%", "12.3%"]
    flags = [i % 3 == 0 for i in range(len(cells))]
    for column, fl in ((cells, None), (cells, flags), (cells + [True, False], None), ([True, 1, 1.0, "1"], None)):
        parsed, distinct = parse_column(column, fl)
        want = [parse_cell(v, "0%" if fl and fl[i] else "") for i, v in enumerate(column)]
        assert [(p.value, p.kind, p.bound, p.note) for p in parsed] == \
            [(p.value, p.kind, p.bound, p.note) for p in want]
        assert [p.kind for p in parsed] == [p.kind for p in want]
        assert {id(p) for p in parsed} <= {id(p) for p in distinct}
    assert _n_numeric(cells) == sum(parse_cell(v).kind in ("number", "percent") for v in cells)
    many = [f"{i:,}" for i in range(5000)] + [f"r{i}" for i in range(3000)]   # mostly distinct: cell by cell
    assert _n_numeric(many) == 5000 and _n_numeric(cells * 100) == 100 * _n_numeric(cells)
    assert parse_column([True, 1])[0][0].kind == "text" and parse_column([True, 1])[0][1].kind == "number"


def test_merged_labels_cost_merges_not_columns_times_merges():
    from briefing.ingest.sheet_rules import merged_down
    rows = [[None] * 2000 for _ in range(100)]
    merged = tuple((r, c, r + 1, c) for r in range(0, 20_000, 2) for c in range(0, 2000, 40))   # 500,000 merges
    grid = SheetGrid("s", rows, merged=merged)
    t0 = time.perf_counter()
    filled = sum(merged_down(grid, list(range(100)), c, [1 if r % 2 == 0 else None for r in range(100)])
                 for c in range(2000))
    assert filled == 50 * 50   # 50 merges inside the body rows in each of 50 columns
    assert time.perf_counter() - t0 < 10
