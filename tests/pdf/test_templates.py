"""Every shipped template, in English and Chinese, built from the sample and read back."""
from __future__ import annotations

import re

import pypdf
import pytest
from pdfdocs import contents_numbers, outline_entries, page_texts
from test_briefing_build import unembedded_fonts

from briefing import cli, pipeline
from briefing.model import InputError
from briefing.render.template import load_template, template_names

TEMPLATES = ("briefing", "onepager", "deck")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("templates")
    cache = {}

    def get(template: str, lang: str, name: str = ""):
        key = (template, lang, name)
        if key not in cache:
            out = root / f"{template}-{lang}{name}.pdf"
            assert cli.main(["build", "--demo", "--date", "2026-11-25", "--template", template, "--lang", lang,
                             "--classification", "Internal", "--organisation", "Office for Statistics",
                             "-o", str(out)]) == 0
            cache[key] = out
        return cache[key]
    return get


@pytest.fixture(scope="module")
def section_titles():
    from briefing.themes.naming import named_for
    ws = pipeline.load_demo()
    # Sections are named for what their tables measure (the demo's adoption tables are about GenAI).
    return {lang: [named_for(ws.theme(k), ws.tables_for(k)).title(lang) for k in ws.supported_themes()]
            for lang in ("en", "zh")}


def test_three_templates_ship():
    assert set(TEMPLATES) <= set(template_names())


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_template_builds_with_fonts_embedded(demo, template, lang):
    path = demo(template, lang)
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) >= 1
    assert unembedded_fonts(path) == []
    assert reader.trailer["/Root"]["/Lang"] == ("zh-CN" if lang == "zh" else "en")


def test_templates_look_different(demo):
    sizes = {}
    for t in TEMPLATES:
        reader = pypdf.PdfReader(str(demo(t, "en")))
        box = reader.pages[0].mediabox
        sizes[t] = (float(box.width) > float(box.height), len(reader.pages))
    assert sizes["deck"][0] and not sizes["briefing"][0] and not sizes["onepager"][0]
    assert sizes["onepager"][1] == 1
    assert sizes["briefing"][1] >= 6


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_onepager_has_every_theme_and_a_chart_but_no_tables(demo, section_titles, lang):
    text = page_texts(demo("onepager", lang))
    assert len(text) == 1
    flat = text[0].replace("\n", " ")
    for title in section_titles[lang]:
        assert title in flat
    # The table titles ("Data: <table>") of the full briefing are not on the one page.
    assert ("数据：Use of" if lang == "zh" else "Data: Use of") not in flat
    assert ("全球平均 54%" if lang == "zh" else "Global average 54%") in flat    # the adoption chart
    assert "Internal" in flat


