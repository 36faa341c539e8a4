"""Long (tidy, SDMX) files: one observation a row, pivoted into one table per indicator.

A table is long when it has a value column (OBS_VALUE, value, or the one measure column), a time column
(TIME_PERIOD, date, 日期 ... or a column whose values are all periods, ROC years included) and
dimension columns, such that every row is one combination of dimensions x period. Each dimension is
its code column with the columns that only restate it (SDMX "labels=both" puts "Austria" beside "AT";
a customs query puts the Chinese and English product names beside the product code). A dimension
that never varies is the scope of the file ("10 persons employed or more"); the dimension with the
most values (the countries, the products) becomes the rows; every combination of the others
(indicator x unit ...) becomes a table, a column per period in date order, each value keeping the
sheet row it came from. Flags (OBS_FLAG: b = break, u = low reliability) stay beside their values as
notes and are explained under the table.

Codes are named from the code lists in resources/codes (geo, indic_is, nace_r2, size_emp; units and
flags in sdmx.toml), the file's own label columns when there is no list entry; the code stays in
citations. A code list's aggregates (EU27_2020 and its members) give the benchmark row, and the rows
outside its membership (Norway, Türkiye beside the EU members) are marked "outside", never ranked
with the members.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from briefing.fileio import read_toml
from briefing.ingest.values import cell_text
from briefing.ingest.periods import Period, parse_period, partial_periods
from briefing.model import Column, ImportIssue, Provenance, Table, cell_name
from briefing.model.table import PeriodInfo
from briefing.paths import resource

_VALUE = re.compile(r"^(?:obs_value|obs value|observation value|value|values|数值|數值|值)$", re.I)
_TIME = re.compile(r"^(?:time_period|time period|time|period|date|year|years|ref_period|年份|年度|日期|期間|期间|时间|時間|年月)$",
                   re.I)
_FLAG = re.compile(r"^(?:obs_flag|obs_status|flag|flags|status|conf_status|observation status.*|confidentiality status.*|"
                   r"标记|標記|註記)$", re.I)
_NAME = re.compile(r"^(?:structure_name|dataflow name|dataset name|dataset)$", re.I)
_SKIP = re.compile(r"^(?:structure|structure_id|dataflow|freq|frequency|time frequency|unit_mult|decimals)$", re.I)
_ROWS_FIRST = re.compile(r"^(?:geo|country|countries|reporter|ref_area|location|region|area|国家|國家|地区|地區)\b", re.I)
_CODE_HEADER = re.compile(r"code|號列|号列|编码|編碼|代码|代碼|\bid\b|^hs\b|^ccc\b", re.I)
_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
MAX_TABLES = 40


@lru_cache(maxsize=None)
def code_list(name: str) -> dict:
    p = resource("codes") / f"{name}.toml"
    if not p.is_file():
        return {}
    data = dict(read_toml(p), file=p.name)
    return data


@lru_cache(maxsize=1)
def _lists_by_header() -> dict[str, dict]:
    out: dict[str, dict] = {}
    folder = resource("codes")
    for p in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
        data = code_list(p.stem)
        for h in data.get("columns", []):
            out.setdefault(h.lower(), data)
    return out


@lru_cache(maxsize=1)
def money_units() -> tuple[tuple[re.Pattern, str, float], ...]:
    data = code_list("money_units")
    return tuple((re.compile(u["match"], re.I), u["currency"], float(u["scale"])) for u in data.get("unit", []))


_SCALE_WORD = {1.0: "", 1e3: "thousand", 1e4: "ten thousand", 1e6: "million", 1e8: "hundred million", 1e9: "billion"}


def money_unit(text: str) -> str:
    """"美元(千元)" -> "USD thousand"; "" when the text names no unit of money."""
    for rx, cur, scale in money_units():
        if rx.search(text or ""):
            return f"{cur} {_SCALE_WORD.get(scale, '')}".strip()
    return ""


_text = cell_text   # one definition for the readers (briefing.ingest.values)


def _is_flag(c: Column) -> bool:
    if _FLAG.match(c.name.strip()):
        return True
    vals = {v for v in c.values if v not in (None, "")}
    return bool(vals) and c.kind in ("label", "text") and all(isinstance(v, str) and re.fullmatch(r"[a-z]{1,2}", v)
                                                               for v in vals) and len(vals) <= 6


def _value_column(cols: tuple[Column, ...]) -> int | None:
    named = [i for i, c in enumerate(cols) if _VALUE.match(c.name.strip()) and c.is_numeric]
    if named:
        return named[0]
    money = [i for i, c in enumerate(cols) if c.is_numeric and not _CODE_HEADER.search(c.name) and not _codes_like(c)]
    return money[-1] if len(money) == 1 else None


def _codes_like(c: Column) -> bool:
    """Integers of six or more digits all along (an 11-digit product code), not measures."""
    vals = [v for v in c.values if v is not None]
    return bool(vals) and all(isinstance(v, (int, float)) and float(v).is_integer() and abs(v) >= 1e5 for v in vals) \
        and len(set(vals)) < len(vals)


def _time_column(cols: tuple[Column, ...], skip: set[int]) -> tuple[int, list[Period | None]] | None:
    cands = [i for i, c in enumerate(cols) if i not in skip and _TIME.match(c.name.strip())]
    cands += [i for i, c in enumerate(cols) if i not in skip and i not in cands]
    for i in cands:
        vals = cols[i].values
        ps = [parse_period(v) for v in vals]
        present = [p for v, p in zip(vals, ps) if v is not None]
        if not present or any(p is None for p in present):
            continue
        if len({p.code for p in present}) >= len(present) and len(present) > 1:
            continue                            # every row its own period: a wide table's first column
        return i, ps
    return None


def _labels_of(cols: tuple[Column, ...], dims: list[int]) -> dict[int, list[int]]:
    """Dimension code column -> columns that restate it one to one (its labels), left to right."""
    out: dict[int, list[int]] = {}
    taken: set[int] = set()
    for i in dims:
        if i in taken:
            continue
        out[i] = []
        constant = len({_text(a) for a in cols[i].values}) == 1
        for j in dims:
            if j <= i or j in taken:
                continue
            if constant and not (j == i + 1 and _IDENT.match(cols[i].name.strip()) and " " in cols[j].name.strip()):
                continue        # one value all along: only the label column right beside its code restates it
            pairs = {(_text(a), _text(b)) for a, b in zip(cols[i].values, cols[j].values)}
            if len({a for a, _ in pairs}) == len(pairs) == len({b for _, b in pairs}):
                out[i].append(j)
                taken.add(j)
    return out


def _code_column(cols: tuple[Column, ...], group: list[int]) -> tuple[int, list[int]]:
    """(the code, its labels): the shortest values are the codes."""
    def width(i: int) -> float:
        vals = [_text(v) for v in cols[i].values if v is not None]
        return sum(map(len, vals)) / max(1, len(vals))
    def codelike(i: int) -> bool:
        vals = [_text(v) for v in cols[i].values if v is not None]
        return bool(vals) and all(re.fullmatch(r"[A-Z0-9][A-Z0-9_.\-]*", x) for x in vals)
    code = min(group, key=lambda i: (not _CODE_HEADER.search(cols[i].name), not codelike(i), width(i)))
    return code, [j for j in group if j != code]


def _named(code: str, header: str, label: str) -> tuple[str, str, str]:
    """(English, Chinese, source) for a code: the code list first, then the file's own label."""
    cl = _lists_by_header().get(header.lower())
    if cl and code in cl.get("codes", {}):
        en, zh = (list(cl["codes"][code]) + [""])[:2]
        return en, zh or en, cl["file"]
    return (label or code), (label or code), ""


