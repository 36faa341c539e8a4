"""Turn document blocks into a list of platypus flowables (the story)."""
from __future__ import annotations

import re

from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus import (CondPageBreak, FrameBreak, KeepTogether, NextPageTemplate, PageBreak,
                                Paragraph, Spacer)

from briefing.compose import blocks as b
from briefing.render import series_charts  # noqa: F401  (registers its drawing functions)
from briefing.render.charts import CHART_MAKERS
from briefing.render.doctemplate import BriefingDocTemplate, Contents, label
from briefing.render.styles import Styles
from briefing.render.tables import callout_row, data_tables
from briefing.render.tagging import HEADING_STYLES, artifact, tags_of
from briefing.render.timeline import TimelineFlowable

CONTENTS_KEY = "briefing-contents"
KEEP_TABLE_ROWS = 15        # shorter tables move to the next page whole rather than split
KEEP_TIMELINE_EVENTS = 8    # likewise for timelines
_SAFE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{0,63}")


def anchor_keys(blocks) -> dict[str, str]:
    """Heading anchor -> PDF destination name; unsafe or repeated anchors get a generated name."""
    keys: dict[str, str] = {}
    used = {CONTENTS_KEY}
    for n, blk in enumerate(blocks):
        if isinstance(blk, b.Heading) and blk.anchor and blk.anchor not in keys:
            key = blk.anchor if _SAFE_KEY.fullmatch(blk.anchor) else f"briefing-a{n}"
            while key in used:
                key = f"{key}-{n}"
            used.add(key)
            keys[blk.anchor] = key
    return keys


class HeadingPara(Paragraph):
    """A heading that the doc template turns into a bookmark, an outline entry and a TOC entry."""

    def __init__(self, text, style, info, bar=None):
        super().__init__(text, style)
        self._briefing_heading = info
        self._bar = bar          # accent colour of the short rule over a section heading

    _briefing_self_tags = True

    def draw(self):
        c = self.canv
        if self._bar is not None:
            with artifact(c):
                c.saveState()
                c.setFillColor(self._bar)
                c.rect(0, self.height + 7, 30, 3, stroke=0, fill=1)
                c.restoreState()
        t = tags_of(c)
        if t is None:
            return super().draw()
        level = HEADING_STYLES.get(f"h{self._briefing_heading[1]}", 2)
        with t.content(c, t.node("H", level=level, text=self._briefing_heading[3])):
            super().draw()


class FindingPara(Paragraph):
    """A finding: a list item whose bullet is its label (Lbl) and whose sentence is its body
    (LBody); the findings of one block are one list (L), across pages too."""

    _briefing_self_tags = True

    def __init__(self, text, style, bulletText=None, frags=None, caseSensitive=1, encoding="utf8"):
        super().__init__(text, style, bulletText=bulletText, frags=frags, caseSensitive=caseSensitive,
                         encoding=encoding)
        self._group: dict = {}       # shared with the pieces of a split: "list", and the item's nodes

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for p in parts:
            if isinstance(p, FindingPara):
                p._group = self._group
        return parts

    def draw(self):
        c = self.canv
        t = tags_of(c)
        if t is None:
            return super().draw()
        g = self._group
        if "body" not in g:
            li = t.node("LI", t.group(g["list"], "L"))
            g["lbl"], g["body"] = t.node("Lbl", li), t.node("LBody", li, text=" ".join(self.getPlainText().split()))
        state: dict = {}
        if self.bulletText:
            draw_text = c.drawText

            def bullet_then_body(tx):
                # The bullet is the first text object a bulleted paragraph draws.
                del c.drawText
                with t.content(c, g["lbl"]):
                    draw_text(tx)
                state["mark"] = t.begin(c, g["body"])
            c.drawText = bullet_then_body
        else:
            state["mark"] = t.begin(c, g["body"])
        try:
            super().draw()
        finally:
            c.__dict__.pop("drawText", None)
            if "mark" in state:
                t.end(c, state["mark"])


def _link(markup: str, anchor: str, links: dict[str, str]) -> str:
    key = links.get(anchor) if anchor else None
    return f'<a href="#{key}">{markup}</a>' if key else markup


def _source(text: str, st: Styles) -> list:
    if text:
        return [Paragraph(st.markup(text, "source"), st["source"])]
    return [Spacer(1, st["source"].spaceAfter)]


_CHART_OR_TABLE = (*b.CHART_TYPES, b.TableBlock)


def _fit(drawing, max_height: float):
    """A chart taller than the page can hold (many categories, a long legend) is scaled down to fit,
    rather than failing the whole build with ReportLab's "too large" LayoutError."""
    if drawing.height > max_height > 0:
        f = max_height / drawing.height
        drawing.scale(f, f)
        drawing.width *= f
        drawing.height *= f
    return drawing


