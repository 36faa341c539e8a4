"""Every briefing is PDF/A-2b (and tagged PDF/UA-1): each shipped template, in English and Chinese,
built from the sample and read back by the checker in pdfua.py."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pdfua import _descendants, _xmp_text, check_pdfa, check_pdfua, outline_of_structure, struct_elements, xmp

from briefing import cli
from briefing.render.pdfa import xmp_date

TEMPLATES = ("briefing", "onepager", "deck")
LANGS = ("en", "zh")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """demo(template, lang) -> the PDF; demo.laid_out[template, lang]: the Document it drew (after
    the template's layout, and the one-pager's shrinking)."""
    import briefing.render.pdf as render_pdf_module
    root = tmp_path_factory.mktemp("a11y")
    cache = {}

    def get(template: str, lang: str):
        if (template, lang) not in cache:
            out = root / f"{template}-{lang}.pdf"
            layout = render_pdf_module.apply_layout
            drawn = []

            def keep(doc, spec):
                drawn.append(layout(doc, spec))
                return drawn[-1]
            render_pdf_module.apply_layout = keep
            try:
                assert cli.main(["build", "--demo", "--date", "2026-11-25", "--template", template, "--lang", lang,
                                 "--classification", "Internal", "--author", "A. Analyst & Co <team>",
                                 "--organisation", "Office for Statistics 统计局", "-o", str(out)]) == 0
            finally:
                render_pdf_module.apply_layout = layout
            cache[template, lang] = out
            get.laid_out[template, lang] = drawn[-1]
        return cache[template, lang]
    get.laid_out = {}
    return get


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("lang", LANGS)
def test_demo_is_pdfa_2b(demo, template, lang):
    assert check_pdfa(demo(template, lang)) == []


def test_xmp_repeats_the_document_information(demo):
    with pikepdf.open(demo("briefing", "zh")) as pdf:
        root = xmp(pdf)
        assert _xmp_text(root, "dc:title") == str(pdf.docinfo["/Title"])
        assert _xmp_text(root, "dc:creator") == "A. Analyst & Co <team>, Office for Statistics 统计局"
        assert _xmp_text(root, "dc:language") == "zh-CN"
        assert _xmp_text(root, "xmp:CreateDate") == "2026-11-25T00:00:00+00:00"
        assert pdf.Root.OutputIntents[0].OutputConditionIdentifier == "sRGB IEC61966-2.1"


def test_xmp_dates():
    assert xmp_date("D:20261201000000+00'00'") == "2026-12-01T00:00:00+00:00"
    assert xmp_date("D:20000101000000Z") == "2000-01-01T00:00:00Z"
    assert xmp_date("D:2024") == "2024-01-01T00:00:00"
    assert xmp_date("nonsense") == ""


def test_the_checker_sees_a_plain_reportlab_pdf_is_not_pdfa(tmp_path):
    from reportlab.pdfgen.canvas import Canvas
    out = tmp_path / "plain.pdf"
    c = Canvas(str(out))
    c.setFillColorCMYK(0, 0, 0, 1)
    c.drawString(72, 72, "Hello")
    c.save()
    problems = check_pdfa(out)
    assert "no XMP metadata stream" in problems
    assert any("OutputIntents" in p for p in problems)
    assert any("not embedded" in p for p in problems)
    assert any("DeviceCMYK" in p for p in problems)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("lang", LANGS)
def test_demo_is_tagged_pdfua(demo, template, lang):
    assert check_pdfua(demo(template, lang)) == []


@pytest.mark.slow
def test_structure_of_the_full_briefing(demo):
    roles = [r for _, r in outline_of_structure(demo("briefing", "en"))]
    assert roles[0] == "Document"
    assert next(r for r in roles if r.startswith("H")) == "H1"       # the cover title
    for role in ("H2", "H3", "TOC", "TOCI", "L", "LI", "Lbl", "LBody", "Table", "THead", "TBody", "TR", "TH",
                 "TD", "Figure", "Caption", "Note", "Link"):
        assert role in roles, role
    text = subprocess.run(["pdfinfo", "-struct-text", str(demo("briefing", "en"))], capture_output=True,
                          text=True, check=True).stdout
    # Headings, then the findings, in reading order.
    assert text.index("Executive summary") < text.index("Contents") < text.index("Key findings")
    with pikepdf.open(demo("briefing", "en")) as pdf:
        assert pdf.Root.Lang == "en"
    with pikepdf.open(demo("deck", "zh")) as pdf:
        assert pdf.Root.Lang == "zh-CN"


def test_a_table_split_across_pages_is_one_table(build):
    from pdfdocs import make_doc
    path, pages = build(make_doc("en", appendix_rows=90), "en")
    with pikepdf.open(path) as pdf:
        tables = [el for el, _ in struct_elements(pdf) if el.S == "/Table"]
        pages_of = []
        for t in tables:
            pg = set()
            for el, _ in _descendants(t):
                for kid in el.get("/K", []):
                    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                        pg.add(kid.Pg.objgen)
                if "/Pg" in el:
                    pg.add(el.Pg.objgen)
            pages_of.append(len(pg))
        assert max(pages_of) >= 2       # the 90-row appendix table runs over pages, as one Table
        big = tables[pages_of.index(max(pages_of))]
        heads = [el for el, _ in _descendants(big) if el.S == "/THead"]
        assert len(heads) == 1          # the header repeated on the next page is an artifact


def test_the_checker_finds_untagged_content(demo, tmp_path):
    out = tmp_path / "spoilt.pdf"
    with pikepdf.open(demo("onepager", "en")) as pdf:
        page = pdf.pages[0]
        page.contents_add(pdf.make_stream(b"0 0 10 10 re f"), prepend=False)
        del pdf.pages[0].obj["/Tabs"]
        pdf.save(out)
    problems = check_pdfua(out)
    assert "page 1: content neither tagged nor an artifact (1)" in problems
    assert "page 1: annotations but no /Tabs /S" in problems


def test_tagging_does_not_change_how_pages_look(tmp_path):
    """The same story drawn without a tagger (plain platypus) and with one rasterise alike."""
    from pdfdocs import make_doc
    from briefing.render import render_pdf
    import briefing.render.doctemplate as dt
    tagged_pdf, plain_pdf = tmp_path / "t.pdf", tmp_path / "p.pdf"
    render_pdf(make_doc("zh", appendix_rows=40), tagged_pdf)
    try:
        before = dt.BriefingDocTemplate.beforeDocument

        def untagged(self):
            before(self)
            del self.canv._briefing_tags
            self.tags = None
        dt.BriefingDocTemplate.beforeDocument = untagged
        render_pdf(make_doc("zh", appendix_rows=40), plain_pdf)
    finally:
        dt.BriefingDocTemplate.beforeDocument = before
    with pikepdf.open(plain_pdf) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
    a = subprocess.run(["pdftoppm", "-r", "30", str(tagged_pdf)], capture_output=True, check=True).stdout
    b = subprocess.run(["pdftoppm", "-r", "30", str(plain_pdf)], capture_output=True, check=True).stdout
    assert a == b


def _figures(path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [str(el.Alt) for el, _ in struct_elements(pdf) if el.S == "/Figure"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_has_alternative_text_from_its_data(demo, lang):
    alts = _figures(demo("briefing", lang))
    assert alts
    text = subprocess.run(["pdftotext", str(demo("briefing", lang)), "-"], capture_output=True, text=True,
                          check=True).stdout
    captions = [line for line in text.splitlines() if line.startswith(("Source", "来源", "资料来源"))]
    for alt in alts:
        assert alt not in captions
        assert ("Bar chart of" in alt and "highest" in alt) if lang == "en" else ("条形图" in alt and "最高" in alt)
    assert any(("China >80%" if lang == "en" else "中国 >80%") in a for a in alts)


def test_describe_every_kind_of_chart():
    from briefing.compose import blocks as b
    from briefing.compose.charts import describe
    bar = b.BarChart("AI use by state, September 2025", ("DC", "Wisconsin", "Ohio"), (22.0, 4.8, 9.0),
                     ("22.0%", "4.8%", "9.0%"), "%", "Source: BTOS.", 9.9, "National 9.9%")
    assert describe(bar, "en") == ("Bar chart of AI use by state, September 2025: highest DC 22.0%, "
                                   "lowest Wisconsin 4.8%; National 9.9%.")
    assert describe(bar, "zh").startswith("条形图：AI use by state, September 2025。最高：DC 22.0%")
    line = b.LineChart("Share using AI", ("2023", "2024", "2025"),
                       (b.Series("US", (5.0, None, 9.0), ("5%", "", "9%")),), "%", "Source: x.")
    assert describe(line, "en") == "Line chart of share using AI, 2023 to 2025: US from 5% to 9%."
    grouped = b.GroupedBarChart("Use by size", ("Small", "Large"), (b.Series("2025", (4.0, 12.0), ("4%", "12%")),
                                                                    b.Series("2024", (3.0, 10.0), ("3%", "10%"))),
                                "%", "Source: x.")
    assert describe(grouped, "en") == "Grouped bar chart of use by size (2025, 2024): highest Large 12% (2025), lowest Small 4%."
    div = b.DivergingBarChart("Trust in AI", ("UK", "FR"), ("Disagree", "Neutral", "Agree"),
                              ((30.0, 20.0, 50.0), (20.0, 10.0, 70.0)), 1, "Source: x.")
    assert describe(div, "en") == ("Diverging bar chart of trust in AI, answers from Disagree to Agree: "
                                   "most positive FR (70% Agree).")


SURVEYS = Path(__file__).resolve().parents[2].parent / "shared" / "surveys"
SURVEY_FILES = sorted(p.name for p in SURVEYS.glob("*") if p.suffix in (".xlsx", ".xls", ".csv")) \
    if SURVEYS.is_dir() else []


@pytest.mark.slow
@pytest.mark.skipif(not SURVEY_FILES, reason=f"real survey workbooks not present ({SURVEYS})")
@pytest.mark.parametrize("name", SURVEY_FILES)
def test_real_survey_briefings_are_pdfa_and_pdfua(tmp_path, name):
    src = tmp_path / name
    shutil.copyfile(SURVEYS / name, src)      # source files are only read, but never risk the shared copy
    out = tmp_path / "out.pdf"
    assert cli.main(["build", str(src), "--date", "2026-01-01", "-o", str(out)]) == 0
    assert check_pdfa(out) == []
    assert check_pdfua(out) == []


# -- reading order: what pdftotext (poppler, no -layout) gives is what a person reads ------------------

def _squeeze(text: str) -> str:
    """Text without white space: a sentence wrapped over lines (or Chinese, which has no spaces) still
    matches; U+200B is the reading-order guide of pages in columns (doctemplate._column_guides)."""
    return re.sub(r"[\s\u200b]+", "", text)


def _reading_units(doc) -> list[str]:
    """Headings, paragraphs, summary items and findings of a laid-out Document, in the order they
    are read (the story's order: down the first column, then the next)."""
    from briefing.compose import blocks as b
    units = []
    for blk in doc.blocks:
        if isinstance(blk, b.Heading):
            units.append(blk.text)
        elif isinstance(blk, b.Para) and blk.style != "source":
            units.append(blk.text)
        elif isinstance(blk, b.Summary):
            units += [text for item in blk.items for text in (item.theme, item.text)]
        elif isinstance(blk, b.Findings):
            units += [item.text for item in blk.items]
    return [u for u in units if u.strip()]


@pytest.mark.parametrize("template", ("onepager", "deck", "briefing"))
@pytest.mark.parametrize("lang", LANGS)
def test_pdftotext_reads_each_finding_whole_and_in_order(demo, template, lang):
    path = demo(template, lang)
    units = _reading_units(demo.laid_out[template, lang])
    assert len([u for u in units if u not in {"Key findings", "主要发现"}]) >= 8
    _assert_read_in_order(path, units)


def _assert_read_in_order(path, units: list[str]) -> None:
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    furniture = _furniture_lines(path)
    text = _squeeze("".join("\n".join(line for line in page.splitlines() if line.strip() not in furniture)
                            for page in pages))
    at = 0
    for unit in units:
        found = text.find(_squeeze(unit), at)
        assert found >= 0, (f"not whole, or out of order after {text[max(0, at - 80):at]!r}: {unit!r}"
                            f" (next: {text[at:at + 200]!r})")
        at = found + len(_squeeze(unit))


@pytest.mark.slow
@pytest.mark.skipif(not SURVEY_FILES, reason=f"real survey workbooks not present ({SURVEYS})")
@pytest.mark.parametrize("name", SURVEY_FILES)
def test_real_survey_one_pagers_read_column_by_column(tmp_path, name):
    """Without the column guides, 7 of these 11 one-pagers read out of order."""
    import briefing.render.pdf as render_pdf_module
    src = tmp_path / name
    shutil.copyfile(SURVEYS / name, src)
    out = tmp_path / "out.pdf"
    layout, drawn = render_pdf_module.apply_layout, []
    render_pdf_module.apply_layout = lambda doc, spec: drawn.append(layout(doc, spec)) or drawn[-1]
    try:
        assert cli.main(["build", str(src), "--date", "2026-01-01", "--template", "onepager", "-o", str(out)]) == 0
    finally:
        render_pdf_module.apply_layout = layout
    assert check_pdfa(out) == [] and check_pdfua(out) == []
    _assert_read_in_order(out, _reading_units(drawn[-1]))


def _furniture_lines(path) -> set[str]:
    """The running header and footer texts (artifacts), which pdftotext puts between pages."""
    lines = set()
    with pikepdf.open(path) as pdf:
        n = len(pdf.pages)
    for page in range(1, n + 1):
        out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(path), "-"],
                             capture_output=True, text=True, check=True).stdout
        height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', out).group(1))
        rows: dict = {}
        for y0, y1, word in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                                       r'([^<]*)</word>', out):
            if float(y1) < 40 or float(y0) > height - 40:      # in the top and bottom margins
                rows.setdefault(round(float(y0)), []).append(html.unescape(word))
        lines |= {" ".join(words) for words in rows.values()}
    return lines


