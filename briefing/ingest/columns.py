"""Typing a table's columns: label, text, percent, money, count, number or date, with units from headers."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from briefing.ingest.values import SUPPRESSED, Parsed, parse_cell, parse_period
from briefing.model import Column

# Columns longer than this are typed from their first values when those are plainly text.
_SAMPLE = 2000
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
    if _texty_sample(name, raw, percent_flags):
        return _text_column(name, raw, source_col, first_text_seen)
    parsed: list[Parsed] = [parse_cell(v, "0%" if pf else "") for v, pf in zip(raw, percent_flags)]
    present = [p for p in parsed if p.kind != "missing"]
    n = max(1, len(present))
    numeric = [p for p in present if p.kind in ("number", "percent")]
    dates = [p for p in present if p.kind == "date"]
    unit = unit_from_header(name)

    is_year_like = all(p.kind == "date" or (p.kind == "number" and isinstance(p.value, float)
                                            and p.value.is_integer() and 1800 <= p.value <= 2200)
                       for p in present)
    notes = tuple(p.note for p in parsed)
    notes = notes if any(notes) else ()
    if present and (len(dates) >= 0.6 * n or (_DATE_HEADER.search(name) and is_year_like)):
        values = tuple(_date_value(p) for p in parsed)
        return Column(name, "date", values, unit, (), source_col, notes=notes)

    if present and len(numeric) >= 0.6 * n:
        header_pct = bool(_PCT_HEADER.search(name))
        any_pct = any(p.kind == "percent" for p in numeric)
        if (any_pct or header_pct) and not per_row_units:
            plain = [p.value for p in numeric if p.kind == "number"]
            # Under a "%" header plain numbers are points (80 = 80%) unless all look like fractions.
            scale = 100.0 if plain and max(abs(v) for v in plain) > 1.5 else 1.0
            values = tuple(None if p.kind not in ("number", "percent") else
                           (p.value / scale if p.kind == "number" else p.value) for p in parsed)
            kind = "percent"
            unit = "%"
        else:
            values = tuple(p.value if p.kind in ("number", "percent") else None for p in parsed)
            if _MONEY_HEADER.search(name):
                kind = "money"
            elif _COUNT_HEADER.search(name) and all(float(v).is_integer() for v in values if v is not None):
                kind = "count"
            else:
                kind = "number"
        bounds = tuple(p.bound for p in parsed)
        return Column(name, kind, values, unit, bounds if any(bounds) else (), source_col, notes=notes)

    values = tuple(_as_text(v) if p.kind != "missing" else None for v, p in zip(raw, parsed))
    kind = "text" if first_text_seen or _UNIT_HEADER.match(name) else "label"
    return Column(name, kind, values, unit, (), source_col, notes=notes)


def _texty_sample(name: str, raw: list[Any], flags: list[bool]) -> bool:
    """True when the first values already show a text column, so a long one is not parsed cell by cell."""
    if len(raw) <= _SAMPLE or _DATE_HEADER.search(name):
        return False
    sample = []
    for v, pf in zip(raw, flags):
        if v is not None:
            sample.append(parse_cell(v, "0%" if pf else "").kind)
            if len(sample) >= _SAMPLE:
                break
    present = [k for k in sample if k != "missing"]
    return bool(present) and sum(k in ("number", "percent", "date") for k in present) < 0.3 * len(present)


def _text_column(name: str, raw: list[Any], source_col: int, first_text_seen: bool) -> Column:
    values, notes = [], []
    for v in raw:
        t = _as_text(v) if v is not None else None
        if t is not None and (not t or t.lower() in SUPPRESSED):
            notes.append(t)
            t = None
        else:
            notes.append("")
        values.append(t)
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
