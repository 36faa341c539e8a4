"""Register the shipped TrueType fonts and split plain text into Latin and CJK font runs."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from briefing import paths
from briefing.model import InputError
from briefing.render.template import Template

_LOCK = threading.Lock()

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


@dataclass(frozen=True)
class FontSet:
    """Registered font names for one template."""
    regular: str
    bold: str
    italic: str
    bold_italic: str
    cjk: str

    def latin(self, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular

    # -- run splitting -------------------------------------------------------------

    def is_cjk(self, ch: str) -> bool:
        """True when the character is set in the CJK font (CJK script, or a glyph only it has)."""
        return _classify(self, ch) in "cf"

    def runs(self, text: str) -> list[tuple[str, bool]]:
        """Split text into (run, is_cjk) pieces; spaces stay with the run they follow."""
        out: list[tuple[str, bool]] = []
        cur: list[str] = []
        cur_cjk = None
        for ch in text:
            kind = _classify(self, ch)
            if kind == "n" and cur_cjk is not None:
                cur.append(ch)
                continue
            is_c = kind in ("c", "f")
            if cur_cjk is None or is_c == cur_cjk:
                cur_cjk = is_c if cur_cjk is None else cur_cjk
                cur.append(ch)
            else:
                out.append(("".join(cur), cur_cjk))
                cur, cur_cjk = [ch], is_c
        if cur:
            out.append(("".join(cur), bool(cur_cjk)))
        return out

    def has_cjk(self, text: str) -> bool:
        """True when any character of text needs the CJK font."""
        return any(_classify(self, ch) in ("c", "f") for ch in text)

    def has_cjk_script(self, text: str) -> bool:
        """True for Chinese/Japanese/Korean writing, not for a stray symbol borrowed from the CJK font."""
        return any(_classify(self, ch) == "c" for ch in text)

    def markup(self, text: str, style_font: str | None = None) -> str:
        """Plain text -> Paragraph markup: escaped, CJK runs in the CJK font, newlines as <br/>.

        The CJK face has no bold, so when a bold style holds Chinese text its Latin runs
        drop to the regular face too: a line of one weight reads better than "2023年".
        """
        text = str(text)
        runs = self.runs(text)
        demote = style_font in (self.bold, self.bold_italic) and self.has_cjk_script(text)
        parts = []
        for run, is_c in runs:
            body = escape(run).replace("\n", "<br/>")
            if is_c:
                body = f'<font name="{self.cjk}">{body}</font>'
            elif demote and body.strip():
                body = f'<font name="{self.regular}">{body}</font>'
            parts.append(body)
        return "".join(parts)

    def label_font(self, text: str, bold: bool = False) -> str:
        """One font for a whole chart label: the CJK face if any character needs it."""
        return self.cjk if self.has_cjk(text) else self.latin(bold)

    # -- drawing straight onto a canvas (page furniture, cover) -----------------

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return sum(stringWidth(run, self.cjk if c else self.latin(bold), size)
                   for run, c in self.runs(text))

    def fit(self, text: str, size: float, max_width: float, bold: bool = False) -> str:
        """Text shortened with an ellipsis so it fits max_width."""
        if self.width(text, size, bold) <= max_width:
            return text
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
        for run, c in self.runs(text):
            font = self.cjk if c else self.latin(bold)
            canv.setFont(font, size)
            canv.drawString(x, y, run)
            x += stringWidth(run, font, size)
        return w


_CLASS_CACHE: dict[tuple[str, str], dict[str, str]] = {}


def _classify(fs: FontSet, ch: str) -> str:
    """'c' = CJK script, 'f' = a symbol only the CJK font has, 'l' = Latin font, 'n' = whitespace."""
    key = (fs.regular, fs.cjk)
    cache = _CLASS_CACHE.setdefault(key, {})
    kind = cache.get(ch)
    if kind is None:
        code = ord(ch)
        if ch.isspace():
            kind = "n"
        elif _in_cjk_range(code):
            kind = "c"
        else:
            latin = pdfmetrics.getFont(fs.regular).face.charToGlyph
            cjk = pdfmetrics.getFont(fs.cjk).face.charToGlyph
            kind = "f" if code not in latin and code in cjk else "l"
        cache[ch] = kind
    return kind


def _register(name: str, file: str, subfont: int = 0) -> None:
    if name in pdfmetrics.getRegisteredFontNames():
        return
    path = paths.fonts_dir() / file
    try:
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont))
    except (TTFError, OSError) as exc:
        raise InputError(f"Font {path.name} cannot be used: {exc}") from None


def register_fonts(tpl: Template) -> FontSet:
    """Register the template's fonts once per process and return their names."""
    def name_of(file: str, sub: int = 0) -> str:
        stem = file.rsplit(".", 1)[0]
        return f"Briefing-{stem}" + (f"-{sub}" if sub else "")

    f = tpl.fonts
    fs = FontSet(regular=name_of(f["regular"]), bold=name_of(f["bold"]), italic=name_of(f["italic"]),
                 bold_italic=name_of(f["bold_italic"]), cjk=name_of(f["cjk"], tpl.cjk_subfont))
    with _LOCK:
        for face in ("regular", "bold", "italic", "bold_italic"):
            _register(getattr(fs, face), f[face])
        _register(fs.cjk, f["cjk"], tpl.cjk_subfont)
        # <b>/<i> in markup look fonts up by family; the CJK face has no bold or italic,
        # so every variant of its family maps back to itself.
        for bold, italic in ((1, 1), (1, 0), (0, 1), (0, 0)):
            addMapping(fs.regular, bold, italic, fs.latin(bool(bold), bool(italic)))
            addMapping(fs.cjk, bold, italic, fs.cjk)
    return fs
