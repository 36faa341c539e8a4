"""What bench_surveys.py and bench_build.py share: the survey files, one child run, a column of figures."""
from __future__ import annotations

import compileall
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods", ".csv")


def survey_files(folder: str | Path, only: str = "") -> list[Path]:
    """The workbooks of `folder` whose name contains `only`, sorted; Briefing's modules compiled first,
    as an installed app has them."""
    compileall.compile_dir(ROOT / "briefing", quiet=1)
    return sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in SUFFIXES and only in p.name)


def child_output(code: str, path: Path, timeout: float = 900) -> str:
    """The stdout of `code` (formatted with root= and bench=) run on `path` in a fresh interpreter.
    PYTHONDONTWRITEBYTECODE is dropped: with it every run compiled the lazily imported modules."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    run = subprocess.run([sys.executable, "-c", code.format(root=str(ROOT), bench=str(ROOT / "bench")),
                          str(path)], capture_output=True, text=True, timeout=timeout, env=env)
    return run.stdout


def fmt(v: float | None, width: int) -> str:
    return f"{v:{width}.2f}" if v is not None else f"{'-':>{width}}"
