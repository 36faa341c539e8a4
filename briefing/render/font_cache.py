"""TrueType faces as ReportLab parsed them, kept in the user's cache so a new process need not parse them again.

ReportLab reads a face's tables in Python: 14-20 ms a face, four faces (regular, bold, italic, bold
italic) before a briefing's first line, in every process that builds one (the CLI, the window's
builder). ReportLab has no cache of its own, so this one is written by hand: the face's parsed
attributes (its character map, widths, metrics and table directory) are pickled, the font file's
bytes are read from the file itself, and a ReportLab TTFont is put together around them as
TTFont.__init__ would. The cache is keyed by the file's path, size and modification time and by the
ReportLab and Python versions; anything unexpected (another ReportLab, a damaged or foreign cache
file) parses the face again, as without a cache.
"""
from __future__ import annotations

import hashlib
import io
import pickle
import sys
from fnmatch import fnmatch
from pathlib import Path

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from briefing.fileio import user_cache, write_atomic
from briefing.model import InputError

# What the cache keeps of a face: all but the file's bytes (read again) and the scale function
# (a lambda, made again from unitsPerEm as ReportLab makes it).
_NOT_KEPT = ("_ttf_data", "_pdfScale")
_FORMAT = 1


class _FaceUnpickler(pickle.Unpickler):
    """Builtin values and ReportLab's name bytes only: a cache file can hold data, never code."""

    def find_class(self, module: str, name: str):
        if (module, name) == ("reportlab.pdfbase.ttfonts", "TTFNameBytes"):
            return ttfonts.TTFNameBytes
        raise pickle.UnpicklingError(f"{module}.{name} is not kept in a font cache")


def _stamp(path: Path, subfont: int) -> tuple:
    st = path.stat()
    return (_FORMAT, reportlab.Version, sys.version_info[:2], str(path), st.st_size, st.st_mtime_ns, subfont)


def _cache_file(path: Path, subfont: int) -> Path | None:
    folder = user_cache("fonts")
    if folder is None:
        return None
    where = hashlib.sha256(f"{path}|{subfont}".encode()).hexdigest()[:24]
    return folder / f"{path.stem}-{subfont}-{where}.pickle"


def _scale(units_per_em: int):
    # As TTFontFile.extractInfo makes it.
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


def _assemble(name: str, face: TTFontFace) -> TTFont:
    """A TTFont around an already parsed face, as TTFont.__init__ makes one (ReportLab 4 and 5)."""
    from weakref import WeakKeyDictionary

    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, g) for g in ttfonts.unShapedFontGlob)
    return font


def _from_cache(name: str, path: Path, subfont: int, cached: Path) -> TTFont | None:
    try:
        with open(cached, "rb") as f:
            stamp, font_keys, state = _FaceUnpickler(io.BytesIO(f.read())).load()
        if stamp != _stamp(path, subfont):
            return None
        face = TTFontFace.__new__(TTFontFace)
        face.__dict__.update(state)
        face._ttf_data = path.read_bytes()
        face._pdfScale = _scale(face.unitsPerEm)
        font = _assemble(name, face)
        # Another ReportLab would build its TTFont otherwise: then the face is parsed, not guessed.
        return font if sorted(font.__dict__) == font_keys else None
    except Exception:   # noqa: BLE001 - a cache that cannot be used is no cache, never an error
        return None


def load_ttfont(name: str, file: str | Path, subfont: int = 0) -> TTFont:
    """ReportLab's TTFont(name, file, subfontIndex=subfont), from the cache when it holds this face.
    Raises what TTFont raises (TTFError, OSError) for a font that cannot be read."""
    path = Path(file).resolve()
    try:
        cached = _cache_file(path, subfont)
    except OSError:
        cached = None
    if cached is not None:
        font = _from_cache(name, path, subfont, cached)
        if font is not None:
            return font
    font = TTFont(name, str(path), subfontIndex=subfont)
    if cached is not None:
        try:
            state = {k: v for k, v in font.face.__dict__.items() if k not in _NOT_KEPT}
            data = pickle.dumps((_stamp(path, subfont), sorted(font.__dict__), state), protocol=5)
            cached.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(cached, data, what="font cache")
        except (OSError, pickle.PicklingError, TypeError, AttributeError, InputError):
            pass
    return font
