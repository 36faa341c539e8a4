"""Import + theme tagging of the real survey workbooks against pandas + python-calamine reading them.

    .venv/bin/python bench/bench_surveys.py [--repeat 3] [--dir ../shared/surveys]

For every workbook in the folder, each side runs in a fresh child process (so neither profits from
the other's warm caches or imports), interleaved, best of --repeat; only the work is timed, not the
interpreter start or the imports:

* Briefing: `pipeline.load([file])`: every sheet read (in its sandboxed child, as users get it),
  typed, its structure found, its tables tagged with themes;
* pandas: `pandas.read_excel(file, sheet_name=None, engine="calamine")` (or `read_csv`, trying
  ";" when "," gives one column), which reads the cells and does nothing more.

Prints one row a workbook with both times and the ratio Briefing / pandas (goal <= 1.0), then (unless
--only is given) one row for the whole folder in one import: `pipeline.load` of every file, which reads
them side by side, against pandas reading them one after another.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from survey_runs import ROOT, SUFFIXES, child_output, fmt, survey_files

BRIEFING = """
import sys, time
sys.path.insert(0, {root!r})
from briefing import pipeline
# Imports are not the work being timed (nor is `import pandas` on the other side).
import briefing.ingest.reader, briefing.ingest.sandbox, briefing.ingest.tidy, briefing.ingest.blocks
import briefing.themes, briefing.themes.tagging, multiprocessing, python_calamine, json, tomllib
t = time.perf_counter()
pipeline.load([sys.argv[1]])
print(time.perf_counter() - t)
"""

PANDAS = """
import sys, time
import pandas as pd
import python_calamine  # noqa: F401
f = sys.argv[1]
t = time.perf_counter()
if f.lower().endswith((".csv", ".tsv", ".txt")):
    df = pd.read_csv(f, sep=None, engine="python", encoding_errors="replace")
else:
    pd.read_excel(f, sheet_name=None, engine="calamine")
print(time.perf_counter() - t)
"""


# The whole folder in one import, as an analyst opens a folder of workbooks: Briefing reads the
# files side by side (one sandboxed child a core); pandas reads them one after another, skipping
# what it cannot open.
FILES = """
from pathlib import Path
files = sorted(str(p) for p in Path(sys.argv[1]).iterdir() if p.suffix.lower() in """ + repr(SUFFIXES) + """)
"""

BRIEFING_ALL = BRIEFING.replace("t = time.perf_counter()\npipeline.load([sys.argv[1]])",
                                FILES + "t = time.perf_counter()\npipeline.load(files)")

PANDAS_ALL = """
import sys, time
import pandas as pd
import python_calamine  # noqa: F401
""" + FILES + """
t = time.perf_counter()
for f in files:
    try:
        if f.lower().endswith((".csv", ".tsv", ".txt")):
            pd.read_csv(f, sep=None, engine="python", encoding_errors="replace")
        else:
            pd.read_excel(f, sheet_name=None, engine="calamine")
    except Exception:
        pass   # an encrypted .xls
print(time.perf_counter() - t)
"""


def _time(code: str, path: Path) -> float | None:
    try:
        return float(child_output(code, path, timeout=600).split()[-1])
    except (IndexError, ValueError):
        return None   # pandas cannot read it (an encrypted .xls): no ratio


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dir", default=str(ROOT.parent / "shared" / "surveys"))
    ap.add_argument("--generated", type=int, default=200_000, metavar="ROWS",
                    help="also the generated text-heavy survey and the numeric 200,000 x 12 workbook of "
                         "bench_import.py with this many rows (0: none); made once, cached in bench/.cache")
    ap.add_argument("--only", default="", help="only the files whose name contains this")
    args = ap.parse_args()
    files = survey_files(args.dir)
    if args.generated:
        sys.path.insert(0, str(ROOT / "bench"))
        import bench_import
        files += [bench_import.cached_text_workbook(args.generated), bench_import.cached_workbook(args.generated)]
    files = [f for f in files if args.only in f.name]
    if not files:
        print(f"no workbooks in {args.dir}")
        return 1
    print(f"{'workbook':44} {'Briefing s':>11} {'pandas s':>9} {'ratio':>6}")
    ratios = []
    for f in files:
        ours, theirs = [], []
        for _ in range(args.repeat):
            ours.append(_time(BRIEFING, f))
            theirs.append(_time(PANDAS, f))
        b = min(x for x in ours if x is not None) if any(x is not None for x in ours) else None
        p = min(x for x in theirs if x is not None) if any(x is not None for x in theirs) else None
        ratio = b / p if b is not None and p else None
        if ratio is not None:
            ratios.append(ratio)
        print(f"{f.name[:44]:44} {fmt(b, 11)} {fmt(p, 9)} {fmt(ratio, 6)}")
    if ratios:
        print(f"median ratio {statistics.median(ratios):.2f}, worst {max(ratios):.2f} (goal <= 1.0)")
    if not args.only:
        ours = [_time(BRIEFING_ALL, Path(args.dir)) for _ in range(args.repeat)]
        theirs = [_time(PANDAS_ALL, Path(args.dir)) for _ in range(args.repeat)]
        b, p = min(x for x in ours if x), min(x for x in theirs if x)
        n = len(survey_files(args.dir))
        print(f"{f'all {n} files in one import':44} {fmt(b, 11)} {fmt(p, 9)} {fmt(b / p, 6)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
