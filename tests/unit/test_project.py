"""The .briefing project file: round trip, versions, atomic save, moved sources, headless rebuild."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import pipeline, project
from briefing.model import Finding, Theme
from briefing.paths import sample_workbook
from briefing.project import Edit, Project, ProjectError, Source


def _project(src: Path) -> Project:
    return Project(
        sources=(Source(str(src), project.sha256_file(src)),),
        theme_order=("chips", "adoption", "regulation"), themes=("chips", "adoption"),
        overrides={"x.xlsx|S|A1:B3": ("regulation",)},
        custom_themes=(Theme("talent", "Talent", "人才", "People", "", ("talent", "skill*"), ("人才",), True),),
        edits={"adoption|T|leader": Edit("China leads, clearly.", "China leads with 80%.")},
        template="briefing",
        fields={"title": "Q3 pulse", "author": "A. Analyst", "lang": "en", "date": "2024-07-01"})


def test_round_trip_keeps_everything(tmp_path):
    src = tmp_path / "survey.xlsx"
    shutil.copy(sample_workbook(), src)
    p = _project(src)
    path = tmp_path / "q3.briefing"
    project.save(p, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "briefing-project" and data["version"] == 1
    assert data["sources"][0]["sha256"] == project.sha256_file(src)
    assert data["sources"][0]["relative"] == "survey.xlsx"
    back = project.load(path)
    assert back.theme_order == p.theme_order and back.themes == p.themes
    assert dict(back.overrides) == dict(p.overrides)
    assert back.custom_themes == p.custom_themes
    assert dict(back.edits) == dict(p.edits)
    assert dict(back.fields) == dict(p.fields)
    assert back.source_paths == (str(src.resolve()),)
    spec = back.spec()
    assert (spec.title, spec.author, spec.date, spec.themes) == ("Q3 pulse", "A. Analyst", "2024-07-01",
                                                                  ("chips", "adoption"))
    assert back.edit_texts() == {"adoption|T|leader": "China leads, clearly."}


def test_newer_version_is_refused_clearly(tmp_path):
    path = tmp_path / "future.briefing"
    path.write_text(json.dumps({"format": "briefing-project", "version": 99}))
    with pytest.raises(ProjectError, match=r"newer Briefing \(project format version 99"):
        project.load(path)
    path.write_text('{"hello": 1}')
    with pytest.raises(ProjectError, match="not a Briefing project"):
        project.load(path)
    path.write_text("{not json")
    with pytest.raises(ProjectError, match="invalid JSON"):
        project.load(path)


def test_interrupted_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    src = tmp_path / "survey.xlsx"
    shutil.copy(sample_workbook(), src)
    path = tmp_path / "q3.briefing"
    project.save(_project(src), path)
    before = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)   # the data is written, then the flush fails
    changed = Project(fields={"title": "Never saved"})
    with pytest.raises(ProjectError.__mro__[1], match=r"q3\.briefing: cannot be written \(No space left on device\)"):
        project.save(changed, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q3.briefing", "survey.xlsx"]   # no temp left


def test_moved_folder_finds_sources_next_to_the_project(tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    shutil.copy(sample_workbook(), a / "survey.xlsx")
    project.save(_project(a / "survey.xlsx"), a / "q3.briefing")
    b = tmp_path / "b"
    a.rename(b)
    p = project.load(b / "q3.briefing")
    assert p.source_paths == (str((b / "survey.xlsx").resolve()),)
    assert project.missing_sources(p) == ()


def test_review_flags_changed_and_missing_edits():
    edits = {"k1": Edit("mine", "gen 1"), "k2": Edit("mine", "gen 2"), "k3": Edit("mine", "gen 3")}
    findings = {"t": (Finding("k1", "t", "tb", "leader", "gen 1"), Finding("k2", "t", "tb", "gap", "gen 2 new"))}
    assert project.review_edits(edits, findings) == {"k1": "ok", "k2": "changed", "k3": "missing"}


def test_customise_adds_custom_themes_and_overrides():
    ws = pipeline.load_demo()
    table = ws.tables[0]
    custom = Theme("leaders", "Leaders", "", "", "", ("leader*",), (), True)
    out = pipeline.customise(ws, custom_themes=(custom,), overrides={table.key: ("safety", "leaders")})
    assert out.catalogue[-1] == custom and len(out.catalogue) == len(ws.catalogue) + 1
    assert [g.theme for g in out.tags[table.key]] == ["safety", "leaders"]
    assert table in out.tables_for("safety")
    assert ws.tags[table.key] != out.tags[table.key]       # the original is untouched
    assert pipeline.customise(ws) is ws


def _cli(*args, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


@pytest.mark.slow
def test_build_project_headless_without_qt(tmp_path):
    src = tmp_path / "survey.xlsx"
    shutil.copy(sample_workbook(), src)
    ws = pipeline.load([src])
    key = ws.supported_themes()[0]
    finding = pipeline.build(pipeline.BriefingSpec(sources=(str(src),), themes=(key,)), tmp_path / "x.pdf",
                             workspace=ws).findings[key][0]
    p = Project(sources=(Source(str(src), project.sha256_file(src)),), themes=(key,), theme_order=(key,),
                edits={finding.key: Edit("An edited sentence from the analyst.", finding.text)},
                fields={"title": "Headless rebuild", "date": "2024-07-01"})
    path = tmp_path / "q.briefing"
    project.save(p, path)
    out = tmp_path / "out.pdf"
    # -X importtime would be noisy; instead block PySide6 from importing at all.
    code = ("import sys; sys.modules['PySide6'] = None; from briefing.cli import main; "
            f"sys.exit(main(['build', '--project', {str(path)!r}, '-o', {str(out)!r}]))")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    from pypdf import PdfReader
    text = " ".join(" ".join((pg.extract_text() or "").split()) for pg in PdfReader(str(out)).pages)
    assert "Headless rebuild" in text
    assert "An edited sentence from the analyst." in text

    src.unlink()
    r = _cli("build", "--project", str(path), "-o", str(tmp_path / "y.pdf"))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "survey.xlsx" in r.stderr and "not found" in r.stderr


def test_row_roles_set_by_the_user_are_saved_and_applied(tmp_path):
    import xlsxwriter
    from briefing.analysis import table_findings
    src = tmp_path / "regions.xlsx"
    wb = xlsxwriter.Workbook(str(src))
    ws = wb.add_worksheet("R")
    for r, row in enumerate([["Region", "Share using AI (%)"], ["All regions", 20], ["North", 31],
                             ["South", 12], ["Capital area", 40], ["West", 18]]):
        ws.write_row(r, 0, row)
    wb.close()
    path = tmp_path / "p.briefing"
    key = pipeline.load([src]).tables[0].key
    project.save(Project(sources=(Source(str(src)),), roles={key: {"Capital area": "aggregate"}}), path)
    assert json.loads(path.read_text())["roles"] == {key: {"Capital area": "aggregate"}}
    loaded = project.load(path)
    table = project.workspace(loaded).tables[0]
    assert (3, "aggregate", "set by the user") in table.row_roles
    texts = [f.text for f in table_findings(table, "adoption", "en")]
    assert texts[0].startswith("R: North leads with 31%, 11 points above the all regions of 20%")   # the aggregate is not ranked
    assert not any("Capital" in t for t in texts)


def test_bad_row_roles_name_the_field(tmp_path):
    data = json.loads(project.dumps(Project()))
    data["roles"] = {"t": {"North": "boss"}}
    with pytest.raises(ProjectError, match=r"field 'roles\.t' must map row labels"):
        project.from_dict(data, "p.briefing")
