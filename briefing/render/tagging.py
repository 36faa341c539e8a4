"""Tagged PDF: marked content as the pages are drawn, the structure tree written at the end.

ReportLab's open-source edition has no tagging API, so this module does it by hand:

* while the story is drawn, every piece of content is wrapped in a marked-content sequence,
  `/P <</MCID n>> BDC ... EMC` for content (recorded as (page, MCID) under a structure element) or
  `/Artifact BMC ... EMC` for page furniture, rules and backgrounds;
* link annotations made while a sequence is open become Link elements (OBJR) of its element;
* the pieces of a paragraph split across pages or columns are one element (TaggedFrame.split);
* text in another script than the document's is a Span element with its own /Lang, cut out of its
  text object by the canvas (TaggedCanvas), with a space kept at the end of each wrapped line;
* at the end, `Tagger.write(doc)` adds to ReportLab's document the StructTreeRoot, the ParentTree, the
  pages' /StructParents and /Tabs, the annotations' /StructParent and /Contents, /MarkInfo.

The tagger hangs on the canvas as `canv._briefing_tags`; a flowable drawn on a canvas without one
(the bare-platypus benchmark) draws exactly as before, with no marked content.
"""
from __future__ import annotations

import functools
import re
from contextlib import contextmanager, nullcontext

HEADING_ROLES = ("H1", "H2", "H3", "H4", "H5", "H6")

