"""The NHS-style cover sheet."""

from __future__ import annotations

from typing import Literal

from reportlab.platypus import Flowable, PageBreak, Spacer

from ...domain.assessment import Assessment
from ...domain.decision import PURPOSE_LABELS, Decision, Person
from .blocks import NOT_RECORDED, banner, label_value, or_not_recorded, para
from .identity import board_decision_box, link_rows, shows_decision, status_text, trust_heading
from .identity import long_date as long_date  # re-exported: the body writes dates alike
from .record import grouped
from .theme import NHS_BLUE, Styles, esc


def person(p: Person) -> str:
    if not p.name.strip():
        return NOT_RECORDED
    return f"{p.name}, {p.role}" if p.role.strip() else p.name


def meeting_line(decision: Decision) -> str:
    paper = decision.board_paper
    return f"{paper.meeting or 'Board of Directors'} ({paper.meeting_kind.capitalize()})"


StanceKind = Literal["against", "defer", "conditions", "proceed"]


def stance_kind(a: Assessment) -> StanceKind:
    """What the recommendation means for the paper's wording: not going ahead, putting the
    decision back, going ahead with conditions, or going ahead as proposed.

    Read from the stance's rank, so any rulebook works: the most cautious stance (rank 0)
    is not going ahead, the most positive is going ahead, and of those between, the lower
    half defer and the upper half go ahead with conditions (the core rulebook's four
    stances fall one to each)."""
    if a.stance_rank <= 0:
        return "against"
    if a.stance_rank >= a.stance_count - 1:
        return "proceed"
    return "defer" if a.stance_rank < (a.stance_count - 1) / 2 else "conditions"


# What the Board is asked to do when the paper is not for decision.
_PURPOSE_ASKS = {
    "discussion": "discuss the proposal ahead of a decision",
    "information": "note the proposal and its assessment",
    "assurance": "take assurance from the assessment of the proposal",
}


def board_ask(decision: Decision, a: Assessment) -> tuple[str, str]:
    """The ask, to follow "The Board is asked to ", and a sentence after it (or "").

    For a paper for decision the ask is the recommendation itself.  A paper for
    discussion, information or assurance asks the Board to do what that purpose says,
    and gives the recommendation for when the decision is taken."""
    ask = a.board_ask.strip().rstrip(".")
    purpose = decision.board_paper.purpose
    if purpose not in _PURPOSE_ASKS:
        return ask, ""
    return _PURPOSE_ASKS[purpose], f"When the decision is taken, the recommendation is to {ask}."


def recommendation_text(decision: Decision, a: Assessment) -> str:
    """The recommendation as markup: the ask in bold, then the sentence that follows it."""
    ask, then = board_ask(decision, a)
    text = f"<b>The Board is asked to {esc(ask)}.</b>"
    return f"{text} {esc(then)}" if then else text


def cover_sheet(
    decision: Decision, a: Assessment, s: Styles, width: float, fingerprint: str
) -> list[Flowable]:
    paper = decision.board_paper
    title = decision.framing.title.strip() or "Untitled decision"
    purposes = "   ".join(
        f"{'☒' if key == paper.purpose else '☐'} {label}" for key, label in PURPOSE_LABELS.items()
    )

    def listing(items: list[str]) -> str:
        return "\n".join(items) if items else NOT_RECORDED

    rows = [
        ("Meeting", meeting_line(decision)),
        ("Date of meeting", long_date(paper.meeting_date)),
        ("Agenda item", or_not_recorded(paper.agenda_item)),
        ("Report title", title),
        ("Author", person(paper.author)),
        ("Executive lead", person(paper.executive_lead)),
        ("Purpose", purposes),
        (
            "Recommendation",
            para(
                f"{recommendation_text(decision, a)} ({esc(a.stance_label)})",
                s.cell,
                markup=True,
            ),
        ),
        ("Strategic objectives", listing(paper.strategic_objectives)),
        ("Board Assurance Framework risks", listing(paper.baf_risks)),
        ("CQC domains", ", ".join(paper.cqc_domains) or NOT_RECORDED),
        ("Financial implications", or_not_recorded(paper.financial_implications)),
        ("Quality and equality implications", or_not_recorded(paper.quality_equality_implications)),
        ("Regulatory implications", or_not_recorded(paper.regulatory_implications)),
        ("Previously considered by", or_not_recorded(paper.previously_considered_by)),
        *([] if shows_decision(decision) else [("Status", status_text(decision))]),
        *link_rows(decision),
        ("Record fingerprint (SHA-256)", grouped(fingerprint)),
    ]
    reference = f"Agenda item {esc(paper.agenda_item)} · " if paper.agenda_item.strip() else ""
    return [
        *trust_heading(decision.trust, s, width),
        banner(esc(meeting_line(decision)), s, NHS_BLUE, width),
        Spacer(1, 10),
        para(f"{reference}{esc(long_date(paper.meeting_date))}", s.subtitle, markup=True),
        para(title, s.title),
        # The record copy gives the board's decision where the paper said what it was.
        *(
            board_decision_box(decision, s, width)
            or [
                para(
                    "Report to the Board: a decision where the trust's interests and the "
                    "wider system's pull in different directions",
                    s.subtitle,
                )
            ]
        ),
        label_value(rows, s, width),
        Spacer(1, 6),
        para(
            "Prepared with SysLead Desktop. The full decision record is attached inside this "
            "PDF; the command ‘syslead verify’ checks it against the fingerprint above.",
            s.small,
        ),
        PageBreak(),
    ]
