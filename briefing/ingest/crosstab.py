"""Pollsters' banner cross-tabs and count tables, read as their publishers meant them.

Banner sheets (Deltapoll, YouGov, Ipsos ...): title rows (credit, fieldwork), banner header rows
(Total | Gender: Male, Female | Age ...; or one column per country), base rows (Weighted base / All
adults, Unweighted base / Sample / n / 样本量), a unit row ("%"), then question blocks: context rows, the
question text row (often coded "TRUST. Which ..."), answer rows and NET rows. Each block becomes one
Table (layout "crosstab"): a label column of answers and one share column per banner column, each
column with the unweighted base of its banner column linked as the sample size of every share.

Count tables (a row per group, a total column and answer counts beside it, e.g. Eurobarometer
extracts): the counts become shares (count / total), each kept with its count and its base so a
sentence can say "345 of 501" and cite both cells; NET columns (sums of answers) are subtotals.

Row and column roles are kept with the reason they were given (Table.row_roles, Table.col_roles);
country codes are named from resources/geo.toml (sub-samples and aggregates are not countries).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from itertools import combinations

from briefing.fileio import read_toml
from briefing.ingest.values import cell_text
from briefing.ingest.grid import SheetGrid
from briefing.ingest.values import parse_cell
from briefing.model import Column, ImportIssue, Provenance, Table, cell_name
from briefing.paths import resource

_BASE = re.compile(r"^\s*(?:(?:un)?weighted\s+)?(?:base|bases|sample|sample size|total sample|n|count|"
                   r"respondents|total respondents|样本量|样本数|样本|基数)\s*(?:\(n\)|n)?\s*[:：]?\s*$"
                   r"|^\s*(?:un)?weighted\s*(?:total|n)?\s*$", re.I)
_UNWEIGHTED = re.compile(r"unweighted|未加权", re.I)
_POPULATION = re.compile(r"^\s*(?:all|total)\b.{0,40}\b(?:adults|respondents|people|voters|residents|users|"
                         r"businesses|firms|population|public)\s*$|^\s*(?:全部|所有)受访者\s*$", re.I)
_TOTAL_COL = re.compile(r"^\s*(?:total|all|overall|all adults|all respondents|合计|总计|总体|全部|全体)\s*$", re.I)
_COUNT_BASE = re.compile(r"^\s*(?:total|n|base|bases|sample|sample size|respondents|total respondents|"
                         r"(?:un)?weighted base|total \(n\)|样本量|样本数|合计|总计)\s*$", re.I)
_NET_LABEL = re.compile(r"\bnet\b|\(all\)\s*$|\(net\)|^\s*total\s+\S|^\s*any\s|合计|净", re.I)
_FIELDWORK = re.compile(r"^\s*(?:fieldwork|field dates|fieldwork dates|survey dates|dates? of fieldwork|"
                        r"interviews? conducted|调查时间|访问时间)\s*[:：]?\s*(?P<when>.+)$", re.I)
_SAMPLE_LINE = re.compile(r"^\s*(?:sample size|sample|base)\s*[:：]", re.I)
_CODE = re.compile(r"^\s*(?P<code>[A-Z][A-Za-z0-9_]{0,15})\s*[.:)]\s+\S")
_MULTI = re.compile(r"select all|all that apply|up to (?:two|three|four|five|\d+)|more than one|"
                    r"multiple (?:answers|responses|choices)|tick all|choose all|可多选|多选", re.I)
_RANKED = re.compile(r"\brank (?:your )?top\b|\branked (?:first|second|third)\b", re.I)
_SCORE = re.compile(r"\[calculated\]|\bindex(?:ed)?\b.*\bscore\b|\bmean score\b|\baverage score\b", re.I)
_UNIT_ROW = re.compile(r"^\s*(?:%|percent|per cent|col %|column %|百分比)\s*$", re.I)


_text = cell_text   # one definition for the readers (briefing.ingest.values)


def _num(v) -> float | None:
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    p = parse_cell(v)
    return float(p.value) * (100.0 if p.kind == "percent" else 1.0) if p.kind in ("number", "percent") else None


def _filled(row) -> list[int]:
    return [j for j, v in enumerate(row) if v is not None and not (isinstance(v, str) and not v.strip())]


# ---------------------------------------------------------------- geography (resources/geo.toml)

@lru_cache(maxsize=1)
def geo() -> dict:
    return read_toml(resource("geo.toml"))


@lru_cache(maxsize=1)
def _geo_index() -> dict[str, tuple[str, str, dict]]:
    """Any spelling (code or name, lower case) -> (kind, code, entry)."""
    out: dict[str, tuple[str, str, dict]] = {}
    g = geo()
    for kind in ("code", "subsample", "aggregate"):
        for code, e in g.get(kind, {}).items():
            for s in [code, e.get("en", ""), *e.get("names", [])]:
                if s:
                    out.setdefault(s.strip().lower(), (kind, code, e))
    return out


def place(label) -> tuple[str, str, dict] | None:
    """(kind: code | subsample | aggregate, code, entry) of a country code or name, or None."""
    return _geo_index().get(_text(label).lower()) if label is not None else None


def geo_roles(labels) -> tuple[tuple, tuple, tuple] | None:
    """For labels that are mostly places: (codes, row_roles, blocs) as Table fields, else None."""
    vals = [(_i, _text(v)) for _i, v in enumerate(labels) if v is not None and _text(v)]
    hits = [(i, v, place(v)) for i, v in vals]
    known = [h for h in hits if h[2] is not None]
    if len(known) < 3 or len(known) < 0.8 * len(vals):
        return None
    codes, roles, blocs = [], [], []
    for i, v, p in known:
        kind, code, e = p
        codes.append((v, e.get("en", v), e.get("zh", e.get("en", v)), "resources/geo.toml"))
        if kind == "subsample":
            roles.append((i, "subsample", f"{v} is a sub-sample of {e.get('of')} ({e.get('en')}), "
                                          "not a country (resources/geo.toml)"))
        elif kind == "aggregate":
            roles.append((i, "aggregate", f"{v} is a total over countries (resources/geo.toml)"))
        for b in e.get("blocs", []):
            blocs.append((i, b))
    return tuple(dict.fromkeys(codes)), tuple(roles), tuple(blocs)


# ---------------------------------------------------------------- NET rows / columns from the data

def _sums_of(target: list[float | None], parts: list[list[float | None]], tol_each: float) -> bool:
    """True when target equals the sum of parts in (nearly) every cell, within rounding."""
    sums = parts[0]
    for part in parts[1:]:       # added in order, as _window_sums adds them
        sums = [None if x is None or y is None else x + y for x, y in zip(sums, part)]
    return _sum_matches(target, sums, len(parts), tol_each)


def _window_sums(rows: list[list[float | None]], longest: int) -> dict[int, list[list[float | None]]]:
    """size -> the sums of every run of `size` consecutive rows, column by column (None where a row
    of the run is empty), for sizes 2 .. longest: each from the run one row shorter, so the rows are
    added in order, as _sums_of adds them."""
    out: dict[int, list[list[float | None]]] = {}
    shorter = rows
    for size in range(2, min(longest, len(rows)) + 1):
        shorter = out[size] = [[None if x is None or y is None else x + y
                                for x, y in zip(shorter[a], rows[a + size - 1])]
                               for a in range(len(rows) - size + 1)]
    return out


def _sum_matches(target: list[float | None], sums: list[float | None], size: int, tol_each: float) -> bool:
    """Whether target is, in (nearly) every cell, the sum of `size` parts whose column sums are `sums`
    (None where a part is empty), within rounding."""
    tol = tol_each * size + tol_each + 1e-9
    # At most a tenth of the cells compared may miss, and at most len(target) are compared: past that
    # many misses the answer is no. Most runs tried are not sums, and a banner has 100 columns.
    most_misses = 0.1 * len(target)
    ok = n = misses = 0
    for t, total in zip(target, sums):
        if t is None or total is None:
            continue
        n += 1
        if abs(total - t) <= tol:
            ok += 1
        else:
            misses += 1
            if misses > most_misses:
                return False
    return n > 0 and ok >= max(1, 0.9 * n) and any(target)


def net_rows(labels: list[str], rows: list[list[float | None]], tol: float = 0.5,
             many_cols: bool = True) -> dict[int, tuple[str, str]]:
    """Subtotal rows (the sum of a run of answer rows, e.g. "Worried (All)" = Very + Fairly worried) and
    difference rows ("NET" = Worried (All) - Not worried (All)): index -> (role, reason)."""
    out: dict[int, tuple[str, str]] = {}
    n = len(rows)
    answers = list(range(n))
    runs = _window_sums(rows, 6) if many_cols else None
    for r in range(n):
        hint = bool(_NET_LABEL.search(labels[r])) or "/" in labels[r]
        if not many_cols and not hint:
            continue
        found = None
        if runs is not None and not hint:
            # Without a hint only runs of consecutive rows count, none of them r or a subtotal found
            # already: the first such run, shortest first, as the loop below finds it, each tried
            # against sums made once a block (a banner sheet of 190 blocks tried 15,000 runs, each
            # summed afresh, a third of reading it).
            others = n - 1 - len(out)
            for size in range(2, min(6, others) + 1):
                for a, sums in enumerate(runs[size]):
                    if a <= r < a + size or any(a <= o < a + size for o in out):
                        continue
                    if _sum_matches(rows[r], sums, size, tol):
                        found = list(range(a, a + size))
                        break
                if found:
                    break
        else:
            others = [i for i in answers if i != r and i not in out]
            for size in range(2, min(6, len(others)) + 1):
                for start in range(len(others) - size + 1):
                    run = others[start:start + size]
                    if run != list(range(run[0], run[0] + size)) and not hint:
                        continue
                    if _sums_of(rows[r], [rows[i] for i in run], tol):
                        found = run
                        break
                if found:
                    break
        if found:
            out[r] = ("net", "the sum of " + " + ".join(f"“{labels[i]}”" for i in found))
    subs = [r for r in out]
    for r in range(n):
        if r in out:
            continue
        for a, b in combinations(subs, 2):
            for x, y in ((a, b), (b, a)):
                diff = [None if rows[x][k] is None or rows[y][k] is None else rows[x][k] - rows[y][k]
                        for k in range(len(rows[r]))]
                if _sums_of(rows[r], [diff], tol * 2):
                    out[r] = ("net_diff", f"the difference “{labels[x]}” − “{labels[y]}”, not a share")
                    break
            if r in out:
                break
        if r not in out and re.fullmatch(r"\s*net\s*", labels[r], re.I):
            out[r] = ("net_diff", "labelled NET: a difference of answers, not a share")
    return out


# ---------------------------------------------------------------- banner sheets

def _header_names(rows, header_rows: list[int], cols: list[int]) -> tuple[list[str], list[str]]:
    """Column names (banner · subgroup) and the banner of each column, merged cells carried right."""
    names, banners = [], []
    carried: dict[int, str] = {}
    for c in cols:
        parts = []
        for k, r in enumerate(header_rows):
            v = _text(rows[r][c]) if c < len(rows[r]) else ""
            if not v and k < len(header_rows) - 1:
                v = carried.get(r, "")
            elif v:
                carried[r] = v
            if v and v not in parts:
                parts.append(v)
        names.append(" · ".join(parts))
        banners.append(parts[0] if len(header_rows) > 1 and len(parts) > 1 else "")
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return out, banners


def _is_base_row(rows, r: int, lc: int) -> str:
    """'unweighted', 'weighted' or '' for row r (label in column lc, integer counts to its right)."""
    row = rows[r]
    label = _text(row[lc]) if lc < len(row) else ""
    if not label or not (_BASE.match(label) or _POPULATION.match(label)):
        return ""
    nums = [_num(v) for v in row[lc + 1:] if v is not None and _text(v)]
    if len(nums) < 1 or any(x is None or x < 0 or not float(x).is_integer() for x in nums):
        return ""
    if _UNWEIGHTED.search(label) or (_BASE.match(label) and "weighted" not in label.lower()):
        return "unweighted"
    return "weighted"


def banner_tables(path, sha: str, grid: SheetGrid, issues: list[ImportIssue]) -> list[Table] | None:
    """The question blocks of a banner cross-tab sheet as tables, or None when the sheet is not one."""
    rows = grid.rows
    if len(rows) < 4:
        return None
    lc = 0
    bases: dict[str, int] = {}
    first_base = None
    for r in range(min(len(rows), 60)):
        f = _filled(rows[r])
        if not f:
            continue
        kind = _is_base_row(rows, r, f[0])
        if kind and len(f) >= 2:
            if first_base is None:
                first_base, lc = r, f[0]
            if f[0] == lc and kind not in bases:
                bases[kind] = r
        elif first_base is not None:
            break
    if first_base is None:
        return None
    base_row = bases.get("unweighted", bases.get("weighted"))
    cols = [c for c in _filled(rows[base_row]) if c > lc]
    if len(cols) < 1:
        return None
    # Banner header rows: right above the bases, text over the numeric columns.
    header_rows = []
    r = first_base - 1
    while r >= 0:
        f = [c for c in _filled(rows[r]) if c in cols]
        # Text over the numbers ("65+" and "18 to 24" are labels here); a raw number that is not a year ends it.
        if not f or any(isinstance(rows[r][c], (int, float)) and not 1800 <= rows[r][c] <= 2200 for c in f):
            break
        header_rows.insert(0, r)
        r -= 1
    if not header_rows:
        return None
    title_rows = [t for t in range(0, header_rows[0]) if _filled(rows[t])]
    after = max(bases.values()) + 1
    percent = False
    while after < len(rows):
        f = [c for c in _filled(rows[after]) if c in cols]
        if f and all(_UNIT_ROW.match(_text(rows[after][c])) for c in f):
            percent = True
            after += 1
        else:
            break
    blocks = _blocks(rows, after, lc, cols)
    if not blocks:
        return None
    names, banners = _header_names(rows, header_rows, cols)
    credit, fieldwork = [], ""
    for t in title_rows:
        text = " ".join(_text(rows[t][c]) for c in _filled(rows[t]))
        m = _FIELDWORK.match(text)
        if m:
            fieldwork = m.group("when").strip()
        elif not _SAMPLE_LINE.match(text):
            credit.append(text)
    ub = [_num(rows[bases.get("unweighted", base_row)][c]) for c in cols]
    wb = [_num(rows[bases["weighted"]][c]) for c in cols] if "weighted" in bases else ub
    col_roles = _banner_col_roles(names, banners, wb, ub)
    file, sheet = path.name, grid.name
    out: list[Table] = []
    dropped: list[str] = []
    last_question = ""
    where = str(path.resolve())     # once a sheet: 190 blocks resolved it 190 times (a tenth of the sheet)
    for b in blocks:
        question, statement, context = _question_of(b["texts"], last_question)
        if b["texts"]:
            last_question = question
        data = [r for r in b["rows"] if not _SCORE.search(_text(rows[r][lc]))]
        scores = [r for r in b["rows"] if r not in data]
        if scores:
            dropped.append(f"{cell_name(grid.abs_row(scores[0]), grid.abs_col(lc))} "
                           f"“{_text(rows[scores[0]][lc])[:40]}” (a calculated score, not a share)")
        if len(data) < 2 or not question:
            if data:
                dropped.append(f"{cell_name(grid.abs_row(data[0]), grid.abs_col(lc))} (one row, no question)")
            continue
        # A battery item ("Economic growth: The widespread uptake of AI could ...") is named by its
        # short name; its wording is a note (what a respondent read, not what the table measures).
        item, _, rest = statement.partition(":")
        short = item.strip() if rest and len(item) <= 60 else statement
        notes = context + ([statement] if short != statement else [])
        t = _block_table(path, where, sha, grid, rows, data, lc, cols, names, banners, col_roles, ub, wb, bases,
                         percent, question, short, notes, credit, fieldwork, b["start"])
        if t is not None:
            out.append(t)
    if not out:
        return None
    n_net = sum(1 for t in out for _, role, _ in t.row_roles if role in ("net", "net_diff"))
    total = next((names[i] for i, (role, _) in enumerate(col_roles) if role == "total"), "")
    base_names = ", ".join(f"{_text(rows[r][lc])} ({cell_name(grid.abs_row(r), grid.abs_col(lc))}, {k})"
                           for k, r in sorted(bases.items(), key=lambda kv: kv[1]))
    issues.append(ImportIssue("info", file, sheet, (
        f"banner cross-tab: {len(out)} question blocks by {len(cols)} banner columns"
        f"{' (' + str(len(set(b for b in banners if b))) + ' banners)' if any(banners) else ''}; "
        f"base rows {base_names} linked to every share as its sample size"
        f"{'; total column ' + repr(total) + ' is the benchmark' if total else ''}"
        f"; {n_net} NET rows kept as subtotals, not answers"
        f"{'; fieldwork ' + fieldwork if fieldwork else ''}")))
    multi = [t for t in out if t.multi_choice]
    if multi:
        issues.append(ImportIssue("info", file, sheet, f"{len(multi)} multi-choice questions (shares do not sum "
                                  f"to 100%), e.g. '{multi[0].title[:60]}': {multi[0].multi_choice}"))
    if dropped:
        issues.append(ImportIssue("info", file, sheet, "rows not read as answers: " + "; ".join(dropped[:6])
                                  + (f" and {len(dropped) - 6} more" if len(dropped) > 6 else "")))
    return out


def _blocks(rows, start: int, lc: int, cols: list[int]) -> list[dict]:
    """Runs of answer rows (a label and numbers), each with the text rows read since the previous run."""
    out: list[dict] = []
    texts: list[tuple[int, str]] = []
    cur = None
    numeric = set(cols)
    for r in range(start, len(rows)):
        f = _filled(rows[r])
        if not f:
            cur = None
            continue
        row = rows[r]
        nums = [c for c in f if c in numeric and (type(row[c]) is float or _num(row[c]) is not None)]
        label = _text(rows[r][lc]) if lc < len(rows[r]) else ""
        if nums and label:
            if cur is None:
                cur = {"rows": [], "texts": texts, "start": r}
                texts = []
                out.append(cur)
            cur["rows"].append(r)
        elif label and all(c == lc or not _text(rows[r][c]) for c in f):
            cur = None
            texts.append((r, label))
        else:
            cur = None
    return out


def _question_of(texts: list[tuple[int, str]], last: str) -> tuple[str, str, list[str]]:
    """(question, statement under it, context above it) from a block's text rows."""
    if not texts:
        return last, "", []
    lines = [t for _, t in texts]
    q = next((i for i in range(len(lines) - 1, -1, -1) if _CODE.match(lines[i])), None)
    if q is None:
        q = next((i for i in range(len(lines) - 1, -1, -1) if "?" in lines[i]), None)
    if q is None:
        # A statement under a question asked earlier (one block per item of a battery).
        return (last, " ".join(lines), []) if last else (lines[-1], "", lines[:-1])
    return lines[q], " ".join(lines[q + 1:]), lines[:q]


