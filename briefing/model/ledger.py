"""The audit ledger: every number the briefing prints, each with the cell it cites or how it was derived."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A number as printed: "54%", "−5.4", "1,234.5", "2023". Not part of a name or reference such as
# "B5", "GPT-4", "01.AI", "3mma" or "file_2023.xls": Latin letters, digits, "_" and "." glued to it
# make it part of a word (CJK characters do not: "2023年" holds the number 2023).
NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.,])(?<![A-Za-z]-)[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?"
    r"(?![A-Za-z0-9_]|[.,]\d|\.[A-Za-z])")


def number_tokens(text: str) -> list[str]:
    """The numbers printed in `text`, as printed ("54%", "1,234.5")."""
    return list(_tokens(text or ""))


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    # A ledger asks for the same texts thousands of times (a 573-month series' dates, its days
    # and years): the regex runs once a text.
    return tuple(m.group(0).lstrip("+-−") for m in NUMBER.finditer(text))


def number_key(token: str) -> str:
    """What two printings of one number share: no sign, thousands separators or percent sign."""
    return token.lstrip("+-−").rstrip("%").replace(",", "")


# Entry kinds: a source cell, a derived value, text copied from the workbook (a title, a label, a
# sheet name), a field of the briefing's spec (its date, a title the user gave), a constant of the
# method (the 95% of a margin of error, the small-base limit), a count of what the page shows, an axis
# mark or a page number; "none" is a number the briefing prints without a source: a bug.
KINDS = ("cell", "derived", "text", "spec", "method", "count", "axis", "page", "none")


@dataclass(frozen=True)
class Cell:
    file: str
    sheet: str
    cell: str            # "C5"
    value: str           # the value as read, e.g. "0.54", "2023-07-08"

    def cite(self) -> str:
        return f"{self.file}|{self.sheet}!{self.cell}" if self.sheet else f"{self.file}|{self.cell}"


@dataclass(frozen=True)
class Entry:
    text: str                   # the number as printed: "54%"
    where: str                  # cover, summary, callout, lead, finding, heading, chart, table, note, axis, page
    kind: str                   # one of KINDS
    context: str = ""           # the printed text it is in (cut to 160 characters)
    section: str = ""           # the section's title, "" before the first section
    cells: tuple[Cell, ...] = ()
    derivation: str = ""        # for "derived": the operation on the cells; else what the number is
    refs: str = ""              # the appendix references printed with the text, e.g. "[A1, A2]"
    in_refs: bool = True        # False: a cell of the section's table that the text's references do not list

    @property
    def key(self) -> str:
        return number_key(self.text)

    def as_json(self) -> dict:
        out: dict = {"text": self.text, "where": self.where, "kind": self.kind, "context": self.context}
        if self.section:
            out["section"] = self.section
        if self.cells:
            out["cells"] = [{"file": c.file, "sheet": c.sheet, "cell": c.cell, "value": c.value} for c in self.cells]
        if self.derivation:
            out["derivation"] = self.derivation
        if self.refs:
            out["refs"] = self.refs
        if not self.in_refs:
            out["in_refs"] = False
        return out


@dataclass(frozen=True)
class Ledger:
    entries: tuple[Entry, ...] = ()
    lang: str = "en"

    def keys(self) -> frozenset[str]:
        return frozenset(e.key for e in self.entries if e.kind != "none")

    def unsourced(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind == "none")

    def with_entries(self, extra) -> "Ledger":
        return Ledger(self.entries + tuple(extra), self.lang)

    def as_json(self, pdf: str = "", pages: int = 0) -> dict:
        counts: dict[str, int] = {}
        for e in self.entries:
            counts[e.kind] = counts.get(e.kind, 0) + 1
        return {"format": "briefing-audit", "version": 1, "pdf": pdf, "pages": pages, "lang": self.lang,
                "counts": counts, "numbers": [e.as_json() for e in self.entries]}
