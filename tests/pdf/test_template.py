"""Templates are data: the default one loads, and a broken one fails with one line naming file and key."""
from __future__ import annotations

import re

import pypdf
import pytest
from pdfdocs import make_doc

from briefing import paths
from briefing.model import InputError
from briefing.render import render_pdf
from briefing.render.template import load_template

DEFAULT = (paths.templates() / "briefing.toml").read_text(encoding="utf-8")


@pytest.fixture
def template_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "templates", lambda: tmp_path)
    return tmp_path


def test_default_template_loads():
    tpl = load_template("briefing")
    assert tpl.page_size == pytest.approx((595.2756, 841.8898), abs=0.01)
    assert 9.5 <= tpl.type["body"].size <= 11
    assert tpl.type["body"].leading >= 1.3 * tpl.type["body"].size
    assert len(tpl.palette) == 8 and tpl.palette[0] == "#0072B2"


def test_missing_template_names_it(tmp_path):
    with pytest.raises(InputError, match="Template 'nope' not found"):
        render_pdf(make_doc("en"), tmp_path / "x.pdf", template="nope")


@pytest.mark.parametrize("line,key", [
    ("size = 10.25\n", "type.body.size"),
    ('accent = "#0072B2"', "colours.accent"),
    ("margin_left = 78\n", "page.margin_left"),
])
def test_missing_key_is_named_with_the_file(template_dir, line, key):
    assert line in DEFAULT
    (template_dir / "broken.toml").write_text(DEFAULT.replace(line, "", 1), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_template("broken")
    msg = str(err.value)
    assert "broken.toml" in msg and f"'{key}'" in msg and "\n" not in msg


@pytest.mark.parametrize("old,new,key", [
    ('accent = "#0072B2"', 'accent = "blue"', "colours.accent"),
    ('size = "A4"', 'size = "B7"', "page.size"),
    ('regular = "NotoSans-Regular.ttf"', 'regular = "Missing.ttf"', "fonts.regular"),
    ("size = 10.25\n", 'size = "ten"\n', "type.body.size"),
])
def test_bad_value_is_named_with_the_file(template_dir, old, new, key):
    assert old in DEFAULT
    (template_dir / "bad.toml").write_text(DEFAULT.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"bad.toml: key '{key}'")):
        load_template("bad")


def test_unparseable_toml(template_dir):
    (template_dir / "junk.toml").write_text("[page\nsize = ", encoding="utf-8")
    with pytest.raises(InputError, match="junk.toml cannot be read"):
        load_template("junk")


def test_a_changed_template_changes_the_page(template_dir, tmp_path):
    (template_dir / "letter.toml").write_text(DEFAULT.replace('size = "A4"', 'size = "Letter"'),
                                              encoding="utf-8")
    out = tmp_path / "letter.pdf"
    render_pdf(make_doc("en", appendix_rows=3), out, template="letter")
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
