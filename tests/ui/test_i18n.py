"""The window in Chinese (Qt translations), and the light and dark palettes."""
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from briefing.paths import resource
from briefing.ui.app import apply_palette, install_translations, ui_language


@pytest.fixture
def chinese(qapp):
    assert install_translations(qapp, "zh")
    yield
    install_translations(qapp, "en")


def test_every_string_is_translated():
    tree = ET.parse(resource("i18n", "briefing_zh_CN.ts"))
    untranslated = [m.find("source").text for m in tree.iter("message")
                    if not (m.find("translation").text or "").strip()
                    or m.find("translation").get("type") in ("unfinished", "obsolete")]
    assert untranslated == []
    assert resource("i18n", "briefing_zh_CN.qm").stat().st_mtime >= 0


def test_window_in_chinese(chinese, make_window):
    w = make_window()
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    assert w.export_action.text() == "导出 PDF(&E)…"
    assert w.tabs.tabText(0) == "主题"
    assert QCoreApplication.translate("MainWindow", "Untitled") == "未命名"


def test_undo_wording_in_chinese(chinese):
    from briefing.project import Project
    from briefing.ui.commands import describe
    before = Project(themes=("adoption", "chips"))
    after = Project(themes=("chips", "adoption"))
    assert describe(before, after)[0] == "调整主题顺序"


def test_language_setting_and_fallback(tmp_path, qapp):
    s = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    s.setValue("ui/language", "zh")
    assert ui_language(s) == "zh"
    s.setValue("ui/language", "en")
    assert ui_language(s) == "en"
    assert not install_translations(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_dark_and_light_palettes(qapp):
    before = qapp.palette()
    try:
        assert apply_palette(qapp, "dark") == "dark"
        window = qapp.palette().color(QPalette.ColorRole.Window)
        text = qapp.palette().color(QPalette.ColorRole.WindowText)
        assert window.lightness() < 80 < text.lightness()
        assert apply_palette(qapp, "light") == "light"
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 150
    finally:
        qapp.setPalette(before)


def test_view_menu_language_and_appearance(make_window, settings, qapp):
    w = make_window()
    before = qapp.palette()
    try:
        w.appearance_actions["dark"].trigger()
        assert settings.value("ui/appearance") == "dark"
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
        w.language_actions["zh"].trigger()
        assert settings.value("ui/language") == "zh"
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        w.language_actions["en"].trigger()
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    finally:
        install_translations(qapp, "en")
        qapp.setPalette(before)


def test_switching_the_language_retranslates_the_open_window(window, qtbot, settings, qapp):
    """Papercut 8: menus, tab and panel titles, buttons and the undo wording change at once, and
    the briefing shown (edits, ticks, undo steps, preview) is the same."""
    from ui_helpers import wait_preview
    wait_preview(qtbot, window)
    window.briefing_panel.author.setText("Ana")
    key = window.findings_panel.keys()[0]
    window.set_edit(key, "My sentence.")
    choices, pages = window.choices(), window.preview_panel.page_count_value()
    try:
        window.language_actions["zh"].trigger()
        assert settings.value("ui/language") == "zh"
        assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
        assert window.export_action.text() == "导出 PDF(&E)…"
        assert window.tabs.tabText(0) == "主题"
        assert window.briefing_panel.build_button.text() == "导出 PDF(&E)…"
        assert window.themes_panel.heading.text().startswith("<b>主题</b>")
        assert window.undo_action.text().startswith("撤销 编辑") and window.undo_action.isEnabled()
        assert window.language_actions["zh"].isChecked()
        # One action per shortcut: the old menus' actions are gone, not hidden.
        from PySide6.QtGui import QAction, QKeySequence
        saves = [a for a in window.findChildren(QAction)
                 if a.shortcut() == QKeySequence("Ctrl+S") and not a.objectName().startswith("_q")]
        qtbot.waitUntil(lambda: len([a for a in saves if not _deleted(a)]) == 1)
        # The same briefing, shown by the new panels.
        assert window.choices() == choices
        assert window.briefing_panel.author.text() == "Ana"
        assert window.findings_panel.state_of(key) == "edited"
        assert window.preview_panel.page_count_value() == pages
        window.session.undo()
        assert window.session.edits == {} and window.choices() != choices
        window.language_actions["en"].trigger()
        assert window.menuBar().actions()[0].text() == "&File" and window.tabs.tabText(0) == "Themes"
        assert window.redo_action.text() == "&Redo Edit finding"
    finally:
        install_translations(qapp, "en")


def _deleted(obj) -> bool:
    import shiboken6
    return not shiboken6.isValid(obj)
