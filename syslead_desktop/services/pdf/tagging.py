"""Tagged PDF: the paper's logical structure, marked in the page content as it is drawn.

reportlab has no tagging API, but it draws every flowable through a few methods we own
(``blocks.Para.draw``, a table's render callback, ``Figure.draw``, the page furniture),
and ``Canvas.addLiteral`` writes raw operators into the page's content. So each piece of
real content is wrapped, as it is drawn, in a marked-content sequence with a number of its
page (``/P <</MCID 3>> BDC … EMC``) and recorded against a structure element; everything
else (table backgrounds and rules, the running header and footer, the watermark) is
wrapped as an ``/Artifact``. When the file is written, ``Tagger.write`` turns the
elements into the structure tree (``/StructTreeRoot``, each element's ``/K`` kids, the
``/ParentTree`` that maps each page's marked content back to its element), and sets the
catalogue entries PDF/UA-1 asks for: ``/MarkInfo``, ``/ViewerPreferences``
``/DisplayDocTitle``, and XMP metadata with ``dc:title`` and ``pdfuaid:part``.

The tree is built with reportlab's own PDF objects (``pdfdoc.PDFDictionary`` and
references), in the same single write as the rest of the file, as embed.py does for the
attached record: re-opening the finished paper with pypdf would import and run a PDF
reader and writer on every render (~100 ms, half the render budget) for no better result.

Reading order is drawing order: the story is one column and is drawn in the order it is
written, so the elements are created and numbered in that order, and the tree lists them
so. A piece of content split across pages (a paragraph, a table) keeps one element, with a
marked-content sequence on each page.

Everything here is deterministic: numbers are counters, never ids or hashes of objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFStream,
    PDFString,
)
from reportlab.platypus import Flowable

LANG = "en-GB"
# Roles that are not standard PDF 1.7 structure types, and the standard type each stands for.
ROLE_MAP = {"Title": "H1"}


class Elem:
    """One structure element: its role, attributes, and kids in reading order (elements,
    and ``(page, mcid)`` pairs for its own marked content)."""

    __slots__ = ("alt", "attrs", "kids", "parent", "ref", "role")

    def __init__(self, role: str, alt: str | None = None, attrs: dict[str, str] | None = None):
        self.role, self.alt, self.attrs = role, alt, attrs
        # elements, (page, mcid) of its own content, ("OBJR", annotation, page) of a link's
        self.kids: list[Elem | tuple[int, int] | tuple[str, str, int]] = []
        self.parent: Elem | None = None
        self.ref = 0  # its object number, once written

    def add(self, kid: Elem) -> Elem:
        kid.parent = self
        self.kids.append(kid)
        return kid

    @property
    def attached(self) -> bool:
        return self.parent is not None


def page_ref(page: int) -> PDFObjectReference:
    """A reference to page ``page`` (1-based): reportlab names its pages "Page1", "Page2"…"""
    return PDFObjectReference(f"Page{page}")


class Tagger:
    """Collects the structure of one paper while it is drawn, and writes it out."""

    def __init__(self) -> None:
        self.root = Elem("Document")
        self._containers: list[Elem] = [self.root]
        self._mcids: dict[int, list[Elem]] = {}  # page -> the element of each MCID, in order
        self._quiet = 0  # inside an artifact or a figure: content is not tagged again
        self._bookmarks = 0
        self._drawing: Elem | None = None  # the element whose content is being drawn
        self._links: list[tuple[Elem, str, str]] = []  # Link element, annotation, address

    # --- while drawing ---------------------------------------------------------------

    @property
    def container(self) -> Elem:
        return self._containers[-1]

    @property
    def quiet(self) -> bool:
        return self._quiet > 0

    def attach(self, elem: Elem, parent: Elem | None = None) -> Elem:
        """Put ``elem`` in the tree (under ``parent`` or the current container) the first
        time it is drawn; a later piece of it (on another page) is already there."""
        if not elem.attached:
            (parent or self.container).add(elem)
        return elem

    @contextmanager
    def inside(self, elem: Elem) -> Iterator[None]:
        """Elements attached while drawing in this block go under ``elem``."""
        self._containers.append(elem)
        try:
            yield
        finally:
            self._containers.pop()

    def begin(self, canv: Any, elem: Elem) -> None:
        """Start a marked-content sequence of ``elem`` on the canvas's page."""
        page = canv.getPageNumber()
        owners = self._mcids.setdefault(page, [])
        elem.kids.append((page, len(owners)))
        canv.addLiteral(f"/{elem.role} <</MCID {len(owners)}>> BDC")
        owners.append(elem)

    @staticmethod
    def end(canv: Any) -> None:
        canv.addLiteral("EMC")

    @contextmanager
    def content(self, canv: Any, elem: Elem) -> Iterator[None]:
        """Whatever is drawn in this block is ``elem``'s content (nothing is marked when
        already inside an artifact or a figure)."""
        if self.quiet:
            yield
            return
        self.attach(elem)
        self.begin(canv, elem)
        self._quiet += 1
        self._drawing = elem
        try:
            yield
        finally:
            self._drawing = None
            self._quiet -= 1
            self.end(canv)

    def link(self, canv: Any, annotation: str, url: str) -> None:
        """A link annotation just made while drawing: the Link element being drawn (a
        paragraph that is one link, blocks.Para) or a new one in the content being drawn
        refers to it (its /StructParent, /Contents and flags are set when the file is
        written)."""
        drawing = self._drawing
        if drawing is not None and drawing.role == "Link":
            elem = drawing  # a paragraph that is one link: its text and its annotation
        else:
            elem = (drawing or self.container).add(Elem("Link"))
        elem.kids.append(("OBJR", annotation, canv.getPageNumber()))
        self._links.append((elem, annotation, url))

    @contextmanager
    def artifact(self, canv: Any, kind: str = "", subtype: str = "") -> Iterator[None]:
        """Whatever is drawn in this block is decoration or page furniture, not content."""
        if self.quiet:
            yield
            return
        if kind:
            extra = f" /Subtype /{subtype}" if subtype else ""
            canv.addLiteral(f"/Artifact <</Type /{kind}{extra}>> BDC")
        else:
            canv.addLiteral("/Artifact BMC")
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1
            canv.addLiteral("EMC")

    def bookmark(self, canv: Any, title: str, level: int, top: float) -> None:
        """An outline entry for a heading drawn now, ``top`` points above the page's foot.

        The paper's pages are held back until 'Page x of y' is known, so reportlab's own
        page reference would name the first page: the entry names the page drawn on."""
        self._bookmarks += 1
        key = f"section{self._bookmarks}"
        destination = canv.bookmarkHorizontalAbsolute(key, top)
        destination.setPage(page_ref(canv.getPageNumber()))
        canv.addOutlineEntry(" ".join(title.split()), key, level=level, closed=False)

    # --- writing ---------------------------------------------------------------------

    def struct_parents(self, page: int) -> int | None:
        """The page's key in the parent tree (its index), or None if nothing on it is tagged."""
        return page - 1 if page in self._mcids else None

    def write(self, document: Any, xmp: str) -> None:
        """Add the structure tree and the catalogue entries of a tagged PDF to ``document``.

        Called once every page is in the document (so every page has its object number).
        The elements, a few hundred small dictionaries, are written straight to bytes:
        formatting them as reportlab dictionaries took longer than the rest of the file."""
        numbers = document.idToObjectNumberAndVersion
        elements = list(_walk(self.root))
        raws = [_Raw() for _ in elements]
        for elem, raw in zip(elements, raws, strict=True):
            document.Reference(raw)
            elem.ref = numbers[raw.__InternalName__][0]
        parents = _Raw()
        document.Reference(parents)
        tree = PDFDictionary(
            {
                "Type": PDFName("StructTreeRoot"),
                "K": _Raw(f"{self.root.ref} 0 R".encode()),
                "RoleMap": PDFDictionary({k: PDFName(v) for k, v in ROLE_MAP.items()}),
                "ParentTree": PDFObjectReference(parents.__InternalName__),
                "ParentTreeNextKey": max(self._mcids, default=0),
            }
        )
        tree_ref = document.Reference(tree)
        tree_number = numbers[tree_ref.name][0]

        def page_number(page: int) -> int:
            return int(numbers[f"Page{page}"][0])

        for elem, raw in zip(elements, raws, strict=True):
            raw.data = _elem_bytes(elem, tree_number, page_number, document)
        nums = " ".join(
            f"{page - 1} [{' '.join(f'{owner.ref} 0 R' for owner in self._mcids[page])}]"
            for page in sorted(self._mcids)
        )
        first = max(self._mcids, default=0)  # the keys after the pages' are the links'
        for key, (elem, annotation, url) in enumerate(self._links, start=first):
            nums += f" {key} {elem.ref} 0 R"
            link = document.idToObject[annotation]
            link["StructParent"] = key
            link["Contents"] = PDFString(f"Link to {url}")
            link["F"] = 4  # printed, as the page is: screen and paper show the same
        tree.dict["ParentTreeNextKey"] = first + len(self._links)
        parents.data = f"<< /Nums [{nums}] >>".encode()
        catalog = document.Catalog
        catalog.StructTreeRoot = tree
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
        catalog.Lang = PDFString(LANG)
        catalog.Metadata = _Uncompressed(
            PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
            content=xmp.encode("utf-8") + b"\n",
        )
        if self._bookmarks:
            catalog.setPageMode("UseOutlines")


