"""Loading the phrasing data files (resources/phrasing/<lang>.toml) and filling their templates."""
from __future__ import annotations

import tomllib
from functools import lru_cache

from briefing.model import InputError
from briefing.paths import phrasing

LANGS = ("en", "zh")


@lru_cache(maxsize=None)
def load(lang: str) -> dict:
    if lang not in LANGS:
        raise InputError(f"unknown language '{lang}' (known: {', '.join(LANGS)})")
    with open(phrasing(lang), "rb") as f:
        return tomllib.load(f)


def say(lang: str, section: str, key: str, **values) -> str:
    return load(lang)[section][key].format(**values)


def join(lang: str, items: list[str]) -> str:
    """"a, b and c" / "a、b和c"."""
    f = load(lang)["findings"]
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f["join"].join(items[:-1]) + f["join_last"] + items[-1]


def name(lang: str, label: str, start: bool = False) -> str:
    """A category name as it reads in a sentence: "the United States", "The United States" at the start."""
    art = load(lang).get("articles")
    if not art or label not in art.get("the", ()):
        return label
    word = art["the_word"]
    return f"{word.capitalize() if start else word} {label}"
