"""The session under the window, without Qt: undo/redo, Replace Data, the edit review, overrides,
theme order, the project file round trip, and the findings kept from the build."""
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefing import pipeline
from briefing import project as projects
from briefing.model import Theme
from briefing.paths import sample_workbook
from briefing.session import Session, Step, UndoStack


def run(op):
    """An Op run in line, as the window runs it on a worker thread and back."""
    assert op is not None
    return op.done(op.run(progress=lambda f, m: None, cancel=threading.Event()))


@pytest.fixture
def session():
    s = Session()
    loaded = run(s.import_op([str(sample_workbook())]))
    assert not loaded.errors and s.workspace is not None
    return s


@pytest.fixture
def built(session, tmp_path):
    """The sample session after one preview build: its generated findings are known."""
    run(session.preview_op(tmp_path / "preview.pdf"))
    assert session.generated
    return session


def events(s):
    heard = []
    for name in ("workspace", "choices", "findings", "modified", "project"):
        s.on(name, lambda *a, n=name: heard.append(n))
    return heard


def test_the_session_imports_no_qt():
    code = ("import sys, briefing.session, briefing.project; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]; "
            "assert not bad, bad")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_first_import_suggests_the_title_and_ticks_themes_with_data(session):
    assert session.sources == (str(sample_workbook()),)
    assert session.fields["title"] == pipeline.DEMO_TITLE
    assert session.choices.themes == session.workspace.supported_themes()
    assert set(session.choices.theme_order) == {t.key for t in session.workspace.catalogue}
    assert not session.modified and session.undo_stack.count() == 0


def test_undo_redo_of_fields_themes_order_and_edits(built):
    s = built
    heard = events(s)
    start = s.choices
    for text in ("A", "An", "Ana"):            # typing in one field: one step
        s.set_field("author", text)
    assert s.undo_stack.count() == 1 and s.undo_stack.undo_text() == "Change author"
    supported = s.workspace.supported_themes()
    s.set_checked(supported[0], False)
    assert s.undo_stack.undo_text() == "Untick theme"
    s.move_theme(supported[-1], 0)
    assert s.undo_stack.undo_text() == "Reorder themes"
    assert s.spec().themes[0] == supported[-1] and supported[0] not in s.spec().themes
    key = s.generated[supported[-1]][0].key
    s.set_edit(key, "My sentence.")
    s.set_edit(key, "My sentence, revised.")   # typing in one finding merges
    assert s.undo_stack.count() == 4 and s.undo_stack.undo_text() == "Edit finding"
    assert s.edits[key].original == s.generated_text(key) != "My sentence, revised."
    after = s.choices
    assert s.modified and {"choices", "findings", "modified"} <= set(heard)

    while s.undo():
        pass
    assert s.choices == start and not s.modified and key not in s.edits
    assert s.undo_stack.redo_text() == "Change author"
    while s.redo():
        pass
    assert s.choices == after and s.edits[key].text == "My sentence, revised."
    assert s.modified
    s.set_edit(key, None)
    assert key not in s.edits and s.undo_stack.undo_text() == "Reset finding"
    assert not s.set_edit(key, None)           # nothing to reset: no step
    assert s.undo_stack.count() == 5


def test_picked_says_whether_the_choices_changed_by_one_pick(built):
    """What the window's preview waits on: a pause after typing, none after a tick or a choice."""
    s = built
    seen = []
    s.on("choices", lambda: seen.append(s.picked))
    s.set_field("author", "A")
    key = s.generated[s.workspace.supported_themes()[-1]][0].key
    s.set_edit(key, "My sentence.")
    s.set_checked(s.workspace.supported_themes()[0], False)
    s.set_field("lang", "zh")                 # from a list: built at once
    s.set_template("onepager")
    s.undo()                                  # undo and redo wait, as an import does
    assert seen == [False, False, True, True, True, False]


def test_a_new_step_drops_the_redo_tail_and_saving_stops_merging():
    stack = UndoStack()
    a, b, c = (projects.Project(fields={"title": t}) for t in "abc")
    stack.push(Step(a, b, "Change {0}", "title", "field:title"))
    stack.set_clean()
    stack.push(Step(b, c, "Change {0}", "title", "field:title"))   # not merged into the saved state
    assert stack.count() == 2 and not stack.is_clean()
    stack.index = 1
    stack.push(Step(b, a, "Change template"))
    assert stack.count() == 2 and stack.index == 2 and stack.undo_text() == "Change template"
    assert stack.redo_text() == ""


