"""The live preview: the built PDF drawn by PDFium in a continuous page view, with page navigation and zoom."""
from __future__ import annotations

import atexit
import threading
import weakref
from bisect import bisect_right
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, QRect, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea, QComboBox, QHBoxLayout, QLabel, QSpinBox, QStackedLayout, QStyle, QToolButton,
    QVBoxLayout, QWidget,
)

from briefing.ui.pdf_pages import PdfError, PdfPages

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
SPACING = 12                       # px between pages and around them
CACHE_BYTES = 192 * 1024 * 1024    # drawn pages kept: about ten A4 pages at 2x on a HiDPI screen
SETTLE_MS = 150                    # after a resize, pages are drawn afresh once the size holds this long


class _Renderer(QObject):
    """One worker thread drawing pages with PDFium, newest wishes first; results come back to the GUI
    thread through a queued signal. The GUI thread only ever hands it a list and never waits for it."""

    rendered = Signal(int, int, int, QImage)    # generation, page, pixel width, image

    _live: weakref.WeakSet = weakref.WeakSet()

    def __init__(self):
        super().__init__()
        self._cond = threading.Condition()
        self._jobs: list[tuple[PdfPages, int, int, int]] = []
        self._busy: tuple | None = None
        self._gen = 0
        self._stop = False
        self._thread: threading.Thread | None = None
        _Renderer._live.add(self)

    def want(self, pages: PdfPages, gen: int, keys: list[tuple[int, int]]) -> None:
        """Draw these (page, pixel width) next, in this order, instead of whatever was asked before."""
        with self._cond:
            if self._stop:
                return
            self._gen = gen
            self._jobs = [(pages, gen, p, w) for p, w in keys if (gen, p, w) != self._busy]
            if self._thread is None and self._jobs:
                self._thread = threading.Thread(target=self._run, name="preview-render", daemon=True)
                self._thread.start()
            self._cond.notify()

    def busy(self) -> bool:
        with self._cond:
            return bool(self._jobs) or self._busy is not None

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the band being drawn and wait for the thread (no PDFium call may outlive Qt)."""
        with self._cond:
            self._stop = True
            self._jobs = []
            self._cond.notify()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._jobs and not self._stop:
                    self._cond.wait()
                if self._stop:
                    self._busy = None
                    return
                pages, gen, page, width = self._jobs.pop(0)
                self._busy = (gen, page, width)
            try:
                image = pages.render(page, width, lambda: self._stop or self._gen != gen)
            except Exception:      # noqa: BLE001 - a page PDFium cannot draw stays white, the others show
                image = QImage()
            with self._cond:
                self._busy = None
                if image is None or self._stop:
                    continue
            self.rendered.emit(gen, page, width, image)


@atexit.register
def _stop_renderers() -> None:
    for r in list(_Renderer._live):
        r.stop()


class PageView(QAbstractScrollArea):
    """Every page of a PdfPages one under another, drawn as they scroll into view."""

    current_page_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Always there: a bar that came and went would change the width that fit-width lays out
        # for, and could make it come and go again.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setBackgroundRole(QPalette.ColorRole.Mid)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Mid)
        self.viewport().setAutoFillBackground(True)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())
        self.pages: PdfPages | None = None
        self.gen = 0
        self.mode = "width"          # "width", "page" or "custom"
        self.factor = 1.0            # the custom zoom (1.0 = 100%)
        self.current = 0
        self._rects: list[QRect] = []
        self._tops: list[int] = []
        self._size = (0, 0)
        self._scale = 1.0            # logical px per point
        self._cache: OrderedDict[tuple[int, int], QImage] = OrderedDict()
        self._stale: dict[int, QImage] = {}    # the previous PDF's pages, shown until this one's arrive
        self._sent: list[tuple[int, int]] = []
        self._moving = False
        self._settling = QTimer(self)
        self._settling.setSingleShot(True)
        self._settling.setInterval(SETTLE_MS)
        self._settling.timeout.connect(self.viewport().update)
        self.renderer = _Renderer()
        self.renderer.rendered.connect(self._on_rendered)

    # -- the document --------------------------------------------------------------------------

    def set_pages(self, pages: PdfPages | None) -> None:
        """Show `pages` (None: nothing) at the page and spot shown before; the old PDF is closed."""
        anchor = self._anchor() if self.pages is not None else None
        old = self.pages
        self.pages = pages
        self.gen += 1
        if pages is not None and old is not None:
            self._stale = {p: img for (p, _w), img in self._cache.items() if not img.isNull()}
        else:
            self._stale = {}
        self._cache.clear()
        self._sent = []
        if old is not None:
            old.close()
        self.current = 0
        self._layout()
        if pages is not None and anchor is not None:
            page, dy, x = anchor
            if page < pages.count:
                self._restore((page, dy, x))
            else:
                self._restore((pages.count - 1, 0.0, x))
        else:
            self.verticalScrollBar().setValue(0)
            self.horizontalScrollBar().setValue(0)
        # Start drawing now, not at the next paint: the window has more to do before it paints.
        self._request()
        self.viewport().update()
        self.current_page_changed.emit(self.current)

    def shutdown(self) -> None:
        self.renderer.stop()
        if self.pages is not None:
            self.pages.close()
        self.pages = None
        self._cache.clear()
        self._stale = {}

    # -- geometry ------------------------------------------------------------------------------

    def resolution(self) -> float:
        """Logical pixels per point at 100%."""
        return self.logicalDpiY() / 72.0

    def fit_scale(self, mode: str) -> float:
        if self.pages is None:
            return self.resolution()
        w_pt = max(w for w, _h in self.pages.sizes)
        vw = max(1, self.viewport().width() - 2 * SPACING)
        if mode == "width":
            return vw / w_pt
        h_pt = max(h for _w, h in self.pages.sizes)
        vh = max(1, self.viewport().height() - 2 * SPACING)
        return min(vw / w_pt, vh / h_pt)

    def zoom_factor(self) -> float:
        if self.mode == "custom":
            return self.factor
        return self.fit_scale(self.mode) / self.resolution()

    def set_mode(self, mode: str, factor: float | None = None) -> None:
        anchor = self._anchor()
        self.mode = mode
        if factor is not None:
            self.factor = factor
        self._layout()
        self._restore(anchor)

    def page_rect(self, page: int) -> QRect:
        """Where page `page` is drawn, in viewport coordinates."""
        return self._rects[page].translated(self._origin())

    def _origin(self) -> QPoint:
        dx = max(0, (self.viewport().width() - self._size[0]) // 2) - self.horizontalScrollBar().value()
        return QPoint(dx, -self.verticalScrollBar().value())

    def _layout(self) -> None:
        self._rects, self._tops = [], []
        if self.pages is None:
            self._size = (0, 0)
            self._ranges()
            return
        s = self.factor * self.resolution() if self.mode == "custom" else self.fit_scale(self.mode)
        self._scale = s
        dims = [(max(1, round(w * s)), max(1, round(h * s))) for w, h in self.pages.sizes]
        content = max(w for w, _h in dims)
        y = SPACING
        for w, h in dims:
            self._rects.append(QRect(SPACING + (content - w) // 2, y, w, h))
            self._tops.append(y)
            y += h + SPACING
        self._size = (content + 2 * SPACING, y)
        self._ranges()

    def _ranges(self) -> None:
        vp = self.viewport()
        self._moving = True
        try:
            v, h = self.verticalScrollBar(), self.horizontalScrollBar()
            v.setRange(0, max(0, self._size[1] - vp.height()))
            v.setPageStep(vp.height())
            v.setSingleStep(24)
            h.setRange(0, max(0, self._size[0] - vp.width()))
            h.setPageStep(vp.width())
            h.setSingleStep(24)
        finally:
            self._moving = False
        self.viewport().update()

    def _anchor(self) -> tuple[int, float, float]:
        """The current page and the spot at the top of the view on it, in points (so it survives a
        zoom or a new PDF), with the horizontal scroll as a fraction."""
        if not self._rects:
            return (self.current, 0.0, 0.0)
        page = min(self.current, len(self._rects) - 1)
        dy = (self.verticalScrollBar().value() - (self._tops[page] - SPACING)) / self._scale
        h = self.horizontalScrollBar()
        return (page, dy, h.value() / h.maximum() if h.maximum() else 0.0)

    def _restore(self, anchor: tuple[int, float, float]) -> None:
        page, dy, x = anchor
        if not self._rects:
            return
        page = max(0, min(page, len(self._rects) - 1))
        self._moving = True
        try:
            self.verticalScrollBar().setValue(round(self._tops[page] - SPACING + dy * self._scale))
            h = self.horizontalScrollBar()
            h.setValue(round(x * h.maximum()))
        finally:
            self._moving = False
        self.current = page
        self.viewport().update()

    def go_to(self, page: int) -> None:
        self._restore((page, 0.0, self._anchor()[2]))
        self.current_page_changed.emit(self.current)

    def _visible(self) -> range:
        """Pages overlapping the viewport."""
        if not self._rects:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect_right(self._tops, top) - 1)
        if self._rects[first].bottom() + SPACING < top:
            first += 1
        last = max(first, bisect_right(self._tops, bottom) - 1)
        return range(first, min(last, len(self._rects) - 1) + 1)

    @Slot(int)
    def _on_scrolled(self, _value: int) -> None:
        self.viewport().update()
        if self._moving or not self._rects:
            return
        # The page that fills most of the view is the one being read (the first of equals).
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        best, area = self.current, -1
        for p in self._visible():
            r = self._rects[p]
            shown = min(r.bottom() + 1, bottom) - max(r.top(), top)
            if shown > area:
                best, area = p, shown
        if best != self.current:
            self.current = best
            self.current_page_changed.emit(best)

    # -- drawing -------------------------------------------------------------------------------

    def pixel_width(self, page: int) -> int:
        return max(1, round(self._rects[page].width() * self.viewport().devicePixelRatioF()))

    def missing(self) -> list[tuple[int, int]]:
        """The (page, pixel width) still to draw: the pages in view, then one either side."""
        vis = self._visible()
        if not len(vis):
            return []
        order = list(vis) + [p for p in (vis.stop, vis.start - 1) if 0 <= p < len(self._rects)]
        keys = [(p, self.pixel_width(p)) for p in order]
        return [k for k in keys if k not in self._cache]

    def rendered(self) -> bool:
        """Every page in view is drawn at the current size."""
        return self.pages is not None and not any(p in self._visible() for p, _w in self.missing())

    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Mid))
        if self.pages is None:
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        origin = self._origin()
        white = QColor(Qt.GlobalColor.white)
        for p in self._visible():
            target = self._rects[p].translated(origin)
            img = self._cache.get((p, self.pixel_width(p)))
            if img is not None:
                self._cache.move_to_end((p, self.pixel_width(p)))
                if img.isNull():      # PDFium could not draw it: blank, never the old PDF's page
                    painter.fillRect(target, white)
                    continue
            else:
                img = self._fallback(p)
                painter.fillRect(target, white)
            if img is not None:
                painter.drawImage(QRectF(target), img)
        painter.end()
        self._request()

    def _fallback(self, page: int) -> QImage | None:
        """A drawing of `page` at another size (or of the previous PDF), to scale meanwhile."""
        img = next((im for (q, _w), im in reversed(self._cache.items()) if q == page and not im.isNull()), None)
        return img if img is not None else self._stale.get(page)

    def _request(self) -> None:
        keys = self.missing()
        if self._settling.isActive():
            # While a splitter is dragged the width changes every few pixels: a page drawn at
            # another size is scaled meanwhile, and drawn afresh once the size settles.
            keys = [k for k in keys if self._fallback(k[0]) is None]
        if keys != self._sent and self.pages is not None:
            self._sent = keys
            self.renderer.want(self.pages, self.gen, keys)

    @Slot(int, int, int, QImage)
    def _on_rendered(self, gen: int, page: int, width: int, image: QImage) -> None:
        if gen != self.gen or self.pages is None:
            return
        self._cache[(page, width)] = image
        self._sent = [k for k in self._sent if k != (page, width)]
        self._evict()
        if self._stale and all(p not in self._stale or (p, self.pixel_width(p)) in self._cache
                               for p in self._visible()):
            self._stale = {}
        if page in self._visible():
            self.viewport().update(self.page_rect(page).adjusted(-1, -1, 1, 1))

    def _evict(self) -> None:
        keep = {(p, self.pixel_width(p)) for p in self._visible()}
        total = sum(im.sizeInBytes() for im in self._cache.values())
        for key in list(self._cache):
            if total <= CACHE_BYTES:
                break
            if key not in keep:
                total -= self._cache.pop(key).sizeInBytes()

    # -- events --------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        anchor = self._anchor()
        super().resizeEvent(event)
        if self._rects and event.oldSize().width() > 0:
            self._settling.start()
        self._layout()
        self._restore(anchor)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        step = {Qt.Key.Key_PageDown: +1, Qt.Key.Key_PageUp: -1}.get(key)
        if step is not None and self.pages is not None:
            self.go_to(self.current + step)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End) and self.pages is not None:
            self.go_to(0 if key == Qt.Key.Key_Home else self.pages.count - 1)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.parent_panel().zoom_step(+1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def parent_panel(self) -> "PreviewPanel":
        w = self.parentWidget()
        while w is not None and not isinstance(w, PreviewPanel):
            w = w.parentWidget()
        return w


class PreviewPanel(QWidget):
    """Shows one PDF at a time; loading the next keeps the page (and zoom) in view."""

    shown = Signal(str)   # path of the PDF now shown

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = PageView()
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
        # An explicit minimum: with its text's width as the minimum, "Updating…" and "11 pages"
        # resized the whole panel (and redrew every page) at each preview build.
        self.status.setMinimumWidth(1)
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
        self.view.current_page_changed.connect(self._on_page)
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
        """Load `path`, staying on the page (and the spot on it) the user was reading. The file is
        read whole at once: the next build may replace it while it is shown."""
        try:
            pages = PdfPages(Path(path).read_bytes())
        except (OSError, PdfError):
            self.view.set_pages(None)
            self.path = None
            self.placeholder.setText(self.tr("Could not show the preview"))
            self.stack.setCurrentWidget(self.placeholder)
            self.status.setText(self.tr("Could not show the preview"))
            self._update_controls()
            return False
        self.path = Path(path)
        self.stack.setCurrentWidget(self.view)
        self.view.set_pages(pages)
        self._update_controls()
        self.shown.emit(str(path))
        return True

    def clear(self, message: str = "") -> None:
        self.view.set_pages(None)
        self.path = None
        if message:
            self.placeholder.setText(message)
        self.stack.setCurrentWidget(self.placeholder)
        self._update_controls()

    def shutdown(self) -> None:
        """Stop the page renderer (waiting for the page it is drawing) and let the PDF go."""
        self.view.shutdown()
        self.path = None

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def page_text(self, page: int) -> str:
        """The text of page `page` of the PDF shown, as PDFium reads it."""
        pages = self.view.pages
        return pages.text(page) if pages is not None and 0 <= page < pages.count else ""

    def rendered(self) -> bool:
        """The pages in view are drawn (not white placeholders)."""
        return self.view.rendered()

    # -- navigation and zoom -------------------------------------------------------------------

    def current_page(self) -> int:
        return self.view.current if self.view.pages is not None else 0

    def page_count_value(self) -> int:
        return self.view.pages.count if self.view.pages is not None else 0

    @Slot()
    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    @Slot()
    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def go_to_page(self, page: int) -> None:
        n = self.page_count_value()
        if not n:
            return
        page = max(0, min(page, n - 1))
        if page != self.view.current:
            self.view.go_to(page)
        self._update_controls()

    def set_zoom(self, zoom) -> None:
        """"width", "page" or a factor (1.0 = 100%)."""
        if zoom in ("width", "page"):
            self.view.set_mode(zoom)
        else:
            self.view.set_mode("custom", float(zoom))
        i = self.zoom_box.findData(zoom)
        self.zoom_box.setCurrentIndex(i if i >= 0 else self.zoom_box.currentIndex())
        if i < 0:
            self.zoom_box.setItemText(self.zoom_box.currentIndex(), f"{int(float(zoom) * 100)}%")

    def zoom_factor(self) -> float:
        return self.view.zoom_factor()

    def zoom_step(self, step: int) -> None:
        current = self.view.zoom_factor()
        if step > 0:
            target = next((z for z in ZOOMS if z > current + 0.01), ZOOMS[-1])
        else:
            target = next((z for z in reversed(ZOOMS) if z < current - 0.01), ZOOMS[0])
        self.set_zoom(target)

    @Slot(int)
    def _on_zoom_box(self, index: int) -> None:
        self.set_zoom(self.zoom_box.itemData(index))

    @Slot(int)
    def _on_page(self, _page: int) -> None:
        self._update_controls()

    def _update_controls(self) -> None:
        n = self.page_count_value()
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
