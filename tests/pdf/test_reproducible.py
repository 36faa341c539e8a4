"""The same Document gives the same bytes; progress and cancel behave; global state is left alone."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pdfdocs import make_doc
from reportlab import rl_config

from briefing.model import Cancelled
from briefing.render import render_pdf

ROOT = Path(__file__).resolve().parents[2]


def test_two_builds_are_byte_identical(tmp_path):
    doc = make_doc("zh", appendix_rows=40)
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_pdf(doc, a)
    render_pdf(doc, b)
    assert a.read_bytes() == b.read_bytes()


def test_a_fresh_process_gives_the_same_bytes(tmp_path):
    doc = make_doc("en", appendix_rows=40)
    here = tmp_path / "here.pdf"
    render_pdf(doc, here)
    there = tmp_path / "there.pdf"
    code = ("import sys; sys.path[:0] = [%r, %r]\n"
            "from pdfdocs import make_doc\nfrom briefing.render import render_pdf\n"
            "render_pdf(make_doc('en', appendix_rows=40), %r)\n"
            % (str(ROOT), str(Path(__file__).parent), str(there)))
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=str(tmp_path))
    assert here.read_bytes() == there.read_bytes()


def test_different_dates_give_different_creation_dates(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_pdf(make_doc("en", appendix_rows=3), a)
    render_pdf(make_doc("en", appendix_rows=3, date_iso="2025-02-01"), b)
    assert b"D:20241125" in a.read_bytes()
    assert b"D:20250201" in b.read_bytes()


def test_global_reportlab_settings_are_untouched(tmp_path):
    """The build switches ReportLab's ASCII85 stream wrapping off while it writes; it is back after,
    whether the build wrote its PDF or was cancelled."""
    def settings():
        return rl_config.invariant, rl_config.documentLang, rl_config.canvas_basefontname, rl_config.useA85
    before = settings()
    render_pdf(make_doc("en", appendix_rows=3), tmp_path / "x.pdf")
    assert settings() == before
    ev = threading.Event()
    with pytest.raises(Cancelled):
        render_pdf(make_doc("en"), tmp_path / "c.pdf", progress=lambda f, m: f > 0.2 and ev.set(), cancel=ev)
    assert settings() == before


def test_streams_are_flate_compressed_once_and_the_xmp_not_at_all(tmp_path):
    """ReportLab wraps its Flate streams in ASCII85 by default (a quarter larger); the briefing's are
    Flate only, and PDF/A wants the XMP metadata unfiltered."""
    import pikepdf
    out = tmp_path / "s.pdf"
    render_pdf(make_doc("en", appendix_rows=40), out)
    filters = []
    with pikepdf.open(out) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                f = obj.get("/Filter")
                filters.append([str(x) for x in f] if isinstance(f, pikepdf.Array) else [str(f)] if f else [])
                if obj.get("/Type") == "/Metadata":
                    assert "/Filter" not in obj
    assert len(filters) > 20
    assert all(f in ([], ["/FlateDecode"]) for f in filters), sorted(set(map(tuple, filters)))
    assert filters.count(["/FlateDecode"]) > 20


def test_the_file_identifier_follows_the_content(tmp_path):
    """The trailer /ID: the same for the same document, another for a document with the same title
    and another body (ReportLab's own, in invariant mode, hashes only the title and its like)."""
    import pikepdf

    def ident(doc, name):
        render_pdf(doc, tmp_path / name)
        with pikepdf.open(tmp_path / name) as pdf:
            return bytes(pdf.trailer.ID[0]), str(pdf.docinfo.Title)
    a, title_a = ident(make_doc("en", appendix_rows=3), "a.pdf")
    again, _ = ident(make_doc("en", appendix_rows=3), "a2.pdf")
    b, title_b = ident(make_doc("en", appendix_rows=40), "b.pdf")
    assert title_a == title_b and len(a) == 16
    assert a == again
    assert a != b


def test_progress_rises_to_one(tmp_path):
    seen = []
    render_pdf(make_doc("en", appendix_rows=3), tmp_path / "p.pdf",
               progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert len(fractions) > 3
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(isinstance(m, str) and m for _, m in seen)


def test_cancel_before_start_writes_nothing(tmp_path):
    ev = threading.Event()
    ev.set()
    out = tmp_path / "c.pdf"
    with pytest.raises(Cancelled):
        render_pdf(make_doc("en"), out, cancel=ev)
    assert not out.exists()


def test_cancel_during_layout(tmp_path):
    ev = threading.Event()
    out = tmp_path / "c.pdf"

    def progress(fraction, message):
        if fraction > 0.2:
            ev.set()
    with pytest.raises(Cancelled):
        render_pdf(make_doc("en"), out, progress=progress, cancel=ev)
    assert not out.exists()
    # The renderer is still usable after a cancelled build.
    assert render_pdf(make_doc("en", appendix_rows=3), tmp_path / "ok.pdf") > 0


def test_reportlab_uses_its_c_accelerator():
    """pyproject asks for reportlab[accel]: without rl_accel every number in the PDF is formatted and
    every width measured in pure Python (a 16-page briefing built 0.3 s slower, profiled)."""
    import _rl_accel
    from reportlab.lib import rl_accel

    # ReportLab binds the C functions when rl_accel imports, its pure-Python ones (_py_*) otherwise.
    assert rl_accel.fp_str is _rl_accel.fp_str
    assert rl_accel.instanceStringWidthTTF is _rl_accel.instanceStringWidthTTF
    assert rl_accel.fp_str(1.5, 0.25) == "1.5 .25"
