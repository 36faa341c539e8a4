"""The About box's text: versions, and the fonts embedded in the PDFs with their licences."""
from __future__ import annotations

import html
import platform
from importlib.metadata import version

import PySide6
from PySide6.QtCore import qVersion

import briefing
from briefing.paths import fonts_dir


def about_html() -> str:
    """The About box of this installation."""
    # ReportLab's version from its package metadata: only render/ imports ReportLab.
    return about_text(briefing.__version__, qVersion(), PySide6.__version__, version("reportlab"))


def about_text(version: str, qt: str, pyside: str, reportlab: str) -> str:
    """Versions, and each embedded font with its licence (from resources/fonts/README.md)."""
    fonts = []
    readme = fonts_dir() / "README.md"
    if readme.exists():
        for line in readme.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if line.startswith("|") and len(cells) >= 4 and not set(cells[0]) <= set("-: ") and cells[0] != "File":
                font, licence = cells[1], cells[3].split(", see")[0]
                files = cells[0].replace("`", "")
                fonts.append(f"<li><b>{html.escape(font)}</b><br>{html.escape(licence)}"
                             f"<br><small>{html.escape(files)}</small></li>")
    return (f"<h3>Briefing {version}</h3>"
            "<p>Survey workbooks in, traceable PDF briefings out. Works offline.</p>"
            f"<p>Qt {qt} · PySide6 {pyside} · ReportLab {reportlab} · Python {_python()}</p>"
            "<p><b>Fonts embedded in the PDFs</b></p><ul>" + "".join(fonts) + "</ul>"
            "<p><small>The licence texts are in the resources/fonts folder.</small></p>")


def _python() -> str:
    return platform.python_version()
