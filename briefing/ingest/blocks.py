"""Year blocks: one sheet holding a block per year under one row of month headers (WSTS billings).

    (title rows)  WORLDWIDE MARKET BILLINGS (in thousands of U.S. dollars)
    (header row)           January  February ... December
    (year row)             1976                                  <- the year may sit in any column
    (series rows) Americas           ...
                  Worldwide          ...
    (blank)
    (year row)             1977 ...

The blocks are read as one series table: a row per series label (in order of first appearance),
a column per month in date order, each value keeping its own cell. A series that stops where
another starts (Asia Pacific to 2014, China and "Asia Pacific/All other" from 2015) is a break in
the publisher's breakdown, said in the notes. A "three-month moving average" in the title makes
each month's value the average of the three months ending there.
"""
from __future__ import annotations

import re
from typing import Any

from briefing.ingest.grid import SheetGrid
from briefing.ingest.periods import MONTHS, month_window
from briefing.ingest.tidy import money_unit
from briefing.model import Column, ImportIssue, Provenance, Table, cell_name
from briefing.model.table import PeriodInfo

_MOVING = re.compile(r"\b(three|3|six|6|twelve|12)[-\s]?month\s+moving\s+averages?\b|\b([36])mma\b", re.I)
_SPAN = {"three": 3, "3": 3, "six": 6, "6": 6, "twelve": 12, "12": 12}
_MISSING = re.compile(r"^(?:n/?a|-|–|—|\.\.|x|\*)$", re.I)


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return " ".join(str(v).split())


def _filled(v: Any) -> bool:
    """bool(_text(v)), without making the text: most cells of a year block are numbers."""
    if v is None:
        return False
    return not isinstance(v, str) or not (v == "" or v.isspace())


def _month(v: Any) -> int | None:
    return MONTHS.get(_text(v).lower().rstrip("."))


def _year(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)) and float(v).is_integer() and 1900 <= v <= 2100:
        return int(v)
    s = _text(v)
    return int(s) if re.fullmatch(r"(19|20)\d\d", s) else None


def _number(v: Any) -> float | None:
    if type(v) is float:
        return v
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    s = _text(v).replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def _header(grid: SheetGrid) -> tuple[int, dict[int, int]] | None:
    """(row, {column: month}) of the first row naming at least six months in calendar order."""
    for r, row in enumerate(grid.rows[:60]):
        months = {c: m for c, v in enumerate(row) if (m := _month(v))}
        if len(months) >= 6:
            seq = [months[c] for c in sorted(months)]
            if seq == sorted(seq) and len(set(seq)) == len(seq):
                return r, months
    return None


