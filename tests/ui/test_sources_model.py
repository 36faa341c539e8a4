"""SourcesModel alone, over a session without a window: its rows, columns and roles are the session's
workspace, and the session's events redraw it (in place when the rows stay, else by a reset)."""
import threading

import pytest
from PySide6.QtCore import QModelIndex, Qt

from briefing.paths import sample_workbook
from briefing.pipeline import OVERRIDE_HIT
from briefing.session import Session
from briefing.ui.sources_model import FILE_PATH_ROLE, KIND_ROLE, TABLE_KEY_ROLE, SourcesModel

from ui_helpers import cell, child_rows


def run(op):
    """An Op run in line, as the window runs it on a worker thread and back."""
    return op.done(op.run(progress=lambda f, m: None, cancel=threading.Event()))


def signals(model):
    heard = []
    model.modelReset.connect(lambda: heard.append("reset"))
    model.dataChanged.connect(lambda *a: heard.append("changed"))
    return heard


@pytest.fixture
def bound(qapp):
    """A session and a model bound to it as the window binds the panel."""
    session = Session()
    model = SourcesModel(session)
    for event in ("workspace", "choices"):
        session.on(event, model.refresh)
    return session, model


def test_no_workspace_shows_only_the_placeholder(bound, qtmodeltester):
    session, model = bound
    assert model.rowCount() == 0 and model.table_keys() == []
    model.show_placeholder("Import a workbook")
    assert model.rowCount() == 1
    index = model.index(0, 0)
    assert index.data() == "Import a workbook" and index.data(KIND_ROLE) == "placeholder"
    assert model.flags(index) == Qt.ItemFlag.NoItemFlags and model.rowCount(index) == 0
    qtmodeltester.check(model)


def test_rows_columns_and_roles_are_the_workspace(bound, qtmodeltester):
    session, model = bound
    heard = signals(model)
    run(session.import_op([str(sample_workbook())]))
    assert "reset" in heard
    ws = session.workspace
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["Table", "Range", "Rows", "Themes"]
    assert model.rowCount() == 1
    file_row = model.index(0, 0)
    assert file_row.data() == sample_workbook().name and file_row.data(KIND_ROLE) == "file"
    assert file_row.data(FILE_PATH_ROLE) == str(sample_workbook())
    assert file_row.data(Qt.ItemDataRole.ToolTipRole) == str(sample_workbook())
    assert cell(file_row, 3) == f"{len(ws.tables)} tables"
    assert not file_row.data(Qt.ItemDataRole.DecorationRole).isNull()

    keys, sheets = [], child_rows(file_row)
    assert {s.data() for s in sheets} == {t.sheet for t in ws.tables}
    for sheet in sheets:
        assert sheet.data(KIND_ROLE) == "sheet" and sheet.parent() == file_row
        for row in child_rows(sheet):
            assert row.parent() == sheet and model.rowCount(row) == 0
            table = next(t for t in ws.tables if t.key == row.data(TABLE_KEY_ROLE))
            keys.append(table.key)
            assert table.sheet == sheet.data()
            assert (cell(row, 0), cell(row, 1), cell(row, 2)) == (table.title, table.provenance.cell_range,
                                                                  str(table.n_rows))
            assert cell(row, 1, Qt.ItemDataRole.ToolTipRole) == table.provenance.cite()
            assert model.file_of(row.siblingAtColumn(2)) == str(sample_workbook())
            assert row.siblingAtColumn(1).data(TABLE_KEY_ROLE) is None     # the key is column 0's
            tags = ws.tags.get(table.key, ())
            if tags:
                assert cell(row, 3).startswith(f"{ws.theme(tags[0].theme).title('en')} {tags[0].score:.2f}")
                assert cell(row, 3, Qt.ItemDataRole.ForegroundRole) is None
            else:
                assert cell(row, 3) == "no theme"
                assert cell(row, 3, Qt.ItemDataRole.ForegroundRole) is not None    # greyed
    assert keys == model.table_keys() == [t.key for t in ws.tables]
    assert model.index_of_table(keys[-1]).data(TABLE_KEY_ROLE) == keys[-1]
    assert not model.index_of_table("no such table").isValid()
    assert model.file_of(QModelIndex()) is None


def test_session_events_redraw_it_in_place_or_by_a_reset(bound, qtmodeltester, tmp_path, chinese_workbook):
    session, model = bound
    run(session.import_op([str(sample_workbook())]))
    key = model.table_keys()[0]
    heard = signals(model)

    # Choosing a table's themes retags it: the same rows, redrawn in place (a view keeps its selection).
    session.set_table_themes(key, ("safety",))
    assert heard and "reset" not in heard
    index = model.index_of_table(key)
    assert cell(index, 3) == f"{session.workspace.theme('safety').title('en')} 1.00"
    assert OVERRIDE_HIT in cell(index, 3, Qt.ItemDataRole.ToolTipRole)
    session.undo()
    assert session.overrides == {}
    assert OVERRIDE_HIT not in cell(model.index_of_table(key), 3, Qt.ItemDataRole.ToolTipRole)

    # The briefing's language names the themes in it.
    heard.clear()
    session.set_field("lang", "zh")
    assert heard and "reset" not in heard
    tag = session.workspace.tags[key][0]
    assert cell(model.index_of_table(key), 3).startswith(session.workspace.theme(tag.theme).title("zh"))

    # A choice that does not touch the tables leaves the model alone.
    heard.clear()
    session.set_field("title", "Another title")
    assert heard == []

    # Another file adds rows: a reset, and the new file is listed after the first.
    run(session.import_op([str(chinese_workbook)]))
    assert heard[-1] == "reset"
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [sample_workbook().name,
                                                                           chinese_workbook.name]
    assert model.table_keys() == [t.key for t in session.workspace.tables]
    qtmodeltester.check(model)

    # Removing it takes its rows away again.
    run(session.remove_op(str(chinese_workbook)))
    assert model.rowCount() == 1 and model.table_keys() == [t.key for t in session.workspace.tables]
