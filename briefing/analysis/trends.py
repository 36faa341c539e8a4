"""Findings for change over time (a column per period) and for Likert answer scales.

Percentages change in percentage points ("up 48 points"); other measures in per cent
("up 12%"). No change is claimed inside the margin of error where standard errors exist.
"""
from __future__ import annotations

from dataclasses import replace

from briefing.analysis import derive
from briefing.analysis.categorical import _lower_first, display_labels, measure_name, ranked_findings
from briefing.analysis.numbers import _num, decimals_for, fmt_gap, fmt_value, period_label
from briefing.analysis.phrasing import load, name, say
from briefing.analysis.shape import Shape, key_labels
from briefing.analysis.stats import differs
from briefing.model import Finding, Table


def _change(table: Table, r: int, first_c: int, last_c: int, measure: str, label: str, lang: str
            ) -> tuple[str, float, str] | None:
    """(sentence, change in points or per cent, its derivation) of row r from first_c to last_c."""
    a, b = table.columns[first_c], table.columns[last_c]
    va, vb = a.values[r], b.values[r]
    if va is None or vb is None:
        return None
    dec = max(decimals_for(a.values, a.kind), decimals_for(b.values, b.kind))
    fields = dict(measure=measure, label=label, first=fmt_value(va, a.kind, a.unit, lang, dec, a.bound(r)),
                  last=fmt_value(vb, b.kind, b.unit, lang, dec, b.bound(r)),
                  first_period=period_label(a.name, lang), last_period=period_label(b.name, lang))
    if differs(b, r, r, lang, col_b=a) is False or va == vb:
        return say(lang, "findings_extra", "change_flat", **fields), 0.0, ""
    up = vb > va
    cells = (table.cell_ref(r, last_c), table.cell_ref(r, first_c))
    if a.kind == "percent":
        # Percentage points, never per cent, for a change in a share.
        gap = fmt_gap(vb - va, "percent", "", lang, decimals=dec)
        return (say(lang, "findings_extra", "change_pp" if up else "change_pp_down", gap=gap, **fields),
                (vb - va) * 100, derive.difference(lang, fields["last"], cells[0], fields["first"], cells[1],
                                                   ("+" if up else "−") + gap))
    if va == 0:
        return None
    pct = abs(vb - va) / abs(va) * 100
    pct_text = load(lang)["findings_extra"]["per_cent"].format(v=_num(pct, 0 if pct >= 10 else 1, lang))
    return (say(lang, "findings_extra", "change_pct" if up else "change_pct_down", pct=pct_text, **fields),
            pct if up else -pct, derive.change(lang, fields["last"], cells[0], fields["first"], cells[1],
                                               ("+" if up else "−") + pct_text))


def trend_findings(table: Table, shape: Shape, periods: tuple[int, ...], theme: str, lang: str) -> list[Finding]:
    """The ranking in the latest period, then how the leader and the benchmark changed."""
    last_c, first_c = periods[-1], periods[0]
    measure = measure_name(table, last_c, lang)
    latest = f"{measure} ({period_label(table.columns[last_c].name, lang)})" if lang == "en" else \
        f"{measure}（{period_label(table.columns[last_c].name, lang)}）"
    out = ranked_findings(table, shape, last_c, theme, lang, measure=latest)
    # The ranking is secondary to the change: the change leads the section.
    out = [replace(f, weight=f.weight * 0.9) for f in out]
    labels = display_labels(table, shape.label, lang)
    key = f"{theme}|{table.title}"
    rows = [r for r in range(table.n_rows) if labels[r] and table.columns[first_c].values[r] is not None
            and table.columns[last_c].values[r] is not None]
    if not rows:
        return out
    col = table.columns[last_c]
    bench = shape.benchmark_row if shape.benchmark_row in rows else None
    items = [r for r in rows if r not in (bench, shape.total_row) and r not in shape.excluded]
    leader = max(items, key=lambda r: col.values[r]) if items else None
    prev_c = periods[-2] if len(periods) >= 3 else first_c
    # A total row (全国, the whole the rows are parts of) is the headline; a benchmark such as a
    # global average is only the yardstick of the leader's story.
    whole = bench is not None and table.row_role(bench) == "total"

    def cite(r: int) -> tuple[str, ...]:
        return (table.cite_row(r, (shape.label, first_c, last_c)),)

    changes = {}
    for r in rows:
        label = name(lang, str(labels[r]), start=False)
        if r == bench and lang == "en":
            label = "the " + _lower_first(label, lang)
        # The leader's latest move says more than its long run when there are several periods
        # (the benchmark's long run is the headline).
        start = prev_c if r == leader and whole else first_c
        c = _change(table, r, start, last_c, measure, label, lang)
        if c is not None:
            changes[r] = c
    order = ((bench, 1.0), (leader, 0.7)) if whole else ((leader, 1.0), (bench, 0.85))
    for r, weight in order:
        if r is None or r not in changes:
            continue
        text, _, how = changes[r]
        first = table.columns[first_c]
        head = ""
        if first.kind == "percent" and changes[r][1] and not (r == leader and whole):
            head = ("+" if changes[r][1] > 0 else "−") + load(lang)["units"]["points_short"].format(
                v=_num(abs(changes[r][1]), decimals_for(col.values, col.kind), lang))
        out.insert(0 if weight == 1.0 else 1, Finding(
            f"{key}|change|{key_labels(table, shape)[r]}", theme, table.key, "change", text, head,
            say(lang, "findings", "callout_label", label=labels[r], measure=measure) if head else "", cite(r),
            weight, derivation=how))
    moved = [r for r in items if r in changes and changes[r][1]]
    if len(moved) >= 3:
        fastest = max(moved, key=lambda r: abs(changes[r][1]))
        if fastest != leader:
            first = table.columns[first_c]
            gap = (fmt_gap(col.values[fastest] - first.values[fastest], "percent", "", lang,
                           decimals=decimals_for(col.values, col.kind)) if first.kind == "percent"
                   else load(lang)["findings_extra"]["per_cent"].format(v=_num(abs(changes[fastest][1]), 0, lang)))
            out.append(Finding(f"{key}|fastest", theme, table.key, "change", say(
                lang, "findings_extra", "fastest", label=name(lang, str(labels[fastest]), start=True), gap=gap),
                cites=cite(fastest), weight=0.6, derivation=changes[fastest][2]))
    return out