def read_blocks(path, sha: str, grid: SheetGrid, issues: list[ImportIssue]) -> Table | None:
    """The sheet's year blocks as one series table, or None when the sheet is not laid out so."""
    head = _header(grid)
    if head is None:
        return None
    hr, months = head
    first_month_col = min(months)
    blocks: list[tuple[int, int, list[tuple[int, str]]]] = []   # (year, year row, [(row, label)])
    notes: list[str] = []
    year = None
    for r in range(hr + 1, len(grid.rows)):
        row = grid.rows[r]
        filled = [(c, v) for c, v in enumerate(row) if _filled(v)]
        if not filled:
            continue
        if len(filled) == 1 and _year(filled[0][1]) is not None:
            year = _year(filled[0][1])
            blocks.append((year, r, []))
            continue
        label_cells = [(c, v) for c, v in filled if c < first_month_col and _number(v) is None]
        values = [c for c, v in filled if c in months and (_number(v) is not None or _MISSING.match(_text(v)))]
        if blocks and label_cells and values:
            blocks[-1][2].append((r, _text(label_cells[0][1])))
        elif not values and len(filled) <= 2:
            notes.append(" ".join(_text(v) for _, v in filled))
    blocks = [b for b in blocks if b[2]]
    if len(blocks) < 2 or len({b[0] for b in blocks}) != len(blocks):
        return None
    years = [b[0] for b in blocks]
    if years != sorted(years):
        return None
    title_rows = [" ".join(_text(v) for v in row if _text(v)) for row in grid.rows[:hr]]
    title_rows = [t for t in title_rows if t]
    title = title_rows[0] if title_rows else grid.name
    subtitle = " ".join(title_rows[1:3])
    words = f"{title} {subtitle}"
    unit = money_unit(words)
    m = _MOVING.search(words)
    span = _SPAN.get((m.group(1) or m.group(2) or "").lower(), 1) if m else 1
    labels: list[str] = []
    for _, _, rows in blocks:
        for _, lab in rows:
            if lab not in labels:
                labels.append(lab)
    # One column per month with any value, in date order.
    cols: list[Column] = []
    infos: list[PeriodInfo] = []
    first_seen: dict[str, str] = {}
    last_seen: dict[str, str] = {}
    markers = []
    for y, yr, rows in blocks:
        at = {lab: r for r, lab in rows}
        year_cell = cell_name(grid.abs_row(yr), grid.abs_col(next(c for c, v in enumerate(grid.rows[yr]) if _filled(v))))
        for c in sorted(months):
            mo = months[c]
            vals, cell_rows, notes_v = [], [], []
            for lab in labels:
                r = at.get(lab)
                raw = grid.rows[r][c] if r is not None and c < len(grid.rows[r]) else None
                x = _number(raw)
                vals.append(x)
                cell_rows.append(grid.abs_row(r if r is not None else rows[0][0]))
                note = _text(raw) if x is None and _text(raw) else ""
                notes_v.append(note)
                if note:
                    markers.append(cell_name(grid.abs_row(r), grid.abs_col(c)))
            if all(x is None for x in vals):
                continue
            code = f"{y}-{mo:02d}"
            for lab, x in zip(labels, vals):
                if x is not None:
                    first_seen.setdefault(lab, code)
                    last_seen[lab] = code
            start, end = month_window(y, mo, span)
            infos.append(PeriodInfo(len(cols) + 1, code, start.isoformat(), end.isoformat(),
                                    source=f"{year_cell} + {cell_name(grid.abs_row(hr), grid.abs_col(c))}"))
            cols.append(Column(code, "money" if unit else "number", tuple(vals), unit, source_col=grid.abs_col(c),
                               notes=tuple(notes_v) if any(notes_v) else (), cell_rows=tuple(cell_rows)))
    if len(cols) < 2:
        return None
    label_col_i = min(c for _, _, rows in blocks for c, v in enumerate(grid.rows[rows[0][0]]) if _filled(v))
    geo = any(re.match(r"^(?:world|worldwide|global|全球|世界)$", lab.strip(), re.I) for lab in labels)
    label_col = Column("Region" if geo else "Series", "label", tuple(labels), source_col=grid.abs_col(label_col_i))
    first_rows = {}
    for _, _, rows in blocks:
        for r, lab in rows:
            first_rows.setdefault(lab, grid.abs_row(r))
    last = max(c for c in cols[-1:] for c in [c])
    del last
    bottom = grid.abs_row(blocks[-1][2][-1][0])
    right = max(grid.abs_col(c) for c in months)
    rng = f"{cell_name(grid.abs_row(hr), grid.abs_col(0))}:{cell_name(bottom, right)}"
    file = path.name
    breaks = _breaks(labels, first_seen, last_seen, cols[0].name, cols[-1].name)
    table_notes = tuple(breaks) + tuple(n for n in notes if n)[:20]
    if span > 1:
        table_notes = (f"Each value is the average of the {span} months ending in the month shown.",) + table_notes
    roles = _total_role(labels, cols)
    t = Table(
        row_roles=roles,
        key=f"{file}|{grid.name}|{rng}", title=_sentence_case(title), subtitle=_sentence_case(subtitle),
        columns=(label_col, *cols), provenance=Provenance(str(path.resolve()), grid.name, rng, sha),
        source_rows=tuple(first_rows[lab] for lab in labels), header_row=grid.abs_row(hr), notes=table_notes,
        layout="series", period_columns=tuple(range(1, len(cols) + 1)), period_info=tuple(infos),
        roles=(("label", 0),))
    issues.append(ImportIssue("info", file, grid.name, f"{rng}: {len(blocks)} year blocks ({years[0]}-{years[-1]}) "
                              f"under one row of months, read as one series of {len(cols)} months x {len(labels)} "
                              f"rows{f'; each value a {span}-month moving average' if span > 1 else ''}"
                              f"{f'; values in {unit}' if unit else ''}"))
    moved = [b for b in blocks if next(c for c, v in enumerate(grid.rows[b[1]]) if _filled(v)) !=
             next(c for c, v in enumerate(grid.rows[blocks[0][1]]) if _filled(v))]
    if moved:
        issues.append(ImportIssue("info", file, grid.name, "year labels in another column for "
                                  f"{', '.join(str(b[0]) for b in moved)} (read the same)"))
    if markers:
        issues.append(ImportIssue("info", file, grid.name, f"cells marked as not available: {', '.join(markers[:8])}"
                                  f"{' and more' if len(markers) > 8 else ''}"))
    return t


