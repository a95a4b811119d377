"""The paper itself: summary, decision, assessment, conditions, recommendation, appendix."""

from __future__ import annotations

import datetime as dt
import re

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from ...domain.assessment import Assessment, FactorResult
from ...domain.decision import Decision
from ...domain.rulebook import Question, Rulebook
from ...engine.explain import number_word, reversed_factors
from .actions import actions_table
from .blocks import (
    NOT_RECORDED,
    OUR_FONT,
    TableWithEnds,
    bullets,
    grid,
    heading,
    or_not_recorded,
    para,
)
from .cover import StanceKind, long_date, recommendation_text, stance_kind
from .printable import NOTES
from .tagging import Figure, TableTags
from .theme import RATING, Styles, esc

#: A level on a numbered scale, labelled as the scale's document gives it ("3 Open").
_LEVEL = re.compile(r"(\d+) (\S.*)")


def answer_words(question: Question, option_id: str | None) -> str:
    """The label of the option chosen, as the paper prints it; "" if none is chosen.

    On a numbered scale (every label a level and its name, as the GGI risk appetite's
    "0 Avoid" to "5 Mature"), the name comes first with where it stands: "Open (level 3
    of 0 to 5)", not "3 Open", which reads like a count."""
    if option_id not in question.option_ids():
        return ""
    levels = [_LEVEL.fullmatch(o.label) for o in question.options]
    label = question.option(str(option_id)).label
    if not all(levels) or len(levels) < 3:
        return label
    numbers = [int(m.group(1)) for m in levels if m]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return label
    number, name = _LEVEL.fullmatch(label).groups()  # type: ignore[union-attr]
    return f"{name} (level {number} of {numbers[0]} to {numbers[-1]})"


def _answer(rulebook: Rulebook, decision: Decision, qid: str) -> str:
    return answer_words(rulebook.questions_by_id[qid], decision.answers.get(qid)) or NOT_RECORDED


