"""Document blocks: what the PDF shows, as plain data with no ReportLab in it.

All text is plain text (the renderer escapes it); numbers arrive already formatted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class DocMeta:
    title: str
    subtitle: str
    author: str
    organisation: str
    date_text: str          # as printed, e.g. "25 November 2026" / "2026年11月25日"
    date_iso: str           # for the PDF creation date (reproducible builds)
    lang: str               # en | zh
    classification: str     # e.g. "Internal"; "" for none
    subject: str            # PDF metadata subject
    keywords: tuple[str, ...] = ()
    labels: dict = field(default_factory=dict)   # renderer strings: "page_of", "contents", ...


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    date_text: str
    author: str
    organisation: str
    classification: str
    blurb: str = ""          # one line under the title, e.g. "Themes: ..."


@dataclass(frozen=True)
class Heading:
    text: str
    level: int               # 0 = part (summary, contents, appendix), 1 = theme section, 2 = sub-heading
    anchor: str              # unique id, used for the outline and internal links
    in_toc: bool = True


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"      # body | lead | note | source | small
    link: str = ""           # anchor to link to, if any
    ref: str = ""            # "[A1]": provenance reference shown after the text in small grey type


@dataclass(frozen=True)
class FindingItem:
    text: str
    ref: str = ""            # "[A3]": key into the provenance appendix
    edited: bool = False


@dataclass(frozen=True)
class Findings:
    items: tuple[FindingItem, ...]
    title: str = "Key findings"


@dataclass(frozen=True)
class Callout:
    value: str               # "80%+"
    label: str               # "of Chinese business leaders use GenAI"
    link: str = ""           # anchor of the section it comes from


@dataclass(frozen=True)
class Callouts:
    items: tuple[Callout, ...]


@dataclass(frozen=True)
class SummaryItem:
    theme: str               # theme title
    text: str                # top finding
    anchor: str              # section anchor (internal link)


@dataclass(frozen=True)
class Summary:
    items: tuple[SummaryItem, ...]


@dataclass(frozen=True)
class BarChart:
    """Ranked horizontal bars, values labelled, an optional benchmark line."""
    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]          # in display units (54.0 for 54%)
    value_texts: tuple[str, ...]       # "54%", ">80%"
    unit: str                          # "%", "USD m", ""
    source: str                        # caption line under the chart
    benchmark: float | None = None     # in display units
    benchmark_label: str = ""          # "Global average 54%"
    highlight: tuple[int, ...] = ()    # indexes drawn in the accent colour
    errors: tuple[float | None, ...] = ()   # margin of error per bar (display units), drawn as whiskers
    alt: str = ""                      # alternative text: what it shows and its main point ("": charts.describe)


@dataclass(frozen=True)
class Series:
    """One named series of a multi-series chart; None marks a missing or suppressed value."""
    name: str
    values: tuple[float | None, ...]   # in display units, one per category / period
    value_texts: tuple[str, ...]


@dataclass(frozen=True)
class GroupedBarChart:
    """Several numeric series per category: horizontal bars in groups, each bar labelled."""
    title: str
    labels: tuple[str, ...]            # categories, ranked by the first series
    series: tuple[Series, ...]
    unit: str
    source: str
    benchmark: float | None = None     # of the first series
    benchmark_label: str = ""
    alt: str = ""                      # alternative text ("": charts.describe)


@dataclass(frozen=True)
class LineChart:
    """Time series: one line per series over ordered periods, end points labelled directly."""
    title: str
    periods: tuple[str, ...]           # x-axis labels, oldest first
    series: tuple[Series, ...]
    unit: str
    source: str
    highlight: tuple[int, ...] = ()    # series drawn in the accent colour
    alt: str = ""                      # alternative text ("": charts.describe)


@dataclass(frozen=True)
class DivergingBarChart:
    """Likert answers: negative answers left of zero, positive right, neutral centred."""
    title: str
    labels: tuple[str, ...]            # questions or groups
    categories: tuple[str, ...]        # answer scale, most negative first
    shares: tuple[tuple[float | None, ...], ...]   # per label, per category, in percent
    neutral: int | None                # index of the neutral category, if any
    source: str
    alt: str = ""                      # alternative text ("": charts.describe)


@dataclass(frozen=True)
class TimelineEvent:
    when: str                          # "Oct 2023"
    label: str                         # "United States: executive order on AI"
    detail: str = ""


@dataclass(frozen=True)
class Timeline:
    title: str
    events: tuple[TimelineEvent, ...]  # in date order
    source: str


@dataclass(frozen=True)
class TableBlock:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]             # per column: "left" | "right"
    source: str = ""
    notes: tuple[str, ...] = ()
    col_weights: tuple[float, ...] = ()   # relative widths; () = renderer decides
    style: str = "data"                # data | appendix


@dataclass(frozen=True)
class Contents:
    title: str


@dataclass(frozen=True)
class PageBreak:
    pass


# The one list of chart blocks: the renderer lays out, titles and tags whatever is here, and draws
# each with the function registered for its type (render/charts.py `draws`). A new chart type is a
# block here and its drawing function there.
CHART_TYPES = (BarChart, GroupedBarChart, LineChart, DivergingBarChart, Timeline)
Chart = Union[CHART_TYPES]
Block = Union[(Cover, Heading, Para, Findings, Callouts, Summary, *CHART_TYPES, TableBlock, Contents, PageBreak)]


# The parts of a briefing, as compose lays them out; a template picks and orders them by kind.
PART_KINDS = ("cover", "summary", "contents", "sections", "appendix")


@dataclass(frozen=True)
class Document:
    meta: DocMeta
    blocks: tuple[Block, ...]
    # Where each part begins: (kind from PART_KINDS, index of its first block), in order; each theme
    # section is a "sections" part of its own. Empty for a hand-made document: all of it one section.
    parts: tuple[tuple[str, int], ...] = ()
    # (anchor of a table's sub-heading, key of the table whose blocks follow it): what the audit
    # ledger (compose/ledger.py) traces each printed number of those blocks to.
    owners: tuple[tuple[str, str], ...] = ()

    def split(self) -> list[tuple[str, tuple[Block, ...]]]:
        """The blocks part by part: (kind, blocks)."""
        if not self.parts:
            return [("sections", self.blocks)]
        ends = [i for _, i in self.parts[1:]] + [len(self.blocks)]
        return [(kind, self.blocks[i:j]) for (kind, i), j in zip(self.parts, ends)]