def build_story(doc: b.Document, st: Styles, tdoc: BriefingDocTemplate,
                links: dict[str, str]) -> list:
    width = tdoc.col_width
    chart_w = width * st.tpl.chart_width
    # Room for the chart's title and source line above and below it on an empty page.
    chart_max_h = tdoc.height * 0.8
    masthead = st.tpl.cover.layout == "masthead"
    story: list = []
    toc_entries: list = []       # (level, markup, key) of every heading in the contents, in order
    blocks = list(doc.blocks)
    skip_break = False
    bookmarked: set[str] = set()
    last_heading = ""
    held: list = []

    def chart_title(title: str) -> list:
        # Under a sub-heading that already says it, a chart needs no title of its own.
        if not title or " ".join(title.split()) == last_heading:
            return []
        return [Paragraph(st.markup(title, "h3"), st["h3"])]

    for i, blk in enumerate(blocks):
        if held and not isinstance(blk, _CHART_OR_TABLE):
            story += held
            held = []
        if not isinstance(blk, (b.Heading, *b.CHART_TYPES)):
            last_heading = ""
        if isinstance(blk, b.Cover):
            # The cover page itself is drawn by the "cover" page template.
            if i == 0 and tdoc.cover is blk:
                # A masthead shares its page with the text; a cover page stands alone.
                story += [NextPageTemplate("body")] if masthead else [NextPageTemplate("body"), PageBreak()]
                skip_break = True
            continue
        if isinstance(blk, b.PageBreak):
            if not skip_break:
                story.append(PageBreak())
            skip_break = False
            continue
        skip_break = False

        if isinstance(blk, b.Heading):
            level = min(max(blk.level, 0), 2)
            markup = st.markup(blk.text, f"h{level}")
            plain = " ".join(blk.text.split())
            last_heading = plain
            key = links.get(blk.anchor)
            if key is None or key in bookmarked:     # no anchor, or a repeated one
                key = f"briefing-h{i}"
            bookmarked.add(key)
            info = (key, level, markup, plain, blk.in_toc, blk.in_toc)
            if blk.in_toc:
                toc_entries.append((level, st.markup(blk.text, f"toc{level}"), key))
            bar = st.colour["accent"] if level == 1 else None
            if level == 1:
                # Don't start a section in the last few lines of a page.
                story.append(CondPageBreak(120))
            head = HeadingPara(markup, st[f"h{level}"], info, bar)
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if level == 2 and isinstance(nxt, _CHART_OR_TABLE):
                # Held, and kept on one page with the chart, so the heading is never left alone.
                held = [head]
            else:
                story.append(head)
        elif isinstance(blk, b.Para):
            style = blk.style if blk.style in ("body", "lead", "note", "source", "small") else "body"
            text = _link(st.markup(blk.text, style), blk.link, links)
            text += _ref_tail(st, (blk.ref,))
            story.append(Paragraph(text, st[style]))
        elif isinstance(blk, b.Findings):
            story += _findings(blk, st, doc.meta)
        elif isinstance(blk, b.Callouts):
            t = callout_row(blk, width, st, links)
            if t is not None:
                story.append(t)
        elif isinstance(blk, b.Summary):
            for item in blk.items:
                title = _link(st.markup(item.theme, "summary_title"), item.anchor, links)
                story.append(KeepTogether([Paragraph(title, st["summary_title"]),
                                           Paragraph(st.markup(item.text, "summary_text"), st["summary_text"])]))
        elif type(blk) in CHART_MAKERS:
            drawing = CHART_MAKERS[type(blk)](blk, chart_w, st)
            if drawing is not None:
                drawing = _fit(drawing, chart_max_h)
                drawing.__dict__["_briefing_alt"] = chart_alt(blk, doc.meta.lang)    # a Drawing refuses unknown attributes
                parts = held + chart_title(blk.title)
                parts += [Spacer(1, 4), drawing, Spacer(1, 2)] + _source(blk.source, st)
                story.append(KeepTogether(parts))
            else:
                story += held
            held = []
        elif isinstance(blk, b.Timeline):
            if blk.events:
                short = len(blk.events) <= KEEP_TIMELINE_EVENTS
                parts = ([] if short else [CondPageBreak(160)]) + held
                held = []
                if blk.title and " ".join(blk.title.split()) != last_heading:
                    parts.append(Paragraph(st.markup(blk.title, "h3"), st["h3" if short else "h3_free"]))
                parts += [Spacer(1, 6), TimelineFlowable(blk.events, st), Spacer(1, 4)]
                parts += _source(blk.source, st)
                story += [KeepTogether(parts)] if short else parts
            story += held
            held = []
        elif isinstance(blk, b.TableBlock):
            story += _table(blk, width, st, held, tdoc.height)
            held = []
        elif isinstance(blk, b.Contents):
            title = blk.title or label(doc.meta, "contents")
            info = (CONTENTS_KEY, 0, st.markup(title, "h0"), title, False, True)
            story += [HeadingPara(st.markup(title, "h0"), st["h0"], info), Contents(st, tdoc, toc_entries)]
    story += held
    if st.tpl.layout.balance and st.tpl.columns == 2:
        first = tdoc.pageTemplates[0].frames[-1]
        story = balance_columns(story, width, st, getattr(first, "_height", tdoc.height))
    return story


