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


PAINT = {"Tj", "TJ", "'", '"', "Do", "sh", "BI", "INLINE IMAGE", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s"}
STANDARD = {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
            "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
            "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
            "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
            "Formula", "Form"}


def untagged_content(page) -> tuple[int, set[int]]:
    """(painting operators outside any marked content, MCIDs) of a page's content stream."""
    stack: list[str] = []
    loose, mcids = 0, set()
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcids.add(int(operands[1].MCID))
                tag = "mcid"
            elif tag == "/Artifact":
                tag = "artifact"
            stack.append(tag)
        elif op == "EMC":
            if stack:
                stack.pop()
            else:
                loose += 1000      # an EMC with no sequence open
        elif op in PAINT and not any(t in ("mcid", "artifact") for t in stack):
            loose += 1
    return loose + 1000 * len(stack), mcids


def struct_elements(pdf: pikepdf.Pdf):
    """(element, depth) of the structure tree in reading order."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return

    def walk(el, depth):
        yield el, depth
        kids = el.get("/K")
        if kids is None:
            return
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in (Name.MCR, Name.OBJR) \
                    and "/S" in kid:
                yield from walk(kid, depth + 1)
    kids = root.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        yield from walk(kid, 0)


def outline_of_structure(path) -> list[tuple[int, str]]:
    """(depth, role) of every structure element, in order."""
    with pikepdf.open(path) as pdf:
        return [(d, str(el.S)[1:]) for el, d in struct_elements(pdf)]


def check_pdfua(path) -> list[str]:
    """PDF/UA-1, the machine-checkable part (Matterhorn conditions that apply to these files):
    marked as tagged, a structure tree with standard types only, every painting operator of every
    page inside tagged content (an MCID in the ParentTree) or an artifact, headings numbered with
    no skipped level and the first an H1, every table with header cells that have a Scope,
    every figure with alternative text, Note with an ID, every link annotation in a Link element
    with a description, /Tabs /S where there are annotations, /Lang, DisplayDocTitle, the title in
    the XMP, pdfuaid part 1; text in another script with a /Lang of its own (language_problems); no
    paragraph split across pages into two P elements (split_paragraph_problems); fonts (embedded,
    ToUnicode) are checked by check_pdfa."""
    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if not bool((root.get("/MarkInfo") or {}).get("/Marked", False)):
            problems.append("not /MarkInfo /Marked true")
        if not str(root.get("/Lang", "")):
            problems.append("no /Lang")
        if not bool((root.get("/ViewerPreferences") or {}).get("/DisplayDocTitle", False)):
            problems.append("no /ViewerPreferences /DisplayDocTitle true")
        meta = xmp(pdf)
        if meta is None or not _xmp_text(meta, "dc:title"):
            problems.append("no dc:title in the XMP")
        if meta is None or _xmp_text(meta, "pdfuaid:part") != "1":
            problems.append("no pdfuaid:part 1 in the XMP")
        tree = root.get("/StructTreeRoot")
        if tree is None:
            return problems + ["no structure tree"]
        parent_tree = {}
        nums = tree.ParentTree.get("/Nums", [])
        for k in range(0, len(nums) - 1, 2):
            parent_tree[int(nums[k])] = nums[k + 1]
        for n, page in enumerate(pdf.pages, 1):
            loose, mcids = untagged_content(page)
            if loose:
                problems.append(f"page {n}: content neither tagged nor an artifact ({loose})")
            if mcids:
                entry = parent_tree.get(int(page.obj.get("/StructParents", -1)))
                if entry is None or len(entry) <= max(mcids) or any(
                        not isinstance(entry[m], pikepdf.Dictionary) for m in mcids):
                    problems.append(f"page {n}: marked content missing from the ParentTree")
            annots = page.obj.get("/Annots", ())
            if len(annots) and page.obj.get("/Tabs") != Name.S:
                problems.append(f"page {n}: annotations but no /Tabs /S")
            for annot in annots:
                if annot.get("/Subtype") == Name.Link:
                    parent = parent_tree.get(int(annot.get("/StructParent", -1)))
                    if parent is None or parent.get("/S") != Name.Link:
                        problems.append(f"page {n}: a link annotation outside a Link element")
                    if not str(annot.get("/Contents", "")).strip():
                        problems.append(f"page {n}: a link annotation with no description (/Contents)")
        prev = 0
        seen_heading = False
        for el, _ in struct_elements(pdf):
            role = str(el.S)[1:]
            if role not in STANDARD and role not in (tree.get("/RoleMap") or {}):
                problems.append(f"non-standard structure type {role}")
            if role == "H":
                problems.append("an unnumbered H among numbered headings")
            elif role in ("H1", "H2", "H3", "H4", "H5", "H6"):
                level = int(role[1])
                if not seen_heading and level != 1:
                    problems.append(f"the first heading is {role}, not H1")
                elif level > prev + 1:
                    problems.append(f"heading level skipped: H{prev} then {role}")
                prev, seen_heading = level, True
            elif role == "Figure":
                if not str(el.get("/Alt", "")).strip():
                    problems.append("a Figure without /Alt")
            elif role == "Table":
                ths = [c for c, _ in _descendants(el) if c.get("/S") == Name.TH]
                if not ths:
                    problems.append("a Table without header cells (TH)")
                for th in ths:
                    if "/Scope" not in (th.get("/A") or {}):
                        problems.append("a TH without /Scope")
                        break
            elif role == "Note" and "/ID" not in el:
                problems.append("a Note without /ID")
        problems += language_problems(pdf)
    problems += split_paragraph_problems(path)
    return problems


# -- the text of the pages, by marked content ------------------------------------------------------------

def _unicode_map(font) -> dict[int, str]:
    """Code -> text from a simple font's ToUnicode CMap (bfchar and bfrange entries)."""
    tu = font.get("/ToUnicode")
    if tu is None:
        return {}
    cmap = tu.read_bytes().decode("latin-1")
    out: dict[int, str] = {}

    def text(hexes: str) -> str:
        return bytes.fromhex(hexes).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(code, 16)] = text(uni)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            base = int(uni, 16)
            for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(base + k) if base + k < 0x110000 else ""
    return out


