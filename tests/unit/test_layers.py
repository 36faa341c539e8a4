"""The layering holds: who may import Qt, ReportLab and spreadsheet readers, and which way packages depend."""
import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "briefing"
ORDER = ["model", "ingest", "themes", "analysis", "compose", "render", "pipeline", "project", "session", "cli", "ui"]
# model <- ingest, themes <- analysis <- compose <- render <- pipeline <- project, session <- cli, ui
RANK = {"model": 0, "ingest": 1, "themes": 1, "paths": 0, "fileio": 0, "analysis": 2, "compose": 3, "render": 4,
        "pipeline": 5, "project": 6, "settings": 6, "session": 6, "cli": 7, "ui": 7, "__main__": 8, "__init__": 0}
EXCLUSIVE = {"PySide6": "ui", "shiboken6": "ui", "reportlab": "render", "python_calamine": "ingest",
             "openpyxl": "ingest", "xlrd": "ingest", "msoffcrypto": "ingest", "odf": "ingest", "pikepdf": "render"}


def _modules():
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        layer = rel.parts[0].removesuffix(".py")
        yield path, layer


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("path, layer", list(_modules()), ids=lambda x: str(x).split("briefing/")[-1])
def test_imports_respect_layers(path, layer):
    for name in _imports(path):
        top = name.split(".")[0]
        if top in EXCLUSIVE:
            assert layer == EXCLUSIVE[top], f"{path.name} imports {name}: only briefing/{EXCLUSIVE[top]}/ may"
        if top == "briefing" and "." in name:
            target = name.split(".")[1]
            if layer == "__main__":
                continue
            assert RANK.get(target, 0) <= RANK[layer], f"{path.name} ({layer}) imports {name}, a higher layer"


def test_pandas_readers_only_in_ingest():
    for path, layer in _modules():
        text = path.read_text(encoding="utf-8")
        if "read_excel(" in text or "read_csv(" in text:
            assert layer == "ingest", path
