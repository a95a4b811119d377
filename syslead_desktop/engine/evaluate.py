"""Apply a rulebook to a set of answers: factor ratings, stance, safeguards, reasons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..domain.assessment import (
    Assessment,
    CitationOut,
    Counterfactuals,
    DesignOut,
    Driver,
    FactorResult,
    FiredRule,
    RulebookStamp,
    SafeguardOut,
)
from ..domain.conditions import QuestionIs
from ..domain.rulebook import Citation, DesignBasis, Factor, Rulebook
from .conditions import Context, EngineError, Scales, holds, reasons
from .counterfactuals import find_counterfactuals
from .firing import Outcome, missing_answers, rate_all, rate_factor, stance_of

__all__ = ["assess", "citations", "missing_answers", "rate_all", "rate_factor", "stance_of"]


def citations(rulebook: Rulebook, cites: Sequence[Citation]) -> list[CitationOut]:
    return [
        CitationOut(source=c.source, locator=c.locator, text=rulebook.cite_text(c)) for c in cites
    ]


def design_of(rulebook: Rulebook, design: DesignBasis | None) -> DesignOut | None:
    if design is None:
        return None
    return DesignOut(
        builds_on=design.builds_on,
        citations=citations(rulebook, design.cite),
        rationale=design.rationale,
        text=rulebook.design_text(design),
    )


def _drivers(
    rulebook: Rulebook, factor: Factor, outcome: Outcome, ctx: Context, scales: Scales
) -> list[Driver]:
    question_ids: list[str] = []
    for rule in outcome.rules:
        if rule.when is None:
            continue
        for atom in reasons(rule.when, ctx, scales):
            if isinstance(atom, QuestionIs) and atom.question not in question_ids:
                question_ids.append(atom.question)
    if not question_ids:  # an 'otherwise' rule: the answers that kept the others from firing
        question_ids = _pivotal_questions(rulebook, factor, outcome.outcome, ctx, scales)
    order = {q.id: i for i, q in enumerate(factor.questions)}
    question_ids.sort(key=lambda q: order.get(q, len(order)))
    result = []
    for qid in question_ids:
        question = rulebook.questions_by_id[qid]
        answer = ctx.answers[qid]
        result.append(
            Driver(
                question=qid,
                question_text=question.text,
                answer=answer,
                answer_label=question.option(answer).label,
            )
        )
    return result


def _pivotal_questions(
    rulebook: Rulebook, factor: Factor, rating: str, ctx: Context, scales: Scales
) -> list[str]:
    """For a rating given by an 'otherwise' rule: the answers that hold it where it is.

    First the answers holding it back: where a better answer on its own would raise the
    rating. At the top of the scale, or where no single answer would, the answers holding
    it up: where a worse answer on its own would lower it. Failing both, the answers that
    are not yet the best their question offers; and only if every answer is, all of them.
    """
    ranks = scales.rating_ranks
    here = ranks[rating]
    top = here == len(ranks) - 1
    raising: list[str] = []
    lowering: list[str] = []
    not_best: list[str] = []
    for question in factor.questions:
        options = scales.question_ranks[question.id]
        chosen = ctx.answers.get(question.id)
        if chosen is None:
            continue
        if options[chosen] < len(options) - 1:
            not_best.append(question.id)
        for option, rank in options.items():
            if option == chosen:
                continue
            trial = Context({**ctx.answers, question.id: option}, {})
            moved = ranks[rate_factor(factor, trial, scales).outcome]
            if rank > options[chosen] and moved > here and question.id not in raising:
                raising.append(question.id)
            if rank < options[chosen] and moved < here and question.id not in lowering:
                lowering.append(question.id)
    if raising and not top:
        return raising
    if lowering and (top or not not_best):
        return lowering
    return not_best or lowering or [q.id for q in factor.questions]


def assess(
    rulebook: Rulebook,
    rulebook_hash: str,
    answers: Mapping[str, str],
    *,
    with_counterfactuals: bool = True,
) -> Assessment:
    """The full assessment of one decision.  ``answers`` must cover every required question."""
    missing = missing_answers(rulebook, answers)
    if missing:
        raise EngineError("unanswered: " + ", ".join(missing))
    scales = Scales.of(rulebook)
    outcomes = rate_all(rulebook, answers, scales)
    ratings = {fid: o.outcome for fid, o in outcomes.items()}
    stance = stance_of(rulebook, answers, ratings, scales)
    ctx = Context(answers, ratings, stance.outcome)

    factor_results = []
    fired: list[FiredRule] = []
    for factor in rulebook.factors:
        outcome = outcomes[factor.id]
        rating = rulebook.rating(outcome.outcome)
        first = outcome.rules[0]
        factor_results.append(
            FactorResult(
                id=factor.id,
                title=factor.title,
                rating=rating.id,
                rating_label=rating.label,
                rating_rank=scales.rating_ranks[rating.id],
                colour=rating.colour,
                rule=first.id,
                reason=first.reason,
                drivers=_drivers(rulebook, factor, outcome, ctx, scales),
            )
        )
        fired.extend(_fired(rulebook, outcome, f"factor:{factor.id}"))
    fired.extend(_fired(rulebook, stance, "stance"))

    safeguards = [
        SafeguardOut(
            id=s.id,
            text=s.text,
            owner=s.owner,
            timing=s.timing,
            reason=s.reason,
            citations=citations(rulebook, s.cite),
            design=design_of(rulebook, s.design),
        )
        for s in rulebook.safeguards
        if holds(s.when, ctx, scales)
    ]
    stance_def = rulebook.stance(stance.outcome)
    counterfactuals = (
        find_counterfactuals(rulebook, answers, scales)
        if with_counterfactuals
        else Counterfactuals(up=[], down=[])
    )
    return Assessment(
        rulebook=RulebookStamp(id=rulebook.id, version=rulebook.version, hash=rulebook_hash),
        stance=stance_def.id,
        stance_label=stance_def.label,
        stance_rank=scales.stance_ranks[stance_def.id],
        stance_count=len(rulebook.stances),
        stance_summary=stance_def.summary,
        board_ask=stance_def.board_ask,
        stance_rule=stance.rules[0].id,
        factors=factor_results,
        fired_rules=[r.id for r in fired],
        rules=fired,
        safeguards=safeguards,
        counterfactuals=counterfactuals,
    )


def _fired(rulebook: Rulebook, outcome: Outcome, level: str) -> list[FiredRule]:
    return [
        FiredRule(
            id=r.id,
            level=level,
            outcome=outcome.outcome,
            reason=r.reason,
            citations=citations(rulebook, r.cite),
            design=design_of(rulebook, r.design),
        )
        for r in outcome.rules
    ]
