"""Each file is read in a limited child: a reader that aborts, panics, hangs or eats memory costs one line."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.ingest import reader, read_files, sandbox, split
from briefing.model import Cancelled, InputError
from briefing.paths import sample_workbook
from tests.ingest.makefiles import huge_cell_ref


def _no_progress(f, m):
    pass


def _huge_cell_ref(tmp_path: Path) -> Path:
    """The sample with one cell moved to XFD1048576: calamine asks for 512 GB and aborts."""
    return huge_cell_ref(sample_workbook(), tmp_path / "bigref.xlsx", "xl/worksheets/sheet2.xml", "B5")


@pytest.fixture
def forked():
    """Readers started by fork: a monkeypatched reader reaches the child only that way."""
    sandbox.set_start_method("fork")
    yield
    sandbox.set_start_method(None)


@pytest.fixture(params=["fork", "forkserver"])
def method(request):
    sandbox.set_start_method(request.param)
    yield request.param
    sandbox.set_start_method(None)


def test_reader_abort_is_one_line_and_the_other_files_are_read(tmp_path, method):
    bad = _huge_cell_ref(tmp_path)
    tables, report = read_files([str(bad), str(sample_workbook())], progress=_no_progress,
                                cancel=threading.Event())
    assert [e.file for e in report.errors] == ["bigref.xlsx"]
    line = report.errors[0].line()
    assert "bigref.xlsx" in line and "512 GB" in line and "\n" not in line
    assert {t.sheet for t in tables} >= {"Adoption", "Chips"}   # the sample still read in full


def test_cli_survives_the_abort_with_exit_2_and_one_line(tmp_path):
    bad = _huge_cell_ref(tmp_path)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    run = subprocess.run([sys.executable, "-m", "briefing", "themes", str(bad), str(sample_workbook())],
                         capture_output=True, text=True, timeout=60,
                         env={**os.environ, "TMPDIR": str(tmp)})
    assert run.returncode == 2
    errors = [l for l in run.stderr.splitlines() if l.startswith("briefing: error:")]
    assert len(errors) == 1 and "bigref.xlsx" in errors[0]
    assert "Traceback" not in run.stderr and "stack backtrace" not in run.stderr
    assert "Adoption" in run.stdout
    assert list(tmp.iterdir()) == []   # the reader's stderr file is gone


def _sample_copy(tmp_path: Path) -> str:
    p = tmp_path / "book.xlsx"
    p.write_bytes(sample_workbook().read_bytes())
    return str(p)


def test_panic_that_is_not_an_exception_becomes_an_error_line(tmp_path, monkeypatch, forked):
    class PanicException(BaseException):   # what pyo3 raises for a Rust panic
        pass

    def panics(*a, **k):
        raise PanicException("called `Option::unwrap()` on a `None` value")

    monkeypatch.setattr(reader, "read_file", panics)
    with pytest.raises(InputError, match=r"book\.xlsx: cannot be read \(PanicException: called"):
        sandbox.read_file(_sample_copy(tmp_path))


def test_reader_killed_by_a_signal_names_the_file(tmp_path, monkeypatch, forked):
    monkeypatch.setattr(reader, "read_file", lambda *a, **k: os.kill(os.getpid(), 11))
    with pytest.raises(InputError, match=r"book\.xlsx: cannot be read: the reader crashed on it \(SIGSEGV"):
        sandbox.read_file(_sample_copy(tmp_path))


def test_a_reader_past_its_time_limit_is_stopped(tmp_path, monkeypatch, forked):
    monkeypatch.setattr(reader, "read_file", lambda *a, **k: time.sleep(60))
    monkeypatch.setattr(sandbox, "TIME_FLOOR_S", 0.5)
    start = time.monotonic()
    with pytest.raises(InputError, match=r"book\.xlsx: refused: reading it took longer than"):
        sandbox.read_file(_sample_copy(tmp_path))
    assert time.monotonic() - start < 10


def test_a_reader_that_loops_is_stopped_by_its_cpu_time(tmp_path, monkeypatch, forked):
    def spin(*a, **k):
        while True:
            pass

    monkeypatch.setattr(reader, "read_file", spin)
    monkeypatch.setattr(sandbox, "TIME_FLOOR_S", 0.5)
    monkeypatch.setattr(sandbox, "WALL_FACTOR", 1000.0)   # only the CPU limit can stop it
    with pytest.raises(InputError, match=r"book\.xlsx: refused: reading it took longer than 1 s"):
        sandbox.read_file(_sample_copy(tmp_path))


def test_memory_past_the_limit_is_a_memory_error_not_a_dead_process(tmp_path, monkeypatch, forked):
    def greedy(*a, **k):
        return bytearray(3 * 1024**3)   # over the 2 GB budget: refused by the address-space limit

    monkeypatch.setattr(reader, "read_file", greedy)
    tables, report = read_files([_sample_copy(tmp_path)], progress=_no_progress, cancel=threading.Event())
    assert tables == []
    assert "too big to read in the memory available" in report.errors[0].line()


def test_cancel_stops_the_child_at_once(tmp_path, monkeypatch, forked):
    monkeypatch.setattr(reader, "read_file", lambda *a, **k: time.sleep(60))
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    start = time.monotonic()
    with pytest.raises(Cancelled):
        sandbox.read_file(_sample_copy(tmp_path), cancel=cancel)
    assert time.monotonic() - start < 5


def test_isolated_read_gives_the_same_tables_as_in_process():
    same = reader.read_file(sample_workbook())
    isolated = sandbox.read_file(sample_workbook())
    assert isolated[0] == same[0]
    assert isolated[1] == same[1]


def _marking_reader(monkeypatch, marks: Path, wait_for: str | None = None):
    """reader.read_file in the children (started by fork) writing `<file name>.started` with the
    workers it was given; the one named `wait_for` first waits for the other to have started."""
    real = reader.read_file

    def marking(path, **kw):
        name = Path(path).name
        (marks / f"{name}.started").write_text(str(kw.get("workers")))
        if name == wait_for:
            deadline = time.monotonic() + 20
            while len(list(marks.glob("*.started"))) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
            (marks / "overlapped").write_text(str(len(list(marks.glob("*.started"))) >= 2))
        return real(path, **kw)

    monkeypatch.setattr(reader, "read_file", marking)


def test_files_are_read_two_at_a_time_in_order_with_no_second_split(tmp_path, forked, monkeypatch):
    monkeypatch.setattr(split, "workers", lambda: 2)
    marks = tmp_path / "marks"
    marks.mkdir()
    first, second = Path(_sample_copy(tmp_path)), tmp_path / "second.xlsx"
    second.write_bytes(sample_workbook().read_bytes())
    _marking_reader(monkeypatch, marks, wait_for=first.name)
    missing = tmp_path / "missing.xlsx"
    outcomes = sandbox.read_many([first, missing, second])
    # The first file's child saw the second's start before it read: both ran at once.
    assert (marks / "overlapped").read_text() == "True"
    assert isinstance(outcomes[1], InputError) and "missing.xlsx" in outcomes[1].message
    (t1, r1), (t2, r2) = outcomes[0], outcomes[2]
    assert [t.provenance.file_name for t in t1] == [first.name] * len(t1)
    assert [t.provenance.file_name for t in t2] == [second.name] * len(t2)
    assert [t.title for t in t1] == [t.title for t in t2] and len(t1) >= 3
    # Side by side, neither splits its sheets into a second process: the cores are taken.
    assert (marks / f"{first.name}.started").read_text() == "1"
    assert (marks / f"{second.name}.started").read_text() == "1"


def test_a_single_file_may_split_its_sheets(tmp_path, forked, monkeypatch):
    monkeypatch.setattr(split, "workers", lambda: 2)
    marks = tmp_path / "marks"
    marks.mkdir()
    _marking_reader(monkeypatch, marks)
    path = Path(_sample_copy(tmp_path))
    sandbox.read_many([path])
    assert (marks / f"{path.name}.started").read_text() == "2"


def test_cancel_while_reading_many_stops_every_child(tmp_path, forked, monkeypatch):
    import multiprocessing

    monkeypatch.setattr(split, "workers", lambda: 2)
    real = reader.read_file

    def slow(path, **kw):
        time.sleep(30)
        return real(path, **kw)

    monkeypatch.setattr(reader, "read_file", slow)
    cancel = threading.Event()
    files = [_sample_copy(tmp_path)] + [str(tmp_path / f"copy{i}.xlsx") for i in range(3)]
    for f in files[1:]:
        Path(f).write_bytes(sample_workbook().read_bytes())
    threading.Timer(0.5, cancel.set).start()
    with pytest.raises(Cancelled):
        sandbox.read_many(files, cancel=cancel)
    assert multiprocessing.active_children() == []


def test_meanwhile_runs_once_while_the_children_work(tmp_path, forked):
    import multiprocessing

    seen = []
    files = [_sample_copy(tmp_path), str(tmp_path / "missing.xlsx")]
    outcomes = sandbox.read_many(files, meanwhile=lambda: seen.append(len(multiprocessing.active_children())))
    assert seen == [1]   # once, with the first file's child at work (the missing one has none)
    assert isinstance(outcomes[0], tuple) and isinstance(outcomes[1], InputError)


def test_a_failing_meanwhile_stops_no_child_half_way(tmp_path, forked):
    import multiprocessing

    def fail():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        sandbox.read_many([_sample_copy(tmp_path)], meanwhile=fail)
    assert multiprocessing.active_children() == []


def test_start_server_starts_the_forkserver_only_where_reading_uses_one(monkeypatch):
    from multiprocessing import forkserver

    started = []
    monkeypatch.setattr(forkserver, "ensure_running", lambda: started.append(True))
    sandbox.set_start_method("fork")
    try:
        sandbox.start_server()
        assert started == []            # a forked reader needs no server
        sandbox.set_start_method("forkserver")
        monkeypatch.setenv("BRIEFING_NO_SANDBOX", "1")
        sandbox.start_server()
        assert started == []            # no sandbox, no reader children at all
        monkeypatch.delenv("BRIEFING_NO_SANDBOX")
        sandbox.start_server()
        assert started == [True]
    finally:
        sandbox.set_start_method(None)


def test_a_started_server_reads_the_next_file(tmp_path):
    from multiprocessing import forkserver

    sandbox.set_start_method("forkserver")
    try:
        sandbox.start_server()
        assert forkserver._forkserver._forkserver_pid is not None   # running before any file is read
        tables, report = sandbox.read_file(_sample_copy(tmp_path))
        assert tables and not report.errors
    finally:
        sandbox.set_start_method(None)


def test_the_forkserver_preload_leaves_the_readers_first_use_work_done():
    """What the server imports as it starts (ingest/preload.py): the data files parsed and the sample
    read, so a child forked from it starts warm; a fresh interpreter, as the server is."""
    code = ("import briefing.ingest.preload\n"
            "from briefing.ingest import crosstab, publisher, survey, terms\n"
            "print(terms._terms.cache_info().currsize, publisher.code_lists.cache_info().currsize,\n"
            "      crosstab._geo_index.cache_info().currsize, survey.survey_words.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=str(Path(__file__).resolve().parents[2]))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "1", "1", "1"]
    from multiprocessing import forkserver
    sandbox.set_start_method("forkserver")
    try:
        sandbox._context()
        assert "briefing.ingest.preload" in forkserver._forkserver._preload_modules
    finally:
        sandbox.set_start_method(None)
