"""Survey specifics: standard errors and margins of error linked to their estimates (beside them or on a
parallel sheet), base sizes (n) read, and the long layout (group x question x answer, a column per period)
recognised and split into one table per question."""
from __future__ import annotations

import operator
import re
from itertools import compress, repeat
from dataclasses import replace
from functools import lru_cache

from briefing.fileio import read_toml
from briefing.ingest.periods import period_columns
from briefing.ingest.values import distinct_values
from briefing.ingest.publisher import apply_publisher_reference
from briefing.model.evolve import evolve
from briefing.model import Column, ImportIssue, Table, cell_name
from briefing.paths import resource

_SE = re.compile(r"(?:^|[\s·(\[,])(?:se|s\.e\.|std\.?\s*err(?:or)?s?|standard errors?)(?:$|[\s·)\],])", re.I)
_MOE = re.compile(r"(?:^|[\s·(\[,])(?:moe|m\.o\.e\.|margins? of error|±|\+/-)(?:$|[\s·)\],])", re.I)
_MOE90 = re.compile(r"\b90\s*%", re.I)
_BASE = re.compile(r"^\s*(?:n|base|bases|sample size|sample|unweighted (?:base|n|count)|respondents)"
                   r"\s*(?:\(n\)|n?=)?\s*$|\(n=?\)\s*$|^n\s*=", re.I)
_ERROR_SHEET = re.compile(r"(?:^|\W)(?:se|s\.e\.|standard errors?|std\.? errors?|moe|margins? of error)(?:$|\W)", re.I)

_ROLES = (   # (role, header pattern), first match wins; IDs before the texts they number
    ("question_id", re.compile(r"^(?:question|q|item)\s*(?:id|no\.?|number|code|#)$", re.I)),
    ("answer_id", re.compile(r"^(?:answer|response|option)\s*(?:id|no\.?|number|code|#)$", re.I)),
    ("question", re.compile(r"^(?:question|question text|item|indicator|survey question|问题|题目|指标)$", re.I)),
    ("answer", re.compile(r"^(?:answer|answer text|response|response option|option|回答|选项|答案)$", re.I)),
    ("group", re.compile(r"^(?:state|region|country|area|group|sector|industry|subgroup|geography|geo|"
                         r"province|nation|breakdown|segment|firm size|size class|msa|cbsa|metro|metro area|metropolitan area|county|city|地区|国家|省份|城市|行业|分组)"
                         r"(?:\s*(?:name|code))?$", re.I)),
)


_GROUP_CODE = re.compile(r"^[A-Z0-9][A-Z0-9\-]{0,5}$")


def is_code_column(name: str, values) -> bool:
    """A group column (Sector, State, Region ...) of short codes such as NAICS 11, 21 ... and "XX": read
    as labels, so that "XX" is kept (not a suppressed number) and 51 stays the code 51."""
    rx = next(r for role, r in _ROLES if role == "group")
    if not rx.match(str(name).strip()):
        return False
    ints = codes = 0
    for v in distinct_values(values):   # only whether each kind is there counts
        if v is None:
            continue
        if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer():
            ints += 1
        elif isinstance(v, str) and _GROUP_CODE.match(v.strip()):
            codes += 1 if not v.strip().isdigit() else 0
            ints += 1 if v.strip().isdigit() else 0
        else:
            return False
    return ints > 0 and codes > 0


def _is_error_name(name: str) -> float | None:
    """The divisor that turns this column's values into standard errors, or None if it holds estimates."""
    if _SE.search(name):
        return 1.0
    if _MOE.search(name):
        return 1.645 if _MOE90.search(name) else 1.96
    return None


def _stripped(name: str) -> str:
    out = _MOE.sub(" ", _SE.sub(" ", f" {name} "))
    return " ".join(re.sub(r"[()\[\]·,]", " ", out).split()).lower()


def survey_columns(columns: list[Column]) -> tuple[list[Column], list[str]]:
    """Links standard-error / margin-of-error columns to their estimates (and drops them as columns),
    and base-size columns (n) to the estimates of their row."""
    said: list[str] = []
    divisors = {i: _is_error_name(c.name) for i, c in enumerate(columns)}
    estimates = [i for i, c in enumerate(columns) if c.is_numeric and divisors[i] is None
                 and not _BASE.search(c.name)]
    linked: dict[int, int] = {}   # error column -> estimate column
    for i, c in enumerate(columns):
        if divisors[i] is None or not c.is_numeric:
            continue
        key = _stripped(c.name)
        exact = [j for j in estimates if key and _stripped(columns[j].name) == key]
        prefix = [j for j in estimates if key and _stripped(columns[j].name).startswith(key)]
        left = [j for j in estimates if j < i and j not in linked.values()]
        target = (exact or prefix or left[-1:] or [None])[0]
        if target is not None and target not in linked.values():
            linked[i] = target
    out = list(columns)
    for i, j in linked.items():
        est, err = columns[j], columns[i]
        scale = divisors[i]
        if est.kind == "percent" and err.kind != "percent":
            present = [abs(v) for v in err.values if v is not None]
            if present and max(present) > 0.5:   # a proportion's error is at most 0.5: these are points
                scale *= 100.0
        out[j] = replace(est, errors=tuple(None if v is None else v / scale for v in err.values))
        what = "margins of error" if scale not in (1.0, 100.0) else "standard errors"
        said.append(f"{what} in '{err.name}' linked to '{est.name}'")
    bases = next((i for i, c in enumerate(columns) if i not in linked and c.is_numeric and _BASE.search(c.name)
                  and all(float(v).is_integer() for v in set(c.values) if v is not None)), None)
    if bases is not None:
        as_int = {v: int(v) for v in set(columns[bases].values) if v is not None}
        ns = tuple(map(as_int.get, columns[bases].values))
        targets = [j for j in estimates if j != bases]
        for j in targets:
            out[j] = replace(out[j], bases=ns)
        if targets:
            said.append(f"base sizes in '{columns[bases].name}' linked to {len(targets)} column(s)")
    return [c for i, c in enumerate(out) if i not in linked], said


