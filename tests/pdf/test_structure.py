"""Page count, contents, outline, running header/footer, links and metadata of built PDFs."""
from __future__ import annotations

import pypdf
import pytest
from pdfdocs import SECTIONS_EN, SECTIONS_ZH, contents_numbers, make_doc, outline_entries, page_texts

from briefing.render import render_pdf


def first_page_with(texts: list[str], needle: str, after: int) -> int:
    """1-based number of the first page after page `after` whose text has a line starting with needle."""
    for i, t in enumerate(texts[after:], start=after + 1):
        if any(line.strip().startswith(needle) for line in t.splitlines()):
            return i
    raise AssertionError(f"{needle!r} not found after page {after}")


def test_returns_page_count(en_pdf):
    path, n = en_pdf
    assert n == len(pypdf.PdfReader(str(path)).pages)
    assert n >= 8   # cover, summary, contents, four sections, appendix over 2+ pages


def test_cover_has_no_running_header_but_other_pages_do(en_pdf):
    path, _ = en_pdf
    texts = page_texts(path)
    assert "GenAI briefing: the China" in texts[0]
    assert "Page 1 of" not in texts[0]
    for t in texts[1:]:
        first = t.splitlines()[0]
        assert first.startswith("GenAI briefing: the China race") and first.endswith("Internal")


@pytest.mark.parametrize("fixture,fmt", [("en_pdf", "Page {page} of {pages}"),
                                         ("zh_pdf", "第 {page} 页，共 {pages} 页")])
def test_footer_page_x_of_y_is_right_on_every_page(request, fixture, fmt):
    path, n = request.getfixturevalue(fixture)
    texts = page_texts(path)
    for i, t in enumerate(texts[1:], start=2):
        last = t.splitlines()[-1]
        assert last.endswith(fmt.format(page=i, pages=n)), (i, last)
    date = "25 November 2024" if fixture == "en_pdf" else "2024年11月25日"
    assert texts[1].splitlines()[-1].startswith(date)


@pytest.mark.parametrize("fixture,names,contents", [("en_pdf", SECTIONS_EN, "Contents"),
                                                    ("zh_pdf", SECTIONS_ZH, "目录")])
def test_contents_page_numbers_are_where_sections_start(request, fixture, names, contents):
    path, _ = request.getfixturevalue(fixture)
    texts = page_texts(path)
    toc_page = first_page_with(texts, contents, 0)
    entries = contents_numbers(texts[toc_page - 1])
    for name in names + ("By company size",):
        assert name in entries, (name, entries)
        assert entries[name] == first_page_with(texts, name, toc_page), name
    assert len(set(entries[n] for n in names)) == len(names)   # each section on its own page


def test_outline_is_nested_and_points_at_the_heading_pages(en_pdf):
    path, _ = en_pdf
    reader = pypdf.PdfReader(str(path))
    entries = outline_entries(reader)
    titles = [t for _, t, _ in entries]
    assert titles == ["Executive summary", "Contents", SECTIONS_EN[0], "By company size",
                      *SECTIONS_EN[1:], "Appendix: provenance"]
    depth = {t: d for d, t, _ in entries}
    assert depth["By company size"] == 1 and depth[SECTIONS_EN[0]] == 0
    texts = page_texts(path)
    for _, title, page in entries:
        assert any(line.startswith(title) for line in texts[page - 1].splitlines()), title


def test_chinese_outline_titles_are_exact(zh_pdf):
    path, _ = zh_pdf
    titles = [t for _, t, _ in outline_entries(pypdf.PdfReader(str(path)))]
    assert titles[0] == "摘要" and "目录" in titles
    for name in SECTIONS_ZH:
        assert name in titles


def test_internal_links_go_to_their_sections(en_pdf):
    path, _ = en_pdf
    reader = pypdf.PdfReader(str(path))
    texts = page_texts(path)
    section_pages = {first_page_with(texts, n, 3) for n in SECTIONS_EN}
    targets = []
    for annot in reader.pages[1].get("/Annots", []):   # summary page: callouts + summary items
        a = annot.get_object()
        if a.get("/Subtype") == "/Link" and "/Dest" in a:
            targets.append(reader.get_page_number(a["/Dest"][0].get_object()) + 1)
    assert len(targets) == 3 + 4
    assert set(targets) <= section_pages
    # The contents entries are links too.
    toc_links = [a for a in reader.pages[2].get("/Annots", []) if a.get_object().get("/Dest")]
    assert len(toc_links) >= len(SECTIONS_EN)


