"""Load a template data file (templates/<name>.toml) and check every key the renderer reads."""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import pagesizes

from briefing import paths
from briefing.paths import template_names, user_templates  # noqa: F401  (the one list, re-exported)
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


PARTS = ("cover", "summary", "contents", "sections", "appendix")
SUMMARY_BLOCKS = ("callouts", "intro", "items")
SECTION_BLOCKS = ("lead", "findings", "callouts", "chart", "table")
COVER_LAYOUTS = ("band", "split", "plain", "masthead")
BANNERS = ("header", "strip", "none")
_MARGINS = ("left", "right", "top", "bottom")


def _schema() -> dict:
    """Every key a template may have (a dict for a table, None for a value): a key not here is a
    mistake (a misspelt `colum_gap` would otherwise be ignored and the default used)."""
    leaf = dict.fromkeys
    return {
        "name": None,
        "page": leaf(("size", "orientation", "columns", "column_gap", "header_offset", "footer_offset",
                      *(f"margin_{m}" for m in _MARGINS))),
        "fonts": leaf((*FONT_FACES, "cjk_subfont")),
        "colours": leaf((*COLOURS, "palette")),
        "type": {role: leaf(("size", "leading", "before", "after")) for role in TYPE_ROLES},
        "furniture": leaf(FURNITURE),
        "layout": leaf(("parts", "summary_blocks", "section_blocks", "section_break", "charts_per_section",
                        "tables_per_section", "summary_callouts", "refs", "max_pages", "balance")),
        "cover": leaf(("layout", "band_height")),
        "banner": leaf(("position",)),
        "brand": leaf(("logo", "logo_width")),
        "charts": leaf(("width",)),
    }


def _unknown_keys(data: dict, schema: dict, prefix: str = "") -> tuple[str, str] | None:
    """The first key of `data` the schema does not know, dotted, and the nearest known key ("" if none)."""
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if key not in schema:
            near = difflib.get_close_matches(key, [str(k) for k in schema], n=1, cutoff=0.8)
            return dotted, f"{prefix}{near[0]}" if near else ""
        sub = schema[key]
        if isinstance(sub, dict) and isinstance(value, dict):
            found = _unknown_keys(value, sub, f"{dotted}.")
            if found:
                return found
    return None


@dataclass(frozen=True)
class Layout:
    parts: tuple[str, ...] = PARTS
    summary_blocks: tuple[str, ...] = SUMMARY_BLOCKS
    section_blocks: tuple[str, ...] = ("lead", "findings", "callouts", "chart", "table")
    section_break: str = "page"          # page | none
    charts_per_section: int = 0          # 0 = all
    tables_per_section: int = 0          # 0 = all
    summary_callouts: int = 4
    refs: bool = True                    # show [A1] references after sentences
    max_pages: int = 0                   # 0 = no limit; else type shrinks until it fits
    balance: bool = False                # two columns: break the sections where the columns even out


@dataclass(frozen=True)
class CoverSpec:
    layout: str = "band"                 # band | split | plain | masthead
    band_height: float = 168.0           # band: height; split: width fraction * 1000; masthead: height


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
    layout: Layout = Layout()          # which parts and blocks, in which order
    cover: CoverSpec = CoverSpec()
    banner: str = "header"             # where the classification shows: header | strip | none
    columns: int = 1                   # body text columns
    column_gap: float = 18.0
    logo: Path | None = None
    logo_width: float = 0.0
    chart_width: float = 1.0           # fraction of the column a chart takes
    name: str = ""


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

    def has(self, key: str) -> bool:
        try:
            self.get(key)
            return True
        except InputError:
            return False

    def opt_number(self, key: str, default: float, minimum: float = 0.0, maximum: float | None = None) -> float:
        if not self.has(key):
            return default
        v = self.number(key, minimum)
        if maximum is not None and v > maximum:
            raise self.fail(key, f"must be a number between {minimum:g} and {maximum:g}")
        return v

    def opt_choice(self, key: str, default: str, choices: tuple[str, ...]) -> str:
        if not self.has(key):
            return default
        v = self.get(key)
        if not isinstance(v, str) or v.lower() not in choices:
            raise self.fail(key, f"must be one of {', '.join(choices)}")
        return v.lower()

    def opt_list(self, key: str, default: tuple[str, ...], choices: tuple[str, ...]) -> tuple[str, ...]:
        if not self.has(key):
            return default
        v = self.get(key)
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise self.fail(key, f"must be a list of names from {', '.join(choices)}")
        bad = [x for x in v if x not in choices]
        if bad:
            raise self.fail(key, f"has '{bad[0]}', which is not one of {', '.join(choices)}")
        return tuple(v)

    def colour(self, key: str, value=None) -> str:
        v = self.get(key) if value is None else value
        if not isinstance(v, str) or not _HEX.fullmatch(v):
            raise self.fail(key, "must be a colour like \"#0072B2\"")
        return v.upper()


