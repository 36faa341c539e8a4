"""Pollster-style files made by code for the cross-tab tests: a banner workbook (a summary sheet with a
column per country, a sheet per country with Total | Gender | Age banners, bases, question blocks with
NET rows, a multi-choice question) written with xlsxwriter, and a count CSV (a row per country code,
a total column, answer counts and NET counts)."""
from __future__ import annotations

from pathlib import Path

COUNTRIES = ("Canada", "France", "Japan", "Italy")
BASES = (1010, 1205, 998, 1102)
# TRUST (up to three answers): the institute first in Canada, France and Italy; tech companies first
# in Japan, level with the institute there (41% vs 40% on about 1,000).
TRUST = (("The tech companies that develop AI", (25, 28, 41, 22)),
         ("The [COUNTRY] government", (30, 20, 27, 24)),
         ("An international AI safety institute run by experts", (46, 39, 40, 55)),
         ("An independent [COUNTRY] regulator", (28, 22, 20, 25)),
         ("Don't know", (15, 16, 22, 10)))
WORRY = (("Very worried", (20, 25, 15, 18)), ("Fairly worried", (40, 41, 37, 33)),
         ("Not very worried", (25, 22, 30, 31)), ("Not at all worried", (8, 6, 8, 12)),
         ("Don't know", (7, 6, 10, 6)))


def _worry_nets(cols):
    worried = tuple(a + b for a, b in zip(WORRY[0][1], WORRY[1][1]))
    not_w = tuple(a + b for a, b in zip(WORRY[2][1], WORRY[3][1]))
    net = tuple(a - b for a, b in zip(worried, not_w))
    return (("Worried (All)", worried), ("Not Worried (All)", not_w), ("NET", net))


def _blocks(values_of):
    """Rows of the question blocks; values_of(values per country) gives the row's numbers."""
    rows = [["Artificial intelligence (AI) is when a computer programme performs tasks."],
            ["TRUST. Which of the following, if any, would you trust to have overall responsibility for "
             "ensuring AI is safe? Please select up to three."]]
    rows += [[label, *values_of(v)] for label, v in TRUST]
    rows += [[], ["WORRY. How worried, if at all, are you that humans will lose control of AI?"]]
    rows += [[label, *values_of(v)] for label, v in WORRY + _worry_nets(None)]
    rows += [[], ["Indexed Ranking Score Out of 100 [Calculated]", *values_of((22.3, 23.1, 20.0, 25.5))]]
    return rows


def summary_rows():
    return ([["Pollster Survey Results"], ["Prepared by Pollster for the Agency"], [], [],
             ["Fieldwork: 2nd - 6th May 2024"], ["", *COUNTRIES], ["All Adults", *BASES],
             ["Unweighted Sample", *BASES], ["", *["%"] * len(COUNTRIES)]]
            + _blocks(lambda v: list(v)))


def country_rows(k: int):
    """A country sheet: Total | Gender (Male, Female) | Age (18-34, 35+, NET 'All ages' = their sum)."""
    n = BASES[k]
    male, female = n // 2, n - n // 2
    young, old = n // 3, n - n // 3

    def vals(v):
        return [v[k]] * 6

    return ([["Pollster Survey Results"], ["Prepared by Pollster for the Agency"], [],
             [f"Sample Size: {n} adults in {COUNTRIES[k]}"], ["Fieldwork: 2nd - 6th May 2024"],
             ["", "Total", "Gender", "", "Age", "", ""],
             ["", "", "Male", "Female", "18 to 34", "35+", "All ages (All)"],
             [f"All {COUNTRIES[k]} Adults", n, male, female, young, old, n],
             ["Unweighted Sample", n, male + 3, female - 3, young, old, n],
             ["", *["%"] * 6]] + _blocks(vals))


def write_banner(path: Path, countries: bool = True) -> Path:
    import xlsxwriter
    wb = xlsxwriter.Workbook(str(path))
    sheets = {"Notes": [["International survey of public opinion on AI"], ["", "Fieldwork was 2-6 May 2024."]],
              "All Country Summary": summary_rows()}
    if countries:
        sheets.update({c: country_rows(k) for k, c in enumerate(COUNTRIES)})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is not None and v != "":
                    ws.write(r, c, v)
    wb.close()
    return path


# Count CSV: EU members, a country's two sub-samples, and countries outside the EU.
COUNTS = (  # code, total, very pos, fairly pos, fairly neg, very neg, no effect, don't know
    ("MT", 500, 110, 235, 70, 20, 30, 35),
    ("PT", 1040, 240, 470, 146, 55, 10, 119),
    ("DE", 1560, 165, 712, 388, 156, 21, 118),
    ("D-W", 1260, 150, 591, 289, 115, 20, 95),
    ("D-E", 300, 15, 121, 99, 41, 1, 23),
    ("RO", 1050, 62, 355, 300, 205, 44, 84),
    ("FR", 1010, 94, 358, 300, 127, 49, 82),
    ("IT", 1030, 103, 521, 218, 111, 21, 56),
    ("TR", 1060, 394, 470, 126, 52, 15, 3),
    ("XK", 1020, 325, 285, 134, 84, 64, 128),
    ("BA", 1000, 98, 317, 305, 244, 21, 15),
)


def write_counts(path: Path) -> Path:
    lines = ["country,total,Very positive,Fairly positive,Fairly negative,Very negative,No effect,"
             "Don't know,total positive,total negative"]
    for code, n, vp, fp, fn, vn, ne, dk in COUNTS:
        lines.append(f"{code},{n},{vp},{fp},{fn},{vn},{ne},{dk},{vp + fp},{fn + vn}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
