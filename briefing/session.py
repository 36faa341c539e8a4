"""The open briefing without Qt: sources, workspace, choices, edits, generated findings, undo/redo, the project file.

The window is panels bound to one Session (as napari's layers to its ViewerModel): a user action
calls a Session method, which changes the state, records an undo step and emits plain change
events that the panels redraw from. Work that takes long (an import, a build) is an `Op`, in the
manner of Anki's CollectionOp: `run` may go to a worker thread or process and touches no session
state; `done` applies its result to the session, on the caller's thread. Without Qt an Op is
run in line, `op.done(op.run(progress, cancel))`, which is how tests drive it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from briefing import pipeline
from briefing import project as projects
from briefing.model import BriefingSpec, Finding, ImportReport, Theme
from briefing.pipeline import BuildResult, Workspace
from briefing.project import Edit, Project, Source

DEFAULT_TITLE = "Briefing"
DEFAULT_FIELDS = {"title": DEFAULT_TITLE, "subtitle": "", "author": "", "organisation": "", "date": "",
                  "lang": "en", "classification": ""}
LOCKED = ("password", "wrong-password")

Listener = Callable[..., None]


# -- paths -------------------------------------------------------------------------------------------

def same_path(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b


def concerns(issue, path: str) -> bool:
    """Whether an import issue concerns `path` (issues may name a file by path or bare name)."""
    return issue.file in (path, Path(path).name) or same_path(issue.file, path)


def suggested_title(sources: Sequence[str]) -> tuple[str, str]:
    """The title and subtitle the CLI would use for these sources (demo sample: its own title). For
    a workbook that is "": the build names the briefing from its data ("AI adoption across sectors",
    pipeline.default_title), as the command line does, rather than after the file."""
    from briefing.paths import sample_workbook
    if not sources:
        return DEFAULT_TITLE, ""
    if same_path(sources[0], str(sample_workbook())):
        return pipeline.DEMO_TITLE, pipeline.DEMO_SUBTITLE
    return "", ""


# -- undo ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One user action as the choices before and after it, and how the Edit menu words it: `text`
    is an English template ("Change {0}") filled with `arg`, translated by whoever shows it."""
    before: Project
    after: Project
    text: str
    arg: str = ""
    merge: str = ""      # typing in one field or one finding merges into one step under this key

    @property
    def label(self) -> str:
        return self.text.format(self.arg)


class UndoStack:
    """Plain undo/redo of Steps, with QUndoStack's rules: a new step drops the redo tail; a step
    merges into the top one of the same merge key unless the top is where the file was saved."""

    def __init__(self):
        self.steps: list[Step] = []
        self.index = 0          # steps[:index] are done
        self.clean_index: int | None = 0

    def push(self, step: Step) -> None:
        del self.steps[self.index:]
        if self.clean_index is not None and self.clean_index > self.index:
            self.clean_index = None      # the saved state was in the dropped tail: unreachable now
        top = self.steps[-1] if self.steps else None
        if step.merge and top is not None and top.merge == step.merge and self.index != self.clean_index:
            self.steps[-1] = replace(top, after=step.after)
            return
        self.steps.append(step)
        self.index = len(self.steps)

    def can_undo(self) -> bool:
        return self.index > 0

    def can_redo(self) -> bool:
        return self.index < len(self.steps)

    def undo_step(self) -> Step | None:
        return self.steps[self.index - 1] if self.can_undo() else None

    def redo_step(self) -> Step | None:
        return self.steps[self.index] if self.can_redo() else None

    def undo_text(self) -> str:
        step = self.undo_step()
        return step.label if step else ""

    def redo_text(self) -> str:
        step = self.redo_step()
        return step.label if step else ""

    def count(self) -> int:
        return len(self.steps)

    def is_clean(self) -> bool:
        return self.index == self.clean_index

    def set_clean(self) -> None:
        self.clean_index = self.index

    def clear(self) -> None:
        self.steps, self.index, self.clean_index = [], 0, 0


