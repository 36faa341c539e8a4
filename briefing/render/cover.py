"""The cover page, drawn straight onto the canvas: colour band, title block, date and authors."""
from __future__ import annotations

import copy

from reportlab.lib.colors import white
from reportlab.platypus import Paragraph

from briefing.compose.blocks import Cover
from briefing.render.styles import Styles
from briefing.render.tagging import artifact, tagged

BAND = 168          # height of the colour band at the top of the page
TITLE_ROOM = 300    # the title block shrinks its type until it fits this height


def _fit_paragraph(text: str, style, width: float, max_h: float) -> Paragraph:
    style = copy.copy(style)
    while True:
        p = Paragraph(text, style)
        _, h = p.wrap(width, 1e6)
        if h <= max_h or style.fontSize <= 14:
            return p
        ratio = style.leading / style.fontSize
        style.fontSize -= 2
        style.leading = style.fontSize * ratio


def _white(style):
    style = copy.copy(style)
    style.textColor = white
    return style


def _logo(canv, st: Styles, x: float, y_top: float) -> float:
    """Draw the template's logo with its top-left at (x, y_top); returns the height used."""
    tpl = st.tpl
    if tpl.logo is None:
        return 0.0
    from reportlab.lib.utils import ImageReader
    img = ImageReader(str(tpl.logo))
    iw, ih = img.getSize()
    w = tpl.logo_width
    h = w * ih / iw
    with artifact(canv):
        canv.drawImage(img, x, y_top - h, w, h, mask="auto")
    return h


def _pill(canv, st: Styles, text: str, right: float, y: float, size: float) -> None:
    fonts = st.fonts
    bw = fonts.width(text, size, bold=True) + 20
    with artifact(canv):
        canv.setFillColor(st.colour["banner"])
        canv.roundRect(right - bw, y, bw, size + 12, 2.5, stroke=0, fill=1)
    canv.setFillColor(white)
    with tagged(canv, "P", text=text):
        fonts.draw(canv, right - bw + 10, y + 6.5, text, size, bold=True)


def draw_cover(canv, doc, cover: Cover, st: Styles) -> None:
    layout = st.tpl.cover.layout
    if layout == "split":
        return _split(canv, doc, cover, st)
    if layout == "masthead":
        return _masthead(canv, doc, cover, st)
    if layout == "plain":
        return _plain(canv, doc, cover, st)
    return _band(canv, doc, cover, st)


def _split(canv, doc, cover: Cover, st: Styles) -> None:
    """Deck cover: a dark panel on the left with the title in white, details on the right."""
    fonts, tpl = st.fonts, st.tpl
    m = tpl.margins
    pw, ph = doc.pagesize
    panel = pw * min(0.8, max(0.2, tpl.cover.band_height / 1000.0))
    canv.saveState()
    with artifact(canv):
        canv.setFillColor(st.colour["accent_dark"])
        canv.rect(0, 0, panel, ph, stroke=0, fill=1)
        canv.setFillColor(st.colour["accent"])
        canv.rect(panel, 0, 6, ph, stroke=0, fill=1)
    left = m["left"]
    width = panel - left - 36
    size = tpl.type["cover_meta"].size
    y = ph - m["top"]
    if cover.organisation:
        canv.setFillColor(white)
        with tagged(canv, "P", text=cover.organisation):
            fonts.draw(canv, left, y, cover.organisation, size + 1, bold=True, max_width=width)
    y -= 20 + _logo(canv, st, left, y - 12)
    title = _fit_paragraph(st.markup(cover.title, "cover_title"), _white(st["cover_title"]), width, ph * 0.45)
    _, h = title.wrap(width, 1e6)
    ty = ph * 0.62
    with tagged(canv, "H", level=1, text=cover.title):
        title.drawOn(canv, left, ty - h / 2)
    yy = ty - h / 2 - 18
    if cover.subtitle:
        sub = Paragraph(st.markup(cover.subtitle, "cover_subtitle"), _white(st["cover_subtitle"]))
        _, sh = sub.wrap(width, 1e6)
        with tagged(canv, "P", text=cover.subtitle):
            sub.drawOn(canv, left, yy - sh)
    rx = panel + 48
    rw = pw - rx - m["right"]
    if cover.classification:
        _pill(canv, st, cover.classification, pw - m["right"], ph - m["top"] - 4, size - 0.5)
    y = ph * 0.5
    if cover.blurb:
        para = Paragraph(st.markup(cover.blurb, "cover_blurb"), st["cover_blurb"])
        _, bh = para.wrap(rw, 1e6)
        with tagged(canv, "P", text=cover.blurb):
            para.drawOn(canv, rx, y)
        y -= 24
    _date_and_author(canv, cover, st, rx, y, size, rw)
    canv.restoreState()


