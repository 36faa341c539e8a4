"""Register the shipped TrueType fonts and split plain text into font runs along a fallback chain.

The template's Latin and CJK faces come first; then Noto Sans Arabic, Noto Sans Hebrew, Symbola
(emoji and symbols) and HanaMinB (CJK Extension B) take each character the others lack. Right-to-left
text is shaped (Arabic letters to their joined presentation forms) and put in visual order before it
is split, so every way text reaches the page (paragraphs, the canvas, chart labels) shows it right.
A character no font has is drawn as the missing-glyph box and recorded in FontSet.missing, which the
build reports; it is never dropped silently.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFError

from briefing import paths
from briefing.model import InputError
from briefing.render.font_cache import load_ttfont
from briefing.render.template import Template

_LOCK = threading.Lock()


def _utf16_hex(code: int) -> str:
    if code <= 0xFFFF:
        return "%04X" % code
    code -= 0x10000
    return "%04X%04X" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


def _to_unicode_cmap(fontname, subset):
    """ReportLab's ToUnicode CMap, with characters past U+FFFF (emoji, CJK Extension B) written as the
    UTF-16 surrogate pair the PDF format asks for: ReportLab writes their five hex digits into a
    four-digit field, so a PDF reader extracted 🤖 (U+1F916) as U+1F91."""
    cmap = ttfonts._briefing_make_cmap(fontname, subset)
    if all(v <= 0xFFFF for v in subset):
        return cmap
    lines = cmap.split("\n")
    start = lines.index("%d beginbfchar" % len(subset)) + 1
    lines[start:start + len(subset)] = ["<%02X> <%s>" % (i, _utf16_hex(v)) for i, v in enumerate(subset)]
    return "\n".join(lines)


if not hasattr(ttfonts, "_briefing_make_cmap"):
    ttfonts._briefing_make_cmap = ttfonts.makeToUnicodeCMap
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap

# Ideographs, kana, hangul, CJK punctuation and full-width forms always go to the CJK
# font, even where the Latin font happens to have a glyph, so a Chinese sentence keeps
# one consistent face for its punctuation.
_CJK_RANGES = (
    (0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3100, 0x31BF),
    (0x31C0, 0x31EF), (0x3200, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
    (0x20000, 0x2FA1F),
)


def _in_cjk_range(code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


# The fallback chain after the template's Latin and CJK faces: (registered name, file in resources/fonts).
FALLBACKS = (("Briefing-NotoSansArabic", "NotoSansArabic-Regular.ttf"),
             ("Briefing-NotoSansHebrew", "NotoSansHebrew-Regular.ttf"),
             ("Briefing-Symbola", "Symbola-subset.ttf"),
             ("Briefing-HanaMinB", "HanaMinB-subset.ttf"))
# A CJK face (file, subfont) -> the cut of its non-CJK characters the Latin face lacks (registered name,
# file): WenQuanYi's 5 MB character map took 0.16 s to parse, for a minus sign (make_subsets.py).
CJK_SYMBOLS = {("wqy-microhei.ttc", 0): ("Briefing-wqy-microhei-symbols", "wqy-microhei-symbols.ttf")}
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
MISSING = "\x00missing"
# Zero-width controls: joiners, variation selectors, bidi marks, the BOM. They steer shaping and order,
# which is done here, and have no glyph of their own.
_IGNORABLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f\ufeff"
                        r"\U000e0100-\U000e01ef]")


def visual(text: str) -> str:
    """Right-to-left runs shaped and in visual order (left to right on the page); other text as it is."""
    if text.isascii():
        return text
    text = _IGNORABLE.sub("", text)
    if not _RTL.search(text):
        return text
    if _ARABIC.search(text):
        import arabic_reshaper
        text = arabic_reshaper.reshape(text)
    from bidi import get_display
    return "\n".join(get_display(line, base_dir="L") for line in text.split("\n"))


@dataclass(frozen=True)
class FontSet:
    """Registered font names for one template."""
    regular: str
    bold: str
    italic: str
    bold_italic: str
    cjk: str
    fallbacks: tuple[str, ...] = ()
    # The CJK face's own glyphs for characters outside CJK script that the Latin face lacks (the minus
    # sign, arrows, box drawing), cut out of it: set from the cut, English text never loads the face.
    symbols: str = ""
    # Characters no font of the chain has, met while laying this build out (reported, not dropped).
    missing: set = field(default_factory=set, compare=False, hash=False)

    def latin(self, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular

    # -- run splitting -------------------------------------------------------------

    def font_runs(self, text: str) -> list[tuple[str, str]]:
        """Split text (already in visual order) into (run, font name) pieces; spaces stay with the run
        they follow. Linear in the length of the text."""
        if text.isascii():
            return [(text, self.regular)] if text else []
        out: list[tuple[str, str]] = []
        cur: list[str] = []
        cur_font = None
        for ch in text:
            font = _classify(self, ch)
            if font == "":          # whitespace: with the run before it, if that font has a glyph for it
                if cur_font is not None and (cur_font in (self.regular, self.cjk)
                                             or ord(ch) in pdfmetrics.getFont(cur_font).face.charToGlyph):
                    cur.append(ch)
                    continue
                font = self.regular
            elif font == MISSING:
                self.missing.add(ch)
                font = self.cjk if _in_cjk_range(ord(ch)) else self.regular
                _ensure(font)
            if cur_font is None or font == cur_font:
                cur_font = font
                cur.append(ch)
            else:
                out.append(("".join(cur), cur_font))
                cur, cur_font = [ch], font
        if cur:
            out.append(("".join(cur), cur_font or self.regular))
        return out

    def runs(self, text: str) -> list[tuple[str, bool]]:
        """Split text into (run, is_cjk) pieces (the CJK face or not), in visual order."""
        return [(run, font == self.cjk) for run, font in self.font_runs(visual(text))]

    def has_cjk(self, text: str) -> bool:
        """True when any character of text needs the CJK font."""
        return not text.isascii() and any(_classify(self, ch) == self.cjk for ch in text)

    def has_cjk_script(self, text: str) -> bool:
        """True for Chinese/Japanese/Korean writing, not for a stray symbol borrowed from the CJK font."""
        return not text.isascii() and any(_in_cjk_range(ord(ch)) for ch in text)

    def markup(self, text: str, style_font: str | None = None) -> str:
        """Plain text -> Paragraph markup: escaped, CJK runs in the CJK font, newlines as <br/>.

        The CJK face has no bold, so when a bold style holds Chinese text its Latin runs
        drop to the regular face too: a line of one weight reads better than "2023年".
        """
        text = str(text)
        if text.isascii():
            return escape(text).replace("\n", "<br/>")
        runs = self.font_runs(visual(text))
        demote = style_font in (self.bold, self.bold_italic) and self.has_cjk_script(text)
        parts = []
        for run, font in runs:
            body = escape(run).replace("\n", "<br/>")
            if font != self.regular:
                body = f'<font name="{font}">{body}</font>'
            elif demote and body.strip():
                body = f'<font name="{self.regular}">{body}</font>'
            parts.append(body)
        return "".join(parts)

    def label_font(self, text: str, bold: bool = False) -> str:
        """One font for a whole chart label: the CJK face if any character needs it, else the first
        fallback a character needs (use chart_text for labels that mix scripts)."""
        runs = self.font_runs(visual(text))
        fonts = {f for _, f in runs if f != self.regular}
        if not fonts:
            return self.latin(bold)
        return self.cjk if self.cjk in fonts else next(f for _, f in runs if f != self.regular)

    def _run_font(self, font: str, bold: bool) -> str:
        return self.latin(bold) if font == self.regular else font

    def chart_text(self, x: float, y: float, text: str, size: float, *, bold: bool = False, fill=None,
                   anchor: str = "start"):
        """A chart label as a String, or a Group of Strings when it needs several fonts."""
        from reportlab.graphics.shapes import Group, String
        runs = self.font_runs(visual(text))
        if len({f for _, f in runs}) <= 1:
            font = self._run_font(runs[0][1], bold) if runs else self.latin(bold)
            return String(x, y, visual(text), fontName=font, fontSize=size, fillColor=fill, textAnchor=anchor)
        w = sum(stringWidth(r, self._run_font(f, bold), size) for r, f in runs)
        x0 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
        g = Group()
        for run, f in runs:
            font = self._run_font(f, bold)
            g.add(String(x0, y, run, fontName=font, fontSize=size, fillColor=fill))
            x0 += stringWidth(run, font, size)
        return g

    # -- drawing straight onto a canvas (page furniture, cover) -----------------

    def width(self, text: str, size: float, bold: bool = False) -> float:
        if text.isascii():
            return stringWidth(text, self.latin(bold), size)
        return sum(stringWidth(run, self._run_font(f, bold), size) for run, f in self.font_runs(visual(text)))

    def fit(self, text: str, size: float, max_width: float, bold: bool = False) -> str:
        """Text shortened with an ellipsis so it fits max_width (no more characters are tried than a
        line could hold, so a megabyte costs no more than a line)."""
        limit = int(max_width / (0.1 * size)) + 2 if size > 0 else len(text)
        if len(text) <= limit and self.width(text, size, bold) <= max_width:
            return text
        text = text[:limit]
        ell = "\u2026"
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid].rstrip() + ell, size, bold) <= max_width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + ell

    def draw(self, canv, x: float, y: float, text: str, size: float, *, bold: bool = False,
             align: str = "left", max_width: float | None = None) -> float:
        """Draw one line of mixed Latin/CJK text; returns its width."""
        bold = bold and not self.has_cjk_script(text)
        if max_width is not None:
            text = self.fit(text, size, max_width, bold)
        w = self.width(text, size, bold)
        if align == "right":
            x -= w
        elif align == "centre":
            x -= w / 2
        for run, f in self.font_runs(visual(text)):
            font = self._run_font(f, bold)
            canv.setFont(font, size)
            canv.drawString(x, y, run)
            x += stringWidth(run, font, size)
        return w


_CLASS_CACHE: dict[tuple, dict[str, str]] = {}


def _classify(fs: FontSet, ch: str) -> str:
    """The font a character is set in: "" for whitespace, MISSING when no font of the chain has it.
    CJK script goes to the CJK face first (one face for a Chinese sentence and its punctuation)."""
    key = (fs.regular, fs.cjk, fs.symbols, fs.fallbacks)
    cache = _CLASS_CACHE.setdefault(key, {})
    font = cache.get(ch)
    if font is None:
        code = ord(ch)
        if ch.isspace():
            font = ""
        else:
            if _in_cjk_range(code):
                chain = (fs.cjk, fs.regular) + fs.fallbacks
            else:
                chain = (fs.regular, fs.symbols, fs.cjk) if fs.symbols else (fs.regular, fs.cjk)
                chain += fs.fallbacks
            font = next((f for f in chain if code in _glyphs(f)), MISSING)
        cache[ch] = font
    return font


# The CJK face (a 5 MB collection whose character map took 0.16 s of every build to parse) and the
# fallbacks are registered the first time a character is looked up in them, so an English briefing
# never pays.
_LAZY: dict[str, tuple[str, int]] = {}


def _ensure(name: str) -> None:
    """Register a lazily registered face now (thread-safe; no-op for the others)."""
    if name in _LAZY:
        with _LOCK:
            spec = _LAZY.get(name)
            if spec is not None:
                _register(name, *spec)
                # <b>/<i> in markup look fonts up by family; the CJK face and the fallbacks have no
                # bold or italic, so every variant of their family maps back to itself.
                for bold, italic in ((1, 1), (1, 0), (0, 1), (0, 0)):
                    addMapping(name, bold, italic, name)
                del _LAZY[name]


def _glyphs(name: str) -> dict:
    _ensure(name)
    return pdfmetrics.getFont(name).face.charToGlyph


def _register(name: str, file: str, subfont: int = 0) -> None:
    if name in pdfmetrics.getRegisteredFontNames():
        return
    path = paths.fonts_dir() / file
    try:
        pdfmetrics.registerFont(load_ttfont(name, path, subfont))
    except (TTFError, OSError) as exc:
        raise InputError(f"Font {path.name} cannot be used: {exc}") from None


def face_name(file: str, sub: int = 0) -> str:
    """The name a font file's face is registered under ("Briefing-NotoSans-Regular")."""
    stem = file.rsplit(".", 1)[0]
    return f"Briefing-{stem}" + (f"-{sub}" if sub else "")


