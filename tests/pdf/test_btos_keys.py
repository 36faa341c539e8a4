"""The default briefing of each real US Census BTOS workbook in ../shared/surveys passes its answer key
(check_key.py: every must_say in a sentence, no must_not_say, body within its page budget), in English;
the Chinese briefing states the same key numbers. Skipped, with the reason, when the folder is absent.
The workbooks are read-only: each is copied before it is read."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from briefing.model import BriefingSpec
from briefing.pipeline import build

SURVEYS = Path(__file__).resolve().parents[2].parent / "shared" / "surveys"
BTOS = ("btos_national_aiscend", "A2_btos_sector_20251208", "A4_btos_top25msa_2024")

pytestmark = pytest.mark.skipif(not (SURVEYS / "check_key.py").is_file(),
                                reason=f"real survey workbooks not present ({SURVEYS})")


def _build(stem: str, tmp_path: Path, lang: str = "en") -> Path:
    src = tmp_path / f"{stem}.xlsx"
    shutil.copyfile(SURVEYS / f"{stem}.xlsx", src)
    out = tmp_path / f"{stem}-{lang}.pdf"
    build(BriefingSpec(title=stem, sources=(str(src),), date="2026-01-15", lang=lang), out)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("stem", BTOS)
def test_btos_briefing_passes_its_answer_key(stem, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    pdf = _build(stem, tmp_path)
    r = subprocess.run([sys.executable, str(SURVEYS / "check_key.py"), str(SURVEYS / f"{stem}.toml"), str(pdf)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("stem", BTOS[:1])
def test_chinese_btos_briefing_states_the_same_numbers(stem, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    pdf = _build(stem, tmp_path, "zh")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True).stdout
    key = tomllib.loads((SURVEYS / f"{stem}.toml").read_text(encoding="utf-8"))
    for item in key["must_say"]:
        assert any(v in text for v in item["any_of"]), item["what"]
    assert "December 2025" not in text and "2025年12月" not in text