def _scale_percent(vals: list, unit_code: str, unit_label: str) -> tuple[str, str, float]:
    """(kind, unit, divisor) of the observations from their unit code or label."""
    entry = code_list("sdmx").get("units", {}).get(unit_code)
    if entry:
        kind = entry[2]
        if kind == "percent":
            return "percent", "", 100.0
        if kind == "money":
            return "money", money_unit(entry[0]) or entry[0], 1.0
        return "number", entry[0] if entry[0] != "number" else "", 1.0
    if re.search(r"percent|percentage|%|比重|百分", unit_label or "", re.I):
        return "percent", "", 100.0
    mu = money_unit(unit_label)
    if mu:
        return "money", mu, 1.0
    return "number", unit_label, 1.0


def pivot(t: Table, issues: list[ImportIssue]) -> list[Table] | None:
    """The tables of a long file, one per indicator, or None when `t` is not long."""
    cols = t.columns
    if t.n_rows < 4 or len(cols) < 3 or t.layout != "wide":
        return None
    v = _value_column(cols)
    if v is None:
        return None
    flags = [i for i, c in enumerate(cols) if i != v and _is_flag(c)]
    tm = _time_column(cols, {v, *flags})
    if tm is None:
        return None
    time_i, periods = tm
    others = [i for i in range(len(cols)) if i not in (v, time_i, *flags)]
    # Columns that are empty all along (an SDMX label column of an unlabelled dimension) say nothing.
    others = [i for i in others if any(x not in (None, "") for x in cols[i].values)]
    numeric_others = [i for i in others if cols[i].is_numeric and not _codes_like(cols[i])
                      and not _CODE_HEADER.search(cols[i].name)]
    if numeric_others:
        return None                              # a second measure: not one observation a row
    groups = _labels_of(cols, others)
    dims: list[tuple[int, list[int]]] = [_code_column(cols, [i, *ls]) for i, ls in groups.items()]
    varying = [(c, ls) for c, ls in dims if len({_text(x) for x in cols[c].values}) > 1]
    constant = [(c, ls) for c, ls in dims if (c, ls) not in varying]
    if not varying:
        return None
    keys = Counter(tuple(_text(cols[c].values[r]) for c, _ in varying) + (periods[r].code if periods[r] else "",)
                   for r in range(t.n_rows))
    if max(keys.values()) > 1:
        return None                              # rows repeat a combination: not one observation a row
    # The rows of each table: a geography when the file has one, else the dimension with most values.
    rows_dim = max(varying, key=lambda d: (bool(_ROWS_FIRST.match(cols[d[0]].name.strip())),
                                            len({_text(x) for x in cols[d[0]].values})))
    split = [d for d in varying if d != rows_dim]
    scope, title_bits = [], []
    unit_code = unit_label = ""
    for c, ls in constant:
        name = cols[c].name.strip()
        code = _text(cols[c].values[0])
        label = _text(cols[ls[0]].values[0]) if ls else ""
        if _SKIP.match(name):
            continue
        if _NAME.match(name):
            title_bits.append(code)
            continue
        if name.lower() == "unit" or re.search(r"unit of measure|^unit$|单位|單位", name, re.I):
            unit_code, unit_label = code, label
            continue
        if re.search(r"單位|单位|\(|（", name) and money_unit(name):
            continue
        en, zh, _ = _named(code, name, label)
        header = cols[ls[0]].name.strip() if ls and not re.search(r"[\u3400-\u9fff]", cols[ls[0]].name) else name
        scope.append((header, en, zh, code))
    dataset = next((b for b in title_bits), "")
    file, sheet = t.provenance.file_name, t.sheet
    order = sorted({p for p in periods if p}, key=lambda p: (p.start, p.end))
    partial = partial_periods(order)
    flag_words = code_list("sdmx").get("flags", {})
    # Value units from the value header when no unit dimension says them ("美元(千元)").
    vunit = money_unit(cols[v].name)
    out: list[Table] = []
    combos: dict[tuple, list[int]] = {}
    for r in range(t.n_rows):
        combos.setdefault(tuple(_text(cols[c].values[r]) for c, _ in split), []).append(r)
    for n, (combo, rs) in enumerate(combos.items()):
        if n >= MAX_TABLES:
            issues.append(ImportIssue("warning", file, sheet, f"{t.provenance.cell_range}: long file with "
                                      f"{len(combos)} indicator combinations, the first {MAX_TABLES} read"))
            break
        rc, rls = rows_dim
        ucode, ulabel = unit_code, unit_label
        title_parts, split_named = [], []
        for (c, ls), code in zip(split, combo):
            label = next((_text(cols[j].values[rs[0]]) for j in ls if cols[j].values[rs[0]]), "")
            name = cols[c].name.strip()
            if name.lower() == "unit" or re.search(r"unit of measure|单位|單位", name, re.I):
                ucode, ulabel = code, label
                continue
            en, zh, src = _named(code, name, label)
            title_parts.append(en)
            split_named.append((code, en, zh, f"{src or file}"))
        members: list[str] = []
        for r in rs:
            code = _text(cols[rc].values[r])
            if code not in members:
                members.append(code)
        kind, unit, div = _scale_percent([], ucode, ulabel)
        if kind == "number" and vunit:
            kind, unit = "money", vunit
        pcols: list[Column] = []
        where = {(_text(cols[rc].values[r]), periods[r].code): r for r in rs if periods[r]}
        first_row = {m: next(r for r in rs if _text(cols[rc].values[r]) == m) for m in members}
        infos = []
        for p in order:
            vals, cell_rows, notes = [], [], []
            for m in members:
                r = where.get((m, p.code))
                x = cols[v].values[r] if r is not None else None
                vals.append(None if x is None else round(x / div, 12))
                cell_rows.append(t.source_rows[r] if r is not None else t.source_rows[first_row[m]])
                note = ""
                if r is not None:
                    note = " ".join(_text(cols[f].values[r]) for f in flags if cols[f].values[r]
                                    and _text(cols[f].values[r]) in flag_words) or (cols[v].notes[r] if cols[v].notes else "")
                notes.append(note)
            if all(x is None for x in vals):
                continue
            name = p.code
            pcols.append(Column(name, kind, tuple(vals), unit, source_col=cols[v].source_col, notes=tuple(notes),
                                cell_rows=tuple(cell_rows)))
            infos.append((len(pcols), p))
        if not pcols:
            continue
        labels, named = [], []
        for m in members:
            label = next((_text(cols[j].values[first_row[m]]) for j in rls if cols[j].values[first_row[m]]), "")
            en, zh, src = _named(m, cols[rc].name.strip(), label)
            labels.append(en)
            if re.search(r"[\u3400-\u9fff]", label) and not re.search(r"[\u3400-\u9fff]", zh):
                zh = label          # the file's own Chinese name (中文貨名) beside an English one
            named.append((m, en, zh, src or file))
        # A Chinese label column beside an English one gives the Chinese names too.
        zh_col = next((j for j in rls if sum(bool(re.search(r"[\u3400-\u9fff]", _text(x))) for x in cols[j].values)
                       > 0.6 * t.n_rows), None)
        en_col = next((j for j in rls if j != zh_col), None)
        if zh_col is not None:
            named = [(m, (_text(cols[en_col].values[first_row[m]]) if en_col is not None else en) or en,
                      _text(cols[zh_col].values[first_row[m]]) or zh, src) for (m, en, zh, src) in named]
            labels = [en for _, en, _, _ in named]
        code_is_label = all(lab == m for lab, m in zip(labels, members))
        row_header = cols[rls[0]].name.strip() if rls and en_col is None else \
            (cols[en_col].name.strip() if en_col is not None else cols[rc].name.strip())
        label_col = Column(row_header, "label", tuple(labels), source_col=cols[rls[0] if rls else rc].source_col)
        code_col = Column(cols[rc].name.strip(), "text", tuple(members), source_col=cols[rc].source_col)
        table_cols = (label_col,) + (() if code_is_label else (code_col,)) + tuple(pcols)
        offset = len(table_cols) - len(pcols)
        src_rows = tuple(t.source_rows[first_row[m]] for m in members)
        used_rows = sorted(t.source_rows[r] for r in rs)
        left = min(c.source_col for c in cols)
        right = max(c.source_col for c in cols)
        rng = f"{cell_name(t.header_row, left)}:{cell_name(used_rows[-1], right)}" if n == 0 and len(combos) == 1 \
            else f"{cell_name(used_rows[0], left)}:{cell_name(used_rows[-1], right)}"
        period_info = tuple(PeriodInfo(offset + k - 1, p.code, p.start.isoformat(), p.end.isoformat(),
                                       status="preliminary" if p.preliminary else
                                       ("partial" if order.index(p) in partial else ""))
                            for k, p in infos)
        roles = _row_roles(members, labels, named)
        notes = _flag_notes(pcols, labels, flag_words)
        title = " · ".join(title_parts) or dataset or _heading_title(members, scope) or t.title
        subtitle = "; ".join(x for x in [dataset if title_parts else "", *[en for _, en, _, _ in scope]] if x)
        codes = tuple(named) + tuple(split_named) + tuple((code, en, zh, "scope") for _, en, zh, code in scope)
        out.append(Table(
            key=f"{t.key}|{'|'.join(combo) or 'all'}", title=title, subtitle=subtitle,
            columns=table_cols, provenance=Provenance(t.provenance.path, t.sheet, rng, t.provenance.sha256),
            source_rows=src_rows, header_row=t.header_row, notes=tuple(notes) + tuple(t.notes), source=t.source,
            layout="series", period_columns=tuple(range(offset, len(table_cols))), period_info=period_info,
            roles=(("label", 0),) + (() if code_is_label else (("code", 1),)), codes=codes, row_roles=roles))
    if not out:
        return None
    dims_said = ", ".join(cols[c].name for c, _ in varying)
    issues.append(ImportIssue("info", file, sheet, f"{t.provenance.cell_range}: long file (one observation a "
                              f"row: value = {cols[v].name}, period = {cols[time_i].name}, dimensions = {dims_said}"
                              f"{', flags = ' + ', '.join(cols[f].name for f in flags) if flags else ''}), "
                              f"pivoted into {len(out)} table(s), rows = {cols[rows_dim[0]].name}"))
    roc = [p for p in order if p.roc]
    if roc:
        issues.append(ImportIssue("info", file, sheet, f"{cols[time_i].name}: ROC (Minguo) calendar read as "
                                  f"ROC year + 1911 ('{roc[0].code}' = {roc[0].start.year})"))
    for i in sorted(partial):
        p = order[i]
        issues.append(ImportIssue("info", file, sheet, f"'{p.code}' covers {p.start.isoformat()} to "
                                  f"{p.end.isoformat()} only{' (preliminary)' if p.preliminary else ''}: a partial "
                                  "period, never compared with whole ones"))
    return out


