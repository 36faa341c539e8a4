"""A saved briefing: the `.briefing` project file (versioned JSON), written atomically. No Qt here.

The format is documented in docs/project-format.md. Everything the user chose is in it: the
sources (with their SHA-256 when saved), the theme order and ticks, per-table theme overrides,
custom themes, edited findings (with the generated text they replaced), template and cover fields.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

from briefing import fileio
from briefing.model import BriefingSpec, Finding, InputError, Theme

FORMAT = "briefing-project"
VERSION = 1
SUFFIX = ".briefing"
FIELDS = ("title", "subtitle", "author", "organisation", "date", "lang", "classification")


class ProjectError(InputError):
    """A project file that cannot be read (not a project, a newer version, a missing source)."""


class MissingSource(ProjectError):
    def __init__(self, project: str, missing: str):
        super().__init__(f"{project}: source file '{missing}' not found (moved or deleted?)")
        self.project = project
        self.missing = missing


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str = ""
    relative: str = ""   # as read from the file: the path relative to the project file


@dataclass(frozen=True)
class Edit:
    text: str          # what the user wrote
    original: str      # the generated sentence it replaced, to flag a finding whose data changed


@dataclass(frozen=True)
class Project:
    sources: tuple[Source, ...] = ()
    theme_order: tuple[str, ...] = ()          # every theme key in list order
    themes: tuple[str, ...] = ()               # the ticked ones, in order (the sections)
    overrides: Mapping[str, tuple[str, ...]] = field(default_factory=dict)   # Table.key -> theme keys
    # Table.key -> {row label: "total" | "aggregate" | "member"}: the parts the user gave rows.
    roles: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    custom_themes: tuple[Theme, ...] = ()
    edits: Mapping[str, Edit] = field(default_factory=dict)                  # Finding.key -> Edit
    template: str = "briefing"
    fields: Mapping[str, str] = field(default_factory=dict)

    @property
    def source_paths(self) -> tuple[str, ...]:
        return tuple(s.path for s in self.sources)

    def spec(self, sources: Iterable[str] | None = None) -> BriefingSpec:
        values = {k: str(v) for k, v in self.fields.items() if k in FIELDS}
        return BriefingSpec(sources=tuple(sources if sources is not None else self.source_paths),
                            themes=tuple(self.themes), template=self.template or "briefing", **values)

    def edit_texts(self) -> dict[str, str]:
        """What `pipeline.build(edits=...)` takes."""
        return {k: e.text for k, e in self.edits.items()}


# -- review of edits against freshly generated findings ------------------------------------------

OK, CHANGED, MISSING = "ok", "changed", "missing"


def review_edits(edits: Mapping[str, Edit], findings: Mapping[str, Iterable[Finding]]) -> dict[str, str]:
    """Per edited key: "ok"; "changed" (the generated sentence differs from the one edited, so
    the data behind it moved); or "missing" (no finding has that key any more)."""
    generated = {f.key: f.text for fs in findings.values() for f in fs}
    out = {}
    for key, edit in edits.items():
        if key not in generated:
            out[key] = MISSING
        elif generated[key] != edit.original:
            out[key] = CHANGED
        else:
            out[key] = OK
    return out


# -- files ---------------------------------------------------------------------------------------

sha256_file = fileio.sha256_file   # the one digest; kept under this name for callers of project


def _theme_dict(t: Theme) -> dict[str, Any]:
    return {"key": t.key, "name": t.name, "name_zh": t.name_zh, "description": t.description,
            "description_zh": t.description_zh, "keywords": list(t.keywords),
            "keywords_zh": list(t.keywords_zh)}


def to_dict(project: Project, where: str | os.PathLike | None = None) -> dict[str, Any]:
    """The JSON object; with `where` (the project file), sources also get a path relative to it."""
    base = Path(where).resolve().parent if where else None
    sources = []
    for s in project.sources:
        entry: dict[str, Any] = {"path": str(Path(s.path).resolve()) if s.path else s.path,
                                 "sha256": s.sha256}
        if base is not None:
            try:
                entry["relative"] = os.path.relpath(Path(s.path).resolve(), base)
            except ValueError:   # another drive on Windows
                pass
        sources.append(entry)
    return {
        "format": FORMAT,
        "version": VERSION,
        "sources": sources,
        "themes": {"order": list(project.theme_order), "selected": list(project.themes)},
        "overrides": {k: list(v) for k, v in sorted(project.overrides.items())},
        "roles": {k: dict(sorted(v.items())) for k, v in sorted(project.roles.items()) if v},
        "custom_themes": [_theme_dict(t) for t in project.custom_themes],
        "edits": {k: {"text": e.text, "original": e.original} for k, e in sorted(project.edits.items())},
        "template": project.template,
        "fields": {k: project.fields[k] for k in FIELDS if k in project.fields},
    }


def dumps(project: Project, where: str | os.PathLike | None = None) -> str:
    return json.dumps(to_dict(project, where), ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: str | os.PathLike, data: bytes, protect: Iterable[str] = ()) -> None:
    """Write `data` whole or not at all (see fileio.atomic_output), never over a file in `protect`;
    the mode of the file it replaces is kept."""
    fileio.write_atomic(path, data, protect, what="project")


def save(project: Project, path: str | os.PathLike) -> None:
    write_atomic(path, dumps(project, path).encode("utf-8"), project.source_paths)


# -- reading, with every field checked ------------------------------------------------------------

# A project is a few kilobytes; anything this big is not one (and would be slow to parse).
MAX_BYTES = 64 * 2**20
_THEME_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_TEMPLATE_NAME = re.compile(r"^[^/\\\x00]{1,100}$")
_SHA = re.compile(r"^([0-9a-f]{64})?$")


def _get(obj: dict, key: str, kind: type | tuple, where: str, origin: str, default: Any = None) -> Any:
    value = obj.get(key, default)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        names = {str: "a string", list: "a list", dict: "an object", int: "a whole number"}
        want = names.get(kind, "a value") if isinstance(kind, type) else "a value of the right kind"
        raise ProjectError(f"{origin}: field '{where}{key}' must be {want}, not {type(value).__name__}")
    return value


def _strs(value: Any, what: str, origin: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProjectError(f"{origin}: field '{what}' must be a list of strings")
    return tuple(value)


def _source(s: Any, i: int, origin: str) -> Source:
    where = f"sources[{i}]."
    if not isinstance(s, dict):
        raise ProjectError(f"{origin}: field 'sources[{i}]' must be an object with a 'path'")
    path = _get(s, "path", str, where, origin)
    if not path.strip() or "\x00" in path:
        raise ProjectError(f"{origin}: field '{where}path' is empty or not a path")
    sha = _get(s, "sha256", str, where, origin, "")
    if not _SHA.match(sha):
        raise ProjectError(f"{origin}: field '{where}sha256' is not a SHA-256 digest")
    relative = _get(s, "relative", str, where, origin, "")
    if "\x00" in relative or os.path.isabs(relative):
        raise ProjectError(f"{origin}: field '{where}relative' must be a path relative to the project")
    return Source(path, sha, relative)


def _custom_theme(t: Any, i: int, origin: str) -> Theme:
    where = f"custom_themes[{i}]."
    if not isinstance(t, dict):
        raise ProjectError(f"{origin}: field 'custom_themes[{i}]' must be an object")
    key = _get(t, "key", str, where, origin)
    if not _THEME_KEY.match(key):
        raise ProjectError(f"{origin}: field '{where}key' must be 1-64 letters, digits, '-' or '_'")
    return Theme(key=key, name=_get(t, "name", str, where, origin),
                 name_zh=_get(t, "name_zh", str, where, origin, ""),
                 description=_get(t, "description", str, where, origin, ""),
                 description_zh=_get(t, "description_zh", str, where, origin, ""),
                 keywords=_strs(t.get("keywords", []), where + "keywords", origin),
                 keywords_zh=_strs(t.get("keywords_zh", []), where + "keywords_zh", origin),
                 custom=True)


def _fields(raw: dict, origin: str) -> dict[str, str]:
    fields = {}
    for k, v in raw.items():
        if k not in FIELDS:
            continue
        if not isinstance(v, str):
            raise ProjectError(f"{origin}: field 'fields.{k}' must be a string, not {type(v).__name__}")
        fields[k] = v
    if fields.get("date"):
        try:
            fields["date"] = _dt.date.fromisoformat(fields["date"]).isoformat()
        except ValueError:
            raise ProjectError(f"{origin}: field 'fields.date' '{fields['date'][:40]}' is not a date "
                               "in the form YYYY-MM-DD") from None
    if fields.get("lang", "en") not in ("en", "zh"):
        raise ProjectError(f"{origin}: field 'fields.lang' must be 'en' or 'zh'")
    return fields


def from_dict(data: Any, origin: str = "project") -> Project:
    """A Project from parsed JSON; ProjectError naming the first field that is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectError(f"{origin}: not a Briefing project file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectError(f"{origin}: field 'version' must be a whole number from 1")
    if version > VERSION:
        shown = version if version < 10**6 else "a far newer one"
        raise ProjectError(f"{origin} was saved by a newer Briefing (project format version {shown}; "
                           f"this version reads up to {VERSION}). Update Briefing to open it.")
    raw_sources = _get(data, "sources", list, "", origin, [])
    sources = tuple(_source(s, i, origin) for i, s in enumerate(raw_sources))
    themes = _get(data, "themes", dict, "", origin, {})
    custom = tuple(_custom_theme(t, i, origin)
                   for i, t in enumerate(_get(data, "custom_themes", list, "", origin, [])))
    edits = {}
    for k, v in _get(data, "edits", dict, "", origin, {}).items():
        if not isinstance(v, dict):
            raise ProjectError(f"{origin}: field 'edits.{k[:60]}' must be an object with a 'text'")
        edits[k] = Edit(_get(v, "text", str, f"edits.{k[:60]}.", origin),
                        _get(v, "original", str, f"edits.{k[:60]}.", origin, ""))
    overrides = {k: _strs(v, f"overrides.{k[:60]}", origin)
                 for k, v in _get(data, "overrides", dict, "", origin, {}).items()}
    roles = {}
    for k, v in _get(data, "roles", dict, "", origin, {}).items():
        if not isinstance(v, dict) or not all(isinstance(r, str) and r in ("total", "aggregate", "member")
                                              for r in v.values()):
            raise ProjectError(f"{origin}: field 'roles.{k[:60]}' must map row labels to "
                               "'total', 'aggregate' or 'member'")
        roles[k] = dict(v)
    template = _get(data, "template", str, "", origin, "briefing")
    if not _TEMPLATE_NAME.match(template):
        raise ProjectError(f"{origin}: field 'template' must be a template name, not a path")
    return Project(
        sources=sources,
        theme_order=_strs(themes.get("order", []), "themes.order", origin),
        themes=_strs(themes.get("selected", []), "themes.selected", origin),
        overrides=overrides, roles=roles, custom_themes=custom, edits=edits, template=template,
        fields=_fields(_get(data, "fields", dict, "", origin, {}), origin))


def parse(text: str, origin: str = "project") -> Project:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ProjectError(f"{origin}: not a Briefing project file (invalid JSON at line {e.lineno})") from None
    except RecursionError:
        raise ProjectError(f"{origin}: not a Briefing project file (JSON nested too deeply)") from None
    except ValueError as e:   # e.g. an integer of thousands of digits
        raise ProjectError(f"{origin}: not a Briefing project file ({' '.join(str(e).split())[:80]})") from None
    try:
        return from_dict(data, origin)
    except RecursionError:
        raise ProjectError(f"{origin}: not a Briefing project file (nested too deeply)") from None


def load(path: str | os.PathLike) -> Project:
    path = Path(path)
    try:
        if path.is_dir():
            raise ProjectError(f"{path}: is a folder, not a project file")
        if path.stat().st_size > MAX_BYTES:
            raise ProjectError(f"{path.name}: not a Briefing project file (over {MAX_BYTES >> 20} MB)")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProjectError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ProjectError(f"{path}: cannot be read ({type(e).__name__})") from None
    project = parse(text, path.name)
    located = locate_sources(project, path)
    if located != project.source_paths:
        # Found next to the project (the folder was moved or copied): use the paths that exist.
        project = replace(project, sources=tuple(replace(s, path=p) for s, p in zip(project.sources, located)))
    return project


def locate_sources(project: Project, where: str | os.PathLike | None = None) -> tuple[str, ...]:
    """Each source's path: as saved if it exists, else relative to the project file if that exists,
    else as saved (and missing)."""
    base = Path(where).resolve().parent if where else None
    out = []
    for s in project.sources:
        p = s.path
        if base is not None and not os.path.isabs(p):
            # A relative path (the shipped sample project's) is from the project's folder, never
            # from wherever Briefing was started.
            p = str((base / p).resolve())
        if not Path(p).exists() and base is not None and s.relative:
            candidate = (base / s.relative).resolve()
            # Only inside the project's folder: a project from elsewhere cannot point us at any file.
            if candidate.is_file() and candidate.is_relative_to(base):
                p = str(candidate)
        out.append(p)
    return tuple(out)


def missing_sources(project: Project) -> tuple[str, ...]:
    return tuple(s.path for s in project.sources if not Path(s.path).is_file())


# -- headless rebuild ------------------------------------------------------------------------------

def workspace(project: Project, *, progress=None, cancel=None, strict: bool = True):
    """Import the project's sources with its custom themes and table overrides applied."""
    from briefing import pipeline
    from briefing.themes import load_catalogue

    catalogue = load_catalogue()
    ws = pipeline.load(project.source_paths, progress=progress, cancel=cancel, catalogue=catalogue,
                       strict=strict)
    return pipeline.customise(ws, custom_themes=project.custom_themes, overrides=project.overrides,
                              roles=project.roles)


def build(path: str | os.PathLike, out: str | os.PathLike, *, progress=None, cancel=None,
          data_appendix: bool = False):
    """`briefing build --project FILE -o OUT`: rebuild a saved project; a moved source is an error."""
    from briefing import pipeline

    project = load(path)
    if not project.sources:
        raise ProjectError(f"{Path(path).name}: the project has no source workbook to build from")
    pipeline.check_pdf_output(out, project.source_paths, [path])
    missing = missing_sources(project)
    if missing:
        raise MissingSource(Path(path).name, missing[0])
    ws = workspace(project, progress=progress, cancel=cancel)
    spec = replace(project.spec(), data_appendix=data_appendix)
    known = {t.key for t in ws.catalogue}
    if spec.themes and not all(k in known for k in spec.themes):
        spec = replace(spec, themes=tuple(k for k in spec.themes if k in known))
    result = pipeline.build(spec, out, workspace=ws, progress=progress, cancel=cancel,
                            edits=project.edit_texts())
    return result, spec, ws
