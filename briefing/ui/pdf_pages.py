"""A PDF opened from bytes with PDFium (pypdfium2): page sizes, page text, and pages drawn into QImages."""
from __future__ import annotations

import ctypes
import sys
import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PySide6.QtGui import QImage

# PDFium keeps global state without locks: no two of its calls may run at once, in any threads,
# even on different documents. Every call into it goes through this lock, held briefly (a band of
# a page at a time when drawing) so the GUI thread never waits long behind the renderer.
LOCK = threading.Lock()

# Rows of a page drawn per hold of the lock: about 3-8 ms of PDFium work on a briefing page.
BAND_PIXELS = 1_000_000
OVERLAP = 8

# PDFium's BGRA bytes are Qt's ARGB32 words on a little-endian machine; elsewhere ask PDFium for RGBA.
if sys.byteorder == "little":
    _FORMAT, _FLAGS = QImage.Format.Format_ARGB32_Premultiplied, pdfium_c.FPDF_ANNOT
else:
    _FORMAT, _FLAGS = QImage.Format.Format_RGBA8888_Premultiplied, pdfium_c.FPDF_ANNOT | pdfium_c.FPDF_REVERSE_BYTE_ORDER


class PdfError(Exception):
    """The bytes are not a PDF PDFium can show (damaged, truncated, encrypted, no pages)."""


class PdfPages:
    """One PDF held in memory (the file may be replaced while shown). Safe to use from two threads:
    each method takes LOCK; close() may come while another thread is drawing a page, which then
    stops and returns None."""

    def __init__(self, data: bytes):
        with LOCK:
            try:
                self._doc = pdfium.PdfDocument(bytes(data))
                n = len(self._doc)
                # Points, as PDFium lays the page out (crop box, rotation applied).
                self.sizes: tuple[tuple[float, float], ...] = tuple(self._doc.get_page_size(i) for i in range(n))
            except (pdfium.PdfiumError, ValueError, OSError) as e:
                self._close_locked()
                raise PdfError(str(e) or type(e).__name__) from None
            self._open_page = None
            self.closed = False
        if not n:
            self.close()
            raise PdfError("the PDF has no pages")

    @property
    def count(self) -> int:
        return len(self.sizes)

    def text(self, index: int) -> str:
        """The page's text, as PDFium reads it ("" once closed)."""
        with LOCK:
            if self.closed:
                return ""
            page = self._doc[index]
            try:
                textpage = page.get_textpage()
                try:
                    return textpage.get_text_bounded()
                finally:
                    textpage.close()
            finally:
                page.close()

    def render(self, index: int, width: int, cancelled=lambda: False) -> QImage | None:
        """Page `index` drawn `width` pixels wide on white, or None if the document was closed or
        `cancelled()` turned true meanwhile (checked between bands)."""
        w_pt, h_pt = self.sizes[index]
        width = max(1, int(width))
        height = max(1, round(width * h_pt / w_pt))
        image = QImage(width, height, _FORMAT)
        stride = image.bytesPerLine()
        buf = (ctypes.c_ubyte * (stride * height)).from_buffer(image.bits())
        base = ctypes.addressof(buf)
        band = max(16, BAND_PIXELS // width)
        # Each band is drawn OVERLAP rows taller at both ends into a scratch buffer and only its
        # middle kept: PDFium's anti-aliasing differs in the rows next to a bitmap's edge.
        scratch = (ctypes.c_ubyte * (stride * (band + 2 * OVERLAP)))()
        with LOCK:
            if self.closed:
                return None
            page = self._open_page = self._doc[index]
        try:
            for top in range(0, height, band):
                rows = min(band, height - top)
                first = max(0, top - OVERLAP)
                last = min(height, top + rows + OVERLAP)
                with LOCK:
                    if self.closed or cancelled():
                        return None
                    # A PDFium bitmap over the scratch rows; the page placed `first` rows up.
                    bitmap = pdfium_c.FPDFBitmap_CreateEx(width, last - first, pdfium_c.FPDFBitmap_BGRA,
                                                          scratch, stride)
                    try:
                        pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, width, last - first, 0xFFFFFFFF)
                        pdfium_c.FPDF_RenderPageBitmap(bitmap, page, 0, -first, width, height, 0, _FLAGS)
                    finally:
                        pdfium_c.FPDFBitmap_Destroy(bitmap)
                ctypes.memmove(base + top * stride, ctypes.addressof(scratch) + (top - first) * stride, rows * stride)
        finally:
            with LOCK:
                if not self.closed and self._open_page is page:
                    page.close()
                self._open_page = None
        del buf       # the image's buffer is exported while `buf` lives
        return image

    def close(self) -> None:
        with LOCK:
            self._close_locked()

    def _close_locked(self) -> None:
        # Pages before their document, or PDFium reads freed memory.
        if getattr(self, "_open_page", None) is not None:
            self._open_page.close()
            self._open_page = None
        doc = getattr(self, "_doc", None)
        if doc is not None:
            doc.close()
            self._doc = None
        self.closed = True
