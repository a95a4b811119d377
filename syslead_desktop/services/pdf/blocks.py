"""Small building blocks for the story: paragraphs, lists and tables of escaped text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from .fonts import FAMILY
from .theme import DARK_BLUE, PALE, RULE, Styles, esc

NOT_RECORDED = "Not recorded"
# Cells draw in the table's own font before their paragraphs: make it ours, not Helvetica
# (which would be referenced but not embedded).
OUR_FONT = ("FONT", (0, 0), (-1, -1), FAMILY, 9)


def para(text: str, style: Any, markup: bool = False) -> Paragraph:
    """A paragraph of user text (escaped) or of our own markup (``markup=True``)."""
    return Paragraph(text if markup else esc(text), style)


def heading(text: str, s: Styles) -> list[Flowable]:
    """A section heading that never sits alone at the foot of a page: it starts a new page
    unless there is room for it and a few lines after it.  (keepWithNext would instead
    carry a whole following table over to the next page, leaving a gap.)"""
    return [CondPageBreak(40 * mm), para(text, s.h1)]


def or_not_recorded(text: str | None) -> str:
    return text.strip() if text and text.strip() else NOT_RECORDED


def bullets(items: Sequence[str], s: Styles, empty: str = NOT_RECORDED) -> list[Flowable]:
    if not items:
        return [para(empty, s.body)]
    return [Paragraph(esc(item), s.bullet, bulletText="•") for item in items]


def grid(
    rows: Sequence[Sequence[Any]], widths: Sequence[float], s: Styles, header: bool = True
) -> Table:
    """A table with light rules.  Cells that are strings become escaped paragraphs, and a
    row taller than a page splits (``splitInRow``) instead of failing."""
    body = [[para(c, s.cell) if isinstance(c, str) else c for c in row] for row in rows]
    if header and body:
        body[0] = [para(c, s.cell_bold) if isinstance(c, str) else c for c in rows[0]]
    table = Table(
        body, colWidths=list(widths), repeatRows=1 if header else 0, splitInRow=1, hAlign="LEFT"
    )
    style = [
        OUR_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), PALE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, DARK_BLUE),
        ]
    table.setStyle(TableStyle(style))
    return table


def label_value(rows: Sequence[tuple[str, Any]], s: Styles, width: float) -> Table:
    """Two-column label/value table, as on a board cover sheet."""
    body = [
        [para(label, s.label), para(v, s.cell) if isinstance(v, str) else v] for label, v in rows
    ]
    table = Table(body, colWidths=[width * 0.3, width * 0.7], splitInRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                OUR_FONT,
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
    table = Table([[para(text, s.banner, markup=True)]], colWidths=[width])
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
