"""A vertical dated timeline flowable: dots on a rule, date left, label and wrapped detail right."""
from __future__ import annotations

from reportlab.lib.colors import white
from reportlab.platypus import Flowable, Paragraph

from briefing.compose.blocks import TimelineEvent
from briefing.render.styles import Styles
from briefing.render.tagging import artifact, tags_of

GAP = 9          # between events
DOT_R = 3.6


class TimelineFlowable(Flowable):
    """Splits between events, so a long timeline carries on onto the next page."""

    _briefing_self_tags = True       # a list (L): an item per event, its date the label

    def __init__(self, events: tuple[TimelineEvent, ...], st: Styles, *, continues: bool = False,
                 goes_on: bool = False, group=None):
        super().__init__()
        self.group = group if group is not None else object()   # shared by the pieces of a split
        self.events = tuple(events)
        self.st = st
        self.continues = continues     # the line enters from the previous page
        self.goes_on = goes_on         # the line leaves for the next page
        f = st.fonts
        self._items = [(Paragraph(st.markup(e.when, "tl_when"), st["tl_when"]),
                        Paragraph(st.markup(e.label, "tl_label"), st["tl_label"]),
                        Paragraph(st.markup(e.detail, "tl_detail"), st["tl_detail"]) if e.detail else None)
                       for e in self.events]
        size = st.tpl.type["small"].size
        self.date_w = min(96.0, max([f.width(e.when, size, bold=True) for e in self.events] + [30]) + 4)
        self._layout = []

    def _measure(self, width: float) -> list[float]:
        text_x = self.date_w + 26
        text_w = max(60.0, width - text_x)
        heights = []
        for when, label, detail in self._items:
            when.wrap(self.date_w, 1e6)
            h = label.wrap(text_w, 1e6)[1]
            if detail is not None:
                h += label.style.spaceAfter + detail.wrap(text_w, 1e6)[1]
            heights.append(max(h, when.height))
        return heights

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self._heights = self._measure(availWidth)
        self.height = sum(self._heights) + GAP * max(0, len(self._heights) - 1)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        heights = self._measure(availWidth)
        used, k = 0.0, 0
        for h in heights:
            need = h + (GAP if k else 0)
            if used + need > availHeight:
                break
            used += need
            k += 1
        if k == 0 or k == len(heights):
            return []
        return [TimelineFlowable(self.events[:k], self.st, continues=self.continues, goes_on=True, group=self.group),
                TimelineFlowable(self.events[k:], self.st, continues=True, goes_on=self.goes_on, group=self.group)]

    def draw(self):
        c = self.canv
        st = self.st
        line_x = self.date_w + 12
        text_x = self.date_w + 26
        y = self.height
        dots = []
        t = tags_of(c)
        lst = t.group(self.group, "L") if t is not None else None
        for (when, label, detail), h in zip(self._items, self._heights):
            first = label.style.leading
            if t is not None:
                li = t.node("LI", lst)
                lbl, body = t.node("Lbl", li), t.node("LBody", li)
                mark = t.begin(c, lbl)
            when.drawOn(c, 0, y - when.height + (when.style.leading - first) / 2 - 0.5)
            if t is not None:
                t.end(c, mark)
                mark = t.begin(c, body)
            label.drawOn(c, text_x, y - label.height)
            if detail is not None:
                detail.drawOn(c, text_x, y - label.height - label.style.spaceAfter - detail.height)
            if t is not None:
                t.end(c, mark)
            dots.append(y - first * 0.62)
            y -= h + GAP
        with artifact(c):
            self._draw_line(c, line_x, dots)

    def _draw_line(self, c, line_x: float, dots: list) -> None:
        st = self.st
        c.saveState()
        c.setStrokeColor(st.colour["rule"])
        c.setLineWidth(1.4)
        top = self.height if self.continues else dots[0]
        c.line(line_x, top, line_x, 0 if self.goes_on else dots[-1])
        c.setFillColor(st.colour["accent"])
        c.setStrokeColor(white)
        c.setLineWidth(1.2)
        for dy in dots:
            c.circle(line_x, dy, DOT_R, stroke=1, fill=1)
        c.restoreState()
