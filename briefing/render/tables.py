"""Data tables (header repeated on every page, numbers right-aligned) and the callout row."""
from __future__ import annotations

from reportlab.platypus import Paragraph, Table, TableStyle

from briefing.compose.blocks import Callouts, TableBlock
from briefing.render.styles import Styles

MIN_COL = 30.0


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


def data_table(block: TableBlock, width: float, st: Styles) -> Table | None:
    if not block.header:
        return None
    fonts = st.fonts
    appendix = block.style == "appendix"
    ncol = len(block.header)
    header = [str(h) for h in block.header]
    body = [[str(v) for v in list(row)[:ncol]] + [""] * (ncol - len(row)) for row in block.rows]
    size = st.tpl.type["appendix" if appendix else "table"].size
    pad = 3.5 if appendix else 5.0
    widths = column_widths(block, header, body, width, st, size, pad)

    def cell(text: str, col: int, head: bool) -> Paragraph:
        right = _align(block, col) == "right"
        role = ("ahead" if head else "acell") if appendix else ("head" if head else "cell")
        role += "_r" if right else ""
        return Paragraph(st.markup(text, role), st[role])

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
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", style=TableStyle(cmds))
    return table


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
    t = Table([cells], colWidths=widths, hAlign="LEFT", style=TableStyle(cmds))
    t.spaceBefore, t.spaceAfter = 4, 16
    return t

