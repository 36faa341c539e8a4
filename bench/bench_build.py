"""A real survey's default briefing against pandas reading it plus a bare ReportLab build of the same pages.

    .venv/bin/python bench/bench_build.py [--repeat 3] [--dir ../shared/surveys] [--only NAME]

For every workbook in the folder, each side in a fresh child process (imports not timed), interleaved,
best of --repeat:

* Briefing: `pipeline.build` of the default briefing (every theme the data supports, no title given),
  end to end: the sandboxed import, tagging, analysis, composing, the audit ledger, the PDF with its
  PDF/UA tagging, written atomically;
* baseline: `pandas.read_excel(sheet_name=None, engine="calamine")` (or `read_csv`) of the file, plus
  a bare platypus `SimpleDocTemplate.build()` of the very flowables Briefing's renderer makes for
  that briefing (bench_render.render_bare: no page furniture, outline, tagging or second pass).

Prints one row a workbook: both times, the pages, and the ratio Briefing / baseline (goal <= 1.5).
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from survey_runs import ROOT, child_output, fmt, survey_files

_SETUP = """
import sys, time, tempfile, os
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()
from briefing import pipeline
from briefing.model import BriefingSpec
import briefing.ingest.reader, briefing.ingest.sandbox, briefing.ingest.tidy, briefing.ingest.blocks
import briefing.themes.tagging, briefing.analysis, briefing.compose, briefing.compose.ledger, briefing.render
import briefing.render.pdfa, briefing.render.tagging, python_calamine, multiprocessing
import bench_render
f = sys.argv[1]
out = os.path.join(tempfile.mkdtemp(), "out.pdf")
spec = BriefingSpec(sources=(f,), title="", date="2026-12-01")
"""

BRIEFING = _SETUP + """
t = time.perf_counter()
r = pipeline.build(spec, out)
print(time.perf_counter() - t, r.pages)
"""

BASELINE = _SETUP + """
import pandas as pd
from dataclasses import replace
from briefing.analysis import analyse
from briefing.compose import compose
t = time.perf_counter()
if f.lower().endswith((".csv", ".tsv", ".txt")):
    pd.read_csv(f, sep=None, engine="python", encoding_errors="replace")
else:
    pd.read_excel(f, sheet_name=None, engine="calamine")
read = time.perf_counter() - t
# The document Briefing would lay out (not timed): the same steps as pipeline.build.
ws = pipeline.load([f], strict=True)
themes = pipeline.resolve_themes(spec, ws)
by_theme = {{k: ws.tables_for(k) for k in themes}}
findings = analyse(by_theme, spec.lang)
spec = replace(spec, title=pipeline.default_title(ws, findings, themes, spec.lang))
doc = compose(spec, [ws.theme(k) for k in themes], by_theme, findings)
t = time.perf_counter()
pages = bench_render.render_bare(doc, out)
print(read + time.perf_counter() - t, pages)
"""


def _time(code: str, path: Path) -> tuple[float, int] | None:
    try:
        seconds, pages = child_output(code, path).split()[-2:]
        return float(seconds), int(pages)
    except ValueError:
        return None   # pandas cannot read it (an encrypted .xls): no ratio


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dir", default=str(ROOT.parent / "shared" / "surveys"))
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    files = survey_files(args.dir, args.only)
    print(f"{'workbook':44} {'Briefing s':>10} {'baseline s':>10} {'pages':>5} {'ratio':>6}")
    ratios = []
    for f in files:
        ours, base = [], []
        for _ in range(args.repeat):
            ours.append(_time(BRIEFING, f))
            base.append(_time(BASELINE, f))
        o = min((x for x in ours if x), default=None)
        b = min((x for x in base if x), default=None)
        ratio = o[0] / b[0] if o and b else None
        if ratio is not None:
            ratios.append(ratio)
        print(f"{f.name[:44]:44} {fmt(o and o[0], 10)} {fmt(b and b[0], 10)} {(o or b or (0, 0))[1]:5d} "
              f"{fmt(ratio, 6)}", flush=True)
    if ratios:
        print(f"median ratio {statistics.median(ratios):.2f}, worst {max(ratios):.2f} (goal <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
