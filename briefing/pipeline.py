"""The whole path, workbooks -> tables -> themes -> findings -> blocks -> PDF, for the CLI and the window.

Long steps take `progress(fraction, message)` and a `cancel` object with `is_set()`
(a threading.Event); they raise Cancelled when it is set.
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Protocol, Sequence

from briefing.fileio import atomic_output, check_output, remove_stale_temps
from briefing.model import (BriefingSpec, Cancelled, Finding, ImportReport, InputError, PasswordRequired, Table,
                            Theme, ThemeTag)
from briefing.model.ledger import Ledger

Progress = Callable[[float, str], None]

# Cover of the briefing built from the embedded sample (CLI --demo and the window's first start).
DEMO_TITLE = "Generative AI survey 2024"
DEMO_SUBTITLE = "China and the world: adoption, regulation, chips and the model race"


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


def _no_progress(fraction: float, message: str) -> None:
    pass


class _Never:
    def is_set(self) -> bool:
        return False


@dataclass(frozen=True)
class Workspace:
    """Everything imported: the tables, their theme tags, the import report, the catalogue."""
    tables: tuple[Table, ...]
    tags: dict[str, tuple[ThemeTag, ...]]     # Table.key -> tags, best first
    report: ImportReport
    catalogue: tuple[Theme, ...]
    sources: tuple[str, ...] = ()

    def theme(self, key: str) -> Theme:
        for t in self.catalogue:
            if t.key == key:
                return t
        raise InputError(f"unknown theme '{key}' (known: {', '.join(t.key for t in self.catalogue)})")

    def supported_themes(self) -> tuple[str, ...]:
        """Theme keys that have at least one table in their section, in catalogue order."""
        return tuple(t.key for t in self.catalogue if self.tables_for(t.key))

    def tables_for(self, theme: str) -> tuple[Table, ...]:
        """The tables of `theme`'s section, best match first."""
        from briefing.themes import tables_for_theme
        return tables_for_theme(self.tables, self.tags, theme)


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pages: int
    findings: dict[str, tuple[Finding, ...]] = field(default_factory=dict)
    # What the reader should know about the PDF, one line each: e.g. a character no font has,
    # with the file, sheet and cell it came from.
    warnings: tuple[str, ...] = ()
    # The findings as generated, before the user's edits: what the window reviews edits against,
    # so it never analyses the workspace a second time.
    generated: dict[str, tuple[Finding, ...]] = field(default_factory=dict)
    # What works out the ledger (below) when it is first asked for.
    ledger_of: Callable[[], Ledger] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def ledger(self) -> Ledger:
        """Every number the PDF prints with the cell it cites or its derivation (compose/ledger.py).
        Traced when first asked for (an audit): tracing took 26-120 ms of a 0.3-1 s build of a real
        survey, and the window's previews and a build without --audit never read it."""
        return self.ledger_of() if self.ledger_of is not None else Ledger()


def load(paths: Iterable[str | os.PathLike], *, progress: Progress | None = None,
         cancel: CancelFlag | None = None, catalogue: tuple[Theme, ...] | None = None,
         strict: bool = False, passwords: Sequence[str] = (),
         meanwhile: Callable[[], None] | None = None) -> Workspace:
    """Import workbooks and tag their tables. With strict, the first file error raises InputError.
    `meanwhile` is called once while the files are read in their child processes (see build).

    `passwords` are tried in turn on encrypted workbooks (decrypted in memory only); a file none
    opens is reported with ImportIssue.code "password" / "wrong-password" (PasswordRequired in strict mode).
    """
    from briefing.ingest import read_files
    from briefing.themes import load_catalogue, tag_tables

    progress = progress or _no_progress
    cancel = cancel or _Never()
    paths = [str(p) for p in paths]
    catalogue = catalogue if catalogue is not None else load_catalogue()
    tables, report = read_files(paths, progress=lambda f, m: progress(0.9 * f, m), cancel=cancel,
                                passwords=tuple(passwords), meanwhile=meanwhile)
    if strict and report.errors:
        first = report.errors[0]
        if first.code in ("password", "wrong-password"):
            raise PasswordRequired(first.line(), file=first.file, wrong=first.code == "wrong-password")
        raise InputError(first.line())
    if cancel.is_set():
        raise Cancelled()
    progress(0.92, "Tagging tables with themes")
    tags = tag_tables(tables, catalogue)
    if tables and not any(tags.values()):
        # Nothing in the catalogue fits (a workbook of input prices or GDP): brief on what it does
        # measure, under a theme named from the data, rather than refuse.
        from briefing.themes.naming import data_theme
        theme = data_theme(tables, catalogue)
        if theme is not None:
            catalogue = (*catalogue, theme)
            tags = {t.key: (ThemeTag(theme.key, 1.0, (DATA_THEME_HIT,)),) for t in tables}
    progress(1.0, f"Imported {len(tables)} tables")
    return Workspace(tuple(tables), tags, report, tuple(catalogue), tuple(paths))


