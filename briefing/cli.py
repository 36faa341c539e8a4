"""Command line: `build` a briefing PDF and list `themes` per table, without Qt."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from briefing import __version__, pipeline
from briefing.ingest import filetypes
from briefing.pipeline import DEMO_SUBTITLE, DEMO_TITLE
from briefing.model import BriefingError, BriefingSpec, InputError
from briefing.paths import sample_workbook



def program() -> str:
    """How the user started Briefing, for usage lines and hints: briefing, python main.py, python -m briefing."""
    import os

    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "briefing"
    if name == "main.py":
        return "python main.py"
    if name == "__main__.py":
        return "python -m briefing"
    return name or "briefing"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not usage + message
        raise InputError(f"{self.prog}: {message} (see --help)")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog=program(), description="Survey workbooks in, PDF briefings out. With no command (or "
                "with workbooks or a .briefing project to open) the window starts; the commands below "
                "run headless, without Qt.")
    p.add_argument("--version", action="version", version=f"Briefing {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    b = sub.add_parser("build", help="build a PDF briefing")
    b.add_argument("workbooks", nargs="*", help=f"{filetypes.listed()} files")
    b.add_argument("--demo", action="store_true", help="use the embedded sample survey workbook")
    b.add_argument("--themes", default="", help="comma-separated theme keys in order (default: all the data supports)")
    b.add_argument("--lang", default="en", choices=["en", "zh"])
    b.add_argument("--title", default=None)
    b.add_argument("--subtitle", default=None)
    b.add_argument("--author", default="")
    b.add_argument("--organisation", default="")
    b.add_argument("--date", default="", help="briefing date, YYYY-MM-DD (default: today)")
    b.add_argument("--classification", default="", help='e.g. "Internal" or "Confidential"')
    b.add_argument("--project", default=None, metavar="FILE.briefing",
                   help="rebuild a project saved by the window (sources, themes, edits and fields from it)")
    b.add_argument("--template", default="briefing",
                   help="template name: briefing, onepager, deck, or one in the user templates folder")
    b.add_argument("-o", "--output", required=True, help="the PDF to write")
    b.add_argument("--audit", default=None, metavar="FILE.json",
                   help="also write the ledger of every number printed, with its cell or derivation")
    b.add_argument("--password-file", default=None, metavar="FILE",
                   help="passwords of encrypted workbooks, one a line, tried in turn")
    b.add_argument("--data", default=None, metavar="OUT.xlsx",
                   help="also write a workbook of every table the briefing used, each under its citation")
    b.add_argument("--data-appendix", action="store_true",
                   help="print those tables in full in a data appendix at the end of the PDF")

    t = sub.add_parser("themes", help="list each table with its themes and scores")
    t.add_argument("workbooks", nargs="*", help=f"{filetypes.listed()} files")
    t.add_argument("--demo", action="store_true", help="use the embedded sample survey workbook")
    t.add_argument("--json", action="store_true", help="machine-readable output")
    t.add_argument("--password-file", default=None, metavar="FILE",
                   help="passwords of encrypted workbooks, one a line, tried in turn")
    return p


def _sources(args) -> list[str]:
    sources = [str(sample_workbook())] if args.demo else []
    sources += args.workbooks
    if not sources:
        raise InputError("no workbook given (name one or more files, or use --demo)")
    return sources


def _passwords(args) -> tuple[str, ...]:
    """Passwords from --password-file: one a line (a trailing newline is not part of it)."""
    if not getattr(args, "password_file", None):
        return ()
    path = Path(args.password_file)
    try:
        if path.is_dir():
            raise InputError(f"--password-file {path}: is a folder, not a file of passwords")
        if path.stat().st_size > _MAX_PASSWORD_FILE:
            raise InputError(f"--password-file {path}: over {_MAX_PASSWORD_FILE >> 10} KB; "
                             "it should hold a few passwords, one a line")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"--password-file {args.password_file}: cannot be read "
                         f"({getattr(e, 'strerror', None) or e})") from None
    return tuple(line for line in text.splitlines() if line)


_MAX_PASSWORD_FILE = 1 << 20


def _check_date(text: str) -> str:
    import datetime as dt
    if not text:
        return ""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise InputError(f"--date '{text}' is not a date in the form YYYY-MM-DD") from None


def _warn(result) -> None:
    for w in result.warnings:   # e.g. a character no bundled font has, named by its cell
        print(f"briefing: warning: {w}", file=sys.stderr)


def wrote_line(path, pages: int, themes) -> str:
    """"Wrote out.pdf (1 page, themes: adoption)"."""
    return f"Wrote {path} ({pages} page{'' if pages == 1 else 's'}, themes: {', '.join(themes)})"


def cmd_build_project(args) -> int:
    from briefing import project

    if args.workbooks or args.demo:
        raise InputError("--project takes its workbooks from the project file; name none with it")
    if args.data:   # refused before any work, like the PDF
        pipeline.check_data_output(args.data, project.load(args.project).source_paths, [args.project])
    if args.audit:
        pipeline.check_audit_output(args.audit, args.output, project.load(args.project).source_paths,
                                    [args.project])
    result, spec, ws = project.build(args.project, args.output, data_appendix=args.data_appendix)
    _warn(result)
    if args.audit:
        pipeline.write_audit(result, args.audit, spec.sources, [args.project])
    print(wrote_line(result.path, result.pages, pipeline.resolve_themes(spec, ws)))
    _export_data(args, spec, ws, [args.project])
    return 0


def cmd_build(args) -> int:
    if args.project:
        return cmd_build_project(args)
    sources = _sources(args)
    themes = tuple(t.strip() for t in args.themes.split(",") if t.strip())
    date = _check_date(args.date)
    # Before any work: a PDF that would replace a source, or cannot be written there, is refused now.
    pipeline.check_pdf_output(args.output, sources, [args.password_file] if args.password_file else [])
    if args.data:
        pipeline.check_data_output(args.data, sources, [args.password_file] if args.password_file else [])
    if args.audit:
        pipeline.check_audit_output(args.audit, args.output, sources,
                                    [args.password_file] if args.password_file else [])
    template = args.template
    ws = pipeline.load(sources, strict=True, passwords=_passwords(args),
                       meanwhile=lambda: pipeline.head_start(template or "briefing"))
    # No --title: the pipeline names the briefing after its headline table (or the file).
    title = args.title if args.title is not None else (DEMO_TITLE if args.demo else "")
    subtitle = args.subtitle if args.subtitle is not None else (DEMO_SUBTITLE if args.demo else "")
    spec = BriefingSpec(sources=tuple(sources), themes=themes, title=title, subtitle=subtitle,
                        author=args.author, organisation=args.organisation, date=date, lang=args.lang,
                        classification=args.classification, template=args.template,
                        data_appendix=args.data_appendix)

    def progress(fraction: float, message: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{int(fraction * 100):3d}% {message[:60]:<60}", end="", file=sys.stderr, flush=True)

    for key in pipeline.resolve_themes(spec, ws):
        if not ws.tables_for(key):
            print(f"briefing: warning: no table matches theme '{key}'; its section will say so",
                  file=sys.stderr)
    result = pipeline.build(spec, args.output, workspace=ws, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    _warn(result)
    if args.audit:
        pipeline.write_audit(result, args.audit, sources, [args.password_file] if args.password_file else [])
    print(wrote_line(result.path, result.pages, pipeline.resolve_themes(spec, ws)))
    _export_data(args, spec, ws, [args.password_file] if args.password_file else [])
    return 0


def _export_data(args, spec, ws, protect) -> None:
    """--data OUT.xlsx: the companion workbook, after the PDF (its check was made before any work)."""
    if not args.data:
        return
    data = pipeline.export_data(spec, args.data, workspace=ws, protect=protect)
    _warn(data)
    print(f"Wrote {data.path} ({len(data.sheets)} tables)")


def _table_json(t, ws) -> dict:
    """One table as `themes --json` shows it: where it is, how it was read (the part each column and
    row plays, with the reason), what its codes and periods mean, and why each theme was given."""
    label = next((i for i, c in enumerate(t.columns) if c.kind == "label"), None)

    def row_label(r: int) -> str:
        return "" if label is None or t.columns[label].values[r] is None else str(t.columns[label].values[r])

    return {
        "file": t.provenance.file_name, "path": t.provenance.path, "sheet": t.sheet,
        "range": t.provenance.cell_range, "title": t.title, "sha256": t.provenance.sha256,
        "layout": t.layout,
        "columns": [{"name": c.name, "kind": c.kind, "unit": c.unit, "cells": t.cite_column(i)}
                    for i, c in enumerate(t.columns)],
        "column_roles": [{"role": role, "column": t.columns[i].name} for role, i in t.roles],
        "row_roles": [{"row": row_label(r), "cells": t.cite_row(r), "role": role, "why": why}
                      for r, role, why in t.row_roles],
        "periods": [{"column": t.columns[p.column].name, "code": p.code, "start": p.start, "end": p.end,
                     "status": p.status, "source": p.source} for p in t.period_info],
        "codes": [{"code": code, "name": en, "name_zh": zh, "source": where} for code, en, zh, where in t.codes],
        "terms": [{"text": text, "en": en, "zh": zh} for text, en, zh in t.terms],
        "substantive_answer": {"answer": t.substantive, "why": t.substantive_reason} if t.substantive else None,
        "themes": [{"theme": g.theme, "score": g.score, "keywords": list(g.hits)} for g in ws.tags[t.key]],
    }


def cmd_themes(args) -> int:
    ws = pipeline.load(_sources(args), passwords=_passwords(args))
    if args.json:
        out = {
            "tables": [_table_json(t, ws) for t in ws.tables],
            "report": [{"level": i.level, "file": i.file, "sheet": i.sheet, "message": i.message, "code": i.code}
                       for i in ws.report.issues],
            "catalogue": [{"key": t.key, "name": t.name, "name_zh": t.name_zh} for t in ws.catalogue],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for t in ws.tables:
            tags = ", ".join(f"{g.theme} {g.score:.2f} ({', '.join(g.hits[:4])})" for g in ws.tags[t.key]) \
                or "(no theme)"
            print(f"{t.provenance.file_name}\t{t.sheet}\t{t.provenance.cell_range}\t{t.title}\t{tags}")
        for issue in ws.report.issues:
            print(f"briefing: {issue.level}: {issue.line()}", file=sys.stderr)
    return 2 if ws.report.errors else 0


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that every `finally` runs and no temporary file stays."""


def _on_sigterm(signum, frame):
    raise _Terminated()


def main(argv: list[str] | None = None) -> int:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        args = _parser().parse_args(argv)
        if args.command == "build":
            return cmd_build(args)
        if args.command == "themes":
            return cmd_themes(args)
        _parser().print_help()
        return 2
    except BriefingError as e:
        print(f"briefing: error: {e.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("briefing: interrupted; no file was written or changed", file=sys.stderr)
        return 130
    except _Terminated:
        print("briefing: stopped (SIGTERM); no file was written or changed", file=sys.stderr)
        return 143
    except BrokenPipeError:   # `briefing themes --json ... | head`: the reader stopped listening
        try:
            import os
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        return 0
    except ModuleNotFoundError as e:   # an install that lacks a dependency, not a bug in the data
        print(f"briefing: error: a package Briefing needs is missing ({e.name or e}); "
              f"reinstall it with: {sys.executable} -m pip install briefing (or `pip install .` in "
              "its source folder)", file=sys.stderr)
        return 2
    except Exception as e:  # a bug: still one line for the user, never a traceback
        print(f"briefing: internal error: {type(e).__name__}: {' '.join(str(e).split())[:300]}", file=sys.stderr)
        return 1
