"""The document template: page templates, running header and footer, outline, contents, page count."""
from __future__ import annotations

import datetime as _dt

from reportlab.lib.colors import white
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, TableStyle
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from briefing.compose.blocks import Cover, DocMeta
from briefing.model import Cancelled
from briefing.render.cover import draw_cover
from briefing.render.styles import Styles

DEFAULT_LABELS = {"page_of": "Page {page} of {pages}", "contents": "Contents", "edited": "edited"}
PDF_LANG = {"en": "en", "zh": "zh-CN"}


def label(meta: DocMeta, key: str) -> str:
    value = (meta.labels or {}).get(key)
    return value if isinstance(value, str) and value else DEFAULT_LABELS[key]


def page_of(meta: DocMeta, page: int, pages: int | None) -> str:
    total = "?" if pages is None else str(pages)
    try:
        return label(meta, "page_of").format(page=page, pages=total)
    except (KeyError, IndexError, ValueError):
        return DEFAULT_LABELS["page_of"].format(page=page, pages=total)


def pdf_date(date_iso: str) -> str | None:
    """PDF date string for the creation date, or None to keep ReportLab's invariant date."""
    try:
        d = _dt.date.fromisoformat(date_iso[:10])
    except (TypeError, ValueError):
        return None
    return f"D:{d.year:04d}{d.month:02d}{d.day:02d}000000+00'00'"


class PageCounter(IndexingFlowable):
    """Zero-size flowable that makes multiBuild run again until "of Y" is the real page count."""

    def __init__(self, doc: "BriefingDocTemplate"):
        super().__init__()
        self.doc = doc
        self.width = self.height = 0
        self._ok = False

    def beforeBuild(self):
        self._ok = False

    def afterBuild(self):
        self._ok = self.doc.total_pages == self.doc.pages_drawn
        self.doc.total_pages = self.doc.pages_drawn

    def isSatisfied(self):
        return self._ok

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        pass


class Contents(TableOfContents):
    """ReportLab's contents table; entries arrive already as escaped, font-tagged markup."""

    def __init__(self, st: Styles):
        # The table's own cell font would otherwise be Helvetica, which is never embedded.
        table_style = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                  ("FONTNAME", (0, 0), (-1, -1), st.fonts.regular)])
        super().__init__(levelStyles=[st["toc0"], st["toc1"], st["toc2"]], dotsMinLevel=1,
                         rightColumnWidth=28, tableStyle=table_style)

    # ReportLab prints "Placeholder for table of contents" while it has no entries; a
    # briefing without headings gets an empty contents instead.
    def wrap(self, availWidth, availHeight):
        if not self._lastEntries:
            self._table = None
            self.width, self.height = availWidth, 0
            return self.width, 0
        return super().wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):
        return [] if self._table is None else super().split(availWidth, availHeight)

    def drawOn(self, canvas, x, y, _sW=0):
        if self._table is not None:
            super().drawOn(canvas, x, y, _sW)


