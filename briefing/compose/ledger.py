"""The audit ledger of a composed briefing: each number its blocks print, traced to a cell or a derivation.

Compose decides what is printed, so the ledger is read off its typed blocks: a section's sentences
from the findings behind them (their cited cells, then their derivation), a table's or chart's numbers
from that table's cells (at the precision and scale printed: 0.54 as "54%", 47,980,000 thousand dollars
as "48.0" billion), numbers inside titles, labels and dates from the cells or headers they are copied
from. A number found nowhere is entered as kind "none": a number printed without a source.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter
from dataclasses import replace
from typing import Iterable, Mapping, Sequence

from briefing.analysis.numbers import fmt_date
from briefing.analysis.phrasing import load
from briefing.analysis.stats import small_base_limit, z_value
from briefing.compose.blocks import (BarChart, Callouts, Contents, Cover, DivergingBarChart, Document, Findings,
                                     GroupedBarChart, Heading, LineChart, Para, Summary, TableBlock, Timeline)
from briefing.compose.data_appendix import DATA_ANCHOR, used_tables
from briefing.ingest.periods import MONTHS
from briefing.model import BriefingSpec, Finding, Table, Theme, cell_name
from briefing.model.ledger import NUMBER, Cell, Entry, Ledger, number_key, number_tokens

CONTEXT_CHARS = 160
MAX_TEXT_SOURCES = 8          # places one number is written in a table's texts, kept to choose from
# Cells of one column holding the same value kept as its sources: `find` returns at most 64, and a
# sheet of a million repeated rows made every lookup scan them all (fuzz seed 17: a build past 60 s).
MAX_SAME_VALUE = 64
MAX_CITED_CELLS = 20_000      # cells of one finding's citations looked at (a whole column of a long file)

# How a value may be scaled to the number printed: percentages x 100; amounts to a round unit
# (thousands of dollars printed in billions; millions as 万 or 亿 in Chinese).
_PERCENT_FACTORS = (100.0, 1.0)
_AMOUNT_FACTORS = (1.0,) + tuple(10.0 ** k for k in range(-12, 4) if k)
_FACTORS = sorted(set(_PERCENT_FACTORS + _AMOUNT_FACTORS), key=lambda f: (f not in (1.0, 100.0), abs(math.log10(f))))


_DIGIT = re.compile(r"\d").search
_SCALE_WORD = re.compile(r"\s?(?:trillion|billion|million|thousand|bn\b|mn\b|m\b|k\b|万|亿|千)")


_MONTHS = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"
_DATE_AFTER = re.compile(r"(?:\s*[-–]\s*\d{1,2})?\s*(?:" + _MONTHS + r"|[-–]\s*\d|年|月|日)", re.I)
_DATE_BEFORE = re.compile(r"(?:" + _MONTHS + r"\s*|[-–/]|年|月)$", re.I)


def _is_date(what: str) -> bool:
    return "date" in what or "period" in what


def _context(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= CONTEXT_CHARS else text[:CONTEXT_CHARS - 1] + "…"


def _decimals(key: str) -> int:
    return len(key.split(".", 1)[1]) if "." in key else 0


def _same(printed: str, exact: str) -> bool:
    """Whether `exact` (a number of a derivation, "7.70") rounds to `printed` ("7.7")."""
    try:
        a, b = float(printed), float(exact)
    except ValueError:
        return False
    if not _decimals(printed) and _decimals(exact) and float(exact) != int(float(exact)):
        return False        # a whole number printed is no rounding of 2.61 ("3" months, "3" rows)
    return abs(a - b) <= 0.5 * 10.0 ** -_decimals(printed) * (1 + 1e-9) + 1e-12


def _value_text(v) -> str:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else str(v)


def _date_texts(v, lang: str) -> list[str]:
    out = [str(v)]
    for long in (False, True):
        try:
            out.append(fmt_date(v, lang, long))
        except (ValueError, TypeError, OverflowError):
            pass
    return out


def _expand(cite: str) -> tuple[str, set[str]]:
    """("Sheet", {"A5", "B5", "C5"}) of a citation such as "Sheet!A5:C5" or "'A b'!A13,L355"."""
    sheet, _, cells = cite.rpartition("!")
    sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") and sheet.endswith("'") else sheet
    out: set[str] = set()
    for part in cells.split(","):
        m = re.fullmatch(r"\s*([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\s*", part)
        if not m:
            continue
        c1, r1 = _col(m.group(1)), int(m.group(2)) - 1
        c2, r2 = (_col(m.group(3)), int(m.group(4)) - 1) if m.group(3) else (c1, r1)
        if (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1) + len(out) > MAX_CITED_CELLS:
            continue
        for r in range(min(r1, r2), max(r1, r2) + 1):
            for c in range(min(c1, c2), max(c1, c2) + 1):
                out.add(cell_name(r, c))
    return sheet, out


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class _TableIndex:
    """A table's numbers (sorted, to find the cell behind a printed number) and the numbers in its texts."""

    def __init__(self, table: Table, lang: str):
        self.table = table
        prov = table.provenance
        self.file, self.sheet = prov.file_name, prov.sheet
        self.values: list[tuple[float, int, int, str]] = []     # (|value|, row, column, what it is)
        z = z_value(lang)
        roles = {r for r, _, _ in table.row_roles}
        for ci, c in enumerate(table.columns):
            if not c.is_numeric:
                continue
            same: dict[object, int] = {}
            # The same steps as c.base(r) / c.error(r) a cell, with the column's tuples looked up once:
            # a 5,000-row estimates sheet made these calls tens of thousands of times.
            bases, errors, counts = c.bases or None, c.errors or None, c.counts or None
            add = self.values.append
            if not (bases or errors or counts) and max(Counter(c.values).values(), default=0) <= MAX_SAME_VALUE:
                # Values alone and none repeated past the limit (most columns): what the loop below
                # keeps, in one comprehension.
                self.values.extend((abs(float(v)), r, ci, "value") for r, v in enumerate(c.values)
                                   if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v))
            else:
                for r, v in enumerate(c.values):
                    seen = same[v] = same.get(v, 0) + 1
                    b = bases[r] if bases else None
                    e = errors[r] if errors else None
                    if seen > MAX_SAME_VALUE and b is None and e is None and not counts:
                        continue
                    if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
                        add((abs(float(v)), r, ci, "value"))
                    if b is not None and isinstance(b, (int, float)) and math.isfinite(b):
                        add((abs(float(b)), r, ci, "base"))
                    if counts:
                        n = counts[r] if r < len(counts) else None
                        if isinstance(n, (int, float)) and math.isfinite(n):
                            add((abs(float(n)), r, ci, "count"))
                    if e is not None and isinstance(e, (int, float)) and math.isfinite(e):
                        add((abs(float(e)) * z, r, ci, "moe"))
            # An amount the briefing totals over the members (lines of a file that gives no total).
            members = [r for r, v in enumerate(c.values) if isinstance(v, (int, float)) and not isinstance(v, bool)
                       and math.isfinite(v) and r not in roles]
            if len(members) >= 2:
                self.values.append((abs(float(sum(c.values[r] for r in members))), -1, ci, "sum"))
        self.values.sort()
        self.mixed = any(c.name.strip().lower() in ("unit", "units", "单位") for c in table.columns)
        self._abs = [x[0] for x in self.values]
        # A number as printed -> where it is written, what that is, and the period it dates ("" if none).
        self.texts: dict[str, list[tuple[Cell, str, str]]] = {}
        self._kept: set[tuple[str, tuple[Cell, str, str]]] = set()
        self._index_texts(lang)

    def cell(self, ref: str, value) -> Cell:
        return Cell(self.file, self.sheet, ref, _value_text(value))

    def _add(self, text, cell: Cell, what: str, period: str = "") -> None:
        # Keyed as printed ("67%", "1,046", "2024"): a share in a sentence is no number in a label.
        text = str(text)
        if _DIGIT(text):
            for tok in number_tokens(text):
                found = self.texts.setdefault(tok, [])
                # Every period's dates are kept (the one a sentence names is chosen); other texts a few.
                # Seen entries are a set: a list's `in` made a 576-month series quadratic (1.3 s).
                entry = (cell, what, period)
                if (period or len(found) < MAX_TEXT_SOURCES) and (tok, entry) not in self._kept:
                    found.append(entry)
                    self._kept.add((tok, entry))

    def text_source(self, tok: str, text: str, datey: bool, dates_only: bool = False) -> tuple[Cell, str] | None:
        """Where the number `tok` of `text` is written in the table's texts: when it reads as a date,
        the dates of the period the text names first (the day of "202319 (11-24 Sep 2023)" is that
        fortnight's, not a question's number 11); a day or month that reads as none is no date's."""
        found = self.texts.get(tok, ())
        if datey:
            dates = [x for x in found if _is_date(x[1])]
            words = set(number_tokens(text)) | set(re.findall(r"\w+", text))
            named = [x for x in dates if x[2] and x[2] in words]
            for cell, what, _ in named or dates:
                return cell, what
        if dates_only:
            return None
        return next(((cell, what) for cell, what, _ in found if datey or not _is_date(what)), None)

    def _index_texts(self, lang: str) -> None:
        t = self.table
        whole = t.provenance.cite()
        for text, what in ((t.title, "the table's title"), (t.subtitle, "the table's subtitle"),
                           (t.source, "the table's source line"), (t.fieldwork, "the fieldwork dates")):
            if text:
                self._add(text, Cell(self.file, self.sheet, "", _context(text)), f"{what} ({whole})")
                self._add(t.term(text, lang), Cell(self.file, self.sheet, "", _context(text)), f"{what} ({whole})")
        if t.fieldwork:
            # "9th - 13th October 2023" is printed "9-13 October 2023" (2023年10月9-13日).
            plain = re.sub(r"(\d+)(?:st|nd|rd|th)\b", r"\1", t.fieldwork)
            months = {MONTHS[w.lower()] for w in re.findall(r"[A-Za-z]+", plain) if w.lower() in MONTHS}
            self._add(plain + " " + " ".join(str(m) for m in sorted(months)),
                      Cell(self.file, self.sheet, "", _context(t.fieldwork)), f"the fieldwork dates ({whole})")
        for code in {m.group(1) for _, _, why in t.row_roles if (m := re.search(r"member of (\S+)", why))} | \
                {b for _, b in t.blocs}:
            from briefing.ingest.tidy import code_list
            names = code_list("geo").get("codes", {}).get(code) or ()
            self._add(" ".join((code, *names)), Cell(self.file, self.sheet, "", code),
                      "the name of a group of countries")
        for note in t.notes:
            self._add(note, Cell(self.file, self.sheet, "", _context(note)), f"a note of the table ({whole})")
        for ci, c in enumerate(t.columns):
            head = self.cell(cell_name(t.header_row, c.source_col), c.name)
            self._add(c.name, head, "a column header")
            self._add(t.term(c.name, lang), head, "a column header")
            for text in _date_texts(c.name, lang):
                self._add(text, head, "a column header (a period)", c.name)
            if c.is_numeric:
                continue
            # Past MAX_TEXT_SOURCES rows a repeated value adds nothing: each of its numbers is full.
            same: dict[object, int] = {}
            for r, v in enumerate(c.values):
                if v is None:
                    continue
                seen = same[v] = same.get(v, 0) + 1
                if seen > MAX_TEXT_SOURCES:
                    continue
                cell = self.cell(t.cell_ref(r, ci), v)
                for text in ([str(v), t.code_name(str(v), lang)] +
                             (_date_texts(v, lang) if c.kind == "date" else [])):
                    self._add(text, cell, "a label" if c.kind == "label" else "a date" if c.kind == "date" else
                              "a text cell")
        for p in t.period_info:
            where = p.source or whole
            sheet, _, ref = where.rpartition("!")
            cell = Cell(self.file, sheet.strip("'"), ref, f"{p.start} to {p.end}")
            self._add(p.code, cell, "the period's code", p.code)
            for iso in (p.start, p.end, p.ref_start, p.ref_end):
                try:
                    d = dt.date.fromisoformat(iso)
                except ValueError:
                    continue
                for text in _date_texts(d, lang) + [str(d.day), str(d.year)]:
                    self._add(text, cell, "the publisher's dates of the period", p.code)
        for code, en, zh, where in t.codes:
            self._add(" ".join((code, en, zh)), Cell(self.file, self.sheet, "", code), f"a code named by {where}")
        for text, en, zh in t.terms:
            self._add(" ".join((en, zh)), Cell(self.file, self.sheet, "", text), "a term of the table")
        self._add(self.sheet, Cell(self.file, self.sheet, "", self.sheet), "the sheet's name")
        stem = self.file.rsplit(".", 1)[0]
        self._add(" ".join(stem.replace("_", " ").split()), Cell(self.file, "", "", self.file), "the file's name")

    def factors(self, col: int) -> tuple[float, ...]:
        c = self.table.columns[col]
        if c.kind == "percent" or c.unit == "%":
            return _PERCENT_FACTORS
        # A column of mixed units (a unit column beside it: "%" on one row, "USD m" on the next).
        return _AMOUNT_FACTORS if c.kind == "money" or c.unit or self.mixed else _PERCENT_FACTORS

    def find(self, key: str, limit: int = 64, scaled: bool = True, whole: bool = False
             ) -> list[tuple[int, int, str, float]]:
        """Cells whose value, scaled as the briefing prints it, rounds to `key`: (row, col, what, factor).
        With `whole`, a whole number printed is only a value that is one (11 is not 10.79% rounded)."""
        try:
            x = float(key)
        except ValueError:
            return []
        half = 0.5 * 10.0 ** -_decimals(key) * (1 + 1e-9) + 1e-12
        out: list[tuple[int, int, str, float]] = []
        for f in _FACTORS:
            lo = bisect.bisect_left(self._abs, (x - half) / f)
            hi = bisect.bisect_right(self._abs, (x + half) / f)
            for v, r, c, what in self.values[lo:hi]:
                if whole and not _decimals(key) and abs(v * f - round(v * f)) > 1e-6 * max(1.0, v * f):
                    continue
                if f in self.factors(c) and (scaled or f in _PERCENT_FACTORS):
                    out.append((r, c, what, f))
                    if len(out) >= limit:
                        return out
        return out

    def source_cell(self, r: int, c: int, what: str) -> Cell:
        t = self.table
        col = t.columns[c]
        if what == "sum":
            return Cell(self.file, self.sheet, t.cite_column(c).rpartition("!")[2], "")
        if what == "count":
            return self.cell(t.cell_ref(r, c), col.counts[r])
        if what == "base":
            ref = (cell_name(col.base_row, col.source_col) if col.base_row >= 0 else
                   cell_name(t.source_rows[r], col.base_col) if col.base_col >= 0 else t.cell_ref(r, c))
            return self.cell(ref, col.base(r))
        return self.cell(t.cell_ref(r, c), col.values[r])