def register_fonts(tpl: Template) -> FontSet:
    """Register the template's fonts once per process and return their names."""
    f = tpl.fonts
    symbols = CJK_SYMBOLS.get((f["cjk"], tpl.cjk_subfont))
    fs = FontSet(regular=face_name(f["regular"]), bold=face_name(f["bold"]), italic=face_name(f["italic"]),
                 bold_italic=face_name(f["bold_italic"]), cjk=face_name(f["cjk"], tpl.cjk_subfont),
                 fallbacks=tuple(name for name, _ in FALLBACKS),
                 symbols=symbols[0] if symbols else "")
    with _LOCK:
        for face in ("regular", "bold", "italic", "bold_italic"):
            _register(getattr(fs, face), f[face])
        # The CJK face, its symbols cut and the fallbacks are registered when first looked into
        # (see _LAZY); _ensure maps bold and italic to their one weight.
        lazy = [(fs.cjk, f["cjk"], tpl.cjk_subfont), *((name, file, 0) for name, file in FALLBACKS)]
        if symbols:
            lazy.append((*symbols, 0))
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, file, sub in lazy:
            if name not in registered:
                _LAZY[name] = (file, sub)
        for bold, italic in ((1, 1), (1, 0), (0, 1), (0, 0)):
            addMapping(fs.regular, bold, italic, fs.latin(bool(bold), bool(italic)))
    return fs
