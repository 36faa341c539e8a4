"""Where the app keeps its files (Qt-free): autosaves, user templates and themes."""
from __future__ import annotations

from pathlib import Path

APP = "Briefing"


def user_data_dir() -> Path:
    import platformdirs
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def user_config_dir() -> Path:
    import platformdirs
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def template_names(extra_dirs: tuple[Path, ...] | None = None) -> list[str]:
    """Template names (TOML files without the suffix): those shipped in templates/, then the
    user's own in <config>/templates/, each once, shipped ones first."""
    from briefing.paths import templates

    dirs = [templates()] + list(extra_dirs if extra_dirs is not None else (user_config_dir() / "templates",))
    names: list[str] = []
    for d in dirs:
        if d.is_dir():
            for p in sorted(d.glob("*.toml")):
                if p.stem not in names:
                    names.append(p.stem)
    if "briefing" in names:   # the default first
        names.remove("briefing")
        names.insert(0, "briefing")
    return names