# -- a paragraph split across pages, and text in the other language ----------------------------------

def _long_paragraph_doc(lang: str):
    from pdfdocs import make_meta
    from briefing.compose.blocks import Document, Heading, Para
    zh = lang == "zh"
    sentence = ("第{n}句：中国企业领导者的采用率为83%，比全球平均高29个百分点。" if zh
                else "Sentence {n}: leaders in China use GenAI at 83%, 29 points above the global average.")
    text = " ".join(sentence.format(n=n) for n in range(1, 90))
    blocks = (Heading("摘要" if zh else "Summary", 0, "summary"),
              Para("短段落。" if zh else "A short paragraph.", "body"),
              Para(text, "body"),
              Para("最后一段。" if zh else "The last paragraph.", "body"))
    return Document(make_meta(lang), blocks), text


@pytest.mark.parametrize("lang", LANGS)
def test_a_paragraph_split_across_pages_is_one_p(build, lang):
    from pdfua import element_texts, split_paragraph_problems
    doc, text = _long_paragraph_doc(lang)
    path, pages = build(doc, f"long-paragraph-{lang}")
    assert pages >= 2
    paras = [(t, pg) for role, t, pg, _ in element_texts(path) if role == "P"]
    long = [(t, pg) for t, pg in paras if _squeeze(text)[:40] in _squeeze(t)]
    assert len(long) == 1                          # one element, not one a page
    whole, on_pages = long[0]
    assert len(on_pages) >= 2
    assert _squeeze(whole) == _squeeze(text)       # all of it, in order
    assert split_paragraph_problems(path) == []
    assert check_pdfua(path) == []


