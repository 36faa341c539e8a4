"""render_pdf: a Document of blocks -> a PDF file, returning its page count."""
from __future__ import annotations

import io
import threading
from dataclasses import replace
from os import PathLike

from reportlab.platypus.doctemplate import LayoutError

from briefing.compose.blocks import Cover, Document
from briefing.model import Cancelled, InputError
from briefing.render.doctemplate import BriefingDocTemplate
from briefing.render.fonts import register_fonts
from briefing.render.rl_settings import build_settings
from briefing.render.story import anchor_keys, build_story
from briefing.render.styles import build_styles
from briefing.render.layout import apply_layout
from briefing.render.template import TypeSpec, load_template

# ReportLab keeps fonts and font-subset state in module globals; one build at a time.
_BUILD_LOCK = threading.Lock()


def prepare(template: str = "briefing") -> None:
    """Register the template's fonts ahead of a build (a no-op once done; skipped while a build
    holds the fonts' global state)."""
    if _BUILD_LOCK.acquire(blocking=False):
        try:
            register_fonts(load_template(template))
        finally:
            _BUILD_LOCK.release()


def render_pdf(doc: Document, out: str | PathLike, *, template: str = "briefing",
               progress=None, cancel=None, missing: set | None = None) -> int:
    """Write `doc` as a PDF to `out` and return the number of pages.

    `missing`, when given, receives the characters no font of the fallback chain has (they are
    drawn as the missing-glyph box, never dropped): the build reports them.

    progress(fraction, message) is called as pages are laid out; if cancel.is_set()
    becomes true, Cancelled is raised and nothing is written.
    """
    def report(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction, message)

    def check() -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled()

    report(0.0, "Preparing the PDF")
    check()
    tpl = load_template(template)
    full = doc
    doc = apply_layout(full, tpl.layout)
    with _BUILD_LOCK, build_settings():
        fonts = register_fonts(tpl)
        scale = 1.0
        for attempt in range(2 * MAX_SHRINK + 2):
            pages, data = _build(doc, scaled(tpl, scale), fonts, progress, cancel, check)
            # A template with a page limit (the one-pager) sets its type smaller until it fits;
            # if it still does not, it drops the findings after each lead and tries again.
            if not tpl.layout.max_pages or pages <= tpl.layout.max_pages:
                break
            scale *= SHRINK
            if attempt == MAX_SHRINK and "findings" in tpl.layout.section_blocks:
                lean = replace(tpl.layout, section_blocks=tuple(k for k in tpl.layout.section_blocks
                                                                if k != "findings"))
                doc = apply_layout(full, lean)
                scale = 1.0
    if missing is not None:
        missing.update(fonts.missing)
    check()
    if hasattr(out, "write"):
        out.write(data)
    else:
        with open(out, "wb") as f:
            f.write(data)
    report(1.0, f"Wrote {pages} pages")
    return pages


MAX_SHRINK = 5
SHRINK = 0.92


def scaled(tpl, factor: float):
    if factor == 1.0:
        return tpl
    return replace(tpl, type={k: TypeSpec(round(t.size * factor, 2), round(t.leading * factor, 2),
                                          round(t.before * factor, 2), round(t.after * factor, 2))
                              for k, t in tpl.type.items()})


def _build(doc: Document, tpl, fonts, progress, cancel, check) -> tuple[int, bytes]:
    st = build_styles(tpl, fonts, doc.meta.lang)
    cover = doc.blocks[0] if doc.blocks and isinstance(doc.blocks[0], Cover) else None
    links = anchor_keys(doc.blocks)
    buf = io.BytesIO()
    tdoc = BriefingDocTemplate(buf, st=st, meta=doc.meta, cover=cover,
                               progress=progress, cancel=cancel)
    story = build_story(doc, st, tdoc, links)
    tdoc.n_flowables = max(1, len(story))
    check()
    try:
        tdoc.build_once(story)
    except LayoutError as exc:
        detail = " ".join(str(exc).split())
        raise InputError("The briefing cannot be laid out: a block is larger than the page"
                         f" ({detail[:160]}{'…' if len(detail) > 160 else ''})") from None
    return tdoc.total_pages or 0, buf.getvalue()