def test_custom_theme_override_and_row_role_retag_and_undo(session):
    s = session
    table = s.workspace.tables[0]
    heard = events(s)
    s.set_custom_theme(Theme("leaders", "Leadership", "领导力", "", "", ("leader*",), ("领导",), True))
    assert "leaders" in {g.theme for g in s.workspace.tags[table.key]}
    assert s.choices.theme_order[-1] == "leaders"
    # A new theme is ticked exactly when it has a section of its own.
    assert ("leaders" in s.choices.themes) == ("leaders" in s.workspace.supported_themes())
    assert "workspace" in heard
    s.set_table_themes(table.key, ("safety",))
    assert [g.theme for g in s.workspace.tags[table.key]] == ["safety"]
    assert table in s.workspace.tables_for("safety")
    assert s.project().overrides == {table.key: ("safety",)}
    assert s.undo_stack.undo_text() == "Change the themes of a table"
    label = next(c for c in table.columns if c.kind == "label").values[0]
    s.set_row_role(table.key, str(label), "total")
    assert s.row_roles == {table.key: {str(label): "total"}}
    row = next(r for r, role, why in s.workspace.tables[0].row_roles if why == pipeline.OVERRIDE_HIT)
    assert row == 0
    s.undo()
    assert s.row_roles == {}
    s.undo()
    assert table.key not in s.overrides and [g.theme for g in s.workspace.tags[table.key]] != ["safety"]
    s.undo()
    assert s.custom_themes == () and "leaders" not in s.choices.theme_order
    assert "leaders" not in {t.key for t in s.workspace.catalogue}
    s.redo()
    s.remove_custom_theme("leaders")
    assert "leaders" not in s.choices.theme_order and s.undo_stack.undo_text() == "Change custom themes"


def test_theme_order_and_ticks_survive_an_import(session, tmp_path):
    s = session
    supported = s.workspace.supported_themes()
    s.move_theme(supported[-1], 0)
    s.set_checked(supported[1], False)
    order, themes = s.choices.theme_order, s.choices.themes
    assert s.import_op([str(sample_workbook())]) is None     # already there: nothing to import
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(sample_workbook().read_bytes())
    run(s.import_op([str(copy)]))
    assert len(s.sources) == 2
    assert s.choices.theme_order == order and s.choices.themes == themes
    assert s.modified                               # a second file is a change to save
    assert s.undo() and s.choices.themes != themes  # the steps before the import still undo


def _next_quarter(tmp_path, drop_sheet=None):
    """The sample with the United States' share changed (and maybe a sheet gone)."""
    from openpyxl import load_workbook
    wb = load_workbook(sample_workbook())
    ws = wb["Adoption"]
    for row in ws.iter_rows():
        if row[0].value == "United States":
            row[2].value = 0.31
    if drop_sheet:
        del wb[drop_sheet]
    out = tmp_path / "next-quarter.xlsx"
    wb.save(out)
    return out


def test_replace_data_keeps_choices_and_flags_edits_for_review(built, tmp_path):
    s = built
    s.set_field("author", "Ana")
    adoption = s.generated["adoption"]
    gone = next(f for f in s.generated["regulation"] if "|Regulation|" in f.table_key)
    for f in (*adoption, gone):
        s.set_edit(f.key, "Mine: " + f.text)
    s.mark_saved(tmp_path / "x.briefing")
    choices = s.choices
    new = _next_quarter(tmp_path, drop_sheet="Regulation")
    loaded = run(s.replace_op([str(new)]))
    assert not loaded.errors
    assert s.sources == (str(new),) and s.fields["author"] == "Ana"
    assert s.edits == dict(choices.edits)           # every edit kept as written
    assert s.modified                                # other data: a change to save
    run(s.preview_op(tmp_path / "preview.pdf"))      # the review is against the new data's findings
    review = s.review()
    assert review[gone.key] == projects.MISSING
    changed = [f.key for f in adoption if "United States" in f.text or "65" in f.text]
    assert changed and all(review[k] == projects.CHANGED for k in changed if k in review)
    assert any(v == projects.CHANGED for v in review.values())
    key = next(k for k, v in review.items() if v == projects.CHANGED)
    s.mark_reviewed(key)
    assert s.review()[key] == projects.OK and s.edits[key].text.startswith("Mine: ")
    assert s.undo_stack.undo_text() == "Edit finding"


def test_save_and_open_round_trip(built, tmp_path):
    s = built
    s.set_field("title", "Pulse Q3")
    s.set_template("deck")
    s.move_theme(s.choices.themes[-1], 0)
    key = s.generated[s.choices.themes[0]][0].key
    s.set_edit(key, "Edited.")
    s.set_custom_theme(Theme("leaders", "Leadership", "", "", "", ("leader*",), (), True))
    path = tmp_path / "p.briefing"
    s.save(path)
    assert not s.modified and s.project_path == path
    saved = s.project()
    assert saved.sources[0].sha256 == projects.sha256_file(sample_workbook())

    other = Session()
    heard = events(other)
    loaded = run(other.open_op(projects.load(path), path=path))
    assert loaded.project and not loaded.changed and "project" in heard
    assert other.project() == saved
    assert other.project_path == path and not other.modified and other.undo_stack.count() == 0
    assert other.spec() == s.spec()
    # An import after opening keeps the project's title: the user's, not a suggestion.
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(sample_workbook().read_bytes())
    run(other.import_op([str(copy)]))
    assert other.fields["title"] == "Pulse Q3"