class _Uncompressed(PDFStream):  # type: ignore[misc]
    """A stream written as it is, with no /Filter: metadata is left readable to tools
    that look for it in the bytes. (``filters=[]`` would write an empty /Filter array.)"""

    def format(self, document: Any) -> bytes:
        default, document.defaultStreamFilters = document.defaultStreamFilters, None
        try:
            return super().format(document)  # type: ignore[no-any-return]
        finally:
            document.defaultStreamFilters = default


class _Raw(PDFObject):  # type: ignore[misc]
    """A PDF object already written out as bytes."""

    def __init__(self, data: bytes = b"") -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


def _walk(elem: Elem) -> Iterator[Elem]:
    yield elem
    for kid in elem.kids:
        if isinstance(kid, Elem):
            yield from _walk(kid)


def _first_page(elem: Elem) -> int | None:
    """The page of the element's first content, its own or a kid's."""
    for kid in elem.kids:
        if isinstance(kid, Elem):
            page = _first_page(kid)
        else:
            page = int(kid[2]) if kid[0] == "OBJR" else int(kid[0])
        if page is not None:
            return page
    return None


def _elem_bytes(elem: Elem, tree: int, page_number: Callable[[int], int], document: Any) -> bytes:
    """One structure element's dictionary: its type, parent, page and kids (its own
    marked content by number on its page, by a marked-content reference on another)."""
    home = _first_page(elem)
    kids: list[str] = []
    for kid in elem.kids:
        if isinstance(kid, Elem):
            kids.append(f"{kid.ref} 0 R")
        elif kid[0] == "OBJR":  # an annotation: ("OBJR", its name, its page)
            ref = document.idToObjectNumberAndVersion[kid[1]][0]
            kids.append(f"<< /Type /OBJR /Obj {ref} 0 R /Pg {page_number(int(kid[2]))} 0 R >>")
        elif kid[0] == home:
            kids.append(str(kid[1]))
        else:  # a piece on another page
            kids.append(f"<< /Type /MCR /Pg {page_number(int(kid[0]))} 0 R /MCID {kid[1]} >>")
    parent = elem.parent.ref if elem.parent else tree
    out = f"<< /Type /StructElem /S /{elem.role} /P {parent} 0 R"
    if home is not None:
        out += f" /Pg {page_number(home)} 0 R"
    out += f" /K [{' '.join(kids)}]"
    if elem.role == "Document":
        out += f" /Lang ({LANG})"
    if elem.attrs:
        out += " /A << " + " ".join(f"/{k} /{v}" for k, v in elem.attrs.items()) + " >>"
    data = out.encode("ascii")
    if elem.alt is not None:  # may be any text: reportlab encodes and escapes it
        data += b" /Alt " + PDFString(elem.alt).format(document)
    return data + b" >>"


