"""Rebuild the fallback fonts shipped in this folder from their Debian packages (see README.md).

    apt-get install fonts-noto-core fonts-symbola fonts-hanazono
    pip install fonttools
    python resources/fonts/make_subsets.py

Noto Sans Arabic and Noto Sans Hebrew are copied whole (small). Symbola (3 MB) is cut to the emoji,
pictographs and symbol blocks; HanaMinB (30 MB, CJK Extension B and beyond) to the Extension-B
ideographs that Hong Kong (HKSCS) and Japanese (JIS X 0213) text uses, the ones real workbooks hold.
A character none of the shipped fonts has is reported by the build, never dropped silently.
"""
from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTO = Path("/usr/share/fonts/truetype/noto")
SYMBOLA = Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf")
HANAMIN_B = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")
WQY = HERE / "wqy-microhei.ttc"   # shipped whole (the CJK face); its symbols are also cut out, below

SYMBOL_RANGES = [(0x20, 0x20), (0xA0, 0xA0), (0x2190, 0x21FF), (0x2300, 0x23FF), (0x2460, 0x24FF), (0x25A0, 0x27BF), (0x2900, 0x297F),
                 (0x2B00, 0x2BFF), (0x1F000, 0x1F2FF), (0x1F300, 0x1F6FF), (0x1F700, 0x1F77F),
                 (0x1F780, 0x1F7FF), (0x1F800, 0x1F8FF), (0x1F900, 0x1F9FF), (0x1FA70, 0x1FAFF)]


# Well-known Extension-B characters outside both code pages (𠮷 of the Japanese name Yoshino).
EXT_B_EXTRA = [0x20BB7, 0x2000B, 0x20089, 0x200A2, 0x200A4, 0x201A2, 0x20213, 0x2032B, 0x20381, 0x203F9]


def _ext_b_in_use() -> list[int]:
    out = list(EXT_B_EXTRA)
    for cp in range(0x20000, 0x2A6E0):
        ch = chr(cp)
        for codec in ("big5hkscs", "shift_jis_2004", "euc_jis_2004"):
            try:
                ch.encode(codec)
            except UnicodeEncodeError:
                continue
            out.append(cp)
            break
    return sorted(set(out))


def _wqy_symbols() -> list[int]:
    """The characters of WenQuanYi Micro Hei outside the CJK ranges that Noto Sans lacks (the minus
    sign, arrows, box drawing...): set from this small cut, an English briefing never loads the 5 MB face."""
    import sys

    from fontTools.ttLib import TTFont
    sys.path.insert(0, str(HERE.parents[1]))
    from briefing.render.fonts import _in_cjk_range

    noto = TTFont(str(HERE / "NotoSans-Regular.ttf")).getBestCmap()
    wqy = TTFont(str(WQY), fontNumber=0).getBestCmap()
    # The spaces too, as in Symbola's cut: a space after a symbol stays in the symbol's run.
    return sorted({0x20, 0xA0} | {cp for cp in wqy if not _in_cjk_range(cp) and cp not in noto})


def _subset(src: Path, dst: Path, unicodes: list[int], family: str | None = None, number: int = 0) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    font = TTFont(str(src), fontNumber=number)
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.hinting = False            # smaller; the PDF is not rasterised at screen sizes by ReportLab
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    if family:
        for rec in font["name"].names:
            if rec.nameID in (1, 4, 16):
                rec.string = family
            elif rec.nameID == 6:
                rec.string = family.replace(" ", "")
    font.save(str(dst))


def main() -> None:
    for name in ("NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf"):
        shutil.copyfile(NOTO / name, HERE / name)
    symbols = [cp for lo, hi in SYMBOL_RANGES for cp in range(lo, hi + 1)]
    _subset(SYMBOLA, HERE / "Symbola-subset.ttf", symbols)
    _subset(HANAMIN_B, HERE / "HanaMinB-subset.ttf", _ext_b_in_use())
    _subset(WQY, HERE / "wqy-microhei-symbols.ttf", _wqy_symbols(), family="WenQuanYi Micro Hei Symbols")
    for f in sorted(HERE.glob("*.ttf")):
        print(f"{f.name:32} {f.stat().st_size:>10,} bytes")


if __name__ == "__main__":
    main()
