"""A large workbook's sheets read in two processes give what one process gives, or one process reads it."""
from __future__ import annotations

import faulthandler
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from briefing.ingest import reader, sandbox, split
from briefing.model import Cancelled


def _survey(path: Path, rows: int = 1500, hidden: bool = True) -> Path:
    """Estimates and their standard errors on two sheets of the same layout (linked across sheets
    after both halves are in), a notes sheet, a counts sheet and a hidden sheet."""
    wb = openpyxl.Workbook()
    est = wb.active
    est.title = "Estimates"
    se = wb.create_sheet("Standard errors")
    for ws, scale in ((est, 1.0), (se, 0.1)):
        ws.append(["Share of firms using AI, by state and sector"])
        ws.append([])
        ws.append(["State", "Sector"] + [f"Wave {w}" for w in range(1, 9)])
        for r in range(rows):
            ws.append([f"State {r // 20:03d}", f"Sector {r % 20:02d}"]
                      + [f"{(r * 7 + w * 3) % 97 * scale:.1f}%" if (r + w) % 13 else "S" for w in range(1, 9)])
    notes = wb.create_sheet("Notes")
    notes.append(["S: suppressed for quality"])
    counts = wb.create_sheet("Counts")
    counts.append(["Sector", "Responses"])
    for r in range(20):
        counts.append([f"Sector {r:02d}", 100 + r])
    if hidden:
        secret = wb.create_sheet("Scratch")
        secret.append(["x", "y"])
        secret.append([1, 2])
        secret.sheet_state = "hidden"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> Path:
    return _survey(tmp_path_factory.mktemp("split") / "survey.xlsx")


def _forks(monkeypatch) -> list[int]:
    """The children split.run forks, by pid."""
    pids = []
    real = os.fork

    def fork():
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return pids


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _spy(monkeypatch) -> list:
    """The outcomes of split.run in this process: a tuple of two parts, or None."""
    seen = []
    real = split.run

    def run(work, halves):
        out = real(work, halves)
        seen.append(out)
        return out

    monkeypatch.setattr(split, "run", run)
    return seen


def test_plan_balances_the_sheets_by_their_xml(survey):
    halves = split.plan(survey)
    assert halves is not None
    first, second = halves
    assert 0 in first and not first & second
    with zipfile.ZipFile(survey) as z:
        assert len(first | second) == len([n for n in z.namelist() if n.startswith("xl/worksheets/sheet")])
    # The two big sheets are one each side.
    assert {0, 1} - first and {0, 1} - second


def test_plan_leaves_small_single_sheet_and_non_xlsx_files_to_one_process(tmp_path, survey):
    small = _survey(tmp_path / "small.xlsx", rows=30)
    assert split.plan(small) is None
    one = openpyxl.Workbook()
    for r in range(6000):
        one.active.append([f"label {r}", f"{r % 90}.5%", r])
    one.save(tmp_path / "one.xlsx")
    assert split.plan(tmp_path / "one.xlsx") is None
    csv = tmp_path / "big.csv"
    csv.write_text("a,b\n" + "x,1\n" * 200_000)
    assert split.plan(csv) is None
    assert split.plan(tmp_path / "missing.xlsx") is None


def test_two_processes_give_the_tables_and_issues_of_one(survey, monkeypatch):
    seen = _spy(monkeypatch)
    one, one_report = reader.read_file(survey, workers=1)
    two, two_report = reader.read_file(survey, workers=2)
    assert seen and seen[-1] is not None, "the workbook was not split"
    mine, theirs = seen[-1]
    assert mine.sheets and theirs.sheets   # both halves read sheets
    assert two == one
    assert two_report.issues == one_report.issues
    # What spans sheets happened after both halves were in: the errors sheet became the estimates' errors.
    messages = [i.message for i in two_report.issues]
    assert any("read as the errors of" in m for m in messages)
    assert [t.sheet for t in two] == ["Estimates", "Counts"]
    assert any(c.errors for c in two[0].columns)
    assert any(i.sheet == "Scratch" and "hidden sheet skipped" in i.message for i in two_report.issues)
    assert any(i.sheet == "Notes" and "notes about the workbook" in i.message for i in two_report.issues)


