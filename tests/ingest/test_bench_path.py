"""The benchmark's code path on a small copy of its workbook: what bench/bench_import.py times must be right."""
import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from briefing.ingest import read_file

_spec = importlib.util.spec_from_file_location(
    "bench_import", Path(__file__).resolve().parents[2] / "bench" / "bench_import.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_generated_survey_workbook_reads_exactly(tmp_path):
    n = 3000   # past the 2,000-value sample and the 1,000 rows of format hints: every fast path runs
    (t,), report = read_file(bench.make_workbook(tmp_path / "survey.xlsx", n))
    assert t.n_rows == n and t.provenance.cell_range == f"A1:L{n + 1}"
    assert [(c.name, c.kind, c.unit) for c in t.columns] == [
        ("Respondent", "label", ""), ("Region", "text", ""), ("Sector", "text", ""), ("Employees", "number", ""),
        ("Wave", "number", ""), ("Year founded", "date", ""), ("Revenue (USD m)", "money", "USD m"),
        ("Score", "number", ""), ("Weight", "number", ""), ("Interviewed", "date", ""),
        ("Share using AI", "percent", "%"), ("Share planning AI", "percent", "%")]
    for i in (0, 1, 999, 1000, 2999):   # inside and past the rows the format hints cover
        expected = bench.row(i)
        got = [c.values[i] for c in t.columns]
        assert got[:5] == [expected[0], expected[1], expected[2], float(expected[3]), float(expected[4])]
        assert got[5] == expected[5] and isinstance(got[5], int)
        assert got[6:9] == pytest.approx(expected[6:9])
        assert got[9] == expected[9].date() and type(got[9]) is dt.date
        assert got[10:] == pytest.approx(expected[10:])
    assert t.cite_row(2999) == "Survey!A3001:L3001"
