"""The layering holds: who may import Qt, ReportLab and spreadsheet readers, and which way packages depend."""
import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "briefing"
ORDER = ["model", "ingest", "themes", "analysis", "compose", "render", "export", "pipeline", "project", "session",
         "cli", "ui"]
# model <- ingest, themes <- analysis <- compose <- render, export <- pipeline <- project, session <- cli, ui
RANK = {"model": 0, "ingest": 1, "themes": 1, "paths": 0, "fileio": 0, "analysis": 2, "compose": 3, "render": 4,
        "export": 4, "pipeline": 5, "project": 6, "settings": 6, "session": 6, "cli": 7, "ui": 7, "__main__": 8,
        "__init__": 0}
# openpyxl reads in ingest and only writes in export (the companion workbook).
EXCLUSIVE = {"PySide6": ("ui",), "shiboken6": ("ui",), "reportlab": ("render",), "python_calamine": ("ingest",),
             "openpyxl": ("ingest", "export"), "xlrd": ("ingest",), "msoffcrypto": ("ingest",), "odf": ("ingest",)}


def _modules():
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        layer = rel.parts[0].removesuffix(".py")
        yield path, layer


def _imports(path, text: str | None = None):
    """Every module `path` imports, absolute: `from briefing import x` as briefing.x, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8") if text is None else text)
    package = ["briefing", *path.relative_to(PKG).parent.parts]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package[:len(package) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            if base == "briefing":
                for a in node.names:   # from briefing import pipeline: the module is briefing.pipeline
                    yield f"briefing.{a.name}"
            elif base:
                yield base


def _check(path: Path, layer: str, imports) -> list[str]:
    wrong = []
    for name in imports:
        top = name.split(".")[0]
        if top in EXCLUSIVE and layer not in EXCLUSIVE[top]:
            wrong.append(f"{path.name} imports {name}: only briefing/{'/, '.join(EXCLUSIVE[top])}/ may")
        if top == "briefing" and "." in name and layer != "__main__":
            target = name.split(".")[1]
            if target in RANK and RANK[target] > RANK[layer]:
                wrong.append(f"{path.name} ({layer}) imports {name}, a higher layer")
    return wrong


@pytest.mark.parametrize("path, layer", list(_modules()), ids=lambda x: str(x).split("briefing/")[-1])
def test_imports_respect_layers(path, layer):
    assert layer in RANK, f"briefing/{layer} has no place in the layers (RANK here, and pyproject's contracts)"
    assert _check(path, layer, _imports(path)) == []


def test_from_briefing_import_is_checked_too(tmp_path):
    """The form the old test skipped: `from briefing import pipeline` inside compose is a higher layer."""
    fake = PKG / "compose" / "_probe.py"
    names = list(_imports(fake, "from briefing import pipeline\nfrom . import blocks\nfrom .. import ui\n"))
    assert names == ["briefing.pipeline", "briefing.compose", "briefing.ui"]
    assert len(_check(fake, "compose", names)) == 2


def test_pandas_readers_only_in_ingest():
    for path, layer in _modules():
        text = path.read_text(encoding="utf-8")
        if "read_excel(" in text or "read_csv(" in text:
            assert layer == "ingest", path


def test_export_writes_spreadsheets_and_never_reads_one():
    """Only ingest reads a spreadsheet: export has no openpyxl reader (load_workbook, read-only mode)."""
    found = []
    for path, layer in _modules():
        if layer != "export":
            continue
        found.append(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else \
                node.name if isinstance(node, ast.alias) else node.arg if isinstance(node, ast.keyword) else None
            assert name not in ("load_workbook", "read_only", "open_workbook", "read_excel"), f"{path.name}: {name}"
    assert found, "briefing/export/ has modules"


def _lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "lint-imports"
    if not exe.exists():
        found = shutil.which("lint-imports")
        if found is None:
            pytest.fail("lint-imports is not installed: pip install '.[test]' (import-linter)")
        exe = Path(found)
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "COLUMNS": "200"}   # contract names on one line
    return subprocess.run([str(exe), "--no-cache", "--config", str(ROOT / "pyproject.toml")], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_import_linter_contracts_are_kept():
    """pyproject.toml's [tool.importlinter] contracts: the layers (indirect imports included) and who may
    import Qt, ReportLab and the spreadsheet readers."""
    run = _lint_imports(ROOT, ROOT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


@pytest.mark.parametrize("module, text, contract", [
    ("model/_probe.py", "from briefing import pipeline\n", "Layers"),
    ("ingest/_probe.py", "from briefing.themes import catalogue\n", "Layers"),   # independent siblings
    ("analysis/_probe.py", "import reportlab\n", "ReportLab only in briefing.render"),
    ("compose/_probe.py", "from PySide6 import QtCore\n", "Qt only in briefing.ui"),
    ("render/_probe.py", "import openpyxl\n", "Spreadsheet readers only in briefing.ingest"),
])
def test_import_linter_fails_on_a_broken_contract(tmp_path, module, text, contract):
    """The same contracts on a copy of the package with one bad import added: lint-imports says which."""
    shutil.copytree(PKG, tmp_path / "briefing", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "briefing" / module).write_text(text, encoding="utf-8")
    run = _lint_imports(tmp_path, tmp_path)
    assert run.returncode != 0, run.stdout
    broken = run.stdout.partition("Broken contracts")[2]
    assert broken.count("_probe ->") == 1 and broken.lstrip("-\n ").startswith(contract), run.stdout


def _distribution(requirement: str) -> str:
    """The distribution a requirement names ("reportlab[accel]>=4.0" -> "reportlab"), normalised."""
    import re
    return re.split(r"[\[<>=!~; (]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared_distributions() -> set[str]:
    import tomllib
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return {_distribution(d) for d in deps}


def test_every_package_briefing_imports_is_a_declared_dependency():
    """A module of a package only the development venv has (numpy, pulled in by pandas for the
    benchmarks) imports here and fails in a fresh install: the CI clone caught one. Every top-level
    module outside the standard library that briefing/ imports must come from pyproject's
    dependencies (or from a distribution one of them requires)."""
    from importlib import metadata
    declared = _declared_distributions()
    # What the declared distributions pull in with them (PySide6-Essentials brings shiboken6).
    wanted, todo = set(declared), list(declared)
    while todo:
        try:
            requires = metadata.requires(todo.pop()) or []
        except metadata.PackageNotFoundError:
            continue
        for r in requires:
            if "extra ==" in r and "extra == \"accel\"" not in r and "extra == 'accel'" not in r:
                continue
            name = _distribution(r)
            if name not in wanted:
                wanted.add(name)
                todo.append(name)
    provides = metadata.packages_distributions()
    wrong = []
    for path, _ in _modules():
        for name in _imports(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top in ("briefing", "__future__"):
                continue
            dists = {d.lower().replace("_", "-") for d in provides.get(top, [])}
            if not dists & wanted:
                wrong.append(f"{path.relative_to(PKG)} imports {name} ({', '.join(sorted(dists)) or 'not installed'})")
    assert wrong == []
