"""Typing a table's columns: label, text, percent, money, count, number or date, with units from headers."""
from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections import Counter
from functools import partial
from itertools import compress, islice, repeat
from typing import Any

from briefing.ingest.values import (SUPPRESSED, Parsed, _clean_text, finite_number, number_marker, parse_cell,
                                    parse_column)
from briefing.model import Column

# Columns longer than this are typed from their first values when those are plainly text.
_SAMPLE = 2000
_MIDNIGHT = dt.time()
_KIND, _NOTE, _BOUND = (operator.attrgetter(a) for a in ("kind", "note", "bound"))
_PCT_HEADER = re.compile(r"%|\bper ?cent\b|\bpct\b|百分比|占比|比例", re.I)
_MONEY_HEADER = re.compile(r"\b(USD|US\$|EUR|GBP|RMB|CNY|JPY)\b|[$€£¥]|美元|人民币|元", re.I)
_COUNT_HEADER = re.compile(r"\bn\s*=|\bnumber of\b|\bcount\b|\brespondents\b|\bbase\b|人数|数量", re.I)
_DATE_HEADER = re.compile(r"\b(date|year|when|period|month|quarter)\b|日期|年份|时间", re.I)
_UNIT_HEADER = re.compile(r"^\s*(units?|单位)\s*$", re.I)
_UNIT_IN_HEADER = re.compile(r"[\(\[]([^\)\]]{1,16})[\)\]]\s*$")
# "Loss, USD m", "Revenue in EUR bn": a currency with an optional scale closing the header.
_MONEY_UNIT = re.compile(r"(?:^|[\s,;])((?:USD|US\$|EUR|GBP|RMB|CNY|JPY)(?:\s*(?:m|mn|bn|k|million|billion))?)\s*$", re.I)
_BASE_UNIT = re.compile(r"^\s*(?:n|base|sample size|unweighted (?:base|n))\s*=?\s*$|\bn\s*=\s*$", re.I)


def unit_from_header(name: str) -> str:
    m = _UNIT_IN_HEADER.search(name)
    if m:
        unit = m.group(1).strip()
        return "n" if unit.lower().replace(" ", "") in ("n=", "n") else unit
    if "%" in name:
        return "%"
    m = _MONEY_UNIT.search(name)
    if m:
        return m.group(1)
    if _BASE_UNIT.search(name):
        return "n"
    return ""


def _as_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return " ".join(str(v).split())


def type_column(name: str, raw: list[Any], percent_flags: list[bool], source_col: int,
                first_text_seen: bool, per_row_units: bool = False) -> Column:
    """Types one column; with per_row_units (the table has a Unit column) values stay as read."""
    types = set(map(type, raw))
    types.discard(type(None))
    if types and types <= {float, int}:
        if _DATE_HEADER.search(name) and _year_like(raw):
            year = {v: int(v) for v in set(raw) if v is not None}
            return Column(name, "date", tuple(map(year.get, raw)), unit_from_header(name), (), source_col)
        return _number_column(name, raw, percent_flags, source_col, per_row_units, types)
    if types and types <= {dt.datetime, dt.date}:
        # Dates as the reader gave them; a datetime at midnight is a date.
        day = {v: v.date() if isinstance(v, dt.datetime) and v.time() == _MIDNIGHT else v
               for v in set(raw) if v is not None}
        values = tuple(map(day.get, raw))
        return Column(name, "date", values, unit_from_header(name), (), source_col)
    if _texty_sample(name, raw, percent_flags):
        return _text_column(name, raw, source_col, first_text_seen)
    parsed, distinct = parse_column(raw, percent_flags, types)
    # Counted and checked over the distinct values and in C-level passes: survey columns are long
    # and repeat a few hundred strings.
    kinds = Counter(map(_KIND, parsed))
    n_present = len(parsed) - kinds["missing"]
    n = max(1, n_present)
    n_numeric = kinds["number"] + kinds["percent"]
    unit = unit_from_header(name)
    present = [p for p in distinct if p.kind != "missing"]

    is_year_like = all(p.kind == "date" or (p.kind == "number" and isinstance(p.value, float)
                                            and p.value.is_integer() and 1800 <= p.value <= 2200)
                       for p in present)
    notes = tuple(map(_NOTE, parsed))
    notes = notes if any(notes) else ()
    if n_present and (kinds["date"] >= 0.6 * n or (_DATE_HEADER.search(name) and is_year_like)):
        values = tuple(map(_date_value, parsed))
        return Column(name, "date", values, unit, (), source_col, notes=notes)

    if n_present and n_numeric >= 0.6 * n:
        header_pct = bool(_PCT_HEADER.search(name))
        any_pct = kinds["percent"] > 0
        numeric = [p for p in distinct if p.kind in ("number", "percent")]
        scale = 1.0
        if (any_pct or header_pct) and not per_row_units:
            plain = [abs(p.value) for p in numeric if p.kind == "number"]
            # Under a "%" header plain numbers are points (80 = 80%) unless all look like fractions.
            scale = 100.0 if plain and max(plain) > 1.5 else 1.0
            kind = "percent"
            unit = "%"
        else:
            if _MONEY_HEADER.search(name):
                kind = "money"
            elif _COUNT_HEADER.search(name) and all(float(p.value).is_integer() for p in numeric):
                kind = "count"
            else:
                kind = "number"
        get = {id(p): p.value / scale if p.kind == "number" else p.value for p in numeric}.get
        values = tuple(map(get, map(id, parsed)))
        bounds = tuple(map(_BOUND, parsed))
        return Column(name, kind, values, unit, bounds if any(bounds) else (), source_col, notes=notes)

    if bool in types:   # True == 1: their texts differ, so never through one dict
        values = tuple(_as_text(v) if p.kind != "missing" else None for v, p in zip(raw, parsed))
    else:
        # Whether a value is missing does not depend on its percent flag: one text per distinct value.
        text = {v: None if p.kind == "missing" else _as_text(v) for v, p in dict(zip(raw, parsed)).items()}
        values = tuple(map(text.__getitem__, raw))
    kind = "text" if first_text_seen or _UNIT_HEADER.match(name) else "label"
    return Column(name, kind, values, unit, (), source_col, notes=notes)


