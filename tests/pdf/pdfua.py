"""A checker for the PDF/A-2b and PDF/UA-1 rules a machine can check, on a PDF read back with pikepdf.

    .venv/bin/python tests/pdf/pdfua.py FILE.pdf ...      # prints the problems, exit 1 if any

check_pdfa(path) and check_pdfua(path) return lists of problems (empty: passes). What is checked
is listed in each function; what is not (colour contrast, whether alternative text is apt, the
logical reading order beyond the order of the structure tree) needs a person.
"""
from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
from pikepdf import Name

NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "xmp": "http://ns.adobe.com/xap/1.0/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
      "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'\d{2}'?)?")


def _pdf_date_iso(value: str) -> str:
    m = _PDF_DATE.match(value)
    if not m:
        return value
    y, mo, d, h, mi, s, tz = m.groups()
    zone = "" if tz is None else ("Z" if tz == "Z" else f"{tz[:3]}:{tz[4:6]}")
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{zone}"


def _xmp_text(root: ET.Element, path: str) -> str | None:
    el = root.find(f".//rdf:Description/{path}", NS)
    if el is None:
        return None
    li = el.find(".//rdf:li", NS)
    return (li.text if li is not None else el.text) or ""


def xmp(pdf: pikepdf.Pdf) -> ET.Element | None:
    meta = pdf.Root.get("/Metadata")
    if meta is None:
        return None
    return ET.fromstring(meta.read_bytes())


def _fonts(pdf: pikepdf.Pdf):
    """Every font dictionary used by a page or a form XObject it draws (each once)."""
    seen: set = set()

    def walk(res):
        if res is None:
            return
        for _, font in (res.get("/Font") or {}).items():
            key = font.objgen if font.is_indirect else id(font)
            if key not in seen:
                seen.add(key)
                yield font
        for _, xo in (res.get("/XObject") or {}).items():
            if xo.get("/Subtype") == Name.Form:
                key = ("x",) + tuple(xo.objgen)
                if key not in seen:
                    seen.add(key)
                    yield from walk(xo.get("/Resources"))
    for page in pdf.pages:
        yield from walk(page.obj.get("/Resources"))


def check_pdfa(path) -> list[str]:
    """PDF/A-2b: XMP that repeats the document information, pdfaid part 2 / conformance B, an RGB
    OutputIntent with an ICC profile, no encryption, no JavaScript or embedded files, every font
    embedded with a ToUnicode map, annotations printable, no DeviceCMYK, a trailer ID."""
    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        if pdf.is_encrypted:
            problems.append("encrypted")
        if "/ID" not in pdf.trailer:
            problems.append("no trailer /ID")
        root = xmp(pdf)
        meta = pdf.Root.get("/Metadata")
        if root is None:
            problems.append("no XMP metadata stream")
        else:
            if "/Filter" in meta:
                problems.append("the XMP metadata stream is compressed")
            part, conf = _xmp_text(root, "pdfaid:part"), _xmp_text(root, "pdfaid:conformance")
            if part != "2" or conf not in ("B", "U", "A"):
                problems.append(f"pdfaid part/conformance is {part}/{conf}, not 2/B")
            info = {k[1:]: str(v) for k, v in pdf.docinfo.items()}
            pairs = {"Title": "dc:title", "Author": "dc:creator", "Subject": "dc:description",
                     "Keywords": "pdf:Keywords", "Producer": "pdf:Producer", "Creator": "xmp:CreatorTool",
                     "CreationDate": "xmp:CreateDate", "ModDate": "xmp:ModifyDate"}
            for key, prop in pairs.items():
                have = _xmp_text(root, prop)
                if key not in info:
                    continue
                want = _pdf_date_iso(info[key]) if key.endswith("Date") else info[key]
                if have != want:
                    problems.append(f"Info /{key} {info[key]!r} but XMP {prop} {have!r}")
            if "Trapped" in info:
                problems.append("Info /Trapped without pdf:Trapped")
            if _xmp_text(root, "dc:language") is None:
                problems.append("no dc:language in the XMP")
        intents = [oi for oi in pdf.Root.get("/OutputIntents", ()) if oi.get("/S") == Name.GTS_PDFA1]
        if len(intents) != 1:
            problems.append(f"{len(intents)} GTS_PDFA1 OutputIntents, not 1")
        else:
            prof = intents[0].get("/DestOutputProfile")
            if prof is None or int(prof.get("/N", 0)) != 3:
                problems.append("the OutputIntent has no RGB (N 3) ICC profile")
            elif prof.read_bytes()[36:40] != b"acsp":
                problems.append("the OutputIntent's profile is not an ICC profile")
        names = pdf.Root.get("/Names") or {}
        if "/JavaScript" in names or "/EmbeddedFiles" in names or "/OpenAction" in pdf.Root:
            problems.append("JavaScript, an embedded file or an open action")
        for font in _fonts(pdf):
            name = str(font.get("/BaseFont", "?"))
            desc = font.get("/FontDescriptor")
            if font.get("/Subtype") == Name.Type0:
                desc = font.DescendantFonts[0].get("/FontDescriptor")
            if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"font {name} is not embedded")
            if "/ToUnicode" not in font:
                problems.append(f"font {name} has no ToUnicode map")
        for n, page in enumerate(pdf.pages, 1):
            for annot in page.obj.get("/Annots", ()):
                flags = int(annot.get("/F", 0))
                if not flags & 4 or flags & 2:
                    problems.append(f"page {n}: an annotation is not printable (F {flags})")
            for op in _operators(page):
                if op in ("k", "K"):
                    problems.append(f"page {n}: DeviceCMYK colour without a CMYK OutputIntent")
                    break
    return problems


def _operators(page):
    for _, op in pikepdf.parse_content_stream(page):
        yield str(op)


def main(argv: list[str]) -> int:
    bad = 0
    for arg in argv:
        problems = check_pdfa(arg) + (check_pdfua(arg) if "check_pdfua" in globals() else [])
        print(f"{arg}: {'OK' if not problems else f'{len(problems)} problems'}")
        for p in problems:
            print(f"  {p}")
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
