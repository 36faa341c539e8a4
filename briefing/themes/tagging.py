"""Scoring how well a table matches each theme, from its sheet name, title, headers and labels."""
from __future__ import annotations

import math
import re
import tomllib
from functools import lru_cache

from briefing.fileio import read_toml
from briefing.model import Table, Theme, ThemeTag
from briefing.paths import theme_catalogue

# Where a keyword is found says how much it counts: a sheet named "Regulation" says more
# than one cell mentioning a rule.
WEIGHTS = {"sheet": 3.0, "title": 3.0, "header": 2.0, "notes": 1.0, "cells": 1.0}
MIN_SCORE = 0.35
_CELL_SAMPLE = 200   # label/text cells looked at per column: enough to judge, cheap on big tables


@lru_cache(maxsize=4096)
def _pattern(keyword: str) -> re.Pattern:
    if keyword.endswith("*"):
        return re.compile(r"(?<![a-z0-9])" + re.escape(keyword[:-1]), re.I)
    return re.compile(r"(?<![a-z0-9])" + re.escape(keyword) + r"(?:s|es)?(?![a-z0-9])", re.I)


def _fields(table: Table) -> dict[str, str]:
    cells = []
    for c in table.columns:
        if c.kind in ("label", "text"):
            cells.extend(str(v) for v in c.values[:_CELL_SAMPLE] if v)
    return {
        "sheet": table.sheet,
        "title": f"{table.title}\n{table.subtitle}",
        "header": "\n".join(c.name for c in table.columns),
        "notes": "\n".join(table.notes),
        "cells": "\n".join(cells),
    }


@lru_cache(maxsize=1)
def _needs() -> dict[str, tuple[str, ...]]:
    """Theme key -> words one of which must also be in the table (themes.toml `needs`)."""
    try:
        data = read_toml(theme_catalogue())
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {str(e.get("key")): tuple(str(w).lower() for w in e.get("needs", ())) for e in data.get("theme", [])
            if e.get("needs")}


_CJK = re.compile(r"[\u3400-\u9fff]")


def _has_need(theme: Theme, fields: dict[str, str]) -> bool:
    words = _needs().get(theme.key) if not theme.custom else None
    if not words:
        return True
    text = "\n".join(fields[f] for f in ("sheet", "title", "header", "cells"))
    low = text.lower()
    # The substring test first: most needed words are absent, and a regex over a big table's text is not free.
    return any((w in text) if _CJK.search(w) else (_core(w) in low and _pattern(w).search(text)) for w in words)


def _core(keyword: str) -> str:
    """The literal part every match of the keyword contains, lowercased: a plain substring test
    on it skips the regex search (over a big table's text) for the many keywords that are absent."""
    return (keyword[:-1] if keyword.endswith("*") else keyword).lower()


def tag_table(table: Table, catalogue: tuple[Theme, ...]) -> tuple[ThemeTag, ...]:
    if table.detail_of:
        return ()   # a country sheet's block is shown through the summary sheet's (Table.detail_of)
    fields = _fields(table)
    lowered = {f: t.lower() for f, t in fields.items()}
    tags = []
    for theme in catalogue:
        if not _has_need(theme, fields):
            continue
        raw = 0.0
        hits: list[str] = []
        for kw in theme.keywords:
            core = _core(kw)
            for field, text in fields.items():
                if core in lowered[field] and _pattern(kw).search(text):
                    raw += WEIGHTS[field]
                    if kw not in hits:
                        hits.append(kw)
        for kw in theme.keywords_zh:
            for field, text in fields.items():
                if kw in text:
                    raw += WEIGHTS[field]
                    if kw not in hits:
                        hits.append(kw)
        # Saturating: a few strong hits make a clear match; more add little.
        score = round(1.0 - math.exp(-raw / 4.0), 2)
        if score >= MIN_SCORE:
            tags.append(ThemeTag(theme.key, score, tuple(hits)))
    tags.sort(key=lambda t: -t.score)
    return tuple(tags)


def tag_tables(tables, catalogue: tuple[Theme, ...]) -> dict[str, tuple[ThemeTag, ...]]:
    return {t.key: tag_table(t, catalogue) for t in tables}