def _year_like(raw: list[Any]) -> bool:
    return all(v is None or (finite_number(v) is not None and float(v).is_integer() and 1800 <= v <= 2200)
               for v in set(raw))


def _number_column(name: str, raw: list[Any], flags: list[bool], source_col: int,
                   per_row_units: bool, types: set[type]) -> Column:
    """A column of numbers as the reader gave them: typed without parsing each cell (the fast path).

    NaN, the infinities and integers past the range of a float are missing values, their marker
    ("NaN", "inf", "-inf") kept in the notes as a suppression marker is."""
    notes: tuple[str, ...] = ()
    if types == {float} and all(map(operator.eq, raw, raw)) and _finite_sum(raw):
        values = raw   # already floats, no NaN (NaN != NaN) and no infinity: nothing to convert
    else:
        values = [None if v is None else finite_number(v) for v in raw]
        if any(v is None and r is not None for v, r in zip(values, raw)):
            notes = tuple("" if r is None or v is not None else number_marker(r) for v, r in zip(values, raw))
    unit = unit_from_header(name)
    any_pct = any(flags)
    if any_pct and not per_row_units:
        # Percent cells hold fractions; the format of the first rows stands for the column.
        return Column(name, "percent", tuple(values), "%", (), source_col, notes=notes)
    if _PCT_HEADER.search(name) and not per_row_units:
        # Under a "%" header plain numbers are points (80 = 80%) unless all look like fractions.
        if max((abs(v) for v in values if v is not None), default=0.0) > 1.5:
            values = [None if v is None else v / 100.0 for v in values]
        return Column(name, "percent", tuple(values), "%", (), source_col, notes=notes)
    if _MONEY_HEADER.search(name):
        kind = "money"
    elif _COUNT_HEADER.search(name) and all(v.is_integer() for v in values if v is not None):
        kind = "count"
    else:
        kind = "number"
    return Column(name, kind, tuple(values), unit, (), source_col, notes=notes)


def _finite_sum(values: list[float]) -> bool:
    """True when no value is infinite: a sum with an infinity is infinite (one that overflows
    from finite values is too, and then each value is checked)."""
    present = [v for v in values if v is not None] if None in values else values
    return math.isfinite(sum(present)) or all(map(math.isfinite, present))


def _texty_sample(name: str, raw: list[Any], flags: list[bool]) -> bool:
    """True when the first values already show a text column, so a long one is not parsed cell by cell."""
    if len(raw) <= _SAMPLE or _DATE_HEADER.search(name):
        return False
    # The first _SAMPLE cells that are not empty, parsed as one column.
    filled = compress(range(len(raw)), map(operator.is_not, raw, repeat(None)))
    end = next(islice(filled, _SAMPLE - 1, None), len(raw) - 1) + 1
    parsed, _ = parse_column(raw[:end], flags[:end])
    kinds = Counter(map(_KIND, parsed))
    present = len(parsed) - kinds["missing"]
    return bool(present) and kinds["number"] + kinds["percent"] + kinds["date"] < 0.3 * present


