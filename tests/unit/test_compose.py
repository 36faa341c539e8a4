"""Compose: the document's blocks in order, sections per chosen theme, appendix references."""
from briefing import pipeline
from briefing.analysis import analyse
from briefing.compose import compose
from briefing.compose.blocks import BarChart, Callouts, Contents, Cover, Heading, Para, Summary, TableBlock, Timeline
from briefing.model import BriefingSpec


def _doc(themes, lang="en"):
    ws = pipeline.load_demo()
    by = {t: ws.tables_for(t) for t in themes}
    spec = BriefingSpec(title="T", author="A. Analyst", organisation="Org", date="2026-11-25", lang=lang)
    return compose(spec, [ws.theme(t) for t in themes], by, analyse(by, lang))


def test_order_of_parts():
    doc = _doc(("chips", "adoption"))
    kinds = [type(b) for b in doc.blocks]
    assert kinds[0] is Cover
    assert kinds.index(Summary) < kinds.index(Contents)
    h1 = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    assert h1 == ["AI chips and export controls", "GenAI adoption"]
    assert [b.anchor for b in doc.blocks if isinstance(b, Heading) and b.level == 0] == ["summary", "appendix"]
    assert doc.meta.date_text == "25 November 2026"
    assert doc.meta.author == "A. Analyst, Org"


def test_section_starts_with_its_top_finding_then_chart_and_table():
    doc = _doc(("adoption",))
    blocks = list(doc.blocks)
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.anchor == "sec-adoption")
    lead = blocks[i + 1]
    assert isinstance(lead, Para) and lead.style == "lead" and "China leads" in lead.text and lead.ref == "[A1, A2]"
    chart = next(b for b in blocks[i:] if isinstance(b, BarChart))
    assert chart.labels == ("China", "United States")
    assert chart.values == (80.0, 65.0)
    assert chart.value_texts == (">80%", "65%")
    assert chart.benchmark == 54.0 and "Global average" in chart.benchmark_label
    table = next(b for b in blocks[i:] if isinstance(b, TableBlock))
    assert table.rows[0] == ("China", "中国", ">80%")
    assert table.align[2] == "right"


def test_timeline_and_callouts():
    doc = _doc(("regulation", "chips"))
    tl = next(b for b in doc.blocks if isinstance(b, Timeline))
    assert [e.when for e in tl.events] == ["2023", "October 2023", "Early 2024"]
    callouts = [c for b in doc.blocks if isinstance(b, Callouts) for c in b.items]
    assert any(c.value == "≤USD 64.53 m" for c in callouts)


def test_appendix_lists_file_hash_and_every_ref():
    doc = _doc(("adoption", "regulation"))
    files, cells = [b for b in doc.blocks if isinstance(b, TableBlock) and b.style == "appendix"]
    assert files.rows[0][0] == "genai-survey-2024.xlsx" and len(files.rows[0][2]) == 64
    refs = [r[0] for r in cells.rows]
    assert refs == [f"A{i}" for i in range(1, len(refs) + 1)]
    assert ("Adoption!A5:C5" in [r[3] for r in cells.rows])


def test_chinese_document_labels():
    doc = _doc(("adoption",), "zh")
    assert doc.meta.date_text == "2026年11月25日"
    assert any(isinstance(b, Heading) and b.text == "生成式AI采用" for b in doc.blocks)
    assert doc.meta.labels["page_of"].startswith("第")


def test_findings_per_table_are_capped_but_edits_stay():
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parents[1] / "pdf"))
    import workbooks
    from briefing.compose.blocks import Findings
    from briefing.compose.document import MAX_FINDINGS_PER_TABLE
    from briefing.model import Theme
    t = workbooks.ranked_table([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.45],
                               labels=("A", "B", "C", "D", "E", "F", "G", "Global average"))
    by = {"x": (t,)}
    fs = analyse(by)
    assert len(fs["x"]) > MAX_FINDINGS_PER_TABLE + 1
    spec = BriefingSpec(title="T", date="2026-11-25")
    theme = Theme("x", "X", "X", "", "", (), ())
    doc = compose(spec, [theme], by, fs)
    items = next(b for b in doc.blocks if isinstance(b, Findings)).items
    assert len(items) == MAX_FINDINGS_PER_TABLE - 1     # the lead sentence is the table's first
    edited = fs["x"][-1].key
    doc = compose(spec, [theme], by, fs, edited=frozenset({edited}))
    items = next(b for b in doc.blocks if isinstance(b, Findings)).items
    assert len(items) == MAX_FINDINGS_PER_TABLE and items[-1].edited