class TaggedPage(PDFPage):  # type: ignore[misc]
    """A page dictionary that also carries ``/StructParents`` and ``/Tabs``.

    reportlab writes only the page keys its class lists, so the canvas makes each page of
    this class once reportlab has built it (``canvas.NumberedCanvas._setAnnotations``)."""

    __NoDefault__ = (*PDFPage.__NoDefault__, "StructParents", "Tabs")


def tag_page(page: Any, struct_parents: int | None) -> None:
    page.__class__ = TaggedPage
    page.StructParents = struct_parents
    page.Tabs = PDFName("S")  # annotations, should there be any, in structure order


# --- tables ----------------------------------------------------------------------------


class TableTags:
    """A table's render callback (reportlab's ``Table(renderCB=...)``) that tags it.

    ``kind`` says what the table is:
    - ``"data"``: a table with a header row (TH cells with ``/Scope /Column``);
    - ``"labels"``: label and value pairs (the first column TH with ``/Scope /Row``);
    - ``"layout"``: a table used only to lay things out (a banner, a heading beside its
      badge): no table structure, its cells' paragraphs tag themselves.

    Backgrounds and rules are artifacts. One callback serves every piece of a table that
    is split across pages (reportlab passes it on to each piece): the pieces make one
    Table element, and a header row repeated at the top of a later page is an artifact.
    """

    def __init__(self, kind: str = "data", header_rows: int = 1) -> None:
        self.kind = kind
        self.header_rows = header_rows if kind == "data" else 0
        self.elem = Elem("Table") if kind != "layout" else None
        self._pieces = 0
        self._tagger: Tagger | None = None  # of the piece being drawn; None: no tags
        self._row: Elem | None = None
        self._repeat = False  # drawing a repeated header row (an artifact)
        self._cells: list[int] = []  # how each open cell is to be closed

    # reportlab calls renderCB(table, "startCell", ...): a method for each step. Drawing
    # a table calls it some ten times a cell, so each step is kept small.
    def __call__(self, table: Any, cmd: str, *args: Any) -> None:
        if cmd == "startTable":
            tagger = tagger_of(table.canv)
            self._tagger = None if tagger is None or tagger.quiet else tagger
            self._pieces += 1
            if self._tagger is not None and self.elem is not None:
                self._tagger.attach(self.elem)
        elif self._tagger is not None:
            getattr(self, cmd)(self._tagger, table.canv, *args)

    def startBG(self, tagger: Tagger, canv: Any) -> None:
        canv.addLiteral("/Artifact BMC")

    def endBG(self, tagger: Tagger, canv: Any) -> None:
        canv.addLiteral("EMC")

    startLines, endLines = startBG, endBG

    def startRow(self, tagger: Tagger, canv: Any, row: int) -> None:
        if self.elem is None:
            return
        self._repeat = self._pieces > 1 and row < self.header_rows
        if self._repeat:  # the header row again, at the top of a later page
            canv.addLiteral("/Artifact <</Type /Pagination>> BDC")
            tagger._quiet += 1
        else:
            self._row = self.elem.add(Elem("TR"))

    def endRow(self, tagger: Tagger, canv: Any) -> None:
        if self._repeat:
            self._repeat = False
            tagger._quiet -= 1
            canv.addLiteral("EMC")
        self._row = None

    def startCell(
        self,
        tagger: Tagger,
        canv: Any,
        row: int,
        col: int,
        value: Any,
        style: Any,
        pos: Any,
        size: Any,
    ) -> None:
        flowables = isinstance(value, (list, tuple, Flowable))
        if tagger.quiet or (self._row is None and (flowables or not value)):
            self._cells.append(_NOTHING)  # tagged by its own flowables, or empty
            return
        if self._row is None:  # a plain string in a layout table: a paragraph
            cell = tagger.attach(Elem("P"))
        else:
            header = (self.kind == "data" and row < self.header_rows) or (
                self.kind == "labels" and col == 0
            )
            scope = "Column" if self.kind == "data" else "Row"
            cell = self._row.add(
                Elem("TH", attrs={"O": "Table", "Scope": scope}) if header else Elem("TD")
            )
            if flowables:  # its paragraphs go in the cell
                tagger._containers.append(cell)
                self._cells.append(_CONTAINER)
                return
        tagger.begin(canv, cell)
        tagger._quiet += 1
        self._cells.append(_MARKED)

    def endCell(self, tagger: Tagger, canv: Any) -> None:
        how = self._cells.pop()
        if how == _CONTAINER:
            tagger._containers.pop()
        elif how == _MARKED:
            tagger._quiet -= 1
            canv.addLiteral("EMC")

    def endTable(self, tagger: Tagger, canv: Any) -> None:
        pass


