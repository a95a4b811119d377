"""The review rules: what a review paper recommends (continue, change, stop...).

The rules read :class:`ReviewFacts`, a few counts from the review (how many measures
were met, how many actions are done or overdue, how many factors are rated lower now)
and the recommendation the answers give now. Like the rulebook's other tables, every
rule whose condition holds fires and they must agree; an ``otherwise`` rule fires when
no other does. Conditions are walked as data (domain/review.py), never run as code.

Each fact takes only a few values, so :func:`every_case` lists every combination a
review can produce, and ``syslead rules check`` proves the table complete (some rule
always fires) and consistent (the rules that fire always agree) over all of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import product
from typing import NamedTuple

from ..domain.conditions import StanceIs
from ..domain.review import (
    ACTION_STATES,
    FACTOR_MOVES,
    MEASURE_RESULTS,
    STANCE_MOVES,
    ActionsAre,
    FactorsAre,
    MeasuresAre,
    ReviewAll,
    ReviewAny,
    ReviewAtom,
    ReviewCondition,
    ReviewNot,
    StanceChange,
    amount,
)
from ..domain.rulebook import ReviewRule, ReviewRules, Rulebook
from .conditions import EngineError


class ReviewFacts(NamedTuple):
    """What the review rules can look at."""

    measures: Mapping[str, str]  # result (met, partly_met, not_met) -> none / some / all
    actions: Mapping[str, str]  # state (done, open, overdue, dropped) -> none / some / all
    factors: Mapping[str, str]  # worse / better -> none / some / all
    stance: str  # the recommendation the answers give now
    stance_change: str  # down / same / up, from the recommendation at the decision


def facts_of(
    measure_results: Sequence[str],
    action_states: Sequence[str],
    factor_moves: Sequence[str],
    stance_then: str,
    stance_now: str,
    stance_ids: Sequence[str],
) -> ReviewFacts:
    """The facts of one review, from each measure's result, each action's state, each
    factor's move (worse, same or better) and the stances then and now."""

    def amounts(values: Sequence[str], kinds: Sequence[str]) -> dict[str, str]:
        return {kind: amount(values.count(kind), len(values)) for kind in kinds}

    then, now = stance_ids.index(stance_then), stance_ids.index(stance_now)
    change = "down" if now < then else "up" if now > then else "same"
    return ReviewFacts(
        measures=amounts(measure_results, MEASURE_RESULTS),
        actions=amounts(action_states, ACTION_STATES),
        factors=amounts(factor_moves, FACTOR_MOVES),
        stance=stance_now,
        stance_change=change,
    )


def holds(condition: ReviewCondition, facts: ReviewFacts, stance_ids: Sequence[str]) -> bool:
    if isinstance(condition, ReviewAll):
        return all(holds(c, facts, stance_ids) for c in condition.all)
    if isinstance(condition, ReviewAny):
        return any(holds(c, facts, stance_ids) for c in condition.any)
    if isinstance(condition, ReviewNot):
        return not holds(condition.not_, facts, stance_ids)
    if isinstance(condition, MeasuresAre):
        return condition.accepts(facts.measures[condition.measures])
    if isinstance(condition, ActionsAre):
        return condition.accepts(facts.actions[condition.actions])
    if isinstance(condition, FactorsAre):
        return condition.accepts(facts.factors[condition.factors])
    if isinstance(condition, StanceChange):
        return condition.accepts(facts.stance_change)
    assert isinstance(condition, StanceIs)
    op, operand = condition.comparison
    if op == "is":
        return facts.stance == operand
    if op == "in":
        return facts.stance in operand
    rank, bound = stance_ids.index(facts.stance), stance_ids.index(str(operand))
    return rank >= bound if op == "at_least" else rank <= bound


def atoms(condition: ReviewCondition) -> Iterator[ReviewAtom]:
    """Every atom of a condition, in the order written."""
    if isinstance(condition, ReviewAll):
        for c in condition.all:
            yield from atoms(c)
    elif isinstance(condition, ReviewAny):
        for c in condition.any:
            yield from atoms(c)
    elif isinstance(condition, ReviewNot):
        yield from atoms(condition.not_)
    else:
        yield condition


class ReviewResult(NamedTuple):
    outcome: str
    rules: tuple[ReviewRule, ...]


