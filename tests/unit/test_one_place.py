"""Each fact has one home: template names, chart types, period parsing."""
import ast
import inspect
from pathlib import Path

from briefing import paths, settings
from briefing.compose import blocks as b
from briefing.ingest import periods
from briefing.render import charts, story, template

PKG = Path(__file__).resolve().parents[2] / "briefing"


def test_one_list_of_template_names_in_one_order(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    own = tmp_path / "cfg" / "Briefing" / "templates"
    own.mkdir(parents=True)
    for name in ("zeta", "alpha", "deck"):   # "deck" shadows the shipped one: listed once
        (own / f"{name}.toml").write_text("", encoding="utf-8")
    shipped = sorted(p.stem for p in paths.templates().glob("*.toml"))
    expected = ["briefing"] + [n for n in shipped if n != "briefing"] + ["alpha", "zeta"]
    assert paths.user_templates() == own
    assert paths.template_names() == expected
    assert settings.template_names is paths.template_names is template.template_names


def test_chart_types_are_one_registry():
    """Every chart block but the timeline (a flowable of its own) has a drawing function, registered
    beside it; story.py lists no chart type by hand."""
    drawn = set(b.CHART_TYPES) - {b.Timeline}
    assert set(charts.CHART_MAKERS) == drawn
    source = inspect.getsource(story)
    for cls in drawn:
        assert f"b.{cls.__name__}" not in source, cls.__name__
    assert set(b.Chart.__args__) == set(b.CHART_TYPES) and set(b.CHART_TYPES) <= set(b.Block.__args__)


def test_a_new_chart_type_needs_only_its_block_and_its_drawing(monkeypatch):
    """Registering a drawing for a new block type is all story.build_story needs to lay it out."""
    from reportlab.graphics.shapes import Drawing

    from briefing.compose.blocks import DocMeta, Document, Heading
    from briefing.render.fonts import register_fonts
    from briefing.render.styles import build_styles

    class DotChart(b.BarChart):
        pass

    drawn = []
    monkeypatch.setitem(charts.CHART_MAKERS, DotChart, lambda blk, w, st: drawn.append(blk) or Drawing(w, 40))
    monkeypatch.setattr(b, "CHART_TYPES", (*b.CHART_TYPES, DotChart))
    tpl = template.load_template("briefing")
    st = build_styles(tpl, register_fonts(tpl), "en")
    chart = DotChart(title="Dots", labels=("A",), values=(1.0,), value_texts=("1",), unit="", source="",
                     alt="dots")
    meta = DocMeta("T", "", "", "", "1 Jan 2026", "2026-01-01", "en", "", "", ())

    class _Doc:
        col_width, height, cover, pageTemplates = 400.0, 600.0, None, []

    flowables = story.build_story(Document(meta, (Heading("Section", 1, "s"), chart)), st, _Doc(), {})
    assert drawn == [chart]
    assert any("Drawing" in repr(getattr(f, "_content", "")) for f in flowables)


def test_one_period_key():
    """One period_key (ingest/periods.py), one shape (year, month, day), used by ingest and analysis."""
    found = []
    for path in PKG.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(PKG)}" for node in ast.walk(tree)
                  if isinstance(node, ast.FunctionDef) and node.name in ("period_key", "parse_period", "date_key",
                                                                         "sort_key", "date_column", "header_month",
                                                                         "period_label", "period_text")]
    assert sorted(found) == ["analysis/numbers.py", "analysis/survey_long.py"] + ["ingest/periods.py"] * 6
    assert not (PKG / "ingest" / "period_codes.py").exists()
    key = periods.period_key
    assert [key(h) for h in ("2024", "Q1 2024", "2024 Q1", "202512", "2024-03", "Mar 2024", "FY2023", "2023/24",
                             "2023-10-01", "2024.0", "Sales")] == [
        (2024, 0, 0), (2024, 3, 0), (2024, 3, 0), (2025, 12, 0), (2024, 3, 0), (2024, 3, 0), (2023, 0, 0),
        (2023, 13, 0), (2023, 10, 1), (2024, 0, 0), None]
    from briefing.analysis import series
    assert series.period_key is key
    assert periods.header_month("202512") == periods.header_month("2025-12") == (2025, 12)
    assert periods.header_month("2025") is None and periods.header_month("202513") is None


def test_month_names_have_one_table():
    assert periods.MONTHS["sept"] == periods.MONTHS["september"] == periods.MONTHS["sep"] == 9
    assert periods.date_key("Sept 2024") == (2024, 9, 1)
    for path in PKG.rglob("*.py"):
        if path.name != "periods.py":
            text = path.read_text(encoding="utf-8")
            assert '"january", "february"' not in text.lower(), path
