"""The main window: importing, theme choices, the spec it builds, language, title, menus."""
from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from briefing.paths import sample_workbook
from briefing.ui.app import create_window
from briefing.ui.main_window import default_pdf_name

from ui_helpers import cell, child_rows, top_rows, wait_idle


def test_opens_on_the_sample_with_tables_and_themes(window):
    ws = window.workspace
    keys = window.sources_panel.table_keys()
    assert keys == [t.key for t in ws.tables] and len(keys) >= 3
    tree = window.sources_panel.tree
    file_item = top_rows(tree)[0]
    assert cell(file_item, 0) == sample_workbook().name
    # Every table row shows its cell range and, when tagged, its themes with scores.
    tagged = 0
    for sheet in child_rows(file_item):
        for row in child_rows(sheet):
            table = next(x for x in ws.tables if x.key == row.data(Qt.ItemDataRole.UserRole))
            assert cell(row, 0) == table.title
            assert cell(row, 1) == table.provenance.cell_range
            tags = ws.tags.get(table.key, ())
            if tags:
                tagged += 1
                best = ws.theme(tags[0].theme).title("en")
                assert f"{best} {tags[0].score:.2f}" in cell(row, 3)
    assert tagged >= 3
    # Title and subtitle suggested as the CLI's --demo does, until the user types their own.
    from briefing.cli import DEMO_TITLE
    assert window.briefing_panel.title.text() == DEMO_TITLE
    assert window.windowTitle() == f"{DEMO_TITLE}[*] — Briefing"
    assert not window.isWindowModified()
    # Import issues are listed under the tree.
    assert window.sources_panel.issues.count() == len(ws.report.issues)


def test_selected_table_is_previewed_as_read(window):
    panel = window.sources_panel
    table = next(t for t in window.workspace.tables if any(c.kind == "percent" for c in t.columns))
    assert panel.select_table(table.key)
    model = panel.preview.grid.model()
    assert (model.rowCount(), model.columnCount()) == (table.n_rows, len(table.columns))
    c = next(i for i, col in enumerate(table.columns) if col.kind == "percent")
    cells = [model.index(r, c).data() for r in range(table.n_rows)]
    assert all(x.endswith("%") or x == "–" for x in cells)
    assert table.title in panel.preview.caption.text()
    assert table.provenance.cell_range in panel.preview.caption.text()
    # Row labels are the sheet's own row numbers, so the user can find the cell.
    assert model.headerData(0, Qt.Orientation.Vertical) == str(table.source_rows[0] + 1)
    assert model.index(0, c).data(Qt.ItemDataRole.ToolTipRole).startswith(table.provenance.cite(table.cell_ref(0, c)))


def test_themes_default_to_what_the_data_supports(window):
    ws = window.workspace
    panel = window.themes_panel
    assert panel.order() == tuple(t.key for t in ws.catalogue)
    assert panel.selected_keys() == ws.supported_themes()
    unsupported = [t.key for t in ws.catalogue if t.key not in ws.supported_themes()]
    assert unsupported, "the sample should leave some catalogue theme without data"
    index = panel.index_for(unsupported[0])
    assert "no data" in index.data()
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith(ws.theme(unsupported[0]).description)


def test_unticking_and_reordering_change_the_spec(window, qtbot):
    panel = window.themes_panel
    supported = list(window.workspace.supported_themes())
    assert len(supported) >= 3
    first, second, last = supported[0], supported[1], supported[-1]

    with qtbot.waitSignal(panel.changed):
        panel.set_checked(second, False)
    assert window.current_spec().themes == tuple(k for k in supported if k != second)

    # A drag-and-drop move goes through the model, like this one.
    with qtbot.waitSignal(panel.changed):
        panel.move(last, 0)
    expected = [last] + [k for k in supported if k not in (second, last)]
    assert list(window.current_spec().themes) == expected

    # The buttons, for keyboard users: the current item moves down one row.
    panel.set_current(panel.order()[0])
    qtbot.mouseClick(panel.down_button, Qt.MouseButton.LeftButton)
    assert panel.order()[1] == last
    assert window.current_spec().themes[:2] == (first, last)

    qtbot.mouseClick(panel.all_button, Qt.MouseButton.LeftButton)
    assert set(window.current_spec().themes) == set(supported)


