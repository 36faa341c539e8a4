"""render/font_cache.py: a face read from the cache is the face ReportLab parses, and a cache never runs code."""
import io
import os
import pickle

import pytest
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile
from reportlab.pdfgen.canvas import Canvas

from briefing import paths
from briefing.render import font_cache

FACE = paths.fonts_dir() / "NotoSans-Italic.ttf"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_NO_DATA_CACHE", raising=False)
    return tmp_path / "cache" / "Briefing" / "fonts"


def _page(font) -> bytes:
    """One page drawn in `font`, the face subset and embedded: what a briefing's PDF holds of it."""
    from reportlab.pdfbase import pdfmetrics
    pdfmetrics.registerFont(font)
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    c.setFont(font.fontName, 11)
    c.drawString(72, 700, "Adoption rose to 54% — “naïve” ĀāŒœ ΑΩ Жж")
    c.save()
    return buf.getvalue().replace(font.fontName.encode(), b"NAME")


def _unparsed(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("parsed, not read from the cache")
    monkeypatch.setattr(TTFontFile, "extractInfo", refuse)


def test_a_face_from_the_cache_is_the_parsed_face(cache, monkeypatch):
    parsed = TTFont("Parsed-Face", str(FACE))
    first = font_cache.load_ttfont("First-Face", FACE)          # parsed, then kept
    assert len(list(cache.glob("NotoSans-Italic-0-*.pickle"))) == 1
    _unparsed(monkeypatch)
    kept = font_cache.load_ttfont("Kept-Face", FACE)
    assert sorted(kept.__dict__) == sorted(parsed.__dict__)
    a = {k: v for k, v in parsed.face.__dict__.items() if k != "_pdfScale"}
    b = {k: v for k, v in kept.face.__dict__.items() if k != "_pdfScale"}
    assert a == b and len(a["charToGlyph"]) > 2000
    assert [kept.face._pdfScale(x) for x in (0, 1, 1234)] == [parsed.face._pdfScale(x) for x in (0, 1, 1234)]
    assert kept.stringWidth("Adoption 54%", 11) == parsed.stringWidth("Adoption 54%", 11)
    assert _page(kept) == _page(parsed) == _page(first)


def test_a_changed_font_file_is_parsed_again(cache, tmp_path, monkeypatch):
    face = tmp_path / "Face.ttf"
    face.write_bytes(FACE.read_bytes())
    font_cache.load_ttfont("Changed-A", face)
    st = face.stat()
    os.utime(face, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    calls = []
    real = TTFontFile.extractInfo
    monkeypatch.setattr(TTFontFile, "extractInfo", lambda self, *a: calls.append(1) or real(self, *a))
    font_cache.load_ttfont("Changed-B", face)
    assert calls == [1]
    assert len(list(cache.glob("Face-0-*.pickle"))) == 1     # its one cache file, rewritten
    font_cache.load_ttfont("Changed-C", face)
    assert calls == [1]


def test_a_cache_file_holding_code_is_refused_and_never_run(cache, tmp_path, monkeypatch):
    font_cache.load_ttfont("Code-A", FACE)
    (kept,) = cache.glob("NotoSans-Italic-0-*.pickle")
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))
    kept.write_bytes(pickle.dumps(Payload()))
    font = font_cache.load_ttfont("Code-B", FACE)
    assert not marker.exists() and len(font.face.charToGlyph) > 2000
    kept.write_bytes(b"\x80\x05 damaged")
    assert font_cache.load_ttfont("Code-C", FACE).face.numGlyphs == font.face.numGlyphs
    _unparsed(monkeypatch)
    assert font_cache.load_ttfont("Code-D", FACE).face.numGlyphs == font.face.numGlyphs   # rewritten whole


def test_no_cache_folder_means_parsing_each_time(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("BRIEFING_NO_DATA_CACHE", "1")
    assert font_cache.load_ttfont("Off-A", FACE).face.numGlyphs > 2000
    assert not (tmp_path / "cache").exists()
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv("BRIEFING_NO_DATA_CACHE")
    assert font_cache.load_ttfont("Off-B", FACE).face.numGlyphs > 2000