def _heading_title(members: list[str], scope) -> str:
    """"Total exports (including re-exports): HS 8542, electronic integrated circuits" when every row
    is a product line of one HS heading (its first four digits)."""
    heads = {m[:4] for m in members if m.isdigit() and len(m) >= 6}
    if len(heads) != 1 or not all(m.isdigit() for m in members):
        return ""
    h = heads.pop()
    name = code_list("customs").get("headings", {}).get(h, [""])[0]
    flow = next((en for header, en, zh, code in scope if header and code in code_list("customs").get("codes", {})), "")
    what = f"HS {h}{', ' + name if name else ''}"
    return f"{flow}: {what}" if flow else what


def _row_roles(members: list[str], labels: list[str], named) -> tuple[tuple[int, str, str], ...]:
    aggregates = {}
    for cl in _lists_by_header().values():
        aggregates.update(cl.get("aggregates", {}))
    out = []
    bench = next((m for m in members if m in aggregates), None)
    if bench is None:
        # No aggregate row, but most rows are members of one (EU countries with Norway and Türkiye):
        # the others are still outside it.
        plain = [m for m in members if m not in aggregates]
        best = max(aggregates, key=lambda a: sum(m in aggregates[a] for m in plain), default=None)
        if best is not None and plain and sum(m in aggregates[best] for m in plain) >= 0.6 * len(plain):
            for r, m in enumerate(members):
                if m not in aggregates and m not in aggregates[best]:
                    out.append((r, "outside", f"{m} is not a member of {best} (code list)"))
        return tuple(out)
    for r, m in enumerate(members):
        if m == bench:
            out.append((r, "total", f"{m} is the aggregate of its {len(aggregates[m])} members (code list)"))
        elif m in aggregates:
            out.append((r, "aggregate", f"{m} is an aggregate of other codes (code list)"))
        elif bench is not None and m not in aggregates[bench]:
            out.append((r, "outside", f"{m} is not a member of {bench} (code list)"))
    return tuple(out)