def fire(review: ReviewRules, facts: ReviewFacts, stance_ids: Sequence[str]) -> ReviewResult:
    """Fire the review table on ``facts``; raises :class:`EngineError` when no rule covers
    them or the rules that fire disagree (``syslead rules check`` finds both first)."""
    fired = [r for r in review.rules if r.when is not None and holds(r.when, facts, stance_ids)]
    if not fired:
        fired = [r for r in review.rules if r.otherwise]
    if not fired:
        raise EngineError("no review rule covers this review (run 'syslead rules check')")
    outcomes = {r.outcome for r in fired}
    if len(outcomes) > 1:
        ids = ", ".join(r.id for r in fired)
        raise EngineError(f"review rules {ids} disagree (run 'syslead rules check')")
    return ReviewResult(outcomes.pop(), tuple(fired))


def review_outcome(rulebook: Rulebook, facts: ReviewFacts) -> ReviewResult:
    if rulebook.review is None:
        raise EngineError(f"rulebook {rulebook.id} {rulebook.version} has no review rules")
    return fire(rulebook.review, facts, rulebook.stance_ids())


# ---- every case a review can produce, for rules check -------------------------------------
def _patterns(kinds: Sequence[str], most: int) -> list[dict[str, str]]:
    """Every combination of amounts that some list of up to ``most`` items, each one of
    ``kinds``, gives (``most`` as large as ``kinds`` reaches them all)."""
    seen: dict[tuple[str, ...], dict[str, str]] = {}
    for n in range(most + 1):
        for items in product(kinds, repeat=n):
            found: dict[str, str] = {k: amount(items.count(k), n) for k in kinds}
            seen.setdefault(tuple(found.values()), found)
    return list(seen.values())


def _factor_patterns(factor_count: int) -> list[dict[str, str]]:
    """The amounts of factors rated worse and better: any split of ``factor_count``."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for worse in range(factor_count + 1):
        for better in range(factor_count + 1 - worse):
            found: dict[str, str] = {
                "worse": amount(worse, factor_count),
                "better": amount(better, factor_count),
            }
            seen.setdefault((found["worse"], found["better"]), found)
    return list(seen.values())


def every_case(
    rulebook: Rulebook, read: Sequence[tuple[str, str]] | None = None
) -> Iterator[tuple[ReviewFacts, str]]:
    """Every distinct set of facts a review can give, with the stance at the decision.

    ``read``: the facts the rules read (``("measures", "met")``, ``("stance", "")``...);
    cases that differ only in facts no rule reads are given once."""
    stances = rulebook.stance_ids()

    def told_apart(kind: str, patterns: list[dict[str, str]]) -> list[dict[str, str]]:
        if read is None:
            return patterns
        keys = [key for name, key in read if name == kind]
        seen: dict[tuple[str, ...], dict[str, str]] = {}
        for pattern in patterns:
            seen.setdefault(tuple(pattern[k] for k in keys), pattern)
        return list(seen.values())

    measures = told_apart("measures", _patterns(MEASURE_RESULTS, len(MEASURE_RESULTS)))
    actions = told_apart("actions", _patterns(ACTION_STATES, len(ACTION_STATES)))
    factors = told_apart("factors", _factor_patterns(len(rulebook.factors)))
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    for then, now in product(stances, stances):
        rank_then, rank_now = stances.index(then), stances.index(now)
        change = STANCE_MOVES[(rank_now > rank_then) - (rank_now < rank_then) + 1]
        key = (
            now if read is None or ("stance", "") in read else "",
            change if read is None or ("stance_change", "") in read else "",
        )
        pairs.setdefault(key, (then, now))
    for m, a, f, (then, now) in product(measures, actions, factors, pairs.values()):
        rank_then, rank_now = stances.index(then), stances.index(now)
        change = STANCE_MOVES[(rank_now > rank_then) - (rank_now < rank_then) + 1]
        yield ReviewFacts(m, a, f, now, change), then


def describe(facts: ReviewFacts, then: str) -> str:
    """A case in words, for a rules check finding."""

    def part(name: str, values: Mapping[str, str]) -> str:
        return f"{name} " + ", ".join(f"{k} {v}" for k, v in values.items())

    return "; ".join(
        [
            part("measures", facts.measures),
            part("actions", facts.actions),
            part("factors", facts.factors),
            f"stance {then} -> {facts.stance} ({facts.stance_change})",
        ]
    )
