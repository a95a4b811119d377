"""Page furniture: running header, 'Page x of y', fingerprint footer and DRAFT watermark.

All of it is drawn as artifacts (tagging.py): a screen reader skips it, and the paper's
own text carries the same facts (title, agenda item, status and fingerprint on the cover).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from datetime import date
from typing import Any, NamedTuple

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from .draft_glyphs import OUTLINES, UNITS_PER_EM
from .embed import embed_record
from .fonts import BOLD, FAMILY
from .shaping import ScriptText
from .tagging import Tagger, tag_page
from .theme import GREY, NHS_BLUE, RULE

MARGIN = 20 * mm
INSET = 6  # the frame pads its content by 6 pt: the page furniture lines up with the text


class PageInfo(NamedTuple):
    title: str
    reference: str
    fingerprint: str
    draft: bool
    record: bytes  # attached to the paper; b"" for a paper with no record (the debrief)
    day: date | None
    organisation: str = ""  # the trust's name for the running header
    logo: bytes | None = None  # and its logo (PNG)
    footer: str = ""  # the footer's first line; by default the record's fingerprint
    kind: str = ""  # "review" for a review paper, said in the document information


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """``text`` cut short with an ellipsis to fit ``width``; a binary search, because a
    title can be thousands of characters long."""
    text = " ".join(text.split())
    if canvas.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, min(len(text), int(width / (size * 0.2)) + 1)  # no glyph is narrower
    while low < high:
        mid = (low + high + 1) // 2
        if canvas.stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


def _outline_word(canvas: Canvas, word: str, size: float, x: float, y: float) -> None:
    """``word`` filled in as the outlines of its letters, where ``drawString(x, y, word)``
    would set it in the bold face (the same advance widths): a shape, not text."""
    font = getFont(BOLD)
    scale = size / UNITS_PER_EM
    for letter in word:
        path = " ".join(OUTLINES[letter])
        canvas.addLiteral(f"q {scale:.6g} 0 0 {scale:.6g} {x:.6g} {y:.6g} cm {path} f Q")
        x += font.stringWidth(letter, size)


def canvas_maker(
    info: PageInfo, tagger: Tagger | None = None, xmp: str = ""
) -> Callable[..., Canvas]:
    """A canvas class that holds pages back until the end, to print 'Page x of y'.

    With a ``tagger``, the paper is a tagged PDF: its content is marked as it is drawn,
    the furniture as artifacts, and the structure tree and ``xmp`` metadata are written
    with the file."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []
            self.tagger = tagger

        def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> Any:
            """A text object that lays out each line in any script (shaping.py)."""
            return ScriptText(self, x, y, direction=direction)

        def linkURL(self, url: str, rect: Any, relative: int = 0, **kw: Any) -> None:
            """A link, as reportlab makes one for <a href>: tagged as a Link element of
            the content being drawn, its annotation described by its address."""
            super().linkURL(url, rect, relative, **kw)
            if tagger is not None:
                name = self._doc.annotationName(f"NUMBER{self._annotationCount}")
                tagger.link(self, name, url)

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            if info.record:
                embed_record(self._doc, info.record, info.fingerprint, info.day, info.kind)
            if tagger is not None:
                tagger.write(self._doc, xmp)
            super().save()

        def _setAnnotations(self, page: Any) -> None:
            super()._setAnnotations(page)
            if tagger is not None:
                tag_page(page, tagger.struct_parents(self.getPageNumber()))

        def _artifact(self, subtype: str) -> Any:
            if tagger is None:
                return nullcontext()
            return tagger.artifact(self, "Pagination", subtype)

        def _watermark(self, width: float, height: float) -> None:
            """A light diagonal DRAFT, drawn beneath the page's text (its drawing
            commands are moved to the front of the page's content) as outlines, so
            that text extraction does not read its letters into the paper's text."""
            start = len(self._code)
            with self._artifact("Watermark"):
                self.saveState()
                self.setFillColorRGB(0.84, 0.16, 0.11, alpha=0.1)
                self.translate(width / 2, height / 2)
                self.rotate(45)
                size = 110
                _outline_word(self, "DRAFT", size, -self.stringWidth("DRAFT", BOLD, size) / 2, -38)
                self.restoreState()
            self._code[:] = self._code[start:] + self._code[:start]

        def _header_logo(self, x: float, baseline: float) -> float:
            """The trust's logo at the start of the running header; its width and a gap."""
            if info.logo is None:
                return 0.0
            from .identity import logo_reader, logo_size

            w, h = logo_size(info.logo, 30 * mm, 5 * mm)
            self.drawImage(logo_reader(info.logo), x, baseline - 1.2, w, h, mask="auto")
            return float(w + 2 * mm)

        def _furniture(self, total: int) -> None:
            width, height = A4
            left, right = MARGIN + INSET, width - MARGIN - INSET
            page = self.getPageNumber()
            if info.draft:
                self._watermark(width, height)
            self.saveState()
            if page > 1:
                with self._artifact("Header"):
                    self._header(left, right, height)
            with self._artifact("Footer"):
                self._footer(left, right, page, total)
            self.restoreState()

        def _header(self, left: float, right: float, height: float) -> None:
            self.setFont(FAMILY, 8)
            self.setFillColor(GREY)
            usable = right - left
            ref = _fit(self, info.reference, FAMILY, 8, usable * 0.4)
            ref_width = self.stringWidth(ref, FAMILY, 8)
            start = left + self._header_logo(left, height - 12 * mm)
            heading = " · ".join(t for t in (info.organisation, info.title) if t)
            self.drawString(
                start,
                height - 12 * mm,
                _fit(self, heading, FAMILY, 8, right - start - ref_width - 10 * mm),
            )
            self.drawRightString(right, height - 12 * mm, ref)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(left, height - 13.5 * mm, right, height - 13.5 * mm)

        def _footer(self, left: float, right: float, page: int, total: int) -> None:
            self.setStrokeColor(NHS_BLUE)
            self.setLineWidth(0.8)
            self.line(left, 14 * mm, right, 14 * mm)
            self.setFont(FAMILY, 7)
            self.setFillColor(GREY)
            self.drawString(
                left,
                10 * mm,
                info.footer
                or f"Record SHA-256 {info.fingerprint[:16]}…  ·  "
                "check with: syslead verify <this file>",
            )
            self.setFont(BOLD, 8)
            self.drawRightString(right, 10 * mm, f"Page {page} of {total}")

    return NumberedCanvas