def template_path(name: str) -> Path:
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise InputError(f"Template name '{name}' is not valid")
    user = paths.user_templates() / f"{name}.toml"
    if user.is_file():
        return user
    return paths.templates() / f"{name}.toml"


def load_template(name: str) -> Template:
    path = template_path(name)
    if not path.is_file():
        known = template_names()
        near = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        raise InputError(f"Template '{name}' not found" + (f" (did you mean '{near[0]}'?)" if near else "")
                         + f"; known templates: {', '.join(known)}; your own go in {user_templates()} as NAME.toml")
    try:
        if path.stat().st_size > 1 << 20:   # a template is a page of settings, not megabytes
            raise InputError(f"Template {path.name} cannot be read: over 1 MB, not a template")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"Template {path.name} cannot be read: {exc}") from None
    except RecursionError:
        raise InputError(f"Template {path.name} cannot be read: values nested too deeply") from None
    except OSError as exc:
        raise InputError(f"Template {path.name} cannot be read ({exc.strerror or exc})") from None
    return parse_template(path, data)


def parse_template(path: Path, data: dict) -> Template:
    r = _Reader(path, data)
    unknown = _unknown_keys(data, _schema())
    if unknown:
        key, near = unknown
        raise r.fail(key, "is not a template key" + (f" (did you mean '{near}'?)" if near else ""))
    size_name = r.text("page.size")
    if size_name.upper() not in PAGE_SIZES:
        raise r.fail("page.size", f"must be one of {', '.join(sorted(PAGE_SIZES))}")
    margins = {k: r.number(f"page.margin_{k}") for k in _MARGINS}
    margins["header_offset"] = r.number("page.header_offset")
    margins["footer_offset"] = r.number("page.footer_offset")
    page = PAGE_SIZES[size_name.upper()]
    if r.opt_choice("page.orientation", "portrait", ("portrait", "landscape")) == "landscape":
        page = (max(page), min(page))
    else:
        page = (min(page), max(page))
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

    columns = int(r.opt_number("page.columns", 1, 1, 3))
    gap = r.opt_number("page.column_gap", 18.0)
    parts = r.opt_list("layout.parts", PARTS, PARTS)
    if "sections" not in parts:
        raise r.fail("layout.parts", "must include \"sections\"")
    layout = Layout(
        parts=parts,
        summary_blocks=r.opt_list("layout.summary_blocks", SUMMARY_BLOCKS, SUMMARY_BLOCKS),
        section_blocks=r.opt_list("layout.section_blocks", Layout.section_blocks, SECTION_BLOCKS),
        section_break=r.opt_choice("layout.section_break", "page", ("page", "none")),
        charts_per_section=int(r.opt_number("layout.charts_per_section", 0)),
        tables_per_section=int(r.opt_number("layout.tables_per_section", 0)),
        summary_callouts=int(r.opt_number("layout.summary_callouts", 4, 0, 4)),
        refs=bool(r.get("layout.refs")) if r.has("layout.refs") else True,
        max_pages=int(r.opt_number("layout.max_pages", 0)),
        balance=bool(r.get("layout.balance")) if r.has("layout.balance") else False)
    cover = CoverSpec(r.opt_choice("cover.layout", "band", COVER_LAYOUTS),
                      r.opt_number("cover.band_height", 168.0, 40.0, 600.0))
    banner = r.opt_choice("banner.position", "header", BANNERS)
    logo, logo_w = None, 0.0
    if r.has("brand.logo") and r.text("brand.logo"):
        logo = Path(r.text("brand.logo")).expanduser()
        if not logo.is_absolute():
            logo = path.parent / logo
        if not logo.is_file():
            raise r.fail("brand.logo", f"names an image that does not exist: {logo}")
        logo_w = r.opt_number("brand.logo_width", 90.0, 10.0, 400.0)
    chart_width = r.opt_number("charts.width", 1.0, 0.3, 1.0)
    name = r.text("name") if r.has("name") else path.stem
    return Template(path, page, margins, fonts, cjk_subfont, colours, palette, type_specs, furniture,
                    layout, cover, banner, columns, gap, logo, logo_w, chart_width, name)
