"""A table read from a sheet: typed columns of values, with title, notes and provenance."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from briefing.model.provenance import Provenance, cell_name

# label: category names; text: free text; percent: fractions (0.54 means 54%);
# money/number/count: plain numbers (unit in Column.unit); date: datetime.date,
# an int year, or a period string such as "Early 2024".
ColumnKind = Literal["label", "text", "percent", "money", "number", "count", "date"]
NUMERIC_KINDS = ("percent", "money", "number", "count")


@dataclass(frozen=True)
class Column:
    name: str
    kind: ColumnKind
    values: tuple[Any, ...]
    unit: str = ""                      # "USD m", "%", "n" ...
    # Per value: "" (exact), ">" (more than), "<" (less than), "<=" (up to), "~" (about).
    bounds: tuple[str, ...] = ()
    source_col: int = 0                 # 0-based column on the sheet
    # Per value, () when the table has none: the footnote or suppression marker read from
    # the cell ("*", "(a)", "n/a"), the standard error (same units as the value; a 95%
    # margin of error is stored as moe / 1.96), and the base size n behind the value.
    notes: tuple[str, ...] = ()
    errors: tuple[float | None, ...] = ()
    bases: tuple[int | None, ...] = ()
    # Shares computed from counts (count / base): per value, the publisher's count ((), when the values
    # are the publisher's own). The base of value i is in the cell at (base_row, source_col) when a base
    # row gives it (a cross-tab's "Unweighted base"), or at (its own row, base_col) when a base column
    # does (-1 when neither is known).
    counts: tuple[float | None, ...] = ()
    base_row: int = -1
    base_col: int = -1
    # Per value, the 0-based sheet row it was read from, when the values of this column come from
    # different rows than Table.source_rows (a pivoted long file, year blocks); () otherwise.
    cell_rows: tuple[int, ...] = ()

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    def bound(self, i: int) -> str:
        return self.bounds[i] if self.bounds else ""

    def error(self, i: int) -> float | None:
        return self.errors[i] if self.errors else None

    def base(self, i: int) -> int | None:
        return self.bases[i] if self.bases else None


@dataclass(frozen=True)
class PeriodInfo:
    """What a period column means, as the publisher's own dates sheet says: its code (202519) and
    the collection window (ISO dates), and the reference window when given."""
    column: int                         # index into Table.columns
    code: str                           # the header as the publisher codes it, e.g. "202519"
    start: str = ""                     # collection start, ISO "2025-09-08"
    end: str = ""                       # collection end, ISO "2025-09-21"
    ref_start: str = ""
    ref_end: str = ""
    source: str = ""                    # where the dates come from, e.g. "Collection and Reference Dates!A54:E54"
    # "partial" (seven months among whole years) or "preliminary" (a partial or whole period the
    # publisher marks as provisional, e.g. 初步值); "" for a whole, final period.
    status: str = ""


@dataclass(frozen=True)
class Table:
    key: str                            # stable id: "<file name>|<sheet>|<range>"
    title: str
    columns: tuple[Column, ...]
    provenance: Provenance
    source_rows: tuple[int, ...]        # 0-based sheet row of each data row
    header_row: int = 0                 # 0-based sheet row of the header
    subtitle: str = ""
    notes: tuple[str, ...] = ()
    source: str = ""                    # the "Source: ..." line, without the prefix
    # "wide": one row per category, one column per measure or period.
    # "long": one row per group x question x answer, a column per period (statistics offices).
    layout: str = "wide"
    # Columns that are periods of one measure (years, quarters, YYYYMM), oldest first.
    period_columns: tuple[int, ...] = ()
    # Parts some columns play, e.g. (("group", 0), ("question", 2), ("answer", 4)) in a long table.
    roles: tuple[tuple[str, int], ...] = ()
    # Period columns dated by the publisher's own dates sheet, in column order (empty when none).
    period_info: tuple[PeriodInfo, ...] = ()
    # Codes in the group column named by the publisher's data dictionary or by a code list in
    # resources/codes: (code, name, name in Chinese, where the name comes from). A code the
    # dictionary defines ("XX" = multi-unit companies) is its own kind of group, not a member.
    codes: tuple[tuple[str, str, str, str], ...] = ()
    # In a question with answer categories, the substantive answer ("Yes", "Increased") and why.
    substantive: str = ""
    substantive_reason: str = ""
    # Parts some data rows play, with the reason: (row, role, why), role being "total" (the
    # national or all-groups row: the benchmark for ratios, the sum for amounts) or "aggregate"
    # (a region above its members, e.g. 东部地区): neither is ranked against the members.
    row_roles: tuple[tuple[int, str, str], ...] = ()
    # Statistical terms in the headers and title with their names in English and Chinese:
    # (text as in the file, English, Chinese), from resources/terms.toml.
    terms: tuple[tuple[str, str, str], ...] = ()
    # Banner cross-tabs and count tables (layout "crosstab"): "answers_in_rows" (a row per answer, a
    # column per banner group) or "answers_in_columns" (a row per group, a column per answer count).
    orient: str = ""
    # Parts columns play, with the reason: (column, role, why), role being "total" (the whole sample:
    # the benchmark), "group" (a banner column), "net" (a subtotal of answers or of banner columns),
    # "base" (the respondent base), "answer" or "label"; and each banner column's banner ("Gender").
    col_roles: tuple[tuple[int, str, str], ...] = ()
    col_groups: tuple[tuple[int, str], ...] = ()
    # Base rows of a cross-tab: (kind "weighted" | "unweighted", label as written, sheet row).
    base_rows: tuple[tuple[str, str, int], ...] = ()
    # Why the question is multi-choice (its shares never sum to a whole), "" for a single choice.
    multi_choice: str = ""
    question_code: str = ""             # "TRUST" in "TRUST. Which of the following ..."
    fieldwork: str = ""                 # as the publisher writes it: "9th - 13th October 2023"
    derivation: str = ""                # how computed values were derived ("count / total")
    # Rows in a bloc (row, bloc key in resources/geo.toml, e.g. "EU"): EU members among other countries.
    blocs: tuple[tuple[int, str], ...] = ()
    # Key of the table this one details (a country sheet's block under the summary sheet's).
    detail_of: str = ""

    @property
    def n_rows(self) -> int:
        return len(self.source_rows)

    @property
    def sheet(self) -> str:
        return self.provenance.sheet

    def period(self, col: int) -> PeriodInfo | None:
        # An index by column, kept beside the fields with the tuple it was made from: a 48-year monthly
        # series asked for its 576 periods one by one, and a scan each was quadratic. A copy made with
        # replace() or evolve() whose period_info differs finds the tuple changed and makes a new one.
        kept = self.__dict__.get("_period_index")
        if kept is None or kept[0] is not self.period_info:
            index: dict[int, PeriodInfo] = {}
            for p in self.period_info:
                index.setdefault(p.column, p)   # the first, as the scan found
            kept = (self.period_info, index)
            object.__setattr__(self, "_period_index", kept)
        return kept[1].get(col)

    def __getstate__(self):
        # Pickled (to and from the reader, into a saved session) without the index: it is rebuilt.
        state = dict(self.__dict__)
        state.pop("_period_index", None)
        return state

    def row_role(self, row: int) -> str:
        return next((role for r, role, _ in self.row_roles if r == row), "")

    def rows_with_role(self, role: str) -> tuple[int, ...]:
        return tuple(r for r, name, _ in self.row_roles if name == role)

    def code_name(self, value: str, lang: str = "en") -> str:
        """A code or label named by the publisher's dictionary or a code list, in `lang`; else itself."""
        for code, en, zh, _ in self.codes:
            if code == value:
                return (zh or en) if lang == "zh" else en
        return value

    def term(self, text: str, lang: str = "en") -> str:
        """A header or title as the briefing names it in `lang` (the file's own words when unknown)."""
        for t, en, zh in self.terms:
            if t == text:
                return zh if lang == "zh" else en
        return text

    def col_role(self, col: int) -> str:
        return next((role for c, role, _ in self.col_roles if c == col), "")

    def role(self, name: str) -> int | None:
        return next((i for r, i in self.roles if r == name), None)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def cell_ref(self, row: int, col: int) -> str:
        """A1 name of data row `row`, table column `col`."""
        c = self.columns[col]
        return cell_name(c.cell_rows[row] if c.cell_rows else self.source_rows[row], c.source_col)

    def cite_row(self, row: int, cols: tuple[int, ...] | None = None) -> str:
        """Citation of one data row (optionally some columns), e.g. "Adoption!A5:C5"."""
        idx = cols if cols is not None else tuple(range(len(self.columns)))
        if any(self.columns[i].cell_rows for i in idx):   # cells of one row on several sheet rows
            return self.provenance.cite(",".join(dict.fromkeys(self.cell_ref(row, i) for i in idx)))
        sc = sorted(self.columns[i].source_col for i in idx)
        r = self.source_rows[row]
        first, last = cell_name(r, sc[0]), cell_name(r, sc[-1])
        return self.provenance.cite(first if first == last else f"{first}:{last}")

    def cite_column(self, col: int) -> str:
        if self.columns[col].cell_rows:
            rows = [r for r, v in zip(self.columns[col].cell_rows, self.columns[col].values) if v is not None] \
                or list(self.columns[col].cell_rows)
            c = self.columns[col].source_col
            if max(rows) - min(rows) + 1 == len(set(rows)):
                a, b = cell_name(min(rows), c), cell_name(max(rows), c)
                return self.provenance.cite(a if a == b else f"{a}:{b}")
            return self.provenance.cite(",".join(cell_name(r, c) for r in sorted(set(rows))))
        c = self.columns[col].source_col
        first = cell_name(self.source_rows[0], c)
        last = cell_name(self.source_rows[-1], c)
        return self.provenance.cite(first if first == last else f"{first}:{last}")

    def text_blob(self) -> str:
        """Everything a theme keyword may match: sheet, title, notes, headers, text cells."""
        parts = [self.sheet, self.title, self.subtitle, *self.notes]
        for c in self.columns:
            parts.append(c.name)
            if c.kind in ("label", "text"):
                parts.extend(str(v) for v in c.values if v)
        return "\n".join(p for p in parts if p)