def load_demo(**kwargs) -> Workspace:
    from briefing.paths import sample_workbook
    return load([sample_workbook()], **kwargs)


OVERRIDE_HIT = "set by the user"
DATA_THEME_HIT = "named from the data: no catalogue theme matched"


ROW_ROLES = ("total", "aggregate", "member")


def apply_row_roles(ws: Workspace, roles: dict[str, dict[str, str]] | None) -> Workspace:
    """`ws` with the user's row roles: per table key, a row label -> "total", "aggregate" or
    "member" (a plain row: no role). They replace the roles the import gave those rows."""
    if not roles:
        return ws
    tables = []
    for t in ws.tables:
        wanted = roles.get(t.key)
        label = next((i for i, c in enumerate(t.columns) if c.kind == "label"), None)
        if not wanted or label is None:
            tables.append(t)
            continue
        kept = {r: (role, why) for r, role, why in t.row_roles}
        for r, v in enumerate(t.columns[label].values):
            role = wanted.get(" ".join(str(v).split())) if v is not None else None
            if role in ROW_ROLES:
                kept[r] = (role, OVERRIDE_HIT)   # "member" is kept too: it overrules label words
        tables.append(replace(t, row_roles=tuple((r, role, why) for r, (role, why) in sorted(kept.items()))))
    return replace(ws, tables=tuple(tables))


def customise(ws: Workspace, *, custom_themes: Iterable[Theme] = (),
              overrides: dict[str, Iterable[str]] | None = None,
              roles: dict[str, dict[str, str]] | None = None) -> Workspace:
    """`ws` with the user's own themes added (and tagged), per-table theme overrides applied (an
    overridden table belongs to exactly the themes listed, the first being its section) and the
    user's row roles (see apply_row_roles)."""
    from briefing.themes import tag_table

    ws = apply_row_roles(ws, roles)
    known = {t.key for t in ws.catalogue}
    new = tuple(t for t in custom_themes if t.key not in known)
    if not new and not overrides:
        return ws
    tags = dict(ws.tags)
    if new:
        for table in ws.tables:
            extra = tag_table(table, new)
            if extra:
                tags[table.key] = tuple(sorted(tags.get(table.key, ()) + tuple(extra), key=lambda g: -g.score))
    catalogue = ws.catalogue + new
    keys = {t.key for t in catalogue}
    for table_key, themes in (overrides or {}).items():
        if table_key in tags or any(t.key == table_key for t in ws.tables):
            tags[table_key] = tuple(ThemeTag(k, 1.0, (OVERRIDE_HIT,)) for k in themes if k in keys)
    return replace(ws, tags=tags, catalogue=catalogue)


def default_title(ws: Workspace, findings: dict[str, tuple[Finding, ...]], themes: Sequence[str],
                  lang: str = "en") -> str:
    """A cover title when the user gave none: the title of the table behind the first section's
    headline finding when the publisher gave it one (not just a sheet name); else the section
    across the groups its code list names ("AI adoption across sectors"); else the sections'
    names when there are at most three; else the first file's name in words."""
    import re

    from briefing.analysis.categorical import members_noun
    from briefing.analysis.phrasing import join, say
    from briefing.themes.naming import named_for

    by_key = {t.key: t for t in ws.tables}
    names = [named_for(ws.theme(k), ws.tables_for(k)).title(lang) for k in themes]
    for key, name in zip(themes[:1], names):
        top = max(findings.get(key, ()), key=lambda f: f.weight, default=None)
        t = by_key.get(top.table_key) if top is not None else None
        if t is not None:
            title = " ".join(t.term(t.title, lang).split())
            title = re.sub(r"^(?:table\s*)?\d+(?:[-.]\d+)*\s+", "", title, flags=re.I)   # "1-8 各地区…"
            if title and title != t.sheet and len(title) <= 90:
                return title
            members = members_noun(t, lang)
            if members and len(themes) == 1:
                return say(lang, "doc", "title_across", theme=name, members=members)
    if 0 < len(names) <= 3:
        return join(lang, names)
    stem = Path(ws.sources[0]).stem if ws.sources else "Briefing"
    return " ".join(stem.replace("_", " ").split()) or "Briefing"


def resolve_themes(spec: BriefingSpec, ws: Workspace) -> tuple[str, ...]:
    """The spec's themes checked against the catalogue, or every supported theme."""
    if not spec.themes:
        return ws.supported_themes()
    for key in spec.themes:
        ws.theme(key)  # raises InputError for an unknown key
    return tuple(spec.themes)


