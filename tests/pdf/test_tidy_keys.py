"""Long and series files in briefings: small generated files with the layouts of Eurostat SDMX, a customs
query in ROC years and a year-block billings sheet give sentences that hold and short bodies; the real
workbooks in ../shared/surveys (Eurostat SDMX and semicolon CSV, Taiwan customs, WSTS billings) pass their
answer keys with check_key.py. Skipped, with the reason, when the folder or pdftotext is absent. The real
workbooks are read-only: each is copied before it is read."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.model import BriefingSpec
from briefing.pipeline import build
from tests.ingest.test_tidy import _blocks, _customs, _sdmx

SURVEYS = Path(__file__).resolve().parents[2].parent / "shared" / "surveys"
KEYS = ("eurostat_isoc_eb_ai_sdmx.csv", "C2_eurostat_ent_ai_by_nace.csv", "D4_tw_customs_hs8542_exports.csv",
        "E1_wsts_billings_3mma_1976_2023.xls")


def _text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True).stdout


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(str(pdf)).pages)


@pytest.mark.parametrize("make,words", [
    (_sdmx, ["19.95%", "10 or more persons employed", "lowest in Romania (5.21%)"]),
    (_customs, ["US$9.80 million in 2015", "not compared with whole years", "85423900228"]),
    (_blocks, ["three months to November 2023", "only Japan fell"]),
])
def test_generated_series_briefings(make, words, tmp_path):
    src = make(tmp_path)
    out = tmp_path / "b.pdf"
    build(BriefingSpec(title="Series", sources=(str(src),), date="2026-01-15"), out)
    text = " ".join(_text(out).split())
    for w in words:
        assert w in text, w
    assert _pages(out) <= 8


@pytest.mark.skipif(not (SURVEYS / "check_key.py").is_file(), reason=f"real survey workbooks not present ({SURVEYS})")
@pytest.mark.parametrize("name", KEYS)
def test_real_series_workbook_passes_its_answer_key(name, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    src = tmp_path / name
    shutil.copyfile(SURVEYS / name, src)
    out = tmp_path / f"{src.stem}.pdf"
    build(BriefingSpec(title=src.stem, sources=(str(src),), date="2026-01-15"), out)
    r = subprocess.run([sys.executable, str(SURVEYS / "check_key.py"), str(SURVEYS / f"{src.stem}.toml"), str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.skipif(not (SURVEYS / "check_key.py").is_file(), reason=f"real survey workbooks not present ({SURVEYS})")
@pytest.mark.parametrize("name,amount", [("D4_tw_customs_hs8542_exports.csv", "1,650.42亿美元"),   # US$165.04 billion
                                         ("E1_wsts_billings_3mma_1976_2023.xls", "479.84亿美元")])  # US$47.98 billion
def test_chinese_series_briefing_states_the_same_amounts(name, amount, tmp_path):
    src = tmp_path / name
    shutil.copyfile(SURVEYS / name, src)
    out = tmp_path / f"{src.stem}-zh.pdf"
    build(BriefingSpec(title=src.stem, sources=(str(src),), date="2026-01-15", lang="zh"), out)
    text = _text(out)
    assert amount in text
