"""Import speed and memory on a generated 200,000 x 12 workbook, against pandas on the same file, in one run.

Run: .venv/bin/python bench/bench_import.py [--rows N]
Prints, each measured in its own child process (wall time, peak RSS):
  Briefing import time / pandas.read_excel(engine="calamine")   goal <= 1.2
  pandas.read_excel(engine="openpyxl") time / Briefing         goal >= 6
  Briefing peak memory / pandas+calamine peak memory           goal <= 1.5
The workbook (text, integers, floats, dates, percent cells) is cached in bench/.cache/.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "bench" / ".cache"
COLUMNS = ["Respondent", "Region", "Sector", "Employees", "Wave", "Year founded", "Revenue (USD m)",
           "Score", "Weight", "Interviewed", "Share using AI", "Share planning AI"]
REGIONS = ["North", "South", "East", "West", "Central"]
SECTORS = ["Banks", "Retail", "Manufacturing", "Health", "Energy", "Public sector"]


def row(i: int) -> list:
    """Row i of the workbook, the same on every run (no randomness, so results compare)."""
    return [f"R{i:06d}", REGIONS[i % 5], SECTORS[i % 6], 10 + (i * 37) % 5000, 1 + i % 8, 1950 + i % 70,
            round(((i * 7919) % 100000) / 100.0, 2), ((i * 13) % 1000) / 10.0, 0.5 + (i % 97) / 97.0,
            dt.datetime(2024, 1, 1) + dt.timedelta(days=i % 365), (i % 101) / 100.0, (i % 89) / 100.0]


def make_workbook(path: Path, rows: int) -> Path:
    import xlsxwriter

    tmp = path.with_suffix(".tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    ws = wb.add_worksheet("Survey")
    pct = wb.add_format({"num_format": "0%"})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, COLUMNS)
    for i in range(rows):
        r = row(i)
        ws.write_row(i + 1, 0, r[:9])
        ws.write_datetime(i + 1, 9, r[9], date)
        ws.write_number(i + 1, 10, r[10], pct)
        ws.write_number(i + 1, 11, r[11], pct)
    wb.close()
    tmp.replace(path)
    return path


def _cached(name: str, make, rows: int) -> Path:
    """bench/.cache/NAME, made by make(path, rows) the first time."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / name
    if not path.exists():
        t = time.perf_counter()
        make(path, rows)
        print(f"generated {path.name} in {time.perf_counter() - t:.1f} s", flush=True)
    return path


def cached_workbook(rows: int) -> Path:
    return _cached(f"survey_{rows}x{len(COLUMNS)}.xlsx", make_workbook, rows)


TEXT_COLUMNS = ["Sector code", "Sector", "State", "Question ID", "Question", "Answer", "Period",
                "Estimate", "Standard error", "Base", "Flag", "Note"]
QUESTIONS = ["In the last two weeks, did this business use Artificial Intelligence (AI) in producing goods or "
             "services?", "In the next six months, do you think this business will be using AI?",
             "Did this business use AI to replace workers' tasks?", "How did AI change employment here?",
             "Did this business train staff to use AI?", "What share of revenue came from AI products?"]
ANSWERS = ["Yes", "No", "Do not know", "Not applicable"]
STATES = ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
          "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas"]
NAICS = [("11", "Agriculture"), ("21", "Mining"), ("22", "Utilities"), ("23", "Construction"),
         ("31", "Manufacturing"), ("42", "Wholesale trade"), ("44", "Retail trade"), ("51", "Information"),
         ("52", "Finance and insurance"), ("54", "Professional services"), ("XX", "Total")]


def text_row(i: int) -> list[str]:
    """Row i of the text-heavy survey: every cell text, as statistics offices publish long tables
    ("12.3%", "S" for suppressed, "(X)" for not applicable), the same on every run."""
    code, sector = NAICS[i % len(NAICS)]
    q = (i // 11) % len(QUESTIONS)
    k = (i * 7919) % 1000
    estimate = "S" if k % 17 == 0 else "(X)" if k % 23 == 0 else f"{k / 10:.1f}%"
    error = "S" if estimate == "S" else "(X)" if estimate == "(X)" else f"{(k % 50) / 10 + 0.1:.1f}%"
    return [code, sector, STATES[(i // 66) % len(STATES)], f"Q{q + 1}", QUESTIONS[q], ANSWERS[i % 4],
            f"2024{1 + (i // 1056) % 26:02d}", estimate, error, f"{20 + (i * 37) % 4000:,}",
            "*" if k % 31 == 0 else "", "Estimate has high variability" if k % 41 == 0 else ""]


def make_text_workbook(path: Path, rows: int) -> Path:
    import xlsxwriter

    tmp = path.with_suffix(".tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    ws = wb.add_worksheet("Response Estimates")
    ws.write_row(0, 0, TEXT_COLUMNS)
    for i in range(rows):
        ws.write_row(i + 1, 0, [v if v else None for v in text_row(i)])
    wb.close()
    tmp.replace(path)
    return path


def cached_text_workbook(rows: int) -> Path:
    return _cached(f"text_survey_{rows}x{len(TEXT_COLUMNS)}.xlsx", make_text_workbook, rows)


_CHILD = r"""
import json, resource, sys, time
method, path = sys.argv[1], sys.argv[2]
sys.path.insert(0, sys.argv[3])
if method == "briefing":
    from briefing.ingest import read_file
    t = time.perf_counter()
    tables, _ = read_file(path)
    n = sum(t.n_rows for t in tables)
else:
    import pandas as pd
    t = time.perf_counter()
    n = len(pd.read_excel(path, engine=method))
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "rows": n, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(method: str, path: Path) -> dict:
    p = subprocess.run([sys.executable, "-c", _CHILD, method, str(path), str(REPO)], capture_output=True, text=True)
    if p.returncode:
        raise SystemExit(f"{method} failed: {p.stderr.strip().splitlines()[-1:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of calamine and Briefing, interleaved; the "
                    "fastest counts (other work on the machine only ever adds time)")
    args = ap.parse_args()
    path = cached_workbook(args.rows)
    runs: dict[str, list[dict]] = {"calamine": [], "briefing": [], "openpyxl": []}
    plan = ["calamine", "briefing"] * args.repeat + ["openpyxl"]
    for method in plan:
        r = measure(method, path)
        runs[method].append(r)
        print(f"{method:9s} {r['seconds']:7.2f} s  peak {r['peak_mb']:7.0f} MB  rows {r['rows']}", flush=True)
    b, c, o = ({"seconds": min(x["seconds"] for x in runs[m]), "peak_mb": max(x["peak_mb"] for x in runs[m])}
               for m in ("briefing", "calamine", "openpyxl"))
    checks = [
        ("Briefing time / pandas+calamine time", b["seconds"] / c["seconds"], "<=", 1.2),
        ("pandas+openpyxl time / Briefing time", o["seconds"] / b["seconds"], ">=", 6.0),
        ("Briefing peak memory / pandas+calamine peak memory", b["peak_mb"] / c["peak_mb"], "<=", 1.5),
    ]
    for label, ratio, op, goal in checks:
        met = ratio <= goal if op == "<=" else ratio >= goal
        print(f"{label}: {ratio:.2f} (goal {op} {goal}: {'met' if met else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
