"""The preview's PDFium pages and view on a real built briefing, without the window: pixels drawn,
only the pages in view drawn and never on the GUI thread, zoom, navigation, reload, damage, close."""
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from briefing.ui import pdf_pages
from briefing.ui.pdf_pages import PdfError, PdfPages
from briefing.ui.preview_panel import PreviewPanel

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("preview") / "demo.pdf"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    subprocess.run([sys.executable, str(ROOT / "main.py"), "build", "--demo", "-o", str(out)],
                   env=env, check=True, capture_output=True, timeout=300)
    return out


@pytest.fixture
def panel(qtbot):
    p = PreviewPanel()
    qtbot.addWidget(p)
    p.resize(700, 800)
    p.show()
    qtbot.waitExposed(p)
    yield p
    p.shutdown()


def darkness(img, x0, y0, x1, y1) -> float:
    """Mean darkness (0 white .. 255 black) of a box of `img`, sampled every 3 pixels."""
    vals = [255 - img.pixelColor(x, y).lightness() for x in range(x0, x1, 3) for y in range(y0, y1, 3)]
    return sum(vals) / len(vals)


def test_a_page_is_drawn_with_text_darker_than_its_margins(demo_pdf):
    pages = PdfPages(demo_pdf.read_bytes())
    try:
        assert pages.count > 3
        w_pt, h_pt = pages.sizes[2]
        assert (round(w_pt), round(h_pt)) == (595, 842)       # A4
        img = pages.render(2, 600)
        assert img.width() == 600 and abs(img.height() - round(600 * h_pt / w_pt)) <= 1
        margin = round(600 * 0.05)      # the left margin of a briefing page is wider than 5%
        body = darkness(img, round(600 * 0.15), round(img.height() * 0.15), round(600 * 0.85), round(img.height() * 0.6))
        assert darkness(img, 0, 0, margin, img.height()) < 0.5         # white paper
        assert body > 2.0                                                # ink: text, rules, a chart
        # Band by band draws the same picture as one pass (anti-aliasing may differ by a level or two).
        old = pdf_pages.BAND_PIXELS
        pdf_pages.BAND_PIXELS = 600 * 37
        try:
            banded = pages.render(2, 600)
        finally:
            pdf_pages.BAND_PIXELS = old
        a, b = bytes(img.constBits()), bytes(banded.constBits())
        assert len(a) == len(b) and not [1 for x, y in zip(a, b) if abs(x - y) > 2]
        assert "Generative AI survey 2024" in pages.text(0)
    finally:
        pages.close()
    assert pages.render(2, 600) is None and pages.text(0) == ""


def test_damaged_bytes_are_refused(demo_pdf):
    data = demo_pdf.read_bytes()
    for bad in (b"", b"not a pdf at all", data[:200]):
        with pytest.raises(PdfError):
            PdfPages(bad)


def test_closing_while_a_page_is_being_drawn_stops_the_drawing(demo_pdf):
    pages = PdfPages(demo_pdf.read_bytes())
    started, out = threading.Event(), []
    old = pdf_pages.BAND_PIXELS
    pdf_pages.BAND_PIXELS = 3000 * 16          # many small bands: the close lands between two

    def cancelled():
        started.set()
        return False
    t = threading.Thread(target=lambda: out.append(pages.render(1, 3000, cancelled)))
    try:
        t.start()
        assert started.wait(30)
        pages.close()
        t.join(60)
    finally:
        pdf_pages.BAND_PIXELS = old
    assert not t.is_alive() and out == [None]