def _case_variants(word: str) -> set[str]:
    out = {""}
    for ch in word:
        out = {o + v for o in out for v in {ch.lower(), ch.upper()}}
    return out


# Suppression markers in every letter case, so a column's distinct values can be matched as a set.
_SUPPRESSED_ANY_CASE = frozenset(v for m in SUPPRESSED for v in _case_variants(m))
# Anything a cell's text would be cleaned of: control or odd whitespace, double spaces, spaces at the
# ends (the cells are joined with NUL to look at a whole column in one regex pass).
_ODD_CHARS = re.compile(r"[\x01-\x1f\x7f-\x9f\u00a0\u00ad\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]")


def _needs_cleaning(joined: str) -> bool:
    # Substring tests for the spaces, one character class for the rest: an alternation of them all
    # was tried at every position and cost 0.1 s on a column of 200,000 respondent IDs.
    return ("  " in joined or "\x00 " in joined or " \x00" in joined or joined[:1] == " " or joined[-1:] == " "
            or _ODD_CHARS.search(joined) is not None)


def _clean_strings(raw: list[Any]) -> tuple[list[Any], list[str]] | None:
    """A column of already clean strings as it is (one regex pass, no per-cell work), else None."""
    present = list(filter(partial(operator.is_not, None), raw))
    if not all(map(str.__instancecheck__, present)) or any(v == "" for v in present[:1]):
        return None
    distinct = set(present)   # all strings: the distinct ones say whether any needs cleaning
    if "" in distinct or _needs_cleaning("\x00".join(distinct)):
        return None
    values = list(raw)
    notes: list[str] = []
    markers = set(present) & _SUPPRESSED_ANY_CASE
    if markers:
        notes = ["" if v not in markers else v for v in values]
        values = [None if v in markers else v for v in values]
    return values, notes


def _text_column(name: str, raw: list[Any], source_col: int, first_text_seen: bool) -> Column:
    fast = _clean_strings(raw)
    if fast is not None:
        kind = "text" if first_text_seen or _UNIT_HEADER.match(name) else "label"
        return Column(name, kind, tuple(fast[0]), unit_from_header(name), (), source_col,
                      notes=tuple(fast[1]) if any(fast[1]) else ())
    values, notes = [], []
    longest = max(map(len, SUPPRESSED))
    memo: dict = {}   # survey columns repeat a few labels many times: clean each once
    for v in raw:
        got = memo.get(v)
        if got is None:
            if v is None:
                t = None
            elif v.__class__ is str:
                t = " ".join(v.split()) if v.isprintable() else _as_text(_clean_text(v))
            else:
                t = _as_text(v)
            if t is not None and (not t or (len(t) <= longest and t.lower() in SUPPRESSED)):
                got = (None, t)
            else:
                got = (t, "")
            if len(memo) < 100_000:
                memo[v] = got
        values.append(got[0])
        notes.append(got[1])
    kind = "text" if first_text_seen or _UNIT_HEADER.match(name) else "label"
    return Column(name, kind, tuple(values), unit_from_header(name), (), source_col,
                  notes=tuple(notes) if any(notes) else ())


def _date_value(p: Parsed) -> Any:
    if p.kind == "number" and isinstance(p.value, float) and p.value.is_integer():
        return int(p.value)
    if p.kind == "missing":
        return None
    return p.value


def apply_unit_column(columns: list[Column], raw_percent: dict[int, list[bool]]) -> list[Column]:
    """In indicator tables (a Unit column), values in "%" rows become fractions like percent cells."""
    unit_col = next((c for c in columns if _UNIT_HEADER.match(c.name)), None)
    if unit_col is None:
        return columns
    out = []
    for c in columns:
        if c.kind in ("number", "money") and c is not unit_col:
            flags = raw_percent.get(c.source_col, [False] * len(c.values))
            vals = []
            for v, u, was_pct in zip(c.values, unit_col.values, flags):
                if v is not None and u and str(u).strip() == "%" and not was_pct:
                    v = v / 100.0
                vals.append(v)
            c = Column(c.name, "number", tuple(vals), "", c.bounds, c.source_col, notes=c.notes)
        out.append(c)
    return out