def protected_paths(*groups: Iterable[str | os.PathLike]) -> tuple[str, ...]:
    """Files no output may replace: every source named, and the shipped sample workbook."""
    from briefing.paths import sample_workbook

    paths = [str(p) for group in groups for p in group]
    try:
        paths.append(str(sample_workbook()))
    except Exception:  # noqa: BLE001 - no sample shipped: nothing more to protect
        pass
    return tuple(paths)


def check_pdf_output(out: str | os.PathLike, *sources: Iterable[str | os.PathLike]) -> Path:
    """`out` if a PDF may be written there; InputError in one line before any work is done if not."""
    from briefing.ingest.filetypes import READABLE

    out = check_output(out, protected_paths(*sources), what="PDF")
    if out.suffix.lower() in READABLE:
        raise InputError(f"{out}: refusing to write a PDF under a spreadsheet name ('{out.suffix}'); "
                         "name the output .pdf")
    remove_stale_temps(out)   # what a killed earlier build left, before this one does any work
    return out


@dataclass(frozen=True)
class DataResult:
    path: Path
    sheets: tuple[str, ...]           # one per table, after the index sheet
    warnings: tuple[str, ...] = ()


def check_data_output(out: str | os.PathLike, *sources: Iterable[str | os.PathLike]) -> Path:
    """`out` if the data workbook may be written there; InputError in one line before any work if not."""
    out = check_output(out, protected_paths(*sources), what="data workbook")
    if out.suffix.lower() != ".xlsx":
        raise InputError(f"{out}: the data workbook is an Excel workbook; name it .xlsx")
    remove_stale_temps(out)
    return out


def used_tables(spec: BriefingSpec, ws: Workspace):
    """The tables the briefing of `spec` uses, once each, with the sections using them (compose's view)."""
    from briefing.compose.data_appendix import used_tables as used

    themes = resolve_themes(spec, ws)
    if not themes:
        raise InputError("no theme to write about: no table matched any theme in the catalogue")
    return used([ws.theme(t) for t in themes], {t: ws.tables_for(t) for t in themes}, spec.lang)


def export_data(spec: BriefingSpec, out: str | os.PathLike, *, workspace: Workspace | None = None,
                progress: Progress | None = None, cancel: CancelFlag | None = None,
                protect: Iterable[str | os.PathLike] = ()) -> DataResult:
    """Write the companion workbook of `spec`'s briefing into `out` (.xlsx), whole or not at all:
    every table it used, a sheet each, headed by its citation and its source file's SHA-256."""
    from briefing.export import write_data_workbook
    from briefing.fileio import sha256_file

    progress = progress or _no_progress
    cancel = cancel or _Never()
    protect = tuple(protect)
    check_data_output(out, spec.sources, workspace.sources if workspace is not None else (), protect)
    if workspace is None:
        workspace = load(spec.sources, progress=lambda f, m: progress(0.3 * f, m), cancel=cancel, strict=True)
    used = used_tables(spec, workspace)
    if cancel.is_set():
        raise Cancelled()
    warnings = []
    for path, sha in dict.fromkeys((u.table.provenance.path, u.table.provenance.sha256) for u in used):
        try:
            now = sha256_file(path)
        except OSError:
            continue        # gone since it was read: the sheets still give the data and digest as read
        if now != sha:
            warnings.append(f"{Path(path).name} changed since it was read; the data workbook gives the "
                            "tables and SHA-256 as read")
    out = check_data_output(out, spec.sources, workspace.sources, protect)
    with atomic_output(out, protected_paths(spec.sources, workspace.sources, protect), what="data workbook") as tmp:
        title = spec.title.strip() or default_title(workspace, {}, resolve_themes(spec, workspace), spec.lang)
        sheets = write_data_workbook(used, tmp, lang=spec.lang, title=title,
                                     date=spec.date or _dt.date.today().isoformat(),
                                     progress=lambda f, m: progress(0.3 + 0.7 * f, m), cancel=cancel)
        if cancel.is_set():
            raise Cancelled()
    progress(1.0, f"Wrote {out.name} ({len(sheets)} tables)")
    return DataResult(out, sheets, tuple(warnings))


def check_audit_output(out: str | os.PathLike, pdf: str | os.PathLike, *sources: Iterable[str | os.PathLike]) -> Path:
    """`out` if the audit ledger may be written there (not over a source, the sample or the PDF)."""
    from briefing.fileio import _same_file
    from briefing.ingest.filetypes import READABLE

    if _same_file(Path(out), Path(pdf)):
        raise InputError(f"{out}: is the PDF being written; name the audit ledger another file (.json)")
    out = check_output(out, protected_paths(*sources), what="audit ledger")
    if out.suffix.lower() in READABLE or out.suffix.lower() == ".pdf":
        raise InputError(f"{out}: refusing to write the audit ledger under a '{out.suffix}' name; name it .json")
    return out


