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


def user_templates() -> Path:
    """The user's own templates: <config dir>/Briefing/templates (one there wins over a shipped one)."""
    import platformdirs
    return Path(platformdirs.user_config_dir("Briefing", appauthor=False)) / "templates"


DEFAULT_TEMPLATE = "briefing"


def template_names(user_dir: Path | None = None) -> list[str]:
    """Every template name once, in the order the CLI and the window list them: the default, the
    other shipped ones, then the user's own (TOML files without the suffix), each group sorted."""
    shipped = sorted(p.stem for p in templates().glob("*.toml"))
    try:
        own = sorted(p.stem for p in (user_dir or user_templates()).glob("*.toml"))
    except OSError:
        own = []
    names = [DEFAULT_TEMPLATE] if DEFAULT_TEMPLATE in shipped + own else []
    for n in shipped + own:
        if n not in names:
            names.append(n)
    return names
