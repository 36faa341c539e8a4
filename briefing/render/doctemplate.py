"""The document template: page templates, running header and footer, outline, contents, page count."""
from __future__ import annotations

import datetime as _dt

from reportlab.lib.colors import white
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from briefing.compose.blocks import Cover, DocMeta
from briefing.model import Cancelled
from briefing.render.cover import draw_cover
from briefing.render.pdfa import finish
from briefing.render.styles import Styles
from briefing.render.tagging import Tagger, artifact, canvas_class, frame_class, tags_of

TaggedFrame = frame_class()
TaggedCanvas = canvas_class()

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


class Contents(Flowable):
    """The contents list, laid out from the headings known before the build (so one pass is
    enough); each page number is a form XObject the doc template fills in when the build ends."""

    NUM_W = 28.0

    def __init__(self, st: Styles, doc: "BriefingDocTemplate", entries: list | None = None, start: int = 0,
                 end: int | None = None):
        super().__init__()
        self.st, self.doc = st, doc
        self.entries = entries if entries is not None else []   # (level, markup, key), filled by the story
        self.start, self.end = start, end
        self._paras: list = []

    def _items(self):
        return self.entries[self.start:self.end]

    def _layout(self, width: float):
        st = self.st
        out = []
        for level, markup, key in self._items():
            style = st[f"toc{min(level, 2)}"]
            para = Paragraph(f'<a href="#{key}">{markup}</a>', style)
            w, h = para.wrap(width - self.NUM_W, 1e6)
            out.append((level, para, key, h, style))
        return out

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self._paras = self._layout(availWidth)
        self.height = sum(h + (st.spaceBefore if k else 0) + st.spaceAfter
                          for k, (_, _, _, h, st) in enumerate(self._paras))
        return self.width, self.height

    def split(self, availWidth, availHeight):
        paras = self._layout(availWidth)
        used, k = 0.0, 0
        for n, (_, _, _, h, st) in enumerate(paras):
            need = h + (st.spaceBefore if n else 0) + st.spaceAfter
            if used + need > availHeight:
                break
            used += need
            k += 1
        if k == 0 or k == len(paras):
            return []
        end = self.start + k
        return [Contents(self.st, self.doc, self.entries, self.start, end),
                Contents(self.st, self.doc, self.entries, end, self.end)]

    _briefing_self_tags = True

    def draw(self):
        c = self.canv
        y = self.height
        t = tags_of(c)
        toc = t.group(("toc", id(self.entries)), "TOC") if t is not None else None
        for n, (level, para, key, h, style) in enumerate(self._paras):
            if n:
                y -= style.spaceBefore
            link = None
            if t is not None:
                link = t.node("Link", t.node("TOCI", toc), text=" ".join(para.getPlainText().split()))
                mark = t.begin(c, link)
            para.drawOn(c, 0, y - h)
            if link is not None:
                t.end(c, mark)
            widths = para.getActualLineWidths0() or [0]
            lines = len(widths)
            base = y - style.fontSize - (lines - 1) * style.leading      # baseline of the last line
            if level >= 1:
                # Dot leaders from the end of the text to the page number.
                # (ReportLab's line widths count the right indent as text.)
                x0 = widths[-1] - style.rightIndent + 6
                x1 = self.width - self.NUM_W - 4
                with artifact(c):
                    c.saveState()
                    c.setFillColor(self.st.colour["muted"])
                    c.setFont(self.st.fonts.regular, style.fontSize)
                    dot = self.st.fonts.width(". ", style.fontSize)
                    x = x1 - dot
                    while x >= x0:
                        c.drawString(x, base, ".")
                        x -= dot
                    c.restoreState()
            if link is not None:
                mark = t.begin(c, link)
            c.saveState()
            c.translate(self.width, base)
            c.doForm(self.doc.page_number_form(key, style, level == 0))
            c.restoreState()
            if link is not None:
                t.end(c, mark)
            y -= h + style.spaceAfter


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
        self.heading_pages: dict[str, int] = {}
        self._forms: dict[str, tuple] = {}      # name -> what to draw in it when the build ends
        self.tags: Tagger | None = None
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
            return [TaggedFrame(self.leftMargin + k * (self.col_width + gap), self.bottomMargin, self.col_width,
                          self.height - top_cut, leftPadding=0, rightPadding=0, topPadding=0,
                          bottomPadding=0, id=f"{prefix}{k}") for k in range(n)]

        templates = [PageTemplate("body", columns(0, "body"), onPage=self._furniture)]
        if cover is not None:
            if tpl.cover.layout == "masthead":
                # The title sits in a band on the first page; the text starts under it.
                cut = max(0.0, tpl.cover.band_height + 16 - m["top"])
                templates.insert(0, PageTemplate("cover", columns(cut, "first"), onPage=self._masthead))
            else:
                cover_frame = TaggedFrame(self.leftMargin, self.bottomMargin, self.width, self.height,
                                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="cover")
                templates.insert(0, PageTemplate("cover", [cover_frame], onPage=self._cover))
        self.addPageTemplates(templates)

    # -- per pass ----------------------------------------------------------------------

    def beforeDocument(self):
        self.passes += 1
        self.pages_drawn = 0
        self._flowables_done = 0
        self._outline_level = -1
        # The structure tree of this pass (render_pdf keeps the one of the pass it writes).
        self.tags = Tagger(PDF_LANG.get(self.meta.lang, self.meta.lang or "en"))
        self.canv._briefing_tags = self.tags
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
        self.heading_pages.setdefault(key, self.page)
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
            self.heading_pages.setdefault(key, self.page)

    # -- helpers -----------------------------------------------------------------------

    # -- forms filled in when the build ends: one pass gives "of Y" and the contents numbers ------

    def build_once(self, story) -> None:
        """One layout pass; page totals and contents page numbers are drawn as forms whose
        content is written once the last page is known."""
        self._doSave = 0
        from reportlab.platypus import Spacer
        self.build(list(story) or [Spacer(0, 0)], canvasmaker=TaggedCanvas)     # an empty briefing is still one page
        self.total_pages = self.pages_drawn
        canv = self.canv
        for name, (kind, payload) in sorted(self._forms.items()):
            canv.beginForm(name, lowerx=-self.pagesize[0], lowery=-self.pagesize[1],
                           upperx=self.pagesize[0], uppery=self.pagesize[1])
            if kind == "furniture":
                slot, page, size, bold, colour, align, max_w = payload
                canv.setFillColor(colour)
                text = self._furniture_text(slot, page)
                self.st.fonts.draw(canv, 0, 0, text, size, bold=bold, align=align, max_width=max_w)
            else:
                key, size, bold, colour = payload
                page = self.heading_pages.get(key)
                canv.setFillColor(colour)
                if page is not None:
                    self.st.fonts.draw(canv, 0, 0, str(page), size, bold=bold, align="right")
            canv.endForm()
        finish(canv, lang=PDF_LANG.get(self.meta.lang, self.meta.lang or ""), tree=self.tags)
        canv.save()

    def page_number_form(self, key: str, style, bold: bool) -> str:
        name = f"toc{len(self._forms)}" if f"toc:{key}" not in self._forms else None
        for n, (kind, payload) in self._forms.items():
            if kind == "toc" and payload[0] == key:
                return n
        name = f"BriefingToc{len(self._forms)}"
        self._forms[name] = ("toc", (key, style.fontSize, bold, style.textColor))
        return name

    def _furniture_slot(self, canv, slot: str, page: int, x: float, y: float, size: float, *, bold: bool,
                        align: str, max_width: float | None, colour) -> float:
        """Draw one header/footer text; one that shows the page total is a form filled in at the end."""
        template = self.st.tpl.furniture[slot]
        if "{page_of}" not in template:
            text = self._furniture_text(slot, page)
            if not text:
                return 0.0
            canv.setFillColor(colour)
            return self.st.fonts.draw(canv, x, y, text, size, bold=bold, align=align, max_width=max_width)
        name = f"BriefingFurniture{slot}{page}"
        self._forms[name] = ("furniture", (slot, page, size, bold, colour, align, max_width))
        canv.saveState()
        canv.translate(x, y)
        canv.doForm(name)
        canv.restoreState()
        # Room the text will take: measured with a total as wide as this page number.
        return self.st.fonts.width(self._furniture_text_with(slot, page, page), size, bold)

    def _furniture_text_with(self, key: str, page: int, pages: int) -> str:
        fields = self._fields(page)
        fields["page_of"] = page_of(self.meta, page, pages)
        try:
            return self.st.tpl.furniture[key].format_map(fields).strip()
        except (KeyError, IndexError, ValueError):
            return self.st.tpl.furniture[key]

    def _check_cancel(self):
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()

    def _report(self):
        if self.progress is None:
            return
        within = min(1.0, self._flowables_done / self.n_flowables)
        lo, hi = 0.0, 0.97
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
        """Header, footer, page numbers, rules and the banner: artifacts, not content."""
        page = canv.getPageNumber()
        with artifact(canv):
            self._furniture_page(canv, page, header)
            self._column_guides(canv, doc.pageTemplate.frames)

    def _column_guides(self, canv, frames) -> None:
        """Invisible zero-width spaces that make pdftotext read a page of columns column by column.

        poppler orders text blocks by geometry (Breuel's rules), and a block with nothing beside it
        in the next column is stretched sideways over the blocks below it: a short heading, a chart
        label or the end of the shorter column then pulls the right column into the left one. So:
        a guide as tall as the columns in each gutter, a neighbour of every line on either side, and
        a guide across the page above and below the columns, which keeps the running header and
        footer out of the columns. Each adds one U+200B (no width, no ink) to the text, and none to
        the structure tree: they are drawn among the page's artifacts.
        """
        if len(frames) < 2:
            return
        face = self.st.fonts.regular
        metrics = getFont(face).face
        asc, desc = metrics.ascent / 1000.0, -metrics.descent / 1000.0
        top = max(f._y1 + f._height for f in frames)
        bottom = min(f._y1 for f in frames)
        left = min(f._x1 for f in frames)
        right = max(f._x1 + f._width for f in frames)
        guides = []
        for a, b in zip(frames, frames[1:]):
            x = (a._x1 + a._width + b._x1) / 2
            # (a hair inside the columns' height, so the guides above and below do not touch it)
            guides.append((x, bottom + 0.5, top - 0.5))
        # Across: one at the columns' left edge just above them, one at their right edge just below;
        # each is stretched, by the rule above, over what is below it.
        guides.append((left, top + 0.5, top + 2.0))
        guides.append((right, bottom - 2.0, bottom - 0.5))
        canv.saveState()        # Tr outlives the text object; the saved state ends it
        for x, y0, y1 in guides:
            size = (y1 - y0) / (asc + desc)
            t = canv.beginText()
            t.setTextRenderMode(3)
            t.setFont(face, size)
            t.setTextOrigin(x, y0 + desc * size)
            t.textOut("\u200b")
            canv.drawText(t)
        canv.restoreState()

    def _furniture_page(self, canv, page: int, header: bool) -> None:
        st, tpl = self.st, self.st.tpl
        m = tpl.margins
        pw, ph = self.pagesize
        left, right = m["left"], pw - m["right"]
        canv.saveState()
        if tpl.banner == "strip":
            self._strip(canv)
        hsize = tpl.type["header"].size
        hy = ph - m["header_offset"]
        muted = st.colour["muted"]
        drawn = False
        if header:
            rw = self._furniture_slot(canv, "header_right", page, right, hy, hsize, bold=True, align="right",
                                      max_width=None, colour=muted)
            lw = self._furniture_slot(canv, "header_left", page, left, hy, hsize, bold=False, align="left",
                                      max_width=right - left - rw - 24, colour=muted)
            drawn = bool(rw or lw)
        if drawn:
            canv.setStrokeColor(st.colour["rule"])
            canv.setLineWidth(0.5)
            canv.line(left, hy - 7, right, hy - 7)

        fsize = tpl.type["footer"].size
        fy = m["footer_offset"]
        frw = self._furniture_slot(canv, "footer_right", page, right, fy, fsize, bold=False, align="right",
                                   max_width=None, colour=muted)
        self._furniture_slot(canv, "footer_left", page, left, fy, fsize, bold=False, align="left",
                             max_width=right - left - frw - 24, colour=muted)
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
