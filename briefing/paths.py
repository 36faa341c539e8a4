"""The one place that finds resources/ and templates/, in a source tree or an installed wheel."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def _root(name: str) -> Path:
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Briefing is installed without its {name}/ folder (looked in {_PKG})")


def resources() -> Path:
    return _root("resources")


def templates() -> Path:
    return _root("templates")


def resource(*parts: str) -> Path:
    return resources().joinpath(*parts)


def fonts_dir() -> Path:
    return resource("fonts")


def sample_workbook() -> Path:
    return resource("samples", "genai-survey-2024.xlsx")


def theme_catalogue() -> Path:
    return resource("themes.toml")


def phrasing(lang: str) -> Path:
    return resource("phrasing", f"{lang}.toml")
