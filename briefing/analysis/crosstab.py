"""Findings for pollsters' cross-tabs and count tables (Table.layout "crosstab"), as an analyst writes them:

- the most chosen answer counted across groups ("first in 7 of the 9 countries"), with the groups where
  another answer comes first and the leads that are within the margin of error;
- the substantive answer (a NET such as "Worried (All)" or "total positive", or Yes) ranked across the
  groups, within a bloc (EU members) and outside it, with ties kept as ties and each share stated with
  its base ("68.9%, 345 of 501") when it was computed from counts;
- groups where the opposite answer outnumbers it, counted;
- the caveats: sub-samples and aggregates not ranked, no bloc-wide figure, multi-choice shares not summed.

NET rows are subtotals (never ranked with the answers, never summed), base rows are sample sizes, the
Total column is the benchmark. A difference is claimed only when |p1 - p2| > z * SE, with SE from the
bases: sqrt(p1(1-p1)/n1 + p2(1-p2)/n2) between groups, sqrt((p1 + p2 - (p1 - p2)^2) / n) for two answers
of one single-choice question. All wording is in resources/phrasing/<lang>.toml, [crosstab].
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from briefing.analysis import derive
from briefing.analysis.numbers import fmt_value
from briefing.analysis.phrasing import join, load, name
from briefing.analysis.stats import z_value
from briefing.ingest.periods import MONTHS
from briefing.ingest.survey import substantive_answer, survey_words
from briefing.model import Finding, Table, cell_name

_NET_WORD = re.compile(r"^\s*(?:total|net)\s*:?\s+(?P<w>[^\W\d_][\w\s-]*?)\s*$|^\s*(?P<v>[^\W\d_][\w\s-]*?)\s*\((?:all|net)\)\s*$",
                       re.I)
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)\b")


def _t(lang: str) -> dict:
    return load(lang)["crosstab"]


def _count(v: "XView", a: int, gs, lang: str, what: str = "count_groups") -> str:
    """The derivation of a count of groups: the number, and the cells of answer `a` counted."""
    return derive.count(lang, len(gs), ", ".join(v.cell(a, g).rpartition("!")[2] for g in gs), what)


@dataclass(frozen=True)
class XView:
    """A cross-tab as answers x groups, whichever way the file lays it out."""
    table: Table
    answers: tuple[int, ...]      # answer rows (answers_in_rows) or columns (answers_in_columns), NETs out
    nets: tuple[int, ...]         # subtotals (sums of answers)
    groups: tuple[int, ...]       # the groups compared (no total, NET banner column, sub-sample or aggregate)
    total: int | None             # the benchmark group (the Total column), if any
    special: tuple[int, ...]      # sub-samples and aggregates, never ranked

    @property
    def in_rows(self) -> bool:
        return self.table.orient == "answers_in_rows"

    def _col_row(self, a: int, g: int) -> tuple[int, int]:
        return (g, a) if self.in_rows else (a, g)

    def share(self, a: int, g: int) -> float | None:
        c, r = self._col_row(a, g)
        return self.table.columns[c].values[r]

    def base(self, a: int, g: int) -> int | None:
        c, r = self._col_row(a, g)
        return self.table.columns[c].base(r)

    def count(self, a: int, g: int) -> float | None:
        c, r = self._col_row(a, g)
        col = self.table.columns[c]
        return col.counts[r] if col.counts else None

    def cell(self, a: int, g: int) -> str:
        c, r = self._col_row(a, g)
        return self.table.provenance.cite(self.table.cell_ref(r, c))

    def base_cell(self, a: int, g: int) -> str:
        c, r = self._col_row(a, g)
        col = self.table.columns[c]
        if col.base_row >= 0:
            return self.table.provenance.cite(cell_name(col.base_row, col.source_col))
        if col.base_col >= 0:
            return self.table.provenance.cite(cell_name(self.table.source_rows[r], col.base_col))
        return ""

    def answer_label(self, a: int, lang: str) -> str:
        t = self.table
        raw = t.columns[0].values[a] if self.in_rows else t.columns[a].name
        return clean_answer(str(raw), lang)

    def group_label(self, g: int, lang: str, start: bool = False, article: bool = True) -> str:
        t = self.table
        if self.in_rows:
            raw = t.columns[g].name.split(" · ")[-1].strip()
        else:
            raw = str(t.columns[t.role("group")].values[g]).strip()
        named = t.code_name(raw, lang)
        if named == raw and lang != "en":
            from briefing.ingest.crosstab import place   # a country named in the header: its name in `lang`
            p = place(raw)
            named = p[2].get(lang, raw) if p else raw
        if not article:
            return named
        if named in _t(lang).get("articles", ()):
            word = load(lang)["articles"]["the_word"]
            return f"{word.capitalize() if start else word} {named}"
        return name(lang, named, start=start)


def clean_answer(text: str, lang: str) -> str:
    out = " ".join(text.split())
    # The placeholder in the answer's own language (an English answer keeps English words in a Chinese briefing).
    own = lang if re.search(r"[\u3400-\u9fff]", out) else "en"
    for ph, words in survey_words().get("placeholder", {}).items():
        out = out.replace(ph, words.get(own, words.get("en", "")))
    return out


def is_non_answer(text: str) -> bool:
    low = " ".join(str(text).lower().replace("’", "'").split())
    return any(low.startswith(w) for w in survey_words().get("non_answer", {}).get("starts", []))


def view_of(table: Table) -> XView | None:
    if table.layout != "crosstab":
        return None
    nets = tuple(r for r, role, _ in table.row_roles if role in ("net", "net_diff")) if table.orient == "answers_in_rows" \
        else tuple(c for c, role, _ in table.col_roles if role == "net")
    if table.orient == "answers_in_rows":
        answers = tuple(r for r in range(table.n_rows) if r not in nets)
        cols = [i for i in range(1, len(table.columns)) if table.columns[i].is_numeric]
        total = next((i for i in cols if table.col_role(i) == "total"), None)
        groups = tuple(i for i in cols if table.col_role(i) in ("group", "") and i != total)
        return XView(table, answers, nets, groups, total, ())
    g = table.role("group")
    answers = tuple(c for c, role, _ in table.col_roles if role == "answer")
    special = tuple(r for r, role, _ in table.row_roles if role in ("subsample", "aggregate", "total"))
    groups = tuple(r for r in range(table.n_rows) if r not in special and table.columns[g].values[r] is not None)
    total = next((r for r, role, _ in table.row_roles if role == "total"), None)
    return XView(table, answers, nets, groups, total, special)


def substantive_of(v: XView) -> tuple[int | None, int | None]:
    """(the substantive answer, its opposite) among the NETs and answers: a scale in resources/survey.toml."""
    idx = list(v.nets) + list(v.answers)
    labels = {i: (str(v.table.columns[0].values[i]) if v.in_rows else v.table.columns[i].name) for i in idx}
    answer, _ = substantive_answer(labels.values())
    if not answer:
        return None, None
    sub = next(i for i in idx if labels[i] == answer)
    low = " ".join(answer.lower().split())
    for scale in survey_words().get("scale", []):
        if low in scale.get("substantive", []):
            opp = next((i for i in idx if " ".join(labels[i].lower().split()) in scale.get("others", [])
                        and i in v.nets), None)
            return sub, opp
    return sub, None


def _z(lang: str) -> float:
    return z_value(lang)


def between(v: XView, a: int, g1: int, g2: int, lang: str, a2: int | None = None) -> bool | None:
    """Do groups g1 and g2 differ on answer a (or g2 on a2), beyond the margin of error from their bases?"""
    a2 = a if a2 is None else a2
    p1, p2, n1, n2 = v.share(a, g1), v.share(a2, g2), v.base(a, g1), v.base(a2, g2)
    if None in (p1, p2) or not n1 or not n2:
        return None
    se = math.sqrt(max(p1 * (1 - p1), 0) / n1 + max(p2 * (1 - p2), 0) / n2)
    return abs(p1 - p2) > _z(lang) * se


def within(v: XView, a1: int, a2: int, g: int, lang: str) -> bool | None:
    """Do answers a1 and a2 differ within group g? Single choice: the multinomial variance of p1 - p2;
    multi-choice (answers not exclusive): the sum of the two variances."""
    p1, p2, n = v.share(a1, g), v.share(a2, g), v.base(a1, g)
    if None in (p1, p2) or not n:
        return None
    if v.table.multi_choice:
        var = (max(p1 * (1 - p1), 0) + max(p2 * (1 - p2), 0)) / n
    else:
        var = max(p1 + p2 - (p1 - p2) ** 2, 0) / n
    return abs(p1 - p2) > _z(lang) * math.sqrt(var)


def _dec(v: XView) -> int:
    return 1 if any(v.table.columns[c].counts for c in range(len(v.table.columns))) else 0


def fmt_share(v: XView, a: int, g: int, lang: str, with_base: bool = False) -> str:
    p = v.share(a, g)
    text = fmt_value(p, "percent", "", lang, _dec(v))
    c, n = v.count(a, g), v.base(a, g)
    if with_base and c is not None and n:
        text = _t(lang)["of_base"].format(v=text, count=f"{int(c):,}", base=f"{int(n):,}")
    return text


def answer_phrase(v: XView, a: int, lang: str) -> str:
    """'positive' for a NET "total positive", 'worried' for "Worried (All)"; else the answer quoted."""
    label = v.answer_label(a, lang)
    m = _NET_WORD.match(label)
    t = _t(lang)
    if m and lang == "en":
        return t["share_word"].format(word=(m.group("w") or m.group("v")).lower())
    return t["share_quoted"].format(answer=label)


def groups_word(v: XView, lang: str, n: int) -> str:
    """"countries" when the groups are places (codes named, or country names), else "groups"."""
    from briefing.ingest.crosstab import place
    t = _t(lang)
    if v.in_rows:
        labels = [v.table.columns[g].name.split(" · ")[-1] for g in v.groups]
    else:
        labels = [v.table.columns[v.table.role("group")].values[g] for g in v.groups]
    places = sum(place(x) is not None for x in labels) >= 0.8 * max(1, len(labels))
    return t["countries"] if places else t["groups"]


_SPAN = re.compile(r"^(\d{1,2})(?:-(\d{1,2}))?\s+([A-Za-z]+)\s+((?:19|20)\d\d)$")


def fieldwork_text(table: Table, lang: str = "en") -> str:
    """"9th - 13th October 2023" -> "9-13 October 2023" / "2023年10月9-13日"; other forms as written."""
    s = _ORDINAL.sub(r"\1", table.fieldwork)
    s = re.sub(r"\s*[-–]\s*", "-", s).strip()
    m = _SPAN.match(s)
    if m and m.group(3).lower() in MONTHS:
        d1, d2, mon, y = m.group(1), m.group(2), MONTHS[m.group(3).lower()], m.group(4)
        days = f"{d1}-{d2}" if d2 else d1
        months = load(lang)["months"]["long"]
        return _t(lang)["fieldwork_span"].format(days=days, month=months[mon - 1], m=mon, y=y)
    return s


def _stem(table: Table) -> str:
    name = table.provenance.file_name
    return name.rsplit(".", 1)[0] if "." in name else name


def _question(table: Table) -> str:
    q = re.sub(r"^\s*[A-Z][A-Za-z0-9_]{0,15}\s*[.:)]\s+", "", table.title).strip()
    for rx in survey_words().get("question", {}).get("drop", []):
        q = re.sub(rx, "", q, flags=re.I)
    # To the question itself when the text is long: the sentence that asks, with the statement it
    # asks about when it refers to one ("How much do you agree ... with this statement?").
    if len(q) <= 160 or "?" not in q:
        return q
    sentences = re.split(r"(?<=[.?!”])\s+(?=[A-Z“])", q)
    ask = next((s for s in sentences if "?" in s), sentences[-1])
    quote = re.search(r"“[^”]{10,200}”", q)
    if quote and re.search(r"\b(?:this|the following) statement\b", ask, re.I) and quote.group(0) not in ask:
        ask = f"{quote.group(0)} {ask}"
    return ask.replace("“", "‘").replace("”", "’").strip()   # quoted once, in the sentence


def crosstab_findings(table: Table, shape, theme: str, lang: str) -> list[Finding]:
    v = view_of(table)
    if v is None or table.detail_of or len(v.groups) < 2:
        return []
    t = _t(lang)
    key = f"{theme}|{table.title}|{table.subtitle}"
    q = _question(table)
    if table.title in (table.provenance.file_name, table.sheet) or table.title == _stem(table):
        q = ""   # a file or sheet name is no question to quote
    if table.subtitle:
        q = t["question_item"].format(question=q, item=table.subtitle)
    multi = t["multi"] if table.multi_choice else ""
    when = ""
    out: list[Finding] = []
    sub, opp = substantive_of(v)
    real = [a for a in v.answers if not is_non_answer(v.answer_label(a, "en"))]
    if sub is None and len(real) >= 3:
        out += _plurality(v, real, key, theme, q, multi, when, lang)
    if sub is not None:
        out += _ranking(v, sub, opp, key, theme, q, when, lang)
    if table.fieldwork and out:
        ns = [v.base(v.answers[0], g) for g in v.groups if v.base(v.answers[0], g)]
        if ns:
            text = t["sample"].format(when=fieldwork_text(table, lang), n=len(v.groups), groups=groups_word(v, lang, len(ns)),
                                      lo=f"{min(ns):,}", hi=f"{max(ns):,}")
            by_n = [g for g in v.groups if v.base(v.answers[0], g)]
            lo_g = min(by_n, key=lambda g: v.base(v.answers[0], g))
            hi_g = max(by_n, key=lambda g: v.base(v.answers[0], g))
            cites = tuple(c for c in (v.base_cell(v.answers[0], lo_g), v.base_cell(v.answers[0], hi_g)) if c)
            out.append(Finding(f"{key}|sample", theme, table.key, "fact", text, "", "", cites, 0.3,
                               derivation=_count(v, v.answers[0], v.groups, lang)))
    return out


def _plurality(v: XView, real: list[int], key, theme, q, multi, when, lang) -> list[Finding]:
    """The most chosen answer counted across groups, the exceptions, and leads within the margin."""
    t = _t(lang)
    first: dict[int, tuple[int, int]] = {}     # group -> (leader, runner-up)
    for g in v.groups:
        ranked = sorted((a for a in real if v.share(a, g) is not None), key=lambda a: -v.share(a, g))
        if len(ranked) >= 2:
            first[g] = (ranked[0], ranked[1])
    if len(first) < 2:
        return []
    counts: dict[int, list[int]] = {}
    for g, (a, _) in first.items():
        counts.setdefault(a, []).append(g)
    modal, gs = max(counts.items(), key=lambda kv: (len(kv[1]), -kv[0]))
    n, total = len(gs), len(first)
    if n < 2:
        return []
    word = groups_word(v, lang, total)
    hi = max(gs, key=lambda g: v.share(modal, g))
    lo = min(gs, key=lambda g: v.share(modal, g))
    tied = [g for g in gs if within(v, modal, first[g][1], g, lang) is False]
    tie_text = ""
    if tied:
        tie_text = t["lead_tied"].format(groups=join(lang, [v.group_label(g, lang) for g in tied]))
    rng = t["range"].format(hi=fmt_share(v, modal, hi, lang), ghi=v.group_label(hi, lang),
                            lo=fmt_share(v, modal, lo, lang), glo=v.group_label(lo, lang)) if hi != lo else ""
    everywhere = n == total
    text = t["plurality_all" if everywhere else "plurality"].format(
        question=q, multi=multi, answer=v.answer_label(modal, lang), n=n, total=total, groups=word,
        range=rng, ties=tie_text, when=when)
    cites = tuple(dict.fromkeys([v.cell(modal, hi), v.cell(modal, lo)] + [v.cell(first[g][1], g) for g in tied[:2]]))
    headline = fmt_share(v, modal, hi, lang)
    label = t["headline_plurality"].format(answer=v.answer_label(modal, lang), group=v.group_label(hi, lang))
    weight = 0.9 + 0.05 * n / total
    out = [Finding(f"{key}|plurality", theme, v.table.key, "leader", text, headline, label, cites, weight,
                   derivation=derive.join(_count(v, modal, gs, lang, "count_first"),
                                          _count(v, modal, list(first), lang), lang=lang))]
    others = [g for g in v.groups if g in first and first[g][0] != modal]
    if others:
        items = []
        for g in others[:4]:
            a, b = first[g]
            args = dict(group=v.group_label(g, lang), answer=v.answer_label(a, lang), v=fmt_share(v, a, g, lang),
                        second=v.answer_label(b, lang), v2=fmt_share(v, b, g, lang))
            items.append(t["exception_tied" if within(v, a, b, g, lang) is False else "exception"].format(**args))
        text = t["exceptions"].format(items=t["exception_sep"].join(items))
        cites = tuple(c for g in others[:4] for c in (v.cell(first[g][0], g), v.cell(first[g][1], g)))
        out.append(Finding(f"{key}|exceptions", theme, v.table.key, "fact", text, "", "", cites, 0.85))
    return out


def _segments(v: XView, lang: str) -> list[tuple[str, tuple[int, ...]]]:
    """The groups compared as the file means them: a bloc's members, then the others; or all together."""
    t = _t(lang)
    blocs = {}
    for r, b in v.table.blocs:
        if r in v.groups:
            blocs.setdefault(b, []).append(r)
    if len(blocs) == 1:
        b, members = next(iter(blocs.items()))
        rest = tuple(g for g in v.groups if g not in members)
        if len(members) >= 2 and rest:
            from briefing.ingest.crosstab import geo
            info = geo().get("bloc", {}).get(b, {})
            inside = info.get(f"{lang}_member", b)
            return [("in", tuple(members), inside, b), ("out", rest, t["outside"].format(bloc=info.get(lang, b)), b)]
    return [("all", tuple(v.groups), "", "")]