def test_the_checker_sees_a_paragraph_split_into_two(build, tmp_path):
    """The split paragraph's marked content on its second page moved into a P element of its own."""
    from pdfua import split_paragraph_problems
    from pikepdf import Array, Dictionary, Name
    doc, _ = _long_paragraph_doc("en")
    path, _ = build(doc, "long-paragraph-en")
    out = tmp_path / "two.pdf"
    with pikepdf.open(path) as pdf:
        el = next(el for el, _ in struct_elements(pdf) if el.S == "/P" and len(el.K) > 1
                  and any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR" for k in el.K))
        first = [k for k in el.K if not isinstance(k, pikepdf.Dictionary)]
        rest = [k for k in el.K if isinstance(k, pikepdf.Dictionary)]
        el.K = Array(first)
        parent = el.P
        second = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=parent, Pg=rest[0].Pg,
                                              K=Array(rest)))
        kids = list(parent.K)
        parent.K = Array(kids[:kids.index(el) + 1] + [second] + kids[kids.index(el) + 1:])
        pdf.save(out)
    problems = split_paragraph_problems(out)
    assert len(problems) == 1 and "is two P elements" in problems[0]


@pytest.mark.parametrize("lang", LANGS)
def test_text_in_the_other_language_has_its_lang(demo, lang):
    """English names in the Chinese briefing and Chinese ones in the English briefing are Span
    elements with their own /Lang; the document's own text and the numbers are not."""
    from pdfua import element_texts, language_problems
    path = demo("briefing", lang)
    with pikepdf.open(path) as pdf:
        assert language_problems(pdf) == []
    spans = [(lg, text.strip()) for role, text, _, lg in element_texts(path) if role == "Span"]
    other = "en" if lang == "zh" else "zh-CN"
    assert spans and all(lg == other for lg, _ in spans)
    marked = {text for _, text in spans}
    if lang == "zh":
        assert "Generative AI survey 2024" in marked                     # the cover title
        assert not any(re.search(r"[\u4e00-\u9fff]", t) for t in marked)
        assert not any(re.fullmatch(r"[\d.,%()\s–-]*", t) for t in marked)    # numbers have no language
    else:
        assert "中国" in marked                                            # a label from the workbook
        assert not any(re.search(r"[A-Za-z]", t) for t in marked)


