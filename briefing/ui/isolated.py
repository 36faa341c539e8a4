"""Import big workbooks in a child process, so the GUI thread never waits on the GIL.

Reading a sheet (python-calamine's `to_python`) holds the GIL for the whole sheet: about 1 s for
200,000 rows, a frozen window if it runs in a thread of the GUI process. A child process reads
and tags the workbook; the result comes back one column at a time (each unpickled by its own
short call), so the GUI thread is never blocked for long. No Qt here.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
from dataclasses import replace
from typing import Any

from briefing.model import BriefingError, Cancelled, InputError

# Below this total size the thread import is quicker than starting a process (~0.5 s).
MIN_BYTES = 2 << 20
_BIG_FIELDS = ("values", "bounds", "notes", "errors", "bases")


def worth_isolating(paths) -> bool:
    total = 0
    for p in paths:
        try:
            total += os.path.getsize(p)
        except OSError:
            pass
    return total >= MIN_BYTES


def _split(ws):
    """The workspace without its big tuples, and those tuples as (table, column, field, value)."""
    chunks: list[tuple[int, int, str, Any]] = []
    tables = []
    for ti, table in enumerate(ws.tables):
        columns = []
        for ci, column in enumerate(table.columns):
            for name in _BIG_FIELDS:
                chunks.append((ti, ci, name, getattr(column, name)))
            columns.append(replace(column, **{name: () for name in _BIG_FIELDS}))
        chunks.append((ti, -1, "source_rows", table.source_rows))
        tables.append(replace(table, columns=tuple(columns), source_rows=()))
    return replace(ws, tables=tuple(tables)), chunks


def _send_workspace(conn, ws, cancel=None) -> None:
    skeleton, chunks = _split(ws)
    conn.send(("skeleton", len(chunks)))
    conn.send_bytes(pickle.dumps(skeleton, protocol=pickle.HIGHEST_PROTOCOL))
    for chunk in chunks:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        conn.send_bytes(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL))   # one column at a time


def _error_message(e: BaseException) -> tuple:
    if isinstance(e, BriefingError):
        return ("error", type(e).__name__, e.message, getattr(e, "file", ""))
    return ("error", type(e).__name__, f"{type(e).__name__}: {' '.join(str(e).split())}", "")


def _raise(message) -> None:
    _, name, text, file = message
    from briefing.model import errors
    cls = getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, BriefingError) and cls is not Cancelled:
        try:
            err = cls(text, file) if file else cls(text)
        except TypeError:
            err = cls(text)
        raise err
    raise InputError(text)


def _child(paths: list[str], conn, passwords: tuple[str, ...] = ()) -> None:
    """Runs in the child: load, then send the workspace without its big tuples, then each tuple."""
    from briefing import pipeline

    def progress(fraction: float, message: str) -> None:
        conn.send(("progress", fraction, message))

    try:
        ws = pipeline.load(paths, progress=progress, passwords=passwords)
        _send_workspace(conn, ws)
        conn.send(("done",))
    except BaseException as e:  # noqa: BLE001 - reported as one line, never a traceback
        conn.send(_error_message(e))
    finally:
        conn.close()


def load(paths, *, progress, cancel, passwords=()):
    """`pipeline.load(paths)` run in a child process; same result, same errors, cancellable."""
    ctx = multiprocessing.get_context("spawn")   # never fork a process that runs Qt threads
    receive, send = ctx.Pipe(duplex=False)
    # Not a daemon: the child reads each file in a limited grandchild of its own (ingest/sandbox.py),
    # which a daemonic process may not start. The finally below still ends it on every path.
    proc = ctx.Process(target=_child, args=([str(p) for p in paths], send, tuple(passwords)), daemon=False)
    proc.start()
    send.close()
    try:
        skeleton, n_chunks = None, 0
        while True:
            if cancel.is_set():
                raise Cancelled()
            if not receive.poll(0.05):
                if not proc.is_alive() and not receive.poll(0):
                    raise InputError(f"the import stopped unexpectedly (exit code {proc.exitcode})")
                continue
            try:
                message = receive.recv()
            except EOFError:
                proc.join(5)
                raise InputError(f"the import stopped unexpectedly (exit code {proc.exitcode})") from None
            kind = message[0]
            if kind == "progress":
                progress(0.95 * message[1], message[2])
            elif kind == "error":
                _raise(message)
            elif kind == "skeleton":
                n_chunks = message[1]
                skeleton = pickle.loads(receive.recv_bytes())
                return _assemble(skeleton, n_chunks, receive, progress, cancel)
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(5)
        receive.close()


def _assemble(ws, n_chunks: int, receive, progress, cancel):
    tables = [list(t.columns) for t in ws.tables]
    rows: dict[int, tuple] = {}
    fields: dict[tuple[int, int], dict[str, Any]] = {}
    for i in range(n_chunks):
        if cancel.is_set():
            raise Cancelled()
        ti, ci, name, value = pickle.loads(receive.recv_bytes())   # one column: a short GIL hold
        if ci < 0:
            rows[ti] = value
        else:
            fields.setdefault((ti, ci), {})[name] = value
        if i % 16 == 0:
            progress(0.95 + 0.05 * i / max(1, n_chunks), "Receiving the tables")
    new_tables = []
    for ti, table in enumerate(ws.tables):
        columns = tuple(replace(c, **fields.get((ti, ci), {})) for ci, c in enumerate(tables[ti]))
        new_tables.append(replace(table, columns=columns, source_rows=rows.get(ti, ())))
    # Tags are keyed by Table.key, which the round trip keeps.
    return replace(ws, tables=tuple(new_tables))


# -- builds of big workspaces ------------------------------------------------------------------------

# Above this many cells a preview or export is built in a child process: laying out a huge table
# creates millions of objects, and the garbage collector's passes over them hold the GIL for seconds.
BIG_CELLS = 500_000


def is_big(ws) -> bool:
    return sum(t.n_rows * max(1, len(t.columns)) for t in ws.tables) > BIG_CELLS


def _build_child(conn) -> None:
    from briefing import pipeline

    try:
        spec, out, edits = conn.recv()
        kind, n_chunks = conn.recv()
        ws = _assemble(pickle.loads(conn.recv_bytes()), n_chunks, conn, lambda f, m: None, _NeverSet())
        # One analysis: the build's own, whose findings (generated and as edited) come back with it.
        result = pipeline.build(spec, out, workspace=ws, edits=edits,
                                progress=lambda f, m: conn.send(("progress", f, m)))
        conn.send(("result", str(result.path), result.pages, result.findings, result.warnings, result.generated))
    except BaseException as e:  # noqa: BLE001
        conn.send(_error_message(e))
    finally:
        conn.close()


class _NeverSet:
    def is_set(self) -> bool:
        return False


def build(spec, out, ws, *, edits=None, progress, cancel):
    """`pipeline.build` of a big workspace in a child process, the same BuildResult (its findings
    included). Cancel stops the child at once."""
    from pathlib import Path

    from briefing.pipeline import BuildResult

    ctx = multiprocessing.get_context("spawn")
    conn, child_conn = ctx.Pipe()
    proc = ctx.Process(target=_build_child, args=(child_conn,), daemon=True)
    proc.start()
    child_conn.close()
    try:
        conn.send((spec, str(out), dict(edits or {})))
        progress(0.0, "Sending the tables to the builder")
        _send_workspace(conn, ws, cancel)
        while True:
            if cancel.is_set():
                raise Cancelled()
            if not conn.poll(0.05):
                if not proc.is_alive() and not conn.poll(0):
                    raise InputError(f"the build stopped unexpectedly (exit code {proc.exitcode})")
                continue
            try:
                message = conn.recv()
            except EOFError:
                raise InputError("the build stopped unexpectedly") from None
            if message[0] == "progress":
                progress(message[1], message[2])
            elif message[0] == "error":
                _raise(message)
            elif message[0] == "result":
                _, path, pages, findings, warnings, generated = message
                return BuildResult(Path(path), pages, findings, warnings, generated)
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(5)
        conn.close()


# -- what the window's session runs --------------------------------------------------------------------

def load_any(paths, *, progress, cancel, passwords=()):
    """An import: in a child process when the workbooks are big, in this thread when not."""
    from briefing import pipeline
    if worth_isolating(paths):
        return load(paths, progress=progress, cancel=cancel, passwords=passwords)
    return pipeline.load(paths, progress=progress, cancel=cancel, passwords=passwords)


def build_any(spec, out, ws, *, edits, progress, cancel):
    """A build: in a child process when the workspace is big, in this thread when not."""
    from briefing import pipeline
    if is_big(ws):
        return build(spec, out, ws, edits=edits, progress=progress, cancel=cancel)
    return pipeline.build(spec, out, workspace=ws, progress=progress, cancel=cancel, edits=edits)
