"""Findings for a table of categories and values: leader, laggard, gaps to a benchmark, spread."""
from __future__ import annotations

from briefing.analysis import derive
from briefing.analysis.numbers import decimals_for, fmt_gap, fmt_value
from briefing.analysis.phrasing import join, name, say
from briefing.analysis.series import likert_columns, period_columns
from briefing.analysis.shape import Shape, key_labels
from briefing.analysis.stats import difference_test, differs, small_base_limit, small_bases
from briefing.model import Finding, Table


def gap_bound(a: str, b: str) -> str:
    """The bound of a - b given the bounds of a and b: more than 80 minus 54 is more than 26."""
    if not a and not b:
        return ""
    if "~" in (a, b):
        return "~"
    if a == ">" and not b or b in ("<", "<=") and not a:
        return ">"
    if a in ("<", "<=") and not b or b == ">" and not a:
        return "<=" if "<=" in (a, b) else "<"
    return "~"


# Measures of different kinds in one table ranked one by one: the first few (the table has the rest).
MAX_MEASURES = 6


def measure_name(table: Table, col: int, lang: str = "en") -> str:
    """What the numbers measure: the table title, or the column's own term when the title is only
    the sheet's name (a sheet with no title row)."""
    name = table.columns[col].name
    if table.title and (table.title != table.sheet or table.term(name) == name):
        return table.term(table.title, lang)
    return table.term(name, lang)


def _separate_measures(table: Table, numeric: tuple[int, ...]) -> bool:
    """Columns that measure different things (an amount beside a ratio, different units) are
    ranked one by one, each with its own benchmark or total."""
    cols = [table.columns[i] for i in numeric]
    return len({(c.kind, c.unit) for c in cols}) > 1 or any(table.term(c.name) != c.name for c in cols)


def display_labels(table: Table, col: int, lang: str) -> list:
    """The label column as the briefing names its values: codes and Chinese names translated by
    the code list that named them (广东 -> Guangdong in English)."""
    values = table.columns[col].values
    if not table.codes:
        return list(values)
    main = next((i for i, c in enumerate(table.columns) if c.kind == "label"), col)
    known = {code for code, *_ in table.codes}
    out = []
    for r, v in enumerate(values):
        key = table.columns[main].values[r]
        key = " ".join(str(key).split()) if key is not None else None
        # A twin column (Region beside 地区) is named through the row's code, so both read alike.
        out.append(table.code_name(key, lang) if key in known else v)
    return out


def members_noun(table: Table, lang: str) -> str:
    """What the rows of `table` are ("states", "省份") by the code list that named them, else ""."""
    from briefing.ingest.publisher import code_list_named
    for cl in filter(None, (code_list_named(c[3]) for c in table.codes)):
        if cl.get("members"):
            en, zh = (list(cl["members"]) + [""])[:2]
            return zh or en if lang == "zh" else en
    return ""


def _members_noun(table: Table, lang: str) -> str:
    return members_noun(table, lang) or say(lang, "totals", "members")


def categorical_findings(table: Table, shape: Shape, theme: str, lang: str) -> list[Finding]:
    numeric = tuple(shape.values)
    periods = period_columns(table, numeric, least=2)
    if periods:
        from briefing.analysis.trends import trend_findings
        return trend_findings(table, shape, periods, theme, lang)
    likert, neutral = likert_columns(table, numeric)
    if likert:
        from briefing.analysis.trends import likert_findings
        return likert_findings(table, shape, likert, neutral, theme, lang)
    if len(numeric) > 1 and _separate_measures(table, numeric):
        from dataclasses import replace as _replace
        from briefing.analysis.shape import benchmark_and_total, benchmark_row, translations
        # The benchmark row and the label's twins once for the table, not once per column (a sheet
        # of 16,384 columns made that quadratic); and a briefing ranks a few measures, not thousands.
        main = next((i for i, c in enumerate(table.columns) if c.kind == "label"), None)
        twins = {main, *translations(table, main)}
        bench0 = benchmark_row(table)
        out = []
        for ci in numeric[:MAX_MEASURES]:
            bench, total = benchmark_and_total(table, ci, twins, bench0)
            one = _replace(shape, values=(ci,), benchmark_row=bench, total_row=total)
            measure = (measure_name(table, ci, lang) if table.title == table.sheet or not table.title else
                       f"{table.term(table.title, lang)} ({table.term(table.columns[ci].name, lang)})")
            out.extend(ranked_findings(table, one, ci, theme, lang, measure=measure,
                                       key_suffix=f"|{table.columns[ci].name}"))
        return out
    col = table.columns[numeric[0]]
    measure = None
    if len(numeric) > 1 and table.title:
        # Several measures: say which one the ranking is about.
        measure = f"{table.title} ({col.name})" if lang == "en" else f"{table.title}（{col.name}）"
    return ranked_findings(table, shape, numeric[0], theme, lang, measure=measure)