def _masthead(canv, doc, cover: Cover, st: Styles) -> None:
    """One-pager: a compact band across the top of the first page; the text starts below it."""
    fonts, tpl = st.fonts, st.tpl
    m = tpl.margins
    pw, ph = doc.pagesize
    band = tpl.cover.band_height
    left, right = m["left"], pw - m["right"]
    width = right - left
    canv.saveState()
    with artifact(canv):
        canv.setFillColor(st.colour["accent_dark"])
        canv.rect(0, ph - band, pw, band, stroke=0, fill=1)
        canv.setFillColor(st.colour["accent"])
        canv.rect(0, ph - band - 4, pw, 4, stroke=0, fill=1)
    size = tpl.type["cover_meta"].size
    top = ph - 28
    line = " · ".join(x for x in (cover.organisation, cover.date_text) if x)
    canv.setFillColor(white)
    lw = _logo(canv, st, left, top + 10)
    reserve = 0.0
    if cover.classification:
        reserve = fonts.width(cover.classification, size - 0.5, bold=True) + 32
        _pill(canv, st, cover.classification, right, top - 5, size - 0.5)
    canv.setFillColor(white)
    title = _fit_paragraph(st.markup(cover.title, "cover_title"), _white(st["cover_title"]),
                           width, band - 70)
    _, h = title.wrap(width, 1e6)
    y = top - 12 - h
    # Read in this order: the title, then the line with the organisation and date (drawn above it).
    with tagged(canv, "H", level=1, text=cover.title):
        title.drawOn(canv, left, y)
    if line:
        canv.setFillColor(white)
        with tagged(canv, "P", text=line):
            fonts.draw(canv, left + (tpl.logo_width + 10 if lw else 0), top, line, size, bold=True,
                       max_width=width - reserve)
    if cover.subtitle:
        sub = Paragraph(st.markup(cover.subtitle, "cover_subtitle"), _white(st["cover_subtitle"]))
        _, sh = sub.wrap(width, 1e6)
        if y - 4 - sh > ph - band + 6:
            with tagged(canv, "P", text=cover.subtitle):
                sub.drawOn(canv, left, y - 4 - sh)
    canv.restoreState()


def _plain(canv, doc, cover: Cover, st: Styles) -> None:
    """Quiet cover: white page, accent rule, title in the upper third, details at the foot."""
    fonts, tpl = st.fonts, st.tpl
    m = tpl.margins
    pw, ph = doc.pagesize
    left, right = m["left"], pw - m["right"]
    width = right - left
    canv.saveState()
    size = tpl.type["cover_meta"].size
    y = ph - m["top"]
    if cover.organisation:
        canv.setFillColor(st.colour["accent_dark"])
        with tagged(canv, "P", text=cover.organisation):
            fonts.draw(canv, left, y, cover.organisation, size + 1, bold=True, max_width=width * 0.6)
    _logo(canv, st, right - tpl.logo_width, y + 12)
    if cover.classification:
        _pill(canv, st, cover.classification, right, y - 34, size - 0.5)
    with artifact(canv):
        canv.setStrokeColor(st.colour["accent"])
        canv.setLineWidth(2.5)
        canv.line(left, ph * 0.68, right, ph * 0.68)
    title = _fit_paragraph(st.markup(cover.title, "cover_title"), st["cover_title"], width, ph * 0.3)
    _, h = title.wrap(width, 1e6)
    y = ph * 0.68 - 24 - h
    with tagged(canv, "H", level=1, text=cover.title):
        title.drawOn(canv, left, y)
    for text, role in ((cover.subtitle, "cover_subtitle"), (cover.blurb, "cover_blurb")):
        if text:
            para = Paragraph(st.markup(text, role), st[role])
            _, ph2 = para.wrap(width, 1e6)
            y -= ph2 + 10
            with tagged(canv, "P", text=text):
                para.drawOn(canv, left, y)
    _date_and_author(canv, cover, st, left, m["bottom"] + tpl.type["cover_meta"].leading * 2, size, width)
    canv.restoreState()