class _Tracer:
    def __init__(self, spec: BriefingSpec, themes: Sequence[Theme], tables: Iterable[Table],
                 findings: Mapping[str, Sequence[Finding]], lang: str):
        self.lang = lang
        self.index: dict[str, _TableIndex] = {}
        for t in tables:
            if t.key not in self.index:
                self.index[t.key] = _TableIndex(t, lang)
        self.findings = [f for fs in findings.values() for f in fs]
        self._by_text: dict[str, Finding] = {}
        for f in self.findings:
            self._by_text.setdefault(" ".join(f.text.split()), f)
        self.entries: list[Entry] = []
        self._cites: dict[str, tuple[dict[str, set[str]], set[tuple[str, str]]]] = {}
        self.section = ""
        self.spec: dict[str, str] = {}
        for name, value in (("title", spec.title), ("subtitle", spec.subtitle), ("author", spec.author),
                            ("organisation", spec.organisation), ("classification", spec.classification)):
            for tok in number_tokens(value):
                self.spec.setdefault(number_key(tok), f"the briefing's {name}, as given")
        if spec.date:
            try:
                d = dt.date.fromisoformat(spec.date)
                for text in _date_texts(d, lang) + [str(d.day), str(d.year)]:
                    for tok in number_tokens(text):
                        self.spec.setdefault(number_key(tok), f"the briefing's date ({spec.date})")
            except ValueError:
                pass
        self.theme_words: dict[str, str] = {}
        for th in themes:
            for tok in number_tokens(f"{th.title('en')} {th.title('zh')}"):
                self.theme_words.setdefault(number_key(tok), f"the name of the theme '{th.key}'")
        p = load(lang)
        self.method = {number_key(f"{z_value(lang):g}"): "the z value of the margin of error",
                       number_key(str(small_base_limit(lang))): "the small-base limit: fewer responses are flagged"}
        level = round(math.erf(z_value(lang) / math.sqrt(2)) * 100)
        self.method.setdefault(str(level), f"the confidence level of z = {z_value(lang):g}")
        self.wording: dict[str, str] = {}
        # Month names and units are not wording: a month's number is a date's, "1 point" a difference.
        self._wording({k: v for k, v in p.items() if k not in ("months", "units")}, "")

    def finding(self, text: str) -> Finding | None:
        """The finding a printed sentence states (a main point may be its first part)."""
        text = " ".join(text.split())
        f = self._by_text.get(text)
        if f is None and text:
            cut = text.rstrip("…")
            f = next((f for t, f in self._by_text.items() if t.startswith(cut) or text.startswith(t)), None)
        return f

    def _wording(self, node, path: str) -> None:
        """Numbers that are part of the briefing's fixed wording ("the 95% margin of error")."""
        if isinstance(node, dict):
            for k, v in node.items():
                self._wording(v, f"{path}.{k}" if path else k)
        elif isinstance(node, list):
            for v in node:
                self._wording(v, path)
        elif isinstance(node, str):
            for tok in number_tokens(re.sub(r"\{[^}]*\}", " ", node)):
                self.wording.setdefault(number_key(tok), f"fixed wording ({path})")

    # -- one printed text ----------------------------------------------------------------------------
    def trace(self, text: str, where: str, tables: Sequence[str] = (), finding: Finding | None = None,
              refs: str = "", counts: Mapping[str, str] | None = None) -> None:
        if not text:
            return
        for m in NUMBER.finditer(text):
            tok = m.group(0).lstrip("+-−")
            # In a sentence an amount scaled to a round unit says so ("US$165.04 billion"); a chart or
            # a table names the unit in its title or header.
            scaled = where in ("chart", "table") or bool(_SCALE_WORD.match(text, m.end()))
            # A day or month number is a date's only where it reads as one ("6-19 May 2024", "9月8日").
            datey = (bool(re.fullmatch(r"(?:1[89]|20|21)\d\d", tok)) or bool(_DATE_AFTER.match(text, m.end()))
                     or bool(_DATE_BEFORE.search(text, 0, m.start())))
            self.entries.append(self._entry(tok, text, where, tables, finding, refs, counts or {}, scaled, datey))

    def _entry(self, tok: str, text: str, where: str, tables: Sequence[str], finding: Finding | None,
               refs: str, counts: Mapping[str, str], scaled: bool, datey: bool = True) -> Entry:
        key = number_key(tok)
        base = dict(text=tok, where=where, context=_context(text), section=self.section, refs=refs)
        scope = [self.index[k] for k in tables if k in self.index]
        if finding is not None and finding.table_key in self.index and self.index[finding.table_key] not in scope:
            scope.insert(0, self.index[finding.table_key])
        if datey:
            # "(11-24 Sep 2023)": a day, month or year reads as a date before it reads as a value.
            for ix in scope:
                hit = ix.text_source(tok, text, datey, dates_only=True)
                if hit:
                    return Entry(**base, kind="text", cells=(hit[0],), derivation=hit[1])
        if finding is not None:
            cited, near = self._cited(finding)
            for ix in scope:
                for r, c, what, f in ix.find(key, scaled=scaled, whole=where != "chart"):
                    if what in ("moe", "sum"):
                        continue     # worked out by the ledger: the finding's own derivation comes first
                    cell = ix.source_cell(r, c, what)
                    if cell.cell in cited.get(ix.sheet, ()):
                        return self._cell_entry(base, ix, r, c, what, f, cell)
            how = "; ".join(x for x in (finding.derivation, finding.test) if x)
            if any(_same(key, number_key(t)) for t in number_tokens(how)):
                return Entry(**base, kind="derived", derivation=how,
                             cells=tuple(self._cite_cells(finding.cites)))
        for ix in scope:
            hit = ix.text_source(tok, text, datey)
            if hit:
                return Entry(**base, kind="text", cells=(hit[0],), derivation=hit[1])
        for ix in scope:
            for r, c, what, f in ix.find(key, scaled=scaled, whole=where != "chart"):
                cell = ix.source_cell(r, c, what)
                if finding is None:
                    return self._cell_entry(base, ix, r, c, what, f, cell)
                m = re.match(r"([A-Z]+)(\d+)", cell.cell)
                # A cell the sentence's references do not list, in the row or column of one they do
                # (a group named beside the cited ones): a source, but the references should list it.
                if m and ((ix.sheet, m.group(1)) in near or (ix.sheet, m.group(2)) in near):
                    return Entry(**{**self._cell_entry(base, ix, r, c, what, f, cell).__dict__, "in_refs": False})
        if key in counts:
            return Entry(**base, kind="count", derivation=counts[key])
        spec = {k: v for k, v in self.spec.items() if (datey or "date" not in v) and (where == "cover" or "date" in v)}
        for table, kind in ((spec, "spec"), (self.theme_words, "text"), (self.method, "method"),
                            (self.wording, "method")):
            if key in table:
                return Entry(**base, kind=kind, derivation=table[key])
        if not scope:
            # A title or label repeated outside its section (the contents, the appendix): any table's text.
            for ix in self.index.values():
                hit = ix.text_source(tok, text, datey)
                if hit:
                    return Entry(**base, kind="text", cells=(hit[0],), derivation=hit[1])
        return Entry(**base, kind="none")

    def _cited(self, finding: Finding) -> tuple[dict[str, set[str]], set[tuple[str, str]]]:
        """The cells a finding cites, by sheet, and the (sheet, column) and (sheet, row) they are in."""
        if finding.key not in self._cites:
            cited: dict[str, set[str]] = {}
            near: set[tuple[str, str]] = set()
            for cite in finding.cites:
                sheet, cells = _expand(cite)
                cited.setdefault(sheet, set()).update(cells)
                for ref in cells:
                    m = re.match(r"([A-Z]+)(\d+)", ref)
                    near |= {(sheet, m.group(1)), (sheet, m.group(2))}
            self._cites[finding.key] = (cited, near)
        return self._cites[finding.key]

    def _cell_entry(self, base: dict, ix: _TableIndex, r: int, c: int, what: str, f: float, cell: Cell) -> Entry:
        col = ix.table.columns[c]
        scale = "" if f in (1.0,) else ("as a percentage" if f == 100.0 and (col.kind == "percent" or col.unit == "%")
                                        else f"scaled by {f:g} to the unit printed")
        if what == "value" and col.counts and r < len(col.counts) and col.counts[r] is not None:
            # A share the briefing computed from the publisher's counts: count / base.
            base_cell = ix.source_cell(r, c, "base")
            return Entry(**base, kind="derived", cells=(ix.cell(cell.cell, col.counts[r]), base_cell),
                         derivation=f"{_value_text(col.counts[r])} / {base_cell.value} = {col.values[r]:.6g}"
                                    + (f", {scale}" if scale else ""))
        if what == "sum":
            members = [r for r, v in enumerate(col.values) if v is not None and not ix.table.row_role(r)]
            return Entry(**base, kind="derived", cells=(cell,),
                         derivation=f"the sum of {col.name} over its {len(members)} rows that are no total"
                                    + (f", {scale}" if scale else ""))
        if what == "moe":
            z = z_value(self.lang)
            return Entry(**base, kind="derived", cells=(cell,),
                         derivation=f"the 95% margin of error of the value in {cell.cell}: "
                                    f"{z:g} × its standard error {col.error(r):.6g}" + (f", {scale}" if scale else ""))
        what_text = {"base": "the base (number of responses) of the value in " + ix.table.cell_ref(r, c),
                     "count": "the publisher's count behind the share in " + ix.table.cell_ref(r, c)}.get(what, scale)
        return Entry(**base, kind="cell", cells=(cell,), derivation=what_text)

    def _cite_cells(self, cites: Iterable[str]) -> list[Cell]:
        out = []
        files = {ix.sheet: ix.file for ix in self.index.values()}
        for cite in cites:
            sheet, _, ref = cite.rpartition("!")
            sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
            out.append(Cell(files.get(sheet, ""), sheet, ref, ""))
        return out