def _roles(columns: tuple[Column, ...]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, c in enumerate(columns):
        if c.is_numeric and not re.search(r"\b(id|no|number|code)\b|#", c.name, re.I):
            continue
        for role, rx in _ROLES:
            if role not in roles and rx.match(c.name.strip()):
                roles[role] = i
                break
    return roles


def _as_codes(c: Column) -> Column:
    """An ID column typed as numbers holds codes, not measures: keep it as text."""
    if not c.is_numeric:
        return c
    vals = tuple(None if v is None else (str(int(v)) if float(v).is_integer() else str(v)) for v in c.values)
    return replace(c, kind="text", values=vals, unit="", bounds=(), errors=(), bases=())


def split_long(table: Table, issues: list[ImportIssue]) -> list[Table]:
    """A long survey table becomes one table per question (its answers kept together); others pass."""
    roles = _roles(table.columns)
    if "question" not in roles or "answer" not in roles:
        return [table]
    cols = tuple(_as_codes(c) if r in ("question_id", "answer_id") else c
                 for c, r in zip(table.columns, [next((k for k, v in roles.items() if v == i), "")
                                                 for i in range(len(table.columns))]))
    periods = period_columns([c.name for c in cols], [c.is_numeric for c in cols])
    role_t = tuple(sorted(roles.items(), key=lambda kv: kv[1]))
    qcol = cols[roles.get("question_id", roles["question"])]
    wording = cols[roles["question"]].values
    order: list = []
    texts_of: dict = {}
    # Worked out once per distinct (question, wording) pair, in the order the pairs first appear (a
    # long table repeats a few of them over 200,000 rows); then each row's key by one lookup.
    pairs = list(zip(qcol.values, wording))
    key_of: dict = {}
    for q, text in dict.fromkeys(pairs):
        if q is None:
            continue
        # One question ID asked in two wordings is two series: a reworded question is a break.
        seen = texts_of.setdefault(q, [])
        if text and text not in seen:
            seen.append(text)
        k = seen.index(text) if text in seen else 0
        key = q if k == 0 else f"{q}~{k + 1}"
        key_of[(q, text)] = key
        if key not in order:
            order.append(key)
    number = {key: i for i, key in enumerate(order)}
    index_of = {pair: number[key] for pair, key in key_of.items()}
    row_key = list(map(index_of.get, pairs))   # None for rows with no question
    rows_of: dict = {key: [] for key in order}
    lists = [rows_of[key] for key in order]
    for r in compress(range(len(pairs)), map(operator.is_not, row_key, repeat(None))):
        lists[row_key[r]].append(r)
    file, sheet = table.provenance.file_name, table.sheet
    if len(order) < 2:
        t = replace(table, columns=cols, layout="long", roles=role_t, period_columns=periods)
        t = with_substantive(t)
        issues.append(ImportIssue("info", file, sheet, f"{table.provenance.cell_range}: long survey layout "
                                  f"({', '.join(f'{k} = {cols[v].name}' for k, v in role_t)})"))
        return [t]
    out = []
    texts = cols[roles["question"]].values
    for q in order:
        rows = rows_of[q]
        get = _getter(rows)
        sub = tuple(_subset(c, rows, get) for c in cols)
        src = get(table.source_rows)
        first = cell_name(src[0], min(c.source_col for c in cols))
        last = cell_name(src[-1], max(c.source_col for c in cols))
        rng = f"{first}:{last}"
        text = next((texts[r] for r in rows if texts[r]), str(q))
        out.append(with_substantive(replace(
            table, key=f"{table.key}|{q}", title=str(text), subtitle=table.title, columns=sub,
            provenance=replace(table.provenance, cell_range=rng), source_rows=src,
            layout="long", roles=role_t, period_columns=periods)))
    reworded = [k for k in order if "~" in str(k)]
    issues.append(ImportIssue("info", file, sheet, f"{table.provenance.cell_range}: long survey layout "
                              f"({', '.join(f'{k} = {cols[v].name}' for k, v in role_t)}), "
                              f"split into {len(out)} tables, one per question"
                              + (f" (question {', '.join(str(k).split('~')[0] for k in reworded)} asked in more "
                                 "than one wording: one table per wording)" if reworded else "")))
    answered = [f"'{t.title[:40]}' = {t.substantive}" for t in out if t.substantive]
    if answered:
        issues.append(ImportIssue("info", file, sheet, f"{table.provenance.cell_range}: substantive answer of "
                                  f"{len(answered)} questions read from their answer categories, e.g. {answered[0]}"))
    return out


@lru_cache(maxsize=1)
def survey_words() -> dict:
    return read_toml(resource("survey.toml"))


def _norm(text) -> str:
    return " ".join(str(text or "").replace("’", "'").split()).lower()


def substantive_answer(answers) -> tuple[str, str]:
    """(the substantive answer as written, why) of a question with these answer categories, or ("", "")."""
    present = {}
    for a in distinct_values(answers):
        if a is not None and _norm(a) not in present:
            present[_norm(a)] = str(a)
    for scale in survey_words().get("scale", []):
        subs = [present[w] for w in scale.get("substantive", []) if w in present]
        others = [w for w in scale.get("others", []) if w in present]
        if subs and others:
            return subs[0], f"{scale.get('name', '')} scale: “{subs[0]}” is the substantive answer"
    return "", ""


def with_substantive(t: Table) -> Table:
    a = t.role("answer")
    if a is None:
        return t
    answer, why = substantive_answer(t.columns[a].values)
    return replace(t, substantive=answer, substantive_reason=why) if answer else t


def _subset(c: Column, rows: list[int], get=None) -> Column:
    get = get or _getter(rows)
    pick = lambda seq: get(seq) if seq else ()   # noqa: E731
    return evolve(c, values=pick(c.values), bounds=pick(c.bounds), notes=pick(c.notes),
                  errors=pick(c.errors), bases=pick(c.bases))


def _getter(rows: list[int]):
    """seq -> the tuple of seq's items at rows (itemgetter builds it in C; one row gives a 1-tuple)."""
    if len(rows) == 1:
        r = rows[0]
        return lambda seq: (seq[r],)
    return operator.itemgetter(*rows)


def _label_values(t: Table) -> tuple:
    return tuple(c.values for c in t.columns if not c.is_numeric)


def link_parallel_errors(tables: list[Table], issues: list[ImportIssue]) -> list[Table]:
    """Tables on a standard-error / margin-of-error sheet with the same layout as an estimates table
    become that table's errors, column by column, and are not listed as tables of their own."""
    tables = apply_publisher_reference(tables, issues)
    err_tables = [t for t in tables if _ERROR_SHEET.search(t.sheet)]
    if not err_tables:
        return tables
    out = list(tables)
    used: set[str] = set()
    for e in err_tables:
        divisor = _is_error_name(e.sheet) or 1.0
        for k, t in enumerate(out):
            if t.key in used or _ERROR_SHEET.search(t.sheet) or t.provenance.path != e.provenance.path:
                continue
            if [c.name for c in t.columns] != [c.name for c in e.columns]:
                continue
            how = "same layout"
            if t.n_rows != e.n_rows or _label_values(t) != _label_values(e):
                e_rows = _rows_by_key(t, e)
                if e_rows is None:
                    continue
                e = _reordered(e, e_rows)
                how = "rows matched by their labels"
            cols = []
            for est, err in zip(t.columns, e.columns):
                if est.is_numeric and err.is_numeric and not est.errors:
                    scale = divisor
                    if est.kind == "percent" and err.kind != "percent":
                        present = [abs(v) for v in err.values if v is not None]
                        scale *= 100.0 if present and max(present) > 0.5 else 1.0
                    est = evolve(est, errors=tuple(None if v is None else v / scale for v in err.values))
                cols.append(est)
            out[k] = replace(t, columns=tuple(cols))
            used.add(e.key)
            issues.append(ImportIssue("info", e.provenance.file_name, e.sheet,
                                      f"{e.provenance.cell_range}: read as the errors of "
                                      f"{t.provenance.cite()} ({how}), not as a table"))
            break
    return [t for t in out if t.key not in used]


def _row_keys(t: Table) -> list[tuple]:
    labels = [c.values for c in t.columns if not c.is_numeric]
    return [tuple(str(col[r]) for col in labels) for r in range(t.n_rows)]


def _rows_by_key(t: Table, e: Table) -> list[int] | None:
    """For each row of estimates `t`, the row of errors `e` with the same labels (a long table whose
    rows were re-sorted on one sheet), or None when the rows do not all match one to one."""
    if t.layout != "long" or e.layout != "long" or t.title != e.title:
        return None
    ek = _row_keys(e)
    where = {}
    for r, k in enumerate(ek):
        if k in where:
            return None
        where[k] = r
    rows = [where.get(k) for k in _row_keys(t)]
    return None if any(r is None for r in rows) else rows


def _reordered(e: Table, rows: list[int]) -> Table:
    return replace(e, columns=tuple(_subset(c, rows) for c in e.columns),
                   source_rows=tuple(e.source_rows[r] for r in rows))