def test_the_checker_sees_text_without_its_lang(demo, tmp_path):
    from pdfua import language_problems
    out = tmp_path / "nolang.pdf"
    with pikepdf.open(demo("briefing", "zh")) as pdf:
        for el, _ in list(struct_elements(pdf)):
            if el.S == "/Span" and "/Lang" in el:
                del el["/Lang"]
        pdf.save(out)
    with pikepdf.open(out) as pdf:
        problems = language_problems(pdf)
    assert any("'Generative AI survey 2024' is not in the language in force (zh-CN)" in p for p in problems)


@pytest.mark.parametrize("lang", LANGS)
def test_pdfinfo_struct_text_shows_the_demo_in_reading_order(demo, lang):
    """`pdfinfo -struct-text`: every heading, finding, table and chart of the briefing, in the order
    of the document, each finding's sentence whole (wrapped lines joined with their space), each
    table with its header cells; poppler 22 prints no /Alt, so each Figure's is read with pikepdf
    and must be the chart's description."""
    from briefing.compose import blocks as b
    from briefing.compose.charts import describe
    path = demo("briefing", lang)
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True,
                         check=True).stdout
    events = []             # ("el", role, all the text under it) in order
    lines = [(len(line) - len(line.lstrip()), line.strip()) for line in out.splitlines() if line.strip()]
    for k, (indent, s) in enumerate(lines):
        if not s.startswith(('"', "/")):
            texts = []
            for ind, t in lines[k + 1:]:
                if ind <= indent:
                    break
                if t.startswith('"') and t.endswith('"'):
                    texts.append(t[1:-1])
            events.append(("el", s.split()[0].rstrip(":"), "".join(texts)))
    with pikepdf.open(path) as pdf:
        alts = [str(el.Alt) for el, _ in struct_elements(pdf) if el.S == "/Figure"]
    figure = 0
    at = 0

    def find(role_prefix: str, text: str | None, exact: bool = False) -> None:
        nonlocal at
        for k in range(at, len(events)):
            _, role, under = events[k]
            if role.startswith(role_prefix):
                if text is None or ((under.strip() == text) if exact else (_squeeze(text) in _squeeze(under))):
                    at = k + 1
                    return
        raise AssertionError(f"{role_prefix} {text!r} not found in order after event {at}: {events[at:at + 6]}")

    n_findings = n_tables = 0
    for blk in demo.laid_out["briefing", lang].blocks:
        if isinstance(blk, b.Heading):
            find("H", blk.text, exact=True)
        elif isinstance(blk, b.Findings):
            for item in blk.items:
                find("LBody", item.text)
                n_findings += 1
        elif isinstance(blk, b.Timeline):              # a list: an item per event, its date the label
            find("L", None)
            find("LBody", blk.events[0].label)
        elif isinstance(blk, b.CHART_TYPES):
            find("Figure", None)
            assert alts[figure] == (blk.alt or describe(blk, lang))
            figure += 1
        elif isinstance(blk, b.TableBlock):
            find("Table", None)
            find("TH", blk.header[0], exact=True)
            n_tables += 1
    assert n_findings >= 6 and n_tables >= 3 and figure >= 2
    assert "26points" not in out and "modelrace" not in out        # wrapped lines keep their space


