"""Tables -> written key findings (numbers and sentences, English and Chinese)."""
from __future__ import annotations

from typing import Mapping, Sequence

from briefing.analysis.categorical import categorical_findings
from briefing.analysis.clean import clean_table
from briefing.analysis.crosstab import crosstab_findings
from briefing.analysis.events import timeline_findings
from briefing.analysis.facts import indicator_findings, list_findings
from briefing.analysis.shape import Shape, shape_of
from briefing.analysis.survey_long import survey_long_findings
from briefing.analysis.series_insights import series_findings
from briefing.model import Finding, Table

_WRITERS = {
    "categorical": categorical_findings,
    "indicator": indicator_findings,
    "timeline": timeline_findings,
    "list": list_findings,
    "survey_long": survey_long_findings,
    "series": series_findings,
    "crosstab": crosstab_findings,
}


def table_findings(table: Table, theme: str, lang: str) -> list[Finding]:
    table = clean_table(table)   # NaN and infinities are missing values, never findings
    shape = shape_of(table, lang)
    writer = _WRITERS.get(shape.kind)
    return writer(table, shape, theme, lang) if writer else []


def analyse(tables_by_theme: Mapping[str, Sequence[Table]], lang: str = "en") -> dict[str, tuple[Finding, ...]]:
    """Findings per theme key, in the order of the theme's tables (best match first)."""
    return {theme: tuple(f for t in tables for f in table_findings(t, theme, lang))
            for theme, tables in tables_by_theme.items()}


__all__ = ["analyse", "table_findings", "shape_of", "Shape", "clean_table"]