def describe(before: Project, after: Project) -> tuple[str, str, str]:
    """The Edit menu's wording of a change (an English template and its argument), and a key
    under which typing merges into one step."""
    if before.fields != after.fields:
        keys = [k for k in set(before.fields) | set(after.fields) if before.fields.get(k) != after.fields.get(k)]
        if len(keys) == 1:
            return "Change {0}", keys[0], f"field:{keys[0]}"
        return "Change fields", "", ""
    if before.edits != after.edits:
        keys = [k for k in set(before.edits) | set(after.edits) if before.edits.get(k) != after.edits.get(k)]
        if len(keys) == 1 and keys[0] in after.edits:
            return "Edit finding", "", f"edit:{keys[0]}"
        return "Reset finding", "", ""
    # A change of tagging may tick or untick themes too: the cause names the step.
    if before.custom_themes != after.custom_themes:
        return "Change custom themes", "", ""
    if before.overrides != after.overrides:
        return "Change the themes of a table", "", ""
    if before.roles != after.roles:
        return "Change the role of a row", "", ""
    if before.themes != after.themes and set(before.themes) != set(after.themes):
        return ("Tick theme" if len(after.themes) > len(before.themes) else "Untick theme"), "", ""
    if before.theme_order != after.theme_order or before.themes != after.themes:
        return "Reorder themes", "", ""
    if before.template != after.template:
        return "Change template", "", ""
    return "Change", "", ""


# -- background work -----------------------------------------------------------------------------------

@dataclass
class Op:
    """A long job on the session: `run(progress, cancel)` off the caller's thread, reading only
    what it was given; `done(result)` back on it, applying the result."""
    name: str                                  # "import", "preview" or "build"
    run: Callable[..., Any]
    done: Callable[[Any], Any]
    retry: Callable[[], "Op"] | None = None    # the same job again (an import, with a password since given)
    files: int = 0                             # how many workbooks an import reads


def locked(ws: Workspace) -> tuple:
    """The import issues of encrypted workbooks no password given opened."""
    return tuple(i for i in ws.report.errors if getattr(i, "code", "") in LOCKED)


@dataclass(frozen=True)
class Loaded:
    """What an import's `done` reports to the window."""
    errors: tuple[str, ...] = ()      # one line each, about the files just added
    changed: tuple[str, ...] = ()     # sources whose data differs from the saved project's
    project: bool = False             # a project's import: its choices are now shown


def _load(paths, *, progress, cancel, passwords=()):
    return pipeline.load(paths, progress=progress, cancel=cancel, passwords=passwords)


def _build(spec, out, ws, *, edits, progress, cancel):
    return pipeline.build(spec, out, workspace=ws, progress=progress, cancel=cancel, edits=edits)


# -- the session -----------------------------------------------------------------------------------------