def text_runs(pdf: pikepdf.Pdf, page) -> list[tuple[int | None, str, str]]:
    """(MCID, language of the innermost marked content that names one, text) of each text-showing
    operator of a page, in content order (form XObjects included); MCID None: outside tagged content."""
    runs: list = []
    maps: dict = {}
    stack: list[tuple[int | None, str]] = []

    def walk(stream_owner, resources):
        fonts = (resources or {}).get("/Font") or {}
        xobjects = (resources or {}).get("/XObject") or {}
        umap: dict = {}
        for operands, op in pikepdf.parse_content_stream(stream_owner):
            op = str(op)
            if op in ("BDC", "BMC"):
                mcid, lang = None, ""
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                    props = operands[1]
                    mcid = int(props.MCID) if "/MCID" in props else None
                    lang = str(props.get("/Lang", ""))
                stack.append((mcid, lang))
            elif op == "EMC" and stack:
                stack.pop()
            elif op == "Tf":
                font = fonts.get(str(operands[0]))
                key = font.objgen if font is not None and font.is_indirect else id(font)
                if key not in maps:
                    maps[key] = _unicode_map(font) if font is not None else {}
                umap = maps[key]
            elif op in ("Tj", "TJ", "'", '"'):
                parts = operands[-1] if op != "TJ" else [x for x in operands[0] if isinstance(x, pikepdf.String)]
                parts = [parts] if isinstance(parts, pikepdf.String) else parts
                text = "".join(umap.get(b, "") for part in parts for b in bytes(part))
                mcid = next((m for m, _ in reversed(stack) if m is not None), None)
                lang = next((lg for _, lg in reversed(stack) if lg), "")
                runs.append((mcid, lang, text))
            elif op == "Do":
                xo = xobjects.get(str(operands[0]))
                if xo is not None and xo.get("/Subtype") == Name.Form:
                    walk(xo, xo.get("/Resources"))
    walk(page, page.obj.get("/Resources"))
    return runs


def _leaf_mcids(el, default_page):
    """(page object, MCID) of an element's own marked content, in order."""
    kids = el.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, int):
            yield default_page, int(kid)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == Name.MCR:
            yield kid.get("/Pg", default_page), int(kid.MCID)