def test_a_locked_workbook_is_retried_with_its_password(session, monkeypatch):
    from briefing.model import ImportReport
    from briefing.model.report import ImportIssue
    from briefing.session import locked
    issue = ImportIssue("error", "locked.xlsx", "", "locked.xlsx: needs a password", code="password")
    seen = []

    def loader(paths, *, progress, cancel, passwords=()):
        seen.append(passwords)
        report = ImportReport(issues=() if passwords else (issue,))
        return pipeline.Workspace((), {}, report, session.workspace.catalogue)

    session.loader = loader
    op = session.import_op(["locked.xlsx"])
    ws = op.run(progress=lambda f, m: None, cancel=threading.Event())
    assert locked(ws) == (issue,)
    session.add_password("secret")
    again = op.retry()
    again.run(progress=lambda f, m: None, cancel=threading.Event())
    assert seen == [(), ("secret",)]


def test_builds_are_analysed_once_and_their_findings_kept(session, tmp_path, monkeypatch):
    import briefing.analysis as analysis
    calls = []
    real = analysis.analyse
    monkeypatch.setattr(analysis, "analyse", lambda *a, **k: calls.append(1) or real(*a, **k))
    key_theme = session.choices.themes[0]
    result = run(session.build_op(tmp_path / "out.pdf"))
    assert calls == [1]
    assert session.generated == result.generated and session.last_pdf == result.path
    key = result.generated[key_theme][0].key
    session.set_edit(key, "Edited.")
    result = run(session.preview_op(tmp_path / "p.pdf"))
    assert calls == [1, 1]
    assert result.findings[key_theme][0].text == "Edited."
    assert session.generated_text(key) == result.generated[key_theme][0].text != "Edited."
    assert session.last_pdf == tmp_path / "out.pdf"    # a preview is not the exported PDF


def test_the_sample_project_opens_and_builds(tmp_path):
    from briefing.paths import resource
    proj = projects.load(resource("sample.briefing"))
    assert Path(proj.sources[0].path) == sample_workbook().resolve()
    s = Session()
    loaded = run(s.open_op(proj))
    assert not loaded.errors and s.workspace is not None and s.choices.themes
    result = run(s.build_op(tmp_path / "sample.pdf"))
    assert result.pages > 1 and result.path.read_bytes().startswith(b"%PDF")


def test_build_project_of_the_sample_from_another_folder(tmp_path):
    """`briefing build --project resources/sample.briefing`: its source is found from the project's
    folder, wherever the command runs."""
    from briefing.paths import resource
    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "sample.pdf"
    done = subprocess.run([sys.executable, str(root / "main.py"), "build", "--project",
                           str(resource("sample.briefing")), "-o", str(out)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    from pypdf import PdfReader
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Generative AI survey 2024" in text and "China" in text


def test_remove_a_file_and_start_anew(session, tmp_path):
    s = session
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(sample_workbook().read_bytes())
    run(s.import_op([str(copy)]))
    assert len(s.sources) == 2 and len(s.workspace.tables) == 12
    assert s.remove_op(str(tmp_path / "never-imported.xlsx")) is None
    run(s.remove_op(str(copy)))
    assert s.sources == (str(sample_workbook()),) and len(s.workspace.tables) == 6
    heard = events(s)
    s.set_field("title", "Mine")
    assert heard == ["choices", "modified"]          # typing re-tags nothing
    s.new()
    assert s.sources == () and s.workspace is None and not s.modified
    assert s.fields["title"] == "Briefing" and s.undo_stack.count() == 0 and s.generated == {}
    assert {"workspace", "choices", "findings", "modified"} <= set(heard)
    assert s.build_op(tmp_path / "x.pdf") is None    # nothing to build from


def test_a_build_never_writes_over_a_source(session):
    with pytest.raises(ValueError):
        session.build_op(str(sample_workbook()))


def test_an_edit_made_before_the_new_data_is_built_is_flagged_not_passed(built, tmp_path):
    """Replace Data, then an edit before the next build: its original is not the old data's
    sentence (which would make the review say "ok" against a sentence it was never compared with)."""
    s = built
    key = s.generated["adoption"][0].key
    assert s.generated_text(key)
    run(s.replace_op([str(_next_quarter(tmp_path))]))
    assert s.generated_text(key) is None             # last build was of the old data
    s.set_edit(key, "Mine.")
    assert s.edits[key].original == ""
    assert not s.mark_reviewed(key)
    run(s.preview_op(tmp_path / "p.pdf"))
    assert s.review()[key] == projects.CHANGED and s.generated_text(key) not in (None, "")
    s.set_field("lang", "zh")
    assert s.generated_text(key) is None             # built in English: not the Chinese sentence
