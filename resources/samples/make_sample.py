"""Builds genai-survey-2024.xlsx from the figures in the seed article only (run: python resources/samples/make_sample.py).

Every number and fact below is quoted in ../shared/seed/china-ai-race-article.txt;
nothing is invented. Chinese labels are translations of the English ones.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

OUT = Path(__file__).with_name("genai-survey-2024.xlsx")
SOURCE = ("Source: survey of business leaders on generative AI, as reported in "
          "\u201cChina\u2019s AI Race: Ahead of the Curve but Facing Regulatory Hurdles\u201d (2024).")
PCT = "0%"
TITLE = Font(bold=True, size=13)
SUB = Font(italic=True, size=10, color="555555")
HEAD = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
NOTE = Font(italic=True, size=9, color="555555")
THIN = Border(bottom=Side(style="thin", color="999999"))


def _table(ws, top: int, title: str, subtitle: str, header: list[str], rows: list[list],
           formats: dict[int, str], notes: list[str], widths: list[int]) -> int:
    """Writes title, subtitle, a blank row, header, rows, a blank row and notes; returns the next free row."""
    ws.cell(top, 1, title).font = TITLE
    ws.cell(top + 1, 1, subtitle).font = SUB
    hr = top + 3
    for j, h in enumerate(header, 1):
        c = ws.cell(hr, j, h)
        c.font, c.fill = HEAD, HEAD_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center")
    for i, row in enumerate(rows, 1):
        for j, v in enumerate(row, 1):
            c = ws.cell(hr + i, j, v)
            c.border = THIN
            # Number formats go on floats and dates only: a plain year such as 2023 stays a number.
            if j - 1 in formats and isinstance(v, (float, dt.date)):
                c.number_format = formats[j - 1]
            if isinstance(v, str) and j > 1 and any(ch.isdigit() for ch in v):
                c.alignment = Alignment(horizontal="right")
    nr = hr + len(rows) + 2
    for k, note in enumerate(notes):
        ws.cell(nr + k, 1, note).font = NOTE
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = None
    return nr + len(notes) + 1


def build(out: Path = OUT) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "About"
    ws["A1"] = "Generative AI survey 2024: China and the world"
    ws["A1"].font = Font(bold=True, size=15)
    ws["A3"] = "Contents"
    ws["A3"].font = Font(bold=True)
    for i, (name, what) in enumerate([
        ("Adoption", "Use of GenAI by business leaders, by country"),
        ("Regulation", "Preparedness for GenAI regulation, by region"),
        ("Timeline", "Generative-AI rules, 2023-2024"),
        ("Chips", "AI chips and US export controls: company impact"),
        ("Models", "China's large-language-model race"),
        ("Safety", "Safety concerns prompting regulation"),
    ], 4):
        ws.cell(i, 1, name)
        ws.cell(i, 2, what)
    ws["A11"] = SOURCE
    ws["A11"].font = NOTE
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 52

    ws = wb.create_sheet("Adoption")
    _table(ws, 1, "Use of generative AI by business leaders",
           "Share of business leaders surveyed who currently use GenAI in their operations",
           ["Country / region", "国家/地区", "Using GenAI (%)"],
           [["China", "中国", ">80%"],
            ["United States", "美国", 0.65],
            ["Global average", "全球平均", 0.54]],
           {2: PCT},
           ["Note: the China figure is reported as \u201cmore than 80%\u201d.", SOURCE],
           [22, 14, 18])

    ws = wb.create_sheet("Regulation")
    _table(ws, 1, "Preparedness for generative-AI regulation",
           "Share of business leaders who feel \u201cfully\u201d or \u201cmoderately prepared\u201d "
           "to comply with upcoming GenAI regulations",
           ["Region", "地区", "Prepared (%)"],
           [["Asia-Pacific", "亚太", 0.70],
            ["North America", "北美", 0.59],
            ["Northern Europe", "北欧", 0.52]],
           {2: PCT},
           ["Note: the Asia-Pacific figure is reported as \u201cabout 70%\u201d.", SOURCE],
           [22, 12, 16])

    ws = wb.create_sheet("Timeline")
    _table(ws, 1, "Generative-AI regulation timeline",
           "Rules for generative AI adopted by major jurisdictions",
           ["Date", "Jurisdiction", "Measure", "Detail"],
           [[2023, "China (Beijing)", "Rules for generative AI",
             "Among the world\u2019s first; chatbots must \u201cuphold core socialist values\u201d "
             "and protect national security"],
            [dt.date(2023, 10, 1), "United States", "Executive order on AI",
             "AI developers must share data from safety tests with the US government"],
            ["Early 2024", "European Union", "AI Act",
             "Comprehensive set of AI regulations passed"]],
           {0: "mmm yyyy"},
           ["Note: Beijing\u2019s rules were issued in 2023 (month not stated).", SOURCE],
           [12, 18, 26, 60])

    ws = wb.create_sheet("Chips")
    _table(ws, 1, "AI chips and US export controls: company impact",
           "US controls ban the export of high-end processors (such as Nvidia\u2019s) to China",
           ["Company", "公司", "Indicator", "Value", "Unit", "Date"],
           [["iFlyTek", "科大讯飞", "Expected net loss, first half 2024", "up to 64.53", "USD m",
             dt.date(2024, 7, 8)],
            ["iFlyTek", "科大讯飞", "Share price change from previous close", -0.054, "%",
             dt.date(2024, 7, 8)]],
           {3: "0.0%", 5: "d mmm yyyy"},
           ["Note: iFlyTek blamed the loss partly on \u201cultimate pressure from the US\u201d "
            "(filing with the Shenzhen Stock Exchange, 8 July 2024).",
            "Note: startups are reportedly restricting the use of their products for lack of computing power.",
            SOURCE],
           [12, 10, 38, 12, 8, 14])

    ws = wb.create_sheet("Models")
    _table(ws, 1, "China's large-language-model race",
           "Chinese companies building large language models and generative-AI products",
           ["Company", "公司", "Type", "Model / product", "Note"],
           [["Baidu", "百度", "Big tech", "ERNIE LLM",
             "Claims ERNIE outperforms the latest GPT-4 on some Chinese-language tasks"],
            ["Alibaba", "阿里巴巴", "Big tech", "Large language models",
             "Optimistic it can catch up with US counterparts such as OpenAI"],
            ["JD.com", "京东", "Big tech", "Large language models",
             "Investing in its own large language models"],
            ["01.AI", "零一万物", "Start-up", "Chatbots and GenAI products",
             "Founded by Kai-Fu Lee, former president of Google China"]],
           {},
           ["Note: large language models are being developed since the release of ChatGPT in 2022.",
            SOURCE],
           [12, 12, 12, 28, 64])

    ws = wb.create_sheet("Safety")
    _table(ws, 1, "Safety concerns prompting GenAI rules",
           "Concerns that are prompting governments to enact rules for generative AI quickly",
           ["Concern", "关注点"],
           [["Hallucinations", "幻觉"],
            ["Deepfakes", "深度伪造"],
            ["Data privacy", "数据隐私"]],
           {},
           [SOURCE],
           [22, 14])

    # Fixed workbook properties so rebuilding gives the same content.
    wb.properties.creator = "Briefing sample"
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 7, 31)
    wb.save(out)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