def _ranking(v: XView, sub: int, opp: int | None, key, theme, q, when, lang) -> list[Finding]:
    t = _t(lang)
    out: list[Finding] = []
    what = answer_phrase(v, sub, lang)
    with_base = any(v.count(sub, g) is not None for g in v.groups)
    allg = [g for g in v.groups if v.share(sub, g) is not None]
    if len(allg) < 2:
        return []
    top_all = max(allg, key=lambda g: v.share(sub, g))
    word = groups_word(v, lang, len(allg))

    def named(g: int) -> str:
        return t["named"].format(group=v.group_label(g, lang), v=fmt_share(v, sub, g, lang, with_base))

    for seg, gs, label, bloc in _segments(v, lang):
        gs = [g for g in gs if v.share(sub, g) is not None]
        if len(gs) < 2:
            continue
        ranked = sorted(gs, key=lambda g: -v.share(sub, g))
        lead, low = ranked[0], ranked[-1]
        ties = [g for g in ranked[1:] if between(v, sub, lead, g, lang) is False]
        if ties:
            top = t["top_tied"].format(first=named(lead), second=named(ties[0]),
                                       more=t["more_tied"].format(items=join(lang, [
                                           t["named"].format(group=v.group_label(g, lang), v=fmt_share(v, sub, g, lang))
                                           for g in ties[1:3]])) if len(ties) > 1 else "")
        else:
            top = t["top_one"].format(first=named(lead))
        lows = [g for g in ranked[:-1] if between(v, sub, low, g, lang) is False and g != lead and g not in ties]
        bottom = t["low_tied" if lows else "low_one"].format(low=named(low), next=named(lows[-1]) if lows else "")
        overall = t["highest_of_all"].format(n=len(allg), groups=word) if seg == "out" and lead == top_all else ""
        scope = t["scope_" + seg].format(n=len(gs), label=label, groups=word)
        bench = ""
        if v.total is not None and v.share(sub, v.total) is not None:
            bench = t["bench"].format(total=v.group_label(v.total, lang), v=fmt_share(v, sub, v.total, lang))
        text = t["rank"].format(scope=scope, what=what, question=t["rank_question"].format(question=q) if q else "",
                                top=top, overall=overall, low=bottom, bench=bench)
        cites = []
        # Every group the sentence names, with its share (and its base when computed from counts).
        for g in dict.fromkeys([lead, *ties[:3], low, *lows[-1:], *([v.total] if bench else [])]):
            cites.append(v.cell(sub, g))
            if with_base and v.base_cell(sub, g):
                cites.append(v.base_cell(sub, g))
        # Headline first: a clear lead (no tie at the top) over a tied one, a bloc's own ranking first.
        # A ranking reads after a count across groups ("first in 7 of 9"); a clear lead over a tied one.
        weight = (0.8 if seg in ("in", "all") else 0.75) + (0.08 if not ties else 0.05 if seg == "in" else 0.0)
        out.append(Finding(f"{key}|rank|{seg}", theme, v.table.key, "leader", text,
                           fmt_share(v, sub, lead, lang), t["headline_rank"].format(what=what, group=v.group_label(lead, lang)),
                           tuple(dict.fromkeys(cites)), weight,
                           derivation=derive.join(_count(v, sub, gs, lang),
                                                  _count(v, sub, allg, lang) if overall else "", lang=lang)))
    if opp is not None:
        out += _outnumber(v, sub, opp, key, theme, lang)
    caveat = _caveats(v, lang)
    if caveat:
        out.append(Finding(f"{key}|caveat", theme, v.table.key, "caveat", caveat, "", "",
                           (v.table.provenance.cite(),), 0.5))
    return out


