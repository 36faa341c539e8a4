"""Loading the theme catalogue (resources/themes.toml, or a user's file of the same format)."""
from __future__ import annotations

import tomllib
from pathlib import Path

from briefing.fileio import read_toml
from briefing.model import InputError, Theme
from briefing.paths import theme_catalogue


def parse_catalogue(text: str, origin: str = "themes.toml", custom: bool = False) -> tuple[Theme, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{origin}: not valid TOML ({e})") from None
    return catalogue_from(data, origin, custom)


def catalogue_from(data: dict, origin: str = "themes.toml", custom: bool = False) -> tuple[Theme, ...]:
    themes = []
    seen = set()
    for i, entry in enumerate(data.get("theme", []), 1):
        where = f"{origin}, theme {i}"
        key = str(entry.get("key", "")).strip()
        if not key:
            raise InputError(f"{where}: missing 'key'")
        if key in seen:
            raise InputError(f"{where}: duplicate key '{key}'")
        seen.add(key)
        if "name" not in entry:
            raise InputError(f"{where} ('{key}'): missing 'name'")
        kws = entry.get("keywords", [])
        kws_zh = entry.get("keywords_zh", [])
        if not isinstance(kws, list) or not isinstance(kws_zh, list):
            raise InputError(f"{where} ('{key}'): 'keywords' and 'keywords_zh' must be lists")
        if not kws and not kws_zh:
            raise InputError(f"{where} ('{key}'): needs at least one keyword")
        narrow = entry.get("narrow", {})
        if not isinstance(narrow, dict) or not isinstance(narrow.get("words", []), list):
            raise InputError(f"{where} ('{key}'): 'narrow' must be a table with a list of 'words'")
        themes.append(Theme(
            key=key, name=str(entry["name"]), name_zh=str(entry.get("name_zh", "")),
            description=str(entry.get("description", "")),
            description_zh=str(entry.get("description_zh", "")),
            keywords=tuple(str(k).lower() for k in kws),
            keywords_zh=tuple(str(k) for k in kws_zh), custom=custom,
            narrow_words=tuple(str(w).lower() for w in narrow.get("words", [])),
            narrow_name=str(narrow.get("name", "")), narrow_name_zh=str(narrow.get("name_zh", ""))))
    return tuple(themes)


def load_catalogue(path: Path | None = None) -> tuple[Theme, ...]:
    path = path or theme_catalogue()
    try:
        data = read_toml(path)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{path.name}: not valid TOML ({e})") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{path.name}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    return catalogue_from(data, path.name)
