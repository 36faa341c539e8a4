"""Re-take the README screenshots from the real app on a virtual X display.

Run:  xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python docs/take_screenshots.py

Writes docs/screenshot-main.png (the window on the sample survey, a finding being edited),
docs/screenshot-preview.png (the live preview on a theme section) and
docs/screenshot-zh-dark.png (the interface in Chinese with the dark palette).
Each is grabbed from the X screen (QScreen.grabWindow), as the user would see it.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DOCS = REPO / "docs"


def main() -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from briefing.ui.app import apply_palette, application, create_window, install_translations

    mode = sys.argv[1] if len(sys.argv) > 1 else "all"
    app = application([])
    if app.platformName() != "xcb":
        print("run me under xvfb-run (see the docstring): screenshots need a real X display", file=sys.stderr)
        return 2
    dark = mode == "zh-dark"
    apply_palette(app, "dark" if dark else "light")
    if dark:
        install_translations(app, "zh")
    tmp = Path(tempfile.mkdtemp(prefix="briefing-shots-"))
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    w = create_window(settings=settings, data_dir=tmp, restore=False)
    w.setGeometry(0, 0, 1440, 900)

    def settle(cond, timeout=60.0):
        end = time.time() + timeout
        while not cond() and time.time() < end:
            app.processEvents()
            time.sleep(0.02)
        for _ in range(30):          # let the preview draw its pages (in its renderer thread)
            app.processEvents()
            time.sleep(0.03)

    def idle():
        return (w.task is None and w.preview_task is None and not w._preview_timer.isActive()
                and w.preview_panel.page_count_value() > 0)

    def grab(name: str) -> None:
        screen = QApplication.primaryScreen()
        pix = screen.grabWindow(0, w.x(), w.y(), w.frameGeometry().width(), w.frameGeometry().height())
        pix.save(str(DOCS / name))
        print("wrote", DOCS / name, pix.width(), "x", pix.height())

    settle(idle)
    w.briefing_panel.author.setText("Strategy team")
    w.briefing_panel.classification.setCurrentText("Internal")
    if dark:
        w.briefing_panel.set_lang("zh")
        settle(idle)
        w.tabs.setCurrentWidget(w.themes_panel)
        w.preview_panel.go_to_page(3)
        settle(idle)
        grab("screenshot-zh-dark.png")
        w.close()
        return 0

    # Main window: the findings editor with one sentence reworded, the preview on that section.
    w.tabs.setCurrentWidget(w.findings_panel)
    key = next(k for k in w.findings_panel.keys() if k.startswith("adoption|"))
    w.findings_panel.select(key)
    w.findings_panel.editor.setPlainText(
        "More than 80% of Chinese business leaders already use generative AI, "
        "26 points above the global average of 54%.")
    settle(idle)
    w.preview_panel.go_to_page(2)      # the GenAI adoption section, with the edited sentence
    settle(idle)
    grab("screenshot-main.png")

    # The preview: themes tab, a wider preview pane at 100%.
    w.tabs.setCurrentWidget(w.themes_panel)
    w.splitter.setSizes([330, 330, 780])
    w.preview_panel.set_zoom(1.0)
    w.preview_panel.go_to_page(4)
    settle(idle)
    grab("screenshot-preview.png")
    w.close()
    return 0


if __name__ == "__main__":
    code = main()
    if code == 0 and len(sys.argv) == 1:
        # The dark Chinese one in a fresh process (palette and translator are process-wide).
        import subprocess
        code = subprocess.call([sys.executable, __file__, "zh-dark"])
    sys.exit(code)