def likert_findings(table: Table, shape: Shape, cols: tuple[int, ...], neutral: int | None, theme: str,
                    lang: str) -> list[Finding]:
    """Agreement and disagreement per statement (net of the two), the most and least agreed."""
    labels = table.columns[shape.label].values
    key = f"{theme}|{table.title}"
    neg = [c for k, c in enumerate(cols) if (neutral is None and k < len(cols) // 2) or (neutral is not None and k < neutral)]
    pos = [c for k, c in enumerate(cols) if (neutral is None and k >= len(cols) - len(cols) // 2)
           or (neutral is not None and k > neutral)]
    kind = table.columns[cols[0]].kind
    scale = 1.0 if kind == "percent" else 0.01

    def total(r, cs):
        vals = [table.columns[c].values[r] for c in cs]
        return sum(v for v in vals if v is not None) * scale

    def pct(v):
        return fmt_value(v, "percent", "", lang, 0)

    def dsum(r, cs) -> str:
        return derive.added(lang, [(pct(table.columns[c].values[r] * scale), table.cell_ref(r, c)) for c in cs
                                   if table.columns[c].values[r] is not None], pct(total(r, cs)))

    rows = [r for r in range(table.n_rows) if labels[r]]
    if not rows:
        return []
    nets = {r: total(r, pos) - total(r, neg) for r in rows}
    out = []
    ranked = sorted(rows, key=lambda r: -total(r, pos))
    top, low = ranked[0], ranked[-1]
    cite_all = (table.cite_row(top, (shape.label,) + cols),)
    if len(rows) >= 2:
        out.append(Finding(f"{key}|likert_most", theme, table.key, "leader", say(
            lang, "findings_extra", "likert_most", label=labels[top], pos=pct(total(top, pos)),
            low_label=labels[low], low_pos=pct(total(low, pos))),
            pct(total(top, pos)), str(labels[top]),
            (table.cite_row(top, (shape.label,) + cols), table.cite_row(low, (shape.label,) + cols)), 0.95,
            derivation=derive.join(dsum(top, pos), dsum(low, pos), lang=lang)))
    for r in ranked[:4]:
        net = nets[r]
        net_text = ("+" if net > 0 else "−" if net < 0 else "") + load(lang)["units"]["points_short"].format(
            v=_num(abs(net) * 100, 0, lang))
        out.append(Finding(f"{key}|likert|{labels[r]}", theme, table.key, "fact", say(
            lang, "findings_extra", "likert_net", label=labels[r], pos=pct(total(r, pos)), neg=pct(total(r, neg)),
            net=net_text), cites=(table.cite_row(r, (shape.label,) + cols),), weight=0.6,
            derivation=derive.join(dsum(r, pos), dsum(r, neg), derive.difference(
                lang, pct(total(r, pos)), "", pct(total(r, neg)), "", net_text), lang=lang)))
    del cite_all
    return out
