"""ParagraphStyles and colours built from a template, one Styles object per build."""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from briefing.render.fonts import FontSet
from briefing.render.template import Template


@dataclass
class Styles:
    tpl: Template
    fonts: FontSet
    lang: str
    para: dict[str, ParagraphStyle]
    colour: dict[str, Color]
    palette: tuple[Color, ...]

    def __getitem__(self, role: str) -> ParagraphStyle:
        return self.para[role]

    def markup(self, text: str, role: str) -> str:
        """Plain text as markup for a Paragraph in style `role`."""
        return self.fonts.markup(text, self.para[role].fontName)

    def hex(self, role: str) -> str:
        return self.tpl.colours[role]


def build_styles(tpl: Template, fonts: FontSet, lang: str) -> Styles:
    colour = {k: HexColor(v) for k, v in tpl.colours.items()}
    # Chinese has no spaces to break on; ReportLab's CJK wrap breaks between characters
    # and backs up to a space inside Latin words.
    wrap = "CJK" if lang == "zh" else None

    def style(name: str, role: str, *, bold=False, italic=False, color="text", **kw) -> ParagraphStyle:
        t = tpl.type[role]
        font = fonts.latin(bold, italic)
        base = dict(fontName=font, fontSize=t.size, leading=t.leading, spaceBefore=t.before,
                    spaceAfter=t.after, textColor=colour[color], bulletFontName=font,
                    bulletFontSize=t.size, alignment=TA_LEFT, allowWidows=0, allowOrphans=0)
        if wrap:
            base["wordWrap"] = wrap
        base.update(kw)
        return ParagraphStyle(name, **base)

    p = {
        "body": style("body", "body"),
        "lead": style("lead", "lead", color="ink"),
        "note": style("note", "note", italic=lang != "zh", color="muted"),
        "source": style("source", "source", color="muted"),
        "small": style("small", "small"),
        "h0": style("h0", "h0", bold=True, color="ink", keepWithNext=1),
        "h1": style("h1", "h1", bold=True, color="ink", keepWithNext=1),
        "h2": style("h2", "h2", bold=True, color="ink", keepWithNext=1),
        "h3": style("h3", "h3", bold=True, color="ink", keepWithNext=1),
        # For titles over things that may split (long tables, timelines): keepWithNext
        # would glue title and content into one unsplittable block that jumps a page.
        "h3_free": style("h3_free", "h3", bold=True, color="ink"),
        "finding": style("finding", "body", leftIndent=14, bulletIndent=2, spaceAfter=6),
        "summary_title": style("summary_title", "body", bold=True, color="accent", spaceAfter=1,
                               keepWithNext=1),
        "summary_text": style("summary_text", "body", spaceAfter=10),
        "callout_value": style("callout_value", "callout_value", bold=True, color="accent"),
        "callout_label": style("callout_label", "callout_label", color="text"),
        "cell": style("cell", "table", spaceBefore=0, spaceAfter=0),
        "cell_r": style("cell_r", "table", spaceBefore=0, spaceAfter=0, alignment=TA_RIGHT),
        "head": style("head", "table", bold=True, color="ink", spaceBefore=0, spaceAfter=0),
        "head_r": style("head_r", "table", bold=True, color="ink", spaceBefore=0, spaceAfter=0,
                        alignment=TA_RIGHT),
        "acell": style("acell", "appendix", spaceBefore=0, spaceAfter=0),
        "acell_r": style("acell_r", "appendix", spaceBefore=0, spaceAfter=0, alignment=TA_RIGHT),
        "ahead": style("ahead", "appendix", bold=True, color="ink", spaceBefore=0, spaceAfter=0),
        "ahead_r": style("ahead_r", "appendix", bold=True, color="ink", spaceBefore=0,
                         spaceAfter=0, alignment=TA_RIGHT),
        "tl_when": style("tl_when", "small", bold=True, color="accent", alignment=TA_RIGHT,
                         spaceAfter=0),
        "tl_label": style("tl_label", "body", bold=True, color="ink", spaceAfter=1),
        "tl_detail": style("tl_detail", "small", color="muted", spaceAfter=0),
        "toc0": style("toc0", "toc0", bold=True, color="ink"),
        "toc1": style("toc1", "toc1", leftIndent=0, rightIndent=28),
        "toc2": style("toc2", "toc2", color="muted", leftIndent=16, rightIndent=28),
        "cover_title": style("cover_title", "cover_title", bold=True, color="ink"),
        "cover_subtitle": style("cover_subtitle", "cover_subtitle", color="muted"),
        "cover_blurb": style("cover_blurb", "body", color="text"),
        "cover_meta": style("cover_meta", "cover_meta", color="text"),
    }
    p["toc0"].rightIndent = 28
    palette = tuple(HexColor(c) for c in tpl.palette)
    return Styles(tpl, fonts, lang, p, colour, palette)
