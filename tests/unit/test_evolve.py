"""model.evolve: dataclasses.replace without __init__, for the model's plain frozen dataclasses."""
import dataclasses

import pytest

from briefing.model import Column, Provenance, Table
from briefing.model.evolve import evolve
from briefing.model.table import PeriodInfo


def _table():
    cols = (Column("Country", "label", ("China", "Japan")), Column("Share", "percent", (0.83, 0.41), "%"))
    return Table("k", "Title", cols, Provenance("/x.xlsx", "S", "A1:B3", "0" * 64), (1, 2))


@pytest.mark.parametrize("cls", [Column, Table, PeriodInfo])
def test_the_classes_it_copies_have_nothing_init_would_compute(cls):
    # evolve copies the instance dict: a __post_init__, an init=False field or slots would be skipped.
    assert not hasattr(cls, "__post_init__") and "__slots__" not in cls.__dict__
    assert all(f.init for f in dataclasses.fields(cls))


def test_evolve_gives_what_replace_gives_and_leaves_the_original():
    t = _table()
    c = t.columns[1]
    assert evolve(c, values=(0.5, None), notes=("", "S")) == dataclasses.replace(c, values=(0.5, None), notes=("", "S"))
    assert evolve(t, title="Other") == dataclasses.replace(t, title="Other")
    assert c.values == (0.83, 0.41) and t.title == "Title"
    with pytest.raises(dataclasses.FrozenInstanceError):
        evolve(c, unit="pts").unit = "%"
    with pytest.raises(TypeError, match="no field 'valu'"):
        evolve(c, valu=())
