"""FindingsModel alone, over a session without a window: themes > findings of the last build, the
user's wording in place of the generated one, the review marks, and the session's events redrawing it."""
import threading

import pytest
from PySide6.QtCore import QModelIndex, Qt

from briefing.paths import sample_workbook
from briefing.project import Edit
from briefing.session import Session
from briefing.ui.findings_model import KEY_ROLE, STATE_ROLE, FindingsModel

from ui_helpers import cell, child_rows


def run(op):
    """An Op run in line, as the window runs it on a worker thread and back."""
    return op.done(op.run(progress=lambda f, m: None, cancel=threading.Event()))


@pytest.fixture
def bound(qapp, tmp_path):
    """The sample, built once, and a model bound to its session as the window binds the panel."""
    session = Session()
    model = FindingsModel(session)
    session.on("findings", model.refresh)
    heard = []
    model.modelReset.connect(lambda: heard.append("reset"))
    model.dataChanged.connect(lambda *a: heard.append("changed"))
    assert model.rowCount() == 0
    run(session.import_op([str(sample_workbook())]))
    run(session.preview_op(tmp_path / "preview.pdf"))
    assert session.generated and "reset" in heard
    heard.clear()
    return session, model, heard


def test_rows_are_the_themes_and_their_findings(bound, qtmodeltester):
    session, model, _ = bound
    qtmodeltester.check(model)
    titles = session.theme_titles()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [titles[t] for t in session.generated]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["Finding", "State"]
    for r, fs in enumerate(session.generated.values()):
        top = model.index(r, 0)
        assert not model.flags(top) & Qt.ItemFlag.ItemIsSelectable and top.data(Qt.ItemDataRole.FontRole).bold()
        rows = child_rows(top)
        assert [i.data(KEY_ROLE) for i in rows] == [f.key for f in fs]
        for i, f in zip(rows, fs):
            assert i.parent() == top and model.flags(i) & Qt.ItemFlag.ItemIsSelectable
            assert cell(i, 0) == " ".join(f.text.split()) and cell(i, 0, Qt.ItemDataRole.ToolTipRole) == f.text
            assert cell(i, 1) is None and i.data(STATE_ROLE) == ""
    assert model.keys() == [f.key for fs in session.generated.values() for f in fs]
    assert not model.index_for("no|such|finding").isValid() and model.key_of(QModelIndex()) is None


def test_edits_and_their_review_marks_follow_the_session(bound, qtmodeltester):
    session, model, heard = bound
    key = model.keys()[0]
    generated = model.edit_text(key)

    session.set_edit(key, "China is far ahead.")
    assert heard and "reset" not in heard           # the same rows, redrawn in place
    index = model.index_for(key)
    assert cell(index, 0) == "China is far ahead." and model.edit_text(key) == "China is far ahead."
    assert cell(index, 1) == "✎ edited" and index.data(STATE_ROLE) == "edited"
    assert cell(index, 0, Qt.ItemDataRole.FontRole).italic()
    assert cell(index, 1, Qt.ItemDataRole.ForegroundRole) is None

    # An edit made against another sentence than today's: the data behind it changed.
    session.change(edits={key: Edit("China is far ahead.", "An older sentence.")})
    assert cell(index, 1) == "⚠ data changed" and model.state_of(key) == "changed"
    assert "differs" in cell(index, 1, Qt.ItemDataRole.ToolTipRole)
    assert cell(index, 1, Qt.ItemDataRole.ForegroundRole) is not None
    session.mark_reviewed(key)
    assert model.state_of(key) == "edited"

    # An edit of a finding no longer generated gets a group of its own, at the end.
    heard.clear()
    session.set_edit("gone|Old table|leader", "Old news.")
    assert heard[-1] == "reset"
    qtmodeltester.check(model)
    last = model.index(model.rowCount() - 1, 0)
    assert last.data() == "Needs review: no longer in the data"
    (orphan,) = child_rows(last)
    assert orphan.data(KEY_ROLE) == "gone|Old table|leader" and cell(orphan, 1) == "⚠ not generated any more"

    # Undone, the sentence is the generated one again and the row unmarked.
    session.undo()
    session.undo()
    session.undo()
    session.undo()
    assert session.edits == {}
    assert model.rowCount() == len(session.generated)
    assert cell(model.index_for(key), 0) == " ".join(generated.split()) and cell(model.index_for(key), 1) is None