def test_metadata_and_language(en_pdf, zh_pdf):
    for (path, _), lang, title in ((en_pdf, "en", "GenAI briefing: the China race"),
                                  (zh_pdf, "zh-CN", "生成式人工智能简报")):
        reader = pypdf.PdfReader(str(path))
        meta = reader.metadata
        assert meta.title == title
        assert meta.author == "Jane Analyst"
        assert meta.creator == "Briefing"
        assert meta["/Keywords"] == "GenAI, China"
        assert meta["/CreationDate"].startswith("D:20241125")
        assert reader.trailer["/Root"]["/Lang"] == lang
    assert pypdf.PdfReader(str(en_pdf[0])).metadata.subject == "GenAI adoption"


def test_appendix_table_repeats_its_header_on_each_page(en_pdf):
    path, _ = en_pdf
    texts = page_texts(path)
    pages = [i for i, t in enumerate(texts) if "[R" in t]
    assert len(pages) >= 2
    for i in pages:
        lines = texts[i].splitlines()
        head = next(k for k, line in enumerate(lines) if line.startswith("[R"))
        assert lines[head - 1].split() == ["Ref", "File", "Sheet", "Cells"], i
    rows = sum(t.count("[R") for t in texts)
    assert rows == 90   # every row printed once: none lost or repeated at the split


def test_plain_text_is_escaped_not_parsed(en_pdf):
    path, _ = en_pdf
    text = "\n".join(page_texts(path))
    assert 'Escaped text: R&D <5% & "quotes" stay literal.' in text
    assert "[A2] · edited" in text


def test_no_cover_document_starts_with_the_header(tmp_path):
    doc = make_doc("en", cover=False, appendix_rows=5)
    n = render_pdf(doc, tmp_path / "nocover.pdf")
    texts = page_texts(tmp_path / "nocover.pdf")
    assert len(texts) == n
    assert texts[0].splitlines()[0].startswith("GenAI briefing")
    assert texts[0].splitlines()[-1].endswith(f"Page 1 of {n}")


def test_empty_contents_shows_no_placeholder_and_hidden_headings_stay_out(tmp_path):
    from briefing.compose.blocks import Contents, Document, Heading, Para
    from pdfdocs import make_meta
    out = tmp_path / "hidden.pdf"
    doc = Document(make_meta("en"), (Contents("Contents"), Heading("Hidden heading", 1, "hidden", in_toc=False),
                                     Para("Jump back", link="hidden")))
    assert render_pdf(doc, out) == 1
    text = page_texts(out)[0]
    assert "Placeholder" not in text and "Hidden heading" in text
    reader = pypdf.PdfReader(str(out))
    assert [t for _, t, _ in outline_entries(reader)] == ["Contents"]
    links = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    assert any("/Dest" in a for a in links)     # the link to the hidden heading still works


def test_empty_document_is_one_page(tmp_path):
    from briefing.compose.blocks import Document
    from pdfdocs import make_meta
    assert render_pdf(Document(make_meta("en"), ()), tmp_path / "empty.pdf") == 1


def test_page_total_is_right_without_a_contents_page(tmp_path):
    # Without a TableOfContents only the page counter makes multiBuild run a second pass.
    from briefing.compose.blocks import Document, PageBreak, Para
    from pdfdocs import make_meta
    blocks = []
    for k in range(11):
        blocks += [Para(f"Page body {k}"), PageBreak()]
    out = tmp_path / "notoc.pdf"
    n = render_pdf(Document(make_meta("en"), tuple(blocks)), out)
    assert n == 11
    for i, t in enumerate(page_texts(out), start=1):
        assert t.splitlines()[-1].endswith(f"Page {i} of 11"), t