def _flag_notes(pcols: list[Column], labels: list[str], words: dict) -> list[str]:
    seen: dict[str, list[str]] = {}
    for c in pcols:
        for r, note in enumerate(c.notes):
            for f in note.split():
                if f in words:
                    who = labels[r] + ("" if c.values[r] is not None else " (no value)")
                    if len(pcols) > 1:
                        who += f" {c.name}"
                    seen.setdefault(f, [])
                    if who not in seen[f]:
                        seen[f].append(who)
    return [f"{f} = {words[f][0]}: {', '.join(w)}" for f, w in seen.items()]


def wide_series(t: Table) -> Table:
    """A wide table of one label column and a column per period (NACE activities x 2023-2025) is a series
    table too: its periods dated, its code list names attached. Other tables pass unchanged."""
    if t.layout != "wide" or not t.columns or t.columns[0].kind != "label" or len(t.columns) < 4:
        return t
    rest = t.columns[1:]
    if not all(c.is_numeric for c in rest):
        return t
    ps = [parse_period(c.name) for c in rest]
    if any(p is None for p in ps) or len({(p.start, p.end) for p in ps}) != len(ps):
        return t
    order = sorted(range(len(ps)), key=lambda k: (ps[k].start, ps[k].end))
    partial = partial_periods([ps[k] for k in order])
    info = tuple(PeriodInfo(k + 1, ps[k].code, ps[k].start.isoformat(), ps[k].end.isoformat(),
                            status="preliminary" if ps[k].preliminary else ("partial" if j in partial else ""))
                 for j, k in enumerate(order))
    return replace(t, layout="series", period_columns=tuple(k + 1 for k in order), period_info=info,
                   roles=(("label", 0),))


