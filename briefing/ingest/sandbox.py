"""Reads one file in a child process with memory and time limits, so a hostile file costs nothing else.

python-calamine is Rust: a crafted cell reference or shared-strings count makes it ask for hundreds
of gigabytes and abort the whole process ("memory allocation of ... failed"), and a panic inside it
is not an ordinary Exception. Run in the caller's process, that would take every other file of the
run, and in the window the user's unsaved work, with it. So each file is parsed in a child that has
an address-space limit and a CPU-time limit; the parent waits with a wall-clock limit, kills the
child on cancel, and turns any death into one line naming the file.

Start method: "fork" where the caller has a single thread (the CLI: ~5 ms a file), a forkserver
where threads run (the window: forking a process with Qt threads is unsafe; ~13 ms a file after
a one-off ~0.2 s start), spawn where neither exists.
"""
from __future__ import annotations

import ctypes
import faulthandler
import multiprocessing
import os
import pickle
import re
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Sequence

from briefing.ingest import filetypes
from briefing.model import BriefingError, Cancelled, InputError, PasswordRequired

# New address space a reader may take beyond what the process had when it started (env override
# in bytes). 200,000 x 12 cells peak near 250 MB; the 20 M-cell limit of readers.py is below this.
MEMORY_BYTES = int(os.environ.get("BRIEFING_READ_MEMORY", 2 * 1024**3))
# Time limit: a floor plus time per megabyte of file (env override in seconds, the floor). It is
# the reader's CPU time (RLIMIT_CPU), so a reader that loops is stopped at it on an idle machine,
# while a busy machine (a build beside a test run) does not turn a slow read into a refusal; the
# wall clock allows WALL_FACTOR times it, for a reader that hangs without using the CPU.
TIME_FLOOR_S = float(os.environ.get("BRIEFING_READ_TIMEOUT", 20))
TIME_PER_MB_S = 20.0
WALL_FACTOR = 3.0
_POLL_S = 0.05

_method: str | None = None


def set_start_method(method: str | None) -> None:
    """The window sets "forkserver" before its first import; None goes back to choosing per call."""
    global _method
    _method = method


def enabled() -> bool:
    return os.environ.get("BRIEFING_NO_SANDBOX", "") != "1"


def _context():
    methods = multiprocessing.get_all_start_methods()
    method = _method
    if method is None:
        if "fork" in methods and threading.active_count() == 1 and "PySide6.QtCore" not in sys.modules:
            method = "fork"
        elif "forkserver" in methods:
            method = "forkserver"
        else:
            method = "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        # The readers imported, and their first-use work done, once in the server: every reader
        # child then starts warm (ingest/preload.py).
        ctx.set_forkserver_preload(["briefing.ingest.reader", "briefing.ingest.preload"])
    return ctx


def start_server() -> None:
    """Start the forkserver now, where reading would use one (the window, as it opens): its start
    imports the readers (~0.2 s), which the first import would otherwise wait for."""
    if not enabled():
        return
    ctx = _context()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver
        forkserver.ensure_running()


def time_limit(path: Path) -> float:
    try:
        mb = path.stat().st_size / 2**20
    except OSError:
        mb = 0.0
    return TIME_FLOOR_S + TIME_PER_MB_S * mb