def ranked_findings(table: Table, shape: Shape, col_i: int, theme: str, lang: str,
                    measure: str | None = None, key_suffix: str = "") -> list[Finding]:
    """Leader, gaps to the benchmark, laggard and spread of one numeric column; no lead is
    claimed inside the margin of error, and values on small bases are flagged."""
    col = table.columns[col_i]
    raw_labels = display_labels(table, shape.label, lang)
    # Keys name rows by the source's own label, so a finding is the same one in either language.
    source_labels = key_labels(table, shape)
    labels = [name(lang, str(v)) if v else v for v in raw_labels]
    starts = [name(lang, str(v), start=True) if v else v for v in raw_labels]
    rows = [r for r, v in enumerate(col.values) if v is not None and labels[r]]
    if not rows:
        return []
    dec = decimals_for([col.values[r] for r in rows], col.kind)
    # Gaps get no more precision than the values they come from.
    gdec = dec

    def val(r: int) -> str:
        return fmt_value(col.values[r], col.kind, col.unit, lang, dec, col.bound(r))

    def gap(a: int, b: int) -> str:
        return fmt_gap(col.values[a] - col.values[b], col.kind, col.unit, lang,
                       gap_bound(col.bound(a), col.bound(b)), gdec)

    def cite(*rs: int) -> tuple[str, ...]:
        return tuple(table.cite_row(r, (shape.label, col_i)) for r in rs)

    def dgap(a: int, b: int) -> str:
        return derive.difference(lang, val(a), table.cell_ref(a, col_i), val(b), table.cell_ref(b, col_i), gap(a, b))

    def dcount(k: int, what: str, **fields) -> str:
        return derive.count(lang, k, table.cite_column(col_i).rpartition("!")[2], what, **fields)

    measure = measure or measure_name(table, col_i, lang)
    key = f"{theme}|{table.title}{key_suffix}"
    bench = shape.benchmark_row if shape.benchmark_row in rows else None
    items = sorted((r for r in rows if r not in (bench, shape.total_row) and r not in shape.excluded),
                   key=lambda r: -col.values[r])
    out: list[Finding] = []
    if not items:
        return out
    total = shape.total_row if shape.total_row in rows else None
    share_finding = None
    if total is not None and col.values[total] and all(col.values[r] >= 0 for r in items):
        share = col.values[items[0]] / col.values[total]
        total_label = _lower_first(labels[total], lang)
        if table.row_role(total) == "total":
            # The national (or all-groups) total is the headline of an amount.
            out.append(Finding(f"{key}|total", theme, table.key, "fact", say(
                lang, "totals", "total_level", measure=measure, total_label=total_label, value=val(total)),
                val(total), say(lang, "findings", "callout_label", label=raw_labels[total], measure=measure),
                cite(total), 1.0))
        if 0 < share <= 1:
            pct = round(share * 100, 1)
            share_finding = Finding(f"{key}|largest_share", theme, table.key, "share", say(
                lang, "totals", "largest_share", leader=starts[items[0]], value=val(items[0]),
                share=fmt_value(share, "percent", "", lang, 0 if pct.is_integer() else 1),
                total_label=total_label, total_value=val(total)), "", "", cite(items[0], total), 0.9,
                derivation=f"{val(items[0])} / {val(total)} = {share * 100:.1f}%")
    leader = items[0]
    headline = fmt_value(col.values[leader], col.kind, col.unit, lang, dec, col.bound(leader), short=True)
    callout = say(lang, "findings", "callout_label", label=raw_labels[leader], measure=measure)
    # No lead is claimed over a runner-up (or a benchmark) inside the margin of error.
    tie = None
    if len(items) >= 2 and differs(col, leader, items[1], lang) is False:
        tie = items[1]
    elif bench is not None and differs(col, leader, bench, lang) is False:
        tie = bench
    if tie is not None:
        tie_label = _lower_first(labels[tie], lang) if tie == bench else labels[tie]
        out.append(Finding(f"{key}|leader", theme, table.key, "leader", say(
            lang, "findings_extra", "leader_tied", measure=measure, leader=labels[leader], value=val(leader),
            second=tie_label, second_value=val(tie), gap=gap(leader, tie)),
            "", "", cite(leader, tie), 0.9, test=difference_test(col, leader, tie, lang),
            derivation=dgap(leader, tie)))
        if bench is not None:
            for r in items[1:4]:
                if r != tie and differs(col, r, bench, lang) is True:
                    above = col.values[r] >= col.values[bench]
                    out.append(Finding(f"{key}|vs_benchmark|{source_labels[r]}", theme, table.key, "gap", say(
                        lang, "findings", "above_benchmark" if above else "below_benchmark", label=starts[r],
                        value=val(r), benchmark=_lower_first(str(raw_labels[bench]), lang),
                        gap=gap(r, bench) if above else gap(bench, r)), cites=cite(r, bench), weight=0.6,
                        derivation=dgap(r, bench) if above else dgap(bench, r)))
    elif bench is not None:
        # Every group can sit below a benchmark (an average over groups not shown, say).
        ahead = col.values[leader] >= col.values[bench]
        out.append(Finding(f"{key}|leader", theme, table.key, "leader", say(
            lang, "findings", "leader_benchmark" if ahead else "leader_below_benchmark", measure=measure,
            leader=labels[leader], value=val(leader),
            gap=gap(leader, bench) if ahead else gap(bench, leader),
            benchmark=_lower_first(str(raw_labels[bench]), lang), bench_value=val(bench)),
            headline, callout, cite(leader, bench), 1.0, test=difference_test(col, leader, bench, lang),
            derivation=dgap(leader, bench) if ahead else dgap(bench, leader)))
        for r in items[1:4]:
            if differs(col, r, bench, lang) is False:
                continue
            above = col.values[r] >= col.values[bench]
            out.append(Finding(f"{key}|vs_benchmark|{source_labels[r]}", theme, table.key, "gap", say(
                lang, "findings", "above_benchmark" if above else "below_benchmark", label=starts[r],
                value=val(r), benchmark=_lower_first(str(raw_labels[bench]), lang),
                gap=gap(r, bench) if above else gap(bench, r)), cites=cite(r, bench), weight=0.6,
                derivation=dgap(r, bench) if above else dgap(bench, r)))
    elif len(items) >= 2:
        second = items[1]
        out.append(Finding(f"{key}|leader", theme, table.key, "leader", say(
            lang, "findings", "leader_runner_up", measure=measure, leader=labels[leader], value=val(leader),
            gap=gap(leader, second), second=labels[second], second_value=val(second)),
            headline, callout, cite(leader, second), 0.95, test=difference_test(col, leader, second, lang),
            derivation=dgap(leader, second)))
    else:
        out.append(Finding(f"{key}|single", theme, table.key, "fact", say(
            lang, "findings", "single", measure=measure, label=labels[leader], value=val(leader)),
            headline, callout, cite(leader), 0.5))
    if share_finding is not None:
        out.append(share_finding)
    if len(items) >= 3 and differs(col, leader, items[-1], lang) is not False:
        last = items[-1]
        # With several measures in one table, say which one the laggard is last on.
        out.append(Finding(f"{key}|laggard", theme, table.key, "laggard", say(
            lang, *(("totals", "laggard_of") if key_suffix else ("findings", "laggard")), measure=measure,
            laggard=starts[last], value=val(last), gap=gap(leader, last),
            leader=labels[leader]), cites=cite(last, leader), weight=0.7, derivation=dgap(leader, last)))
    if len(items) >= 5:
        first, last = items[0], items[-1]
        out.append(Finding(f"{key}|spread", theme, table.key, "spread", say(
            lang, "findings", "spread", n=len(items), gap=gap(first, last), min_value=val(last),
            min_label=labels[last], max_value=val(first), max_label=labels[first]),
            cites=(table.cite_column(col_i),), weight=0.5,
            derivation=derive.join(dgap(first, last), dcount(len(items), "count_rows"), lang=lang)))
    if bench is not None and len(items) >= 5:
        above = [r for r in items if col.values[r] > col.values[bench]]
        out.append(Finding(f"{key}|count_above", theme, table.key, "count", say(
            lang, "totals", "count_above" if above else "count_above_none", k=len(above), n=len(items),
            members=_members_noun(table, lang), benchmark=_lower_first(str(raw_labels[bench]), lang),
            bench_value=val(bench)), cites=(table.cite_column(col_i),), weight=0.55,
            derivation=derive.join(dcount(len(above), "count_above", bench=val(bench)),
                                   dcount(len(items), "count_rows"), lang=lang)))
    small = small_bases(col, rows, lang)
    if small:
        out.append(Finding(f"{key}|small_base", theme, table.key, "caveat", say(
            lang, "findings_extra", "small_base", labels=join(lang, [str(raw_labels[r]) for r in small]),
            n=small_base_limit(lang)), cites=cite(*small), weight=0.4))
    return out


def _lower_first(label: str, lang: str) -> str:
    # "Global average" reads "the global average" mid-sentence; keep acronyms ("EU average") and
    # proper names ("United States", "European Union": a later word capitalised too) as they are.
    words = label.split()
    if lang == "en" and len(label) > 1 and label[0].isupper() and not label[1].isupper() \
            and not any(w[:1].isupper() for w in words[1:]):
        return label[0].lower() + label[1:]
    return label
