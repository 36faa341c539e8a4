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


def test_table_period_is_found_by_column_and_follows_every_kind_of_copy():
    import pickle

    infos = tuple(PeriodInfo(c, f"2024-{c:02d}", f"2024-{c:02d}-01", f"2024-{c:02d}-28") for c in range(1, 13))
    cols = (Column("Item", "label", ("a",)),) + tuple(Column(f"2024-{c:02d}", "number", (float(c),)) for c in range(1, 13))
    t = Table("k", "T", cols, Provenance("/x.xlsx", "S", "A1:M2", "0" * 64), (1,), period_info=infos)
    assert t.period(7) is infos[6] and t.period(0) is None and t.period(13) is None
    # The first entry of a column, as the scan it replaces gave.
    twice = dataclasses.replace(t, period_info=infos + (PeriodInfo(7, "other"),))
    assert twice.period(7) is infos[6]
    # Copies with other periods never answer from the original's index.
    shorter = evolve(t, period_info=infos[:3])
    assert shorter.period(3) is infos[2] and shorter.period(7) is None
    assert dataclasses.replace(t, period_info=()).period(7) is None
    # The index is not part of the table: equal, hashed alike, not pickled, rebuilt after.
    back = pickle.loads(pickle.dumps(t))
    assert back == t and hash(back) == hash(t)
    assert "_period_index" not in back.__dict__ and back.period(12) == infos[11]
