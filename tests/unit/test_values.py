"""Cell parsing: percentages, bounds, footnotes, suppressed markers, periods."""
import datetime as dt

import pytest

from briefing.ingest.periods import date_key, sort_key
from briefing.ingest.values import parse_cell


@pytest.mark.parametrize("raw, value, kind, bound", [
    (">80%", 0.8, "percent", ">"),
    ("more than 80%", 0.8, "percent", ">"),
    ("80%+", 0.8, "percent", ">"),
    ("about 70%", 0.7, "percent", "~"),
    ("up to 64.53", 64.53, "number", "<="),
    ("1,234", 1234.0, "number", ""),
    ("USD 64.53 m", 64.53, "number", ""),
    ("12.5%", 0.125, "percent", ""),
    ("(5.4)", -5.4, "number", ""),
    ("超过80%", 0.8, "percent", ">"),
])
def test_numbers_and_bounds(raw, value, kind, bound):
    p = parse_cell(raw)
    assert p.value == pytest.approx(value)
    assert (p.kind, p.bound) == (kind, bound)


def test_footnote_marker_is_split_off():
    p = parse_cell("83*")
    assert (p.value, p.kind, p.note) == (83.0, "number", "*")
    assert parse_cell("65 (a)").note == "(a)"


@pytest.mark.parametrize("raw", ["-", "n/a", "..", "x", "*", "–"])
def test_suppressed_cells_are_missing_with_marker(raw):
    p = parse_cell(raw)
    assert p.value is None and p.kind == "missing" and p.note == raw


def test_percent_format_marks_fraction():
    assert parse_cell(0.65, "0%").kind == "percent"
    assert parse_cell(0.65).kind == "number"


def test_control_characters_are_removed():
    assert parse_cell("abc\x07def").value == "abc def"


def test_periods_sort_in_time_order():
    values = ["Early 2024", dt.date(2023, 10, 1), 2023, "Late 2024", "Q2 2024"]
    ordered = sorted(values, key=sort_key)
    assert ordered == [2023, dt.date(2023, 10, 1), "Early 2024", "Q2 2024", "Late 2024"]
    assert date_key("Oct 2023") == (2023, 10, 1)
    assert date_key("banana") is None
