"""Findings for long-layout survey tables (one row per group x answer, a column per period): groups
compared on the latest period, and a question followed over periods; no lead or change is claimed
inside the margin of error where standard errors were read."""
from __future__ import annotations

import datetime as dt
import math
import re

from briefing.analysis.numbers import decimals_for, fmt_date, fmt_gap, fmt_value
from briefing.analysis.phrasing import name
from briefing.analysis.shape import BENCHMARK, Shape
from briefing.ingest.periods import period_key
from briefing.model import Column, Finding, Table

_Z = 1.96
# In a long table the national row is named like a place ("US"), not "Total": recognise it too.
_NATIONAL = re.compile(r"^(?:us|u\.s\.|usa|united states|national|nationwide|all|all groups|全国|全部)$", re.I)

# The sentences live here rather than in resources/phrasing: this writer is an additive module.
_TEXT = {
    "en": {
        "rank": "In {period}, {leader} had the highest {what} answering “{answer}” ({v}){vs_bench}; "
                "the lowest was {laggard} ({lv}).",
        "vs_bench": ", {gap} above {bench} ({bv})",
        "tie": "In {period}, {leader} ({v}) and {second} ({v2}) were level on “{answer}” within the margin "
               "of error; the lowest was {laggard} ({lv}).",
        "up": "{group}: “{answer}” rose from {a} in {p0} to {b} in {p1} (up {gap}).",
        "down": "{group}: “{answer}” fell from {a} in {p0} to {b} in {p1} (down {gap}).",
        "flat": "{group}: “{answer}” held at about {b} from {p0} to {p1} (no change beyond the margin of error).",
        "share": "share", "value": "value", "headline": "{group}, “{answer}”, {period}",
    },
    "zh": {
        "rank": "{period}，回答“{answer}”的{what}以{leader}最高（{v}）{vs_bench}；{laggard}最低（{lv}）。",
        "vs_bench": "，比{bench}（{bv}）高{gap}",
        "tie": "{period}，{leader}（{v}）与{second}（{v2}）回答“{answer}”的比例在误差范围内持平；{laggard}最低（{lv}）。",
        "up": "{group}回答“{answer}”的比例从{p0}的{a}升至{p1}的{b}（上升{gap}）。",
        "down": "{group}回答“{answer}”的比例从{p0}的{a}降至{p1}的{b}（下降{gap}）。",
        "flat": "{group}回答“{answer}”的比例从{p0}到{p1}基本持平（约{b}），变化未超出误差范围。",
        "share": "比例", "value": "数值", "headline": "{group}，“{answer}”，{period}",
    },
}


def _t(lang: str) -> dict:
    return _TEXT.get(lang, _TEXT["en"])


def period_label(header: str, lang: str) -> str:
    key = period_key(header)
    if key and 1 <= key[1] <= 12 and re.fullmatch(r"(19|20)\d\d[\-/.]?\d\d", header.strip()):
        return fmt_date(dt.date(key[0], key[1], 1), lang)
    return fmt_date(header, lang)


def _differs(a: Column, i: int, b: Column, j: int) -> bool | None:
    va, vb, ea, eb = a.values[i], b.values[j], a.error(i), b.error(j)
    if None in (va, vb, ea, eb):
        return None
    return abs(va - vb) > _Z * math.sqrt(ea ** 2 + eb ** 2)


def _is_bench(label) -> bool:
    text = str(label or "").strip()
    return bool(text) and bool(BENCHMARK.search(text) or _NATIONAL.match(text))


def survey_long_findings(table: Table, shape: Shape, theme: str, lang: str) -> list[Finding]:
    g, a = table.role("group"), table.role("answer")
    periods = tuple(p for p in (table.period_columns or shape.values) if table.columns[p].is_numeric)
    if g is None or a is None or not periods:
        return []
    t = _t(lang)
    groups, answers = table.columns[g].values, table.columns[a].values
    answer = next((v for v in answers if v), None)
    rows = [r for r, v in enumerate(answers) if v == answer and groups[r]]
    if not rows:
        return []
    last = table.columns[periods[-1]]
    dec = decimals_for([v for v in last.values if v is not None], last.kind)
    key = f"{theme}|{table.title}"
    what = t["share"] if last.kind == "percent" else t["value"]
    p1 = period_label(last.name, lang)

    def val(c: Column, r: int) -> str:
        return fmt_value(c.values[r], c.kind, c.unit, lang, dec, c.bound(r))

    def label(r: int, start: bool = False) -> str:
        return name(lang, str(groups[r]), start=start)

    out: list[Finding] = []
    bench = next((r for r in rows if _is_bench(groups[r])), None)
    ranked = sorted((r for r in rows if r != bench and last.values[r] is not None), key=lambda r: -last.values[r])
    if len(ranked) >= 2:
        lead, second, low = ranked[0], ranked[1], ranked[-1]
        cites = (table.cite_row(lead, (g, periods[-1])), table.cite_row(low, (g, periods[-1])))
        if _differs(last, lead, last, second) is False:
            text = t["tie"].format(period=p1, leader=label(lead), v=val(last, lead), second=label(second),
                                   v2=val(last, second), answer=answer, laggard=label(low), lv=val(last, low))
        else:
            vs = ""
            if bench is not None and last.values[bench] is not None and _differs(last, lead, last, bench) is not False:
                vs = t["vs_bench"].format(gap=fmt_gap(last.values[lead] - last.values[bench], last.kind, last.unit,
                                                      lang, decimals=dec),
                                          bench=label(bench), bv=val(last, bench))
            text = t["rank"].format(period=p1, leader=label(lead), what=what, answer=answer, v=val(last, lead),
                                    vs_bench=vs, laggard=label(low), lv=val(last, low))
        out.append(Finding(f"{key}|long_rank", theme, table.key, "leader", text,
                           fmt_value(last.values[lead], last.kind, last.unit, lang, dec, short=True),
                           t["headline"].format(group=groups[lead], answer=answer, period=p1), cites, 0.7))
    follow = bench if bench is not None else rows[0]
    if len(periods) >= 2:
        first = next((table.columns[p] for p in periods if table.columns[p].values[follow] is not None), None)
        if first is not None and first is not last and last.values[follow] is not None:
            va, vb = first.values[follow], last.values[follow]
            fields = dict(group=label(follow, start=True), answer=answer, a=val(first, follow), b=val(last, follow),
                          p0=period_label(first.name, lang), p1=p1,
                          gap=fmt_gap(vb - va, last.kind, last.unit, lang, decimals=dec))
            moved = _differs(last, follow, first, follow)
            kind = "flat" if moved is False or round(vb - va, 9) == 0 else ("up" if vb > va else "down")
            cites = (table.cite_row(follow, (g, table.columns.index(first), periods[-1])),)
            out.append(Finding(f"{key}|long_trend", theme, table.key, "trend", t[kind].format(**fields),
                               "", "", cites, 0.75))
    return out
