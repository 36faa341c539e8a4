"""Nothing a path can do loses data: no output over a source, whole-or-nothing writes, modes kept,
leftovers of killed writes removed, SIGTERM ends a build cleanly, bad paths are one line and exit 2."""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing import fileio, project
from briefing.fileio import atomic_output, remove_stale_temps, stale_temps
from briefing.model import InputError
from briefing.paths import sample_workbook


def _cli(*args, cwd=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def _one_error_line(run) -> str:
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2, run.stderr
    assert len(lines) == 1 and lines[0].startswith("briefing: error: "), run.stderr
    assert "internal error" not in lines[0] and "Traceback" not in run.stderr
    return lines[0]


@pytest.fixture()
def book(tmp_path) -> Path:
    p = tmp_path / "book.xlsx"
    shutil.copy(sample_workbook(), p)
    return p


@pytest.mark.parametrize("how", ["same", "dot", "updown", "symlink", "hardlink"])
def test_build_never_writes_over_a_source(tmp_path, book, how):
    (tmp_path / "sub").mkdir()
    out = {"same": "book.xlsx", "dot": "./book.xlsx", "updown": "sub/../book.xlsx",
           "symlink": "link.pdf", "hardlink": "hard.pdf"}[how]
    if how == "symlink":
        (tmp_path / "link.pdf").symlink_to(book)
    if how == "hardlink":
        os.link(book, tmp_path / "hard.pdf")
    before = fileio.sha256_file(book)
    line = _one_error_line(_cli("build", "book.xlsx", "-o", out, cwd=tmp_path))
    assert "refusing to write the PDF over the source book.xlsx" in line
    assert fileio.sha256_file(book) == before


def test_build_never_writes_over_the_shipped_sample(tmp_path):
    before = fileio.sha256_file(sample_workbook())
    line = _one_error_line(_cli("build", "--demo", "-o", str(sample_workbook()), cwd=tmp_path))
    assert "genai-survey-2024.xlsx" in line
    assert fileio.sha256_file(sample_workbook()) == before


def test_a_pdf_under_a_spreadsheet_name_is_refused(tmp_path, book):
    line = _one_error_line(_cli("build", "book.xlsx", "-o", "other.xlsx", cwd=tmp_path))
    assert "name the output .pdf" in line
    assert not (tmp_path / "other.xlsx").exists()


@pytest.mark.parametrize("out, says", [("", "no output PDF named"), ("sub", "is a folder"),
                                       ("afile/x.pdf", "afile is a file, not a folder")])
def test_bad_output_paths_are_one_line(tmp_path, book, out, says):
    (tmp_path / "sub").mkdir()
    (tmp_path / "afile").write_text("x")
    assert says in _one_error_line(_cli("build", "book.xlsx", "-o", out, cwd=tmp_path))


def test_an_unwritable_folder_is_one_line(tmp_path, monkeypatch):
    real_open = os.open

    def denied(path, flags, *a):
        if str(path).endswith(".tmp"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *a)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(InputError, match=r"x\.pdf: cannot be written in .* \(Permission denied\)"):
        with atomic_output(tmp_path / "x.pdf"):
            pass


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path):
    out = tmp_path / "x.pdf"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_output(out) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("killed mid-write")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


def test_modes_are_kept(tmp_path, book):
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"%PDF-old")
    out.chmod(0o640)
    run = _cli("build", "book.xlsx", "-o", "brief.pdf", "--themes", "chips", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert out.read_bytes().startswith(b"%PDF-1")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    proj = tmp_path / "q3.briefing"
    project.save(project.Project(sources=(project.Source(str(book)),)), proj)
    proj.chmod(0o644)
    project.save(project.Project(sources=(project.Source(str(book)),), template="deck"), proj)
    assert stat.S_IMODE(proj.stat().st_mode) == 0o644


def test_leftovers_of_killed_writes_are_removed_by_the_next_write(tmp_path):
    out = tmp_path / "brief.pdf"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = tmp_path / f".brief.pdf.{dead.pid}.0a1b2c3d.tmp"          # a killed writer's
    live = tmp_path / f".brief.pdf.{os.getppid()}.0a1b2c3d.tmp"         # a running writer's
    old = tmp_path / ".brief.pdf.k2j4h5g6.tmp"                         # an older Briefing's (mkstemp)
    other = tmp_path / ".other.pdf.123.abc.tmp"                         # another file's
    for p in (leftover, live, old, other):
        p.write_bytes(b"partial")
    hour_ago = time.time() - 2 * fileio.STALE_AFTER_S
    os.utime(old, (hour_ago, hour_ago))
    assert set(stale_temps(out)) == {leftover, old}
    with atomic_output(out) as tmp:
        tmp.write_bytes(b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, live.name, other.name])
    assert remove_stale_temps(out) == 0


def _big_book(tmp_path: Path) -> Path:
    """A workbook that takes a few seconds to build, so a signal can land in the middle."""
    import xlsxwriter
    path = tmp_path / "big.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    for s in range(12):
        ws = wb.add_worksheet(f"Chips {s}")
        ws.write_row(0, 0, ["Country", "AI chip exports 2023", "AI chip exports 2024"])
        for r in range(1, 40):
            ws.write_row(r, 0, [f"Country {r}", r * 1.5, r * 1.7])
    wb.close()
    return path