def test_the_panel_draws_the_pages_in_view_off_the_gui_thread(panel, demo_pdf, qtbot, monkeypatch):
    drawn = []
    real = PdfPages.render

    def spy(self, index, width, cancelled=lambda: False):
        drawn.append((index, threading.current_thread() is threading.main_thread()))
        return real(self, index, width, cancelled)
    monkeypatch.setattr(PdfPages, "render", spy)
    assert panel.show_pdf(demo_pdf)
    assert panel.page_count_value() > 5 and panel.page_count.text() == f"of {panel.page_count_value()}"
    qtbot.waitUntil(panel.rendered, timeout=30_000)
    assert drawn and not any(on_gui for _p, on_gui in drawn)
    # Fit width: the first page and the top of the second are in view; one more either side at most.
    assert {p for p, _g in drawn} <= {0, 1, 2}
    img = panel.view.viewport().grab().toImage()
    r = panel.view.page_rect(0)
    assert abs(r.width() - (panel.view.viewport().width() - 24)) <= 1
    # The viewport shows the page on the Mid background: paper white at the page's edge, grey beside.
    assert img.pixelColor(r.left() + 3, r.top() + r.height() // 2).lightness() > 250
    assert img.pixelColor(max(0, r.left() - 6), r.top() + 40).name() == panel.view.palette().color(panel.view.backgroundRole()).name()
    cover_band = darkness(img, r.left() + 5, r.top() + 5, r.right() - 5, r.top() + 60)
    assert cover_band > 100            # the cover's dark banner was drawn, not a white placeholder


def test_zoom_modes_change_the_drawn_width(panel, demo_pdf, qtbot):
    assert panel.show_pdf(demo_pdf)
    view = panel.view
    fit_width = view.page_rect(0).width()
    panel.set_zoom("page")
    fit_page = view.page_rect(0)
    assert fit_page.height() <= view.viewport().height() - 24 + 1 and fit_page.width() < fit_width
    assert panel.zoom_box.currentData() == "page"
    panel.set_zoom(1.0)
    at_100 = view.page_rect(0).width()
    assert abs(at_100 - 595.3 * view.logicalDpiX() / 72) <= 2      # A4 at 100%
    panel.zoom_step(+1)
    assert abs(panel.zoom_factor() - 1.25) < 1e-6 and view.page_rect(0).width() > at_100
    panel.set_zoom(0.5)
    qtbot.waitUntil(panel.rendered, timeout=30_000)
    img = view.viewport().grab().toImage()
    r = view.page_rect(0)
    assert abs(r.width() - at_100 / 2) <= 1 and img.pixelColor(r.center()).lightness() > 0
    # Ctrl+wheel zooms in one step.
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    ev = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    view.wheelEvent(ev)
    assert abs(panel.zoom_factor() - 0.75) < 1e-6


def test_navigation_keys_and_scrolling_follow_the_page(panel, demo_pdf, qtbot):
    assert panel.show_pdf(demo_pdf)
    n = panel.page_count_value()
    view = panel.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert panel.current_page() == 2 and panel.page_box.value() == 3
    assert view.page_rect(2).top() == 12          # the page's top at the top of the view
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert panel.current_page() == 1
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert panel.current_page() == n - 1 and not panel.next_button.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert panel.current_page() == 0 and not panel.prev_button.isEnabled()
    # Scrolling by hand: the page filling most of the view becomes the current one.
    bar = view.verticalScrollBar()
    bar.setValue(view._tops[3] + view._rects[3].height() // 3)
    assert panel.current_page() == 3 and panel.page_box.value() == 4
    panel.page_box.setValue(6)
    assert panel.current_page() == 5 and view.page_rect(5).top() == 12


def test_reloading_keeps_the_page_and_the_spot_on_it(panel, demo_pdf, tmp_path, qtbot):
    copy = tmp_path / "next.pdf"
    copy.write_bytes(demo_pdf.read_bytes())
    assert panel.show_pdf(demo_pdf)
    view = panel.view
    panel.set_zoom(1.5)
    panel.go_to_page(3)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + 150)
    view.horizontalScrollBar().setValue(40)
    spot = (panel.current_page(), view.page_rect(3).top(), view.horizontalScrollBar().value())
    assert panel.show_pdf(copy)
    assert (panel.current_page(), view.page_rect(3).top(), view.horizontalScrollBar().value()) == spot
    assert panel.zoom_factor() == 1.5 and panel.path == copy
    # The file shown is read whole: replacing it on disk changes nothing on screen.
    copy.write_bytes(b"garbage")
    qtbot.waitUntil(panel.rendered, timeout=30_000)
    assert panel.page_count_value() > 3


def test_a_damaged_pdf_says_so_and_shows_no_old_pages(panel, demo_pdf, tmp_path):
    assert panel.show_pdf(demo_pdf)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(demo_pdf.read_bytes()[:500])
    assert panel.show_pdf(bad) is False
    assert panel.status.text() == "Could not show the preview"
    assert panel.page_count_value() == 0 and panel.path is None
    assert panel.placeholder.isVisible() and not panel.view.isVisible()
    assert panel.show_pdf(tmp_path / "missing.pdf") is False
    assert panel.show_pdf(demo_pdf) and panel.page_count_value() > 3


def test_closing_waits_for_a_busy_renderer(qtbot, demo_pdf, monkeypatch):
    import time
    panel = PreviewPanel()
    panel.resize(900, 1200)
    panel.show()
    qtbot.waitExposed(panel)
    started, bands = threading.Event(), []
    real = PdfPages.render

    def slow(self, index, width, cancelled=lambda: False):
        def dawdle():           # called between bands: a page that takes a while to draw
            started.set()
            bands.append(index)
            time.sleep(0.02)
            return cancelled()
        return real(self, index, width, dawdle)
    monkeypatch.setattr(PdfPages, "render", slow)
    monkeypatch.setattr(pdf_pages, "BAND_PIXELS", 20_000)
    assert panel.show_pdf(demo_pdf)
    qtbot.waitUntil(started.is_set, timeout=30_000)
    renderer = panel.view.renderer
    assert renderer.busy()
    panel.shutdown()
    assert renderer._thread is not None and not renderer._thread.is_alive() and not renderer.busy()
    n = len(bands)
    qtbot.wait(100)
    assert len(bands) == n and panel.page_count_value() == 0      # nothing drawn after the close
    panel.close()


HIDPI_CHILD = """
import json, sys, time
from PySide6.QtWidgets import QApplication
from briefing.ui.preview_panel import PreviewPanel
app = QApplication([])
p = PreviewPanel(); p.resize(500, 600); p.show()
assert p.show_pdf(sys.argv[1]); p.go_to_page(1)
end = time.monotonic() + 60
while not p.rendered() and time.monotonic() < end:
    app.processEvents(); time.sleep(0.01)
v = p.view
print(json.dumps({"dpr": v.viewport().devicePixelRatioF(), "width": v.page_rect(1).width(),
                  "drawn": sorted({w for (q, w) in v._cache if q == 1}), "grab": v.viewport().grab().width()}))
p.shutdown()
"""


def test_hidpi_pages_are_drawn_at_device_pixels(demo_pdf):
    """At a device pixel ratio of 2 a page 460 px wide is drawn 920 pixels wide, not scaled up."""
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    proc = subprocess.run([sys.executable, "-c", HIDPI_CHILD, str(demo_pdf)], env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    import json
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["dpr"] == 2.0 and got["drawn"] == [2 * got["width"]] and got["grab"] > got["width"]


def test_a_page_pdfium_cannot_draw_is_blank_not_the_old_pdfs_page(panel, demo_pdf, tmp_path, qtbot, monkeypatch):
    assert panel.show_pdf(demo_pdf)
    qtbot.waitUntil(panel.rendered, timeout=30_000)
    r = panel.view.page_rect(0)
    banner = (r.left() + 20, r.top() + 20)        # the cover's dark banner
    assert panel.view.viewport().grab().toImage().pixelColor(*banner).lightness() < 128

    def broken(self, index, width, cancelled=lambda: False):
        raise RuntimeError("PDFium failed")
    monkeypatch.setattr(PdfPages, "render", broken)
    copy = tmp_path / "next.pdf"
    copy.write_bytes(demo_pdf.read_bytes())
    assert panel.show_pdf(copy)
    qtbot.waitUntil(panel.rendered, timeout=30_000)
    assert panel.view.viewport().grab().toImage().pixelColor(*banner).lightness() > 250


def test_a_resize_scales_the_drawn_pages_until_the_size_settles(panel, demo_pdf, qtbot, monkeypatch):
    widths = []
    real = PdfPages.render

    def spy(self, index, width, cancelled=lambda: False):
        widths.append(width)
        return real(self, index, width, cancelled)
    monkeypatch.setattr(PdfPages, "render", spy)
    assert panel.show_pdf(demo_pdf)
    qtbot.waitUntil(panel.rendered, timeout=30_000)
    old = set(widths)
    panel.resize(panel.width() - 100, panel.height())
    view = panel.view
    view.viewport().repaint()
    assert view._settling.isActive() and not panel.rendered()
    # The old drawings are scaled meanwhile: only a page never drawn is asked for at once.
    assert 0 not in {p for p, _w in view._sent} and all(view._fallback(p) is None for p, _w in view._sent)
    qtbot.waitUntil(panel.rendered, timeout=30_000)
    assert set(widths) - old == {view.pixel_width(0)} and view.pixel_width(0) < min(old)


def test_the_status_text_does_not_resize_the_view(panel, demo_pdf):
    assert panel.show_pdf(demo_pdf)
    panel.resize(panel.minimumSizeHint().width(), panel.height())
    width = panel.view.width()
    panel.set_status("Updating… " * 5)
    panel.layout().activate()
    assert panel.view.width() == width and panel.minimumSizeHint().width() <= panel.width()