def _banner_col_roles(names, banners, wb, ub) -> list[tuple[str, str]]:
    roles: list[tuple[str, str]] = []
    for i, n in enumerate(names):
        short = n.split(" · ")[-1]
        if _TOTAL_COL.match(short) or _TOTAL_COL.match(n.split(" · ")[0]) and not banners[i]:
            roles.append(("total", f"“{n}” is the whole sample: the benchmark, not a group"))
            continue
        # A banner column whose base is the sum of the bases of a run of its neighbours is a NET.
        same = [j for j in range(len(names)) if j != i and banners[j] == banners[i] and banners[i]]
        hit = None
        for size in range(2, min(6, len(same)) + 1):
            for s in range(len(same) - size + 1):
                run = same[s:s + size]
                if run != list(range(run[0], run[0] + size)):
                    continue
                if all(b[i] is not None and all(b[j] is not None for j in run)
                       and abs(sum(b[j] for j in run) - b[i]) <= 1.0 + 0.01 * b[i] for b in (wb, ub)):
                    hit = run
                    break
            if hit:
                break
        if hit:
            roles.append(("net", "its base is the sum of " + " + ".join(f"“{names[j].split(' · ')[-1]}”"
                                                                      for j in hit)))
        else:
            roles.append(("group", f"banner “{banners[i]}”" if banners[i] else "a banner column"))
    return roles


