"""Render benchmark: a ~60-page briefing against a bare ReportLab document with the same flowables.

    .venv/bin/python bench/bench_render.py [--pages 60] [--repeat 3]

Prints, from one run:
  * ratio = Briefing's render_pdf time / a bare platypus SimpleDocTemplate.build() of the same
    flowables (the same story our renderer makes, one pass, no page furniture)   goal <= 1.3
  * seconds per page as the page count doubles (15, 30, 60, 120 pages)            goal: flat (linear)
Times are the best of --repeat runs. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.compose import blocks as b  # noqa: E402

COUNTRIES = ("China", "India", "United States", "United Kingdom", "Germany", "Japan", "Brazil", "France",
             "Canada", "Australia", "Korea", "Mexico")
PAGES_PER_THEME = 4.3   # measured: a theme section below is a little over four pages


def make_document(themes: int) -> b.Document:
    meta = b.DocMeta("Benchmark briefing", "Many themes", "Bench", "Org", "25 November 2026", "2026-11-25", "en",
                     "Internal", "Benchmark", labels={"page_of": "Page {page} of {pages}", "contents": "Contents"})
    blocks: list = [b.Cover("Benchmark briefing", "Many themes", "25 November 2026", "Bench", "Org", "Internal"),
                    b.PageBreak(), b.Heading("Executive summary", 0, "summary"),
                    b.Summary(tuple(b.SummaryItem(f"Theme {k}", f"Finding of theme {k}.", f"sec-{k}")
                                    for k in range(themes))),
                    b.Contents("Contents")]
    for k in range(themes):
        vals = tuple(80.0 - 4.5 * i - k % 7 for i in range(len(COUNTRIES)))
        blocks += [
            b.PageBreak(), b.Heading(f"Theme {k}: adoption and regulation", 1, f"sec-{k}"),
            b.Para(f"China leads theme {k} with {vals[0]:.0f}%, {vals[0] - 54:.0f} points above the global "
                   "average of 54%.", "lead", ref="[A1]"),
            b.Findings(tuple(b.FindingItem(f"{c} is at {v:.0f}%, {abs(v - 54):.0f} points from the average.",
                                           f"[A{i + 2}]") for i, (c, v) in enumerate(zip(COUNTRIES[:4], vals)))),
            b.Heading(f"Share of leaders using GenAI ({k})", 2, f"sec-{k}-t1"),
            b.BarChart(f"Share of leaders using GenAI ({k})", COUNTRIES, vals, tuple(f"{v:.0f}%" for v in vals),
                       "%", "Source: benchmark survey. Data: Sheet!B2:B13.", 54.0, "Global average 54%", (0,)),
            b.TableBlock(f"Data: detail for theme {k}", ("Country", "Region", "2021", "2022", "2023", "2024"),
                         tuple((f"{COUNTRIES[r % 12]} {r}", "Region " + str(r % 5), f"{r % 90}%", f"{(r + 3) % 90}%",
                                f"{(r + 5) % 90}%", f"{(r + 7) % 90}%") for r in range(70)),
                         ("left", "left", "right", "right", "right", "right"), source="Data: Sheet!A1:F71."),
        ]
    blocks += [b.PageBreak(), b.Heading("Appendix: data sources", 0, "appendix"),
               b.TableBlock("Cited cells", ("Ref", "Table", "Cells"),
                            tuple((f"A{i}", f"Table {i}", f"Sheet!A{i}:C{i}") for i in range(60)),
                            ("left", "left", "left"), style="appendix")]
    return b.Document(meta, tuple(blocks))


def render_ours(doc: b.Document, out: str) -> int:
    from briefing.render import render_pdf
    return render_pdf(doc, out)


def _register_bare(tpl) -> None:
    """The template's four faces registered as a bare ReportLab program registers them (each parsed
    by TTFont), under the names Briefing's register_fonts gives them, so that it finds them
    registered: Briefing's own font cache (render/font_cache.py) is no part of the baseline."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from briefing import paths
    from briefing.render.fonts import face_name

    for face in ("regular", "bold", "italic", "bold_italic"):
        file = tpl.fonts[face]
        name = face_name(file)
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(paths.fonts_dir() / file)))


