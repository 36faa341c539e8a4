"""A theme from the catalogue and a table's tag with a score."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    key: str
    name: str
    name_zh: str
    description: str
    description_zh: str
    keywords: tuple[str, ...]        # English, matched case-insensitively on word starts
    keywords_zh: tuple[str, ...]     # Chinese, matched as substrings
    custom: bool = False
    # A narrower name for a section whose every table measures the narrower thing: "AI adoption"
    # becomes "GenAI adoption" only when each table is about generative AI (themes.toml `narrow`).
    narrow_words: tuple[str, ...] = ()
    narrow_name: str = ""
    narrow_name_zh: str = ""

    def title(self, lang: str) -> str:
        return self.name_zh if lang == "zh" and self.name_zh else self.name

    def blurb(self, lang: str) -> str:
        return self.description_zh if lang == "zh" and self.description_zh else self.description


@dataclass(frozen=True)
class ThemeTag:
    theme: str       # Theme.key
    score: float     # 0..1
    hits: tuple[str, ...] = ()   # keywords that matched, for the user to see why