@pytest.mark.slow
def test_sigterm_mid_build_keeps_the_previous_pdf_and_leaves_no_temp(tmp_path):
    book = _big_book(tmp_path)
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"%PDF-previous")
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "build", str(book), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:   # finished first on a fast machine: then the new PDF is whole
        assert out.read_bytes().startswith(b"%PDF-1")
    else:
        assert proc.returncode == 143, err
        assert err.strip() == "briefing: stopped (SIGTERM); no file was written or changed"
        assert out.read_bytes() == b"%PDF-previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.xlsx", "brief.pdf"]


# -- project files: every field checked, one line naming it ------------------------------------------

def _project_file(tmp_path: Path, book: Path, **changes) -> Path:
    data = json.loads(project.dumps(project.Project(sources=(project.Source(str(book)),))))
    data.update(changes)
    path = tmp_path / "p.briefing"
    path.write_text(json.dumps(data) if not isinstance(changes.get("raw"), str) else changes["raw"])
    return path


@pytest.mark.parametrize("changes, says", [
    ({"raw": "[" * 100_000 + "]" * 100_000}, "not a Briefing project file"),
    ({"raw": '{"format": "briefing-project", "version": ' + "9" * 5000 + "}"}, "not a Briefing project file"),
    ({"version": 10**40}, "saved by a newer Briefing"),
    ({"version": "1"}, "field 'version'"),
    ({"sources": []}, "has no source workbook"),
    ({"sources": [{"path": 3}]}, "field 'sources[0].path' must be a string"),
    ({"sources": "book.xlsx"}, "field 'sources' must be a list"),
    ({"fields": {"date": "2024-13-45"}}, "field 'fields.date' '2024-13-45' is not a date"),
    ({"fields": {"lang": "fr"}}, "field 'fields.lang'"),
    ({"template": "../../etc/passwd"}, "field 'template' must be a template name"),
    ({"custom_themes": [{"key": "a b", "name": "x"}]}, "field 'custom_themes[0].key'"),
    ({"edits": {"k": "text"}}, "field 'edits.k' must be an object"),
    ({"overrides": {"t": [1]}}, "field 'overrides.t' must be a list of strings"),
])
def test_bad_project_files_are_one_line_naming_the_field(tmp_path, book, changes, says):
    path = _project_file(tmp_path, book, **changes)
    line = _one_error_line(_cli("build", "--project", str(path), "-o", str(tmp_path / "x.pdf")))
    assert says in line
    assert not (tmp_path / "x.pdf").exists()


def test_a_relative_source_outside_the_project_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside.xlsx"
    shutil.copy(sample_workbook(), outside)
    folder = tmp_path / "proj"
    folder.mkdir()
    data = json.loads(project.dumps(project.Project(sources=(project.Source(str(tmp_path / "gone.xlsx")),))))
    data["sources"][0]["relative"] = "../outside.xlsx"
    path = folder / "p.briefing"
    path.write_text(json.dumps(data))
    assert project.load(path).source_paths == (str(tmp_path / "gone.xlsx"),)
    inside = folder / "data.xlsx"
    shutil.copy(sample_workbook(), inside)
    data["sources"][0]["relative"] = "data.xlsx"
    path.write_text(json.dumps(data))
    assert project.load(path).source_paths == (str(inside),)


def test_build_project_never_writes_over_the_project_file(tmp_path, book):
    path = _project_file(tmp_path, book)
    before = path.read_bytes()
    line = _one_error_line(_cli("build", "--project", str(path), "-o", str(path)))
    assert "refusing to write the PDF over the source p.briefing" in line
    assert path.read_bytes() == before


# -- template and install problems are one line too ----------------------------------------------------

@pytest.mark.parametrize("content, says", [
    (b"a = " + b"[" * 5000 + b"]" * 5000, "values nested too deeply"),
    (b"\xff\xfe\x00garbage", "cannot be read: 'utf-8' codec"),
    (b"# " + b"x" * (1 << 20 + 1), "over 1 MB"),
])
def test_bad_user_templates_are_one_line(tmp_path, content, says):
    folder = tmp_path / "cfg" / "Briefing" / "templates"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_bytes(content)
    run = subprocess.run([sys.executable, "-m", "briefing", "build", "--demo", "--template", "mine",
                          "-o", str(tmp_path / "x.pdf")], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert says in _one_error_line(run)


def test_a_missing_dependency_is_a_hint_not_an_internal_error(tmp_path):
    code = ("import sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] == 'reportlab':\n"
            "            raise ModuleNotFoundError(\"No module named 'reportlab'\", name='reportlab')\n"
            "sys.meta_path.insert(0, Block())\n"
            "from briefing.cli import main\n"
            f"sys.exit(main(['build', '--demo', '-o', {str(tmp_path / 'x.pdf')!r}]))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    line = _one_error_line(run)
    assert "a package Briefing needs is missing (reportlab)" in line and "pip install" in line
