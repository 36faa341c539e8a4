"""The live preview: the built PDF in a QPdfView, with page navigation and zoom."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QSpinBox, QStackedLayout, QStyle, QToolButton, QVBoxLayout, QWidget,
)

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class PreviewPanel(QWidget):
    """Shows one PDF at a time; loading the next keeps the page (and zoom) in view."""

    shown = Signal(str)   # path of the PDF now shown

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setBackgroundRole(QPalette.ColorRole.Mid)
        self.view.setAutoFillBackground(True)
        self.placeholder = QLabel(self.tr("The preview appears here once the data is imported and a theme is ticked."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)

        style = self.style()
        self.prev_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp),
                                      self.tr("Previous page (Page Up)"), self.previous_page)
        self.next_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
                                      self.tr("Next page (Page Down)"), self.next_page)
        self.page_box = QSpinBox()
        self.page_box.setRange(1, 1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setToolTip(self.tr("Go to page"))
        self.page_box.valueChanged.connect(lambda v: self.go_to_page(v - 1))
        self.page_count = QLabel(self.tr("of {0}").format(0))
        self.zoom_out_button = self._tool(None, self.tr("Zoom out (Ctrl+-)"), lambda: self.zoom_step(-1), "−")
        self.zoom_box = QComboBox()
        self.zoom_box.setToolTip(self.tr("Zoom"))
        self.zoom_box.addItem(self.tr("Fit width"), "width")
        self.zoom_box.addItem(self.tr("Fit page"), "page")
        for z in ZOOMS:
            self.zoom_box.addItem(f"{int(z * 100)}%", z)
        self.zoom_box.activated.connect(self._on_zoom_box)
        self.zoom_in_button = self._tool(None, self.tr("Zoom in (Ctrl++)"), lambda: self.zoom_step(+1), "+")
        self.status = QLabel()
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.open_button = QToolButton()   # the window gives it its "Open in viewer" action

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(self.tr("<b>Preview</b>")))
        bar.addSpacing(8)
        for w in (self.prev_button, self.next_button, self.page_box, self.page_count):
            bar.addWidget(w)
        bar.addSpacing(8)
        for w in (self.zoom_out_button, self.zoom_box, self.zoom_in_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(self.stack, 1)

        self.path: Path | None = None
        self.view.pageNavigator().currentPageChanged.connect(self._on_page)
        self._update_controls()

    def _tool(self, icon, tip: str, slot, text: str = "") -> QToolButton:
        b = QToolButton()
        if icon is not None:
            b.setIcon(icon)
        if text:
            b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    # -- showing a PDF -------------------------------------------------------------------------

    def show_pdf(self, path: str | Path) -> bool:
        """Load `path`, staying on the page (and the spot on it) the user was reading."""
        nav = self.view.pageNavigator()
        had = self.document.pageCount() > 0
        page, where = nav.currentPage(), nav.currentLocation()
        self.document.load(str(path))
        if self.document.status() != QPdfDocument.Status.Ready:
            self.status.setText(self.tr("Could not show the preview"))
            return False
        self.path = Path(path)
        self.stack.setCurrentWidget(self.view)
        n = self.document.pageCount()
        if had and n:
            nav.jump(min(page, n - 1), where if page < n else QPointF(), nav.currentZoom())
        self._update_controls()
        self.shown.emit(str(path))
        return True

    def clear(self, message: str = "") -> None:
        self.document.close()
        self.path = None
        if message:
            self.placeholder.setText(message)
        self.stack.setCurrentWidget(self.placeholder)
        self._update_controls()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    # -- navigation and zoom -------------------------------------------------------------------

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def page_count_value(self) -> int:
        return self.document.pageCount()

    @Slot()
    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    @Slot()
    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def go_to_page(self, page: int) -> None:
        n = self.document.pageCount()
        if not n:
            return
        page = max(0, min(page, n - 1))
        nav = self.view.pageNavigator()
        if page != nav.currentPage():
            nav.jump(page, QPointF(), nav.currentZoom())
        self._update_controls()

    def set_zoom(self, zoom) -> None:
        """"width", "page" or a factor (1.0 = 100%)."""
        if zoom == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif zoom == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(zoom))
        i = self.zoom_box.findData(zoom)
        self.zoom_box.setCurrentIndex(i if i >= 0 else self.zoom_box.currentIndex())
        if i < 0:
            self.zoom_box.setItemText(self.zoom_box.currentIndex(), f"{int(float(zoom) * 100)}%")

    def zoom_factor(self) -> float:
        return self.view.zoomFactor()

    def zoom_step(self, step: int) -> None:
        current = self.view.zoomFactor() if self.view.zoomMode() == QPdfView.ZoomMode.Custom else self._fit_factor()
        if step > 0:
            target = next((z for z in ZOOMS if z > current + 0.01), ZOOMS[-1])
        else:
            target = next((z for z in reversed(ZOOMS) if z < current - 0.01), ZOOMS[0])
        self.set_zoom(target)

    def _fit_factor(self) -> float:
        if not self.document.pageCount():
            return 1.0
        width_pt = self.document.pagePointSize(0).width()
        px = width_pt / 72.0 * self.logicalDpiX()
        return max(0.1, (self.view.viewport().width() - 24) / px) if px else 1.0

    @Slot(int)
    def _on_zoom_box(self, index: int) -> None:
        self.set_zoom(self.zoom_box.itemData(index))

    @Slot(int)
    def _on_page(self, _page: int) -> None:
        self._update_controls()

    def _update_controls(self) -> None:
        n = self.document.pageCount()
        page = self.current_page() if n else 0
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(1, n))
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.page_box.setEnabled(n > 0)
        self.page_count.setText(self.tr("of {0}").format(n))
        self.prev_button.setEnabled(n > 0 and page > 0)
        self.next_button.setEnabled(n > 0 and page < n - 1)
        for w in (self.zoom_box, self.zoom_in_button, self.zoom_out_button):
            w.setEnabled(n > 0)