@pytest.mark.parametrize("template", ["briefing", "deck"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_contents_page_numbers_are_section_start_pages(demo, section_titles, template, lang):
    path = demo(template, lang)
    texts = page_texts(path)
    word = "目录" if lang == "zh" else "Contents"
    contents_page = next(i for i, t in enumerate(texts) if word in [ln.strip() for ln in t.splitlines()])
    numbers = contents_numbers(texts[contents_page])
    outline = {title: page for _, title, page in outline_entries(pypdf.PdfReader(str(path)))}
    for title in section_titles[lang]:
        assert numbers[title] == outline[title]
        # The section heading is on that page, above the first finding.
        assert title in texts[outline[title] - 1]


@pytest.mark.parametrize("template", TEMPLATES)
def test_outline_lists_every_section_in_order(demo, section_titles, template):
    entries = outline_entries(pypdf.PdfReader(str(demo(template, "en"))))
    titles = [t for _, t, _ in entries]
    found = [titles.index(s) for s in section_titles["en"]]
    assert found == sorted(found)
    pages = [p for _, _, p in entries]
    assert pages == sorted(pages)


@pytest.mark.parametrize("template", TEMPLATES)
def test_chinese_briefing_is_chinese(demo, section_titles, template):
    texts = page_texts(demo(template, "zh"))
    flat = "\n".join(texts)
    assert "内容摘要" in flat
    for title in section_titles["zh"]:
        assert title in flat
    for english in ("Executive summary", "Key findings", "Contents", "Page 1 of"):
        assert english not in flat
    assert "2026年11月25日" in flat


@pytest.mark.parametrize("template", TEMPLATES)
def test_rebuild_is_byte_identical(demo, template):
    a = demo(template, "en").read_bytes()
    b = demo(template, "en", name="-again").read_bytes()
    assert a == b


def test_deck_puts_the_classification_on_every_page(demo):
    texts = page_texts(demo("deck", "en"))
    assert all("INTERNAL" in t for t in texts[1:])


def test_unknown_template_is_one_line(tmp_path, capsys):
    assert cli.main(["build", "--demo", "--template", "nope", "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "Template 'nope' not found" in err and err.count("\n") == 1


def test_user_template_folder_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = tmp_path / "config" / "Briefing" / "templates"
    folder.mkdir(parents=True)
    deck = load_template("deck").path.read_text(encoding="utf-8")
    (folder / "mine.toml").write_text(deck.replace('size = "A4"', 'size = "Letter"'), encoding="utf-8")
    assert "mine" in template_names()
    out = tmp_path / "mine.pdf"
    assert cli.main(["build", "--demo", "--template", "mine", "-o", str(out)]) == 0
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)


@pytest.mark.parametrize("old,new,key", [
    ('section_blocks = ["lead", "findings", "callouts", "chart", "table"]',
     'section_blocks = ["lead", "pie"]', "layout.section_blocks"),
    ('layout = "band" ', 'layout = "wavy" ', "cover.layout"),
    ('orientation = "portrait" ', 'orientation = "sideways" ', "page.orientation"),
    ('parts = ["cover", "summary", "contents", "sections", "appendix"]', 'parts = ["cover"]', "layout.parts"),
])
def test_bad_layout_keys_are_named(tmp_path, monkeypatch, old, new, key):
    from briefing import paths
    text = (paths.templates() / "briefing.toml").read_text(encoding="utf-8")
    assert old in text
    monkeypatch.setattr(paths, "templates", lambda: tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "none"))
    (tmp_path / "bad.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"bad.toml: key '{key}'")):
        load_template("bad")


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_heading_is_left_alone_at_the_foot_of_a_page(demo, template, lang):
    path = demo(template, lang)
    titles = {t for _, t, _ in outline_entries(pypdf.PdfReader(str(path)))}
    for n, text in enumerate(page_texts(path), 1):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        body = lines[:-1]                      # the last line is the footer
        if body:
            assert body[-1] not in titles, f"heading '{body[-1]}' alone at the foot of page {n}"


def test_onepager_stays_on_one_page_with_many_themes(tmp_path):
    from pdfdocs import make_meta

    from briefing.compose import blocks as b
    from briefing.render import render_pdf
    blocks = [b.Cover("Many themes", "", "25 November 2026", "", "Org", "Internal"), b.PageBreak(),
              b.Heading("Executive summary", 0, "summary"),
              b.Callouts((b.Callout("80%", "China"), b.Callout("54%", "World")))]
    parts = [("cover", 0), ("summary", 1)]   # as compose names them: the template picks by part
    for k in range(9):
        parts.append(("sections", len(blocks)))
        blocks += [b.PageBreak(), b.Heading(f"Theme number {k}", 1, f"s{k}"),
                   b.Para(f"Lead finding of theme {k}, stated with its number: 7{k}%.", "lead"),
                   b.Findings(tuple(b.FindingItem(f"Finding {j} of theme {k} is a sentence of some length "
                                                  "that wraps onto a second line in a narrow column.")
                                    for j in range(4))),
                   b.Heading(f"Table {k}", 2, f"s{k}-t"),
                   b.BarChart(f"Chart {k}", ("China", "India", "Japan", "Korea"), (80.0, 70.0, 60.0, 50.0),
                              ("80%", "70%", "60%", "50%"), "%", "Source: test.", 54.0, "World 54%", (0,)),
                   b.TableBlock(f"Data: table {k}", ("A", "B"), (("x", "1"),), ("left", "right"))]
    out = tmp_path / "many.pdf"
    assert render_pdf(b.Document(make_meta("en"), tuple(blocks), tuple(parts)), out, template="onepager") == 1
    text = page_texts(out)[0]
    for k in range(9):
        assert f"Theme number {k}" in text
    assert "Data: table" not in text


@pytest.mark.parametrize("template", ["briefing", "deck"])
def test_summary_links_reach_every_section(demo, section_titles, template):
    path = demo(template, "en")
    reader = pypdf.PdfReader(str(path))
    outline = {title: page for _, title, page in outline_entries(reader)}
    section_pages = {outline[t] for t in section_titles["en"]}
    summary_page = outline["Executive summary"]
    targets = set()
    for annot in reader.pages[summary_page - 1].get("/Annots", []):
        a = annot.get_object()
        if a.get("/Subtype") == "/Link" and "/Dest" in a:
            targets.add(reader.get_page_number(a["/Dest"][0].get_object()) + 1)
    assert section_pages <= targets
