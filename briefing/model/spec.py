"""What the user asked for: sources, themes in order, and the fields of the cover."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BriefingSpec:
    sources: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()     # theme keys in order; empty = every theme the data supports
    title: str = "Briefing"
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    date: str = ""                   # ISO date; "" = today
    lang: str = "en"                 # en | zh
    classification: str = ""
    template: str = "briefing"
    data_appendix: bool = False      # every table the briefing used, in full, after the source appendix
