"""A saved briefing: the `.briefing` project file (versioned JSON), written atomically. No Qt here.

The format is documented in docs/project-format.md. Everything the user chose is in it: the
sources (with their SHA-256 when saved), the theme order and ticks, per-table theme overrides,
custom themes, edited findings (with the generated text they replaced), template and cover fields.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

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

def sha256_file(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:   # read only: a source is never written to
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


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
        "custom_themes": [_theme_dict(t) for t in project.custom_themes],
        "edits": {k: {"text": e.text, "original": e.original} for k, e in sorted(project.edits.items())},
        "template": project.template,
        "fields": {k: project.fields[k] for k in FIELDS if k in project.fields},
    }


def dumps(project: Project, where: str | os.PathLike | None = None) -> str:
    return json.dumps(to_dict(project, where), ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write `data` to a temporary file in the same folder, flush it to disk, then rename it over
    `path`: a crash or a full disk leaves the old file whole."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(project: Project, path: str | os.PathLike) -> None:
    write_atomic(path, dumps(project, path).encode("utf-8"))


def _strs(value: Any, what: str, origin: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProjectError(f"{origin}: '{what}' must be a list of strings")
    return tuple(value)


def from_dict(data: Any, origin: str = "project") -> Project:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectError(f"{origin}: not a Briefing project file")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise ProjectError(f"{origin}: project format version {version!r} is not valid")
    if version > VERSION:
        raise ProjectError(f"{origin} was saved by a newer Briefing (project format version {version}; "
                           f"this version reads up to {VERSION}). Update Briefing to open it.")
    try:
        sources = tuple(Source(str(s["path"]), str(s.get("sha256", "")), str(s.get("relative", "")))
                        for s in data.get("sources", []))
        themes = data.get("themes", {})
        custom = tuple(Theme(key=str(t["key"]), name=str(t["name"]), name_zh=str(t.get("name_zh", "")),
                             description=str(t.get("description", "")),
                             description_zh=str(t.get("description_zh", "")),
                             keywords=_strs(t.get("keywords", []), "keywords", origin),
                             keywords_zh=_strs(t.get("keywords_zh", []), "keywords_zh", origin),
                             custom=True)
                       for t in data.get("custom_themes", []))
        edits = {str(k): Edit(str(v["text"]), str(v.get("original", "")))
                 for k, v in data.get("edits", {}).items()}
        overrides = {str(k): _strs(v, f"overrides.{k}", origin) for k, v in data.get("overrides", {}).items()}
        fields = {k: str(v) for k, v in data.get("fields", {}).items() if k in FIELDS}
        project = Project(
            sources=sources,
            theme_order=_strs(themes.get("order", []), "themes.order", origin),
            themes=_strs(themes.get("selected", []), "themes.selected", origin),
            overrides=overrides, custom_themes=custom, edits=edits,
            template=str(data.get("template", "briefing")), fields=fields)
    except (KeyError, TypeError, AttributeError) as e:
        raise ProjectError(f"{origin}: damaged project file ({type(e).__name__}: {e})") from None
    return project


def load(path: str | os.PathLike) -> Project:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProjectError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ProjectError(f"{path}: cannot be read ({type(e).__name__})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ProjectError(f"{path.name}: not a Briefing project file (invalid JSON at line {e.lineno})") from None
    project = from_dict(data, path.name)
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
        if not Path(p).exists() and base is not None and s.relative:
            candidate = (base / s.relative).resolve()
            if candidate.exists():
                p = str(candidate)
        out.append(p)
    return tuple(out)


def missing_sources(project: Project) -> tuple[str, ...]:
    return tuple(s.path for s in project.sources if not Path(s.path).is_file())


def changed_sources(project: Project) -> tuple[str, ...]:
    """Sources whose content differs from when the project was saved."""
    out = []
    for s in project.sources:
        if s.sha256 and Path(s.path).is_file() and sha256_file(s.path) != s.sha256:
            out.append(s.path)
    return tuple(out)


# -- headless rebuild ------------------------------------------------------------------------------

def workspace(project: Project, *, progress=None, cancel=None, strict: bool = True):
    """Import the project's sources with its custom themes and table overrides applied."""
    from briefing import pipeline
    from briefing.themes import load_catalogue

    catalogue = load_catalogue()
    ws = pipeline.load(project.source_paths, progress=progress, cancel=cancel, catalogue=catalogue,
                       strict=strict)
    return pipeline.customise(ws, custom_themes=project.custom_themes, overrides=project.overrides)


def build(path: str | os.PathLike, out: str | os.PathLike, *, progress=None, cancel=None):
    """`briefing build --project FILE -o OUT`: rebuild a saved project; a moved source is an error."""
    from briefing import pipeline

    project = load(path)
    missing = missing_sources(project)
    if missing:
        raise MissingSource(Path(path).name, missing[0])
    ws = workspace(project, progress=progress, cancel=cancel)
    spec = project.spec()
    known = {t.key for t in ws.catalogue}
    if spec.themes and not all(k in known for k in spec.themes):
        spec = replace(spec, themes=tuple(k for k in spec.themes if k in known))
    result = pipeline.build(spec, out, workspace=ws, progress=progress, cancel=cancel,
                            edits=project.edit_texts())
    return result, spec, ws
