"""The findings editor (edit, mark, reset, reach the PDF) and undo/redo of briefing edits."""
from PySide6.QtCore import Qt

from ui_helpers import cell, pdf_text, wait_preview


def _first_key(window):
    keys = window.findings_panel.keys()
    assert keys, "the sample gives findings"
    return keys[0]


def test_edit_a_finding_marks_it_and_reaches_the_preview(window, qtbot):
    wait_preview(qtbot, window)
    panel = window.findings_panel
    key = _first_key(window)
    generated = panel.edit_text(key)
    assert panel.select(key)
    assert panel.editor.toPlainText() == generated and not panel.reset_button.isEnabled()

    panel.editor.selectAll()
    with qtbot.waitSignal(window.preview_updated, timeout=60_000):
        qtbot.keyClicks(panel.editor, "China is far ahead of everyone else.")
    wait_preview(qtbot, window)
    assert window.session.edits[key].text == "China is far ahead of everyone else."
    assert window.session.edits[key].original == generated
    assert panel.state_of(key) == "edited" and "edited" in cell(panel.index_for(key), 1)
    assert panel.reset_button.isEnabled()
    assert "China is far ahead of everyone else." in pdf_text(window.preview_panel.path)
    assert window.isWindowModified()

    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert key not in window.session.edits
    assert panel.editor.toPlainText() == generated and cell(panel.index_for(key), 1) is None


def test_undo_redo_fields_themes_order_and_edits(window, qtbot):
    wait_preview(qtbot, window)
    stack = window.session.undo_stack
    start = window.choices()
    assert stack.count() == 0 and not window.undo_action.isEnabled()

    qtbot.keyClicks(window.briefing_panel.author, "Ana")            # three keystrokes, one step
    assert stack.count() == 1
    supported = window.workspace.supported_themes()
    window.themes_panel.set_checked(supported[0], False)
    window.themes_panel.move(supported[-1], 0)
    key = window.findings_panel.keys()[-1]     # in the last theme, still ticked
    window.set_edit(key, "My sentence.")
    window.set_edit(key, "My sentence, revised.")                   # typing in one finding merges
    assert stack.count() == 4
    after = window.choices()
    assert stack.undo_text() == "Edit finding"

    for _ in range(4):
        window.undo_action.trigger()
    assert window.choices() == start
    assert window.briefing_panel.author.text() == ""
    assert window.themes_panel.selected_keys() == supported
    assert key not in window.session.edits
    assert not window.isWindowModified()          # back to the clean state

    for _ in range(4):
        window.redo_action.trigger()
    assert window.choices() == after
    assert window.session.edits[key].text == "My sentence, revised."
    assert window.themes_panel.order()[0] == supported[-1]
    wait_preview(qtbot, window)
    assert "My sentence, revised." in pdf_text(window.preview_panel.path)


def test_custom_theme_and_table_override_are_undoable(window, qtbot):
    from briefing.model import Theme
    wait_preview(qtbot, window)
    ws = window.workspace
    table = ws.tables[0]
    window.set_custom_theme(Theme("leaders", "Leadership", "领导力", "", "", ("leader*",), ("领导",), True))
    assert window.themes_panel.index_for("leaders") is not None
    assert "leaders" in {g.theme for g in window.workspace.tags[table.key]}
    window.set_table_themes(table.key, ("safety",))
    assert [g.theme for g in window.workspace.tags[table.key]] == ["safety"]
    assert table in window.workspace.tables_for("safety")
    assert window.current_project().overrides == {table.key: ("safety",)}
    window.undo_action.trigger()
    assert table.key not in window.session.overrides
    assert window.workspace.tags[table.key][0].theme != "safety" or ws.tags[table.key][0].theme == "safety"
    window.undo_action.trigger()
    assert window.themes_panel.index_for("leaders") is None and window.session.custom_themes == ()


def test_theme_dialogs_add_edit_and_override(window, qtbot):
    from briefing.ui.theme_dialogs import TableThemesDialog, ThemeDialog
    wait_preview(qtbot, window)

    def answer_new(dialog):
        assert isinstance(dialog, ThemeDialog)
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled()                       # no name, no keywords yet
        dialog.name.setText("Business leaders")
        dialog.keywords.setText("leader*, generative*")
        dialog.keywords_zh.setText("领导者")
        assert ok.isEnabled()
        return 1

    window.run_dialog = answer_new
    qtbot.mouseClick(window.themes_panel.new_button, Qt.MouseButton.LeftButton)
    theme = window.session.custom_themes[0]
    assert (theme.key, theme.keywords, theme.keywords_zh) == ("business-leaders", ("leader*", "generative*"), ("领导者",))
    index = window.themes_panel.index_for("business-leaders")
    assert index is not None and "table" in index.data()      # strong match with the adoption table
    window.themes_panel.set_current("business-leaders")
    assert window.themes_panel.edit_button.isEnabled()

    def answer_edit(dialog):
        assert dialog.name.text() == "Business leaders"
        dialog.name.setText("Leaders")
        return 1

    window.run_dialog = answer_edit
    window.themes_panel.edit_button.click()
    assert window.session.custom_themes[0].name == "Leaders" and window.session.custom_themes[0].key == "business-leaders"

    table = window.workspace.tables[0]
    window.sources_panel.select_table(table.key)

    def answer_table(dialog):
        assert isinstance(dialog, TableThemesDialog)
        for i in range(dialog.list.count()):
            it = dialog.list.item(i)
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) == "safety"
                             else Qt.CheckState.Unchecked)
        return 1

    window.run_dialog = answer_table
    window.table_themes_action.trigger()
    assert window.session.overrides == {table.key: ("safety",)}
    assert "set by the user" in cell(window.sources_panel.tree.currentIndex(), 3, Qt.ItemDataRole.ToolTipRole)
    window.run_dialog = lambda d: TableThemesDialog.AUTOMATIC
    window.table_themes_action.trigger()
    assert window.session.overrides == {}
    window.themes_panel.remove_button.click()
    assert window.session.custom_themes == ()


def test_selecting_a_finding_turns_the_preview_to_its_section(window, qtbot):
    from pypdf import PdfReader
    wait_preview(qtbot, window)
    key = next(k for k in window.findings_panel.keys() if k.startswith("models|"))
    window.preview_panel.go_to_page(0)
    window.findings_panel.select(key)
    page = window.preview_panel.current_page()
    assert page > 2
    text = "".join((PdfReader(str(window.preview_panel.path)).pages[page].extract_text() or "").split())
    assert "".join(window.findings_panel.edit_text(key).split())[:30] in text