def chart_alt(blk, lang: str) -> str:
    """The chart's alternative text: the one compose wrote from the data, else written here the same way."""
    from briefing.compose.charts import describe
    return " ".join((getattr(blk, "alt", "") or describe(blk, lang) or blk.title or "").split())


def _measure(f, width: float) -> float:
    if isinstance(f, KeepTogether):
        return sum(_measure(x, width) for x in f._content)
    try:
        _, h = f.wrap(width, 1e6)
    except Exception:     # an action or a flowable that cannot be measured alone
        return 0.0
    return h + f.getSpaceBefore() + f.getSpaceAfter()


def balance_columns(story: list, width: float, st: Styles, column_height: float = 1e9) -> list:
    """Two columns on one page: break to the second column before the section heading that
    leaves the two columns most nearly even."""
    heights, starts = [], []
    for k, f in enumerate(story):
        if getattr(f, "_briefing_heading", None) and f._briefing_heading[1] == 1:
            starts.append(k)
        heights.append(_measure(f, width))
    total = sum(heights)
    if not starts or total <= 0:
        return story
    # Only breaks after which the rest still fits the second column (with some slack).
    fits = [k for k in starts if k and sum(heights[k:]) * 1.1 <= column_height]
    if not fits:
        return story
    best = min(fits, key=lambda k: abs(sum(heights[:k]) - total / 2))
    cut = best - 1 if best and isinstance(story[best - 1], CondPageBreak) else best
    return story[:cut] + [ColumnBreak()] + story[cut:]


class ColumnBreak(ActionFlowable):
    """Go to the next column, but only from the first one: if the text already flowed into the
    second column (the measure was short), breaking again would waste the rest of the page."""

    def apply(self, doc):
        if doc.frame is doc.pageTemplate.frames[0]:
            doc.handle_frameEnd()


def _ref_tail(st: Styles, parts) -> str:
    """Reference ("[A3]") and edit marker after a sentence, in small grey type."""
    parts = [st.fonts.markup(p) for p in parts if p]
    if not parts:
        return ""
    size, grey = st.tpl.type["source"].size, st.hex("muted")
    return f'&nbsp;<font size="{size}" color="{grey}">{" · ".join(parts)}</font>'


def _findings(blk: b.Findings, st: Styles, meta: b.DocMeta) -> list:
    out: list = []
    if not blk.items:
        return out
    if blk.title:
        out.append(Paragraph(st.markup(blk.title, "h3"), st["h3"]))
    edited = label(meta, "edited")
    group = object()      # the one list (L) of this block's findings
    for item in blk.items:
        text = st.markup(item.text, "finding")
        text += _ref_tail(st, (item.ref, edited if item.edited else ""))
        para = FindingPara(text, st["finding"], bulletText="\u2022")
        para._group["list"] = group
        out.append(para)
    if out:
        out.append(Spacer(1, 6))
    return out


def _table(blk: b.TableBlock, width: float, st: Styles, held: list = (), max_height: float | None = None) -> list:
    tables = data_tables(blk, width, st, max_height)
    if not tables:
        return list(held)
    long = len(blk.rows) > KEEP_TABLE_ROWS or len(tables) > 1
    parts: list = ([CondPageBreak(160)] if long else []) + list(held)
    if blk.title:
        parts.append(Paragraph(st.markup(blk.title, "h3"), st["h3_free" if long else "h3"]))
    for k, table in enumerate(tables):
        if k:
            parts.append(Spacer(1, 8))
        parts.append(table)
    notes = [Paragraph(st.markup(n, "note"), st["note"]) for n in blk.notes if n]
    if notes:
        parts.append(Spacer(1, 5))
        parts += notes
    if blk.source:
        if not notes:
            parts.append(Spacer(1, 3))
        parts += _source(blk.source, st)
    else:
        parts.append(Spacer(1, 12))
    return parts if long else [KeepTogether(parts)]