class BriefingDocTemplate(BaseDocTemplate):
    def __init__(self, filename, *, st: Styles, meta: DocMeta, cover: Cover | None,
                 progress=None, cancel=None, n_flowables: int = 1):
        tpl = st.tpl
        m = tpl.margins
        self.st, self.meta, self.cover = st, meta, cover
        self.progress, self.cancel = progress, cancel
        self.n_flowables = max(1, n_flowables)
        self.total_pages: int | None = None     # from the previous pass
        self.pages_drawn = 0
        self.passes = 0
        self._flowables_done = 0
        self._outline_level = -1
        super().__init__(
            filename, pagesize=tpl.page_size, leftMargin=m["left"], rightMargin=m["right"],
            topMargin=m["top"], bottomMargin=m["bottom"],
            title=meta.title, author=meta.author, subject=meta.subject,
            keywords=list(meta.keywords), creator="Briefing", producer="Briefing (ReportLab)",
            invariant=1, lang=PDF_LANG.get(meta.lang, meta.lang or None),
            displayDocTitle=1, initialFontName=st.fonts.regular,
        )
        n = max(1, tpl.columns)
        gap = tpl.column_gap if n > 1 else 0.0
        self.col_width = (self.width - gap * (n - 1)) / n

        def columns(top_cut: float, prefix: str) -> list[Frame]:
            return [Frame(self.leftMargin + k * (self.col_width + gap), self.bottomMargin, self.col_width,
                          self.height - top_cut, leftPadding=0, rightPadding=0, topPadding=0,
                          bottomPadding=0, id=f"{prefix}{k}") for k in range(n)]

        templates = [PageTemplate("body", columns(0, "body"), onPage=self._furniture)]
        if cover is not None:
            if tpl.cover.layout == "masthead":
                # The title sits in a band on the first page; the text starts under it.
                cut = max(0.0, tpl.cover.band_height + 16 - m["top"])
                templates.insert(0, PageTemplate("cover", columns(cut, "first"), onPage=self._masthead))
            else:
                cover_frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height,
                                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="cover")
                templates.insert(0, PageTemplate("cover", [cover_frame], onPage=self._cover))
        self.addPageTemplates(templates)

    # -- per pass ----------------------------------------------------------------------

    def beforeDocument(self):
        self.passes += 1
        self.pages_drawn = 0
        self._flowables_done = 0
        self._outline_level = -1
        date = pdf_date(self.meta.date_iso)
        if date is not None:
            self.canv.setDateFormatter(lambda *_: date)
        self.canv.showOutline()

    def afterPage(self):
        self.pages_drawn = self.page
        self._check_cancel()
        self._report()

    def afterFlowable(self, flowable):
        self._flowables_done += 1
        self._check_cancel()
        info = getattr(flowable, "_briefing_heading", None)
        if info is None:
            return
        key, level, markup, plain, in_toc, in_outline = info
        top = min(self.frame._y + flowable.height + flowable.getSpaceAfter() + 6, self.pagesize[1])
        self.canv.bookmarkHorizontalAbsolute(key, top)
        if not in_outline:
            return
        # Parts (level 0) and theme sections (level 1) are both top-level bookmarks, so the
        # sections are not filed under whichever part happens to precede them.
        wanted = max(0, level - 1)
        outline_level = min(wanted, self._outline_level + 1)
        self.canv.addOutlineEntry(plain, key, level=outline_level, closed=outline_level > 0)
        self._outline_level = outline_level
        if in_toc:
            self.notify("TOCEntry", (min(max(level, 0), 2), markup, self.page, key))

    # -- helpers -----------------------------------------------------------------------

    def _check_cancel(self):
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()

    def _report(self):
        if self.progress is None:
            return
        within = min(1.0, self._flowables_done / self.n_flowables)
        lo, hi = {1: (0.0, 0.45), 2: (0.45, 0.9)}.get(self.passes, (0.9, 0.97))
        self.progress(lo + (hi - lo) * within, f"Laying out pages (pass {self.passes})")

    def _fields(self, page: int) -> dict:
        meta = self.meta
        return {"title": meta.title, "subtitle": meta.subtitle, "classification": meta.classification,
                "date": meta.date_text, "author": meta.author, "organisation": meta.organisation,
                "page_of": page_of(meta, page, self.total_pages)}

    def _furniture_text(self, key: str, page: int) -> str:
        try:
            return self.st.tpl.furniture[key].format_map(self._fields(page)).strip()
        except (KeyError, IndexError, ValueError):
            return self.st.tpl.furniture[key]

    def _furniture(self, canv, doc, header: bool = True):
        st, tpl = self.st, self.st.tpl
        fonts, m = st.fonts, tpl.margins
        pw, ph = self.pagesize
        left, right = m["left"], pw - m["right"]
        page = canv.getPageNumber()
        canv.saveState()
        if tpl.banner == "strip":
            self._strip(canv)
        hsize = tpl.type["header"].size
        hy = ph - m["header_offset"]
        hl, hr = self._furniture_text("header_left", page), self._furniture_text("header_right", page)
        if not header:
            hl = hr = ""
        canv.setFillColor(st.colour["muted"])
        rw = fonts.draw(canv, right, hy, hr, hsize, bold=True, align="right") if hr else 0
        canv.setFillColor(st.colour["muted"])
        fonts.draw(canv, left, hy, hl, hsize, max_width=right - left - rw - 24)
        if hl or hr:
            canv.setStrokeColor(st.colour["rule"])
            canv.setLineWidth(0.5)
            canv.line(left, hy - 7, right, hy - 7)

        fsize = tpl.type["footer"].size
        fy = m["footer_offset"]
        fl, fr = self._furniture_text("footer_left", page), self._furniture_text("footer_right", page)
        canv.setFillColor(st.colour["muted"])
        frw = fonts.draw(canv, right, fy, fr, fsize, align="right") if fr else 0
        canv.setFillColor(st.colour["muted"])
        fonts.draw(canv, left, fy, fl, fsize, max_width=right - left - frw - 24)
        canv.restoreState()

    def _cover(self, canv, doc):
        draw_cover(canv, self, self.cover, self.st)

    def _masthead(self, canv, doc):
        draw_cover(canv, self, self.cover, self.st)
        self._furniture(canv, doc, header=False)

    def _strip(self, canv):
        """Classification banner across the top edge of the page."""
        text = self.meta.classification
        if not text:
            return
        st = self.st
        pw, ph = self.pagesize
        h = 16
        canv.setFillColor(st.colour["banner"])
        canv.rect(0, ph - h, pw, h, stroke=0, fill=1)
        canv.setFillColor(white)
        st.fonts.draw(canv, pw / 2, ph - h + 5, text.upper() if text.isascii() else text,
                      st.tpl.type["header"].size, bold=True, align="centre")