def test_spec_fields_title_and_language(window):
    p = window.briefing_panel
    p.title.setText("China's AI race")
    p.subtitle.setText("Q3 update")
    p.author.setText("A. Analyst")
    p.organisation.setText("Strategy team")
    p.classification.setCurrentText("Internal")
    spec = window.current_spec()
    assert (spec.title, spec.subtitle, spec.author, spec.organisation, spec.classification) == (
        "China's AI race", "Q3 update", "A. Analyst", "Strategy team", "Internal")
    assert spec.date == ""          # "the day it is built" until the user fixes a date
    assert spec.sources == (str(sample_workbook()),)
    assert window.windowTitle() == "China's AI race[*] — Briefing"
    assert window.isWindowModified()
    assert default_pdf_name(spec.title) == "China's-AI-race.pdf"

    key = window.workspace.supported_themes()[0]
    theme = window.workspace.theme(key)
    p.set_lang("zh")
    assert window.current_spec().lang == "zh"
    assert window.themes_panel.index_for(key).data().startswith(theme.title("zh"))
    p.fixed_date.setChecked(True)
    assert window.current_spec().date == p.date.date().toString("yyyy-MM-dd")


def test_import_adds_a_second_workbook_and_keeps_theme_choices(window, qtbot, chinese_workbook, messages):
    before = len(window.workspace.tables)
    supported = window.workspace.supported_themes()
    window.themes_panel.set_checked(supported[0], False)
    window.themes_panel.move(supported[-1], 0)
    order = window.themes_panel.order()
    window.briefing_panel.title.clear()
    qtbot.keyClicks(window.briefing_panel.title, "My own title")

    window.ask_open_paths = lambda: [str(chinese_workbook)]
    window.import_action.trigger()
    wait_idle(qtbot, window)

    ws = window.workspace
    assert len(ws.tables) > before
    assert any(t.provenance.file_name == chinese_workbook.name for t in ws.tables)
    names = [cell(i, 0) for i in top_rows(window.sources_panel.tree)]
    assert names == [sample_workbook().name, chinese_workbook.name]
    assert len(window.sources_panel.table_keys()) == len(ws.tables)
    assert window.current_spec().sources == (str(sample_workbook()), str(chinese_workbook))
    # The user's choices survive the re-import.
    assert supported[0] not in window.current_spec().themes
    assert window.current_spec().title == "My own title"     # typed by the user, so kept
    assert window.themes_panel.order()[:len(order)] == order
    assert messages == []

    # Importing the same file again adds nothing.
    window.import_files([str(chinese_workbook)])
    assert window.task is None and len(window.workspace.tables) == len(ws.tables)


def test_bad_file_shows_its_error_and_keeps_the_others(window, qtbot, tmp_path, chinese_workbook, messages):
    bad = tmp_path / "not-a-workbook.xlsx"
    bad.write_text("this is plain text, not a spreadsheet\n")
    window.import_files([str(bad), str(chinese_workbook)])
    wait_idle(qtbot, window)

    assert len(messages) == 1
    kind, title, text = messages[0]
    assert kind == "warning" and "not-a-workbook.xlsx" in text
    assert "\n" not in text.strip() or all(line.strip() for line in text.splitlines())
    files = {t.provenance.file_name for t in window.workspace.tables}
    assert {sample_workbook().name, chinese_workbook.name} <= files
    assert str(bad) not in window.sources       # a file that gave only errors is dropped
    assert str(chinese_workbook) in window.sources
    issues = [window.sources_panel.issues.item(i).text() for i in range(window.sources_panel.issues.count())]
    assert any("not-a-workbook.xlsx" in line for line in issues)


def test_dropping_files_imports_them(window, qtbot, chinese_workbook):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(chinese_workbook)), QUrl.fromLocalFile("/tmp/notes.docx")])
    assert window._dropped_files(_drop(mime)) == [str(chinese_workbook)]
    window.dropEvent(_drop(mime))
    wait_idle(qtbot, window)
    assert str(chinese_workbook) in window.sources
    assert any(t.provenance.file_name == chinese_workbook.name for t in window.workspace.tables)


def _drop(mime):
    return QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)


def test_files_given_at_start_replace_the_sample(qtbot, messages, chinese_workbook):
    w = create_window([str(chinese_workbook)])
    qtbot.addWidget(w)
    wait_idle(qtbot, w)
    assert w.sources == [str(chinese_workbook)]
    # The cover is named from the data by the build, as on the command line, not after the file;
    # the window and the files it offers to write are named after the workbook.
    assert w.current_spec().title == ""
    assert w.windowTitle().startswith(chinese_workbook.stem)
    from pypdf import PdfReader
    qtbot.waitUntil(lambda: w.preview_panel.path is not None, timeout=60_000)
    cover = PdfReader(str(w.preview_panel.path)).pages[0].extract_text()
    assert cover.strip() and chinese_workbook.stem not in cover
    assert {t.provenance.file_name for t in w.workspace.tables} == {chinese_workbook.name}
    w.close()