def net_word(label: str, lang: str) -> str:
    m = _NET_WORD.match(label)
    return (m.group("w") or m.group("v")).lower() if m else ""


def _outnumber(v: XView, sub: int, opp: int, key, theme, lang) -> list[Finding]:
    """Groups where the opposite NET is larger than the substantive one (beyond the margin of error),
    counted per segment (EU members, the others)."""
    t = _t(lang)
    parts, cites, tied_all, hows = [], [], [], []
    for seg, gs, label, bloc in _segments(v, lang):
        gs = [g for g in gs if v.share(sub, g) is not None and v.share(opp, g) is not None]
        more = [g for g in gs if v.share(opp, g) > v.share(sub, g)]
        sig = [g for g in more if within(v, opp, sub, g, lang) is not False]
        tied_all += [g for g in more if g not in sig]
        items = [t["versus"].format(group=v.group_label(g, lang), a=fmt_share(v, opp, g, lang, True),
                                    b=fmt_share(v, sub, g, lang)) for g in sorted(sig, key=lambda g: -v.share(opp, g))]
        scope = t["count_" + seg].format(n=len(gs), label=label, groups=groups_word(v, lang, len(gs)))
        hows += [_count(v, opp, sig, lang, "count_more"), _count(v, sub, gs, lang)]
        if not sig:
            parts.append(t["outnumber_none"].format(scope=scope))
            continue
        parts.append(t["outnumber_part"].format(only=t["only"] if len(sig) == 1 else "", k=len(sig), scope=scope,
                                                items=t["items_sep"] + join(lang, items)))
        for g in sig:
            cites += [v.cell(opp, g), v.cell(sub, g)]
            if v.count(opp, g) is not None and v.base_cell(opp, g):
                cites.append(v.base_cell(opp, g))
    if not cites:
        return []
    a, b = net_word(v.answer_label(opp, "en"), lang), net_word(v.answer_label(sub, "en"), lang)
    if lang == "en" and a and b:
        text = t["outnumber"].format(what=a.capitalize(), other=b, parts=t["part_sep"].join(parts))
    else:
        text = t["outnumber_quoted"].format(what=v.answer_label(opp, lang), other=v.answer_label(sub, lang),
                                            parts=t["part_sep"].join(parts))
    if tied_all:
        text += t["outnumber_tied"].format(groups=join(lang, [v.group_label(g, lang) for g in tied_all]))
    return [Finding(f"{key}|outnumber", theme, v.table.key, "fact", text, "", "", tuple(dict.fromkeys(cites)), 0.82,
                    derivation=derive.join(*hows, lang=lang))]


def _caveats(v: XView, lang: str) -> str:
    t = _t(lang)
    bits = []
    if v.table.derivation and any(v.table.columns[c].counts for c in range(len(v.table.columns))):
        bits.append(t["derived"])
    segs = _segments(v, lang)
    if segs[0][0] == "in" and not any(role == "aggregate" for _, role, _ in v.table.row_roles):
        from briefing.ingest.crosstab import geo
        bits.append(t["no_bloc_figure"].format(bloc=geo().get("bloc", {}).get(segs[0][3], {}).get(lang, segs[0][3])))
    subs = [r for r, role, _ in v.table.row_roles if role == "subsample"]
    if subs:
        from briefing.ingest.crosstab import place
        g = v.table.role("group")
        names = []
        of = ""
        for r in subs:
            raw = str(v.table.columns[g].values[r])
            p = place(raw)
            names.append(t["code_named"].format(code=raw, name=v.table.code_name(raw, lang)))
            if p and p[2].get("of"):
                of = v.table.code_name(p[2]["of"], lang)
        bits.append(t["subsamples"].format(items=join(lang, names), of=of))
    return " ".join(bits) if lang == "en" else "".join(bits)