def _block_table(path, where: str, sha, grid: SheetGrid, rows, data: list[int], lc: int, cols: list[int], names, banners,
                 col_roles, ub, wb, bases: dict[str, int], percent: bool, question: str, statement: str,
                 context: list[str], credit: list[str], fieldwork: str, start: int) -> Table | None:
    labels = [_text(rows[r][lc]) for r in data]
    # A float cell is its own number (_num would give it back): most cells of a banner sheet.
    matrix = [[None if c >= len(row) else row[c] if type(row[c]) is float else _num(row[c]) for c in cols]
              for row in (rows[r] for r in data)]
    pct_cells = grid.percent_cells
    # Shares as fractions: percent-formatted cells are fractions already, "%" rows say points.
    fractions = pct_cells and all((grid.abs_row(r), grid.abs_col(c)) in pct_cells
                                  for r in data[:3] for c in cols[:3] if _num(rows[r][c]) is not None)
    present = [v for row in matrix for v in row if v is not None]
    counts = False
    if not percent and not fractions and present and all(float(v).is_integer() for v in present):
        counts = all(v <= (wb[k] or 0) + 1 for row in matrix for k, v in enumerate(row) if v is not None) \
            and max(present) > 100
    scale = 1.0 if fractions else 100.0
    nets = net_rows(labels, [[None if v is None else v / (1 if not counts else 1) for v in row]
                             for row in matrix], tol=0.5 if not fractions else 0.005,
                    many_cols=len(cols) >= 3)
    columns = [Column(_label_header(rows, lc), "label", tuple(labels), source_col=grid.abs_col(lc))]
    abs_base = grid.abs_row(bases.get("unweighted", bases.get("weighted")))
    for k, (c, vals) in enumerate(zip(cols, zip(*matrix))):
        base = ub[k]
        if counts:
            share = tuple(None if v is None or not wb[k] else v / wb[k] for v in vals)
        else:
            share = tuple(None if v is None else v / scale for v in vals)
        columns.append(Column(names[k], "percent", share, unit="%", source_col=grid.abs_col(c),
                              bases=(None if base is None else int(base),) * len(vals),
                              counts=vals if counts else (),
                              base_row=abs_base))
    answer_rows = [i for i in range(len(data)) if i not in nets]
    multi = ""
    m = _MULTI.search(question) or _MULTI.search(statement)
    total_col = next((k for k, (role, _) in enumerate(col_roles) if role == "total"), 0)
    s = sum(matrix[i][total_col] or 0 for i in answer_rows) / (1.0 if not counts else (wb[total_col] or 1) / 100)
    s = s if not fractions else s * 100
    if m:
        multi = f"the question says “{m.group(0)}”; its answers sum to {s:.0f}%"
    elif s > 105 and not _RANKED.search(question):
        multi = f"its answers sum to {s:.0f}% in “{names[total_col]}”, more than 100%"
    src_rows = tuple(grid.abs_row(r) for r in data)
    top = grid.abs_row(start) if start is not None else src_rows[0]
    first_text = top - 1
    rng = f"{cell_name(min(first_text, src_rows[0]), grid.abs_col(lc))}:{cell_name(src_rows[-1], grid.abs_col(cols[-1]))}"
    rng = f"{cell_name(src_rows[0], grid.abs_col(lc))}:{cell_name(src_rows[-1], grid.abs_col(cols[-1]))}"
    prov = Provenance(where, grid.name, rng, sha)
    code = _CODE.match(question)
    row_roles = tuple((i, role, why) for i, (role, why) in sorted(nets.items()))
    col_r = tuple((k + 1, role, why) for k, (role, why) in enumerate(col_roles))
    groups = tuple((k + 1, banners[k]) for k in range(len(cols)))
    roles = (("answer", 0),) + tuple(("total", k + 1) for k, (role, _) in enumerate(col_roles) if role == "total")
    return Table(
        key=f"{path.name}|{grid.name}|{rng}",
        title=question,
        subtitle=statement,
        columns=tuple(columns),
        provenance=prov,
        source_rows=src_rows,
        header_row=grid.abs_row(min(data) - 1),
        notes=tuple(context),
        source=", ".join(credit),
        layout="crosstab",
        roles=roles,
        row_roles=row_roles,
        col_roles=col_r,
        col_groups=groups,
        multi_choice=multi,
        fieldwork=fieldwork,
        question_code=code.group("code") if code else "",
        orient="answers_in_rows",
        base_rows=tuple((k, _text(rows[r][lc]), grid.abs_row(r)) for k, r in sorted(bases.items())),
        derivation=("shares computed as count / weighted base of the banner column" if counts else ""),
    )