def test_a_half_that_fails_in_the_child_is_read_again_in_one_process(survey, monkeypatch):
    seen = _spy(monkeypatch)
    pids = _forks(monkeypatch)
    parent = os.getpid()
    real = reader._read_part

    def failing_in_child(*a, **k):
        if os.getpid() != parent:
            faulthandler.disable()   # as in the sandboxed reader: no Python dump of the abort
            os.abort()   # as a reader dying on a hostile sheet would
        return real(*a, **k)

    monkeypatch.setattr(reader, "_read_part", failing_in_child)
    two, report = reader.read_file(survey, workers=2)
    assert seen == [None]
    monkeypatch.setattr(reader, "_read_part", real)
    one, one_report = reader.read_file(survey, workers=1)
    assert two == one and report.issues == one_report.issues
    assert len(pids) == 1 and _reaped(pids[0])


def test_a_sheet_calamine_cannot_read_sends_the_file_to_one_process(survey, monkeypatch):
    seen = _spy(monkeypatch)
    from briefing.ingest import readers
    real = readers._read_calamine

    def one_sheet_fails(source, name, errors, cancel, only=None):
        grids = real(source, name, errors, cancel, only)
        if only is not None and 1 in only:
            errors.append(("error", "Standard errors", "sheet not read (damaged)"))
            grids = [g for g in grids if g.name != "Standard errors"]
        return grids

    monkeypatch.setattr(readers, "_read_calamine", one_sheet_fails)
    two, report = reader.read_file(survey, workers=2)
    # Both halves ran, but one was not read whole: the whole file was read again in one process.
    assert len(seen) == 1
    monkeypatch.setattr(readers, "_read_calamine", real)
    one, one_report = reader.read_file(survey, workers=1)
    assert two == one and report.issues == one_report.issues


def test_cancel_in_a_half_stops_the_read_and_reaps_the_child(survey, monkeypatch):
    pids = _forks(monkeypatch)

    class Flag:
        calls = 0

        def is_set(self):
            self.calls += 1
            return self.calls > 3

    with pytest.raises(Cancelled):
        reader.read_file(survey, workers=2, cancel=Flag())
    assert len(pids) == 1 and _reaped(pids[0])


@pytest.mark.parametrize("method", ["fork", "forkserver"])   # the CLI's readers, the window's
def test_the_sandboxed_reader_splits_and_gives_the_same_tables(survey, method):
    sandbox.set_start_method(method)
    try:
        tables, report = sandbox.read_file(survey)
    finally:
        sandbox.set_start_method(None)
    one, one_report = reader.read_file(survey, workers=1)
    assert tables == one and report.issues == one_report.issues


def test_workers_is_two_only_with_two_cores(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert split.workers() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    assert split.workers() == 2


def test_a_half_whose_reader_aborts_is_one_line_as_in_one_process(survey, tmp_path):
    """calamine aborts the child on a cell at XFD1048576 of the second half's sheet; the reader reads
    the file again alone, aborts the same way, and the sandbox says so in one line."""
    import threading

    from briefing.ingest import read_files
    from tests.ingest.makefiles import huge_cell_ref

    bad = huge_cell_ref(survey, tmp_path / "bad.xlsx", "xl/worksheets/sheet2.xml", "C10")
    halves = split.plan(bad)
    assert halves is not None and 1 in halves[1]   # the damaged sheet is the child's
    sandbox.set_start_method("fork")
    try:
        tables, report = read_files([str(bad)], progress=lambda f, m: None, cancel=threading.Event())
    finally:
        sandbox.set_start_method(None)
    assert tables == []
    assert [e.line() for e in report.errors] == [
        "bad.xlsx: cannot be read: the reader asked for 512 GB of memory (limit 2 GB); "
        "the file is damaged or made to exhaust memory"]
