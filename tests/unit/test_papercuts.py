"""Papercuts a new user hit (issue 13): templates, the build line, the cover's list of themes."""
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pypdf
import pytest

from briefing import cli, paths
from briefing.compose.document import MAX_THEMES_NAMED, theme_list
from briefing.model import InputError
from briefing.render.template import load_template, parse_template

SHIPPED = sorted(p.stem for p in paths.templates().glob("*.toml"))


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err.strip()


def test_an_unknown_template_lists_the_known_ones_and_the_user_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert cli.main(["build", "--demo", "--template", "onepagr", "-o", str(tmp_path / "x.pdf")]) == 2
    line = _one_line(capsys)
    assert line.startswith("briefing: error: Template 'onepagr' not found (did you mean 'onepager'?); known "
                           f"templates: {', '.join(paths.template_names())}; ")
    assert str(tmp_path / "cfg" / "Briefing" / "templates") in line
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("old, new, says", [
    ("column_gap = 18", "colum_gap = 18", "key 'page.colum_gap' is not a template key (did you mean 'page.column_gap'?)"),
    ("\n[type.body]\n", "\n[type.bdy]\n", "key 'type.bdy' is not a template key (did you mean 'type.body'?)"),
    ("\n[furniture]\n", "\n[furniture]\nfooter_centre = \"x\"\n", "key 'furniture.footer_centre' is not a template key"),
    ('name = "Briefing"', 'name = "Briefing"\nwhatever = 1', "key 'whatever' is not a template key"),
])
def test_a_misspelt_or_unknown_template_key_is_one_line_naming_it_and_the_file(tmp_path, capsys, monkeypatch,
                                                                               old, new, says):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    folder = tmp_path / "cfg" / "Briefing" / "templates"
    folder.mkdir(parents=True)
    text = (paths.templates() / "briefing.toml").read_text(encoding="utf-8")
    assert old in text
    (folder / "mine.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    assert cli.main(["build", "--demo", "--template", "mine", "-o", str(tmp_path / "x.pdf")]) == 2
    assert _one_line(capsys) == f"briefing: error: Template mine.toml: {says}"


@pytest.mark.parametrize("name", SHIPPED)
def test_the_shipped_templates_say_truly_which_keys_are_required(name):
    """Each shipped template's header says which keys are optional: removing any of them still loads,
    removing a required one is an error naming it (the old header said every key was required)."""
    path = paths.templates() / f"{name}.toml"
    text = path.read_text(encoding="utf-8")
    header = " ".join(line.lstrip("# ") for line in text.splitlines()[:12] if line.startswith("#"))
    assert "Every key below is required" not in header
    assert "Optional, with the defaults shown: name, page.orientation, page.columns, page.column_gap, [layout]," \
           " [cover], [banner], [charts] and [brand]" in header
    data = tomllib.loads(text)
    assert parse_template(path, data).name
    for optional in ("name", "page.orientation", "page.columns", "page.column_gap", "layout", "cover", "banner",
                     "charts", "brand"):
        parse_template(path, _without(data, optional))
    for required in ("page.size", "page.margin_left", "page.header_offset", "fonts", "colours", "type.body",
                     "furniture"):
        with pytest.raises(InputError, match=re.escape(f"key '{required}")):
            parse_template(path, _without(data, required))


def _without(data: dict, dotted: str) -> dict:
    import copy
    out = copy.deepcopy(data)
    *parents, last = dotted.split(".")
    node = out
    for p in parents:
        node = node[p]
    node.pop(last, None)
    return out


def test_one_page_is_one_page(tmp_path):
    assert cli.wrote_line("a.pdf", 1, ["adoption"]) == "Wrote a.pdf (1 page, themes: adoption)"
    assert cli.wrote_line("a.pdf", 2, ["adoption", "chips"]) == "Wrote a.pdf (2 pages, themes: adoption, chips)"
    out = tmp_path / "one.pdf"
    run = subprocess.run([sys.executable, "-m", "briefing", "build", "--demo", "--template", "onepager",
                          "--date", "2026-01-01", "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert len(pypdf.PdfReader(str(out)).pages) == 1
    assert run.stdout.startswith(f"Wrote {out} (1 page, themes: ")


TITLES = ["GenAI adoption", "AI regulation", "AI chips and export controls", "The model race", "AI safety and trust"]


@pytest.mark.parametrize("n, text", [
    (1, "GenAI adoption"),
    (2, "GenAI adoption and AI regulation"),
    (3, "GenAI adoption; AI regulation; and AI chips and export controls"),
    (4, "GenAI adoption; AI regulation; AI chips and export controls; and The model race"),
    (5, "GenAI adoption; AI regulation; AI chips and export controls; and 2 more"),
])
def test_the_theme_list_has_one_and_between_names_and_at_most_a_few_names(n, text):
    assert theme_list("en", TITLES[:n]) == text
    names = text.split("; ") if ";" in text else re.split(r", | and ", text)
    assert len(names) <= MAX_THEMES_NAMED


def test_plain_names_keep_commas_and_chinese_keeps_its_marks():
    assert theme_list("en", ["GenAI adoption", "AI regulation", "AI investment"]) == \
        "GenAI adoption, AI regulation and AI investment"
    assert theme_list("zh", ["生成式AI采用", "AI监管", "AI芯片与出口管制", "大模型竞赛", "AI安全与信任"]) == \
        "生成式AI采用、AI监管、AI芯片与出口管制和另外2个主题"


def test_cover_and_subject_read_the_theme_list(tmp_path):
    """The sample's five themes: 'and' once between names, two of them counted, not named."""
    out = tmp_path / "demo.pdf"
    assert cli.main(["build", "--demo", "--date", "2026-01-01", "-o", str(out)]) == 0
    reader = pypdf.PdfReader(str(out))
    names = "GenAI adoption; AI regulation; AI chips and export controls; and 2 more"
    assert reader.metadata.subject == f"Briefing on {names}"
    assert f"Themes: {names}" in " ".join(reader.pages[0].extract_text().split())


def test_readme_says_what_the_tests_need_and_how_to_leave_out_the_slow_ones():
    """Papercut 7: the test command skipped 10 tests without saying why, and `slow` was declared unused."""
    root = Path(__file__).resolve().parents[2]
    readme = " ".join((root / "README.md").read_text(encoding="utf-8").split())
    assert "`../shared/corpus`" in readme and "`../shared/surveys`" in readme and '-m "not slow"' in readme
    assert re.search(r"install takes about \d+ MB", readme)
    marked = {p.name for p in (root / "tests").rglob("test_*.py") if "@pytest.mark.slow" in p.read_text(encoding="utf-8")}
    assert {"test_hostile.py", "test_fuzz.py", "test_qt_refcounts.py", "test_btos_keys.py"} <= marked