def write_audit(result: BuildResult, out: str | os.PathLike, *sources: Iterable[str | os.PathLike]) -> Path:
    """The ledger of `result` as JSON (docs/audit-format.md), written whole or not at all."""
    import json

    from briefing.fileio import write_atomic

    out = check_audit_output(out, result.path, *sources)
    data = json.dumps(result.ledger.as_json(result.path.name, result.pages), ensure_ascii=False, indent=1)
    write_atomic(out, (data + "\n").encode("utf-8"), protected_paths(*sources, [result.path]), what="audit ledger")
    return out


def head_start(template: str) -> None:
    """What a build needs after the import (the analysis, composing and PDF code imported, ReportLab
    with it, the template's fonts parsed), done while the reader children work and this process
    would only wait: 0.1-0.3 s of a first build. Only a head start: whatever fails here fails
    again, and is said, where it is needed."""
    try:
        import briefing.analysis  # noqa: F401
        import briefing.compose.ledger  # noqa: F401
        from briefing.render import prepare
        prepare(template)
    except Exception:  # noqa: BLE001 - see the docstring
        pass


def start_readers() -> None:
    """Start the reader children's process server now, where one is used (a process with Qt
    threads): it imports the readers (~0.25 s, in its own process), which the first import would
    otherwise wait for. Only a head start: a failure here is met again, and said, by the import."""
    try:
        from briefing.ingest import sandbox
        sandbox.start_server()
    except Exception:  # noqa: BLE001 - see the docstring
        pass


def build(spec: BriefingSpec, out: str | os.PathLike, *, workspace: Workspace | None = None,
          progress: Progress | None = None, cancel: CancelFlag | None = None,
          edits: dict[str, str] | None = None) -> BuildResult:
    """Build the PDF for `spec` into `out`, written whole or not at all."""
    progress = progress or _no_progress
    cancel = cancel or _Never()
    check_pdf_output(out, spec.sources, workspace.sources if workspace is not None else ())
    if workspace is None:
        workspace = load(spec.sources, progress=lambda f, m: progress(0.3 * f, m), cancel=cancel,
                         strict=True, meanwhile=lambda: head_start(spec.template or "briefing"))
    from briefing.analysis import analyse
    from briefing.compose import compose
    from briefing.compose.ledger import axis_entries, make_ledger, page_entries, sum_entries
    from briefing.render import axis_marks, diverging_sums, render_pdf

    themes = resolve_themes(spec, workspace)
    if not themes:
        raise InputError("no theme to write about: no table matched any theme in the catalogue")
    if not spec.date:
        spec = replace(spec, date=_dt.date.today().isoformat())
    if cancel.is_set():
        raise Cancelled()
    progress(0.35, "Writing findings")
    by_theme = {t: workspace.tables_for(t) for t in themes}
    findings = generated = analyse(by_theme, spec.lang)
    if edits:
        findings = {t: tuple(replace(f, text=edits.get(f.key, f.text)) for f in fs)
                    for t, fs in findings.items()}
    title_given = bool(spec.title.strip())
    if not title_given:
        spec = replace(spec, title=default_title(workspace, findings, themes, spec.lang))
    progress(0.45, "Laying out the briefing")
    theme_list = [workspace.theme(t) for t in themes]
    doc = compose(spec, theme_list, by_theme, findings, edited=frozenset(edits or ()))
    if cancel.is_set():
        raise Cancelled()
    out = check_pdf_output(out, spec.sources, workspace.sources)
    with atomic_output(out, protected_paths(spec.sources, workspace.sources), what="PDF") as tmp:
        missing: set[str] = set()
        pages = render_pdf(doc, str(tmp), template=spec.template or "briefing",
                           progress=lambda f, m: progress(0.5 + 0.48 * f, m), cancel=cancel, missing=missing)
        if cancel.is_set():
            raise Cancelled()
    from briefing.compose.glyphs import missing_glyph_warnings
    progress(1.0, f"Wrote {out.name} ({pages} pages)")
    warnings = tuple(missing_glyph_warnings(missing, by_theme))
    if spec.data_appendix:
        from briefing.render.template import load_template
        if "appendix" not in load_template(spec.template or "briefing").layout.parts:
            warnings += (f"the template '{spec.template}' prints no appendix, so no data appendix either "
                         "(--data OUT.xlsx writes the tables to a workbook)",)

    def ledger_of() -> Ledger:
        ledger = make_ledger(doc, spec, theme_list, by_theme, findings, title_given=title_given)
        return ledger.with_entries([*axis_entries(axis_marks(doc)), *sum_entries(diverging_sums(doc)),
                                    *page_entries(pages)])
    return BuildResult(out, pages, findings, warnings, generated, ledger_of)