def element_texts(path) -> list[tuple[str, str, list[int], str]]:
    """(role, text, 1-based pages, /Lang) of every structure element with marked content of its own,
    in the order of the structure tree; the text is what its marked content shows, run after run."""
    with pikepdf.open(path) as pdf:
        number = {p.obj.objgen: n for n, p in enumerate(pdf.pages, 1)}
        by_mcid: dict = {}
        for n, page in enumerate(pdf.pages, 1):
            for mcid, _, text in text_runs(pdf, page):
                if mcid is not None:
                    by_mcid[n, mcid] = by_mcid.get((n, mcid), "") + text
        out = []
        for el, _ in struct_elements(pdf):
            leaves = [(number.get(pg.objgen) if pg is not None else None, m)
                      for pg, m in _leaf_mcids(el, el.get("/Pg"))]
            if leaves:
                pages = sorted({pg for pg, _ in leaves if pg is not None})
                out.append((str(el.S)[1:], "".join(by_mcid.get(k, "") for k in leaves), pages,
                            str(el.get("/Lang", ""))))
        return out


_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\U00020000-\U0002fa1f]")
_LETTER = re.compile(r"[A-Za-z]")


def language_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Text of one script in a document or element of another language without a /Lang of its own:
    Latin letters where the language in force is Chinese, Chinese, Japanese or Korean characters where
    it is English (Matterhorn 11-001: the natural language of text must be determinable)."""
    problems = []
    doc_lang = str(pdf.Root.get("/Lang", ""))
    elem_lang: dict = {}
    number = {p.obj.objgen: n for n, p in enumerate(pdf.pages, 1)}

    def walk(el, inherited):
        lang = str(el.get("/Lang", "")) or inherited
        for pg, mcid in _leaf_mcids(el, el.get("/Pg")):
            if pg is not None:
                elem_lang[number.get(pg.objgen), mcid] = lang
        kids = el.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, lang)
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is not None:
        kids = tree.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            walk(kid, doc_lang)
    for n, page in enumerate(pdf.pages, 1):
        for mcid, mc_lang, text in text_runs(pdf, page):
            if mcid is None:
                continue
            lang = mc_lang or elem_lang.get((n, mcid), doc_lang)
            if lang.startswith("zh") and _LETTER.search(text) or lang.startswith("en") and _HAN.search(text):
                problems.append(f"page {n}: {text.strip()[:40]!r} is not in the language in force ({lang})"
                                " and has no /Lang")
    return problems


_CONTINUES = re.compile(r"^\s*([a-z]|[,;:)%）、，。；：])")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def split_paragraph_problems(path) -> list[str]:
    """Two P elements in a row, the first ending a page in the middle of a sentence (no closing
    punctuation) and the second going on with it on the next page (a lower-case word, punctuation that
    cannot start a paragraph, or Chinese after Chinese): a paragraph split across pages made two."""
    problems = []
    texts = element_texts(path)
    for (role_a, text_a, pages_a, _), (role_b, text_b, pages_b, _) in zip(texts, texts[1:]):
        if not (role_a == role_b == "P" and pages_a and pages_b and pages_b[0] == pages_a[-1] + 1):
            continue
        a, b = text_a.rstrip(), text_b.lstrip()
        if not a or not b or re.search(r"[.!?。！？:：;；)）\]】\"”’]$", a):
            continue
        if _CONTINUES.match(b) or (_IDEOGRAPH.match(a[-1]) and _IDEOGRAPH.match(b[0])):
            problems.append(f"a paragraph split across pages {pages_a[-1]} and {pages_b[0]} is two P"
                            f" elements: {a[-30:]!r} / {b[:30]!r}")
    return problems


def _descendants(el):
    kids = el.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid, 0
            yield from _descendants(kid)


def _operators(page):
    for _, op in pikepdf.parse_content_stream(page):
        yield str(op)


def main(argv: list[str]) -> int:
    bad = 0
    for arg in argv:
        problems = check_pdfa(arg) + check_pdfua(arg)
        print(f"{arg}: {'OK' if not problems else f'{len(problems)} problems'}")
        for p in problems:
            print(f"  {p}")
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
