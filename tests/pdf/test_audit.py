"""Every number provable: each number the PDF prints (read back with pdftotext) is in the audit ledger, and
no ledger entry lacks a source, for the default briefing of every real workbook in ../shared/surveys and
the sample (and a workbook of every chart type), in English, and in Chinese for the sample and three
workbooks; with the data appendix (--data-appendix) for the sample and one workbook. `build --audit` writes it.
The workbooks are read-only: each is copied before it is read."""
from __future__ import annotations

import json
import re
from dataclasses import replace
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.analysis.phrasing import load
from briefing.model import BriefingSpec
from briefing.model.ledger import KINDS, NUMBER, number_key
from briefing.paths import sample_workbook
from briefing.pipeline import DEMO_SUBTITLE, DEMO_TITLE, build

ROOT = Path(__file__).resolve().parents[2]
SURVEYS = ROOT.parent / "shared" / "surveys"
STEMS = sorted(p.stem for p in SURVEYS.glob("*.toml")) if SURVEYS.is_dir() else []
ZH = ("demo", "btos_national_aiscend", "deltapoll_ai_oct2023", "E1_wsts_billings_3mma_1976_2023")
SENTENCES = ("lead", "finding", "summary", "callout")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")


def _source(stem: str) -> Path:
    return next(p for p in SURVEYS.glob(f"{stem}.*") if p.suffix not in (".toml", ".md"))


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """built(stem, lang) -> BuildResult; each briefing is built once per session."""
    cache: dict = {}
    root = tmp_path_factory.mktemp("audit")

    def _built(name: str, lang: str):
        stem, data = name.removesuffix("+data"), name.endswith("+data")
        if (name, lang) not in cache:
            if stem == "demo":
                spec = BriefingSpec(title=DEMO_TITLE, subtitle=DEMO_SUBTITLE, sources=(str(sample_workbook()),),
                                    date="2026-01-15", lang=lang)
            elif stem == "charts":
                # Grouped bars, lines over periods and a diverging Likert chart (tests/pdf/workbooks.py).
                import workbooks
                src = root / "charts.xlsx"
                if not src.exists():
                    workbooks.write(src)
                spec = BriefingSpec(sources=(str(src),), date="2026-01-15", lang=lang)
            else:
                src = root / _source(stem).name
                if not src.exists():
                    shutil.copyfile(_source(stem), src)
                spec = BriefingSpec(sources=(str(src),), date="2026-01-15", lang=lang)
            spec = replace(spec, data_appendix=data)      # "+data": every table in full at the end too
            cache[name, lang] = build(spec, root / f"{name}-{lang}.pdf")
        return cache[name, lang]
    return _built


