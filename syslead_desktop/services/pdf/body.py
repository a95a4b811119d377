"""The paper itself: summary, decision, assessment, conditions, recommendation, appendix."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from ...domain.assessment import Assessment
from ...domain.decision import Decision
from ...domain.rulebook import Rulebook
from ...engine.explain import reversed_factors
from .blocks import NOT_RECORDED, OUR_FONT, bullets, grid, heading, or_not_recorded, para
from .cover import long_date
from .theme import RATING, Styles, esc


def _answer(rulebook: Rulebook, decision: Decision, qid: str) -> str:
    question = rulebook.questions_by_id[qid]
    chosen = decision.answers.get(qid)
    return question.option(chosen).label if chosen in question.option_ids() else NOT_RECORDED


def listed(items: list[str]) -> str:
    """ "A, B and C", as written in British English (no serial comma)."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def number_word(n: int) -> str:
    """Numbers under ten in words, as house style for board papers has it."""
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    return words[n] if 0 <= n < len(words) else str(n)


def _chip(label: str, colour: str, s: Styles) -> Table:
    chip = Table([[para(f"<b>{esc(label)}</b>", s.chip, markup=True)]])
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
    return chip


def executive_summary(
    decision: Decision, rulebook: Rulebook, a: Assessment, s: Styles
) -> list[Flowable]:
    reverse = reversed_factors(rulebook, decision.answers)
    weak = [f.title for f in a.factors if f.rating_rank == 0 and f.id not in reverse]
    strong = [
        f.title
        for f in a.factors
        if f.rating_rank == len(rulebook.ratings) - 1 and f.id not in reverse
    ]
    direction = (
        _answer(rulebook, decision, "direction") if "direction" in rulebook.questions_by_id else ""
    )
    text = (
        f"This paper asks the Board to consider “{esc(decision.framing.title or 'this decision')}”"
        + (f" ({esc(direction[0].lower() + direction[1:])})" if direction else "")
        + ". "
        f"Assessed against the {number_word(len(a.factors))} factors that research with NHS "
        f"chief executives found decide whether such a decision holds (Gordon 2021, Table 2), "
        f"the recommendation is <b>{esc(a.stance_label.lower())}</b>. {esc(a.stance_summary)}"
    )
    parts = [para(text, s.body, markup=True)]
    if strong:
        parts.append(para(f"Factors in its favour: {listed(strong)}.", s.body))
    if weak:
        parts.append(para(f"Factors that put it at risk: {listed(weak)}.", s.body))
    else:
        rated = [f for f in a.factors if f.id not in reverse]
        low = min((f.rating_rank for f in rated), default=0)
        weakest = [f for f in rated if f.rating_rank == low and f.title not in strong]
        if weakest:
            label = weakest[0].rating_label.lower()
            parts.append(
                para(
                    f"No factor is rated {rulebook.ratings[0].label.lower()}; the least secure "
                    f"{'are' if len(weakest) > 1 else 'is'} "
                    f"{listed([f.title for f in weakest])} ({label}).",
                    s.body,
                )
            )
    for factor_id, reason in reverse.items():
        result = a.factor(factor_id)
        parts.append(
            para(f"{result.title} is rated {result.rating_label.lower()}. {reason}", s.body)
        )
    if a.safeguards:
        n = len(a.safeguards)
        parts.append(
            para(
                f"The recommendation carries {number_word(n)} condition{'s' if n > 1 else ''} and "
                "safeguards, set out in section 5.",
                s.body,
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
        out += [para("Chief executive's notes", s.h2), para(decision.notes["framing"], s.body)]
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
                    _chip(result.rating_label, result.colour, s),
                ]
            ],
            colWidths=[width - 32 * mm, 32 * mm],
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
        block: list[Flowable] = [
            head,
            para(factor.summary, s.small),
            Spacer(1, 3),
            grid(rows, [width * 0.6, width * 0.4], s),
            Spacer(1, 5),
        ]
        block.append(
            para(
                f"<b>Why {esc(result.rating_label.lower())}:</b> {esc(result.reason)} "
                f"<font color='#4C6272'>(rule {esc(result.rule)})</font>",
                s.body,
                markup=True,
            )
        )
        if drivers:
            block.append(para(f"<b>Decided by:</b> {esc(drivers)}", s.body, markup=True))
        note = decision.notes.get(result.id, "").strip()
        block.append(
            para(
                f"<b>Chief executive's notes:</b> {esc(note or NOT_RECORDED)}", s.body, markup=True
            )
        )
        lead, intro = (intro, []) if number == 1 else ([], [])
        out.append(KeepTogether(lead + block[:6]))  # heading, rating, answers and why
        out.extend(block[6:])
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
    story += [*heading("5. Conditions and safeguards", s)]
    if a.safeguards:
        rows = [["", "Action", "Owner", "When"]] + [
            [str(i), sg.text, sg.owner, sg.timing] for i, sg in enumerate(a.safeguards, start=1)
        ]
        story.append(grid(rows, [8 * mm, width * 0.5, width * 0.22, width * 0.28 - 8 * mm], s))
    else:
        story.append(para("No further conditions are needed.", s.body))
    story += [*heading("6. Success measures and review", s), *bullets(f.success_measures, s)]
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
        para(f"<b>The Board is asked to {esc(a.board_ask)}.</b>", s.body, markup=True),
    ]
    if a.safeguards:
        closing.append(
            para(
                "The conditions and safeguards in section 5 form part of this "
                "recommendation; progress against them should be reported by the "
                f"review date ({esc(long_date(f.review_date))}).",
                s.body,
                markup=True,
            )
        )
    story.append(KeepTogether(closing))
    return story
