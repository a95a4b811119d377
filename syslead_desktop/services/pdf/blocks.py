"""Small building blocks for the story: paragraphs, lists and tables of escaped text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle
from reportlab.platypus import paragraph as reportlab_paragraph
from reportlab.platypus.doctemplate import NullActionFlowable
from reportlab.platypus.flowables import _listWrapOn
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from .fonts import FAMILY
from .longtext import LONG, LongParagraph
from .shaping import base_level
from .tagging import Elem, TableTags, tagger_of
from .theme import DARK_BLUE, PALE, RULE, Styles, esc

NOT_RECORDED = "Not recorded"
# Cells draw in the table's own font before their paragraphs: make it ours, not Helvetica
# (which would be referenced but not embedded).
OUR_FONT = ("FONT", (0, 0), (-1, -1), FAMILY, 9)


# The structure role of a paragraph in each style (tagging.py); any other style is a P.
ROLES = {"title": "Title", "h1": "H1", "h2": "H2", "h3": "H3"}
# Headings that get a bookmark, and their level in the outline.
OUTLINE_LEVELS = {"H1": 0, "H2": 1, "H3": 2}


class Para(Paragraph):  # type: ignore[misc]
    """A paragraph that breaks its lines once per width, and tags itself as it is drawn.

    Tagging: the paragraph is one structure element (``role``: P, a heading, or from
    its style's name, ``ROLES``), kept by every piece it is split into, so a paragraph
    that runs over a page is still one element. A list item (``item``, made by
    ``bullets``) is an LI of its list, its bullet the Lbl and its text the LBody. A
    heading also gets a bookmark.

    Line breaking:
    it depends only on the text, the style and the width, yet reportlab asks
    again and again: a table wraps its cells to size its rows and again to draw them, and
    ``KeepTogether`` and the frame each wrap what they place.  The lines found last time
    are kept while nothing they were made from has changed (``split`` drops them when it
    re-flows a paragraph), so the paper comes out the same, byte for byte.
    """

    _wrapped: tuple[Any, ...] | None = None
    role: str | None = None
    elem: Elem | None = None
    item: tuple[Elem, Elem, Elem, Elem] | None = None  # L, LI, Lbl, LBody
    _body: Elem | None = None  # the LBody, begun when the text after the bullet starts
    _piece = 0  # 0 for a paragraph as made, 1 for the later pieces of a split one
    _base: int | None = None  # its direction, once known (1: right to left)
    style: Any  # reportlab's ParagraphStyle

    def _element(self) -> Elem:
        if self.elem is None:
            role = self.role or ROLES.get(self.style.name, "P")
            # A paragraph that is one link (a web address): a P holding the Link element,
            # which holds the address's text and its annotation (tagging.Tagger.link).
            self.elem = Elem("P").add(Elem("Link")) if role == "Link" else Elem(role)
        return self.elem

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        pieces: list[Flowable] = super().split(availWidth, availHeight)
        elem = self._element()
        for number, piece in enumerate(pieces):
            piece.role, piece.elem, piece.item = self.role, elem, self.item
            piece._piece = max(self._piece, number)
        return pieces

    def draw(self) -> None:
        tagger = tagger_of(self.canv)
        if tagger is None or tagger.quiet:
            super().draw()
        elif self.item is not None:
            self._draw_item(tagger)
        else:
            elem = self._element()
            level = OUTLINE_LEVELS.get(elem.role)
            if level is not None and not self._piece:
                text = "".join(frag.text for frag in self.frags if hasattr(frag, "text"))
                top = self.canv.absolutePosition(0, self.height)[1]
                tagger.bookmark(self.canv, text, level, top)
            if elem.role == "Link" and elem.parent is not None and not elem.parent.attached:
                tagger.attach(elem.parent)  # the P around a Link
            with tagger.content(self.canv, elem):
                super().draw()

    def _draw_item(self, tagger: Any) -> None:
        assert self.item is not None
        listing, item, label, body = self.item
        tagger.attach(listing)
        tagger.attach(item, listing)
        if self.bulletText:  # the bullet is drawn first, then beginText starts the text
            tagger.begin(self.canv, tagger.attach(label, item))
            self._body = body
            super().draw()
            if self._body is not None:  # no line of text was drawn
                self._body = None
            tagger.end(self.canv)
        else:
            tagger.begin(self.canv, tagger.attach(body, item))
            super().draw()
            tagger.end(self.canv)

    def beginText(self, x: float, y: float) -> Any:
        body = self._body
        if body is not None:  # the bullet is done: the list item's body begins
            self._body = None
            tagger = tagger_of(self.canv)
            assert tagger is not None and self.item is not None
            tagger.end(self.canv)
            tagger.begin(self.canv, tagger.attach(body, self.item[1]))
        text = super().beginText(x, y)
        if self._right_to_left():
            text.base = 1  # every line in the paragraph's direction, not only its own
        return text

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        last = self._wrapped
        lines = self.__dict__.get("blPara")
        if (
            last is not None
            and lines is not None
            and lines is last[0]
            and availWidth == last[1]
            and self.frags is last[2]
            and self.style is last[3]
        ):
            self.width, self.height = last[4]
            return last[4]  # type: ignore[no-any-return]
        rtl = self._right_to_left()  # before reportlab breaks the text into lines
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        if rtl and self.style.alignment == TA_LEFT and len(self.blPara.lines) > 1:
            # A paragraph of Arabic or Hebrew runs over more lines: each ends at the right,
            # where its reader starts (line breaking does not depend on the alignment).
            self.style = ParagraphStyle(f"{self.style.name}-rtl", self.style, alignment=TA_RIGHT)
        self._wrapped = (self.__dict__.get("blPara"), availWidth, self.frags, self.style, size)
        return size

    def _right_to_left(self) -> bool:
        """Whether most of the paragraph's letters are right to left (shaping.base_level).
        Known from the first wrap on: reportlab's line breaking then empties the frags."""
        if self._base is None:
            text = "".join(getattr(frag, "text", "") for frag in self.frags)
            self._base = 0 if text.isascii() else base_level(text)
        return self._base == 1


#: What a fragment of a paragraph must have in common with the next to be drawn as one
#: run of text with it: the attributes rl_accel's ``sameFrag`` compares, in its order.
RUN_ATTRIBUTES = (
    "fontName",
    "fontSize",
    "textColor",
    "rise",
    "us_lines",
    "link",
    "backColor",
    "nobr",
)
_ABSENT = object()


def same_run(f: Any, g: Any) -> bool:
    """reportlab's ``sameFrag`` to the letter, without its cost.

    When reportlab breaks a paragraph of several fragments (bold, a colour, a line break)
    into lines, it asks of every word whether its fragment looks the same as the last
    (``paragraph.breakLines``). rl_accel answers with ``PyObject_GetAttrString`` for each
    attribute, and a fragment lacks most of the optional ones (``cbDefn``, ``lineBreak``,
    ``backColor``, ``nobr``), so each question raised and cleared some eight
    AttributeErrors: a sixth of the example paper's whole layout. ``getattr`` with a
    default answers the same without making the exception. The answer is the same
    (tests/unit/test_pdf_runs.py compares the two on every kind of fragment), so the
    pages are the same byte for byte.
    """
    if hasattr(f, "cbDefn") or hasattr(g, "cbDefn"):  # an image or a callback: never merged
        return False
    if hasattr(f, "lineBreak") or hasattr(g, "lineBreak"):
        return False
    for name in RUN_ATTRIBUTES:
        a, b = getattr(f, name, _ABSENT), getattr(g, name, _ABSENT)
        # as rl_accel: equal if both are missing or the same object, else compared (!=)
        if a is not b and (a is _ABSENT or b is _ABSENT or a != b):
            return False
    return True


# reportlab's line breaking reads ``sameFrag`` from its module's globals.
reportlab_paragraph.sameFrag = same_run


# The tags of our own markup whose fragments do not depend on the text inside them: bold,
# italic, underline, a font's colour or size, a line break, a link (``<a href>``).
_TAG = re.compile(r"<[^<>]*>")
_SHAPE_TAGS = re.compile(r"</?(?:b|i|u|font|br)\b[^<>]*>|<a\s+href=[^<>]*>|</a>")
_RUN = "x"  # what stands for each run of text in a paragraph's shape

# What reportlab's parser makes of each shape of paragraph in a style (``_shape``).
_SHAPES: WeakKeyDictionary[Any, dict[str, list[Any]]] = WeakKeyDictionary()


def _shape(text: str) -> tuple[str, list[str]] | None:
    """The markup with each run of text between tags replaced by ``_RUN``, and the runs;
    None when it holds an entity or a tag whose fragments depend on its text."""
    if "&" in text:
        return None
    runs: list[str] = []
    parts: list[str] = []
    at = 0
    for tag in _TAG.finditer(text):
        if not _SHAPE_TAGS.fullmatch(tag.group()):
            return None
        if tag.start() > at:
            runs.append(text[at : tag.start()])
            parts.append(_RUN)
        parts.append(tag.group())
        at = tag.end()
    if at < len(text):
        runs.append(text[at:])
        parts.append(_RUN)
    if any("<" in run or ">" in run for run in runs):
        return None
    return "".join(parts), runs


def _parsed_shape(shape: str, runs: int, style: Any) -> list[Any] | None:
    """reportlab's fragments for ``shape`` in ``style``, parsed once; None should the
    parser not give one fragment for each run of text (and only empty ones besides)."""
    known = _SHAPES.setdefault(style, {})
    if shape not in known:
        parser = ParaParser()
        parser.caseSensitive = 1  # as Paragraph sets it
        try:
            frags = parser.parse(shape, style)[1] or []
        except ValueError:  # markup in error: the paragraph's own parse says where
            frags = []
        texts = [frag.text for frag in frags]
        if texts.count(_RUN) != runs or any(t not in (_RUN, "") for t in texts):
            frags = []
        known[shape] = frags
    return known[shape] or None


def _paragraph(markup: str, style: Any, bullet: str | None = None) -> Paragraph:
    """``Paragraph(markup, style)``, with reportlab's parser run once per shape of markup.

    What reportlab's markup parser makes of a paragraph depends only on its tags and
    where the text runs between them, not on the text itself (for the tags in
    ``_SHAPE_TAGS``): one fragment for each run, in the style its tags give, and one for
    each line break. So the parser reads each shape once per style (``<b>x</b>x`` for a
    bold label and its text, ``x`` for plain text, which most of the paper is), and a
    paragraph gets copies of those fragments holding its own text (the HTML parser took
    half the time of making the story's flowables). The fragments are the parser's, attribute for
    attribute (tests/unit/test_pdf_shapes.py). Markup with an entity (escaped user text
    with ``&``, ``<`` or ``>``), another tag or a text transform goes to the parser.
    """
    text = cleanBlockQuotedText(markup)  # as Paragraph does before it parses
    shaped = None if not text or style.textTransform else _shape(text)
    frags = _parsed_shape(shaped[0], len(shaped[1]), style) if shaped else None
    if shaped is None or frags is None:
        return Para(markup, style, bulletText=bullet)
    runs = iter(shaped[1])
    lists: dict[int, list[Any]] = {}  # the parser's lists, fresh for each paragraph
    made = []
    for template in frags:
        frag = template.clone()  # ABag.clone: the same attributes in a new fragment
        if frag.text == _RUN:
            frag.text = next(runs)
        for name in ("link", "us_lines"):  # shared as the parser shares them, no further
            shared = getattr(template, name)
            setattr(frag, name, lists.setdefault(id(shared), list(shared)))
        made.append(frag)
    return Para(text, style, bulletText=bullet, frags=made)


def para(text: str, style: Any, markup: bool = False, role: str | None = None) -> Flowable:
    """A paragraph of user text (escaped) or of our own markup (``markup=True``); its
    structure role is ``role``, else the style's (``ROLES``), else P. A very long one is
    laid out in time linear in its length (longtext.py), still as one element."""
    marked = text if markup else esc(text)
    if len(marked) > LONG:
        return LongParagraph(marked, style, _one_element(role))
    paragraph = _paragraph(marked, style)
    paragraph.role = role
    return paragraph


def _one_element(role: str | None) -> Callable[[str, Any], Paragraph]:
    """A maker of the windows of one long paragraph: all of them one structure element."""
    shared: list[Elem] = []

    def make(markup: str, style: Any) -> Paragraph:
        paragraph = _paragraph(markup, style)
        paragraph.role = role
        if shared:
            paragraph.elem, paragraph._piece = shared[0], 1
        else:
            shared.append(paragraph._element())
        return paragraph

    return make


def heading(text: str, s: Styles) -> list[Flowable]:
    """A section heading that never sits alone at the foot of a page: it starts a new page
    unless there is room for it and a few lines after it.  (keepWithNext would instead
    carry a whole following table over to the next page, leaving a gap.)"""
    return [CondPageBreak(40 * mm), para(text, s.h1)]


def or_not_recorded(text: str | None) -> str:
    return text.strip() if text and text.strip() else NOT_RECORDED


def bullets(items: Sequence[str], s: Styles, empty: str = NOT_RECORDED) -> list[Flowable]:
    """A bulleted list: one L element, each item an LI with its bullet (Lbl) and text
    (LBody). An item with nothing to print (blank, or only characters with no glyph) is
    left out: a bullet with no text is no item, and its LI would have no LBody."""
    items = [item for item in items if item.strip()]
    if not items:
        return [para(empty, s.body)]
    listing = Elem("L")
    out: list[Flowable] = []
    for item in items:
        paragraph = _paragraph(esc(item), s.bullet, bullet="•")
        paragraph.item = (listing, Elem("LI"), Elem("Lbl"), Elem("LBody"))
        out.append(paragraph)
    return out


# Cell padding: grid() sets 4 pt a side; label_value() keeps reportlab's default of 6 pt.
GRID_PAD, TABLE_PAD = 4, 6


def text_cell(text: str, style: Any, avail: float) -> Any:
    """A table cell for ``text``: the text itself when it is one plain line that fits in
    ``avail`` points, else an escaped paragraph.

    The table draws a plain string itself, in the font, size, leading and colour its style
    gives (``text_style``), on the same baseline and row height as the one-line paragraph
    it stands for: the page looks the same, but no paragraph is laid out. Most cells are
    short (labels, ratings, ids, dates), and paragraphs were most of the layout time. Text
    that wraps, or holds a line break or unusual spacing, stays a paragraph.
    """
    if (
        text
        and " ".join(text.split()) == text
        and stringWidth(text, style.fontName, style.fontSize) <= avail
    ):
        return text
    return para(text, style)


def text_style(style: Any, start: tuple[int, int], stop: tuple[int, int]) -> list[tuple[Any, ...]]:
    """The table style commands that draw plain-string cells as ``style`` would."""
    return [
        ("FONT", start, stop, style.fontName, style.fontSize, style.leading),
        ("TEXTCOLOR", start, stop, style.textColor),
    ]


def cells(
    rows: Sequence[Sequence[Any]], widths: Sequence[float], s: Styles, header: bool = True
) -> list[list[Any]]:
    """The rows of a grid() with every string made a cell (``text_cell``), bold in a
    header row. Cells that are not strings are kept as they are."""
    return [
        [
            text_cell(c, s.cell_bold if header and r == 0 else s.cell, w - 2 * GRID_PAD)
            if isinstance(c, str)
            else c
            for c, w in zip(row, widths, strict=False)
        ]
        for r, row in enumerate(rows)
    ]


# The most a row can take up and still go whole onto a fresh page: an A4 page less the
# paper's 20 mm top and bottom margins (render.py) and the frame's 6 pt padding each way.
PAGE_ROOM = A4[1] - 40 * mm - 12


class Grid(Table):  # type: ignore[misc]
    """A table that splits between rows, and splits a row itself only when that row is
    taller than a fresh page could hold.

    reportlab's ``splitInRow`` splits whichever row meets the foot of a page: the rows
    that fit are placed, the rest (its repeated header and the next row) is offered to
    the same page again, and that row is cut a few lines in, its header repeated in
    mid-page and a fragment of it left to open the next page.  Here a row that fits on
    a page moves to the next one whole."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        pieces: list[Flowable] = self._splitRows(availHeight, doInRowSplit=False)
        if pieces or availHeight < 0.9 * PAGE_ROOM:
            return pieces
        return super().split(availWidth, availHeight)  # type: ignore[no-any-return]


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    s: Styles,
    header: bool = True,
    tags: TableTags | None = None,
) -> Table:
    """A table with light rules.  Cells that are strings become text cells (``text_cell``),
    and a row taller than a page splits (``splitInRow``) instead of failing; any other row
    goes whole onto the next page (``Grid``).  Tagged as a table, its first row the column
    headers (``tags``: the tags of the table this one continues)."""
    table = Grid(
        cells(rows, widths, s, header),
        colWidths=list(widths),
        repeatRows=1 if header else 0,
        splitInRow=1,
        hAlign="LEFT",
        renderCB=tags or TableTags("data", header_rows=1 if header else 0),
    )
    style = [
        *text_style(s.cell, (0, 0), (-1, -1)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), GRID_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), GRID_PAD),
        ("LEFTPADDING", (0, 0), (-1, -1), GRID_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), GRID_PAD),
    ]
    if header:
        style += [
            *text_style(s.cell_bold, (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), PALE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, DARK_BLUE),
        ]
    table.setStyle(TableStyle(style))
    return table


class TableWithEnds(Flowable):  # type: ignore[misc]
    """A titled table with closing lines, laid out so that neither end is left stranded.

    ``head`` (a heading and short introduction) stays with the table's first rows, and
    ``tail`` (the lines that close the block) with its last row: when the whole does not
    fit, the table breaks between rows, its header row repeated, and at least one row goes
    over with the closing lines.  A block that fits on a page is moved whole only when
    little room is left on this one, so moving it never leaves much of a page blank.  Should
    an end not fit even on a fresh page, the parts are laid out one after another, as
    plain flowables would be.
    """

    # Move a block that fits on a page to the next when less than this share is left.
    MOVE_BELOW = 0.3

    def __init__(
        self,
        head: Sequence[Flowable],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        s: Styles,
        tail: Sequence[Flowable],
        tags: TableTags | None = None,
    ) -> None:
        super().__init__()
        self._tags = tags or TableTags("data")  # every piece of the table is one Table
        # The cells are made once: every trial table below holds the same paragraphs, so
        # each breaks its lines once (see Para) however often the block is tried.
        self._head, self._rows, self._widths = list(head), cells(rows, widths, s), list(widths)
        self._styles, self._tail = s, list(tail)
        self._whole: tuple[float, Table, float] | None = None  # width, table, height

    def _table(self, rows: Sequence[Sequence[Any]]) -> Table:
        return grid(rows, self._widths, self._styles, tags=self._tags)

    def getSpaceBefore(self) -> float:
        return float(self._head[0].getSpaceBefore()) if self._head else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, 0xFFFFFF  # never drawn itself: the frame always asks for a split

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        canv, frame = self.canv, getattr(self, "_frame", None)
        page = frame._height - frame._topPadding - frame._bottomPadding if frame else availHeight
        at_top = frame is None or bool(getattr(frame, "_atTop", True))
        if self._whole is None or self._whole[0] != availWidth:
            # The whole block, stacked as the frame would stack it (which sizes the
            # table's rows): most blocks fit, and need no more. Kept for the next page,
            # should the block be moved there.
            table = self._table(self._rows)
            stacked = _listWrapOn([*self._head, table, *self._tail], availWidth, canv)[1]
            self._whole = (availWidth, table, stacked)
        _width, table, everything = self._whole
        if everything <= availHeight:
            return [*self._head, table, *self._tail]
        short = availHeight < page * self.MOVE_BELOW
        if self._head and not at_top and everything <= page and short:
            return []  # start on the next page, whole
        header, *body = table._rowHeights
        head_h = _listWrapOn(self._head, availWidth, canv)[1] if self._head else 0.0
        # the most rows that fit here, keeping at least one back for the closing lines
        used, n = head_h + header, 0
        while n < len(body) - 1 and used + body[n] <= availHeight:
            used += body[n]
            n += 1
        wanted = min(2, len(body) - 1) if self._head else 1
        if n >= max(wanted, 1):
            first = self._table(self._rows[: 1 + n])
            rest = [self._rows[0], *self._rows[1 + n :]]  # the header row again, then the rest
            tail = TableWithEnds([], rest, self._widths, self._styles, self._tail, self._tags)
            return [NullActionFlowable(), *self._head, first, tail]
        if at_top:  # cannot be kept together: lay the parts out as they come
            return [NullActionFlowable(), *self._head, table, *self._tail]
        return []  # start on the next page


def label_value(rows: Sequence[tuple[str, Any]], s: Styles, width: float) -> Table:
    """Two-column label/value table, as on a board cover sheet."""
    widths = [width * 0.3, width * 0.7]
    body = [
        [
            text_cell(label, s.label, widths[0] - 2 * TABLE_PAD),
            text_cell(v, s.cell, widths[1] - 2 * TABLE_PAD) if isinstance(v, str) else v,
        ]
        for label, v in rows
    ]
    table = Table(body, colWidths=widths, splitInRow=1, hAlign="LEFT", renderCB=TableTags("labels"))
    table.setStyle(
        TableStyle(
            [
                *text_style(s.label, (0, 0), (0, -1)),
                *text_style(s.cell, (1, 0), (1, -1)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), PALE),
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def banner(text: str, s: Styles, colour: colors.Color, width: float) -> Table:
    table = Table(
        [[para(text, s.banner, markup=True)]], colWidths=[width], renderCB=TableTags("layout")
    )
    table.setStyle(
        TableStyle(
            [
                OUR_FONT,
                ("BACKGROUND", (0, 0), (-1, -1), colour),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    return table