def render_bare(doc: b.Document, out: str) -> int:
    """The same story (our flowables), built once by a plain SimpleDocTemplate."""
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus.doctemplate import NextPageTemplate

    from briefing.render.doctemplate import BriefingDocTemplate
    from briefing.render.fonts import register_fonts
    from briefing.render.story import anchor_keys, build_story
    from briefing.render.styles import build_styles
    from briefing.render.template import load_template

    tpl = load_template("briefing")
    _register_bare(tpl)
    fonts = register_fonts(tpl)
    st = build_styles(tpl, fonts, doc.meta.lang)
    m = tpl.margins
    shape = BriefingDocTemplate(out, st=st, meta=doc.meta, cover=None)   # for the frame width only
    story = [f for f in build_story(doc, st, shape, anchor_keys(doc.blocks))
             if not isinstance(f, NextPageTemplate) and type(f).__name__ != "PageCounter"]
    class Bare(SimpleDocTemplate):
        def afterFlowable(self, flowable):
            # Only what the links need to resolve: a destination per heading.
            info = getattr(flowable, "_briefing_heading", None)
            if info is not None:
                self.canv.bookmarkHorizontalAbsolute(info[0], self.frame._y + flowable.height)

    bare = Bare(out, pagesize=tpl.page_size, leftMargin=m["left"], rightMargin=m["right"],
                             topMargin=m["top"], bottomMargin=m["bottom"], invariant=1)
    bare._doSave = 0
    bare.build(story)
    for name in shape._forms:      # the contents' page-number forms, left empty
        bare.canv.beginForm(name)
        bare.canv.endForm()
    bare.canv.save()
    return bare.page


def best(fn, doc, repeat: int) -> tuple[float, int]:
    times, pages = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            t0 = time.perf_counter()
            pages = fn(doc, str(Path(tmp) / f"{fn.__name__}-{i}.pdf"))
            times.append(time.perf_counter() - t0)
    return min(times), pages


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    render_ours(make_document(2), tempfile.mktemp(suffix=".pdf"))     # warm up: fonts, imports

    themes = max(1, round(args.pages / PAGES_PER_THEME))
    doc = make_document(themes)
    # Interleaved, best of each: a busy machine slows both sides alike.
    ours = bare = float("inf")
    pages = bare_pages = 0
    for _ in range(args.repeat):
        t, pages = best(render_ours, doc, 1)
        ours = min(ours, t)
        t, bare_pages = best(render_bare, doc, 1)
        bare = min(bare, t)
    ratio = ours / bare
    print(f"briefing: {pages} pages in {ours:.2f} s; bare platypus: {bare_pages} pages in {bare:.2f} s")
    print(f"ratio (goal <= 1.3): {ratio:.2f}  {'MET' if ratio <= 1.3 else 'NOT MET'}")

    print("pages  briefing s  s/page   bare s/page")
    per_page, bare_per_page = [], []
    for scale in (0.25, 0.5, 1.0, 2.0):
        d = make_document(max(1, round(themes * scale)))
        t = tb = float("inf")
        for _ in range(max(1, args.repeat - 1)):
            ti, n = best(render_ours, d, 1)
            tbi, nb = best(render_bare, d, 1)
            t, tb = min(t, ti), min(tb, tbi)
        per_page.append(t / n)
        bare_per_page.append(tb / nb)
        print(f"{n:5d}  {t:10.2f}  {t / n:.4f}   {tb / nb:.4f}")
    growth = per_page[-1] / per_page[0]
    bare_growth = bare_per_page[-1] / bare_per_page[0]
    print(f"s/page at the largest / smallest size (goal ~1, linear): {growth:.2f}  "
          f"{'MET' if growth <= 1.25 else 'NOT MET'} (bare platypus: {bare_growth:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
