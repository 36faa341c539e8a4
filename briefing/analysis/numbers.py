"""Formatting numbers for reading: "54%", "USD 64.53 m", "26 points", dates and periods, per language."""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Sequence

from briefing.analysis.phrasing import load

_CURRENCY = re.compile(r"^(USD|US\$|EUR|GBP|RMB|CNY|JPY|\$|€|£|¥)\s*(.*)$", re.I)
_ZH_CURRENCY = {"USD": "美元", "US$": "美元", "$": "美元", "EUR": "欧元", "€": "欧元", "GBP": "英镑",
                "£": "英镑", "RMB": "元人民币", "CNY": "元人民币", "¥": "元", "JPY": "日元"}
_ZH_SCALE = {"m": (100.0, "万"), "mn": (100.0, "万"), "million": (100.0, "万"),
             "bn": (10.0, "亿"), "billion": (10.0, "亿"), "k": (0.1, "万"), "": (1.0, "")}


def _finite(v) -> bool:
    try:
        return math.isfinite(v)
    except (OverflowError, TypeError):
        return False


def decimals_for(values: Sequence[float], kind: str) -> int:
    """One precision for a whole column: as many decimals as the most precise value needs (max 2)."""
    scale = 100.0 if kind == "percent" else 1.0
    need = 0
    # Each distinct value once (a column of a million repeated rows), and no further than the most.
    for v in set(values) if len(values) > 64 else values:
        if v is None or not _finite(v):
            continue
        x = abs(v) * scale
        for d in range(0, 3):
            if abs(round(x, d) - x) < 1e-9 * max(1.0, x):
                need = max(need, d)
                break
        else:
            need = 2
        if need == 2:
            break
    return need


def _num(x: float, decimals: int, lang: str) -> str:
    u = load(lang)["units"]
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "\x00").replace(".", u["decimal_sep"]).replace("\x00", u["thousands_sep"])


def fmt_value(v: Any, kind: str, unit: str = "", lang: str = "en", decimals: int | None = None,
              bound: str = "", short: bool = False, signed: bool = False) -> str:
    """A value as it should read: fmt_value(0.8, "percent", bound=">") -> "more than 80%"."""
    if v is None:
        return load(lang)["doc"]["missing"]
    if kind == "date":
        return fmt_date(v, lang)
    if not isinstance(v, (int, float)):
        return str(v)
    if not _finite(v):   # NaN or an infinity is no value to print
        return load(lang)["doc"]["missing"]
    if kind == "percent" or unit == "%":
        d = decimals if decimals is not None else decimals_for([v], "percent")
        text = _num(v * 100, d, lang) + "%"
    elif unit:
        d = decimals if decimals is not None else decimals_for([v], kind)
        text = _with_unit(v, unit, d, lang)
    else:
        d = decimals if decimals is not None else decimals_for([v], kind)
        text = _num(v, d, lang)
    if signed and v > 0:
        text = "+" + text
    elif v < 0:
        text = "−" + text.lstrip("-")   # a real minus sign reads better than a hyphen
    if bound:
        table = load(lang)["bounds_short" if short else "bounds"]
        text = table.get(bound, "{v}").format(v=text)
    return text


def _with_unit(v: float, unit: str, d: int, lang: str) -> str:
    m = _CURRENCY.match(unit.strip())
    if not m:
        return f"{_num(v, d, lang)} {unit}".strip()
    cur, scale = m.group(1).upper(), m.group(2).strip().lower()
    if lang == "zh":
        factor, word = _ZH_SCALE.get(scale, (1.0, scale))
        # 64.53 million = 6,453 万: shift the decimals with the scale so no digit is lost.
        zd = max(0, d - {100.0: 2, 10.0: 1}.get(factor, 0))
        return f"{_num(abs(v) * factor, zd, lang)}{word}{_ZH_CURRENCY.get(cur, cur)}"
    return f"{cur} {_num(abs(v), d, lang)}{(' ' + scale) if scale else ''}"


def fmt_gap(points: float, kind: str, unit: str, lang: str, bound: str = "", decimals: int = 0) -> str:
    """A difference: percentage points for percentages ("26 points"), the unit otherwise."""
    if not _finite(points):
        return load(lang)["doc"]["missing"]
    if kind == "percent":
        u = load(lang)["units"]
        x = abs(points) * 100
        text = u["point_one"] if round(x, decimals) == 1 else u["points"].format(v=_num(x, decimals, lang))
    else:
        text = fmt_value(abs(points), kind, unit, lang, decimals)
    if bound:
        text = load(lang)["bounds"].get(bound, "{v}").format(v=text)
    return text


def fmt_date(v: Any, lang: str, long: bool = False) -> str:
    from briefing.ingest.periods import date_key  # parsing rules live with the reader
    m = load(lang)["months"]
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        if v.day == 1 and not long:
            return m["month_year"].format(month=m["long"][v.month - 1], year=v.year)
        return m["date_long" if long else "date_short"].format(
            day=v.day, month=m["short"][v.month - 1], month_long=m["long"][v.month - 1], year=v.year)
    if isinstance(v, (int, float)) and float(v).is_integer():
        return f"{int(v)}年" if lang == "zh" else str(int(v))
    s = str(v).strip()
    match = re.match(r"^(early|mid|late|q[1-4]|h[12])[\s-]*((?:19|20)\d\d)$", s, re.I)
    if match:
        return m["periods"][match.group(1).lower()].format(year=match.group(2))
    p = date_key(s)
    if p and p[1] and p[2]:
        return fmt_date(dt.date(*p), lang, long)
    return s


def period_label(header: Any, lang: str) -> str:
    """A period column's header as text, with no publisher dates to go by: a year ("2024年" in
    Chinese), a month written in digits ("202512" reads as December 2025), else as fmt_date reads it."""
    from briefing.ingest.periods import header_month  # parsing rules live with the reader
    text = str(header).strip()
    if re.fullmatch(r"(19|20)\d\d", text):
        return fmt_date(int(text), lang)
    month = header_month(text)
    if month:
        return fmt_date(dt.date(month[0], month[1], 1), lang)
    return fmt_date(text, lang)


def iso_to_text(iso: str, lang: str) -> str:
    try:
        return fmt_date(dt.date.fromisoformat(iso), lang, long=True)
    except ValueError:
        return iso


def as_label(text: str) -> str:
    """"early 2024" reads mid-sentence; as a chart or table label it is "Early 2024"."""
    return text[:1].upper() + text[1:]
