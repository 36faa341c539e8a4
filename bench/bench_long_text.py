"""Long-text benchmark: a label cell of 1 KB, 50 KB and 1 MB, built end to end; layout must grow linearly.

    .venv/bin/python bench/bench_long_text.py [--sizes 1000,50000,1000000] [--repeat 2]

Prints, from one run, for each size:
  * build: seconds for load + build of a CSV whose one label cell has that many characters (the
    table shows it cut, the appendix gives up to FULL_TEXT_CHARS of it in full), and the ratio to
    the smallest size;
  * layout: seconds to render a document holding the whole text (no cap) in the appendix's
    bounded paragraphs, the ratio to the smallest, and microseconds per character, which should
    stay flat (linear time) as the size grows 1,000-fold.
Times are the best of --repeat runs. Not part of the test suite; no test asserts an absolute time.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WORDS = "survey respondents in the region said adoption was moving faster than expected "


def long_text(n: int) -> str:
    return (WORDS * (n // len(WORDS) + 1))[:n]


def build_csv(n: int, tmp: Path) -> float:
    from briefing.model import BriefingSpec
    from briefing.pipeline import build, load
    src = tmp / f"long-{n}.csv"
    src.write_text("Country,Share using GenAI (%)\nChina,83\n" f"\"{long_text(n)}\",70\nIndia,60\n"
                   "Global average,54\n", encoding="utf-8")
    t0 = time.perf_counter()
    ws = load([src])
    build(BriefingSpec(sources=(str(src),), date="2024-11-25"), tmp / f"long-{n}.pdf", workspace=ws)
    return time.perf_counter() - t0


def layout_full(n: int, tmp: Path) -> float:
    from briefing.compose import blocks as b
    from briefing.compose.text import chunks
    from briefing.render import render_pdf
    meta = b.DocMeta("Long text", "", "", "", "25 November 2024", "2024-11-25", "en", "", "bench",
                     labels={"page_of": "Page {page} of {pages}", "contents": "Contents"})
    text = long_text(n)
    blocks = (b.Heading("Long cells in full", 0, "long"), b.Para("[A1] Sheet!A5", "body"),
              *(b.Para(c, "small") for c in chunks(text)))
    t0 = time.perf_counter()
    render_pdf(b.Document(meta, blocks), tmp / f"layout-{n}.pdf")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,50000,1000000")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        build_csv(1000, tmp)   # warm up: fonts registered, modules imported
        rows = []
        for n in sizes:
            tb = min(build_csv(n, tmp) for _ in range(args.repeat))
            tl = min(layout_full(n, tmp) for _ in range(args.repeat))
            rows.append((n, tb, tl))
    n0, b0, l0 = rows[0]
    print(f"{'chars':>10} {'build s':>9} {'x smallest':>10} {'layout s':>9} {'x smallest':>10} {'us/char':>8}")
    for n, tb, tl in rows:
        print(f"{n:>10,} {tb:>9.2f} {tb / b0:>10.1f} {tl:>9.2f} {tl / l0:>10.1f} {1e6 * tl / n:>8.2f}")
    n1, _, l1 = rows[-1]
    print(f"size x{n1 / n0:,.0f}: layout time x{l1 / l0:,.1f} "
          f"({'linear or better' if l1 / l0 <= 1.5 * n1 / n0 else 'WORSE THAN LINEAR'})")


if __name__ == "__main__":
    main()
