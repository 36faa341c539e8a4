"""The year-block reader's cheap emptiness test says what its text would."""
from __future__ import annotations

import datetime as dt

from briefing.ingest.blocks import _filled, _number, _text


def test_filled_is_whether_the_cell_has_text():
    values = [None, "", " ", "\n\t", "x", " a ", "0", 0, 0.0, 1.5, 1976.0, -2, True, False,
              dt.date(2023, 1, 1), float("nan"), "\u00a0"]
    assert [_filled(v) for v in values] == [bool(_text(v)) for v in values]


def test_a_float_cell_is_its_own_number():
    assert _number(1.25) == 1.25 and _number(3) == 3.0 and isinstance(_number(3), float)
    assert _number(True) is None and _number(" 1,234 ") == 1234.0 and _number("n/a") is None