def test_a_link_in_a_table_cell_is_a_link_element_described_by_the_cell(tmp_path):
    """A cell's text is made only when a link is found in it (the description of the link): the
    Link element sits in the TD, its annotation says the cell's words, and the file passes the checker."""
    import io

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, Table

    from briefing.render.pdfa import finish
    from briefing.render.tagging import TableTags, Tagger, canvas_class

    buf = io.BytesIO()
    canv = canvas_class()(buf, invariant=1, lang="en")
    canv.setTitle("Links in cells")
    tags = canv._briefing_tags = Tagger("en")
    style = getSampleStyleSheet()["Normal"]
    table = Table([["Source", "Value"],
                   [Paragraph('See <a href="https://example.org/data" color="blue">the   statistics office</a>',
                              style), "12.5"]], renderCB=TableTags("data", header_rows=1))
    table.wrapOn(canv, 400, 400)
    table.drawOn(canv, 72, 600)
    canv.showPage()
    finish(canv, lang="en", tree=tags)
    canv.save()
    out = tmp_path / "cells.pdf"
    out.write_bytes(buf.getvalue())
    with pikepdf.open(out) as pdf:
        (annot,) = pdf.pages[0].Annots
        assert str(annot.Contents) == "See the statistics office"
        assert annot.F == 4
        roles = [(str(el.S), str(el.P.get("/S"))) for el, _ in struct_elements(pdf)]
        assert ("/Link", "/TD") in roles
        assert [r for r, _ in roles].count("/TD") == 2 and [r for r, _ in roles].count("/TH") == 2
        link = next(el for el, _ in struct_elements(pdf) if el.S == "/Link")
        assert [k.Type for k in link.K if isinstance(k, pikepdf.Dictionary)] == ["/OBJR"]
        assert pdf.Root.StructTreeRoot.ParentTree.Nums[-1].S == "/Link"
    assert check_pdfua(out) == []
