"""Briefings of pollsters' cross-tabs and count files: the real Deltapoll and Eurobarometer files in
../shared/surveys pass their answer keys (check_key.py: every must_say in a sentence, no must_not_say,
body within its page budget) and the Chinese briefing states the same numbers (skipped, with the reason,
when the folder is absent; the files are read-only and copied first); and generated files of the same
layouts give short briefings whose sentences count, rank and tie as the data allow."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from briefing.model import BriefingSpec
from briefing.pipeline import build
from tests.ingest.crosstabs import write_banner, write_counts

SURVEYS = Path(__file__).resolve().parents[2].parent / "shared" / "surveys"
FILES = ("deltapoll_ai_oct2023.xlsx", "B2_eurobarometer_q6_ai_counts.csv")

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
needs_surveys = pytest.mark.skipif(not (SURVEYS / "check_key.py").is_file(),
                                   reason=f"real survey workbooks not present ({SURVEYS})")


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True).stdout


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(str(pdf)).pages)


def _build(src: Path, tmp_path: Path, lang: str = "en") -> Path:
    out = tmp_path / f"{src.stem}-{lang}.pdf"
    build(BriefingSpec(title=src.stem, sources=(str(src),), date="2026-01-15", lang=lang), out)
    return out


@pytest.mark.slow
@needs_surveys
@needs_pdftotext
@pytest.mark.parametrize("name", FILES)
def test_real_crosstab_briefing_passes_its_answer_key(name, tmp_path):
    src = tmp_path / name
    shutil.copyfile(SURVEYS / name, src)
    pdf = _build(src, tmp_path)
    key = SURVEYS / f"{Path(name).stem}.toml"
    r = subprocess.run([sys.executable, str(SURVEYS / "check_key.py"), str(key), str(pdf)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.slow
@needs_surveys
@needs_pdftotext
@pytest.mark.parametrize("name", FILES)
def test_chinese_crosstab_briefing_states_the_same_numbers(name, tmp_path):
    src = tmp_path / name
    shutil.copyfile(SURVEYS / name, src)
    text = _text(_build(src, tmp_path, "zh"))
    key = tomllib.loads((SURVEYS / f"{Path(name).stem}.toml").read_text(encoding="utf-8"))
    # Shares as printed; a count across groups ("7 of the 9") and a fieldwork month in Chinese words.
    words = {"7 of the 9": "9个国家中有7个", "October 2023": "2023年10月"}
    for item in key["must_say"]:
        vals = [v for v in item["any_of"] if v[:1].isdigit() and "%" in v] or \
            [words[v] for v in item["any_of"] if v in words]
        assert vals and any(v in text for v in vals), item["what"]


@needs_pdftotext
def test_generated_banner_workbook_gives_a_short_briefing_that_counts_and_ties(tmp_path):
    pdf = _build(write_banner(tmp_path / "poll.xlsx"), tmp_path)
    text = " ".join(_text(pdf).split())
    assert "in 3 of the 4 countries chose “An international AI safety institute run by experts” most often" in text
    assert "level within the margin of error" in text
    # Bases and NET rows are never answers or percentages; the country sheets are not sections.
    assert not re.search(r"(?<![\d.,])1,?(?:010|205|102)\s?%", text)
    assert "Unweighted Sample leads" not in text and "All Adults leads" not in text
    assert "Gender · Male" not in text
    assert _pages(pdf) <= 10
    # Chart titles: "by country" (the plural only where a number counts them), "按国家" in Chinese
    # (the plural word "个国家" carries its measure word: "按个国家" reads "by [measure word] country").
    assert "by country" in text and "by countries" not in text
    zh = " ".join(_text(_build(write_banner(tmp_path / "poll-zh.xlsx"), tmp_path, "zh")).split())
    assert "按国家" in zh and "按个国家" not in zh


@needs_pdftotext
def test_generated_count_file_gives_shares_with_their_bases(tmp_path):
    pdf = _build(write_counts(tmp_path / "q6_ai_counts.csv"), tmp_path)
    text = " ".join(_text(pdf).split())
    assert "Malta (69.0%, 345 of 500) and Portugal (68.3%, 710 of 1,040), statistically tied" in text
    assert "877 positive" not in text and "Germany is" not in text
    # 9 countries: 6 EU members and 3 others; the two German sub-samples are not countries.
    assert "9 countries" in text
    assert not re.search(r"\b(?:10|11)\s+(?:EU\s+)?(?:countries|member states)\b", text)
    assert "fieldwork" not in text.lower()
    assert _pages(pdf) <= 8
