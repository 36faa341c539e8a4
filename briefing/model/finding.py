"""A written key finding with the numbers behind it and the cells it cites."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    key: str             # stable across re-imports: "<theme>|<table title>|<kind>"
    theme: str
    table_key: str
    kind: str            # leader, gap, laggard, spread, timeline, fact, list
    text: str            # the sentence, plain text (never markup)
    headline: str = ""   # big-number callout, e.g. "80%+"
    headline_label: str = ""
    cites: tuple[str, ...] = ()   # e.g. ("Adoption!A5:C5", "Adoption!A7:C7")
    weight: float = 0.0  # higher = more important, for the executive summary
    # How a number in the sentence was derived from the cells ("4,802.6 / 33,357.1 = 14.4%"), and
    # the test behind a word such as "rose" or "leads" (statistic, threshold, verdict); "" if none.
    derivation: str = ""
    test: str = ""
