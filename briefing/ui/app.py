"""Start the desktop app: QApplication (translations, palette, high-DPI), the main window, files to open."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTimer, QTranslator
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

import briefing
from briefing.ui.main_window import MainWindow, keep_out_of_collections

_translators: list[QTranslator] = []


def ui_language(settings: QSettings | None = None) -> str:
    """"en" or "zh": the setting `ui/language` ("system", "en", "zh"), else the system locale."""
    choice = str((settings or QSettings()).value("ui/language", "system"))
    if choice in ("en", "zh"):
        return choice
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_translations(app: QApplication, lang: str) -> bool:
    """Load the window's Chinese translation (resources/i18n) and Qt's own for its dialogs."""
    from briefing.paths import resource
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    if lang != "zh":
        return False
    ours = QTranslator(app)
    ok = ours.load(str(resource("i18n", "briefing_zh_CN.qm")))
    if ok:
        app.installTranslator(ours)
        _translators.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _translators.append(qt)
    return ok


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(28, 28, 31), QColor(56, 56, 60), QColor(230, 230, 230)
    disabled = QColor(130, 130, 135)
    for role, color in ((QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
                        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor(38, 38, 42)),
                        (QPalette.ColorRole.ToolTipBase, QColor(60, 60, 64)), (QPalette.ColorRole.ToolTipText, text),
                        (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, window),
                        (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.BrightText, QColor(255, 90, 90)),
                        (QPalette.ColorRole.Link, QColor(110, 170, 255)),
                        (QPalette.ColorRole.Highlight, QColor(42, 110, 200)),
                        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
                        (QPalette.ColorRole.PlaceholderText, QColor(150, 150, 155)),
                        (QPalette.ColorRole.Mid, QColor(70, 70, 75)), (QPalette.ColorRole.Dark, QColor(25, 25, 28))):
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def apply_palette(app: QApplication, appearance: str = "system") -> str:
    """"light", "dark" or "system" (follows the desktop's colour scheme). Returns the one applied."""
    scheme = QGuiApplication.styleHints().colorScheme()
    dark = appearance == "dark" or (appearance == "system" and scheme == Qt.ColorScheme.Dark)
    app.setStyle("Fusion")   # the same look everywhere, and one that honours the palette
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    return "dark" if dark else "light"


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named so settings and dialogs say "Briefing"."""
    app = QApplication.instance()
    # Each Qt call back into Python (a paint, a model's data()) takes the GIL again; with a build or
    # an import running in a worker thread every such take waited up to the default 5 ms switch
    # interval, so one repaint of the sources tree could stall the window 30 ms or more. At 1 ms the
    # longest stall importing a BTOS workbook fell from 133 to 83 ms (bench/bench_preview.py).
    sys.setswitchinterval(0.001)
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication([sys.argv[0] if sys.argv else "briefing", *(argv or [])])
    app.setApplicationName("Briefing")
    app.setApplicationDisplayName("Briefing")
    app.setOrganizationName("Briefing")
    app.setApplicationVersion(briefing.__version__)
    return app


def create_window(files: list[str] | None = None, *, settings: QSettings | None = None,
                  data_dir=None, restore: bool = True) -> MainWindow:
    """A shown window opening `files` (workbooks or one .briefing project); with none, the restore
    of a crashed session's autosave if the user wants it, else the embedded sample workbook."""
    from briefing import pipeline
    pipeline.start_readers()   # its imports run in their own process while the window is made
    window = MainWindow(settings=settings, data_dir=data_dir)
    if not settings or not settings.value("window/geometry"):
        screen = window.screen()
        if screen is not None:
            # Centred: without a window manager (kiosk, Xvfb) it would sit in the top-left corner.
            window.move(screen.availableGeometry().center() - window.rect().center())
    window.show()
    window.warm_up()   # the build's code and fonts load beside the first import below
    keep_out_of_collections()   # Qt's and Briefing's own long-lived objects: see main_window
    projects = [f for f in files or [] if f.endswith(".briefing")]
    workbooks = [f for f in files or [] if not f.endswith(".briefing")]
    if restore and window.offer_restore():
        return window
    if projects:
        window.open_project(projects[0])
    elif workbooks:
        window.import_files(workbooks)
    else:
        window.open_sample()
    return window


def run(argv: list[str] | None = None) -> int:
    app = application(list(argv or []))
    settings = QSettings()
    install_translations(app, ui_language(settings))
    appearance = str(settings.value("ui/appearance", "system"))
    apply_palette(app, appearance)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda *_: apply_palette(app, appearance))
    # Qt has removed its own options (-platform, -style, ...) from arguments(); the rest are files.
    files = [a for a in app.arguments()[1:] if not a.startswith("-")]
    missing = [f for f in files if not Path(f).exists()]
    window = create_window([f for f in files if f not in missing], settings=settings)
    if missing:
        window.show_error(window.tr("File not found"), "\n".join(f"{f}: no such file" for f in missing))
    _close_on_signals(window)
    return app.exec()


def _close_on_signals(window: MainWindow) -> None:
    """SIGTERM and Ctrl+C close the window cleanly (workers stopped, temp folders removed, unsaved
    work autosaved) instead of killing the process mid-write."""
    import signal

    def handler(signum, frame):
        QTimer.singleShot(0, window.terminate)

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, handler)
    # Python runs signal handlers only between bytecodes; a timer wakes it while Qt waits for events.
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(200)
