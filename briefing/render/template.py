"""Load a template data file (templates/<name>.toml) and check every key the renderer reads."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import pagesizes

from briefing import paths
from briefing.model import InputError

PAGE_SIZES = {"A4": pagesizes.A4, "LETTER": pagesizes.LETTER, "A5": pagesizes.A5}
TYPE_ROLES = ("body", "lead", "note", "source", "small", "h0", "h1", "h2", "h3",
              "cover_title", "cover_subtitle", "cover_meta", "callout_value", "callout_label",
              "table", "appendix", "chart", "toc0", "toc1", "toc2", "header", "footer")
COLOURS = ("text", "ink", "muted", "rule", "accent", "accent_dark", "bar", "benchmark",
           "zebra", "panel", "banner")
FONT_FACES = ("regular", "bold", "italic", "bold_italic", "cjk")
FURNITURE = ("header_left", "header_right", "footer_left", "footer_right")
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class TypeSpec:
    size: float
    leading: float
    before: float
    after: float


@dataclass(frozen=True)
class Template:
    """A validated template: plain values, nothing ReportLab-specific beyond the page size."""
    path: Path
    page_size: tuple[float, float]
    margins: dict[str, float]          # left, right, top, bottom, header_offset, footer_offset
    fonts: dict[str, str]              # face -> file name in resources/fonts
    cjk_subfont: int
    colours: dict[str, str]            # role -> "#RRGGBB"
    palette: tuple[str, ...]
    type: dict[str, TypeSpec]
    furniture: dict[str, str]


class _Reader:
    """Typed look-ups that fail with one line naming the file and the dotted key."""

    def __init__(self, path: Path, data: dict):
        self.path, self.data = path, data

    def fail(self, key: str, why: str) -> InputError:
        return InputError(f"Template {self.path.name}: key '{key}' {why}")

    def get(self, key: str):
        node = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise self.fail(key, "is missing")
            node = node[part]
        return node

    def number(self, key: str, minimum: float = 0.0) -> float:
        v = self.get(key)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < minimum:
            raise self.fail(key, f"must be a number >= {minimum:g}")
        return float(v)

    def text(self, key: str) -> str:
        v = self.get(key)
        if not isinstance(v, str):
            raise self.fail(key, "must be a string")
        return v

    def colour(self, key: str, value=None) -> str:
        v = self.get(key) if value is None else value
        if not isinstance(v, str) or not _HEX.fullmatch(v):
            raise self.fail(key, "must be a colour like \"#0072B2\"")
        return v.upper()


def template_path(name: str) -> Path:
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise InputError(f"Template name '{name}' is not valid")
    return paths.templates() / f"{name}.toml"


def load_template(name: str) -> Template:
    path = template_path(name)
    if not path.is_file():
        raise InputError(f"Template '{name}' not found (looked for {path})")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"Template {path.name} cannot be read: {exc}") from None
    return parse_template(path, data)


def parse_template(path: Path, data: dict) -> Template:
    r = _Reader(path, data)
    size_name = r.text("page.size")
    if size_name.upper() not in PAGE_SIZES:
        raise r.fail("page.size", f"must be one of {', '.join(sorted(PAGE_SIZES))}")
    margins = {k: r.number(f"page.margin_{k}") for k in ("left", "right", "top", "bottom")}
    margins["header_offset"] = r.number("page.header_offset")
    margins["footer_offset"] = r.number("page.footer_offset")
    page = PAGE_SIZES[size_name.upper()]
    if margins["left"] + margins["right"] >= page[0] * 0.8 or margins["top"] + margins["bottom"] >= page[1] * 0.8:
        raise r.fail("page", "margins leave too little room for text")

    fonts = {face: r.text(f"fonts.{face}") for face in FONT_FACES}
    for face, file in fonts.items():
        if not (paths.fonts_dir() / file).is_file():
            raise r.fail(f"fonts.{face}", f"names a font file that is not in {paths.fonts_dir()}: {file}")
    cjk_subfont = int(r.number("fonts.cjk_subfont"))

    colours = {c: r.colour(f"colours.{c}") for c in COLOURS}
    palette = r.get("colours.palette")
    if not isinstance(palette, list) or not palette:
        raise r.fail("colours.palette", "must be a non-empty list of colours")
    palette = tuple(r.colour("colours.palette", p) for p in palette)

    type_specs = {}
    for role in TYPE_ROLES:
        size = r.number(f"type.{role}.size", 4.0)
        leading = r.number(f"type.{role}.leading", 4.0)
        if leading < size:
            raise r.fail(f"type.{role}.leading", "must not be smaller than the size")
        type_specs[role] = TypeSpec(size, leading, r.number(f"type.{role}.before"),
                                    r.number(f"type.{role}.after"))
    furniture = {k: r.text(f"furniture.{k}") for k in FURNITURE}
    return Template(path, page, margins, fonts, cjk_subfont, colours, palette, type_specs, furniture)
