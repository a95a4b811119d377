"""Render the board paper: reportlab lays it out and writes it, tagged (tagging.py), with
the decision record attached (embed.py)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import NamedTuple

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate

from ... import APP_NAME, __version__
from ...domain.assessment import Assessment
from ...domain.decision import Decision
from ...domain.rulebook import Rulebook
from ..decision_file import decision_to_text
from ..follow_up import with_follow_up
from .appendix import appendix
from .body import body
from .canvas import INSET, MARGIN, PageInfo, canvas_maker
from .cover import cover_sheet
from .fonts import FAMILY, register_fonts
from .identity import header_logo, header_name
from .longtext import CHECK
from .printable import printable_decision
from .record import fingerprint_of
from .tagging import LANG, Tagger, xmp_metadata
from .theme import Styles, make_styles

#: Makes a paper's story, given the styles, the text width and the record's fingerprint.
StoryMaker = Callable[[Styles, float, str], list[Flowable]]


class PaperMeta(NamedTuple):
    """What a paper says about itself: in its metadata and its running header."""

    title: str
    reference: str  # the running header's right-hand side: the agenda item
    author: str
    subject: str
    keywords: list[str]
    kind: str = ""  # "review" for the review paper (the document information says so)


def tool_name() -> str:
    """What made the file, as the metadata says (read at each render: ``verify`` tells
    papers from other versions by it)."""
    return f"{APP_NAME} {__version__}"


def paper_template(
    buffer: io.BytesIO, *, title: str, author: str, subject: str, keywords: list[str]
) -> SimpleDocTemplate:
    """An A4 document in the paper's margins, metadata and font, written reproducibly."""
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=author,
        subject=subject,
        keywords=keywords,
        creator=tool_name(),
        producer=tool_name(),
        lang=LANG,
        invariant=1,
        initialFontName=FAMILY,  # pages start in our font: no unembedded Helvetica at all
    )


def render_pdf(
    decision: Decision,
    rulebook: Rulebook,
    assessment: Assessment,
    record: bytes | None = None,
    check: Callable[[], None] | None = None,
) -> bytes:
    """The board paper as PDF bytes; the same inputs always give the same bytes.

    ``record``: the decision record to attach, byte for byte (``syslead verify``
    renders a paper again from the record attached to it); by default the decision
    written out in the standard layout. ``check``: called as the layout goes (after
    every flowable placed, and between the windows of a very long paragraph); it raises
    to stop, so a cancelled export stops within a fraction of a second."""
    decision = with_follow_up(decision, assessment, rulebook)  # its actions, as section 5
    if record is None:
        record = decision_to_text(decision).encode("utf-8")  # the decision exactly as typed
    decision = printable_decision(decision)  # what the paper prints of it (printable.py)
    title = decision.framing.title.strip() or "Untitled decision"
    paper = decision.board_paper
    meta = PaperMeta(
        title=title,
        reference=paper.agenda_item.strip() or "Board paper",
        author=paper.author.name or paper.executive_lead.name or APP_NAME,
        subject=f"Board paper: {assessment.stance_label}",
        keywords=["NHS", "board paper", "system leadership", rulebook.id, assessment.stance],
    )

    def story(styles: Styles, width: float, fingerprint: str) -> list[Flowable]:
        made = cover_sheet(decision, assessment, styles, width, fingerprint)
        made += body(decision, rulebook, assessment, styles, width)
        made += appendix(rulebook, assessment, styles, width, fingerprint)
        return made

    texts = (model.model_dump_json() for model in (decision, rulebook, assessment))
    return write_paper(decision, record, meta, story, texts, check)


def write_paper(
    decision: Decision,
    record: bytes,
    meta: PaperMeta,
    story: StoryMaker,
    texts: Iterable[str],
    check: Callable[[], None] | None = None,
) -> bytes:
    """Lay out and write a paper of ``decision`` (the board paper, or the review paper):
    A4 in the paper's own font, tagged, its page furniture, with ``record`` attached and
    its dates from the record, never the clock. ``texts``: everything the paper may
    print, so that the fonts it needs are chosen (fonts.py)."""
    register_fonts(*texts)
    fingerprint = fingerprint_of(record)
    styles = make_styles()
    buffer = io.BytesIO()
    doc = paper_template(
        buffer, title=meta.title, author=meta.author, subject=meta.subject, keywords=meta.keywords
    )
    width = doc.width - 2 * INSET  # the frame pads its content on both sides
    flowables = story(styles, width, fingerprint)
    day = decision.updated or decision.created  # never the clock: the output is reproducible
    info = PageInfo(
        meta.title,
        meta.reference,
        fingerprint,
        decision.status == "draft",
        record,
        day,
        header_name(decision),
        header_logo(decision),
        kind=meta.kind,
    )
    xmp = xmp_metadata(meta.title, meta.author, meta.subject, meta.keywords, tool_name(), day)
    if check is not None:
        doc.afterFlowable = lambda _flowable: check()
    token = CHECK.set(check)
    try:
        doc.build(flowables, canvasmaker=canvas_maker(info, Tagger(), xmp))
    finally:
        CHECK.reset(token)
    return buffer.getvalue()
