"""Cells that are not numbers are missing values with their marker kept: parsing and column typing."""
import math

import pytest

from briefing.analysis.clean import clean_table
from briefing.analysis.numbers import fmt_gap, fmt_value
from briefing.ingest.columns import type_column
from briefing.ingest.values import is_not_a_number, parse_cell
from briefing.model import Column, Provenance, Table


@pytest.mark.parametrize("raw, note", [
    ("#DIV/0!", "#DIV/0!"), ("#N/A", "#N/A"), ("#VALUE!", "#VALUE!"), ("#REF!", "#REF!"), ("#NUM!", "#NUM!"),
    ("inf", "inf"), ("-inf", "-inf"), ("Infinity", "Infinity"), ("nan", "nan"), ("1e400", "1e400"),
    (float("nan"), "NaN"), (float("inf"), "inf"), (float("-inf"), "-inf"), (10 ** 400, "inf"),
])
def test_not_a_number_is_missing_with_marker(raw, note):
    p = parse_cell(raw)
    assert (p.value, p.kind, p.note) == (None, "missing", note)
    assert is_not_a_number(p.note)


def test_scientific_notation_still_reads_as_a_number():
    assert parse_cell("1.5e3").value == 1500.0
    assert not is_not_a_number("n/a") and not is_not_a_number("*")


def test_number_column_fast_path_keeps_markers():
    raw = [0.5, float("inf"), None, float("nan"), 0.7, float("-inf")]
    c = type_column("Share (%)", raw, [False] * len(raw), 1, True)
    assert c.kind == "percent"
    assert c.values == (0.5, None, None, None, 0.7, None)
    assert c.notes == ("", "inf", "", "NaN", "", "-inf")


def test_text_cells_mixed_with_errors_stay_a_number_column():
    raw = ["80%", "#DIV/0!", "inf", "54%", "61%", "70%"]
    c = type_column("Share", raw, [False] * len(raw), 1, True)
    assert c.kind == "percent" and c.values[1] is None and c.notes[1] == "#DIV/0!" and c.notes[2] == "inf"


def test_clean_table_and_formatting_guard():
    cols = (Column("Country", "label", ("A", "B")), Column("Share", "percent", (float("inf"), 0.5), source_col=1,
                                                           errors=(float("nan"), 0.01)))
    t = Table("k", "T", cols, Provenance("/x.xlsx", "S", "A1:B3", "0" * 64), (1, 2))
    c = clean_table(t).columns[1]
    assert c.values == (None, 0.5) and c.notes == ("inf", "") and c.errors == (None, 0.01)
    ok = Table("k", "T", (cols[0], Column("Share", "percent", (0.4, 0.5))), t.provenance, (1, 2))
    assert clean_table(ok) is ok
    assert fmt_value(float("nan"), "percent") == "–" and fmt_value(math.inf, "number") == "–"
    assert fmt_gap(math.inf, "percent", "", "en") == "–"
