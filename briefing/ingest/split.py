"""Reads a large workbook's sheets in two processes: the sandboxed reader and one child forked from it.

A survey workbook's time goes sheet by sheet (calamine's read of the XML, then typing and finding the
tables), and real ones are several sheets of similar size: estimates beside standard errors, one
sheet a question. Two processes halve that on a machine with two cores. What spans sheets (linking
errors to estimates, pivoting, year blocks' issues) stays in the reader, after both halves are in.

Only the plain case is split: an unencrypted .xlsx/.xlsm that calamine reads whole. Anything else
(a damaged sheet, a refusal, a crash or abort of the child) falls back to reading the file in one
process from the start, so the tables, the issues and their order are those of the one-process read.
"""
from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
import threading
from pathlib import Path
from typing import Callable, TypeVar

from briefing.model import Cancelled

# Below this much sheet XML (uncompressed) forking a second process costs more than it saves: a
# fork and the pickled tables of its half are a few milliseconds; calamine reads ~10 MB of XML a second.
MIN_BYTES = 256 * 1024
# The lighter half must carry at least this share of the work for a second process to be worth it.
MIN_SHARE = 0.15

P = TypeVar("P")


def workers() -> int:
    """How many processes a split read may use here: 2 where the reader may run on two cores."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return 2 if cores >= 2 else 1


def plan(path: Path) -> tuple[frozenset[int], frozenset[int]] | None:
    """Two sets of sheet positions (as calamine lists the sheets) of about equal XML size, the first
    holding the first sheet; None when the workbook is small, has one sheet worth reading, or is
    not a plain .xlsx/.xlsm."""
    from briefing.ingest.xlsx_styles import sheet_sizes

    sizes = sheet_sizes(path)
    if len(sizes) < 2 or sum(sizes.values()) < MIN_BYTES:
        return None
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum

        wb = CalamineWorkbook.from_path(str(path))
        try:
            sheets = [(pos, sizes.get(meta.name, 0)) for pos, meta in enumerate(wb.sheets_metadata)
                      if meta.typ in (SheetTypeEnum.WorkSheet, SheetTypeEnum.MacroSheet)]
        finally:
            wb.close()
    except BaseException as e:   # noqa: BLE001 - a panic too: the one-process read says what is wrong
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        return None
    # Largest first, each to the lighter half (the greedy rule: within 4/3 of the best split).
    halves: tuple[set[int], set[int]] = (set(), set())
    weight = [0, 0]
    for pos, size in sorted(sheets, key=lambda s: (-s[1], s[0])):
        k = 0 if weight[0] <= weight[1] else 1
        halves[k].add(pos)
        weight[k] += size
    total = sum(weight)
    if not all(halves) or total == 0 or min(weight) < MIN_SHARE * total:
        return None
    first, second = (halves if min(sheets)[0] in halves[0] else halves[::-1])
    return frozenset(first), frozenset(second)


def _die_with_parent() -> None:
    try:   # Linux: the child must not outlive the reader (the sandbox kills the reader on cancel)
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _child(work: Callable[[frozenset[int], bool], P], half: frozenset[int], fd: int) -> None:
    code = 1
    try:
        _die_with_parent()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # What the reader had made is shared with it page by page until written to; the collector's
        # passes over those objects would write to (and so copy) every page they are on.
        gc.freeze()
        _write_all(fd, pickle.dumps(work(half, False), protocol=pickle.HIGHEST_PROTOCOL))
        code = 0
    except BaseException:  # noqa: BLE001 - any failure is the reader's to meet again, in one process
        pass
    finally:
        os._exit(code)   # no atexit handlers, no flushing of buffers the reader also holds


def run(work: Callable[[frozenset[int], bool], P], halves: tuple[frozenset[int], frozenset[int]]
        ) -> tuple[P, P] | None:
    """work(half, reports_progress) for each half, the second in a forked child, both at once; None
    when either failed (the caller then reads the file in one process). Cancelled is raised."""
    if threading.active_count() != 1 or not hasattr(os, "fork"):
        return None   # forking a process with threads running is unsafe
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        _child(work, halves[1], w)
    os.close(w)
    done = False
    try:
        try:
            mine = work(halves[0], True)
        except Cancelled:
            raise
        except Exception:  # noqa: BLE001 - met again, and said, by the one-process read
            return None
        with os.fdopen(r, "rb") as f:
            r = -1
            data = f.read()
        _, status = os.waitpid(pid, 0)
        done = True
        if status != 0 or not data:
            return None
        return mine, pickle.loads(data)
    finally:
        if r != -1:
            os.close(r)
        if not done:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