def _table_counts(t: Table, lang: str, block: TableBlock | None = None) -> dict[str, str]:
    whole = t.provenance.cite()
    out = {str(t.n_rows): f"the number of data rows in {whole}", f"{t.n_rows:,}".replace(",", ""):
           f"the number of data rows in {whole}",
           str(len(t.columns)): f"the number of columns in {whole}"}
    if block is not None:
        out.setdefault(str(len(block.rows)), "the number of rows shown in this table")
        out.setdefault(str(len(block.header)), "the number of columns shown in this table")
    return out


def make_ledger(doc: Document, spec: BriefingSpec, themes: Sequence[Theme],
                tables_by_theme: Mapping[str, Sequence[Table]], findings: Mapping[str, Sequence[Finding]],
                title_given: bool = True) -> Ledger:
    """Every number `doc` prints, traced (see the module docstring). Without `title_given` the
    title was taken from a table (or the file's name), and is traced there."""
    lang = doc.meta.lang
    tables = [t for ts in tables_by_theme.values() for t in ts]
    tr = _Tracer(spec if title_given else replace(spec, title=""), themes, tables, findings, lang)
    owners = dict(doc.owners)
    by_key = {t.key: t for t in tables}
    table: str = ""                   # key of the table whose blocks these are, "" outside one
    theme_tables: list[str] = []
    how = {f.key: f for f in tr.findings if f.derivation or f.test}
    data: list[str] = []              # the data appendix's tables, in the order it prints them
    for b in doc.blocks:
        if isinstance(b, Cover):
            n = len(themes)
            for text, what in ((b.title, "cover"), (b.subtitle, "cover"), (b.date_text, "cover"),
                               (b.author, "cover"), (b.organisation, "cover"), (b.classification, "cover"),
                               (b.blurb, "cover")):
                tr.trace(text, what, tables=[t.key for t in tables] if text == b.title and not title_given else (),
                         counts={str(k): f"a count of the briefing's {n} themes" for k in range(1, n + 1)}
                         if text == b.blurb else None)
        elif isinstance(b, Heading):
            if b.anchor == DATA_ANCHOR:
                data = [u.table.key for u in used_tables(themes, tables_by_theme, lang)
                        if u.table.n_rows and u.table.columns]
            if b.level <= 1:
                tr.section = b.text if b.level == 1 else ""
                table = ""
                theme_key = b.anchor[4:] if b.anchor.startswith("sec-") else ""
                theme_tables = [t.key for t in tables_by_theme.get(theme_key, ())]
            elif b.anchor in owners:
                table = owners[b.anchor]
            tr.trace(b.text, "heading", tables=[table] if table else theme_tables)
        elif isinstance(b, Para):
            f = tr.finding(" ".join(b.text.split()))
            if f is not None and not table:
                tr.trace(b.text, "lead" if b.style == "lead" else "finding", finding=f, refs=b.ref)
            elif b.style == "small" and tr.section == "" and how:
                # The appendix's "how the numbers were derived": each line is one finding's derivation.
                done = [(len(h), f) for f in how.values()
                        if b.text.endswith(h := "; ".join(x for x in (f.derivation, f.test) if x))]
                f = max(done, key=lambda x: x[0])[1] if done else None
                tr.trace(b.text, "appendix", finding=f)
            else:
                t = by_key.get(table)
                tr.trace(b.text, "note", tables=[table] if table else theme_tables,
                         counts=_table_counts(t, lang) if t is not None else None)
        elif isinstance(b, Findings):
            tr.trace(b.title, "heading")
            for item in b.items:
                tr.trace(item.text, "finding", finding=tr.finding(" ".join(item.text.split())), refs=item.ref)
        elif isinstance(b, Callouts):
            for c in b.items:
                if table:
                    tr.trace(f"{c.value} {c.label}", "callout", tables=[table])
                    continue
                f = next((f for f in tr.findings if f.headline == c.value and f.headline_label
                          and f.headline_label in c.label), None)
                tr.trace(c.value, "callout", finding=f)
                tr.trace(c.label, "callout", finding=f)
        elif isinstance(b, Summary):
            for item in b.items:
                tr.trace(item.theme, "summary")
                tr.trace(item.text, "summary", finding=tr.finding(" ".join(item.text.split())))
        elif isinstance(b, Contents):
            tr.trace(b.title, "contents")
        elif isinstance(b, TableBlock):
            if data:
                table = data.pop(0)
            t = by_key.get(table)
            scope = [table] if table else []
            counts = _table_counts(t, lang, b) if t is not None else {}
            for text in (b.title, *b.header):
                tr.trace(text, "table", tables=scope, counts=counts)
            for row in b.rows:
                for text in row:
                    tr.trace(text, "table", tables=scope, counts=counts)
            for text in (b.source, *b.notes):
                tr.trace(text, "note", tables=scope, counts=counts)
        elif isinstance(b, (BarChart, GroupedBarChart, LineChart, DivergingBarChart, Timeline)):
            _chart(tr, b, [table] if table else theme_tables)
    return Ledger(tuple(tr.entries), lang)