def test_remove_file_and_about(window, qtbot, chinese_workbook, messages):
    window.import_files([str(chinese_workbook)])
    wait_idle(qtbot, window)
    tree = window.sources_panel.tree
    tree.setCurrentIndex(child_rows(top_rows(tree)[0])[0])
    assert window.remove_action.isEnabled()
    window.remove_action.trigger()
    wait_idle(qtbot, window)
    assert window.sources == [str(chinese_workbook)]

    import briefing
    window.about_action.trigger()
    assert messages[-1][0] == "about" and briefing.__version__ in messages[-1][2]


def test_shortcuts(window):
    shortcuts = {a.shortcut().toString() for a in (window.new_action, window.open_action, window.save_action,
                                                     window.save_as_action, window.export_action,
                                                     window.import_action, window.undo_action)}
    assert {"Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+Shift+S", "Ctrl+E", "Ctrl+I", "Ctrl+Z"} <= shortcuts
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.build_action.isEnabled()
    for key in window.workspace.supported_themes():
        window.themes_panel.set_checked(key, False)
    assert not window.build_action.isEnabled()      # nothing ticked, nothing to build


def test_about_lists_versions_and_font_licences(window, messages):
    import PySide6
    window.about_action.trigger()
    kind, title, text = messages[-1]
    assert kind == "about"
    assert PySide6.__version__ in text and "ReportLab" in text
    assert "Noto Sans" in text and "SIL Open Font License 1.1" in text
    assert "WenQuanYi Micro Hei" in text and "Apache License 2.0" in text


def test_data_preview_adapts_a_million_rows_without_copying(qtbot):
    import time
    from briefing.model import Column, Provenance, Table
    from briefing.ui.table_preview import TablePreview
    n = 1_000_000
    shares = tuple(i % 100 / 100 for i in range(n))
    names = tuple(f"R{i}" for i in range(n))
    table = Table("big|S|A1:B1000001", "A million rows",
                  (Column("Respondent", "label", names), Column("Share", "percent", shares)),
                  Provenance("/x/big.xlsx", "S", "A1:B1000001", "0" * 64), tuple(range(1, n + 1)))
    preview = TablePreview()
    qtbot.addWidget(preview)
    preview.resize(600, 400)
    preview.show()
    t = time.perf_counter()
    preview.show_table(table)
    qtbot.wait(10)
    assert time.perf_counter() - t < 1.0
    model = preview.model
    assert model.rowCount() == n and model.table is table
    assert model.table.columns[1].values is shares           # adapted, not copied
    assert model.index(n - 1, 1).data() == "99%"
    assert model.index(n - 1, 0).data() == f"R{n - 1}"
    assert model.headerData(n - 1, Qt.Orientation.Vertical) == str(n + 1)
    preview.grid.scrollToBottom()
    qtbot.wait(10)
    assert preview.grid.rowAt(preview.grid.viewport().height() - 2) > n - 50


def test_the_themes_list_is_a_model_over_the_session(window, qtbot):
    """Ticking a box (the view hands the model an int) and moving a row go to the session; a
    change of the session (undo) comes back to the list."""
    panel, session = window.themes_panel, window.session
    key = session.choices.themes[0]
    index = panel.index_for(key)
    assert panel.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert key not in session.choices.themes and key not in panel.selected_keys()
    assert session.undo_stack.undo_text() == "Untick theme"
    last = panel.order()[-1]
    assert panel.model.moveRow(QModelIndex(), len(panel.order()) - 1, QModelIndex(), 0)
    assert session.choices.theme_order[0] == last == panel.order()[0]
    session.undo()
    session.undo()
    assert panel.order() == session.choices.theme_order and key in panel.selected_keys()
    assert panel.index_for(key).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_the_window_warms_up_off_the_gui_thread_and_close_waits_for_it(qtbot, messages, monkeypatch, tmp_path):
    """The reader server is started before the window is made, and the build's head start runs in
    a worker as it opens: neither on the GUI thread, and closing waits for the worker to end."""
    import threading

    from PySide6.QtCore import QSettings

    from briefing import pipeline

    order, release = [], threading.Event()
    monkeypatch.setattr(pipeline, "start_readers", lambda: order.append("readers"))

    def head_start(template):
        order.append(("warm-up", template, threading.current_thread() is threading.main_thread()))
        release.wait(10)

    monkeypatch.setattr(pipeline, "head_start", head_start)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = create_window([], settings=settings, data_dir=tmp_path, restore=False)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: len(order) == 2, timeout=10_000)
    assert order == ["readers", ("warm-up", "briefing", False)]
    assert w._warm_task is not None and w._warm_task._thread.isRunning()
    wait_idle(qtbot, w)   # the sample is imported meanwhile
    assert w.workspace is not None
    threading.Timer(0.2, release.set).start()
    w.ask_save_changes = lambda: "discard"
    w.close()   # waits for the warm-up (Qt aborts if a running QThread is destroyed)
    assert release.is_set() and not w._warm_task._thread.isRunning()
