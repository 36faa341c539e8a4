"""Reading one cell: numbers, percentages, bounds ("more than 80%"), footnote markers, suppressed cells, dates."""
from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from itertools import compress
from dataclasses import dataclass
from typing import Any

from briefing.ingest.periods import date_key

# Markers statistics offices use for "no value here".
SUPPRESSED = {"-", "–", "—", "n/a", "na", "n.a.", "..", "...", "x", "*", "**", ":", "#n/a", "nan", "none", "null"}
# Values that are not numbers: spreadsheet error codes and the texts of NaN and the infinities. They
# are read as missing like the suppression markers, the marker kept, and never reach a finding.
EXCEL_ERRORS = {"#div/0!", "#n/a", "#value!", "#ref!", "#name?", "#num!", "#null!", "#getting_data",
                "#spill!", "#calc!", "#field!", "#blocked!", "#unknown!", "#connect!", "#busy!", "#python!",
                "#n/a!", "#nv", "#wert!", "#bezug!", "#zahl!"}
NOT_A_NUMBER = {"nan", "-nan", "+nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity",
                "∞", "-∞", "+∞", "−∞", "-1.#ind", "1.#inf", "-1.#inf", "1.#qnan"}
SUPPRESSED |= EXCEL_ERRORS | NOT_A_NUMBER

_BOUNDS = [  # (regex on the lower-cased text, bound)
    (r"^(?:more than|over|above|greater than|at least|>=|≥|>|超过|逾|高于)\s*", ">"),
    (r"^(?:less than|under|below|fewer than|<=|≤|<|不足|低于)\s*", "<"),
    (r"^(?:up to|as much as|as high as|至多|最多|高达)\s*", "<="),
    (r"^(?:about|around|approximately|approx\.?|circa|c\.|some|roughly|~|≈|约|大约)\s*", "~"),
]
_TRAILING_PLUS = re.compile(r"^(.*\d%?)\s*\+$")          # "80%+", "80+"
_FOOTNOTE = re.compile(r"^(.*?\d)\s*(\*+|†+|‡+|\([a-z0-9]\)|\[[a-z0-9]+\])$", re.I)
_NUMBER = re.compile(r"^[\(]?([+\-−]?)\s*(?:USD|US\$|\$|€|£|¥|RMB|CNY|EUR)?\s*((?:[0-9][0-9,  \u202f]*(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+\-]?[0-9]+)?)\s*(%|pct|per ?cent|m|mn|million|bn|billion|k)?[\)]?$", re.I)


@dataclass(frozen=True, slots=True)
class Parsed:
    value: Any            # float, str, datetime.date, or None
    kind: str             # number | percent | text | date | missing
    bound: str = ""       # "", ">", "<", "<=", "~"
    note: str = ""        # footnote marker or the suppression marker


def is_not_a_number(note: str) -> bool:
    """True for the marker of a value that is not a number (an error code, NaN, an infinity)."""
    low = note.strip().lower()
    if low in EXCEL_ERRORS or low in NOT_A_NUMBER or low.startswith("#") and low.endswith(("!", "?")):
        return True
    if low[:1].isdigit() or low[:1] in "+-.":
        try:
            return not math.isfinite(float(low.replace(",", "").rstrip("…")))
        except ValueError:
            return low.endswith("…") and low[:1].isdigit()   # a cut 400-digit number
    return False