# Text in a script other than the document's gets a /Lang of its own (a Span element), so a
# screen reader switches voice: English names in a Chinese briefing, Chinese names in an English one.
# Latin letters in a Chinese briefing are taken to be English; digits and punctuation have no language.
_SCRIPTS = ((re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]"), "ja"),
            (re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"), "ko"),
            (re.compile(r"[\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"), "zh-CN"),
            (re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"), "ar"),
            (re.compile(r"[\u0590-\u05ff\ufb1d-\ufb4f]"), "he"))
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CJK_END = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")


def other_language(text: str, lang: str) -> str:
    """The language of `text` when its script is not that of the document language `lang`, else ""."""
    if lang.startswith("zh"):
        return "en" if _LATIN.search(text) else ""
    for pattern, code in _SCRIPTS:
        if pattern.search(text):
            return "" if lang.split("-")[0] == code.split("-")[0] else code
    return ""


class Node:
    """A structure element: role, attributes, and kids in reading order (nodes, marked content
    ("mc", page, mcid) or annotations ("annot", page, index)). `text`, what a link in it is described
    by, may be a function that makes it (Tagger.end calls it when a link is found)."""

    __slots__ = ("role", "parent", "kids", "alt", "attrs", "level", "text", "lang", "ident")

    def __init__(self, role: str, parent: "Node | None" = None, *, alt: str = "", attrs: dict | None = None,
                 level: int = 0, text: str = "", lang: str = ""):
        self.role, self.parent = role, parent
        self.kids: list = []
        self.alt, self.attrs, self.level, self.text, self.lang = alt, attrs or {}, level, text, lang
        self.ident = ""
        if parent is not None:
            parent.kids.append(self)


def tags_of(canv) -> "Tagger | None":
    return getattr(canv, "_briefing_tags", None)


def artifact(canv):
    """Context: what is drawn inside is an artifact (or plain drawing, without a tagger)."""
    t = tags_of(canv)
    return t.artifact(canv) if t is not None else nullcontext()


def tagged(canv, role: str, **kw):
    """Context: what is drawn inside is one marked-content sequence of a new element `role`
    (a child of the document); yields the node, or None without a tagger."""
    t = tags_of(canv)
    if t is None:
        return nullcontext()
    return t.content(canv, t.node(role, **kw))


_FOREIGN = re.compile("\x00([^\x02]*)\x02(.*?)\x03", re.S)
_SHOWS_TEXT = re.compile(r"[)>\]]\s*(Tj|TJ|'|\")(?=\s|$)")
# Painting is showing text or one of these; two patterns, not one alternation: the text-showing one
# starts with a character class the regex engine skips to, so a text object is found by it at once.
_PAINT_OPS = re.compile(r"(?<![\w/])(f\*?|F|B\*?|b\*?|S|s|sh|Do|BI)(?=\s|$)")


def _paints(code: str) -> bool:
    """Whether a line of page content shows text or paints a path, a shading or an XObject."""
    return bool(_SHOWS_TEXT.search(code) or _PAINT_OPS.search(code))


def canvas_class():
    """A ReportLab Canvas whose text objects give text in another language its own /Lang (imported
    lazily: ReportLab only here). Without a tagger it draws exactly as the plain Canvas."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.textobject import PDFTextObject

    class LangTextObject(PDFTextObject):
        def _textOut(self, text, TStar=0):
            # A paragraph's line ends without the space it broke at, so the text of its marked content
            # (what a screen reader or `pdfinfo -struct-text` reads) ran "26" and "points" together:
            # a space at the end of each line puts it back (it draws nothing). Not after Chinese,
            # which breaks between characters.
            if TStar and text and not text[-1].isspace() and not _CJK_END.match(text[-1]):
                t = tags_of(self._canvas)
                if t is not None and t.in_content():
                    text += " "
            return PDFTextObject._textOut(self, text, TStar)

        def _formatText(self, text):
            code = PDFTextObject._formatText(self, text)
            t = tags_of(self._canvas)
            if t is None or not t.in_content():
                return code
            lang = other_language(text, t.lang)
            # Marked here, made a Span element when the text object is drawn (TaggedCanvas.drawText).
            return f"\x00{lang}\x02{code}\x03" if lang else code

    class TaggedCanvas(Canvas):
        def beginText(self, x=0, y=0, direction=None):
            return LangTextObject(self, x, y, direction=direction)

        def drawText(self, aTextObject):
            code = str(aTextObject.getCode())
            t = tags_of(self)
            if "\x00" not in code:
                self._code.append(code)
            elif t is None or not t.in_content():
                self._code.append(_FOREIGN.sub(r"\2", code))
            else:
                t.split_languages(self, code)

    return TaggedCanvas


class Tagger:
    def __init__(self, lang: str):
        self.lang = lang
        self.root = Node("Document", lang=lang)
        self._mcids: dict[int, list[Node]] = {}      # page (0-based) -> element of each MCID
        self._annots: dict[int, dict[int, Node]] = {}  # page -> annotation index -> Link element
        self._open = 0
        self._stack: list = []                        # the open sequences: their nodes, None for artifacts
        self._fresh = None                            # (code length, page, MCID, node) of the last opened
        self._notes = 0
        self.groups: dict = {}                        # shared key -> node (a list, a table, the TOC)

    # -- building the tree as the pages are drawn ------------------------------------------------

    def node(self, role: str, parent: Node | None = None, **kw) -> Node:
        node = Node(role, parent or self.root, **kw)
        if role == "Note":
            self._notes += 1
            node.ident = f"note-{self._notes}"
        return node

    def group(self, key, role: str, parent: Node | None = None, **kw) -> Node:
        """The element shared by the pieces of one thing drawn in several pieces (a list, a table
        split across pages), made by the first piece."""
        node = self.groups.get(key)
        if node is None:
            node = self.groups[key] = self.node(role, parent, **kw)
        return node

    def begin(self, canv, node: Node) -> tuple:
        page = canv.getPageNumber() - 1
        mcids = self._mcids.setdefault(page, [])
        mcid = len(mcids)
        mcids.append(node)
        node.kids.append(("mc", page, mcid))
        canv._code.append(f"/{node.role} <</MCID {mcid}>> BDC")
        self._fresh = (len(canv._code), page, mcid, node)
        self._open += 1
        self._stack.append(node)
        return page, len(canv._annotationrefs), node

    def _drop_fresh(self, canv, node: Node) -> bool:
        """Take back the sequence of `node` opened last if nothing has been painted in it since (an
        empty sequence shows as an empty text in the structure)."""
        fresh = self._fresh
        if fresh is None or fresh[3] is not node or len(canv._code) < fresh[0] \
                or any(_paints(code) for code in reversed(canv._code[fresh[0]:])):   # any: the last lines paint
            return False
        at, page, mcid, _ = fresh
        mcids = self._mcids.get(page, [])
        if len(mcids) != mcid + 1 or not node.kids or node.kids[-1] != ("mc", page, mcid) \
                or not canv._code[at - 1].endswith(f"<</MCID {mcid}>> BDC"):
            return False
        del canv._code[at - 1]
        mcids.pop()
        node.kids.pop()
        self._fresh = None
        return True

    def in_content(self) -> bool:
        """Whether what is drawn now goes into tagged content (not an artifact, not outside)."""
        return bool(self._stack) and self._stack[-1] is not None

    def _mcid(self, page: int, node: Node) -> int:
        mcids = self._mcids.setdefault(page, [])
        mcids.append(node)
        node.kids.append(("mc", page, len(mcids) - 1))
        return len(mcids) - 1

    def split_languages(self, canv, code: str) -> None:
        """Draw the text object `code`, whose runs in another language are marked, inside the open
        element: each such run a Span element with its /Lang, the rest the element's own content.
        Marked content must nest with BT/ET, and poppler loses an element's text after a nested
        sequence without an MCID, so the element's sequence is closed before the text object, the
        pieces are sequences of their own inside it, and the element's sequence reopens after it."""
        node = self._stack[-1]
        page = canv.getPageNumber() - 1
        body = code[code.index("BT") + 2:code.rindex("ET")]
        out = ["BT"] if self._drop_fresh(canv, node) else ["EMC BT"]
        at = 0
        for m in list(_FOREIGN.finditer(body)) + [None]:
            plain = body[at:m.start() if m else len(body)]
            if _SHOWS_TEXT.search(plain):
                out.append(f"/{node.role} <</MCID {self._mcid(page, node)}>> BDC {plain} EMC")
            elif plain.strip():
                out.append(plain)           # text state and position only
            if m is None:
                break
            span = Node("Span", node, lang=m.group(1))
            out.append(f"/Span <</MCID {self._mcid(page, span)}>> BDC {m.group(2)} EMC")
            at = m.end()
        out.append("ET")
        canv._code.append(" ".join(out))
        mcid = self._mcid(page, node)
        canv._code.append(f"/{node.role} <</MCID {mcid}>> BDC")
        self._fresh = (len(canv._code), page, mcid, node)

    def end(self, canv, mark: tuple) -> None:
        if not self._drop_fresh(canv, mark[2]):
            canv._code.append("EMC")
        self._open -= 1
        self._stack.pop()
        page, first, node = mark
        now = len(canv._annotationrefs)
        if now > first and callable(node.text):
            node.text = node.text()
        for k in range(first, now):
            # A link made inside this content: the element itself if it is a Link, else a Link in it.
            link = node if node.role == "Link" else Node("Link", node)
            link.kids.append(("annot", page, k))
            link.text = link.text or node.text
            self._annots.setdefault(page, {})[k] = link

    @contextmanager
    def content(self, canv, node: Node):
        mark = self.begin(canv, node)
        try:
            yield node
        finally:
            self.end(canv, mark)

    @contextmanager
    def artifact(self, canv):
        canv._code.append("/Artifact BMC")
        self._stack.append(None)
        try:
            yield None
        finally:
            self._stack.pop()
            canv._code.append("EMC")

    # -- writing it ------------------------------------------------------------------------------

    def write(self, doc) -> None:
        """Add the structure tree to the ReportLab document `doc` (its pages drawn, not yet saved)."""
        from reportlab.pdfbase.pdfdoc import PDFName, PDFString, ViewerPreferencesPDFDictionary

        from briefing.render.pdfa import RawObject, set_annotation

        self._number_headings()
        pages = doc.Pages.pages
        numbers = doc.idToObjectNumberAndVersion

        def number(obj) -> int:
            return numbers[doc.Reference(obj).name][0]

        page_refs = [b"%d 0 R" % number(p) for p in pages]
        annots = [[b"%d 0 R" % numbers[r.name][0] for r in (p.Annots or ())] for p in pages]
        # The page of each element's first content (None: it has none, and is left out), found in one
        # pass up the tree: asked of each element and again of each kid, a walk of its leaves each was
        # most of the time a 60-page briefing's 7,600 elements took to write.
        first: dict[int, int | None] = {}
        elements: list[Node] = []

        def first_pages(node: Node) -> int | None:
            found = None
            for kid in node.kids:
                page = first_pages(kid) if isinstance(kid, Node) else kid[1]
                if found is None:
                    found = page
            first[id(node)] = found
            if found is not None:
                elements.append(node)
            return found

        if first_pages(self.root) is None:
            elements.append(self.root)
        # Every element an object of its own, numbered before any is written, so that each can name
        # its parent and kids.
        tree_root = RawObject()
        objects = [RawObject() for _ in elements]
        refs = {id(node): b"%d 0 R" % number(obj) for node, obj in zip(elements, objects)}
        root_ref = b"%d 0 R" % number(tree_root)
        roles: dict[str, bytes] = {}
        strings: dict[str, bytes] = {}
        attr_cache: dict[tuple, bytes] = {}

        def string(text: str) -> bytes:
            out = strings.get(text)
            if out is None:
                out = strings[text] = PDFString(text).format(doc)
            return out

        for node, obj in zip(elements, objects):
            role = roles.get(node.role)
            if role is None:
                role = roles[node.role] = PDFName(node.role).encode("ascii")
            parent = refs[id(node.parent)] if node.parent is not None else root_ref
            parts = [b"<< /Type /StructElem /S ", role, b" /P ", parent]
            if node.alt:
                parts += (b" /Alt ", string(node.alt))
            if node.lang and node is not self.root:
                parts += (b" /Lang ", string(node.lang))
            if node.ident:
                parts += (b" /ID ", string(node.ident))
            if node.attrs:
                key = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in node.attrs.items())
                attrs = attr_cache.get(key)
                if attrs is None:
                    attrs = attr_cache[key] = _attributes(node.attrs)
                parts += (b" /A ", attrs)
            first_page = first[id(node)]
            if first_page is not None and first_page < len(pages):
                parts += (b" /Pg ", page_refs[first_page])
            parts.append(b" /K [")
            for kid in node.kids:
                if isinstance(kid, Node):
                    if first[id(kid)] is not None:      # an element with no content is left out
                        parts += (b" ", refs[id(kid)])
                elif kid[0] == "mc":
                    _, page, mcid = kid
                    if page == first_page:
                        parts.append(b" %d" % mcid)
                    else:
                        parts += (b" << /Type /MCR /Pg ", page_refs[page], b" /MCID %d >>" % mcid)
                else:
                    _, page, k = kid
                    if k < len(annots[page]):
                        parts += (b" << /Type /OBJR /Pg ", page_refs[page], b" /Obj ", annots[page][k], b" >>")
            parts.append(b" ] >>")
            obj.data = b"".join(parts)

        nums = []
        for page_i, page in enumerate(pages):
            page.StructParents = page_i
            extra = ["StructParents"]
            if page.Annots:
                page.Tabs = PDFName("S")
                extra.append("Tabs")
            page.__NoDefault__ = [*type(page).__NoDefault__, *extra]   # ReportLab's page knows neither
            nums.append(b"%d [%s]" % (page_i, b" ".join(refs[id(n)] for n in self._mcids.get(page_i, []))))
        key = len(pages)
        for page_i, page in enumerate(pages):
            for k, ref in enumerate(page.Annots or ()):
                link = self._annots.get(page_i, {}).get(k)
                if link is None:
                    continue
                entries = {"StructParent": key}
                text = " ".join((link.text or "").split())
                if text:
                    entries["Contents"] = text[:300]
                set_annotation(doc, ref, **entries)
                nums.append(b"%d %s" % (key, refs[id(link)]))
                key += 1
        parent_tree = RawObject(b"<< /Nums [" + b"\n".join(nums) + b"] >>")
        tree_root.data = (b"<< /Type /StructTreeRoot /K [%s] /ParentTree %d 0 R /ParentTreeNextKey %d >>"
                          % (refs[id(self.root)], number(parent_tree), key))
        cat = doc.Catalog
        cat.StructTreeRoot = tree_root
        cat.MarkInfo = RawObject(b"<< /Marked true >>")
        cat.Lang = PDFString(self.lang)
        prefs = getattr(cat, "ViewerPreferences", None)
        if prefs is None:
            prefs = cat.ViewerPreferences = ViewerPreferencesPDFDictionary()
        prefs["DisplayDocTitle"] = "true"       # PDF/UA: the window shows the title, not the file name

    def _number_headings(self) -> None:
        """Headings get H1..H6 in reading order without a skipped level: a heading is at most one
        level below the one before it."""
        prev = 0
        for node in _walk(self.root):
            if node.role == "H" and node.level:
                level = max(1, min(node.level, prev + 1, 6))
                node.role = HEADING_ROLES[level - 1]
                prev = level


def _walk(node: Node):
    """The elements under `node` (itself first), in reading order: by a stack, not nested generators,
    whose every element passed up through each level above it."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed([k for k in n.kids if isinstance(k, Node)]))


def _attributes(attrs: dict) -> bytes:
    """An element's attribute dictionary: "/Name" strings are names, lists arrays, numbers numbers."""
    from reportlab.pdfbase.pdfdoc import DummyDoc, PDFArray, PDFDictionary, PDFName
    return PDFDictionary({k: (PDFName(v[1:]) if isinstance(v, str) and v.startswith("/")
                              else PDFArray(v) if isinstance(v, (list, tuple)) else v)
                          for k, v in attrs.items()}).format(DummyDoc())


# -- what the frames draw -------------------------------------------------------------------------

# Nominal heading level of each paragraph style that is a heading (made gapless when written).
HEADING_STYLES = {"cover_title": 1, "h0": 2, "h1": 2, "h2": 3, "h3": 4, "h3_free": 4, "summary_title": 3}
PARA_ROLES = {"source": "Caption", "note": "Note"}
_SILENT = ("Spacer", "CondPageBreak", "PageCounter", "NextPageTemplate", "PageBreak", "ColumnBreak",
           "FrameBreak", "ActionFlowable", "AnchorFlowable", "NullDraw")


def _cell_text(value) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(plain_text(v) for v in value)
    return plain_text(value) if hasattr(value, "getPlainText") else str(value or "")


def plain_text(flowable) -> str:
    try:
        return " ".join(flowable.getPlainText().split())
    except Exception:
        return ""


def auto_node(t: Tagger, flowable, x: float, y: float) -> Node | None:
    """The element for a flowable that does not tag itself, drawn at (x, y); None: draws nothing."""
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import Paragraph
    if isinstance(flowable, Drawing):
        w, h = flowable.width, flowable.height
        return t.node("Figure", alt=getattr(flowable, "_briefing_alt", "") or "Chart",
                      attrs={"O": "/Layout", "Placement": "/Block",
                             "BBox": [round(x, 2), round(y, 2), round(x + w, 2), round(y + h, 2)]})
    if isinstance(flowable, Paragraph):
        name = flowable.style.name.split("@")[0]
        text = plain_text(flowable)
        if name in HEADING_STYLES:
            return t.node("H", level=HEADING_STYLES[name], text=text)
        role = PARA_ROLES.get(name, "P")
        piece = getattr(flowable, "_briefing_piece", None)
        if piece is None:
            return t.node(role, text=text)
        # A piece of a paragraph split across pages or columns: one element for all the pieces.
        node = t.groups.get(piece)
        if node is None:
            node = t.groups[piece] = t.node(role, text=text)
        elif text:
            node.text = f"{node.text} {text}".strip()
        return node
    if type(flowable).__name__ in _SILENT or getattr(flowable, "_ZEROSIZE", False):
        return None
    return t.node("Div")


def frame_class():
    """A platypus Frame that tags what it draws (imported lazily: ReportLab only here)."""
    from reportlab.platypus import Frame, Paragraph

    class TaggedFrame(Frame):
        def _add(self, flowable, canv, trySplit=0):
            t = tags_of(canv)
            if t is None or getattr(flowable, "_briefing_self_tags", False):
                return Frame._add(self, flowable, canv, trySplit)
            cls_draw = type(flowable).drawOn

            def drawOn(c, x, y, _sW=0):
                node = auto_node(t, flowable, x, y)
                if node is None:
                    return cls_draw(flowable, c, x, y, _sW)
                with t.content(c, node):
                    return cls_draw(flowable, c, x, y, _sW)
            flowable.__dict__["drawOn"] = drawOn     # (a Drawing refuses attributes it does not know)
            try:
                return Frame._add(self, flowable, canv, trySplit)
            finally:
                flowable.__dict__.pop("drawOn", None)
        add = _add

        def split(self, flowable, canv):
            parts = Frame.split(self, flowable, canv)
            if isinstance(flowable, Paragraph) and len(parts) > 1:
                # The pieces share a key (the piece of a piece keeps it): one P across pages.
                piece = getattr(flowable, "_briefing_piece", None) or ("piece", id(flowable))
                for part in parts:
                    if isinstance(part, Paragraph):
                        part._briefing_piece = piece
            return parts
    return TaggedFrame


class TableTags:
    """renderCB of a ReportLab Table (shared by the pieces a split makes): kind "data" gives
    Table > THead/TBody > TR > TH (Scope Column)/TD, the header repeated on a later page an
    artifact; kind "layout" (the callout row) gives a Div with a P per non-empty cell.
    Backgrounds and rules are artifacts."""

    def __init__(self, kind: str = "data", header_rows: int = 1):
        self.kind, self.header_rows = kind, header_rows
        self.t: Tagger | None = None
        self.table = self.thead = self.tbody = self.tr = None
        self.head_done = False
        self._marks: list = []
        self._art_row = False

    def __call__(self, table, event, *args):
        if event == "startTable":
            self.t = tags_of(table.canv)
            self.canv = table.canv
            if self.t is not None and self.table is None:
                self.table = self.t.node("Table" if self.kind == "data" else "Div")
            return
        t = self.t
        if t is None:
            return
        c = self.canv
        if event in ("startBG", "startLines"):
            c._code.append("/Artifact BMC")
        elif event in ("endBG", "endLines"):
            c._code.append("EMC")
        elif event == "startRow" and self.kind == "data":
            row = args[0]
            head = row < self.header_rows
            self._art_row = head and self.head_done
            self._head_row = head
            if self._art_row:
                return
            if head:
                self.thead = self.thead or t.node("THead", self.table)
                self.tr = t.node("TR", self.thead)
            else:
                self.tbody = self.tbody or t.node("TBody", self.table)
                self.tr = t.node("TR", self.tbody)
        elif event == "startCell":
            value = args[2]
            empty = value in ("", None) or (isinstance(value, (list, tuple)) and not value)
            if (self.kind == "data" and self._art_row) or (self.kind != "data" and empty):
                c._code.append("/Artifact BMC")
                self._marks.append(None)
                return
            # The cell's text is wanted only for a link in it (its description): made then, if ever.
            text = functools.partial(_cell_text, value)
            if self.kind == "data":
                role = "TH" if self._head_row else "TD"
                attrs = {"O": "/Table", "Scope": "/Column"} if role == "TH" else None
                node = t.node(role, self.tr, attrs=attrs, text=text)
            else:
                node = t.node("P", self.table, text=text)
            self._marks.append(t.begin(c, node))
        elif event == "endCell":
            mark = self._marks.pop()
            if mark is None:
                c._code.append("EMC")
            else:
                t.end(c, mark)
        elif event == "endTable":
            self.head_done = True