_TOTAL = re.compile(r"^(?:world|worldwide|world total|total|all|global|grand total|全球|世界|合计|合計|总计|總計)$", re.I)


def _total_role(labels: list[str], cols: list[Column]) -> tuple[tuple[int, str, str], ...]:
    """The total row (Worldwide), with the reason: named so, and the sum of the other rows where checked."""
    tot = next((i for i, lab in enumerate(labels) if _TOTAL.match(lab.strip())), None)
    if tot is None:
        return ()
    last = next((c for c in reversed(cols) if c.values[tot] is not None), None)
    why = f"'{labels[tot]}' names the total"
    if last is not None:
        parts = [v for i, v in enumerate(last.values) if i != tot and v is not None]
        if parts and abs(sum(parts) - last.values[tot]) <= 0.005 * abs(last.values[tot]):
            why += f" and equals the sum of the other rows in {last.name}"
    return ((tot, "total", why),)


def _breaks(labels, first_seen, last_seen, first_code, last_code) -> list[str]:
    """Series that start after the first period or stop before the last: breaks in the breakdown."""
    out = []
    starts = [lab for lab in labels if first_seen.get(lab, first_code) != first_code]
    stops = [lab for lab in labels if last_seen.get(lab, last_code) != last_code]
    for lab in starts:
        ended = [s for s in stops if last_seen[s] < first_seen[lab]]
        before = f", {' and '.join(ended)} until {last_seen[ended[0]]}" if ended else ""
        out.append(f"Break in the breakdown: {lab} is reported from {first_seen[lab]}{before}; "
                   "the series are not compared across the break.")
    for lab in stops:
        if not any(lab in n for n in out):
            out.append(f"{lab} is reported until {last_seen[lab]}.")
    return out


def _sentence_case(text: str) -> str:
    """"WORLDWIDE MARKET BILLINGS (in thousands of U.S. dollars)" -> "Worldwide market billings (in ...)"."""
    letters = [ch for ch in text.split("(")[0] if ch.isalpha()] or [ch for ch in text if ch.isalpha()]
    caps = sum(ch.isupper() for ch in letters)
    if not letters or caps < 0.7 * len(letters):
        return text
    out = []
    inside = False
    for w in text.split(" "):
        inside = inside or w.startswith("(")
        if inside and not w.isupper() and letters != [ch for ch in text if ch.isalpha()]:
            out.append(w)
            continue
        out.append(w if re.fullmatch(r"[A-Z]\.?([A-Z]\.)+|[A-Z]{2,4}\d*", w) and len(w) <= 4 else w.lower())
    s = " ".join(out)
    return s[:1].upper() + s[1:]
