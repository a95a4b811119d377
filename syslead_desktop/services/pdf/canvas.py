"""Page furniture: running header, 'Page x of y', fingerprint footer and DRAFT watermark."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .embed import embed_record
from .fonts import BOLD, FAMILY
from .theme import GREY, NHS_BLUE, RULE

MARGIN = 20 * mm
INSET = 6  # the frame pads its content by 6 pt: the page furniture lines up with the text


class PageInfo(NamedTuple):
    title: str
    reference: str
    fingerprint: str
    draft: bool
    record: bytes
    day: date | None
    organisation: str = ""  # the trust's name for the running header
    logo: bytes | None = None  # and its logo (PNG)


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


def canvas_maker(info: PageInfo) -> Callable[..., Canvas]:
    """A canvas class that holds pages back until the end, to print 'Page x of y'."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            embed_record(self._doc, info.record, info.fingerprint, info.day)
            super().save()

        def _watermark(self, width: float, height: float) -> None:
            """A light diagonal DRAFT, drawn beneath the page's text: its drawing
            commands are moved to the front of the page's content."""
            start = len(self._code)
            self.saveState()
            self.setFillColorRGB(0.84, 0.16, 0.11, alpha=0.1)
            self.setFont(BOLD, 110)
            self.translate(width / 2, height / 2)
            self.rotate(45)
            self.drawCentredString(0, -38, "DRAFT")
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
            self.setStrokeColor(NHS_BLUE)
            self.setLineWidth(0.8)
            self.line(left, 14 * mm, right, 14 * mm)
            self.setFont(FAMILY, 7)
            self.setFillColor(GREY)
            self.drawString(
                left,
                10 * mm,
                f"Record SHA-256 {info.fingerprint[:16]}…  ·  "
                "check with: syslead verify <this file>",
            )
            self.setFont(BOLD, 8)
            self.drawRightString(right, 10 * mm, f"Page {page} of {total}")
            self.restoreState()

    return NumberedCanvas