def _label_header(rows, lc: int) -> str:
    return "Answer"


# ---------------------------------------------------------------- count tables -> shares

def shares_from_counts(t: Table, issues: list[ImportIssue]) -> Table:
    """A wide table of answer counts beside a total column, as shares (count / total) with their counts
    and bases kept; NET columns (sums of answers) marked; other tables pass unchanged."""
    if t.layout != "wide" or not t.columns or t.n_rows < 2:
        return t
    label = next((i for i, c in enumerate(t.columns) if c.kind == "label"), None)
    if label is None:
        return t
    ints = [i for i, c in enumerate(t.columns) if c.kind in ("number", "count") and c.values
            and all(v is None or (float(v).is_integer() and v >= 0) for v in set(c.values))
            and any(v is not None for v in c.values)]
    base = next((i for i in ints if _COUNT_BASE.match(t.columns[i].name)), None)
    if base is None:
        return t
    parts = [i for i in ints if i != base]
    if len(parts) < 2:
        return t
    bv = t.columns[base].values
    for i in parts:
        if any(v is not None and b is not None and v > b + 1 for v, b in zip(t.columns[i].values, bv)):
            return t
    names = [t.columns[i].name for i in parts]
    matrix = [list(t.columns[i].values) for i in parts]
    nets = net_rows(names, matrix, tol=0.5, many_cols=t.n_rows >= 3)
    answers = [k for k in range(len(parts)) if k not in nets]
    tol = lambda b: max(2.0, 0.01 * b)   # noqa: E731 - rounded weighted counts may be off by one or two
    whole = sum(1 for r, b in enumerate(bv) if b is not None
                and abs(sum(matrix[k][r] or 0 for k in answers) - b) <= tol(b))
    if whole < 0.8 * sum(1 for b in bv if b is not None):
        return t
    file, sheet = t.provenance.file_name, t.sheet
    cols = list(t.columns)
    base_col = t.columns[base]
    for k, i in enumerate(parts):
        c = t.columns[i]
        share = tuple(None if v is None or not b else v / b for v, b in zip(c.values, bv))
        cols[i] = replace(c, kind="percent", values=share, unit="%", counts=tuple(c.values),
                          bases=tuple(None if b is None else int(b) for b in bv), base_col=base_col.source_col)
    cols[base] = replace(base_col, kind="count", unit="n")
    col_roles = [(label, "label", "names the groups")]
    col_roles.append((base, "base", f"“{base_col.name}” is the respondent base of each row: the denominator "
                                    "of every share"))
    for k, i in enumerate(parts):
        if k in nets:
            col_roles.append((i, "net", nets[k][1] + ": a subtotal, never ranked with the answers or summed"))
        else:
            col_roles.append((i, "answer", "an answer count, read as count / base"))
    deriv = (f"shares computed as count / “{base_col.name}” of the same row (column "
             f"{cell_name(0, base_col.source_col)[:-1]}); counts are the publisher's, shares are derived")
    issues.append(ImportIssue("info", file, sheet, (
        f"{t.provenance.cell_range}: counts with a base column: {deriv}; "
        f"{len(nets)} NET columns ({', '.join(repr(names[k]) for k in nets)}) kept as subtotals")))
    return replace(t, columns=tuple(cols), layout="crosstab", orient="answers_in_columns",
                   col_roles=tuple(sorted(col_roles)), derivation=deriv, roles=(("group", label),))


