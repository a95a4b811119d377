"""Fire a decision table on one set of answers: every rule whose condition holds fires,
and they must agree.  The rest of the engine (the assessment, the counterfactual search)
builds on this, so it sits below both of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ..domain.rulebook import Factor, RatingRule, Rule, Rulebook, StanceRule
from .conditions import Context, EngineError, Scales, holds


class Outcome(NamedTuple):
    """The rules that fired in one decision table and the single outcome they agree on."""

    rules: tuple[Rule, ...]
    outcome: str


def run_table(
    rules: Sequence[RatingRule] | Sequence[StanceRule],
    ctx: Context,
    scales: Scales,
    where: str,
) -> Outcome:
    """Fire a decision table.  Every rule whose condition holds fires; they must agree.

    ``otherwise`` rules fire only when no other rule does.
    """
    fired: list[Rule] = [r for r in rules if r.when is not None and holds(r.when, ctx, scales)]
    if not fired:
        fired = [r for r in rules if r.otherwise]
    if not fired:
        raise EngineError(f"no rule in {where} covers these answers (run 'syslead rules check')")
    outcomes = {_outcome(r) for r in fired}
    if len(outcomes) > 1:
        ids = ", ".join(r.id for r in fired)
        raise EngineError(f"rules {ids} in {where} disagree (run 'syslead rules check')")
    return Outcome(tuple(fired), outcomes.pop())


def _outcome(rule: Rule) -> str:
    if isinstance(rule, RatingRule):
        return rule.rating
    assert isinstance(rule, StanceRule)
    return rule.stance


def missing_answers(rulebook: Rulebook, answers: Mapping[str, str]) -> list[str]:
    """Required questions with no valid answer, in rulebook order."""
    missing = []
    for question in rulebook.all_questions():
        chosen = answers.get(question.id)
        if question.required and (chosen is None or chosen not in question.option_ids()):
            missing.append(question.id)
    return missing


def rate_factor(factor: Factor, ctx: Context, scales: Scales) -> Outcome:
    return run_table(factor.rules, ctx, scales, f"factor '{factor.id}'")


def rate_all(rulebook: Rulebook, answers: Mapping[str, str], scales: Scales) -> dict[str, Outcome]:
    ctx = Context(answers=answers, ratings={})
    return {f.id: rate_factor(f, ctx, scales) for f in rulebook.factors}


def stance_of(
    rulebook: Rulebook, answers: Mapping[str, str], ratings: Mapping[str, str], scales: Scales
) -> Outcome:
    return run_table(rulebook.stance_rules, Context(answers, ratings), scales, "stance_rules")
