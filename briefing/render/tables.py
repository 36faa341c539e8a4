"""Data tables (header repeated on every page, numbers right-aligned) and the callout row."""
from __future__ import annotations

from reportlab.platypus import Paragraph, Table, TableStyle

from briefing.compose.blocks import Callouts, TableBlock
from briefing.render.styles import Styles
from briefing.render.tagging import TableTags

MIN_COL = 30.0
MIN_TAIL = 3        # a table split across pages carries at least this many rows over


class DataTable(Table):
    """A Table that never leaves one or two rows alone on the next page (widow control), and that
    splits inside a row only when the row is taller than a whole page could ever hold (a cell of
    very long text), where ReportLab would otherwise fail the build with a LayoutError."""

    max_row_height: float | None = None    # the frame height; None: never split inside a row
    _briefing_self_tags = True             # its renderCB (TableTags) tags rows and cells

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if not parts and self.max_row_height and not self.splitInRow:
            heights = getattr(self, "_rowHeights", None) or []
            if heights and max(heights) > self.max_row_height:
                self.splitInRow = 1
                try:
                    parts = super().split(availWidth, availHeight)
                finally:
                    self.splitInRow = 0
        if len(parts) != 2:
            return parts
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        kept = len(parts[0]._cellvalues)
        tail = len(parts[1]._cellvalues) - head
        if 0 < tail < MIN_TAIL and kept - head > MIN_TAIL + 2:
            heights = getattr(self, "_rowHeights", None) or []
            move = MIN_TAIL - tail
            if len(heights) >= kept:
                less = sum(heights[kept - move:kept]) + 0.5
                again = super().split(availWidth, availHeight - less)
                if len(again) == 2:
                    return again
        return parts


def _natural_widths(rows: list[list[str]], st: Styles, size: float) -> list[float]:
    """Width each column would like (longest cell), and the least it can take (longest word)."""
    fonts = st.fonts
    ncol = len(rows[0])
    want = [MIN_COL] * ncol
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            w = fonts.width(text, size, bold=r == 0)
            want[c] = max(want[c], w)
    return want


def column_widths(block: TableBlock, header: list[str], body: list[list[str]], width: float,
                  st: Styles, size: float, pad: float) -> list[float]:
    ncol = len(header)
    weights = list(block.col_weights)
    if len(weights) == ncol and all(w > 0 for w in weights):
        total = sum(weights)
        return [width * w / total for w in weights]
    want = [w + 2 * pad for w in _natural_widths([header] + body, st, size)]
    if sum(want) <= width:
        # Everything fits on one line: give the spare room to the text columns, which read
        # better wide, and keep number columns snug.
        spare = width - sum(want)
        text_cols = [c for c in range(ncol) if _align(block, c) == "left"] or list(range(ncol))
        share = spare / len(text_cols)
        return [w + (share if c in text_cols else 0) for c, w in enumerate(want)]
    # Too wide: cap long columns so that short ones keep their natural width.
    cap = width / ncol
    fixed = [w for w in want if w <= cap]
    flex = [w for w in want if w > cap]
    room = width - sum(fixed)
    flex_total = sum(flex) or 1
    return [w if w <= cap else max(MIN_COL, room * w / flex_total) for w in want]


def _align(block: TableBlock, col: int) -> str:
    return block.align[col] if col < len(block.align) else "left"


WIDE_SHRINK = 0.86      # a wide table first sets its type this much smaller


def _min_widths(header, body, block, st: Styles, size: float, pad: float) -> list[float]:
    """The least each column can take: numbers never wrap; text wraps at spaces (headers too)."""
    fonts = st.fonts
    out = []
    for c in range(len(header)):
        cells = [row[c] for row in body]
        if _align(block, c) == "right":
            w = max([fonts.width(t, size) for t in cells] + [0])
        else:
            w = max([fonts.width(word, size) for t in cells for word in t.split()] + [0])
            w = max(w, min(90.0, max([fonts.width(t, size) for t in cells] + [0])))
        w = max([w] + [fonts.width(word, size, bold=True) for word in header[c].split()] + [18.0])
        out.append(w + 2 * pad)
    return out


