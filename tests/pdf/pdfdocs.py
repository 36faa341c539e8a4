"""Hand-made Documents for the PDF tests, and helpers that read a built PDF back."""
from __future__ import annotations

import re

import pdfplumber
import pypdf

from briefing.compose.blocks import (BarChart, Callout, Callouts, Contents, Cover, DocMeta, Document,
                                     FindingItem, Findings, Heading, PageBreak, Para, Summary,
                                     SummaryItem, TableBlock, Timeline, TimelineEvent)

SECTIONS_EN = ("Adoption of generative AI", "Regulation ahead", "Chips and export controls",
               "The model race")
SECTIONS_ZH = ("生成式人工智能的采用", "即将到来的监管", "芯片与出口管制", "模型竞赛")


def make_meta(lang: str = "en", **kw) -> DocMeta:
    zh = lang == "zh"
    labels = ({"page_of": "第 {page} 页，共 {pages} 页", "contents": "目录", "edited": "已编辑"} if zh
              else {"page_of": "Page {page} of {pages}", "contents": "Contents"})
    base = dict(
        title="生成式人工智能简报" if zh else "GenAI briefing: the China race",
        subtitle="2024年第四季度" if zh else "Survey results, Q4 2024",
        author="Jane Analyst", organisation="技术统计办公室" if zh else "Office for Technology Statistics",
        date_text="2024年11月25日" if zh else "25 November 2024", date_iso="2024-11-25", lang=lang,
        classification="内部" if zh else "Internal", subject="生成式AI" if zh else "GenAI adoption",
        keywords=("GenAI", "China"), labels=labels)
    base.update(kw)
    return DocMeta(**base)


def make_doc(lang: str = "en", *, appendix_rows: int = 90, cover: bool = True, **meta_kw) -> Document:
    """Cover, summary with callouts, contents, four sections, and a long appendix table."""
    zh = lang == "zh"
    meta = make_meta(lang, **meta_kw)
    names = SECTIONS_ZH if zh else SECTIONS_EN
    anchors = ("adoption", "regulation", "chips", "models")
    countries = (("中国", "印度", "美国", "英国", "德国", "日本") if zh
                 else ("China", "India", "United States", "United Kingdom", "Germany", "Japan"))
    vals = (83.0, 73.0, 65.0, 61.0, 55.0, 45.0)
    blocks = []
    if cover:
        blocks += [Cover(meta.title, meta.subtitle, meta.date_text, meta.author, meta.organisation,
                         meta.classification, blurb="Themes: adoption, regulation"), PageBreak()]
    blocks += [
        Heading("摘要" if zh else "Executive summary", 0, "summary"),
        Para("超过80%的中国企业领导者使用生成式人工智能，而全球平均为54%。" if zh
             else "More than 80% of Chinese business leaders use GenAI, against 54% worldwide.", "lead"),
        Callouts((Callout("83%", "中国企业领导者" if zh else "of Chinese leaders use GenAI", "adoption"),
                  Callout("+29 pts", "全球平均" if zh else "above the global average", "adoption"),
                  Callout("USD 64.53 m", "iFlyTek", "chips"))),
        Summary(tuple(SummaryItem(f"Theme {k + 1}", f"Top finding number {k + 1}.", a)
                      for k, a in enumerate(anchors))),
        PageBreak(),
        Contents("目录" if zh else "Contents"),
        PageBreak(),
    ]
    for k, (name, anchor) in enumerate(zip(names, anchors)):
        blocks += [
            Heading(name, 1, anchor),
            Para(("中国企业领导者" if zh else "Leaders in China") + f" lead section {k + 1}.", "lead"),
            Findings((FindingItem("China leads: 83% of leaders use GenAI, 29 points above the global average of 54%.", "[A1]"),
                      FindingItem("Escaped text: R&D <5% & \"quotes\" stay literal.", "[A2]", edited=True))),
        ]
        if k == 0:
            blocks += [
                BarChart("中国企业领导者使用生成式AI（%）" if zh else "Share of leaders using GenAI (%)",
                         countries, vals, tuple(f"{v:.0f}%" for v in vals), "%",
                         "Source: survey, sheet Adoption.", benchmark=54.0,
                         benchmark_label="全球平均 54%" if zh else "Global average 54%", highlight=(0,)),
                Heading("By company size", 2, "adoption-size"),
                TableBlock("Adoption by size (%)", ("Country", "Small", "Large"),
                           tuple((c, f"{v - 10:.0f}%", f"{v + 5:.0f}%") for c, v in zip(countries, vals)),
                           ("left", "right", "right"), source="Source: survey, sheet Size.",
                           notes=("Small: fewer than 50 employees.",)),
            ]
        if k == 1:
            blocks.append(Timeline("AI rules", (
                TimelineEvent("Aug 2023", "China: interim measures", "Providers must register models."),
                TimelineEvent("Oct 2023", "United States: executive order on AI"),
                TimelineEvent("Mar 2024", "European Union: AI Act adopted", "Phased in from 2025.")),
                "Source: survey, sheet Timeline."))
        blocks.append(Para("See the summary." if not zh else "见摘要。", "small", link="summary"))
        blocks.append(PageBreak())
    blocks += [
        Heading("附录" if zh else "Appendix: provenance", 0, "appendix"),
        TableBlock("Sources", ("Ref", "File", "Sheet", "Cells"),
                   tuple((f"[R{i}]", "survey.xlsx", "Adoption", f"A{i}:C{i}") for i in range(appendix_rows)),
                   ("left", "left", "left", "left"), style="appendix"),
    ]
    return Document(meta, tuple(blocks))


def page_texts(path) -> list[str]:
    """Text of each page, line by line as laid out (pdfplumber groups by position)."""
    with pdfplumber.open(str(path)) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def outline_entries(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) for every outline entry, in order."""
    out = []

    def walk(items, depth):
        for it in items:
            if isinstance(it, list):
                walk(it, depth + 1)
            else:
                out.append((depth, it.title, reader.get_destination_page_number(it) + 1))
    walk(reader.outline, 0)
    return out


def contents_numbers(text: str) -> dict[str, int]:
    """Entries of a contents page: 'Title . . . . 4' -> {'Title': 4}."""
    found = {}
    for line in text.splitlines():
        m = re.match(r"^\s*(.*?)[\s.]*?(\d+)\s*$", line)
        if m and m.group(1).strip(" ."):
            found[m.group(1).strip(" .")] = int(m.group(2))
    return found