class Session:
    """Everything about the open briefing. Events, with what listeners get:
    "workspace" () the tables or their tags changed; "choices" () themes, order, fields, template,
    overrides or edits changed (`picked`: by one pick, not typing); "findings" () the generated
    findings or the edits' review changed; "modified" () the undo stack or the saved state changed;
    "project" (path) a project was opened."""

    def __init__(self, *, loader: Callable[..., Workspace] = _load, builder: Callable[..., BuildResult] = _build):
        # The window swaps in loaders and builders that run big workbooks in a child process.
        self.loader = loader
        self.builder = builder
        from briefing.themes import load_catalogue
        self._catalogue = tuple(load_catalogue())      # read once: the theme list asks for it often
        self.sources: tuple[str, ...] = ()
        self.raw_workspace: Workspace | None = None     # as imported, before the user's themes and roles
        self.workspace: Workspace | None = None         # with them
        self.choices = self._empty_choices()
        self.generated: dict[str, tuple[Finding, ...]] = {}   # of the last build, before edits
        self._generated_from: tuple = (None, "")       # the workspace and language they were written from
        self.project_path: Path | None = None
        self.last_pdf: Path | None = None
        self.passwords: list[str] = []                  # of encrypted workbooks: never saved
        self.undo_stack = UndoStack()
        self._dirty = False          # changed in a way undo does not cover (sources, a moved file)
        self._typed: set[str] = set()                 # cover fields the user set: suggestions leave them
        # Whether the choices last changed by one pick (a tick, a template, a language, a move in the
        # list), not by text typed key by key or an import: the window's preview builds a pick at once.
        self.picked = False
        self._pending: tuple[Project, dict] | None = None   # opened, waiting for its import
        self._listeners: dict[str, list[Listener]] = {}

    # -- events ------------------------------------------------------------------------------

    def on(self, event: str, listener: Listener) -> None:
        self._listeners.setdefault(event, []).append(listener)

    def _emit(self, event: str, *args) -> None:
        for listener in list(self._listeners.get(event, ())):
            listener(*args)

    # -- reading the state ---------------------------------------------------------------------

    @property
    def edits(self) -> dict[str, Edit]:
        return dict(self.choices.edits)

    @property
    def custom_themes(self) -> tuple[Theme, ...]:
        return tuple(self.choices.custom_themes)

    @property
    def overrides(self) -> dict[str, tuple[str, ...]]:
        return {k: tuple(v) for k, v in self.choices.overrides.items()}

    @property
    def row_roles(self) -> dict[str, dict[str, str]]:
        return {k: dict(v) for k, v in self.choices.roles.items()}

    @property
    def fields(self) -> dict[str, str]:
        return {**DEFAULT_FIELDS, **self.choices.fields}

    @property
    def lang(self) -> str:
        return self.fields["lang"]

    @property
    def pending(self) -> bool:
        """A project is being opened: its import has not come back yet."""
        return self._pending is not None

    @property
    def modified(self) -> bool:
        return self._dirty or not self.undo_stack.is_clean()

    @property
    def catalogue(self) -> tuple[Theme, ...]:
        if self.workspace is not None:
            return self.workspace.catalogue
        known = {t.key for t in self._catalogue}
        return self._catalogue + tuple(t for t in self.choices.custom_themes if t.key not in known)

    def spec(self) -> BriefingSpec:
        f = self.fields
        values = {k: f[k] for k in projects.FIELDS}
        values["title"] = values["title"].strip()   # "": named from the data by the build
        return BriefingSpec(sources=self.sources, themes=tuple(self.choices.themes),
                            template=self.choices.template or "briefing", **values)

    def file_stem(self) -> str:
        """What the files this briefing writes are named after: its title, else its first workbook."""
        title = str(self.fields.get("title", "")).strip()
        return title or (Path(self.sources[0]).stem if self.sources else DEFAULT_TITLE)

    def project(self) -> Project:
        """What Save writes: the choices, and the sources with the digests they were read with."""
        shas: dict[str, str] = {}
        if self.raw_workspace is not None:
            for t in self.raw_workspace.tables:
                shas.setdefault(str(Path(t.provenance.path).resolve()), t.provenance.sha256)
        sources = tuple(Source(s, shas.get(str(Path(s).resolve()), "")) for s in self.sources)
        return replace(self.choices, sources=sources)

    def edit_texts(self) -> dict[str, str]:
        return {k: e.text for k, e in self.choices.edits.items()}

    def generated_text(self, key: str) -> str | None:
        """The sentence generated for `key` from the data and language now chosen; None if there is
        none, or if the last build was of other data or another language (then an edit made now
        stands against no sentence, and is flagged for review after the next build, never passed
        as matching one it was not compared with)."""
        ws, lang = self._generated_from
        if ws is not self.workspace or lang != self.lang:
            return None
        return next((f.text for fs in self.generated.values() for f in fs if f.key == key), None)

    def review(self) -> dict[str, str]:
        """Per edited finding: "ok", "changed" (its data moved) or "missing" (see project.review_edits)."""
        return projects.review_edits(self.choices.edits, self.generated) if self.generated else {}

    def theme_titles(self) -> dict[str, str]:
        return {t.key: t.title(self.lang) for t in self.catalogue}

    # -- user actions: each one undo step --------------------------------------------------------

    def change(self, **parts) -> bool:
        """Replace parts of the choices (Project fields: themes, theme_order, fields, template, ...)
        as one user action. False if nothing changed."""
        if "fields" in parts:
            old = self.fields
            new_fields = {**old, **parts["fields"]}
            self._typed |= {k for k in new_fields if new_fields[k] != old.get(k)}
            parts["fields"] = new_fields
        new = self._normalised(replace(self.choices, **parts))
        if new == self.choices:
            return False
        before = self.choices
        text, arg, merge = describe(before, new)
        self._apply(new, picked=not merge or merge == "field:lang")   # typing merges; the language is a list
        self.undo_stack.push(Step(before, new, text, arg, merge))
        self._emit("modified")
        return True

    def set_field(self, key: str, value: str) -> bool:
        return self.change(fields={key: value})

    def set_themes(self, order: Sequence[str], selected: Sequence[str]) -> bool:
        """The list order and the ticked themes (in that order: the sections)."""
        chosen = set(selected)
        return self.change(theme_order=tuple(order), themes=tuple(k for k in order if k in chosen))

    def set_checked(self, key: str, checked: bool) -> bool:
        selected = set(self.choices.themes) - {key} | ({key} if checked else set())
        return self.set_themes(self.choices.theme_order, [k for k in self.choices.theme_order if k in selected])

    def move_theme(self, key: str, row: int) -> bool:
        order = [k for k in self.choices.theme_order if k != key]
        order.insert(max(0, min(row, len(order))), key)
        return self.set_themes(order, self.choices.themes)

    def tick_supported(self) -> bool:
        supported = set(self.workspace.supported_themes()) if self.workspace else set()
        return self.set_themes(self.choices.theme_order, [k for k in self.choices.theme_order if k in supported])

    def set_template(self, name: str) -> bool:
        return self.change(template=name)

    def set_edit(self, key: str, text: str | None) -> bool:
        """Edit one finding's sentence, or with None go back to the generated one."""
        edits = dict(self.choices.edits)
        if text is None:
            if key not in edits:
                return False
            edits.pop(key)
        else:
            generated = self.generated_text(key)
            original = generated if generated is not None else (edits[key].original if key in edits else "")
            edits[key] = Edit(str(text), original)
        return self.change(edits=edits)

    def mark_reviewed(self, key: str) -> bool:
        """Keep an edit flagged for review: it now stands against the sentence generated today."""
        generated = self.generated_text(key)
        if key not in self.choices.edits or generated is None:
            return False
        return self.change(edits={**self.choices.edits, key: Edit(self.choices.edits[key].text, generated)})

    def set_custom_theme(self, theme: Theme) -> bool:
        """Add a user theme, or replace the one with the same key (in its place)."""
        themes = list(self.choices.custom_themes)
        at = next((i for i, t in enumerate(themes) if t.key == theme.key), len(themes))
        themes[at:at + 1] = [replace(theme, custom=True)]
        return self._change_tagging(custom_themes=tuple(themes))

    def remove_custom_theme(self, key: str) -> bool:
        return self._change_tagging(
            custom_themes=tuple(t for t in self.choices.custom_themes if t.key != key),
            overrides={k: tuple(x for x in v if x != key) for k, v in self.choices.overrides.items()})

    def set_table_themes(self, table_key: str, themes: Sequence[str] | None) -> bool:
        """Override the themes of one table (None: back to the keywords' choice)."""
        overrides = self.overrides
        if themes is None:
            overrides.pop(table_key, None)
        else:
            overrides[table_key] = tuple(themes)
        return self._change_tagging(overrides=overrides)

    def set_row_role(self, table_key: str, label: str, role: str) -> bool:
        """The part a row plays ("total", "aggregate", "member"); "" goes back to the import's."""
        roles = self.row_roles
        rows = roles.setdefault(table_key, {})
        if role:
            rows[label] = role
        else:
            rows.pop(label, None)
        if not rows:
            roles.pop(table_key)
        return self._change_tagging(roles=roles)

    def _change_tagging(self, **parts) -> bool:
        """A change of custom themes, overrides or row roles: the workspace is re-tagged, and the
        theme list follows (a new theme appears, ticked if it has data), in one undo step."""
        new = replace(self.choices, **parts)
        if new == self.choices:
            return False
        before = self.choices
        workspace = self._customised(new)
        if workspace is not None:
            new = self._rethemed(new, self.workspace, workspace)
        new = self._normalised(new, workspace)
        text, arg, merge = describe(before, new)
        self._apply(new, workspace)
        self.undo_stack.push(Step(before, new, text, arg, merge))
        self._emit("modified")
        return True

    def undo(self) -> bool:
        step = self.undo_stack.undo_step()
        if step is None:
            return False
        self.undo_stack.index -= 1
        self._apply(step.before)
        self._emit("modified")
        return True

    def redo(self) -> bool:
        step = self.undo_stack.redo_step()
        if step is None:
            return False
        self.undo_stack.index += 1
        self._apply(step.after)
        self._emit("modified")
        return True

    # -- applying choices ----------------------------------------------------------------------

    def _customised(self, choices: Project) -> Workspace | None:
        if self.raw_workspace is None:
            return None
        return pipeline.customise(self.raw_workspace, custom_themes=choices.custom_themes,
                                  overrides={k: tuple(v) for k, v in choices.overrides.items()},
                                  roles={k: dict(v) for k, v in choices.roles.items()})

    def _apply(self, new: Project, workspace: Workspace | None = None, *, picked: bool = False) -> None:
        old = self.choices
        self.picked = picked
        retag = (tuple(new.custom_themes) != tuple(old.custom_themes) or dict(new.overrides) != dict(old.overrides)
                 or dict(new.roles) != dict(old.roles))
        self.choices = new
        if retag and self.raw_workspace is not None:
            self.workspace = workspace if workspace is not None else self._customised(new)
            self._emit("workspace")
        self._emit("choices")
        if new.edits != old.edits or retag:
            self._emit("findings")

    def _normalised(self, p: Project, workspace: Workspace | None = None) -> Project:
        """Every theme of the catalogue once in the order, the ticked ones in list order."""
        catalogue = workspace.catalogue if workspace is not None else self.catalogue
        keys = [t.key for t in catalogue]
        known = set(keys)
        order = [k for k in dict.fromkeys(p.theme_order) if k in known]
        order += [k for k in keys if k not in order]
        chosen = set(p.themes)
        return replace(p, theme_order=tuple(order), themes=tuple(k for k in order if k in chosen))

    @staticmethod
    def _rethemed(p: Project, old: Workspace | None, new: Workspace) -> Project:
        """The ticks after the data or the tagging changed: kept where a theme's having data did
        not change; a new theme, or one whose data came or went, ticked exactly if it has data."""
        had = set(old.supported_themes()) if old is not None else set()
        before = {t.key for t in old.catalogue} if old is not None else set()
        has = set(new.supported_themes())
        ticked = set(p.themes)
        selected = {k for k in (t.key for t in new.catalogue)
                    if (k in ticked if k in before and (k in had) == (k in has) else k in has)}
        keys = [t.key for t in new.catalogue]
        order = [k for k in p.theme_order if k in keys] + [k for k in keys if k not in p.theme_order]
        return replace(p, theme_order=tuple(order), themes=tuple(k for k in order if k in selected))

    # -- whole-briefing changes: not undo steps ------------------------------------------------------

    def new(self) -> None:
        """An empty briefing (File > New)."""
        self._reset()
        self._emit("workspace")
        self._emit("choices")
        self._emit("findings")
        self._emit("modified")

    def _reset(self) -> None:
        self.sources = ()
        self.raw_workspace = self.workspace = None
        self.choices = self._empty_choices()
        self.generated = {}
        self._generated_from = (None, "")
        self.project_path = None
        self.last_pdf = None
        self._dirty = False
        self._typed = set()
        self._pending = None
        self.undo_stack.clear()

    def _empty_choices(self) -> Project:
        return Project(theme_order=tuple(t.key for t in self._catalogue), fields=dict(DEFAULT_FIELDS))

    def mark_saved(self, path: str | os.PathLike | None = None) -> None:
        if path is not None:
            self.project_path = Path(path)
        self._dirty = False
        self.undo_stack.set_clean()
        self._emit("modified")

    def save(self, path: str | os.PathLike) -> None:
        """Write the project file (whole or not at all); raises OSError or BriefingError."""
        projects.save(self.project(), path)
        self.mark_saved(path)

    # -- imports ---------------------------------------------------------------------------------------

    def import_op(self, paths: Sequence[str]) -> Op | None:
        """Add workbooks to the sources (a file already there is not added twice) and re-import
        them all. None if nothing is new."""
        added: list[str] = []
        for p in (str(Path(p)) for p in paths):
            if not any(same_path(p, s) for s in (*self.sources, *added)):
                added.append(p)
        if not added and self.workspace is not None:
            return None
        return self._load_op([*self.sources, *added], added)

    def remove_op(self, path: str) -> Op | None:
        keep = [s for s in self.sources if not same_path(s, path)]
        return self._load_op(keep, []) if len(keep) != len(self.sources) else None

    def replace_op(self, paths: Sequence[str]) -> Op:
        """Replace Data: the briefing on new workbooks, every choice and edit kept; edits whose
        generated sentence changed or went are flagged for review once the next build is back."""
        paths = [str(Path(p)) for p in paths]
        return self._load_op(paths, paths, replacing=True)

    def open_op(self, project: Project, *, path: str | os.PathLike | None = None, modified: bool = False) -> Op:
        """Open a project: the briefing is emptied, its sources imported, then its choices applied."""
        self._reset()
        self._pending = (project, {"path": Path(path) if path else None, "modified": modified})
        self.choices = replace(self.choices, custom_themes=tuple(project.custom_themes),
                               overrides=dict(project.overrides), roles=dict(project.roles),
                               edits=dict(project.edits))
        self._emit("workspace")
        self._emit("findings")
        self._emit("modified")
        return self._load_op(list(project.source_paths), list(project.source_paths))

    def cancel_open(self) -> None:
        self._pending = None

    def add_password(self, password: str) -> None:
        self.passwords.append(password)

    def _load_op(self, sources: list[str], added: list[str], replacing: bool = False) -> Op:
        sources = list(sources)
        passwords, loader = tuple(self.passwords), self.loader

        def run(progress, cancel):
            return loader(sources, progress=progress, cancel=cancel, passwords=passwords)

        return Op("import", run, lambda ws: self.loaded(ws, sources, added, replacing),
                  retry=lambda: self._load_op(sources, added, replacing), files=len(sources))

    def loaded(self, ws: Workspace, sources: Sequence[str], added: Sequence[str] = (),
               replacing: bool = False) -> Loaded:
        """An import came back: it becomes the workspace. (A window first asks for the password of
        a `locked` workbook and runs `op.retry()` instead, if the user gives one.)"""
        errors = ws.report.errors
        per_table = [t.provenance.path for t in ws.tables]
        # A file that gave nothing but errors is not a source: it would only fail again next time.
        failed = [s for s in sources if not any(same_path(s, p) for p in per_table)
                  and any(concerns(i, s) for i in errors)]
        old_sources = self.sources
        self.sources = tuple(s for s in sources if s not in failed)
        old_ws, self.raw_workspace = self.workspace, ws
        pending, self._pending = self._pending, None
        changed: tuple[str, ...] = ()
        if pending is not None:
            proj, info = pending
            self.workspace = self._customised(proj)
            self.choices = self._normalised(replace(proj, sources=()), self.workspace)
            self.undo_stack.clear()
            self.project_path = info.get("path")
            self._dirty = bool(info.get("modified"))
            self._typed = set(projects.FIELDS)
            changed = tuple(s.path for s in proj.sources if s.sha256 and s.sha256 not in
                            {t.provenance.sha256 for t in ws.tables if same_path(t.provenance.path, s.path)})
        else:
            choices = self.choices
            if not replacing:
                title, subtitle = suggested_title(self.sources)
                choices = replace(choices, fields={**self.fields, **{k: v for k, v in
                                  (("title", title), ("subtitle", subtitle)) if k not in self._typed}})
            self.workspace = self._customised(choices)
            self.choices = self._normalised(self._rethemed(choices, old_ws, self.workspace), self.workspace)
            # Choices the import made (ticks of new themes) are not an undo step, nor is the first
            # import into an empty briefing a change worth asking about on close.
            if old_sources != self.sources and (old_sources or self.project_path):
                self._dirty = True
            self._rebase_undo()
        self._emit("workspace")
        self._emit("choices")
        self._emit("findings")
        self._emit("modified")
        if pending is not None:
            self._emit("project", str(self.project_path or ""))
        lines = tuple(i.line() for i in errors if any(concerns(i, a) for a in added))
        return Loaded(errors=lines, changed=changed, project=pending is not None)

    def _rebase_undo(self) -> None:
        """Undo steps stay valid over a new import: the theme list of each is made to fit it."""
        ws = self.workspace
        self.undo_stack.steps = [replace(s, before=self._normalised(s.before, ws), after=self._normalised(s.after, ws))
                                 for s in self.undo_stack.steps]

    # -- builds ----------------------------------------------------------------------------------------

    def build_op(self, path: str | os.PathLike, name: str = "build") -> Op | None:
        """Write the briefing to `path`; its `done` keeps the findings the build generated (the
        window never analyses the same workspace again). None with no data or no theme ticked."""
        spec, ws = self.spec(), self.workspace
        if ws is None or not spec.themes:
            return None
        if any(same_path(str(path), s) for s in spec.sources):
            raise ValueError("refusing to write over a source workbook")
        edits, builder = self.edit_texts(), self.builder

        def run(progress, cancel):
            return builder(spec, path, ws, edits=edits, progress=progress, cancel=cancel)

        def done(result: BuildResult) -> BuildResult:
            if self.workspace is ws:     # not a build of data since replaced
                self.set_generated(result.generated, (ws, spec.lang))
            if name == "build":
                self.last_pdf = Path(result.path)
            return result

        return Op(name, run, done)

    def preview_op(self, path: str | os.PathLike) -> Op | None:
        return self.build_op(path, "preview")

    def set_generated(self, generated: Mapping[str, tuple[Finding, ...]], source: tuple = (None, "")) -> None:
        """The findings a build returned, and the (workspace, language) it wrote them from."""
        generated = dict(generated)
        self._generated_from = source
        if generated != self.generated:
            self.generated = generated
            self._emit("findings")

    def clear_generated(self) -> None:
        self.set_generated({}, (self.workspace, self.lang))


def empty_workspace(catalogue: Sequence[Theme]) -> Workspace:
    """A workspace with no tables: what the themes list shows before any import."""
    return Workspace((), {}, ImportReport(), tuple(catalogue))


__all__ = ["Session", "Op", "Loaded", "locked", "Step", "UndoStack", "describe", "same_path", "concerns",
           "suggested_title", "empty_workspace"]
