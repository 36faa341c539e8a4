"""Findings for long-layout survey tables (one row per group x question x answer, a column per period),
as a statistics office writes its main points: the substantive answer ("Yes"), the latest period that
has data (dated as the publisher dates it), the change since the first period and since the previous
one, groups ranked with ties kept as ties, coverage (groups the publisher suppressed), and codes the
publisher's dictionary defines kept out of the ranking. "Rose"/"fell"/"ahead" are said only when the
difference passes |x1 - x2| > z * sqrt(SE1^2 + SE2^2) on the publisher's own standard errors.

All wording is in resources/phrasing/<lang>.toml, [survey].
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from briefing.analysis import derive
from briefing.analysis.numbers import decimals_for, fmt_gap, fmt_value, period_label
from briefing.analysis.phrasing import join, load, name
from briefing.analysis.shape import BENCHMARK, Shape
from briefing.analysis.stats import difference_test, z_value
from briefing.ingest.survey import survey_words
from briefing.model import Column, Finding, Table

# In a long table the national row is named like a place ("US"), not "Total": recognise it too.
_NATIONAL = re.compile(r"^(?:us|u\.s\.|usa|united states|national|nationwide|all|all groups|全国|全部)$", re.I)
MAX_NAMED = 9     # suppressed groups named in the coverage sentence


def _s(lang: str) -> dict:
    return load(lang)["survey"]


def date_range(start: str, end: str, lang: str) -> str:
    """"8-21 Sep 2025", "22 Sep-5 Oct 2025", "29 Dec 2025-11 Jan 2026" (and the Chinese forms)."""
    s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    t = _s(lang)
    months = load(lang)["months"]["short"]
    m = (lambda d: str(d.month)) if t.get("month_numbers") else (lambda d: months[d.month - 1])
    f = dict(d1=s.day, d2=e.day, m1=m(s), m2=m(e), y1=s.year, y2=e.year)
    key = ("range_same_month" if (s.year, s.month) == (e.year, e.month) else
           "range_same_year" if s.year == e.year else "range")
    return t[key].format(**f)


def period_text(table: Table, col: int, lang: str) -> str:
    """A period as the publisher defines it: "fortnight 202519 (8-21 Sep 2025)"."""
    p = table.period(col)
    if p is None or not p.start:
        return period_label(table.columns[col].name, lang)
    t = _s(lang)
    days = (dt.date.fromisoformat(p.end) - dt.date.fromisoformat(p.start)).days + 1
    kind = ("week" if 6 <= days <= 8 else "fortnight" if 13 <= days <= 22 else
            "month" if 28 <= days <= 31 else "period")
    return t["period"].format(kind=t["period_kinds"][kind], code=p.code,
                              dates=date_range(p.start, p.end, lang)).replace("  ", " ").strip()


def period_dates(table: Table, col: int, lang: str) -> str:
    """For a headline callout: the publisher's dates ("22 Sep-5 Oct 2025"), which a reader knows,
    rather than its code ("202520"); the header when there is no publisher dating."""
    p = table.period(col)
    if p is None or not p.start:
        return period_label(table.columns[col].name, lang)
    return date_range(p.start, p.end, lang)


def period_short(table: Table, col: int, lang: str) -> str:
    """For chart axes and table headers: the code, or the header when there is no publisher dating."""
    p = table.period(col)
    return p.code if p is not None else table.columns[col].name


def named_value(label: str, value: str, lang: str) -> str:
    """"Information (NAICS 51)" + "29.3%" -> "Information (NAICS 51, 29.3%)"; "Ohio" -> "Ohio (6.0%)"."""
    t = _s(lang)
    for close in (")", "）"):
        if label.endswith(close):
            return f"{label[:-1]}{t['paren_sep']}{value}{close}"
    return t["value_tied"].format(name=label, v=value)


def _question(text: str) -> str:
    out = str(text or "").strip()
    for rx in survey_words().get("question", {}).get("drop", []):
        out = re.sub(rx, "", out, flags=re.I)
    return out.strip()


_ABBR = re.compile(r"\b(?:[A-Z][\w-]*\s+){1,4}\(([A-Z]{2,6})\)")


def _abbreviated(question: str) -> str:
    """"... use Artificial Intelligence (AI) in ..." -> "... use AI in ...", for callouts."""
    return _ABBR.sub(r"\1", question)


def _unit(question: str, lang: str) -> str:
    q = f" {question.lower()} "
    for u in survey_words().get("unit", []):
        if any(w in q for w in u.get("words", [])):
            return u.get(lang, u.get("en", ""))
    d = survey_words().get("unit_default", {})
    return d.get(lang, d.get("en", ""))


def _plural(header: str, lang: str) -> str:
    h = header.strip()
    if lang == "zh":
        return h
    if h.isupper():
        return h + "s"
    h = h.lower()
    if h.endswith("y") and not h.endswith(("ay", "ey", "oy")):
        return h[:-1] + "ies"
    return h if h.endswith("s") else h + "s"


@dataclass(frozen=True)
class View:
    """The substantive answer of one question, group by group, over the periods that have data."""
    table: Table
    answer: str
    rows: tuple[int, ...]          # rows giving the substantive answer
    group: int | None              # the group column, or None for one population
    periods: tuple[int, ...]       # period columns with data for these rows, oldest first
    special: tuple[int, ...]       # rows of groups the publisher's dictionary defines (not members)
    bench: int | None              # the national / total row
    members: tuple[int, ...]       # the groups compared

    @property
    def latest(self) -> int | None:
        return self.periods[-1] if self.periods else None

    def label(self, r: int, lang: str, start: bool = False) -> str:
        if self.group is None:
            return ""
        raw = str(self.table.columns[self.group].values[r])
        for code, en, zh, where in self.table.codes:
            if code == raw:
                t = _s(lang)
                nm = zh if lang == "zh" and zh else en
                if where.startswith("data dictionary"):
                    return raw
                if raw in (en, zh):   # a list keyed by names as well as codes: the name is the label
                    return name(lang, nm, start=start)
                prefix = _code_prefix(where)
                if not prefix:
                    return t.get("code_plain", "{name} ({code})").format(name=nm, code=code)
                return t["code_name"].format(name=nm, prefix=prefix, code=code)
        return name(lang, raw, start=start)


def _code_prefix(where: str) -> str:
    """The code list's own prefix for its codes ("NAICS" 31-33), from resources/codes, or ""."""
    from briefing.ingest.publisher import code_list_named
    cl = code_list_named(where) if where else None
    if cl is not None:
        return str(cl.get("prefix", ""))
    return where.split(" (")[0].split()[0] if where and not where.endswith(".toml)") else ""