def sheet_blocks(found: list[Table], grid, path, sha: str, issues: list[ImportIssue]) -> Table | None:
    """The sheet read as one series when it is a column of year blocks (its tables, `found`, all wide
    and two or more), else None; reader.read_file asks it of every sheet once all are read."""
    from briefing.ingest.blocks import read_blocks
    from briefing.ingest.detect import META_SHEET

    if grid.hidden or (grid.name and META_SHEET.match(grid.name)):
        return None
    if len(found) < 2 or any(t.layout != "wide" for t in found):
        return None
    return read_blocks(path, sha, grid, issues)


def reshape(tables: list[Table], blocks: dict[str, Table], issues: list[ImportIssue]) -> list[Table]:
    """The tables of one file with long files pivoted, the sheets of year blocks (`blocks`, by sheet:
    see sheet_blocks) read as one series each, and wide period tables dated."""
    by_sheet: dict[str, Table | None] = dict(blocks)
    out: list[Table] = []
    for t in tables:
        if t.sheet in by_sheet:
            if by_sheet[t.sheet] is not None:
                out.append(known_dataset(by_sheet[t.sheet], issues))
                by_sheet[t.sheet] = None
            continue
        long = pivot(t, issues)
        if long:
            out.extend(known_dataset(x, issues) for x in long)
            continue
        # A wide period table becomes a series table when a known dataset says what it measures or
        # its periods need the publisher's reading (ROC years, a partial or preliminary period);
        # others keep the trend writers of briefing.analysis.
        w = wide_series(t)
        k = known_dataset(w, issues)
        unusual = any(p.status for p in w.period_info) or any(
            (pp := parse_period(w.columns[i].name)) is not None and pp.roc for i in w.period_columns)
        out.append(k if (k is not w or unusual) and w.layout == "series" else t)
    return out


