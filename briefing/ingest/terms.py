"""Units and names a table's own words give: a "单位: %" / "Unit: %" note under its title, and
statistical terms (resources/terms.toml) whose definition fixes the unit, e.g. RD强度 = % of GDP."""
from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from functools import lru_cache

from briefing.fileio import read_toml
from briefing.model import Column, ImportIssue, Table
from briefing.paths import resource

# "单位：%", "单位:亿元", "Unit: %", "Units: thousand USD" in a title, subtitle or note line.
_UNIT_NOTE = re.compile(r"(?:单\s*位|\bunits?)\s*[:：]\s*([^\s,;，；()（）]+(?:\s+[A-Za-z$]+)?)", re.I)
_PERCENT = {"%", "％", "percent", "per cent", "百分比"}


@lru_cache(maxsize=1)
def _terms() -> tuple[dict, ...]:
    try:
        return tuple(read_toml(resource("terms.toml")).get("term", ()))
    except (OSError, tomllib.TOMLDecodeError):
        return ()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def term_for(text: str) -> dict | None:
    s = _squash(text)
    best = None
    for t in _terms():
        for m in t.get("match", ()):
            if m in s and (best is None or len(m) > best[0]):
                best = (len(m), t)
    return best[1] if best else None


def _as_percent(c: Column) -> Column:
    values = tuple(round(v / 100, 12) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                   for v in c.values)
    return replace(c, kind="percent", unit="%", values=values,
                   errors=tuple(e / 100 if e is not None else None for e in c.errors) if c.errors else ())


def _plain_number(c: Column) -> bool:
    return c.kind in ("number", "money") and not c.unit


def apply_terms(table: Table, issues: list[ImportIssue]) -> Table:
    """`table` with percentages typed as such where its unit note or a term's definition says so,
    and the terms of its headers and title recorded (Table.terms) for the briefing's wording."""
    file, sheet, rng = table.provenance.file_name, table.sheet, table.provenance.cell_range
    cols = list(table.columns)
    said = []
    note = next((m.group(1) for line in (table.title, table.subtitle, *table.notes)
                 for m in [_UNIT_NOTE.search(line or "")] if m), None)
    if note is not None and note.strip().lower() in _PERCENT:
        changed = [i for i, c in enumerate(cols) if _plain_number(c)]
        for i in changed:
            cols[i] = _as_percent(cols[i])
        if changed:
            said.append(f"unit note '{note}': {len(changed)} columns read as percentages")
    elif note is not None:
        for i, c in enumerate(cols):
            if _plain_number(c):
                cols[i] = replace(c, unit=note)
    terms = []
    title_term = term_for(f"{table.title} {table.subtitle}")
    for i, c in enumerate(cols):
        t = term_for(c.name) or (title_term if i in table.period_columns else None)
        if t is None:
            continue
        if t.get("unit") == "%" and _plain_number(c):
            cols[i] = _as_percent(c)
            said.append(f"'{c.name}' is {t['en']}: read as percentages (resources/terms.toml)")
        if term_for(c.name):
            terms.append((c.name, t["en"], t.get("zh", t["en"])))
    if title_term:
        terms.append((table.title, title_term["en"], title_term.get("zh", title_term["en"])))
    for s in said:
        issues.append(ImportIssue("info", file, sheet, f"{rng}: {s}"))
    if not said and not terms and note is None:
        return table
    return replace(table, columns=tuple(cols), terms=tuple(dict.fromkeys(terms)))