def _chart(tr: _Tracer, b, scope: list[str]) -> None:
    texts: list[str] = [b.title, b.source]
    if isinstance(b, BarChart):
        texts += [*b.labels, *b.value_texts, b.benchmark_label]
    elif isinstance(b, GroupedBarChart):
        texts += [*b.labels, b.benchmark_label] + [x for s in b.series for x in (s.name, *s.value_texts)]
    elif isinstance(b, LineChart):
        texts += list(b.periods) + [x for s in b.series for x in (s.name, *s.value_texts)]
    elif isinstance(b, DivergingBarChart):
        texts += [*b.labels, *b.categories]
    elif isinstance(b, Timeline):
        texts += [x for e in b.events for x in (e.when, e.label, e.detail)]
    for text in texts:
        tr.trace(text, "chart", tables=scope)


def axis_entries(marks: Iterable[tuple[str, Sequence[str]]], section: str = "") -> list[Entry]:
    """Entries for the marks of charts' value axes: round steps spanning the values drawn, chosen by
    the renderer; no mark states a value of the data."""
    out = []
    for title, ticks in marks:
        span = f"{ticks[0]} to {ticks[-1]}" if ticks else ""
        for t in ticks:
            for tok in number_tokens(t):
                out.append(Entry(text=tok, where="axis", kind="axis", context=_context(title), section=section,
                                 derivation=f"a mark of the value axis ({span}), chosen to span the values drawn"))
    return out


def sum_entries(sums: Iterable[tuple[str, str, str, Sequence[str]]]) -> list[Entry]:
    """Entries for the totals printed beside a diverging chart's bars: the shares of one side's
    answers summed (answers to one single-choice question, so the sum is a share too)."""
    return [Entry(text=tok, where="chart", kind="derived", context=_context(f"{title}: {label}"),
                  derivation=f"the sum of the shares answering {' + '.join(answers)} for {label}")
            for title, label, text, answers in sums for tok in number_tokens(text)]


def page_entries(pages: int) -> list[Entry]:
    """The page numbers of the footer ("Page 2 of 10") and of the contents."""
    return [Entry(text=str(n), where="page", kind="page", derivation="a page number") for n in range(1, pages + 1)]