def _date_and_author(canv, cover: Cover, st: Styles, x: float, y: float, size: float, width: float) -> None:
    """The date in bold ink, the author under it, from y downwards."""
    lead = st.tpl.type["cover_meta"].leading
    for text, bold in ((cover.date_text, True), (cover.author, False)):
        if text:
            canv.setFillColor(st.colour["ink"] if bold else st.colour["text"])
            with tagged(canv, "P", text=text):
                st.fonts.draw(canv, x, y, text, size, bold=bold, max_width=width)
            y -= lead


def _band(canv, doc, cover: Cover, st: Styles) -> None:
    fonts, tpl = st.fonts, st.tpl
    m = tpl.margins
    pw, ph = doc.pagesize
    left, right = m["left"], pw - m["right"]
    width = right - left
    canv.saveState()

    # Full-bleed band with the organisation and the classification banner.
    BAND = tpl.cover.band_height
    with artifact(canv):
        canv.setFillColor(st.colour["accent_dark"])
        canv.rect(0, ph - BAND, pw, BAND, stroke=0, fill=1)
        canv.setFillColor(st.colour["accent"])
        canv.rect(0, ph - BAND - 5, pw, 5, stroke=0, fill=1)
    _logo(canv, st, right - tpl.logo_width, ph - 30) if tpl.logo and not cover.classification else None
    size = tpl.type["cover_meta"].size
    if cover.organisation:
        canv.setFillColor(white)
        with tagged(canv, "P", text=cover.organisation):
            fonts.draw(canv, left, ph - 62, cover.organisation, size + 1, bold=True,
                       max_width=width * 0.6)
    if cover.classification:
        bs = size - 0.5
        bw = fonts.width(cover.classification, bs, bold=True) + 20
        bx, by = right - bw, ph - 70
        with artifact(canv):
            canv.setFillColor(st.colour["banner"])
            canv.roundRect(bx, by, bw, bs + 12, 2.5, stroke=0, fill=1)
        canv.setFillColor(white)
        with tagged(canv, "P", text=cover.classification):
            fonts.draw(canv, bx + 10, by + 6.5, cover.classification, bs, bold=True)

    # Title block: a short accent bar, the title, subtitle and blurb.
    y = ph - BAND - 78
    with artifact(canv):
        canv.setFillColor(st.colour["accent"])
        canv.rect(left, y, 44, 4, stroke=0, fill=1)
    y -= 22
    blocks = [(_fit_paragraph(st.markup(cover.title, "cover_title"), st["cover_title"], width, TITLE_ROOM),
               st["cover_title"].spaceAfter, cover.title)]
    if cover.subtitle:
        blocks.append((Paragraph(st.markup(cover.subtitle, "cover_subtitle"), st["cover_subtitle"]),
                       st["cover_subtitle"].spaceAfter + 6, cover.subtitle))
    if cover.blurb:
        blocks.append((Paragraph(st.markup(cover.blurb, "cover_blurb"), st["cover_blurb"]), 0, cover.blurb))
    for k, (para, after, text) in enumerate(blocks):
        _, h = para.wrap(width, 1e6)
        with (tagged(canv, "H", level=1, text=text) if k == 0 else tagged(canv, "P", text=text)):
            para.drawOn(canv, left, y - h)
        y -= h + after

    # Date and authorship at the foot of the page, above a rule.
    lines = [(cover.date_text, True), (cover.author, False), (cover.organisation, False)]
    lines = [(t, b) for t, b in lines if t]
    lead = tpl.type["cover_meta"].leading
    base = m["bottom"] + 20
    top = base + lead * len(lines)
    with artifact(canv):
        canv.setStrokeColor(st.colour["rule"])
        canv.setLineWidth(0.8)
        canv.line(left, top + 8, right, top + 8)
    yy = top - lead + 3
    for text, bold in lines:
        canv.setFillColor(st.colour["ink"] if bold else st.colour["text"])
        with tagged(canv, "P", text=text):
            fonts.draw(canv, left, yy, text, size, bold=bold, max_width=width)
        yy -= lead
    with artifact(canv):
        canv.setFillColor(st.colour["accent_dark"])
        canv.rect(0, 0, pw, 10, stroke=0, fill=1)
    canv.restoreState()