def view_of(table: Table) -> View | None:
    a = table.role("answer")
    if a is None:
        return None
    g = table.role("group")
    answers = table.columns[a].values
    answer = table.substantive or next((str(v) for v in answers if v), "")
    if not answer:
        return None
    groups = table.columns[g].values if g is not None else None
    rows = tuple(r for r, v in enumerate(answers) if str(v) == answer and (groups is None or groups[r]))
    if not rows:
        return None
    cand = table.period_columns or tuple(i for i, c in enumerate(table.columns) if c.is_numeric)
    periods = tuple(p for p in cand if table.columns[p].is_numeric
                    and any(table.columns[p].values[r] is not None for r in rows))
    defined = {code for code, _, _, where in table.codes if where.startswith("data dictionary")}
    special = tuple(r for r in rows if groups is not None and str(groups[r]) in defined)
    bench = None
    if groups is not None:
        bench = next((r for r in rows if r not in special and _is_bench(groups[r])), None)
    members = tuple(r for r in rows if r not in special and r != bench)
    return View(table, answer, rows, g, periods, special, bench, members)


def _is_bench(label) -> bool:
    text = str(label or "").strip()
    return bool(text) and bool(BENCHMARK.search(text) or _NATIONAL.match(text))


def _differs(a: Column, i: int, b: Column, j: int, lang: str) -> bool | None:
    va, vb, ea, eb = a.values[i], b.values[j], a.error(i), b.error(j)
    if None in (va, vb, ea, eb):
        return None
    return abs(va - vb) > z_value(lang) * math.sqrt(ea ** 2 + eb ** 2)