def apply_geo(tables: list[Table], issues: list[ImportIssue]) -> list[Table]:
    """Count tables whose groups are places: codes named, sub-samples and aggregates given their part
    (never ranked as countries), bloc membership (EU) kept; roles the publisher's reference gave stay."""
    out = []
    for t in tables:
        g = t.role("group")
        if t.layout != "crosstab" or t.orient != "answers_in_columns" or g is None:
            out.append(t)
            continue
        got = geo_roles(t.columns[g].values)
        if not got:
            out.append(t)
            continue
        codes, roles, blocs = got
        have = {c[0] for c in t.codes}
        codes = t.codes + tuple(c for c in codes if c[0] not in have)
        taken = {r for r, _, _ in t.row_roles}
        roles = t.row_roles + tuple(x for x in roles if x[0] not in taken)
        issues.append(ImportIssue("info", t.provenance.file_name, t.sheet, (
            f"{t.provenance.cell_range}: {len(codes)} place codes named (resources/geo.toml)"
            + (f"; {len(blocs)} rows in a bloc ({', '.join(sorted({b for _, b in blocs}))})" if blocs else "")
            + (f"; not countries, kept out of rankings: " + "; ".join(why for _, _, why in roles) if roles else ""))))
        out.append(replace(t, codes=codes, row_roles=roles, blocs=blocs))
    return out


