"""What kind of table this is, and which columns play which part, for the writers and the charts."""
from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.ingest import is_unit_header
from briefing.model import Column, Table

BENCHMARK = re.compile(r"\b(global|world|worldwide|average|overall|total|all (countries|regions|respondents))\b"
                       r"|全球|平均|总体|合计|全部", re.I)
# A total is a benchmark for shares (the share among all), but for amounts it is the sum of the
# rows: comparing a row with it says nothing, so it is left out of the ranking instead.
TOTAL = re.compile(r"\b(total|sum|all)\b|合计|总计|全部", re.I)
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Shape:
    kind: str                      # categorical | indicator | timeline | list | other
    label: int | None              # index of the label column shown to readers
    values: tuple[int, ...] = ()   # numeric columns
    date: int | None = None
    unit: int | None = None
    texts: tuple[int, ...] = ()    # other text columns, in order
    benchmark_row: int | None = None
    total_row: int | None = None   # a sum row, kept out of rankings
    excluded: tuple[int, ...] = ()  # aggregate rows (a region above its members), never ranked


def _is_cjk_column(c: Column) -> bool:
    vals = [v for v in c.values if v]
    counts: dict[object, int] = {}
    for v in vals:   # each distinct label searched once: labels repeat down a long column
        counts[v] = counts.get(v, 0) + 1
    return bool(vals) and sum(n for v, n in counts.items() if _CJK.search(str(v))) >= 0.6 * len(vals)


def label_column(table: Table, lang: str) -> int | None:
    """The label column, or its Chinese twin for a Chinese briefing (and the reverse)."""
    main = next((i for i, c in enumerate(table.columns) if c.kind == "label"), None)
    if main is None:
        return None
    if _is_cjk_column(table.columns[main]) != (lang == "zh"):
        for i in translations(table, main):
            return i
    return main


def key_labels(table: Table, shape: "Shape") -> tuple:
    """Row names for finding keys: the main label column's own values, the same whichever language
    the briefing is in (a Chinese briefing reads 北京 from the twin of an English Beijing column)."""
    main = next((i for i, c in enumerate(table.columns) if c.kind == "label"), shape.label)
    return table.columns[main].values if main is not None else (None,) * table.n_rows


def translations(table: Table, main: int | None) -> list[int]:
    """Text columns that restate the label column in the other script (Country / 国家)."""
    if main is None:
        return []
    ref = table.columns[main]
    n = len(set(ref.values))
    return [i for i, c in enumerate(table.columns) if c.kind == "text" and len(set(c.values)) == n
            and _is_cjk_column(c) != _is_cjk_column(ref)]


def benchmark_row(table: Table) -> int | None:
    """The row of the benchmark (global, average, 全球...), looked for in the label column and
    its translations only: a word in a notes column does not make a row the benchmark. A row a
    code list or the publisher calls the total (全国, National total) comes first."""
    totals = table.rows_with_role("total")
    if totals:
        return totals[0]
    main = next((i for i, c in enumerate(table.columns) if c.kind == "label"), None)
    if main is None:
        return None
    members = set(table.rows_with_role("member"))   # the user said: a plain row, whatever its label
    for i in [main, *translations(table, main)]:
        hit: dict[object, bool] = {}
        for r, v in enumerate(table.columns[i].values):
            if not v or r in members:
                continue
            if v not in hit:
                hit[v] = bool(BENCHMARK.search(str(v)))
            if hit[v]:
                return r
    return None


_UNSET = object()


def benchmark_and_total(table: Table, col: int, twins=None, bench=_UNSET) -> tuple[int | None, int | None]:
    """(benchmark row, total row) for the values of column `col`: a total row is the benchmark of
    a share or ratio, but the sum of an amount (then compared as a share of it, never as a gap).
    Callers going over many columns pass `bench` and `twins`, worked out once for the table."""
    bench = benchmark_row(table) if bench is _UNSET else bench
    if bench is None or table.columns[col].kind == "percent":
        return bench, None
    if table.row_role(bench) == "total":
        return None, bench
    if twins is None:
        main = next((i for i, c in enumerate(table.columns) if c.kind == "label"), None)
        twins = {main, *translations(table, main)}
    labels = [str(table.columns[i].values[bench] or "") for i in twins if i is not None]
    if any(TOTAL.search(v) for v in labels):
        return None, bench
    return bench, None


def shape_of(table: Table, lang: str = "en") -> Shape:
    cols = table.columns
    if table.layout == "crosstab":
        # A pollster's cross-tab or a count table (briefing.analysis.crosstab writes it).
        return Shape("crosstab", 0 if table.orient == "answers_in_rows" else table.role("group"),
                     tuple(i for i, c in enumerate(cols) if c.is_numeric))
    if table.layout == "series" and table.period_columns:
        # A column per period, rows with their parts (briefing.analysis.series_insights writes it).
        return Shape("series", table.role("label") or 0, tuple(table.period_columns))
    if table.layout == "long" and table.role("answer") is not None:
        # One row per group x answer, a column per period (briefing.analysis.survey_long writes it).
        return Shape("survey_long", table.role("group"), tuple(table.period_columns) or
                     tuple(i for i, c in enumerate(cols) if c.is_numeric))
    label = label_column(table, lang)
    main_label = next((i for i, c in enumerate(cols) if c.kind == "label"), None)
    twins = {main_label, label} | set(translations(table, main_label))
    numeric = tuple(i for i, c in enumerate(cols) if c.is_numeric)
    date = next((i for i, c in enumerate(cols) if c.kind == "date"), None)
    unit = next((i for i, c in enumerate(cols) if is_unit_header(c.name)), None)
    texts = tuple(i for i, c in enumerate(cols) if c.kind in ("text", "label") and i not in twins and i != unit)
    if numeric and unit is not None:
        return Shape("indicator", label, numeric, date, unit, texts)
    if numeric and label is not None:
        bench, total = benchmark_and_total(table, numeric[0], twins)
        return Shape("categorical", label, numeric, date, None, texts, bench, total,
                     table.rows_with_role("aggregate"))
    if date is not None and label is not None:
        return Shape("timeline", label, (), date, None, texts)
    if label is not None:
        return Shape("list", label, (), None, None, texts)
    return Shape("other", None)