def survey_long_findings(table: Table, shape: Shape, theme: str, lang: str) -> list[Finding]:
    v = view_of(table)
    if v is None or v.latest is None:
        return []
    t = _s(lang)
    cols = table.columns
    last = cols[v.latest]
    dec = max(1, decimals_for([x for p in v.periods for x in (cols[p].values[r] for r in v.rows)
                               if x is not None][:400], last.kind)) if last.kind == "percent" else \
        decimals_for([x for x in last.values if x is not None], last.kind)
    question = _question(table.title)
    unit = _unit(question, lang)
    key = f"{theme}|{table.title}"
    p1 = period_text(table, v.latest, lang)

    def val(c: int, r: int) -> str:
        return fmt_value(cols[c].values[r], cols[c].kind, cols[c].unit, lang, dec, cols[c].bound(r))

    def gap(c1: int, c0: int, r: int) -> str:
        return fmt_gap(cols[c1].values[r] - cols[c0].values[r], cols[c1].kind, cols[c1].unit, lang, decimals=dec)

    def gap_between(r1: int, r2: int) -> str:
        return fmt_gap(last.values[r1] - last.values[r2], last.kind, last.unit, lang, decimals=dec)

    def cite(r: int, *cs: int) -> str:
        idx = tuple(x for x in ((v.group,) if v.group is not None else ()) + cs)
        return table.cite_row(r, idx)

    def headline(r: int) -> tuple[str, str]:
        return (fmt_value(last.values[r], last.kind, last.unit, lang, dec, short=True),
                t["headline_label"].format(unit=unit, answer=v.answer, question=_abbreviated(question),
                                           period=period_dates(table, v.latest, lang)))

    def first_with(r: int) -> int | None:
        return next((p for p in v.periods if cols[p].values[r] is not None), None)

    def last_with(r: int) -> int | None:
        return next((p for p in reversed(v.periods) if cols[p].values[r] is not None), None)

    def moved(c1: int, c0: int, r: int) -> str:
        d = _differs(cols[c1], r, cols[c0], r, lang)
        if d is None:
            return "untested"
        if d is False or round(cols[c1].values[r] - cols[c0].values[r], 9) == 0:
            return "flat"
        return "up" if cols[c1].values[r] > cols[c0].values[r] else "down"

    out: list[Finding] = []
    published = [r for r in v.members if last.values[r] is not None]
    if len(v.members) < 2 or len(published) < 2:
        # One population (a national table), or one group with data: its level and change.
        r = v.bench if v.bench is not None and last.values[v.bench] is not None else \
            next((r for r in v.rows if last.values[r] is not None), None)
        if r is None:
            return []
        c0 = first_with(r)
        fields = dict(p1=p1, b=val(v.latest, r), unit=unit, answer=v.answer, question=question)
        if c0 is not None and c0 != v.latest:
            how = moved(v.latest, c0, r)
            text = t[f"level_{how}"].format(a=val(c0, r), p0=period_text(table, c0, lang),
                                            gap=gap(v.latest, c0, r), **fields)
            cites = (cite(r, c0, v.latest),)
            test = difference_test(cols[v.latest], r, r, lang, col_b=cols[c0])
        else:
            text, cites, test = t["level_only"].format(**fields), (cite(r, v.latest),), ""
        out.append(Finding(f"{key}|survey_level", theme, table.key, "level", text, *headline(r), cites, 0.9,
                           test=test))
        prev = [p for p in v.periods if p != v.latest and cols[p].values[r] is not None]
        if len(prev) >= 2:
            c = prev[-1]
            how = moved(v.latest, c, r)
            if how != "untested":
                text = t[f"recent_{how}"].format(p0=period_text(table, c, lang), p1=p1, answer=v.answer,
                                                 a=val(c, r), b=val(v.latest, r))
                out.append(Finding(f"{key}|survey_recent", theme, table.key, "trend", text, "", "",
                                   (cite(r, c, v.latest),), 0.5,
                                   test=difference_test(cols[v.latest], r, r, lang, col_b=cols[c])))
        return out

    # Groups compared on the latest period, ties kept as ties.
    ranked = sorted(published, key=lambda r: -last.values[r])
    lead = ranked[0]
    ties = [r for r in ranked[1:] if _differs(last, lead, last, r, lang) is False]
    second = ranked[1]
    hows, named = [], [lead, second, low := ranked[-1]]
    if ties and ties[0] == second:
        items = [named_value(v.label(x, lang), val(v.latest, x), lang) for x in ties[:2]]
        named += ties[:2]
        if len(ties) > 2:
            items.append(t["others"].format(n=len(ties) - 2))
            hows.append(derive.count(lang, len(ties) - 2, ", ".join(table.cell_ref(x, v.latest) for x in ties[2:]),
                                     "count_tied"))
        after = t["rank_tied" if len(items) > 1 else "rank_tied_one"].format(ties=join(lang, items))
    elif _differs(last, lead, last, second, lang) is None:
        after = t["rank_untested"].format(second=named_value(v.label(second, lang), val(v.latest, second), lang))
    else:
        after = t["rank_ahead"].format(second=named_value(v.label(second, lang), val(v.latest, second), lang))
    if v.bench is not None and last.values[v.bench] is not None and last.values[lead] > last.values[v.bench] \
            and _differs(last, lead, last, v.bench, lang) is not False:
        after += t["vs_bench"].format(gap=gap_between(lead, v.bench),
                                      bench=named_value(v.label(v.bench, lang), val(v.latest, v.bench), lang))
        named.append(v.bench)
        hows.append(derive.difference(lang, val(v.latest, lead), table.cell_ref(lead, v.latest),
                                      val(v.latest, v.bench), table.cell_ref(v.bench, v.latest),
                                      gap_between(lead, v.bench)))
    above = ranked[-2]
    if len(ranked) >= 3 and _differs(last, low, last, above, lang) is False and above != lead:
        lows = t["low_tied"].format(low=named_value(v.label(low, lang), val(v.latest, low), lang),
                                    next=named_value(v.label(above, lang), val(v.latest, above), lang))
    else:
        lows = t["low_one"].format(low=named_value(v.label(low, lang), val(v.latest, low), lang))
    text = t["rank"].format(p1=p1, lead=v.label(lead, lang, start=True), unit=unit, answer=v.answer,
                            question=question, v=val(v.latest, lead), after=after, low=lows)
    if len(ranked) >= 3 and above != lead:
        named.append(above)
    cites = tuple(cite(r, v.latest) for r in dict.fromkeys(named))
    out.append(Finding(f"{key}|survey_rank", theme, table.key, "leader", text, *headline(lead), cites, 0.9,
                       derivation=derive.join(*hows, lang=lang)))

    # The benchmark and the leader over time.
    for r, kind, weight in ((v.bench, "survey_bench_change", 0.85), (lead, "survey_lead_change", 0.8)):
        if r is None or last.values[r] is None:
            continue
        c0 = first_with(r)
        if c0 is None or c0 == v.latest:
            continue
        how = moved(v.latest, c0, r)
        text = t[f"group_{how}"].format(group=v.label(r, lang, start=True), a=val(c0, r),
                                        p0=period_text(table, c0, lang), b=val(v.latest, r), p1=p1,
                                        gap=gap(v.latest, c0, r))
        out.append(Finding(f"{key}|{kind}", theme, table.key, "trend", text, "", "", (cite(r, c0, v.latest),), weight,
                           test=difference_test(cols[v.latest], r, r, lang, col_b=cols[c0])))

    # Coverage: groups asked the question but with no published substantive estimate.
    g = cols[v.group]
    asked = []
    for r, x in enumerate(g.values):
        if x is not None and x not in asked and not any(str(x) == str(g.values[s]) for s in v.special) \
                and not (v.bench is not None and x == g.values[v.bench]):
            asked.append(x)
    have = {g.values[r] for r in published}
    missing = [x for x in asked if x not in have]
    if missing:
        label_of = {g.values[r]: r for r in range(table.n_rows)}
        names = [v.label(label_of[x], lang) for x in missing[:MAX_NAMED]]
        if len(missing) > MAX_NAMED:
            names.append(t["others"].format(n=len(missing) - MAX_NAMED))
        more = ""
        text = t["coverage"].format(n=len(published), total=len(asked), groups=_plural(g.name, lang),
                                    answer=v.answer, p1=p1, missing=join(lang, names) + more)
        rows_missing = [label_of[x] for x in missing]
        out.append(Finding(f"{key}|survey_coverage", theme, table.key, "coverage", text, "", "",
                           (table.cite_column(v.latest),) if not rows_missing else
                           (table.provenance.cite(table.cell_ref(rows_missing[0], v.group)),), 0.6,
                           derivation=derive.join(
                               derive.count(lang, len(published),
                                            ", ".join(table.cell_ref(r, v.latest) for r in published),
                                            "count_published"),
                               derive.count(lang, len(asked), table.cite_column(v.group).rpartition("!")[2],
                                            "count_asked"), lang=lang)))
    # Codes the publisher defines as something else than a member of the breakdown.
    for r in v.special[:1]:
        code = str(g.values[r])
        entry = next(e for e in table.codes if e[0] == code)
        where = entry[3].replace("data dictionary ", "")
        text = t["special"].format(code=code, groups=_plural(g.name, lang), where=where.split("!")[0].strip("'"),
                                   definition=entry[2] if lang == "zh" else entry[1])
        out.append(Finding(f"{key}|survey_special", theme, table.key, "fact", text, "", "",
                           (where,), 0.4))
    return out