def listed(items: list[str]) -> str:
    """ "A, B and C", as written in British English (no serial comma)."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def rating_chip(label: str, colour: str, s: Styles) -> Figure:
    """The rating badge: a figure whose alternative text says the rating in words."""
    chip = Table(
        [[para(f"<b>{esc(label)}</b>", s.chip, markup=True)]], renderCB=TableTags("layout")
    )
    chip.setStyle(
        TableStyle(
            [
                OUR_FONT,
                ("BACKGROUND", (0, 0), (-1, -1), RATING.get(colour, RATING["grey"])),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return Figure(chip, f"Rating: {label}")


# The study the executive summary cites for the factors (Appendix C lists it).
SUMMARY_SOURCE = "Gordon 2021"
SUMMARY_CITATION = f"{SUMMARY_SOURCE}, Table 2"


def _stance_reason(a: Assessment) -> str:
    """The reason given by the stance rule that decided the recommendation."""
    return next((r.reason for r in a.rules if r.level == "stance" and r.id == a.stance_rule), "")


def _reversed_sentence(result: FactorResult, top: int, reason: str) -> str:
    """A factor that works in reverse here: a low rating supports the decision."""
    rated = f"{result.title} is rated {result.rating_label.lower()}"
    if result.rating_rank == 0:
        rated += ", which here supports the proposal rather than putting it at risk"
    elif result.rating_rank == top:
        rated += ", which here counts against the proposal"
    return f"{rated}. {reason}"


def safeguards_sentence(kind: StanceKind, n: int) -> str:
    """What the executive summary says of section 5, worded for the recommendation."""
    plural = "s" if n > 1 else ""
    if kind == "conditions":
        return (
            f"The recommendation carries {number_word(n)} condition{plural} and safeguards, "
            "set out in section 5."
        )
    if kind == "proceed":
        return (
            f"The recommendation carries no conditions; section 5 sets out {number_word(n)} "
            f"safeguard{plural} to put in place as the decision is carried out."
        )
    if kind == "defer":
        return (
            f"Section 5 sets out {number_word(n)} action{plural} to complete before the "
            "decision returns to the Board."
        )
    return (
        f"Section 5 sets out {number_word(n)} safeguard{plural} that would be needed if the "
        "proposal were brought back, or if the Board decided to go ahead regardless."
    )


def executive_summary(
    decision: Decision, rulebook: Rulebook, a: Assessment, s: Styles
) -> list[Flowable]:
    reverse = reversed_factors(rulebook, decision.answers)
    top = len(rulebook.ratings) - 1
    rated = [f for f in a.factors if f.id not in reverse]
    weak = [f.title for f in rated if f.rating_rank == 0]
    strong = [f.title for f in rated if f.rating_rank == top]
    direction = (
        _answer(rulebook, decision, "direction") if "direction" in rulebook.questions_by_id else ""
    )
    # A cautious stance's own summary may speak of weak points; when no factor is rated
    # below the top, or none counts against the decision, the stance rule's reason is
    # the true one.
    no_weak_points = all(f.rating_rank == top for f in a.factors) or (
        all(f.rating_rank == top for f in rated)
        and all(a.factor(fid).rating_rank == 0 for fid in reverse)
    )
    summary = a.stance_summary
    if no_weak_points and a.stance_rank < a.stance_count - 1:
        summary = _stance_reason(a) or summary
    text = (
        f"This paper asks the Board to consider “{esc(decision.framing.title or 'this decision')}”"
        + (f" ({esc(direction[0].lower() + direction[1:])})" if direction else "")
        + ". "
        f"Assessed against {number_word(len(a.factors))} factors that group the themes NHS "
        f"trust chief executives raised in interviews ({SUMMARY_CITATION}), the "
        f"recommendation is <b>{esc(a.stance_label.lower())}</b>. {esc(summary)}"
    )
    parts = [para(text, s.body, markup=True)]
    if strong:
        parts.append(para(f"Factors in its favour: {listed(strong)}.", s.body))
    for factor_id, reason in reverse.items():
        parts.append(para(_reversed_sentence(a.factor(factor_id), top, reason), s.body))
    if weak:
        parts.append(para(f"Factors that put it at risk: {listed(weak)}.", s.body))
    elif rated:
        low = min(f.rating_rank for f in rated)
        weakest = [f for f in rated if f.rating_rank == low and f.rating_rank < top]
        if weakest:
            other = any(a.factor(fid).rating_rank == 0 for fid in reverse)
            parts.append(
                para(
                    f"No {'other ' if other else ''}factor is rated "
                    f"{rulebook.ratings[0].label.lower()}; the least secure "
                    f"{'are' if len(weakest) > 1 else 'is'} "
                    f"{listed([f.title for f in weakest])} "
                    f"({weakest[0].rating_label.lower()}).",
                    s.body,
                )
            )
    if decision.actions:
        parts.append(para(safeguards_sentence(stance_kind(a), len(decision.actions)), s.body))
    if rulebook.evidence_strength is not None:
        parts.append(
            para(
                f"<b>How strong the evidence is:</b> {esc(rulebook.evidence_strength.summary)} "
                "Appendix B sets out what this means for the weight the Board gives the "
                "recommendation, and Appendix A marks each rule as evidence or design.",
                s.body,
                markup=True,
            )
        )
    return parts


def decision_section(
    decision: Decision, rulebook: Rulebook, s: Styles, width: float
) -> list[Flowable]:
    f = decision.framing
    rows = [["Question", "Answer"]]
    rows += [[q.text, _answer(rulebook, decision, q.id)] for q in rulebook.framing.questions]
    out: list[Flowable] = [
        para(or_not_recorded(f.description), s.body),
        Spacer(1, 4),
        grid(rows, [width * 0.55, width * 0.45], s),
    ]
    out += [para("Partners", s.h2), *bullets(f.partners, s)]
    out += [para("Cost to the trust", s.h2), para(or_not_recorded(f.cost_to_trust), s.body)]
    out += [
        para("Benefit to the system and the population", s.h2),
        para(or_not_recorded(f.benefit_to_population), s.body),
    ]
    if decision.notes.get("framing"):
        out += [para(NOTES, s.h2), para(decision.notes["framing"], s.body)]
    return out


def factor_sections(
    decision: Decision,
    rulebook: Rulebook,
    a: Assessment,
    s: Styles,
    width: float,
    intro: list[Flowable],
) -> list[Flowable]:
    """Section 4; ``intro`` (the section heading) is kept on the page of the first factor."""
    out: list[Flowable] = []
    for number, result in enumerate(a.factors, start=1):
        factor = rulebook.factor(result.id)
        head = Table(
            [
                [
                    para(f"4.{number} {esc(factor.title)}", s.h2, markup=True),
                    rating_chip(result.rating_label, result.colour, s),
                ]
            ],
            colWidths=[width - 32 * mm, 32 * mm],
            renderCB=TableTags("layout"),
        )
        head.setStyle(
            TableStyle(
                [
                    OUR_FONT,
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        rows = [["Question", "Answer"]] + [
            [q.text, _answer(rulebook, decision, q.id)] for q in factor.questions
        ]
        if len(result.drivers) == len(factor.questions):
            drivers = "every answer above"
        else:
            drivers = "; ".join(f"{d.question_text} — {d.answer_label}" for d in result.drivers)
        tail: list[Flowable] = [
            Spacer(1, 5),
            para(
                f"<b>Why {esc(result.rating_label.lower())}:</b> {esc(result.reason)} "
                f"<font color='#4C6272'>(rule {esc(result.rule)})</font>",
                s.body,
                markup=True,
            ),
        ]
        if drivers:
            tail.append(para(f"<b>Decided by:</b> {esc(drivers)}", s.body, markup=True))
        note = decision.notes.get(result.id, "").strip()
        tail.append(para(f"<b>{NOTES}:</b> {esc(note or NOT_RECORDED)}", s.body, markup=True))
        # the section heading goes with the first factor (its page break stays in front)
        lead, intro = (intro, []) if number == 1 else ([], [])
        breaks = [f for f in lead if isinstance(f, CondPageBreak)]
        titles = [f for f in lead if not isinstance(f, CondPageBreak)]
        out += breaks
        out.append(
            TableWithEnds(
                # no lead: the factor's summary is a question to the person answering
                # ("... before you commit?"), not something to tell the board
                [*titles, head, Spacer(1, 3)],
                rows,
                [width * 0.6, width * 0.4],
                s,
                tail,
            )
        )
    return out


def _changes(a: Assessment, s: Styles, width: float) -> list[Flowable]:
    """Section 7 as a table: each smallest change, one answer per row."""
    out: list[Flowable] = []
    if not a.counterfactuals.up:
        out.append(para("It is already the most positive recommendation.", s.body))
    if not a.counterfactuals.down:
        out.append(para("It is already the most cautious recommendation.", s.body))
    rows: list[list[str | Flowable]] = [["To reach", "If this answer", "changed from", "to"]]
    seen: set[str] = set()
    for cf in [*a.counterfactuals.up, *a.counterfactuals.down]:
        label = f"{'or ' if cf.stance in seen else ''}<b>{esc(cf.stance_label)}</b>"
        seen.add(cf.stance)
        for number, c in enumerate(cf.changes):
            rows.append(
                [
                    para(label, s.cell, markup=True) if number == 0 else "",
                    c.question_text,
                    c.from_label,
                    c.to_label,
                ]
            )
    if len(rows) > 1:
        out.append(grid(rows, [width * 0.22, width * 0.42, width * 0.18, width * 0.18], s))
    return out


# Section 5 for each kind of recommendation: its title, a line before the actions (if
# any), and what it says when there are none.
SECTION_5: dict[StanceKind, tuple[str, str, str]] = {
    "conditions": ("Conditions and safeguards", "", "No further conditions are needed."),
    "proceed": (
        "Safeguards",
        "The recommendation carries no conditions. These safeguards should be in place by "
        "the times shown.",
        "No conditions or safeguards are needed.",
    ),
    "defer": (
        "Actions before the decision returns",
        "The Board is asked to agree these actions, to be completed before the decision is "
        "brought back.",
        "No specific actions are set out; section 7 shows what would change the recommendation.",
    ),
    "against": (
        "Safeguards if the proposal is brought back",
        "The recommendation is not to proceed, so none of these is a condition of approval. "
        "They would need to be in place before any decision to go ahead took effect, "
        "whether the proposal is brought back or the Board decides to proceed regardless.",
        "No safeguards are set out; section 7 shows what would need to change for the "
        "proposal to be brought back.",
    ),
}


def closing_sentence(kind: StanceKind, safeguards: bool, review: dt.date | None) -> str:
    """What section 8 says after the ask, worded for the recommendation."""
    by = f"by the review date ({long_date(review)})" if review else "by the review date"
    if kind == "against":
        return "Section 7 sets out what would need to change before the proposal could be " + (
            "brought back, and section 5 the safeguards it would then need."
            if safeguards
            else "brought back."
        )
    if not safeguards:
        return ""
    if kind == "conditions":
        return (
            "The conditions and safeguards in section 5 form part of this recommendation; "
            f"progress against them should be reported {by}."
        )
    if kind == "proceed":
        return f"Progress on the safeguards in section 5 should be reported {by}."
    return "These actions are set out in section 5."


def body(
    decision: Decision, rulebook: Rulebook, a: Assessment, s: Styles, width: float
) -> list[Flowable]:
    f = decision.framing
    story: list[Flowable] = [*heading("1. Executive summary", s)]
    story += executive_summary(decision, rulebook, a, s)
    story += [*heading("2. The decision and its direction", s)]
    story += decision_section(decision, rulebook, s, width)
    story += [*heading("3. Options considered", s), *bullets(f.options_considered, s)]
    story += factor_sections(
        decision, rulebook, a, s, width, heading("4. Assessment, factor by factor", s)
    )
    kind = stance_kind(a)
    title, intro, none = SECTION_5[kind]
    story += [*heading(f"5. {title}", s)]
    if decision.actions:
        if intro:
            story.append(para(intro, s.body))
        story.append(actions_table(decision.actions, s, width))
    else:
        story.append(para(none, s.body))
    measures = [
        f"{m.text} Target: {m.target.strip()}" if m.target.strip() else m.text
        for m in decision.measures
    ] or f.success_measures
    story += [*heading("6. Success measures and review", s), *bullets(measures, s)]
    story.append(para(f"<b>Review date:</b> {esc(long_date(f.review_date))}", s.body, markup=True))
    story += [
        *heading("7. What would change the recommendation", s),
        para(
            "The smallest changes to the answers that would move the recommendation one "
            "step either way. Where a step needs several answers to change, all of them "
            "are listed together.",
            s.body,
        ),
    ]
    story += _changes(a, s, width)
    closing: list[Flowable] = [
        *heading("8. Recommendation", s)[1:],
        para(recommendation_text(decision, a), s.body, markup=True),
    ]
    after = closing_sentence(kind, bool(decision.actions), f.review_date)
    if after:
        closing.append(para(after, s.body))
    story.append(KeepTogether(closing))
    return story