def _page_texts(pdf: Path, pages: int) -> list[str]:
    return [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-enc", "UTF-8", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout for p in range(1, pages + 1)]


def _printed_numbers(text: str, page: int, pages: int, lang: str) -> list[tuple[str, str]]:
    """(number, its line) of one page's text, page numbers left out: the footer's "Page 2 of 10" and
    the page column of the contents (the ledger enters them as kind "page"; here they are checked by
    where they stand, so a small count elsewhere cannot pass as a page number)."""
    doc = load(lang)["doc"]
    text = text.replace(doc["page_of"].format(page=page, pages=pages), " ")
    lines = text.splitlines()
    if any(line.strip() == doc["contents"] for line in lines):
        lines = [line for line in lines if not (line.strip().isdigit() and int(line.strip()) <= pages)]
    out = []
    for i, line in enumerate(lines):
        for m in NUMBER.finditer(line):
            prev = lines[i - 1] if i else ""
            if m.start() == 0 and prev[-1:].isalnum() and prev[-1:].isascii():
                # A cell reference, file name or SHA-256 broken over two lines ("L3" / "52" in a
                # Chinese table cell): part of a name, not a number.
                word = re.search(r"\w+$", prev).group(0) + m.group(0) + re.match(r"\w*", line[m.end():]).group(0)
                if re.fullmatch(r"[A-Z]{1,3}\d+|[0-9a-f]{8,}|\w*_\w*", word):
                    continue
            out.append((m.group(0).lstrip("+-−"), line.strip()))
    return out


CASES = [(s, "en") for s in ["demo", "charts", *STEMS]] + [(s, "zh") for s in ZH if s == "demo" or s in STEMS] \
    + [("demo+data", "en")] + [(s, "en") for s in ("btos_national_aiscend+data",) if s[:-5] in STEMS]


@pytest.mark.parametrize("stem, lang", CASES, ids=lambda x: x)
def test_every_number_printed_is_in_the_ledger(stem, lang, built):
    result = built(stem, lang)
    ledger = result.ledger
    assert ledger.entries and ledger.lang == lang
    assert {e.kind for e in ledger.entries} <= set(KINDS)
    unsourced = [f"{e.where}: {e.text!r} in {e.context!r}" for e in ledger.unsourced()]
    assert not unsourced, "numbers printed without a source:\n" + "\n".join(unsourced)
    known = {e.key for e in ledger.entries if e.kind not in ("page", "none")}
    missing = []
    for page, text in enumerate(_page_texts(result.path, result.pages), 1):
        for token, line in _printed_numbers(text, page, result.pages, lang):
            if number_key(token) not in known:
                missing.append(f"page {page}: {token!r} in {line!r}")
    assert not missing, "numbers in the PDF that the ledger does not trace:\n" + "\n".join(missing[:40])


@pytest.mark.parametrize("stem, lang", CASES, ids=lambda x: x)
def test_sentences_cite_their_cells_or_give_their_derivation(stem, lang, built):
    """A number in a sentence is a cell its references list, or a derived value whose derivation the
    appendix prints; a cell of the table the references do not list would send the reader astray."""
    ledger = built(stem, lang).ledger
    said = [e for e in ledger.entries if e.where in SENTENCES]
    assert said
    stray = [f"{e.text!r} in {e.context!r} ({e.cells})" for e in said if not e.in_refs]
    assert not stray, "\n".join(stray)
    appendix = " ".join(e.context for e in ledger.entries if e.where == "appendix")
    for e in said:
        if e.kind != "derived":
            continue
        # The finding's own derivation is printed in the appendix; a share the briefing computed from
        # the publisher's counts (count / base) is said under its table, with both cells in the ledger.
        assert e.derivation[:60] in appendix or (re.match(r"[\d.,]+ / [\d.,]+ = ", e.derivation) and len(e.cells) == 2), \
            f"{e.text!r} of {e.context!r}: its derivation {e.derivation!r} is not in the appendix"


def test_a_derived_gap_names_its_cells_and_operation(built):
    """The sample's "more than 26 points above the global average": C5 − C7, in the ledger and in the PDF."""
    result = built("demo", "en")
    gap = next(e for e in result.ledger.entries if e.where == "lead" and e.text == "26")
    assert gap.kind == "derived"
    assert "(C5)" in gap.derivation and "(C7)" in gap.derivation and "−" in gap.derivation
    assert {c.sheet for c in gap.cells} == {"Adoption"}
    share = next(e for e in result.ledger.entries if e.where == "lead" and e.text == "54%")
    assert share.kind == "cell" and share.cells[0].cell == "C7" and share.cells[0].value == "0.54"
    text = "".join(_page_texts(result.path, result.pages))
    assert "more than 80% (C5) − 54% (C7) = more than 26 points" in " ".join(text.split())


def test_build_audit_writes_the_ledger(tmp_path):
    pdf, audit = tmp_path / "b.pdf", tmp_path / "b.audit.json"
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "build", "--demo", "--date", "2026-01-15",
                        "-o", str(pdf), "--audit", str(audit)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    data = json.loads(audit.read_text(encoding="utf-8"))
    assert data["format"] == "briefing-audit" and data["version"] == 1 and data["pdf"] == "b.pdf"
    assert data["counts"]["cell"] > 0 and "none" not in data["counts"]
    assert sum(data["counts"].values()) == len(data["numbers"])
    cell = next(n for n in data["numbers"] if n["kind"] == "cell" and n["text"] == "65%")
    assert cell["cells"][0] == {"file": "genai-survey-2024.xlsx", "sheet": "Adoption", "cell": "C6", "value": "0.65"}
    assert not list(tmp_path.glob(".*.tmp"))


def test_audit_over_the_pdf_or_a_source_is_refused_before_any_work(tmp_path):
    pdf = tmp_path / "b.pdf"
    for target in (pdf, sample_workbook()):
        r = subprocess.run([sys.executable, str(ROOT / "main.py"), "build", "--demo", "-o", str(pdf),
                            "--audit", str(target)], capture_output=True, text=True, timeout=120)
        assert r.returncode == 2
        assert r.stderr.startswith("briefing: error:") and len(r.stderr.strip().splitlines()) == 1
        assert not pdf.exists()


@pytest.mark.skipif("btos_national_aiscend" not in STEMS, reason="BTOS workbook not present")
def test_a_day_in_a_sentence_is_traced_to_its_periods_dates(built):
    """"In fortnight 202519 (8-21 Sep 2025)": 8 and 21 are that fortnight's dates on the publisher's
    dates sheet, not a question number 8 or a share of 0.21 in the cited row."""
    ledger = built("btos_national_aiscend", "en").ledger
    days = [e for e in ledger.entries if e.where == "lead" and e.text in ("8", "21") and "202519 (8-21" in e.context]
    assert {e.text for e in days} == {"8", "21"}
    for e in days:
        assert e.kind == "text" and e.cells[0].sheet != "Response Estimates"
        assert e.cells[0].value.startswith("2025-09-08"), e
