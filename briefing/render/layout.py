"""Apply a template's [layout] to a composed Document: which parts and blocks show, in which order.

Compose always writes the full briefing, in the parts it names (Document.parts: cover, summary,
contents, each section, appendix); a template picks from them. Each theme section is read as its
lead, its findings, and one unit per table (sub-heading, callouts, chart, note, table).
"""
from __future__ import annotations

from dataclasses import replace

from briefing.compose import blocks as b
from briefing.render.template import Layout


def _summary(blks: list, layout: Layout) -> list:
    out = []
    for blk in blks:
        if isinstance(blk, b.Heading):
            out.append(blk)
        elif isinstance(blk, b.Callouts):
            if "callouts" in layout.summary_blocks and layout.summary_callouts:
                out.append(replace(blk, items=blk.items[:layout.summary_callouts]))
        elif isinstance(blk, b.Para):
            if "intro" in layout.summary_blocks:
                out.append(blk)
        elif isinstance(blk, b.Summary):
            if "items" in layout.summary_blocks:
                out.append(blk)
        else:
            out.append(blk)
    return out


def _section(blks: list, layout: Layout) -> list:
    heading = next(blk for blk in blks if isinstance(blk, b.Heading) and blk.level == 1)
    head_i = blks.index(heading)
    lead, findings, units = [], [], []
    for blk in blks[head_i + 1:]:
        if isinstance(blk, b.Heading) and blk.level >= 2:
            units.append([blk])
        elif units:
            units[-1].append(blk)
        elif isinstance(blk, b.Findings):
            findings.append(blk)
        else:
            lead.append(blk)
    # The unit kinds (callouts, chart, table) in runs: ["lead", "chart", "findings", "table"] shows
    # every chart, then the findings, then every table; ["chart", "table"] shows each table's
    # chart and table together.
    runs: list[list[str]] = []
    prev_unit = False
    for kind in layout.section_blocks:
        unit_kind = kind in ("callouts", "chart", "table")
        if unit_kind and prev_unit:
            runs[-1].append(kind)
        elif unit_kind:
            runs.append([kind])
        else:
            runs.append([kind])
        prev_unit = unit_kind
    # Which charts and tables survive the per-section limits.
    parsed = []
    charts = tables = 0
    for unit in units:
        by_kind: dict[str, list] = {"callouts": [], "chart": [], "table": []}
        note = []
        for blk in unit[1:]:
            if isinstance(blk, b.Callouts):
                by_kind["callouts"].append(blk)
            elif isinstance(blk, b.CHART_TYPES):
                by_kind["chart"].append(blk)
            elif isinstance(blk, b.TableBlock):
                by_kind["table"].append(blk)
            else:
                note.append(blk)
        if layout.charts_per_section and charts >= layout.charts_per_section:
            by_kind["chart"] = []
        if layout.tables_per_section and tables >= layout.tables_per_section:
            by_kind["table"] = []
        charts += len(by_kind["chart"][:1])
        tables += len(by_kind["table"][:1])
        parsed.append((unit[0], note, by_kind))

    def run_blocks(run: list[str]) -> list:
        out_run = []
        for sub, note, by_kind in parsed:
            shown = [blk for kind in run for blk in by_kind[kind]]
            if not shown:
                continue
            # The sub-heading names the table; a chart alone carries its own title.
            # Under a run of tables alone, the table's own title ("Data: ...") names it.
            keep_head = "table" in run and bool(by_kind["table"]) and len(run) > 1
            out_run += ([sub] if keep_head else []) + (note if "chart" in run and not by_kind["chart"]
                                                       and keep_head else []) + shown
        return out_run

    out = [blk for blk in blks[:head_i + 1]]
    if layout.section_break != "page":
        out = [blk for blk in out if not isinstance(blk, b.PageBreak)]
    for run in runs:
        if run == ["lead"]:
            out += lead
        elif run == ["findings"]:
            out += findings
        else:
            out += run_blocks(run)
    return out


def _sources_line(blks):
    """Without the appendix, one line still names each source file and its SHA-256."""
    files = next((blk for blk in blks if isinstance(blk, b.TableBlock)), None)
    if files is None or not files.rows:
        return None
    parts = []
    for row in files.rows:
        name, sheets, sha = (list(row) + ["", "", ""])[:3]
        parts.append(f"{name} ({sheets}; SHA-256 {sha})" if sheets else f"{name} (SHA-256 {sha})")
    sep = "：" if any("\u4e00" <= ch <= "\u9fff" for ch in files.title) else ": "
    return b.Para(files.title + sep + "; ".join(parts), "source")


def _strip_refs(blk):
    if isinstance(blk, b.Para) and blk.ref:
        return replace(blk, ref="")
    if isinstance(blk, b.Findings):
        return replace(blk, items=tuple(replace(i, ref="") for i in blk.items))
    return blk


def apply_layout(doc: b.Document, layout: Layout) -> b.Document:
    if layout == Layout():
        return doc
    kept: list[tuple[str, tuple]] = []
    sources_line = None
    for part, blks in doc.split():
        if part == "appendix" and "appendix" not in layout.parts:
            sources_line = sources_line or _sources_line(blks)
        if part not in layout.parts:
            continue
        if part == "summary":
            blks = _summary(list(blks), layout)
        elif part == "sections":
            blks = _section(list(blks), layout)
        kept.append((part, blks))
    if sources_line is not None:
        kept.append(("appendix", (sources_line,)))
    # No page break at the very start, none doubled; the parts re-indexed over what is kept.
    cleaned: list = []
    parts: list[tuple[str, int]] = []
    for part, blks in kept:
        parts.append((part, len(cleaned)))
        for blk in blks:
            if not layout.refs:
                blk = _strip_refs(blk)
            if isinstance(blk, b.PageBreak) and (not cleaned or isinstance(cleaned[-1], b.PageBreak)):
                continue
            cleaned.append(blk)
    while cleaned and isinstance(cleaned[-1], b.PageBreak):
        cleaned.pop()
    parts = [(part, min(i, len(cleaned))) for part, i in parts]
    return replace(doc, blocks=tuple(cleaned), parts=tuple(parts))
