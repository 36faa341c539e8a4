"""Findings for series tables (pivoted long files, year blocks, a label column and a column per period).

Typed insights, each a sentence with its number, group and period, citing the cells it rests on:
level of the headline (the total / benchmark row, or the sum of the lines when the measure is an
amount and the file gives no total: a derivation citing every line; shares are never summed or
averaged), change latest against the comparable earlier period (the same month a year earlier for
monthly series, the previous whole period otherwise) and first to latest, the peak, the ranking of
the members in the latest period (totals, aggregates and rows outside the benchmark's membership kept
out of it), the gap to the benchmark, the share of the largest line in the total, counts across groups
("4 of 5 rose; only Japan fell"), partial periods (January-July) reported apart and never compared
with whole ones, and indicators that are not what they seem (considering AI is not using it).

Wording in resources/phrasing/<lang>.toml [series]; nothing is phrased in code.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from briefing.analysis import derive
from briefing.analysis.numbers import _num, decimals_for, fmt_value
from briefing.analysis.phrasing import join, load
from briefing.model import Finding, Table

_MONEY = re.compile(r"^(USD|EUR|CNY|GBP|JPY)\s*(.*)$")
_SCALES = {"": 1.0, "thousand": 1e3, "ten thousand": 1e4, "million": 1e6, "hundred million": 1e8, "billion": 1e9}
CLOSE = 0.05     # a value within 5% (relative) of the lowest is "just above" it, not clearly apart


def _t(lang: str) -> dict:
    return load(lang)["series"]


@dataclass(frozen=True)
class SeriesView:
    table: Table
    label: int
    code: int | None
    periods: tuple[int, ...]       # date order
    whole: tuple[int, ...]         # periods of the usual length
    partial: tuple[int, ...]
    bench: int | None              # the total / benchmark row
    members: tuple[int, ...]       # rows ranked
    outside: tuple[int, ...]
    monthly: bool
    span: int                      # months each value covers (3 for a three-month moving average)


def _dates(t: Table, col: int) -> tuple[dt.date, dt.date] | None:
    p = t.period(col)
    if p is None or not p.start:
        return None
    return dt.date.fromisoformat(p.start), dt.date.fromisoformat(p.end)


def _months(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month + 1


def view_of(t: Table) -> SeriesView | None:
    if t.layout != "series" or not t.period_columns:
        return None
    periods = tuple(t.period_columns)
    spans = {c: _months(*d) for c in periods if (d := _dates(t, c))}
    usual = max(set(spans.values()), key=list(spans.values()).count) if spans else 12
    partial = tuple(c for c in periods if spans.get(c, usual) < usual)
    whole = tuple(c for c in periods if c not in partial)
    ends = [d[1] for c in periods if (d := _dates(t, c))]
    monthly = len(ends) >= 13 and all(_months(a, b) == 2 for a, b in zip(ends, ends[1:]))
    label = t.role("label") if t.role("label") is not None else 0
    code = t.role("code")
    bench = next(iter(t.rows_with_role("total")), None)
    out = set(t.rows_with_role("outside"))
    agg = set(t.rows_with_role("aggregate"))
    members = tuple(r for r in range(t.n_rows) if r != bench and r not in out and r not in agg)
    return SeriesView(t, label, code, periods, whole, partial, bench, members, tuple(sorted(out)), monthly,
                      usual if monthly else 12)


# ---------------------------------------------------------------- formatting

def money_parts(unit: str) -> tuple[str, float] | None:
    m = _MONEY.match(unit or "")
    if not m or m.group(2).strip().lower() not in _SCALES:
        return None
    return m.group(1), _SCALES[m.group(2).strip().lower()]


def amount(v: float, unit: str, lang: str, dec: int | None = None) -> str:
    """165042202 in "USD thousand" -> "US$165.04 billion" / "1,650.42亿美元"."""
    mp = money_parts(unit)
    if mp is None:
        return _num(v, 2 if dec is None else dec, lang) + (f" {unit}" if unit else "")
    cur, scale = mp
    base = v * scale
    t = _t(lang)
    for limit, key in t["money_scales"]:
        if abs(base) >= float(limit):
            x = base / float(limit)
            return t["money"][cur].format(v=_num(x, 2, lang), scale=key) if cur in t["money"] else \
                f"{cur} {_num(x, 2, lang)} {key}"
    return t["money"].get(cur, cur + " {v}{scale}").format(v=_num(base, 0, lang), scale="")


def _value(v: SeriesView, c: int, r: int, lang: str, dec: int) -> str:
    col = v.table.columns[c]
    x = col.values[r]
    if col.kind == "percent":
        return fmt_value(x, "percent", "", lang, dec, col.bound(r))
    if col.kind == "money" or money_parts(col.unit):
        return amount(x, col.unit, lang)
    return fmt_value(x, col.kind, col.unit, lang, dec, col.bound(r))


def period_name(v: SeriesView, c: int, lang: str, plain: bool = False) -> str:
    """"2024", "January-July 2025 (preliminary)", "the three months to November 2023", "November 2023"."""
    t = _t(lang)
    months = load(lang)["months"]["long"]
    d = _dates(v.table, c)
    info = v.table.period(c)
    if d is None:
        return v.table.columns[c].name
    a, b = d
    n = _months(a, b)
    if n == 12 and a.month == 1:
        text = t["period_year"].format(year=a.year)
    elif n == 1:
        text = t["period_month"].format(month=months[b.month - 1], year=b.year)
    elif v.monthly and n == v.span:
        text = t["period_moving_plain" if plain else "period_moving"].format(n=t["numbers"].get(str(n), str(n)), month=months[b.month - 1], year=b.year)
    elif a.year == b.year:
        text = t["period_months"].format(m1=months[a.month - 1], m2=months[b.month - 1], year=a.year)
    else:
        text = t["period_range"].format(m1=months[a.month - 1], y1=a.year, m2=months[b.month - 1], y2=b.year)
    if info is not None and info.status == "preliminary":
        text = t["preliminary"].format(period=text)
    return text


def row_name(v: SeriesView, r: int, lang: str) -> str:
    t = v.table
    label = str(t.columns[v.label].values[r] or "")
    code = str(t.columns[v.code].values[r]) if v.code is not None else ""
    if lang == "zh" and code:
        zh = next((z for c, _, z, _ in t.codes if c == code and z), "")
        label = zh or label
    elif lang == "zh":
        zh = next((z for c, en, z, _ in t.codes if en == label and z), "")
        label = zh or label
    if code and code.isdigit() and len(code) >= 6:      # a product line: its code leads, as customs write it
        return _t(lang)["product"].format(code=code, name=_short(label))
    return label


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"


def _bench_name(v: SeriesView, lang: str) -> str:
    return row_name(v, v.bench, lang) if v.bench is not None else ""


def _measure(v: SeriesView, lang: str) -> str:
    t = v.table
    if lang == "zh":
        ind = [z for c, en, z, src in t.codes if src not in ("scope",) and en and en in t.title and z]
        if ind:
            return ind[0]
    title = re.sub(r"\s*\((?:in\s+)?(?:thousands?|millions?|billions?)\s+of\s+[^)]*\)", "", t.title)
    return re.sub(r",\s+by\s+.*$", "", title)


def _scope(v: SeriesView, lang: str) -> str:
    sc = [(en, zh) for c, en, zh, src in v.table.codes if src == "scope"]
    sc = [x for x in sc if not re.match(r"^all activities", x[0], re.I)] or sc
    return sc[0][1 if lang == "zh" else 0] if sc else ""


def _caveat(v: SeriesView, lang: str) -> str:
    from briefing.ingest.tidy import code_list   # the code lists are data in resources/codes
    notes = code_list("indic_is").get("not_use", {})
    for c, _, _, _ in v.table.codes:
        if c in notes:
            return notes[c][1 if lang == "zh" else 0]
    return ""


def _noun(v: SeriesView, lang: str) -> str:
    header = v.table.columns[v.label].name
    for rx, word in _t(lang)["nouns"]:
        if re.search(rx, header, re.I):
            return word
    return _t(lang)["noun_default"]


def _dec(v: SeriesView) -> int:
    cols = v.table.columns
    vals = [cols[c].values[r] for c in v.periods for r in range(v.table.n_rows) if cols[c].values[r] is not None]
    kind = cols[v.periods[-1]].kind
    return decimals_for(vals[:2000], kind)


def _pct(x: float, lang: str) -> str:
    return _num(abs(x), 1, lang) + "%"


def _change(v: SeriesView, a: float, b: float, kind: str, lang: str, dec: int) -> tuple[str, float]:
    """("up 5.3%", +5.3) / ("down 1.5 points", -1.5) / ("unchanged", 0)."""
    t = _t(lang)
    if kind == "percent":
        d = (b - a) * 100
        if round(abs(d), dec) == 0:
            return t["flat"], 0.0
        pts = load(lang)["units"]["points"].format(v=_num(abs(d), dec, lang))
        return (t["up_pts"] if d > 0 else t["down_pts"]).format(gap=pts), d
    if a == 0:
        return "", 0.0
    d = (b - a) / abs(a) * 100
    if round(abs(d), 1) == 0:
        return t["flat"], 0.0
    return (t["up_pct"] if d > 0 else t["down_pct"]).format(pct=_pct(d, lang)), d


# ---------------------------------------------------------------- the findings

def series_findings(table: Table, shape, theme: str, lang: str) -> list[Finding]:
    v = view_of(table)
    if v is None:
        return []
    t = _t(lang)
    cols = table.columns
    dec = _dec(v)
    key = f"{theme}|{table.title}"
    out: list[Finding] = []
    measure = _measure(v, lang)
    kind = cols[v.periods[-1]].kind
    additive = kind in ("money", "count") or bool(money_parts(cols[v.periods[-1]].unit))
    noun = _noun(v, lang)

    def val(c: int, r: int) -> str:
        return _value(v, c, r, lang, dec)

    def cite(r: int, *cs: int) -> str:
        return table.cite_row(r, (v.label, *cs))

    def ref(c: int, r: int | None = None) -> str:
        """The cell of row r in period c (the headline's when r is None), without the sheet."""
        if r is None:
            return head_cite[c].rpartition("!")[2] if not derived else derive.total(
                lang, hval(c), table.cite_column(c).rpartition("!")[2],
                len([x for x in v.members if cols[c].values[x] is not None]))
        return table.cell_ref(r, c)

    def dchange(a_text: str, a_ref: str, b_text: str, b_ref: str, how_kind: str, ch: str) -> str:
        """The derivation of a change from b to a: a difference in points, else a change in per cent."""
        sign = "−" if re.search(r"down|fell|下降|减少|低", ch) else "+"
        num = next(iter(re.findall(r"[\d.,]+%?", ch)), "")
        if not num:
            return ""
        if how_kind == "percent":
            return derive.difference(lang, a_text, a_ref, b_text, b_ref, sign + num)
        return derive.change(lang, a_text, a_ref, b_text, b_ref, sign + num)

    # The headline series: the benchmark row, or the sum of the lines of an amount with no total.
    head: dict[int, float] = {}
    head_cite: dict[int, str] = {}
    derived = False
    if v.bench is not None:
        for c in v.periods:
            if cols[c].values[v.bench] is not None:
                head[c] = cols[c].values[v.bench]
                head_cite[c] = cite(v.bench, c)
    elif additive and len(v.members) >= 2:
        derived = True
        for c in v.periods:
            xs = [cols[c].values[r] for r in v.members if cols[c].values[r] is not None]
            if xs:
                head[c] = sum(xs)
                head_cite[c] = table.cite_column(c)

    def hval(c: int) -> str:
        if derived or kind != "percent":
            return amount(head[c], cols[c].unit, lang) if money_parts(cols[c].unit) else \
                fmt_value(head[c], kind, cols[c].unit, lang, dec)
        return fmt_value(head[c], "percent", "", lang, dec)

    whole_h = [c for c in v.whole if c in head]
    latest = whole_h[-1] if whole_h else None
    if latest is None:
        with_vals = [c for c in v.whole if any(cols[c].values[r] is not None for r in v.members)]
        latest = with_vals[-1] if with_vals else None
    if latest is None:
        return out
    hname = t["total_of"].format(measure=measure) if derived and not re.match(r"^total\b|合计|總", measure, re.I) \
        else measure
    where = _bench_name(v, lang)
    scope = _scope(v, lang)
    caveat = _caveat(v, lang)

    def comparable(c: int, among: list[int]) -> int | None:
        """The period `c` is compared with: a year earlier for monthly series, else the previous one."""
        if c not in among:
            return None
        k = among.index(c)
        if v.monthly:
            a = _dates(table, c)[1]
            return next((p for p in among[:k] if _dates(table, p)[1].year == a.year - 1
                         and _dates(table, p)[1].month == a.month), None)
        return among[k - 1] if k else None

    # 1. level and change of the headline
    if latest in head:
        prev = comparable(latest, whole_h)
        fields = dict(measure=hname, value=hval(latest), period=period_name(v, latest, lang), where=where,
                      scope=scope)
        if prev is not None:
            ch, d = _change(v, head[prev], head[latest], "percent" if kind == "percent" and not derived else "x",
                            lang, dec)
            text = t["level_change_yoy" if v.monthly else "level_change"].format(
                change=ch, prev=hval(prev), prev_period=period_name(v, prev, lang), **fields)
            cites = (head_cite[latest], head_cite[prev])
            how = derive.join(ref(latest) if derived else "", ref(prev) if derived else "",
                              dchange(hval(latest), ref(latest) if not derived else table.cite_column(latest)
                                      .rpartition("!")[2], hval(prev), ref(prev) if not derived else
                                      table.cite_column(prev).rpartition("!")[2],
                                      "percent" if kind == "percent" and not derived else "x", ch), lang=lang)
        else:
            text = t["level_scope" if scope and where else "level_where" if where else "level"].format(**fields)
            cites = (head_cite[latest],)
            how = ref(latest) if derived else ""
        if caveat and not re.search(r"not use|并非", measure):
            text = text[:-1] + t["caveat"].format(note=caveat)
        out.append(Finding(f"{key}|series_level", theme, table.key, "level", text, hval(latest),
                           t["callout"].format(measure=_short(hname, 50), period=period_name(v, latest, lang)),
                           cites, 1.0, derivation=how))
        # 2. the long run: first to latest, and the peak
        first = whole_h[0]
        if first != latest and first != prev and len(whole_h) >= 3:
            parts = []
            hows = [ref(first), ref(latest)] if derived else []
            r_first, r_latest = (table.cite_column(first).rpartition("!")[2], table.cite_column(latest)
                                 .rpartition("!")[2]) if derived else (ref(first), ref(latest))
            if kind != "percent" or derived:
                ratio = head[latest] / head[first] if head[first] else 0
                if ratio >= 1.95:
                    parts.append(t["times_first"].format(times=_num(ratio, 1, lang), first=hval(first),
                                                         first_period=period_name(v, first, lang, True)))
                    hows.append(derive.ratio(lang, hval(latest), r_latest, hval(first), r_first, _num(ratio, 1, lang)))
                else:
                    ch, _ = _change(v, head[first], head[latest], "x", lang, dec)
                    parts.append(t["since_first"].format(change=ch, first=hval(first),
                                                         first_period=period_name(v, first, lang, True)))
                    hows.append(dchange(hval(latest), r_latest, hval(first), r_first, "x", ch))
            else:
                ch, _ = _change(v, head[first], head[latest], "percent", lang, dec)
                parts.append(t["since_first"].format(change=ch, first=hval(first),
                                                     first_period=period_name(v, first, lang, True)))
                hows.append(dchange(hval(latest), r_latest, hval(first), r_first, "percent", ch))
            peak = max(whole_h, key=lambda c: head[c])
            cs = [head_cite[first]]
            if peak not in (latest, first) and len(whole_h) >= 4:
                below = (head[peak] - head[latest]) / abs(head[peak]) * 100 if kind != "percent" or derived else None
                parts.append(t["peak"].format(peak=hval(peak), peak_period=period_name(v, peak, lang, True),
                                              below=_pct(below, lang) if below is not None else
                                              load(lang)["units"]["points"].format(
                                                  v=_num((head[peak] - head[latest]) * 100, dec, lang))))
                cs.append(head_cite[peak])
                r_peak = table.cite_column(peak).rpartition("!")[2] if derived else ref(peak)
                if derived:
                    hows.append(ref(peak))
                hows.append(derive.change(lang, hval(latest), r_latest, hval(peak), r_peak, "−" + _pct(below, lang))
                            if below is not None else derive.difference(
                                lang, hval(peak), r_peak, hval(latest), r_latest,
                                load(lang)["units"]["points"].format(
                                    v=_num((head[peak] - head[latest]) * 100, dec, lang))))
            out.append(Finding(f"{key}|series_long", theme, table.key, "change",
                               t["long_run"].format(parts=t["and"].join(parts)), cites=tuple(cs), weight=0.92,
                               derivation=derive.join(*hows, lang=lang)))

    # 3. ranking of the members in the latest period
    ranked = sorted((r for r in v.members if cols[latest].values[r] is not None), key=lambda r: -cols[latest].values[r])
    if len(ranked) >= 2:
        top, second, low = ranked[0], ranked[1], ranked[-1]
        comp = comparable(latest, [c for c in v.whole if cols[c].values[top] is not None])
        first_top = next((c for c in v.whole if cols[c].values[top] is not None), None)
        top_text = val(latest, top)
        cs = [cite(top, latest)]
        if derived and latest in head and head[latest]:
            share = cols[latest].values[top] / head[latest] * 100
            text = t["largest_line"].format(label=row_name(v, top, lang), value=top_text,
                                            period=period_name(v, latest, lang), share=_pct(share, lang))
            out.append(Finding(f"{key}|series_top", theme, table.key, "leader", text, cites=tuple(cs), weight=0.9,
                               derivation=derive.join(ref(latest), derive.ratio(
                                   lang, top_text, table.cell_ref(top, latest), hval(latest),
                                   table.cite_column(latest).rpartition("!")[2], _pct(share, lang)), lang=lang)))
        else:
            extra = ""
            hows = [derive.count(lang, len(ranked), table.cite_column(latest).rpartition("!")[2], "count_rows")]
            if v.monthly and comp is not None:
                ch, _ = _change(v, cols[comp].values[top], cols[latest].values[top], kind, lang, dec)
                extra = t["top_change_yoy"].format(change=ch)
                cs.append(cite(top, comp))
                hows.append(dchange(top_text, ref(latest, top), val(comp, top), ref(comp, top), kind, ch))
            elif first_top is not None and first_top != latest and kind == "percent":
                extra = t["top_from"].format(first=val(first_top, top), first_period=period_name(v, first_top, lang))
                cs.append(cite(top, first_top))
            lows = [r for r in ranked[-3:-1] if cols[latest].values[r] - cols[latest].values[low]
                    <= CLOSE * max(abs(cols[latest].values[low]), 1e-9) * 3 and r not in (top, second)]
            low_extra = ""
            if lows and kind == "percent":
                cs += [cite(r, latest) for r in lows]
                low_extra = t["low_close"].format(others=join(lang, [f"{row_name(v, r, lang)} ({val(latest, r)})"
                                                                    for r in reversed(lows)]))
            bench_text = ""
            if v.bench is not None and cols[latest].values[v.bench] is not None and kind == "percent":
                bench_text = t["vs_bench"].format(bench=where, value=val(latest, v.bench))
                cs.append(cite(v.bench, latest))
            key_name = "rank_largest" if kind != "percent" else "rank"
            text = t[key_name].format(n=len(ranked), noun=noun, measure=_lower(measure, lang),
                                      period=period_name(v, latest, lang), top=row_name(v, top, lang),
                                      top_value=top_text, top_extra=extra,
                                      second=row_name(v, second, lang), second_value=val(latest, second),
                                      low=row_name(v, low, lang), low_value=val(latest, low), low_extra=low_extra,
                                      bench=bench_text)
            cs += [cite(second, latest), cite(low, latest)]
            out.append(Finding(f"{key}|series_rank", theme, table.key, "leader", text,
                               "" if latest in head else top_text,
                               "" if latest in head else t["callout"].format(measure=_short(measure, 50),
                                                                           period=period_name(v, latest, lang)),
                               tuple(dict.fromkeys(cs)), 0.95 if latest in head else 1.0,
                               derivation=derive.join(*hows, lang=lang)))

    # 4. counts across groups: who rose, who fell (latest against the comparable period; every step too)
    comp_all = comparable(latest, list(v.whole))
    base_c = comp_all if (v.monthly or len(v.whole) < 3) else v.whole[0]
    if base_c is not None and base_c != latest:
        pairs = [(r, cols[base_c].values[r], cols[latest].values[r]) for r in v.members
                 if cols[base_c].values[r] is not None and cols[latest].values[r] is not None]
        if len(pairs) >= 3:
            up = [r for r, a, b in pairs if b > a]
            down = [r for r, a, b in pairs if b < a]
            steps = [c for c in v.whole if _dates(table, c)[0] >= _dates(table, base_c)[0]
                     and _dates(table, c)[1] <= _dates(table, latest)[1]]
            every = all(all(cols[x].values[r] is not None and cols[y].values[r] is not None
                            and cols[y].values[r] > cols[x].values[r] for x, y in zip(steps, steps[1:]))
                        for r, _, _ in pairs) and len(steps) > 2
            span = dict(first_period=period_name(v, base_c, lang, True), period=period_name(v, latest, lang, True))
            both = f"{table.cite_column(base_c).rpartition('!')[2]}, {table.cite_column(latest).rpartition('!')[2]}"
            how = derive.join(derive.count(lang, len(up), both, "count_rose", fell=len(down)),
                              derive.count(lang, len(pairs), both, "count_rows"), lang=lang)
            if len(up) == len(pairs):
                text = t["all_rose_each" if every else "all_rose"].format(n=len(pairs), noun=noun, **span)
                cs = (table.cite_column(base_c), table.cite_column(latest))
            elif len(down) == 1 and len(up) == len(pairs) - 1:
                r = down[0]
                ch, _ = _change(v, cols[base_c].values[r], cols[latest].values[r], kind, lang, dec)
                text = t["only_one_fell_yoy" if v.monthly else "only_one_fell"].format(
                    k=len(up), n=len(pairs), noun=noun, label=row_name(v, r, lang), change=ch,
                    value=val(latest, r), **span)
                cs = (cite(r, base_c, latest),)
                how = derive.join(how, dchange(val(latest, r), ref(latest, r), val(base_c, r), ref(base_c, r),
                                               kind, ch), lang=lang)
            else:
                text = t["rose_fell"].format(k=len(up), m=len(down), n=len(pairs), noun=noun, **span)
                cs = (table.cite_column(base_c), table.cite_column(latest))
            out.append(Finding(f"{key}|series_count", theme, table.key, "change", text, cites=cs, weight=0.88,
                               derivation=how))

    # 5. partial periods, reported apart
    for c in v.partial:
        if derived or v.bench is not None:
            if c not in head:
                continue
            value = hval(c)
            cs = (head_cite[c],)
        else:
            continue
        text = t["partial"].format(measure=hname, value=value, period=period_name(v, c, lang))
        out.append(Finding(f"{key}|series_partial|{cols[c].name}", theme, table.key, "fact", text, cites=cs,
                           weight=0.86, derivation=ref(c) if derived else ""))

    # 6. rows outside the benchmark's membership: said apart, never ranked with the members
    outs = sorted((r for r in v.outside if cols[latest].values[r] is not None), key=lambda r: cols[latest].values[r])
    if len(outs) >= 2 and where:
        text = t["outside"].format(n=len(outs), bench=where, low=row_name(v, outs[0], lang),
                                   low_value=val(latest, outs[0]), high=row_name(v, outs[-1], lang),
                                   high_value=val(latest, outs[-1]), period=period_name(v, latest, lang))
        out.append(Finding(f"{key}|series_outside", theme, table.key, "fact", text,
                           cites=(cite(outs[0], latest), cite(outs[-1], latest)), weight=0.5,
                           derivation=derive.count(lang, len(outs), table.cite_column(latest).rpartition("!")[2],
                                                   "count_outside", bench=where)))
    elif len(outs) >= 2 and ranked:
        bloc = next((m.group(1) for r, role, why in table.row_roles if role == "outside"
                     and (m := re.search(r"member of (\S+)", why))), "")
        text = t["outside_none"].format(labels=join(lang, [row_name(v, r, lang) for r in outs]),
                                        bench=_code_name(bloc, lang))
        out.append(Finding(f"{key}|series_outside", theme, table.key, "fact", text,
                           cites=tuple(cite(r, latest) for r in outs[:3]), weight=0.4))
    from briefing.ingest.tidy import code_list
    il = code_list("indic_is")
    codes = {c for c, _, _, _ in table.codes}
    factor = 0.7 if codes & set(il.get("not_use", {})) else 1.05 if codes & set(il.get("headline", [])) else 1.0
    if factor != 1.0:
        # An indicator that is not use gets no big-number callout: its number is read in its sentence.
        out = [replace(f, headline=f.headline if factor > 1 else "",
                       headline_label=f.headline_label if factor > 1 else "", weight=round(f.weight * factor, 3))
               for f in out]
    return out


def _code_name(code: str, lang: str) -> str:
    from briefing.ingest.tidy import code_list
    names = code_list("geo").get("codes", {}).get(code)
    return (names[1] if lang == "zh" else names[0]) if names else code


def _lower(text: str, lang: str) -> str:
    if lang == "en" and len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