def finite_number(v: Any) -> float | None:
    """v as a finite float, or None (NaN, the infinities, an int too large for a float)."""
    try:
        x = float(v)
    except (OverflowError, TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def number_marker(v: Any) -> str:
    """The marker kept for a number cell that is not a finite number: "NaN", "inf", "-inf"."""
    try:
        x = float(v)
    except OverflowError:
        return "inf" if v > 0 else "-inf"
    except (TypeError, ValueError):
        return str(v)
    return "NaN" if math.isnan(x) else ("inf" if x > 0 else "-inf")


def _clean_text(s: str) -> str:
    # Control characters break PDF text and XML; keep tabs/newlines as spaces.
    if s.isprintable():
        return s.strip()
    return "".join(ch if ch.isprintable() else " " for ch in s).strip()


def parse_cell(raw: Any, number_format: str = "") -> Parsed:
    """One cell as read by calamine/openpyxl/CSV, with its Excel number format if known."""
    if raw is None:
        return Parsed(None, "missing")
    if isinstance(raw, bool):
        return Parsed(str(raw), "text")
    if isinstance(raw, dt.datetime):
        return Parsed(raw.date() if raw.time() == dt.time() else raw, "date")
    if isinstance(raw, dt.date):
        return Parsed(raw, "date")
    if isinstance(raw, (int, float)):
        v = finite_number(raw)
        if v is None:   # NaN, an infinity, or an integer past the range of a float
            return Parsed(None, "missing", note=number_marker(raw))
        if "%" in number_format:
            return Parsed(v, "percent")
        return Parsed(v, "number")
    if isinstance(raw, dt.time) or isinstance(raw, dt.timedelta):
        return Parsed(str(raw), "text")
    return parse_text(str(raw))


# Survey sheets repeat a few hundred distinct strings ("S", "(X)", "12.3%") hundreds of thousands
# of times: each distinct short string is parsed once (Parsed is frozen, so sharing it is safe).
_CACHED_CHARS = 256


def parse_text(text: str) -> Parsed:
    return _parse_short(text) if len(text) <= _CACHED_CHARS else _parse_text(text)


@lru_cache(maxsize=1 << 16)
def _parse_short(text: str) -> Parsed:
    return _parse_text(text)


# The text statistics offices write most ("12.3", "-4", "1,204", "41.5%"), told in one match; the
# full parse below gives the same for these (tests/ingest/test_values_fast.py) and handles the rest.
_PLAIN = re.compile(r"(-?)([0-9]{1,15}(?:\.[0-9]{1,15})?|[0-9]{1,3}(?:,[0-9]{3}){1,4}(?:\.[0-9]{1,15})?)(%?)")


def _parse_text(text: str) -> Parsed:
    m = _PLAIN.fullmatch(text)
    if m is None:
        return _parse_text_full(text)
    v = float(m.group(2).replace(",", ""))
    if m.group(1):
        v = -v
    return Parsed(v / 100.0, "percent") if m.group(3) else Parsed(v, "number")


def _parse_text_full(text: str) -> Parsed:
    s = _clean_text(text)
    if not s:
        return Parsed(None, "missing")
    low = s.lower()
    if low in SUPPRESSED or low.startswith("#") and is_not_a_number(low):
        return Parsed(None, "missing", note=s)
    bound = ""
    for pattern, b in _BOUNDS:
        m = re.match(pattern, low)
        if m and m.end() < len(low) and (low[m.end()].isdigit() or low[m.end()] in "$.-+"
                                         or low[m.end():].startswith(("usd", "us$", "rmb", "eur"))):
            bound, s, low = b, s[m.end():].strip(), low[m.end():].strip()
            break
    m = _TRAILING_PLUS.match(s)
    if m and not bound:
        bound, s = ">", m.group(1)
    note = ""
    m = _FOOTNOTE.match(s)
    if m:
        s, note = m.group(1).strip(), m.group(2)
    m = _NUMBER.match(s.replace("\u2009", "").replace("\u00a0", " "))
    if m:
        sign, digits, suffix = m.group(1), m.group(2), (m.group(3) or "").lower()
        try:
            v = float(re.sub(r"[,  \u202f]", "", digits))
        except ValueError:
            v = None
        if v is not None and not math.isfinite(v):
            # "1e400", 400 digits: a number past the range of a float is not a value to write about.
            return Parsed(None, "missing", note=s if len(s) <= 24 else s[:20] + "…")
        if v is not None:
            if sign in ("-", "−") or (s.startswith("(") and s.endswith(")")):
                v = -v
            if suffix in ("%", "pct", "per cent", "percent", "percent"):
                return Parsed(v / 100.0, "percent", bound, note)
            return Parsed(v, "number", bound, note)
    d = date_key(s)
    if d is not None and not bound:
        return Parsed(s, "date", note=note)
    return Parsed(_clean_text(text), "text")


MISSING = Parsed(None, "missing")


def parse_column(raw: list[Any], percent_flags: list[bool] | None = None,
                 types: set[type] | None = None) -> tuple[list[Parsed], list[Parsed]]:
    """parse_cell of every cell (with "0%" where flagged), and the distinct Parsed among them.

    Each distinct string is parsed once and the column mapped through a dict, so a 200,000-row survey
    column of "12.3%", "S" and "(X)" costs one C-level pass, not a Python call a cell. `types`: the
    column's value types, when the caller has them already."""
    memo: dict[Any, Parsed] = {None: MISSING}
    if bool in (types if types is not None else set(map(type, raw))):   # True == 1 and hashes alike: a dict would read one as the other
        parsed = [parse_cell(v) for v in raw]
    else:
        distinct_values = set(raw)
        distinct_values.discard(None)
        strs = [v for v in distinct_values if v.__class__ is str]
        if strs and max(map(len, strs)) <= _CACHED_CHARS:
            memo.update(zip(strs, map(_parse_short, strs)))   # C to C: no Python frame per value
        else:
            memo.update((v, parse_text(v)) for v in strs)
        if len(strs) < len(distinct_values):
            memo.update((v, parse_cell(v)) for v in distinct_values if v.__class__ is not str)
        parsed = list(map(memo.__getitem__, raw))
    flagged = False
    if percent_flags and any(percent_flags):
        for i in compress(range(len(raw)), percent_flags):
            v = raw[i]
            if v is not None and v.__class__ is not str:
                parsed[i] = parse_cell(v, "0%")
                flagged = True
    if flagged or len(memo) == 1:
        distinct = list({id(p): p for p in parsed}.values())
    else:
        distinct = list(memo.values())
    return parsed, distinct


def distinct_values(values) -> list:
    """A column's distinct values in the order they first appear, True and 1 kept apart (Python calls
    them equal): what a per-value check needs to look at, in one C-level pass for a long column."""
    types = set(map(type, values))
    if bool in types and types & {int, float}:
        return [v for _, v in dict.fromkeys(zip(map(type, values), values))]
    return list(dict.fromkeys(values))


def cell_text(v) -> str:
    """A cell as one line of text for matching labels and codes: whole floats without ".0", runs
    of white space as one space, empty for a missing cell."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return " ".join(str(v).split())