# ---------------------------------------------------------------- summary sheets

def _norm(s: str) -> str:
    return " ".join(str(s).split()).lower()


def link_summaries(tables: list[Table], issues: list[ImportIssue]) -> list[Table]:
    """A question asked on a summary sheet (a column per sheet: one per country) and on a sheet per
    country: the per-sheet tables are details of the summary one (Table.detail_of), shown through it."""
    cross = [t for t in tables if t.layout == "crosstab" and t.orient == "answers_in_rows"]
    if len(cross) < 2:
        return tables
    sheets = {_norm(t.sheet) for t in cross}
    by_q: dict[tuple, list[Table]] = {}
    for t in cross:
        # The same question: its code when it has one ("BENEF"; the wording may differ by a sentence).
        q = t.question_code or _norm(t.title)
        by_q.setdefault((q, _norm(t.subtitle), t.provenance.path), []).append(t)
    detail: dict[str, str] = {}
    summaries: set[str] = set()
    for ts in by_q.values():
        for s in ts:
            named = {_norm(c.name.split(" · ")[-1]) for c in s.columns[1:]}
            covered = [t for t in ts if t is not s and _norm(t.sheet) in named]
            if len(covered) >= 2:
                summaries.add(s.key)
                for t in covered:
                    detail.setdefault(t.key, s.key)
                break
    if not detail:
        return tables
    sheets_d = sorted({t.sheet for t in cross if t.key in detail})
    s0 = next(t for t in cross if t.key in summaries)
    issues.append(ImportIssue("info", s0.provenance.file_name, s0.sheet, (
        f"summary sheet: its columns are the sheets {', '.join(sheets_d[:9])}"
        f"{' ...' if len(sheets_d) > 9 else ''}; their {len(detail)} question blocks are read as details "
        "of this sheet's (same questions, one sheet per column), not given sections of their own")))
    return [replace(t, detail_of=detail[t.key]) if t.key in detail else t for t in tables]
