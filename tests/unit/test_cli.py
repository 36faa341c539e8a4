"""The command line: exit codes, one-line errors, no Qt on its path."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import cli

ROOT = Path(__file__).resolve().parents[2]


def run(*args, cwd=None):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def test_themes_json(capsys):
    assert cli.main(["themes", "--demo", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    sheets = {t["sheet"]: t for t in data["tables"]}
    assert sheets["Chips"]["themes"][0]["theme"] == "chips"
    assert sheets["Adoption"]["range"] == "A4:C7"
    assert len(sheets["Adoption"]["sha256"]) == 64
    assert any(r["sheet"] == "About" for r in data["report"])


def test_themes_json_says_how_each_table_was_read(tmp_path, capsys):
    import xlsxwriter
    path = tmp_path / "regions.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet 1")
    for r, row in enumerate([["地区", "RD经费", "RD强度"], ["全国", 33357.1, 2.65], ["东部地区", 22000.0, 3.3],
                             ["北京", 2947.1, 6.73], ["广东", 4802.6, 3.54], ["西藏", 7.2, 0.3]]):
        ws.write_row(r, 0, row)
    wb.close()
    assert cli.main(["themes", str(path), "--json"]) == 0
    (table,) = json.loads(capsys.readouterr().out)["tables"]
    assert [(r["row"], r["role"], r["cells"]) for r in table["row_roles"]] == [
        ("全国", "total", "'Sheet 1'!A2:C2"), ("东部地区", "aggregate", "'Sheet 1'!A3:C3")]
    assert "cn_regions.toml" in table["row_roles"][0]["why"]
    assert {"code": "广东", "name": "Guangdong", "name_zh": "广东",
            "source": "Regions of China (cn_regions.toml)"} in table["codes"]
    assert {"text": "RD强度", "en": "R&D intensity (R&D expenditure as % of GDP)",
            "zh": "R&D经费投入强度（占GDP比重）"} in table["terms"]
    assert table["columns"][2] == {"name": "RD强度", "kind": "percent", "unit": "%", "cells": "'Sheet 1'!C2:C6"}
    assert table["themes"][0]["theme"] == "rnd" and "RD强度" in table["themes"][0]["keywords"]


def test_themes_into_a_closed_pipe_is_not_an_error():
    r = subprocess.run(f"{sys.executable} {ROOT / 'main.py'} themes --demo --json | head -c 10", shell=True,
                       capture_output=True, text=True, timeout=120)
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("make, expected", [
    (lambda d: d / "missing.xlsx", "missing.xlsx: file not found"),
    (lambda d: (d / "text.xlsx").write_text("just text") and d / "text.xlsx", "text.xlsx: not a spreadsheet"),
])
def test_bad_input_one_line_exit_2(tmp_path, make, expected):
    path = make(tmp_path)
    r = run("build", str(path), "-o", str(tmp_path / "out.pdf"))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0]
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_empty_workbook_exit_2(tmp_path):
    from openpyxl import Workbook
    Workbook().save(tmp_path / "empty.xlsx")
    r = run("build", str(tmp_path / "empty.xlsx"), "-o", str(tmp_path / "o.pdf"))
    assert r.returncode == 2 and r.stderr.strip().splitlines() == [
        "briefing: error: empty.xlsx: the workbook is empty (no sheet has any cell filled)"]


def test_unknown_theme_exit_2(tmp_path, capsys):
    assert cli.main(["build", "--demo", "--themes", "chips,weather", "-o", str(tmp_path / "o.pdf")]) == 2
    err = capsys.readouterr().err
    assert "unknown theme 'weather'" in err and err.count("\n") == 1


def test_bad_option_is_one_line(capsys):
    assert cli.main(["build", "--demo"]) == 2
    err = capsys.readouterr().err.strip()
    assert "-o/--output" in err and "\n" not in err


def test_cli_does_not_import_qt(tmp_path):
    code = ("import sys; from briefing.__main__ import main; "
            f"rc = main(['build', '--demo', '--themes', 'chips', '-o', r'{tmp_path / 'b.pdf'}']); "
            "assert rc == 0, rc; assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "b.pdf").read_bytes()[:5] == b"%PDF-"


def test_window_without_display_says_how_to_build_headless():
    import os
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True, text=True, env=env,
                       timeout=60, cwd=ROOT)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        "briefing: error: no display to open the window on; build a briefing headless with "
        "'python main.py build --demo -o briefing.pdf' (see 'python main.py --help')"]


def test_a_mistyped_command_is_an_error_not_the_window():
    r = run("bogus")
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        "briefing: error: unknown command 'bogus' (commands: build, themes; with no command, or with files "
        "to open, the window starts; see 'python main.py --help')"]


def test_help_names_the_program_as_started_and_says_what_no_command_does():
    r = run("--help")
    assert r.stdout.startswith("usage: python main.py ")
    assert "With no command" in r.stdout and "the window starts" in " ".join(r.stdout.split())
    t = run("themes", "--help")
    assert "use the embedded sample survey workbook" in t.stdout and ".xlsx, .xlsm" in t.stdout


def test_chosen_theme_without_data_warns(tmp_path, capsys):
    assert cli.main(["build", "--demo", "--themes", "chips,investment", "--date", "2026-11-25",
                     "-o", str(tmp_path / "o.pdf")]) == 0
    err = capsys.readouterr().err
    assert err.strip() == "briefing: warning: no table matches theme 'investment'; its section will say so"


def test_without_a_title_the_cover_names_the_headline_table_or_the_file(tmp_path):
    import xlsxwriter
    from pypdf import PdfReader
    titled = tmp_path / "q3_survey_file.xlsx"
    wb = xlsxwriter.Workbook(str(titled))
    ws = wb.add_worksheet("Data")
    ws.write(0, 0, "Share of firms using AI chips, 2024")
    for r, row in enumerate([["Country", "Share (%)"], ["China", 80], ["Japan", 40], ["Korea", 55]], start=2):
        ws.write_row(r, 0, row)
    wb.close()
    assert cli.main(["build", str(titled), "-o", str(tmp_path / "a.pdf"), "--date", "2026-01-01"]) == 0
    cover = " ".join(PdfReader(str(tmp_path / "a.pdf")).pages[0].extract_text().split())
    assert "Share of firms using AI chips, 2024" in cover
    untitled = tmp_path / "raw_export_2024.xlsx"
    wb = xlsxwriter.Workbook(str(untitled))
    ws = wb.add_worksheet("Sheet1")
    for r, row in enumerate([["Country", "AI chip share (%)"], ["China", 80], ["Japan", 40], ["Korea", 55]]):
        ws.write_row(r, 0, row)
    wb.close()
    assert cli.main(["build", str(untitled), "-o", str(tmp_path / "b.pdf"), "--date", "2026-01-01"]) == 0
    # No title in the file: the section's name, not a file name; and no "Themes:" line repeating it.
    cover = " ".join(PdfReader(str(tmp_path / "b.pdf")).pages[0].extract_text().split())
    assert cover.startswith("AI chips and export controls") and "Themes:" not in cover
    by_state = tmp_path / "export_by_state.xlsx"
    wb = xlsxwriter.Workbook(str(by_state))
    ws = wb.add_worksheet("Sheet1")
    for r, row in enumerate([["State", "AI chip share (%)"], ["CA", 80], ["TX", 40], ["NY", 55], ["WA", 61]]):
        ws.write_row(r, 0, row)
    wb.close()
    for lang, title in (("en", "AI chips and export controls across states"), ("zh", "各州")):
        out = tmp_path / f"c-{lang}.pdf"
        assert cli.main(["build", str(by_state), "--lang", lang, "-o", str(out), "--date", "2026-01-01"]) == 0
        assert " ".join(PdfReader(str(out)).pages[0].extract_text().split()).startswith(title)