def test_long_survey_table_hides_question_text_and_codes(make_workbook):
    from briefing.compose.blocks import TableBlock
    from briefing.ingest import read_file
    from briefing.themes import load_catalogue, tag_tables
    rows = [["Business survey: AI use"], [],
            ["State", "Question ID", "Question", "Answer ID", "Answer", "202512", "202511"]]
    for state, yes in (("US", 9.0), ("Ohio", 6.0), ("Texas", 8.0)):
        for qid, q in ((7, "In the last two weeks, did this business use Artificial Intelligence (AI)?"),
                       (8, "Will this business be using AI in six months?")):
            rows += [[state, qid, q, 1, "Yes", f"{yes}%", f"{yes - 1}%"],
                     [state, qid, q, 2, "No", f"{100 - yes}%", f"{101 - yes}%"]]
    tables, _ = read_file(make_workbook("long.xlsx", {"Estimates": rows}))
    tags = tag_tables(tables, load_catalogue())
    assert tags[tables[0].key][0].theme == "adoption"     # the question text carries the theme
    by = {"adoption": tables[:1]}
    from briefing.analysis import analyse
    cat = {t.key: t for t in load_catalogue()}
    doc = compose(BriefingSpec(title="T", date="2026-11-25"), [cat["adoption"]], by, analyse(by, "en"))
    block = next(b for b in doc.blocks if isinstance(b, TableBlock) and b.style != "appendix")
    # The substantive answer only, the benchmark first, the first and the latest period.
    assert block.header == ("State", "202511", "202512", "± 95% margin")
    assert block.rows[0] == ("US", "8.0%", "9.0%", "–")


def test_long_table_is_cut_with_a_note_citing_all_rows(tmp_path):
    from briefing.compose.blocks import TableBlock
    from briefing.ingest import read_file
    from briefing.analysis import analyse
    from briefing.themes import load_catalogue
    p = tmp_path / "big.csv"
    p.write_text("Region,Using AI (%)\n" + "".join(f"R{i},{i % 97}\n" for i in range(5000)), encoding="utf-8")
    tables, _ = read_file(p)
    cat = {t.key: t for t in load_catalogue()}
    by = {"adoption": tables}
    doc = compose(BriefingSpec(title="T", date="2026-11-25"), [cat["adoption"]], by, analyse(by, "en"))
    block = next(b for b in doc.blocks if isinstance(b, TableBlock) and b.style != "appendix")
    assert len(block.rows) == 30 and block.rows[0] == ("R0", "0%")
    assert "Showing the first 30 of 5,000 rows; all rows are in A1:B5001." in block.notes


def test_chinese_summary_callouts_name_group_and_measure_as_the_english_do():
    # A bare 中国 under >80% did not say what was measured; the measure keeps the source's words.
    labels = {}
    for lang in ("en", "zh"):
        doc = _doc(("adoption", "regulation", "chips"), lang)
        labels[lang] = [(c.value, c.label) for c in next(b for b in doc.blocks if isinstance(b, Callouts)).items]
    assert labels["zh"][:2] == [(">80%", "中国：Use of generative AI by business leaders"),
                                ("70%", "亚太：Preparedness for generative-AI regulation")]
    assert labels["en"][:2] == [(">80%", "China: Use of generative AI by business leaders"),
                                ("70%", "Asia-Pacific: Preparedness for generative-AI regulation")]
    assert all("：" in label and ": " not in label for _, label in labels["zh"])


def test_a_very_wide_table_prints_its_first_columns_and_cites_the_rest():
    from briefing.analysis import analyse
    from briefing.compose.blocks import Para, TableBlock
    from briefing.compose.cells import MAX_TABLE_COLUMNS
    from briefing.model import Column, Provenance, Table
    n = 16_384
    cols = (Column("Label", "label", ("a", "b", "c")),) + tuple(
        Column(f"Measure {i}", "number" if i % 2 else "count", (1.0 * i, 2.0, 3.0)) for i in range(n))
    t = Table("x.ods|S|A1:XFD4", "Chip exports", cols, Provenance("x.ods", "S", "A1:XFD4", "0" * 64), (1, 2, 3))
    ws = pipeline.load_demo()
    by = {"chips": [t]}
    doc = compose(BriefingSpec(title="T", date="2026-01-01"), [ws.theme("chips")], by, analyse(by, "en"))
    (block,) = [b for b in doc.blocks if isinstance(b, TableBlock) and b.style != "appendix"]
    assert len(block.header) == MAX_TABLE_COLUMNS
    assert any("Showing the first 24 of 16,385 columns" in n for n in block.notes)


def test_compose_names_the_parts_and_templates_pick_by_them_not_by_heading_levels():
    from dataclasses import replace as _replace
    from briefing.compose.blocks import Contents, Cover, Heading, Para
    from briefing.render.layout import apply_layout
    from briefing.render.template import load_template
    doc = _doc(("adoption", "regulation", "chips"), "en")
    kinds = [k for k, _ in doc.parts]
    assert kinds[:3] == ["cover", "summary", "contents"] and kinds[-1] == "appendix"
    assert kinds.count("sections") == 3
    split = dict((k, blks) for k, blks in doc.split() if k != "sections")
    assert isinstance(split["cover"][0], Cover) and isinstance(split["contents"][0], Contents)
    sections = [blks for k, blks in doc.split() if k == "sections"]
    assert [next(x for x in blks if isinstance(x, Heading)).level for blks in sections] == [1, 1, 1]
    # A level-0 heading inside a section (a part-like heading) no longer makes the one-pager drop it.
    i = doc.parts[3][1] + 2
    odd = _replace(doc, blocks=doc.blocks[:i] + (Heading("Odd part-like heading", 0, "odd"), Para("kept"))
                   + doc.blocks[i:], parts=tuple((k, j + 2 if j >= i else j) for k, j in doc.parts))
    one = apply_layout(odd, load_template("onepager").layout)
    assert any(isinstance(x, Para) and x.text == "kept" for x in one.blocks)
    assert [k for k, _ in one.parts if k == "appendix"] == ["appendix"]   # the sources line
    assert all(0 <= j <= len(one.blocks) for _, j in one.parts)
