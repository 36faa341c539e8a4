"""What makes ReportLab's PDF a PDF/A-2b file (and, with a structure tree, PDF/UA-1), added to its
document just before it is written.

The open-source ReportLab writes none of it: XMP metadata that repeats the document information
dictionary, an sRGB OutputIntent with the bundled ICC profile, printable annotations, an information
dictionary without empty entries, a PDF 1.7 header, and (from briefing.render.tagging) the structure
tree. They are ReportLab's own PDF objects, written in its one pass: a second pass that opened and
saved the PDF again (pikepdf) took a tenth of a 60-page render. Nothing here reads the clock or draws
random numbers: the same document gives the same bytes.
"""
from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (DummyDoc, PDFArray, PDFDate, PDFDictionary, PDFInfo, PDFName, PDFObject,
                                      PDFStream, PDFString, PDFZCompress)

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


class _Info(PDFInfo):
    """The document information dictionary without empty entries (they would have to be repeated,
    empty, in the XMP) and without /Trapped, which says nothing."""

    def entries(self) -> dict[str, str]:
        out = {key: value for key, value in (
            ("Title", self.title), ("Author", self.author), ("Subject", self.subject),
            ("Keywords", self.keywords), ("Producer", self.producer), ("Creator", self.creator)) if value}
        date = PDFDate(ts=self._stamp, dateFormatter=self._dateFormatter).format(DummyDoc())
        out["CreationDate"] = out["ModDate"] = date[1:-1].decode("latin-1")     # "(D:...)"
        return out

    def format(self, document):
        return PDFDictionary({k: PDFString(v) for k, v in self.entries().items()}).format(document)


def finish(canv, *, lang: str, tree=None) -> None:
    """Make the document of `canv`, all its pages drawn and not yet saved, a PDF/A-2b file, with
    the structure tree `tree` (a briefing.render.tagging.Tagger) when given."""
    doc = canv._doc
    info = _Info()
    info.__dict__.update(doc.info.__dict__)
    info._stamp = doc._timeStamp
    doc.info = info
    cat = doc.Catalog
    meta = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                     xmp_packet(info.entries(), lang, ua=tree is not None))   # no filters: PDF/A
    cat.Metadata = meta
    profile = PDFStream(PDFDictionary({"N": 3}), icc_profile(), filters=[PDFZCompress])
    cat.OutputIntents = PDFArray([PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(ICC_NAME), "Info": PDFString(ICC_NAME),
        "RegistryName": PDFString("http://www.color.org"), "DestOutputProfile": doc.Reference(profile)})])
    cat.__NoDefault__ = [*type(cat).__NoDefault__, "OutputIntents"]   # ReportLab's catalog knows no such key
    for page in doc.Pages.pages:
        for ref in page.Annots or ():
            set_annotation(doc, ref, F=4)          # printable, never hidden (PDF/A)
        # The file identifier: ReportLab's, in invariant mode, hashes only the title and the like.
        doc.updateSignature(page.stream or "")
    doc._pdfVersion = max(tuple(doc._pdfVersion), (1, 7))
    if tree is not None:
        tree.write(doc)


class RawObject(PDFObject):
    """A PDF object written as the bytes given, for ReportLab to number and place. The structure
    tree's 7,600 elements of a 60-page briefing, made of ReportLab's PDFDictionary objects, would be
    formatted key by key in Python, several times slower than the few joins that make these bytes."""

    def __init__(self, data: bytes = b""):
        self.data = data

    def format(self, document) -> bytes:
        return self.data


def set_annotation(doc, ref, **entries) -> None:
    """Set entries of the annotation `ref` refers to: a LinkAnnotation (an internal link) or the
    PDFDictionary of a URL link."""
    annot = doc.idToObject[ref.name]
    if isinstance(annot, PDFDictionary):
        for key, value in entries.items():
            annot[key] = PDFString(value) if isinstance(value, str) else value
        return
    extra = [k for k in entries if k not in annot.permitted and k != "Contents"]
    if extra:
        annot.permitted = (*annot.permitted, *extra)
    for key, value in entries.items():
        if key == "Contents":
            annot.Contents = value
        else:
            annot.otherkw[key] = value
