"""The table preview shows the part each row plays (Σ total, ⊂ aggregate) and a right click changes it:
the findings follow, undo restores, and the project file keeps it."""
import json

from PySide6.QtCore import Qt

from briefing import project

from ui_helpers import wait_preview


def _regions(tmp_path):
    import xlsxwriter
    path = tmp_path / "regions.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet 1")
    for r, row in enumerate([["地区", "RD经费", "RD强度"], ["全国", 33357.1, 2.65], ["北京", 2947.1, 6.73],
                             ["广东", 4802.6, 3.54], ["上海", 2049.6, 4.34], ["西藏", 7.2, 0.3]]):
        ws.write_row(r, 0, row)
    wb.close()
    return path


def test_row_roles_shown_changed_undone_and_saved(make_window, qtbot, tmp_path):
    w = make_window()
    w.import_files([str(_regions(tmp_path))])
    wait_preview(qtbot, w)
    (table,) = w.workspace.tables
    panel = w.sources_panel
    assert panel.select_table(table.key)
    model = panel.preview.grid.model()
    assert model.headerData(0, Qt.Orientation.Vertical) == "2 Σ"          # 全国, sheet row 2, the total
    assert "cn_regions.toml" in model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(1, Qt.Orientation.Vertical) == "3"

    menu = panel.preview.role_menu(1)                                      # 北京
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert [a.isChecked() for a in menu.actions()[:3]] == [False, False, False]
    next(a for t, a in actions.items() if t.startswith("Aggregate")).trigger()
    assert w.session.row_roles == {table.key: {"北京": "aggregate"}}
    assert w.workspace.tables[0].row_role(1) == "aggregate"
    assert panel.preview.grid.model().headerData(1, Qt.Orientation.Vertical) == "3 ⊂"
    assert w.session.undo_stack.undo_text() == "Change the role of a row"
    wait_preview(qtbot, w)
    texts = [f.text for fs in w.session.generated.values() for f in fs]
    assert any("Shanghai leads with 4.34%" in t for t in texts) and not any("Beijing leads" in t for t in texts)

    path = tmp_path / "p.briefing"
    w.ask_project_save_path = lambda: str(path)
    w.save_project()
    assert json.loads(path.read_text())["roles"] == {table.key: {"北京": "aggregate"}}
    assert project.load(path).roles == {table.key: {"北京": "aggregate"}}

    w.session.undo()
    assert w.session.row_roles == {} and w.workspace.tables[0].row_role(1) == ""


def test_the_preview_shows_a_percent_with_the_decimals_it_has():
    from briefing.model import Column
    from briefing.ui.table_preview import format_value
    col = Column("RD强度", "percent", (0.0265, 0.0673, 0.003, 0.5), "%")
    assert [format_value(col, i) for i in range(4)] == ["2.65%", "6.73%", "0.3%", "50%"]
