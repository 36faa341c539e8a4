"""How many corpus files Briefing reads against pandas with one engine alone (calamine, openpyxl, xlrd).

Run: .venv/bin/python bench/bench_corpus.py [CORPUS_DIR]
Each attempt runs in a child process with a 30 s limit and a 4 GB address-space cap,
so a hostile file that hangs or exhausts one engine is counted as "not read".
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / ".." / "shared" / "corpus"
LIMIT_S = 30
ENGINES = ("calamine", "openpyxl", "xlrd")

_CHILD = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
engine, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
try:
    if engine == "briefing":
        sys.path.insert(0, sys.argv[3])
        from briefing.ingest.reader import read_file
        from briefing.model import InputError
        try:
            tables, _ = read_file(path)
            out = {"ok": True, "tables": len(tables)}
        except InputError as e:
            # Opened but nothing table-shaped in it still counts as read; refusals do not.
            out = {"ok": e.message.endswith(("cell filled)", "data row)")), "error": e.message}
    else:
        import warnings, pandas as pd
        warnings.simplefilter("ignore")
        pd.read_excel(path, sheet_name=None, engine=engine, header=None)
        out = {"ok": True}
except BaseException as e:
    out = {"ok": False, "error": f"{type(e).__name__}: {' '.join(str(e).split())[:160]}"}
out["seconds"] = time.perf_counter() - t
print(json.dumps(out))
"""


def attempt(engine: str, path: Path) -> dict:
    try:
        p = subprocess.run([sys.executable, "-c", _CHILD, engine, str(path), str(REPO)],
                           capture_output=True, text=True, timeout=LIMIT_S)
        line = (p.stdout.strip().splitlines() or [""])[-1]
        return json.loads(line) if line.startswith("{") else {"ok": False, "error": f"exit {p.returncode}"}
    except subprocess.TimeoutExpired:
        return {"ok": False, "error": f"over {LIMIT_S} s", "seconds": LIMIT_S}


def corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name not in ("README.md", "MANIFEST.tsv"))


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    if not root.is_dir():
        print(f"no corpus at {root.resolve()}")
        return 2
    files = corpus_files(root)
    counts = {e: 0 for e in ("briefing",) + ENGINES}
    slowest = (0.0, "")
    for f in files:
        row = []
        for engine in counts:
            r = attempt(engine, f)
            counts[engine] += r["ok"]
            row.append("Y" if r["ok"] else "-")
            if engine == "briefing" and r.get("seconds", 0) > slowest[0]:
                slowest = (r["seconds"], f.name)
        print(" ".join(row), f.relative_to(root), flush=True)
    print(f"\n{len(files)} files; read by: " + ", ".join(
        f"{e if e == 'briefing' else 'pandas+' + e} {n}" for e, n in counts.items()))
    best = max(counts[e] for e in ENGINES)
    print(f"Briefing / best single engine: {counts['briefing']} / {best} = {counts['briefing'] / max(1, best):.2f}")
    print(f"slowest Briefing import: {slowest[0]:.2f} s ({slowest[1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
