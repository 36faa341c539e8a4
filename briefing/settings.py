"""Where the app keeps its files (Qt-free): autosaves, user templates and themes."""
from __future__ import annotations

from pathlib import Path

from briefing.paths import template_names  # noqa: F401  (the one list, re-exported for the window)

APP = "Briefing"


def user_data_dir() -> Path:
    import platformdirs
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def user_config_dir() -> Path:
    import platformdirs
    return Path(platformdirs.user_config_dir(APP, appauthor=False))
