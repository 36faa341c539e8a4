"""The post-pass that makes ReportLab's PDF a PDF/A-2b (and, with a structure tree, PDF/UA-1) file.

ReportLab writes the pages; this pass, with pikepdf, adds what the open-source ReportLab cannot:
XMP metadata that repeats the document information dictionary, an sRGB OutputIntent with the
bundled ICC profile, printable annotations, and (from briefing.render.tagging) the structure
tree. Nothing here reads the clock or draws random numbers: the same PDF in gives the same bytes out.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from os import PathLike
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from briefing.paths import resource

ICC_NAME = "sRGB IEC61966-2.1"
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz]|[+-]\d{2}'?\d{2}'?)?")


@lru_cache(maxsize=1)
def icc_profile() -> bytes:
    return resource("color", "sRGB.icc").read_bytes()


def xmp_date(pdf_date: str) -> str:
    """D:20261201000000+00'00' -> 2026-12-01T00:00:00+00:00 (the same instant, as XMP writes it)."""
    m = _PDF_DATE.match(pdf_date or "")
    if not m:
        return ""
    y, mo, d, h, mi, s, tz = m.groups()
    out = f"{y}-{mo or '01'}-{d or '01'}T{h or '00'}:{mi or '00'}:{s or '00'}"
    if not tz or tz in "Zz":
        return out + ("Z" if tz else "")
    digits = tz[1:].replace("'", "")
    return f"{out}{tz[0]}{digits[:2]}:{digits[2:4] or '00'}"


def _alt(text: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'


def xmp_packet(info: dict[str, str], lang: str, *, ua: bool) -> bytes:
    """The XMP packet for a document information dictionary `info` (keys without the slash)."""
    props = []
    if info.get("Title"):
        props.append(f"<dc:title>{_alt(info['Title'])}</dc:title>")
    if info.get("Author"):
        props.append(f"<dc:creator><rdf:Seq><rdf:li>{escape(info['Author'])}</rdf:li></rdf:Seq></dc:creator>")
    if info.get("Subject"):
        props.append(f"<dc:description>{_alt(info['Subject'])}</dc:description>")
    if lang:
        props.append(f"<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>")
    if info.get("Keywords"):
        props.append(f"<pdf:Keywords>{escape(info['Keywords'])}</pdf:Keywords>")
    if info.get("Producer"):
        props.append(f"<pdf:Producer>{escape(info['Producer'])}</pdf:Producer>")
    if info.get("Creator"):
        props.append(f"<xmp:CreatorTool>{escape(info['Creator'])}</xmp:CreatorTool>")
    for key, prop in (("CreationDate", "xmp:CreateDate"), ("ModDate", "xmp:ModifyDate")):
        date = xmp_date(info.get(key, ""))
        if date:
            props.append(f"<{prop}>{date}</{prop}>")
    props.append("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>")
    extension = ""
    if ua:
        props.append("<pdfuaid:part>1</pdfuaid:part>")
        # PDF/A-2 accepts only the schemas of XMP 2004 unless a file describes the others.
        extension = (
            '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
            "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
            "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
            "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
            '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">'
            "<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
            "<pdfaProperty:category>internal</pdfaProperty:category>"
            "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed"
            "</pdfaProperty:description></rdf:li></rdf:Seq></pdfaSchema:property>"
            "</rdf:li></rdf:Bag></pdfaExtension:schemas>")
    body = "\n   ".join(props + ([extension] if extension else []))
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"\n'
        + ('    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"\n'
           '    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"\n'
           '    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"\n'
           '    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"\n' if ua else "")
        + f'   >\n   {body}\n  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n'
        '<?xpacket end="r"?>')
    return xml.encode("utf-8")


def finish(data: bytes, out: str | PathLike | io.IOBase, *, lang: str, tree=None) -> None:
    """Write the ReportLab PDF `data` to `out` as PDF/A-2b, with the structure tree `tree`
    (a briefing.render.tagging.Tagger) when given."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        info = pdf.docinfo
        # Empty entries would have to be repeated, empty, in the XMP: leave them out instead
        # (and /Trapped, which says nothing).
        for key in list(info.keys()):
            value = info[key]
            if key == "/Trapped" or (isinstance(value, String) and not str(value)):
                del info[key]
        plain = {k[1:]: str(v) for k, v in info.items() if isinstance(v, String)}
        meta = pdf.make_stream(xmp_packet(plain, lang, ua=tree is not None))
        meta.Type, meta.Subtype = Name.Metadata, Name.XML
        root.Metadata = meta
        profile = pdf.make_stream(icc_profile())
        profile.N = 3
        root.OutputIntents = Array([Dictionary(
            Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=String(ICC_NAME),
            Info=String(ICC_NAME), RegistryName=String("http://www.color.org"), DestOutputProfile=profile)])
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", ()):
                annot.F = 4          # printable, never hidden (PDF/A)
        if tree is not None:
            tree.write(pdf)
        pdf.save(out, deterministic_id=True, min_version="1.7", compress_streams=True, fix_metadata_version=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
