"""Theme catalogue and tagging."""
import pytest

from briefing.ingest import read_file
from briefing.model import InputError
from briefing.themes import load_catalogue, parse_catalogue, tables_for_theme, tag_tables


def test_catalogue_has_required_themes_in_both_languages():
    cat = {t.key: t for t in load_catalogue()}
    for key in ("adoption", "regulation", "chips", "models", "safety"):
        t = cat[key]
        assert t.keywords and t.keywords_zh and t.name_zh and t.description


def test_sample_tables_tagged_with_expected_best_theme(sample):
    tables, _ = read_file(sample)
    tags = tag_tables(tables, load_catalogue())
    best = {t.sheet: tags[t.key][0].theme for t in tables}
    assert best == {"Adoption": "adoption", "Regulation": "regulation", "Timeline": "regulation",
                    "Chips": "chips", "Models": "models", "Safety": "safety"}
    chips = next(t for t in tables if t.sheet == "Chips")
    assert "nvidia" in tags[chips.key][0].hits
    assert 0 < tags[chips.key][0].score <= 1


def test_chinese_keywords_match(chinese_workbook):
    tables, _ = read_file(chinese_workbook)
    tags = tag_tables(tables, load_catalogue())
    (t,) = tables
    assert tags[t.key][0].theme == "adoption"


def test_weak_secondary_tag_stays_out_of_section(sample):
    tables, _ = read_file(sample)
    tags = tag_tables(tables, load_catalogue())
    safety_tables = tables_for_theme(tables, tags, "safety")
    assert [t.sheet for t in safety_tables] == ["Safety"]   # not the Timeline's 0.39 mention


def test_whole_word_matching():
    cat = parse_catalogue('[[theme]]\nkey="a"\nname="A"\nkeywords=["act"]\n')
    from briefing.themes.tagging import _pattern
    assert _pattern("act").search("the AI Act")
    assert not _pattern("act").search("activity")
    assert _pattern("regulat*").search("regulatory")
    assert cat[0].key == "a"


@pytest.mark.parametrize("text, message", [
    ('[[theme]]\nname="x"\nkeywords=["a"]', "missing 'key'"),
    ('[[theme]]\nkey="x"\nname="x"', "at least one keyword"),
    ('[[theme]\n', "not valid TOML"),
])
def test_bad_catalogue_says_what_is_wrong(text, message):
    with pytest.raises(InputError, match=message):
        parse_catalogue(text, "mine.toml")


def test_a_section_is_named_for_what_its_tables_measure(tmp_path):
    import xlsxwriter
    from briefing.ingest import read_file
    from briefing.themes.naming import named_for
    from briefing import pipeline
    ws = pipeline.load_demo()
    adoption = ws.theme("adoption")
    assert adoption.name == "AI adoption" and adoption.narrow_name == "GenAI adoption"
    assert named_for(adoption, ws.tables_for("adoption")).title("en") == "GenAI adoption"   # all about GenAI
    assert named_for(adoption, ws.tables_for("adoption")).title("zh") == "生成式AI采用"
    path = tmp_path / "ai_use.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    sheet = wb.add_worksheet("Use")
    for r, row in enumerate([["Share of firms using AI"], [], ["State", "Share (%)"], ["Ohio", 8], ["Utah", 11]]):
        sheet.write_row(r, 0, row)
    wb.close()
    ai_use = read_file(path)[0]
    assert named_for(adoption, ai_use).title("en") == "AI adoption"
    assert named_for(adoption, ai_use + list(ws.tables_for("adoption"))).title("en") == "AI adoption"