def known_dataset(t: Table, issues: list[ImportIssue]) -> Table:
    """A series table of a dataset known by its code or name (resources/codes/datasets.toml): its title,
    the unit the file leaves unsaid (shares written 62,52) and its publisher."""
    if t.layout != "series":
        return t
    stem = t.provenance.file_name.rsplit(".", 1)[0].lower()
    text = f"{stem}\n{t.title}".lower()
    for d in code_list("datasets").get("dataset", []):
        if not any(re.search(rx, text, re.I) for rx in d.get("match", [])):
            continue
        cols = list(t.columns)
        said = []
        if d.get("unit") == "percent":
            vals = [x for i in t.period_columns for x in cols[i].values if x is not None]
            if vals and all(0 <= x <= 100 for x in vals) and all(cols[i].kind == "number" for i in t.period_columns):
                for i in t.period_columns:
                    cols[i] = replace(cols[i], kind="percent", unit="",
                                      values=tuple(None if x is None else round(x / 100, 12) for x in cols[i].values))
                said.append("values read as percentages")
        title = t.title
        in_title = any(re.search(rx, t.title, re.I) for rx in d.get("match", []))
        if d.get("title") and (t.title.lower() == stem or in_title):
            title = d.get("title", t.title)
            header = cols[0].name.strip()
            by = _lists_by_header().get(header.lower())
            if by and t.title.lower() == stem:
                name = by.get('name', header)
                title = f"{title}, by {name[:1].lower() + name[1:]}"
        source = t.source or d.get("publisher", "")
        issues.append(ImportIssue("info", t.provenance.file_name, t.sheet, f"{t.provenance.cell_range}: "
                                  f"known dataset ({d.get('publisher', '')}: {d.get('title', '')}, "
                                  f"resources/codes/datasets.toml){'; ' + '; '.join(said) if said else ''}"))
        subtitle = t.subtitle if title != t.title or not t.subtitle else t.subtitle
        return replace(t, columns=tuple(cols), title=title, subtitle=subtitle, source=source,
                       notes=t.notes + ((f"Title in the file: {t.title}",) if title != t.title else ()))
    return t
