"""A copy of a frozen model object with some fields changed, without running its __init__ again."""
from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def evolve(obj: T, **changes) -> T:
    """dataclasses.replace for the model's plain frozen dataclasses (no __post_init__, no init=False
    fields, no slots), by copying the instance dict: replace() rebuilds every field through the frozen
    __init__, and a long survey's import made thousands of per-question column copies with it."""
    fields = obj.__dataclass_fields__
    unknown = [k for k in changes if k not in fields]
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {unknown[0]!r}")
    new = object.__new__(type(obj))
    d = new.__dict__
    d.update(obj.__dict__)
    d.update(changes)
    return new
