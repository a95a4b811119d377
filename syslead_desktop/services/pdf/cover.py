"""The NHS-style cover sheet."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Spacer

from ...domain.assessment import Assessment
from ...domain.decision import PURPOSE_LABELS, Decision, Person
from .blocks import NOT_RECORDED, banner, label_value, or_not_recorded, para
from .record import grouped
from .theme import NHS_BLUE, Styles, esc


def long_date(value: object) -> str:
    if value is None:
        return NOT_RECORDED
    return f"{value:%-d %B %Y}"


def person(p: Person) -> str:
    if not p.name.strip():
        return NOT_RECORDED
    return f"{p.name}, {p.role}" if p.role.strip() else p.name


def meeting_line(decision: Decision) -> str:
    paper = decision.board_paper
    return f"{paper.meeting or 'Board of Directors'} ({paper.meeting_kind.capitalize()})"


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
                f"<b>The Board is asked to {esc(a.board_ask)}.</b> ({esc(a.stance_label)})",
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
        ("Status", "Final" if decision.status == "final" else "Draft"),
        ("Record fingerprint (SHA-256)", grouped(fingerprint)),
    ]
    reference = f"Agenda item {esc(paper.agenda_item)} · " if paper.agenda_item.strip() else ""
    return [
        banner(esc(meeting_line(decision)), s, NHS_BLUE, width),
        Spacer(1, 10),
        para(f"{reference}{esc(long_date(paper.meeting_date))}", s.subtitle, markup=True),
        para(title, s.title),
        para(
            "Report to the Board: a decision where the trust's interests and the wider "
            "system's may pull apart",
            s.subtitle,
        ),
        label_value(rows, s, width),
        Spacer(1, 6),
        para(
            "Prepared with SysLead Desktop. The full decision record is attached inside this "
            "PDF; <i>syslead verify</i> checks it against the fingerprint above.",
            s.small,
            markup=True,
        ),
        PageBreak(),
    ]
