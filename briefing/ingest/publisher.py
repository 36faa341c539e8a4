"""What the publisher says about its own workbook: a dates sheet that maps period codes to their
collection (and reference) windows, a data dictionary that defines codes, code lists kept as data in
resources/codes (NAICS sectors ...), and a sheet that repeats another one with relabelled headers.

These sheets are read as the publisher's reference, not as tables of their own: their content is
attached to the tables of the same workbook (Table.period_info, Table.codes) and the import report
says what was read and what it changed.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from briefing.fileio import read_toml
from briefing.ingest.periods import date_column
from briefing.ingest.values import cell_text, distinct_values
from briefing.model import ImportIssue, Table
from briefing.model.table import PeriodInfo
from briefing.model.evolve import evolve
from briefing.paths import resource

_DICT_SHEET = re.compile(r"dictionary|glossary|definitions?|codebook|code ?list|legend|数据字典|指标解释|说明", re.I)
_ITEM = re.compile(r"^(?:item|code|term|variable|field|name|abbreviation|代码|项目)$", re.I)
_DESC = re.compile(r"^(?:description|definition|meaning|label|explanation|说明|定义|含义)$", re.I)
_START = re.compile(r"\b(?:start|begin(?:s|ning)?|from|first day)\b|开始|起", re.I)
_END = re.compile(r"\b(?:end|ends|to|until|last day)\b|结束|止", re.I)
_REF = re.compile(r"\bref(?:erence)?\b|参考", re.I)
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9\-]{0,5}$")
_REFERS = re.compile(r"^(?:refers to|means|denotes|indicates|is|=)\s+", re.I)


_text = cell_text   # one definition for the readers (briefing.ingest.values)


_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


def _key(v: str) -> str:
    """A label as code lists spell it: yearbooks space out short names ("北  京", "全 国")."""
    return _CJK_GAP.sub("", v)


# A dates sheet lists a survey's collection periods, a code list the groups of a column: a table
# longer than this is not a dates sheet, and a column with more distinct labels holds identifiers
# (respondent IDs), not codes; neither is looked up value by value.
MAX_PERIODS = 10_000
MAX_CODES = 20_000


def _dates_map(t: Table) -> dict[str, PeriodInfo] | None:
    """code -> PeriodInfo when `t` is a dates sheet: a code column and start/end date columns."""
    if not t.columns or t.n_rows < 2:
        return None
    first = t.columns[0].values
    if len(first) > MAX_PERIODS or None in first or len(distinct_values(first)) != len(first):
        return None   # a code column names each row once (an empty code is no code either)
    codes = [_text(v) for v in first]
    if not all(codes) or len(set(codes)) != len(codes):
        return None
    names = "\n".join(c.name for c in t.columns[1:])
    if not _START.search(names) or not _END.search(names):
        return None   # one search of all the names: most tables name neither (a banner book has 190)
    # Only columns named as a start or an end are read as dates: the rest are never used.
    dated = {i: d for i, c in enumerate(t.columns[1:], 1)
             if (_START.search(c.name) or _END.search(c.name)) and (d := date_column(c.values)) is not None}
    starts = [i for i in dated if _START.search(t.columns[i].name)]
    ends = [i for i in dated if _END.search(t.columns[i].name)]
    if not starts or not ends:
        return None
    col = [i for i in starts if not _REF.search(t.columns[i].name)] or starts
    cend = [i for i in ends if not _REF.search(t.columns[i].name)] or ends
    rs = [i for i in starts if _REF.search(t.columns[i].name) and i != col[0]]
    re_ = [i for i in ends if _REF.search(t.columns[i].name) and i != cend[0]]
    out = {}
    for r, code in enumerate(codes):
        s, e = dated[col[0]][r], dated[cend[0]][r]
        if s is None or e is None or e < s:
            continue
        ref_s = dated[rs[0]][r] if rs and dated[rs[0]][r] else None
        ref_e = dated[re_[0]][r] if re_ and dated[re_[0]][r] else None
        out[code] = PeriodInfo(-1, code, s.isoformat(), e.isoformat(),
                               ref_s.isoformat() if ref_s else "", ref_e.isoformat() if ref_e else "",
                               t.cite_row(r))
    return out if len(out) >= 2 else None


def _dictionary(t: Table) -> dict[str, tuple[str, str]] | None:
    """code -> (definition, citation) when `t` is a data dictionary sheet."""
    if not _DICT_SHEET.search(t.sheet) and not _DICT_SHEET.search(t.title):
        return None
    item = next((i for i, c in enumerate(t.columns) if _ITEM.match(c.name.strip())), 0)
    desc = next((i for i, c in enumerate(t.columns) if _DESC.match(c.name.strip())), None)
    if desc is None or desc == item:
        return None
    out = {}
    for r, (k, d) in enumerate(zip(t.columns[item].values, t.columns[desc].values)):
        k, d = _text(k), _text(d)
        if k and d:
            out[k] = (d, t.cite_row(r, (item, desc)))
    return out or None


@lru_cache(maxsize=1)
def code_lists() -> tuple[dict, ...]:
    folder = resource("codes")
    out = []
    if folder.is_dir():
        for p in sorted(folder.glob("*.toml")):
            data = dict(read_toml(p), file=p.name)
            out.append(data)
    return tuple(out)


def code_list_named(where: str) -> dict | None:
    """The code list a Table.codes source string ("US states (us_states.toml)") comes from."""
    return next((cl for cl in code_lists() if f"({cl['file']})" in where), None)


def _definition(text: str) -> str:
    """"Refers to multi-unit companies that operate ..." -> "multi-unit companies that operate ..."."""
    s = _REFERS.sub("", text.strip()).rstrip(".")
    return s[:1].lower() + s[1:] if s[:1].isupper() and not s[1:2].isupper() else s


def _group_column(t: Table) -> int | None:
    g = t.role("group")
    if g is not None:
        return g
    # Wide tables too: a label column of region or country names is named by a code list.
    return next((i for i, c in enumerate(t.columns) if c.kind == "label"), None)


def _codes_for(t: Table, dictionary: dict[str, tuple[str, str]]) -> tuple[tuple[str, str, str, str], ...]:
    g = _group_column(t)
    if g is None:
        return ()
    distinct = distinct_values(t.columns[g].values)
    if len(distinct) > MAX_CODES:
        return ()
    values = sorted({_text(v) for v in distinct if v is not None})
    out = []
    defined = {v for v in values if v in dictionary and _CODE.match(v)}
    for v in sorted(defined):
        d, cite = dictionary[v]
        name = _definition(d)
        out.append((v, name, name, f"data dictionary {cite}"))
    rest = [v for v in values if v not in defined]
    header = t.columns[g].name.strip().lower()
    for cl in code_lists():
        if header not in [c.lower() for c in cl.get("columns", [])]:
            continue
        codes = cl.get("codes", {})
        hits = [v for v in rest if _key(v) in codes]
        if rest and len(hits) >= 0.6 * len(rest):
            for v in hits:
                en, zh = (list(codes[_key(v)]) + [""])[:2]
                out.append((v, en, zh or en, f"{cl.get('name', cl['file'])} ({cl['file']})"))
            break
    return tuple(out)


def _period_info(t: Table, dates: dict[str, PeriodInfo], by_start: dict[str, str],
                 said: dict[str, str]) -> Table:
    cols = list(t.columns)
    infos = []
    renamed = []
    for i, c in enumerate(cols):
        if not c.is_numeric:
            continue
        code = _text(c.name)
        if code not in dates:
            d = date_column([c.name])
            start = d[0].isoformat() if d and d[0] else ""
            if start in by_start:
                code = by_start[start]
                renamed.append((c.name, code))
                cols[i] = replace(c, name=code)
            else:
                continue
        infos.append(evolve(dates[code], column=i))
    if not infos:
        return t
    if renamed and t.sheet not in said:
        first = renamed[0]
        said[t.sheet] = (f"{len(renamed)} headers are collection start dates of the publisher's period codes "
                         f"('{first[0]}' starts {first[1]}), read as those codes")
    order = tuple(p.column for p in sorted(infos, key=lambda p: (p.start, p.code)))
    return replace(t, columns=tuple(cols), period_info=tuple(infos), period_columns=order)


def _row_roles(t: Table, codes) -> tuple[tuple[int, str, str], ...]:
    """Rows a code list gives a part ("total", "aggregate") in its `roles` table."""
    g = _group_column(t)
    named = {c[0]: c[3] for c in codes}
    lists = (code_list_named(where) for where in named.values())
    roles = next((cl.get("roles", {}) for cl in lists if cl is not None), {})
    out = []
    for r, v in enumerate(t.columns[g].values) if g is not None and roles else ():
        role = roles.get(_key(_text(v))) if v is not None else None
        if role:
            out.append((r, role, f"'{_text(v)}' is a {role} row in {named.get(_text(v), 'a code list')}"))
    return tuple(out)


def _same(a: Table, b: Table) -> bool:
    return (a.provenance.path == b.provenance.path and a.sheet != b.sheet and a.n_rows == b.n_rows
            and a.title == b.title
            and [c.name for c in a.columns] == [c.name for c in b.columns]
            and all(x.values == y.values for x, y in zip(a.columns, b.columns)))


def apply_publisher_reference(tables: list[Table], issues: list[ImportIssue]) -> list[Table]:
    """Tables of one workbook with its dates sheet, data dictionary and code lists applied; the
    reference sheets themselves and sheets that only repeat another are not kept as tables."""
    dates: dict[str, PeriodInfo] = {}
    dictionary: dict[str, tuple[str, str]] = {}
    reference: set[str] = set()
    for t in tables:
        d = _dates_map(t)
        if d:
            dates.update(d)
            reference.add(t.key)
            issues.append(ImportIssue("info", t.provenance.file_name, t.sheet,
                                      f"{t.provenance.cell_range}: read as the publisher's period dates "
                                      f"({len(d)} period codes with their collection windows), not as a table"))
            continue
        dd = _dictionary(t)
        if dd:
            dictionary.update(dd)
            reference.add(t.key)
            issues.append(ImportIssue("info", t.provenance.file_name, t.sheet,
                                      f"{t.provenance.cell_range}: read as the publisher's data dictionary "
                                      f"({len(dd)} entries), not as a table"))
    out = []
    by_start = {p.start: code for code, p in dates.items()}
    renamed: dict[str, str] = {}
    named: set = set()
    file = tables[0].provenance.file_name if tables else ""
    for t in tables:
        if t.key in reference:
            continue
        if dates:
            t = _period_info(t, dates, by_start, renamed)
        codes = _codes_for(t, dictionary)
        if codes:
            t = replace(t, codes=codes, row_roles=_row_roles(t, codes))
        if codes and (t.sheet, codes) not in named:
            named.add((t.sheet, codes))
            said = "; ".join(f"{c} = {n} ({s})" for c, n, _, s in codes[:3])
            more = f" and {len(codes) - 3} more" if len(codes) > 3 else ""
            issues.append(ImportIssue("info", t.provenance.file_name, t.sheet,
                                      f"{t.provenance.cell_range}: codes named: {said}{more}"))
        out.append(t)
    issues.extend(ImportIssue("info", file, sheet, msg) for sheet, msg in renamed.items())
    # A sheet that repeats another (same values, headers relabelled, e.g. "Response Estimates Raw"
    # beside "Response Estimates") is read once: the sheet whose name the other's extends is kept.
    drop: set[str] = set()
    # Only tables alike in file, length, title and headers can repeat each other: compared within those
    # groups, not each pair (a banner workbook has 190 tables).
    alike: dict[tuple, list[int]] = {}
    for i, t in enumerate(out):
        alike.setdefault((t.provenance.path, t.n_rows, t.title, tuple(c.name for c in t.columns)), []).append(i)
    for i, a in enumerate(out):
        if a.key in drop:
            continue
        group = alike[(a.provenance.path, a.n_rows, a.title, tuple(c.name for c in a.columns))]
        for b in (out[j] for j in group if j > i):
            if b.key not in drop and _same(a, b):
                keep, lose = (a, b) if len(a.sheet) <= len(b.sheet) else (b, a)
                drop.add(lose.key)
                issues.append(ImportIssue("info", lose.provenance.file_name, lose.sheet,
                                          f"{lose.provenance.cell_range}: the same values as "
                                          f"{keep.provenance.cite()}, read once (there)"))
                if lose is a:
                    break
    return [t for t in out if t.key not in drop]
