"""The trust's identity and the decision's status on the paper.

- The trust's name and logo head the cover (from the identity stamped into the decision,
  so a paper re-made years later looks as it did).
- The status row says where the decision is in its life; once the board has decided, the
  record copy carries a "Board decision" box on its cover with the resolution.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Spacer, Table, TableStyle

from ...domain.decision import Decision
from ...domain.lifecycle import OUTCOME_LABELS
from ...domain.trust import TrustStamp
from .blocks import NOT_RECORDED, OUR_FONT, TABLE_PAD, para, text_cell, text_style
from .tagging import Figure, TableTags
from .theme import NHS_BLUE, PALE, RULE, Styles

LOGO_MAX_HEIGHT = 14 * mm
LOGO_MAX_WIDTH = 55 * mm


@lru_cache(maxsize=8)
def logo_reader(png: bytes) -> ImageReader:
    return ImageReader(io.BytesIO(png))


def logo_size(png: bytes, max_width: float, max_height: float) -> tuple[float, float]:
    """The logo's printed size: as large as fits in the box, its proportions kept."""
    width, height = logo_reader(png).getSize()
    scale = min(max_width / width, max_height / height)
    return float(width * scale), float(height * scale)


def long_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value is not None else NOT_RECORDED


@lru_cache(maxsize=4)
def _trust_style(s: Styles) -> ParagraphStyle:
    return ParagraphStyle(
        "trust",
        parent=s.h2,
        fontSize=12,
        leading=15,
        spaceBefore=0,
        spaceAfter=0,
        keepWithNext=0,
    )


def trust_heading(stamp: TrustStamp | None, s: Styles, width: float) -> list[Flowable]:
    """The trust's name, with its logo on the right, above the cover's banner."""
    if stamp is None:
        return []
    name = para(stamp.name, _trust_style(s))
    if stamp.logo is None:
        return [name, Spacer(1, 4)]
    png = stamp.logo.printable()
    logo_w, logo_h = logo_size(png, LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT)
    logo = Image(io.BytesIO(png), width=logo_w, height=logo_h)
    logo.hAlign = "RIGHT"
    figure = Figure(logo, f"{stamp.name} logo")  # tagged: a figure with its alternative text
    table = Table(
        [[name, figure]],
        colWidths=[width - logo_w - 4 * mm, logo_w + 4 * mm],
        renderCB=TableTags("layout"),
    )
    table.setStyle(
        TableStyle(
            [
                OUR_FONT,
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [table]


def _entry_date(decision: Decision, status: str) -> dt.date | None:
    dates = [entry.on for entry in decision.history if entry.status == status]
    return dates[-1] if dates else None


def status_text(decision: Decision) -> str:
    """One line for the cover's Status row."""
    status, paper = decision.status, decision.board_paper
    if status == "submitted":
        return f"Submitted for {paper.meeting or 'the Board'}, {long_date(paper.meeting_date)}"
    if status == "decided" and decision.resolution is not None:
        outcome = OUTCOME_LABELS[decision.resolution.outcome]
        return f"Decided: {outcome.lower()}, {long_date(decision.resolution.date)}"
    if status == "closed":
        return f"Closed after review, {long_date(_entry_date(decision, 'closed'))}"
    if status == "superseded":
        later = decision.superseded_by or ""
        return f"Superseded by decision {later[:8]}, {long_date(_entry_date(decision, status))}"
    return "Draft"


def link_rows(decision: Decision) -> list[tuple[str, str]]:
    """Cover rows for the decisions this one replaces or is replaced by."""
    rows = []
    if decision.supersedes:
        rows.append(("Supersedes", f"Decision {decision.supersedes[:8]} in the register"))
    if decision.superseded_by:
        rows.append(("Superseded by", f"Decision {decision.superseded_by[:8]} in the register"))
    return rows


def board_decision_box(decision: Decision, s: Styles, width: float) -> list[Flowable]:
    """The "Board decision" box of the record copy: what the board resolved, compact
    enough to keep the cover on one page (two facts a row, then any amendments)."""
    resolution = decision.resolution
    if not shows_decision(decision) or resolution is None:
        return []
    recorded = next(
        (entry for entry in reversed(decision.history) if entry.status == "decided"), None
    )
    by = f"{recorded.by}, {long_date(recorded.on)}" if recorded and recorded.by else NOT_RECORDED
    label_w, value_w = width * 0.17, width * 0.33
    wide = width - label_w

    def cell(text: str, style: Any, avail: float) -> Any:
        return text_cell(text, style, avail - 2 * TABLE_PAD)

    heading = "Board decision"
    if decision.status != "decided":
        heading += f" · {status_text(decision)}"
    body: list[list[Any]] = [
        [para(heading, s.banner), "", "", ""],
        [
            cell("Decision", s.label, label_w),
            cell(OUTCOME_LABELS[resolution.outcome], s.cell_bold, value_w),
            cell("Date", s.label, label_w),
            cell(long_date(resolution.date), s.cell, value_w),
        ],
        [
            cell("Minute", s.label, label_w),
            cell(resolution.minute_reference or NOT_RECORDED, s.cell, value_w),
            cell("Recorded by", s.label, label_w),
            cell(by, s.cell, value_w),
        ],
    ]
    spans = [("SPAN", (0, 0), (-1, 0))]
    for label, text in (
        ("Amendments", resolution.amendments),
        ("Dissent noted", resolution.dissent),
    ):
        if text:
            spans.append(("SPAN", (1, len(body)), (-1, len(body))))
            body.append([cell(label, s.label, label_w), cell(text, s.cell, wide), "", ""])
    table = Table(body, colWidths=[label_w, value_w, label_w, value_w], splitInRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                OUR_FONT,
                *text_style(s.cell, (1, 1), (-1, -1)),
                *text_style(s.label, (0, 1), (0, -1)),
                *text_style(s.label, (2, 1), (2, 2)),
                *text_style(s.cell_bold, (1, 1), (1, 1)),
                *spans,
                ("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE),
                ("BACKGROUND", (0, 1), (0, -1), PALE),
                ("BACKGROUND", (2, 1), (2, 2), PALE),
                ("BOX", (0, 0), (-1, -1), 1.2, NHS_BLUE),
                ("INNERGRID", (0, 1), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [Spacer(1, 4), table, Spacer(1, 8)]


def shows_decision(decision: Decision) -> bool:
    """Whether the cover carries the "Board decision" box (which then gives the status)."""
    return decision.resolution is not None and decision.status in (
        "decided",
        "closed",
        "superseded",
    )


def header_name(decision: Decision) -> str:
    """The trust's name for the running header ("" when the decision has none)."""
    return decision.trust.header_name if decision.trust is not None else ""


def header_logo(decision: Decision) -> bytes | None:
    trust = decision.trust
    return trust.logo.printable() if trust is not None and trust.logo is not None else None