_NOTHING, _CONTAINER, _MARKED = range(3)


def tagger_of(canv: Any) -> Tagger | None:
    """The tagger of the paper being drawn on ``canv`` (None: draw without tags)."""
    return getattr(canv, "tagger", None)


class Figure(Flowable):  # type: ignore[misc]
    """Something drawn (a badge, a logo) that a screen reader announces by its ``alt``
    text: a Figure element whose content is everything ``inner`` draws."""

    def __init__(self, inner: Flowable, alt: str) -> None:
        super().__init__()
        self.inner, self.alt = inner, alt
        self.hAlign = getattr(inner, "hAlign", "LEFT")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        size = self.inner.wrapOn(getattr(self, "canv", None), availWidth, availHeight)
        self.width, self.height = size
        return size  # type: ignore[no-any-return]

    def minWidth(self) -> float:
        return float(self.inner.minWidth())

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())

    def draw(self) -> None:
        tagger = tagger_of(self.canv)
        if tagger is None:
            self.inner.drawOn(self.canv, 0, 0)
            return
        with tagger.content(self.canv, Elem("Figure", alt=self.alt)):
            self.inner.drawOn(self.canv, 0, 0)


# --- metadata --------------------------------------------------------------------------


def _xml_char(code: int) -> bool:
    """Whether XML 1.0 can hold the character (its ``Char`` production)."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


def _xml(text: str) -> str:
    """Text made safe for XML: escaped, and without the characters XML cannot hold."""
    kept = "".join(c for c in text if _xml_char(ord(c)))
    return kept.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp_metadata(
    title: str,
    author: str,
    subject: str,
    keywords: Sequence[str],
    tool: str,
    day: date | None,
) -> str:
    """The XMP packet: Dublin Core title, author, subject and language, the PDF and XMP
    properties that match the information dictionary, and the PDF/UA-1 identification."""
    stamp = f"{day:%Y-%m-%d}T00:00:00Z" if day is not None else ""
    dates = (
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate><xmp:ModifyDate>{stamp}</xmp:ModifyDate>"
        if stamp
        else ""
    )
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml(title)}</rdf:li></rdf:Alt>'
        "</dc:title>\n"
        f"<dc:creator><rdf:Seq><rdf:li>{_xml(author)}</rdf:li></rdf:Seq></dc:creator>\n"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_xml(subject)}</rdf:li>'
        "</rdf:Alt></dc:description>\n"
        f"<dc:language><rdf:Bag><rdf:li>{LANG}</rdf:li></rdf:Bag></dc:language>\n"
        f"<pdf:Keywords>{_xml(', '.join(keywords))}</pdf:Keywords>\n"
        f"<pdf:Producer>{_xml(tool)}</pdf:Producer>\n"
        f"<xmp:CreatorTool>{_xml(tool)}</xmp:CreatorTool>{dates}\n"
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "</rdf:Description>\n"
        "</rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
