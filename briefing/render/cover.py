"""The cover page, drawn straight onto the canvas: colour band, title block, date and authors."""
from __future__ import annotations

import copy

from reportlab.lib.colors import white
from reportlab.platypus import Paragraph

from briefing.compose.blocks import Cover
from briefing.render.styles import Styles

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


def draw_cover(canv, doc, cover: Cover, st: Styles) -> None:
    fonts, tpl = st.fonts, st.tpl
    m = tpl.margins
    pw, ph = doc.pagesize
    left, right = m["left"], pw - m["right"]
    width = right - left
    canv.saveState()

    # Full-bleed band with the organisation and the classification banner.
    canv.setFillColor(st.colour["accent_dark"])
    canv.rect(0, ph - BAND, pw, BAND, stroke=0, fill=1)
    canv.setFillColor(st.colour["accent"])
    canv.rect(0, ph - BAND - 5, pw, 5, stroke=0, fill=1)
    size = tpl.type["cover_meta"].size
    if cover.organisation:
        canv.setFillColor(white)
        fonts.draw(canv, left, ph - 62, cover.organisation, size + 1, bold=True,
                   max_width=width * 0.6)
    if cover.classification:
        bs = size - 0.5
        bw = fonts.width(cover.classification, bs, bold=True) + 20
        bx, by = right - bw, ph - 70
        canv.setFillColor(st.colour["banner"])
        canv.roundRect(bx, by, bw, bs + 12, 2.5, stroke=0, fill=1)
        canv.setFillColor(white)
        fonts.draw(canv, bx + 10, by + 6.5, cover.classification, bs, bold=True)

    # Title block: a short accent bar, the title, subtitle and blurb.
    y = ph - BAND - 78
    canv.setFillColor(st.colour["accent"])
    canv.rect(left, y, 44, 4, stroke=0, fill=1)
    y -= 22
    blocks = [(_fit_paragraph(st.markup(cover.title, "cover_title"), st["cover_title"], width, TITLE_ROOM),
               st["cover_title"].spaceAfter)]
    if cover.subtitle:
        blocks.append((Paragraph(st.markup(cover.subtitle, "cover_subtitle"), st["cover_subtitle"]),
                       st["cover_subtitle"].spaceAfter + 6))
    if cover.blurb:
        blocks.append((Paragraph(st.markup(cover.blurb, "cover_blurb"), st["cover_blurb"]), 0))
    for para, after in blocks:
        _, h = para.wrap(width, 1e6)
        para.drawOn(canv, left, y - h)
        y -= h + after

    # Date and authorship at the foot of the page, above a rule.
    lines = [(cover.date_text, True), (cover.author, False), (cover.organisation, False)]
    lines = [(t, b) for t, b in lines if t]
    lead = tpl.type["cover_meta"].leading
    base = m["bottom"] + 20
    top = base + lead * len(lines)
    canv.setStrokeColor(st.colour["rule"])
    canv.setLineWidth(0.8)
    canv.line(left, top + 8, right, top + 8)
    yy = top - lead + 3
    for text, bold in lines:
        canv.setFillColor(st.colour["ink"] if bold else st.colour["text"])
        fonts.draw(canv, left, yy, text, size, bold=bold, max_width=width)
        yy -= lead
    canv.setFillColor(st.colour["accent_dark"])
    canv.rect(0, 0, pw, 10, stroke=0, fill=1)
    canv.restoreState()
