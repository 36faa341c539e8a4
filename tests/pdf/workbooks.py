"""Workbooks for each chart type, written with openpyxl, and the same tables built by hand."""
from __future__ import annotations

from pathlib import Path

from briefing.model import Column, Provenance, Table

COUNTRIES = ("China", "India", "United States", "United Kingdom", "Germany", "Global average")
SIZES = {"Small firms": (0.71, 0.62, 0.55, 0.49, 0.44, 0.50),
         "Large firms": (0.88, 0.79, 0.72, 0.66, 0.61, 0.68)}
YEARS = {"2021": (0.35, 0.30, 0.28, 0.25, 0.22, 0.26), "2022": (0.50, 0.42, 0.36, 0.31, 0.30, 0.35),
         "2023": (0.68, 0.60, 0.52, 0.45, 0.41, 0.46), "2024": (0.83, 0.73, 0.65, 0.61, 0.55, 0.54)}
STATEMENTS = ("Rules are needed now", "Rules will slow innovation", "My firm is ready for rules")
SCALE = {"Strongly disagree": (0.04, 0.08, 0.12), "Disagree": (0.08, 0.17, 0.25),
         "Neither agree nor disagree": (0.18, 0.20, 0.23), "Agree": (0.42, 0.35, 0.28),
         "Strongly agree": (0.28, 0.20, 0.12)}
QUARTERS = [f"{q} {y}" for y in (2023, 2024, 2025, 2026) for q in ("Q1", "Q2", "Q3", "Q4")]
REGIONS = ("Asia-Pacific", "North America", "Northern Europe", "Latin America", "Middle East and Africa")

# Sheet name -> rows; percentages are fractions written with a 0% format.
SHEETS = {
    "Size": [["GenAI adoption by company size"], [],
             ["Country", *SIZES]] + [[c, *(v[i] for v in SIZES.values())] for i, c in enumerate(COUNTRIES)]
            + [[], ["Source: test survey"]],
    "Trend": [["GenAI adoption over time"], [],
              ["Country", *YEARS]] + [[c, *(v[i] for v in YEARS.values())] for i, c in enumerate(COUNTRIES)]
             + [[], ["Source: test survey"]],
    "Attitudes": [["Attitudes to AI regulation"], [],
                  ["Statement", *SCALE]] + [[s, *(v[i] for v in SCALE.values())] for i, s in enumerate(STATEMENTS)]
                 + [[], ["Source: test survey"]],
}


def write(path: Path, sheets: dict[str, list[list]] | None = None) -> Path:
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in (sheets or SHEETS).items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, v in enumerate(row, 1):
                if v is not None:
                    cell = ws.cell(r, c, v)
                    if isinstance(v, float) and v <= 1:
                        cell.number_format = "0%"
    wb.save(path)
    return path


def _table(key: str, title: str, columns: list[Column], n: int, **kw) -> Table:
    prov = Provenance(f"/data/{key.lower()}.xlsx", key, f"A3:{chr(64 + len(columns))}{n + 3}", "0" * 64)
    return Table(f"{key.lower()}.xlsx|{key}|A3", title, tuple(columns), prov, tuple(range(3, 3 + n)), **kw)


def grouped_table() -> Table:
    cols = [Column("Country", "label", COUNTRIES)] + [
        Column(name, "percent", vals, source_col=k + 1) for k, (name, vals) in enumerate(SIZES.items())]
    return _table("Size", "GenAI adoption by company size", cols, len(COUNTRIES))


def trend_table(errors: float | None = None) -> Table:
    cols = [Column("Country", "label", COUNTRIES)] + [
        Column(name, "percent", vals, source_col=k + 1,
               errors=tuple(errors for _ in vals) if errors is not None else ())
        for k, (name, vals) in enumerate(YEARS.items())]
    return _table("Trend", "GenAI adoption over time", cols, len(COUNTRIES))


def likert_table() -> Table:
    cols = [Column("Statement", "label", STATEMENTS)] + [
        Column(name, "percent", vals, source_col=k + 1) for k, (name, vals) in enumerate(SCALE.items())]
    return _table("Attitudes", "Attitudes to AI regulation", cols, len(STATEMENTS))


def ranked_table(values, errors=None, bases=None, labels=("China", "India", "Japan", "Global average")) -> Table:
    cols = [Column("Country", "label", labels),
            Column("Share (%)", "percent", tuple(values), source_col=1,
                   errors=tuple(errors) if errors else (), bases=tuple(bases) if bases else ())]
    return _table("Ranked", "Share of leaders using GenAI", cols, len(labels))


def wide_table() -> Table:
    """Sixteen quarters of a number per region: far too wide for a portrait page."""
    cols = [Column("Region", "label", REGIONS)] + [
        Column(q, "number", tuple(None if (r == 2 and k == 5) else round(10 + 1.7 * k + 2.3 * r, 1)
                                  for r in range(len(REGIONS))), source_col=k + 1,
               notes=tuple("n/a" if (r == 2 and k == 5) else "" for r in range(len(REGIONS))))
        for k, q in enumerate(QUARTERS)]
    return _table("Wide", "GenAI pilots per 100 firms by quarter", cols, len(REGIONS))