def _limit_self(memory: int, cpu_seconds: float) -> None:
    """In the child: cap address space and CPU time, and die with the parent."""
    try:
        import resource   # here, not at the top: Linux/macOS only
        with open("/proc/self/statm") as f:
            page = os.sysconf("SC_PAGE_SIZE")
            current = int(f.read().split()[0]) * page
        limit = current + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        cpu = int(cpu_seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    except (ImportError, OSError, ValueError):
        pass   # no /proc or no setrlimit (not Linux): the parent's wall-clock limit still holds
    try:   # Linux: if the parent is killed, so is the reader (never an orphan parsing a hostile file)
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _child(path: str, passwords: tuple[str, ...], conn, memory: int, cpu_seconds: float, err_path: str,
           workers: int | None = None) -> None:
    _limit_self(memory, cpu_seconds)
    faulthandler.disable()   # a test runner's handler would print a Python dump for a reader's crash
    try:   # what a dying Rust reader prints goes to the parent's message, not the user's terminal
        fd = os.open(err_path, os.O_WRONLY | os.O_TRUNC)
        os.dup2(fd, 2)
        os.close(fd)
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the parent decides what Ctrl+C means
    from briefing.ingest.reader import read_file
    from briefing.ingest import split

    def progress(fraction: float, message: str) -> None:
        conn.send(("progress", fraction, message))

    try:
        # This process is the reader's own and single-threaded: it may fork a second for the sheets.
        tables, report = read_file(path, passwords=passwords, progress=progress,
                                   workers=split.workers() if workers is None else workers)
        # One message a table: the parent unpickles each in its own short call, so a window's GUI
        # thread is not kept from the GIL while 190 tables are unpickled in one (50 ms).
        parts = [pickle.dumps(t, protocol=pickle.HIGHEST_PROTOCOL) for t in tables]
        conn.send(("result", len(parts)))
        for data in parts:
            conn.send_bytes(data)
        conn.send_bytes(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
    except MemoryError:
        conn.send(("memory",))
    except PasswordRequired as e:
        conn.send(("password", e.message, e.file, e.wrong))
    except BriefingError as e:
        conn.send(("input", e.message))
    except BaseException as e:  # noqa: BLE001 - a panic in a Rust reader is a BaseException
        conn.send(("failed", f"{type(e).__name__}: {' '.join(str(e).split())[:200]}"))
    finally:
        conn.close()


_ALLOC = re.compile(r"memory allocation of (\d+) bytes failed")


def _death(name: str, code: int | None, limit_s: float, said: str = "") -> str:
    asked = _ALLOC.search(said)
    if asked:
        return (f"{name}: cannot be read: the reader asked for {_size(int(asked.group(1)))} of memory "
                f"(limit {_size(MEMORY_BYTES)}); the file is damaged or made to exhaust memory")
    if code is not None and code < 0:
        sig = -code
        if sig == signal.SIGXCPU:
            return f"{name}: refused: reading it took longer than {limit_s:.0f} s (the file may be damaged)"
        if sig == signal.SIGABRT:
            return f"{name}: cannot be read: the reader aborted on it (the file may be damaged)"
        if sig == signal.SIGKILL:
            return f"{name}: cannot be read: the reader was killed (out of memory?)"
        try:
            what = signal.Signals(sig).name
        except ValueError:
            what = f"signal {sig}"
        return f"{name}: cannot be read: the reader crashed on it ({what}; the file may be damaged)"
    return f"{name}: cannot be read: the reader stopped unexpectedly (exit code {code})"


def _size(n: int) -> str:
    for unit, scale in (("TB", 2**40), ("GB", 2**30), ("MB", 2**20)):
        if n >= scale:
            return f"{n / scale:.0f} {unit}"
    return f"{n} bytes"


def _said(err_path: str) -> str:
    try:
        with open(err_path, "rb") as f:
            return f.read(4096).decode("utf-8", "replace")
    except OSError:
        return ""


class _Reader:
    """One file being read in its child: started at once, its outcome collected by result()."""

    def __init__(self, path: Path, passwords: Sequence[str], workers: int | None = None):
        self.name = path.name
        if not filetypes.is_readable(path) or not path.exists() or path.is_dir():
            from briefing.ingest.readers import check_file
            check_file(path)   # says why in one line, with no child started for it
        self.limit_s = time_limit(path)
        ctx = _context()
        self.receive, send = ctx.Pipe(duplex=False)
        # In the system's temp folder, which it cleans: the only trace a killed parent could leave.
        fd, self.err_path = tempfile.mkstemp(prefix="briefing-reader-", suffix=".err")
        os.close(fd)
        self.proc = ctx.Process(target=_child, args=(str(path), tuple(passwords), send, MEMORY_BYTES,
                                                     self.limit_s, self.err_path, workers), daemon=True)
        try:
            self.proc.start()
        except BaseException:
            self.receive.close()
            os.unlink(self.err_path)
            raise
        finally:
            send.close()
        self.deadline = time.monotonic() + WALL_FACTOR * self.limit_s

    def _died(self) -> InputError:
        return InputError(_death(self.name, self.proc.exitcode, self.limit_s, _said(self.err_path)))

    def result(self, cancel=None, progress: Callable[[float, str], None] | None = None):
        """The child's tables and report (or its error raised here); the child is gone after."""
        progress = progress or (lambda f, m: None)
        receive, proc = self.receive, self.proc
        try:
            while True:
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                if time.monotonic() > self.deadline:
                    raise InputError(f"{self.name}: refused: reading it took longer than "
                                     f"{WALL_FACTOR * self.limit_s:.0f} s (the file may be damaged)")
                if not receive.poll(_POLL_S):
                    if not proc.is_alive() and not receive.poll(0):
                        proc.join(1)
                        raise self._died()
                    continue
                try:
                    message = receive.recv()
                except (EOFError, OSError):
                    proc.join(5)
                    raise self._died() from None
                kind = message[0]
                if kind == "progress":
                    progress(message[1], message[2])
                elif kind == "result":
                    try:
                        tables = [pickle.loads(receive.recv_bytes()) for _ in range(message[1])]
                        return tables, pickle.loads(receive.recv_bytes())
                    except (EOFError, OSError):   # the reader died half-way through sending
                        proc.join(5)
                        raise self._died() from None
                elif kind == "memory":
                    raise MemoryError()
                elif kind == "password":
                    raise PasswordRequired(message[1], file=message[2], wrong=message[3])
                elif kind == "input":
                    raise InputError(message[1])
                elif kind == "failed":
                    raise InputError(f"{self.name}: cannot be read ({message[1]})")
        finally:
            self.close()

    def close(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.receive.close()
        try:
            os.unlink(self.err_path)
        except OSError:
            pass


def read_file(path: str | os.PathLike, *, passwords: Sequence[str] = (), cancel=None,
              progress: Callable[[float, str], None] | None = None):
    """`reader.read_file` run in a child: the same tables and report, the same InputError and
    PasswordRequired, and InputError naming the file for a crash, a memory or a time limit."""
    return _Reader(Path(path), passwords).result(cancel, progress)


def read_many(paths: Sequence[str | os.PathLike], *, passwords: Sequence[str] = (), cancel=None,
              progress: Callable[[int, float, str], None] | None = None,
              meanwhile: Callable[[], None] | None = None) -> list:
    """read_file of each path, as many children at once as there are cores (two here): each
    path's (tables, report), or the InputError / MemoryError it raised, in the order given.
    Cancelled is raised, with every child stopped. progress(index, fraction, message).
    `meanwhile` is called once, here, as soon as the first children are at work (the caller's
    own preparation, done while this process would only wait).

    Outcomes are collected in order, so a later file's child works while an earlier one's result
    is read; one child at a time would leave a core idle through every file."""
    from briefing.ingest import split

    progress = progress or (lambda i, f, m: None)
    paths = [Path(p) for p in paths]
    at_once = split.workers()
    # Files read side by side do not split their sheets too: the cores are taken.
    per_file = 1 if len(paths) > 1 and at_once > 1 else None
    started: dict[int, _Reader | BaseException] = {}
    out: list = []

    def start(i: int) -> None:
        try:
            started[i] = _Reader(paths[i], passwords, per_file)
        except (InputError, MemoryError) as e:
            started[i] = e

    following = 0   # the next path to start
    try:
        for i in range(len(paths)):
            # Children at work: this path's and the ones after it, up to one a core (a file refused
            # before any child started takes no place).
            while following < len(paths) and (following <= i or sum(
                    isinstance(x, _Reader) for x in started.values()) < at_once):
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                start(following)
                following += 1
            if meanwhile is not None:
                meanwhile, ahead = None, meanwhile
                ahead()
            r = started.pop(i)
            if isinstance(r, BaseException):
                out.append(r)
                continue
            try:
                out.append(r.result(cancel, lambda f, m, i=i: progress(i, f, m)))
            except (InputError, MemoryError) as e:
                out.append(e)
        return out
    finally:
        for r in started.values():
            if isinstance(r, _Reader):
                r.close()