def column_groups(block: TableBlock, width: float, st: Styles) -> tuple[float, list[list[int]]]:
    """(type size, column groups): one group when the table fits, perhaps in smaller type;
    otherwise groups of columns that each fit, the label column repeated in every group."""
    appendix = block.style == "appendix"
    size = st.tpl.type["appendix" if appendix else "table"].size
    pad = 3.5 if appendix else 5.0
    ncol = len(block.header)
    header = [str(h) for h in block.header]
    body = [[str(v) for v in list(row)[:ncol]] + [""] * (ncol - len(row)) for row in block.rows]
    if len(block.col_weights) == ncol or sum(_min_widths(header, body, block, st, size, pad)) <= width:
        return size, [list(range(ncol))]
    small = round(size * WIDE_SHRINK, 2)
    mins = _min_widths(header, body, block, st, small, pad - 1)
    if sum(mins) <= width:
        return small, [list(range(ncol))]
    groups, cur, used = [], [0], mins[0]
    for c in range(1, ncol):
        if used + mins[c] > width and len(cur) > 1:
            groups.append(cur)
            cur, used = [0], mins[0]
        cur.append(c)
        used += mins[c]
    groups.append(cur)
    # Even groups read better than a full one and a stub: spread the columns over as many groups.
    rest = list(range(1, ncol))
    per = -(-len(rest) // len(groups))
    return small, [[0] + rest[k:k + per] for k in range(0, len(rest), per)]


def data_tables(block: TableBlock, width: float, st: Styles, max_height: float | None = None) -> list[Table]:
    """The table, or for one too wide for the page, one table per column group."""
    if not block.header:
        return []
    size, groups = column_groups(block, width, st)
    if len(groups) == 1 and len(groups[0]) == len(block.header):
        t = data_table(block, width, st, size=size)
        if t is not None:
            t.max_row_height = max_height
        return [t] if t is not None else []
    out = []
    for cols in groups:
        sub = TableBlock(block.title, tuple(block.header[c] for c in cols),
                         tuple(tuple(row[c] if c < len(row) else "" for c in cols) for row in block.rows),
                         tuple(_align(block, c) for c in cols), style=block.style)
        t = data_table(sub, width, st, size=size)
        if t is not None:
            t.max_row_height = max_height
            out.append(t)
    return out


def data_table(block: TableBlock, width: float, st: Styles, size: float | None = None) -> Table | None:
    if not block.header:
        return None
    fonts = st.fonts
    appendix = block.style == "appendix"
    ncol = len(block.header)
    header = [str(h) for h in block.header]
    body = [[str(v) for v in list(row)[:ncol]] + [""] * (ncol - len(row)) for row in block.rows]
    base = st.tpl.type["appendix" if appendix else "table"].size
    size = size or base
    pad = 3.5 if appendix else 5.0
    if size != base:
        pad -= 1
    widths = column_widths(block, header, body, width, st, size, pad)
    if sum(widths) > width + 0.5 and len(block.col_weights) != ncol:
        mins = _min_widths(header, body, block, st, size, pad)
        spare = max(0.0, width - sum(mins))
        flex = [c for c in range(ncol) if _align(block, c) == "left"] or list(range(ncol))
        widths = [m + (spare / len(flex) if c in flex else 0) for c, m in enumerate(mins)]

    def cell(text: str, col: int, head: bool) -> Paragraph:
        right = _align(block, col) == "right"
        role = ("ahead" if head else "acell") if appendix else ("head" if head else "cell")
        role += "_r" if right else ""
        style = st[role]
        if size != style.fontSize:
            style = _sized(style, size)
        return Paragraph(st.markup(text, role), style)

    data = [[cell(h, c, True) for c, h in enumerate(header)]]
    data += [[cell(v, c, False) for c, v in enumerate(row)] for row in body]
    ink, rule = st.colour["ink"], st.colour["rule"]
    vpad = 2.2 if appendix else 4.2
    cmds = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), vpad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), vpad + 0.6),
        ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, ink),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, ink),
        ("LINEBELOW", (0, -1), (-1, -1), 0.9, ink),
    ]
    if len(data) > 2:
        cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, st.colour["zebra"]]))
    if appendix:
        cmds.append(("LINEBELOW", (0, 1), (-1, -2), 0.25, rule))
    table = DataTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT", style=TableStyle(cmds),
                      renderCB=TableTags("data", header_rows=1))
    return table


_SIZED: dict = {}


def _sized(style, size: float):
    key = (style.name, id(style), size)
    if key not in _SIZED:
        from reportlab.lib.styles import ParagraphStyle
        _SIZED[key] = ParagraphStyle(f"{style.name}@{size}", parent=style, fontSize=size,
                                     leading=round(style.leading * size / style.fontSize, 2))
    return _SIZED[key]


def callout_row(block: Callouts, width: float, st: Styles, links: dict[str, str]) -> Table | None:
    items = list(block.items)[:4]
    if not items:
        return None
    fonts = st.fonts
    gap = 12.0
    n = len(items)
    box = (width - gap * (n - 1)) / n
    cells, widths = [], []
    for k, item in enumerate(items):
        value = st.markup(item.value, "callout_value")
        key = links.get(item.link)
        if key:
            value = f'<a href="#{key}">{value}</a>'
        # Shrink a long value so it never wraps mid-number.
        vstyle = st["callout_value"]
        size = vstyle.fontSize
        while size > 12 and fonts.width(item.value, size, bold=True) > box - 20:
            size -= 1
        if size != vstyle.fontSize:
            value = f'<font size="{size}">{value}</font>'
        cells.append([Paragraph(value, vstyle), Paragraph(st.markup(item.label, "callout_label"), st["callout_label"])])
        widths.append(box)
        if k < n - 1:
            cells.append("")
            widths.append(gap)
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 9), ("BOTTOMPADDING", (0, 0), (-1, -1), 11),
            ("FONTNAME", (0, 0), (-1, -1), fonts.regular)]
    for k in range(n):
        col = 2 * k
        cmds += [("BACKGROUND", (col, 0), (col, 0), st.colour["panel"]),
                 ("LINEABOVE", (col, 0), (col, 0), 2.5, st.colour["accent"])]
    t = Table([cells], colWidths=widths, hAlign="LEFT", style=TableStyle(cmds), renderCB=TableTags("layout"))
    t.spaceBefore, t.spaceAfter = 4, 16
    t._briefing_self_tags = True
    return t

