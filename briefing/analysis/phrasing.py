"""Loading the phrasing data files (resources/phrasing/<lang>.toml) and filling their templates."""
from __future__ import annotations

from functools import lru_cache

from briefing.fileio import read_toml
from briefing.model import InputError
from briefing.paths import phrasing

LANGS = ("en", "zh")


@lru_cache(maxsize=None)
def load(lang: str) -> dict:
    if lang not in LANGS:
        raise InputError(f"unknown language '{lang}' (known: {', '.join(LANGS)})")
    return read_toml(phrasing(lang))


# One value inside a written sentence (a label, a title) is cut to this many characters with "…": the
# table under the sentence shows it, and the appendix gives it in full (briefing.compose.text).
SENTENCE_VALUE_CHARS = 240


def _short(v):
    if isinstance(v, str) and len(v) > SENTENCE_VALUE_CHARS:
        cut = v[:SENTENCE_VALUE_CHARS]
        space = cut.rfind(" ", SENTENCE_VALUE_CHARS * 2 // 3)
        return (cut[:space] if space > 0 else cut).rstrip() + "\u2026"
    return v


def say(lang: str, section: str, key: str, **values) -> str:
    return load(lang)[section][key].format(**{k: _short(v) for k, v in values.items()})


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
