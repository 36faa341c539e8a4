"""kill -9 and SIGTERM at random moments during builds and project saves: is the file always whole?

    .venv/bin/python bench/bench_interrupt.py [--builds 40] [--saves 40] [--seed 1]

Each build writes over the same PDF, each save over the same project file; a random moment into
the run (uniform over the time one takes uninterrupted) the process gets SIGKILL or SIGTERM.
After every run the destination must be a whole file (the PDF opens with pypdf and has pages;
the project loads), and after the next run that is not stopped no temporary file may remain.
Prints one table; exits 1 if any run broke the rule. The sources' SHA-256 are checked at the end.
"""
from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing import fileio, project  # noqa: E402
from briefing.paths import sample_workbook  # noqa: E402

PY = sys.executable

SAVER = r"""
import sys
from briefing import project
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
edits = {f"adoption|t|row{i}": project.Edit("x" * 400, "y" * 400) for i in range(n)}
p = project.Project(sources=(project.Source(src),), edits=edits)
project.save(p, out)
"""


def _pdf_whole(path: Path) -> bool:
    from pypdf import PdfReader
    try:
        return len(PdfReader(str(path)).pages) > 0
    except Exception:  # noqa: BLE001 - any failure to parse means not whole
        return False


def _project_whole(path: Path) -> bool:
    try:
        project.load(path)
        return True
    except Exception:  # noqa: BLE001
        return False


def _temps(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp")]


def _run(cmd, delay: float, sig) -> tuple[int, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if proc.poll() is None:
        proc.send_signal(sig)
    code = proc.wait(timeout=120)
    return code, time.perf_counter() - start


def _timed(cmd) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def trial(kind: str, n: int, rng: random.Random, work: Path, book: Path) -> dict:
    if kind == "build":
        out = work / "brief.pdf"
        cmd = [PY, "-m", "briefing", "build", str(book), "-o", str(out), "--date", "2026-01-01"]
        whole = _pdf_whole
    else:
        out = work / "q3.briefing"
        script = work / "saver.py"
        script.write_text(SAVER)
        cmd = [PY, str(script), str(book), str(out), "20000"]   # ~16 MB: a save takes a while
        whole = _project_whole
    full = _timed(cmd)   # the uninterrupted time, and a first whole file
    stats = {"runs": 0, "signalled mid-run": 0, "file whole after": 0, "temp left after next run": 0,
             "seconds (uninterrupted)": round(full, 2)}
    for i in range(n):
        sig = signal.SIGKILL if i % 2 == 0 else signal.SIGTERM
        code, _ = _run(cmd, rng.uniform(0, full * 1.1), sig)
        stats["runs"] += 1
        stats["signalled mid-run"] += code < 0 or code == 143
        stats["file whole after"] += whole(out)
        if code == 0:   # a run that was not stopped must have removed what killed runs left
            stats["temp left after next run"] += bool(_temps(work, out.name))
    # One last uninterrupted run cleans the last killed run's leftovers.
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    stats["temp left after next run"] += bool(_temps(work, out.name))
    return stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--builds", type=int, default=40)
    ap.add_argument("--saves", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = work / "book.xlsx"
        shutil.copy(sample_workbook(), book)
        sha = fileio.sha256_file(book), fileio.sha256_file(sample_workbook())
        rows = {"build": trial("build", args.builds, rng, work, book),
                "save": trial("save", args.saves, rng, work, book)}
        same = sha == (fileio.sha256_file(book), fileio.sha256_file(sample_workbook()))
    keys = list(rows["build"])
    print(f"{'':10}" + "".join(f"{k:>26}" for k in keys))
    for name, st in rows.items():
        print(f"{name:10}" + "".join(f"{st[k]:>26}" for k in keys))
    print(f"sources' SHA-256 unchanged: {same}")
    ok = same and all(st["file whole after"] == st["runs"] and st["temp left after next run"] == 0
                      for st in rows.values())
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
