"""The main window's actions, menus and toolbar, and the checkable language and appearance menus."""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle

from briefing.ingest import filetypes

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow

# Literal "MainWindow" contexts: lupdate files these strings with the window's, as before.
translate = QCoreApplication.translate


def _action(window: MainWindow, text: str, slot, shortcut=None, tip: str = "", icon=None) -> QAction:
    a = QAction(text, window)
    if icon is not None:
        a.setIcon(window.style().standardIcon(icon))
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    if tip:
        a.setStatusTip(tip)
        a.setToolTip(tip)
    a.triggered.connect(slot)
    return a


def build_actions(window: MainWindow) -> None:
    """The window's actions (as its attributes, e.g. `window.export_action`), menus and toolbar."""
    act = partial(_action, window)
    SP = QStyle.StandardPixmap
    window.new_action = act(translate("MainWindow", "&New"), window.new_project, "Ctrl+N",
                            translate("MainWindow", "Start a new briefing"), SP.SP_FileIcon)
    window.open_action = act(translate("MainWindow", "&Open…"), window.open_dialog, "Ctrl+O",
                             translate("MainWindow", "Open a saved briefing project (.briefing)"), SP.SP_DirOpenIcon)
    window.open_sample_project_action = act(
        translate("MainWindow", "Open Sa&mple Project"), window.open_sample_project, None,
        translate("MainWindow", "Open the sample project over the sample survey workbook"))
    window.recent_menu = QMenu(translate("MainWindow", "Open &Recent"), window)
    window.recent_menu.aboutToShow.connect(window._fill_recent_menu)
    window.save_action = act(translate("MainWindow", "&Save"), lambda: window.save_project(), "Ctrl+S",
                             translate("MainWindow", "Save the briefing project"), SP.SP_DialogSaveButton)
    window.save_as_action = act(translate("MainWindow", "Save &As…"), lambda: window.save_project(ask=True),
                                "Ctrl+Shift+S", translate("MainWindow", "Save the project under another name"))
    window.import_action = act(
        translate("MainWindow", "&Import Workbooks…"), window.import_dialog, "Ctrl+I",
        translate("MainWindow", "Add workbooks ({0}) to the briefing").format(", ".join(filetypes.READABLE)),
        SP.SP_FileDialogNewFolder)
    window.replace_action = act(
        translate("MainWindow", "Re&place Data…"), window.replace_data_dialog, "Ctrl+Shift+I",
        translate("MainWindow", "Re-run this briefing on new workbooks (next quarter's survey)"))
    window.remove_action = act(translate("MainWindow", "&Remove File"), window.remove_selected_file, "Del",
                               translate("MainWindow", "Remove the selected file from the briefing's sources"))
    window.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.sources_panel.tree.addAction(window.remove_action)
    window.table_themes_action = act(translate("MainWindow", "&Themes of This Table…"), window.table_themes_dialog,
                                     None, translate("MainWindow", "Choose the themes of the selected table yourself"))
    window.sources_panel.tree.addAction(window.table_themes_action)
    window.sources_panel.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    window.export_action = act(translate("MainWindow", "&Export PDF…"), window.build_pdf, "Ctrl+E",
                               translate("MainWindow", "Write the briefing as a PDF file"), SP.SP_DialogSaveButton)
    window.build_action = window.export_action
    window.export_data_action = act(translate("MainWindow", "Export &Data…"), window.export_data_dialog, None,
                                    translate("MainWindow", "Write every table the briefing uses to an Excel workbook"))
    window.open_pdf_action = act(translate("MainWindow", "Open in &Viewer"), window.open_last_pdf, "Ctrl+Shift+E",
                                 translate("MainWindow", "Open the PDF in the system's PDF viewer"))
    window.open_pdf_action.setEnabled(False)
    window.quit_action = act(translate("MainWindow", "&Quit"), window.close, "Ctrl+Q")
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    # The session's own undo stack; the window words these actions after each step (_update_modified).
    window.undo_action = act(translate("MainWindow", "&Undo"), lambda: window.session.undo(), "Ctrl+Z")
    window.redo_action = act(translate("MainWindow", "&Redo"), lambda: window.session.redo())
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

    preview = window.preview_panel
    window.zoom_in_action = act(translate("MainWindow", "Zoom &In"), lambda: preview.zoom_step(+1), "Ctrl++")
    window.zoom_out_action = act(translate("MainWindow", "Zoom &Out"), lambda: preview.zoom_step(-1), "Ctrl+-")
    window.fit_width_action = act(translate("MainWindow", "Fit &Width"), lambda: preview.set_zoom("width"), "Ctrl+0")
    window.next_page_action = act(translate("MainWindow", "&Next Page"), preview.next_page, "Ctrl+PgDown")
    window.prev_page_action = act(translate("MainWindow", "&Previous Page"), preview.previous_page, "Ctrl+PgUp")
    window.refresh_action = act(translate("MainWindow", "&Refresh Preview"), window.refresh_preview, "F5")

    window.about_action = act(translate("MainWindow", "&About Briefing"), window.show_about)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    bar = window.menuBar()
    m = bar.addMenu(translate("MainWindow", "&File"))
    for a in (window.new_action, window.open_action, window.open_sample_project_action):
        m.addAction(a)
    m.addMenu(window.recent_menu)
    m.addSeparator()
    for a in (window.save_action, window.save_as_action):
        m.addAction(a)
    m.addSeparator()
    for a in (window.import_action, window.replace_action, window.remove_action):
        m.addAction(a)
    m.addSeparator()
    m.addAction(window.export_action)
    m.addAction(window.export_data_action)
    m.addAction(window.open_pdf_action)
    m.addSeparator()
    m.addAction(window.quit_action)
    window.file_menu = m
    m = bar.addMenu(translate("MainWindow", "&Edit"))
    m.addAction(window.undo_action)
    m.addAction(window.redo_action)
    window.edit_menu = m
    m = bar.addMenu(translate("MainWindow", "&View"))
    for a in (window.zoom_in_action, window.zoom_out_action, window.fit_width_action):
        m.addAction(a)
    m.addSeparator()
    for a in (window.prev_page_action, window.next_page_action, window.refresh_action):
        m.addAction(a)
    m.addSeparator()
    window.language_menu = m.addMenu(translate("MainWindow", "Interface &Language"))
    window.appearance_menu = m.addMenu(translate("MainWindow", "&Appearance"))
    window.language_actions = _choice_menu(
        window, window.language_menu, "ui/language",
        (("system", translate("MainWindow", "System")), ("en", "English"), ("zh", "中文")), window.set_ui_language)
    window.appearance_actions = _choice_menu(
        window, window.appearance_menu, "ui/appearance",
        (("system", translate("MainWindow", "System")), ("light", translate("MainWindow", "Light")),
         ("dark", translate("MainWindow", "Dark"))), window.set_appearance)
    window.view_menu = m
    m = bar.addMenu(translate("MainWindow", "&Help"))
    m.addAction(window.about_action)

    tb = window.addToolBar(translate("MainWindow", "Main"))
    tb.setObjectName("main-toolbar")
    tb.setMovable(False)
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for a in (window.open_action, window.save_action, window.import_action, window.export_action):
        tb.addAction(a)
    window.preview_panel.open_button.setDefaultAction(window.open_pdf_action)


def _choice_menu(window: MainWindow, menu: QMenu, key: str, choices, slot) -> dict[str, QAction]:
    group = QActionGroup(window)
    current = str(window.settings.value(key, "system"))
    actions = {}
    for code, label in choices:
        a = menu.addAction(label)
        a.setCheckable(True)
        a.setChecked(code == current)
        a.triggered.connect(lambda _=False, c=code: slot(c))
        group.addAction(a)
        actions[code] = a
    return actions
