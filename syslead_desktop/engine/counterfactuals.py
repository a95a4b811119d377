"""'What would change this': the fewest answer changes that move the stance one step.

This is DEXi's plus-or-minus-one analysis applied to a single decision.  The search is
exact and works level by level, as the model does:

1. for each factor, the fewest changes to its own answers that give each rating;
2. for the framing questions the stance rules look at, every combination and its cost;
3. every combination of factor ratings and framing answers, priced by (1) and (2).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..domain.assessment import AnswerChange, Counterfactual, Counterfactuals
from ..domain.conditions import QuestionIs
from ..domain.rulebook import Factor, Question, Rulebook
from .conditions import Context, EngineError, Scales, atoms
from .evaluate import rate_factor, stance_of

MAX_ALTERNATIVES = 3
MAX_COMBINATIONS = 250_000


@dataclass(frozen=True)
class _Move:
    cost: int
    changes: tuple[tuple[str, str], ...]  # (question id, new option id)


def _combinations(
    questions: Sequence[Question], answers: Mapping[str, str]
) -> list[tuple[dict[str, str], _Move]]:
    """Every answer combination over ``questions`` with its change cost from ``answers``."""
    free = [q for q in questions if q.counterfactual]
    fixed = {q.id: answers[q.id] for q in questions if not q.counterfactual}
    size = 1
    for q in free:
        size *= len(q.options)
    if size > MAX_COMBINATIONS:
        raise EngineError("too many answer combinations to search for counterfactuals")
    result = []
    for combo in itertools.product(*(q.option_ids() for q in free)):
        chosen = dict(zip((q.id for q in free), combo, strict=True))
        changes = tuple((qid, opt) for qid, opt in chosen.items() if answers[qid] != opt)
        result.append(({**fixed, **chosen}, _Move(len(changes), changes)))
    return result


class _Memo:
    """Ratings and stances depend only on their inputs, so they are worked out once per
    rulebook and reused: the live review page asks again after every change."""

    def __init__(self) -> None:
        self._books: dict[int, tuple[Rulebook, dict[tuple[str, ...], str]]] = {}

    def table(self, rulebook: Rulebook) -> dict[tuple[str, ...], str]:
        entry = self._books.get(id(rulebook))
        if entry is None or entry[0] is not rulebook:
            if len(self._books) >= 4:
                self._books.pop(next(iter(self._books)))
            entry = (rulebook, {})
            self._books[id(rulebook)] = entry
        return entry[1]


_MEMO = _Memo()


def _rating(rulebook: Rulebook, factor: Factor, combo: Mapping[str, str], scales: Scales) -> str:
    table = _MEMO.table(rulebook)
    key = ("factor", factor.id, *(combo[q.id] for q in factor.questions))
    found = table.get(key)
    if found is None:
        found = table[key] = rate_factor(factor, Context(combo, {}), scales).outcome
    return found


def _stance(
    rulebook: Rulebook,
    answers: Mapping[str, str],
    ratings: Mapping[str, str],
    scales: Scales,
    framing: Sequence[Question],
) -> str:
    table = _MEMO.table(rulebook)
    key = ("stance", *(ratings[f.id] for f in rulebook.factors), *(answers[q.id] for q in framing))
    found = table.get(key)
    if found is None:
        found = table[key] = stance_of(rulebook, answers, ratings, scales).outcome
    return found


def _cheapest_per_rating(
    rulebook: Rulebook, answers: Mapping[str, str], scales: Scales
) -> dict[str, dict[str, _Move]]:
    cheapest: dict[str, dict[str, _Move]] = {}
    for factor in rulebook.factors:
        best: dict[str, _Move] = {}
        for combo, move in _combinations(factor.questions, answers):
            rating = _rating(rulebook, factor, combo, scales)
            if rating not in best or move.cost < best[rating].cost:
                best[rating] = move
        cheapest[factor.id] = best
    return cheapest


def _stance_framing_questions(rulebook: Rulebook) -> list[Question]:
    referenced = {
        a.question
        for rule in rulebook.stance_rules
        if rule.when is not None
        for a in atoms(rule.when)
        if isinstance(a, QuestionIs)
    }
    return [q for q in rulebook.framing.questions if q.id in referenced]


def find_counterfactuals(
    rulebook: Rulebook, answers: Mapping[str, str], scales: Scales
) -> Counterfactuals:
    factor_ids = [f.id for f in rulebook.factors]
    cheapest = _cheapest_per_rating(rulebook, answers, scales)
    framing_questions = _stance_framing_questions(rulebook)
    framing = _combinations(framing_questions, answers)
    current_ratings = {
        f.id: rate_factor(f, Context(answers, {}), scales).outcome for f in rulebook.factors
    }
    current = scales.stance_ranks[stance_of(rulebook, answers, current_ratings, scales).outcome]

    found: dict[int, list[tuple[int, tuple[tuple[str, str], ...], str]]] = {}
    targets = {t for t in (current + 1, current - 1) if 0 <= t < len(rulebook.stances)}
    rating_choices = [sorted(cheapest[fid].items()) for fid in factor_ids]
    # Price every candidate first (cheap), then evaluate the stance in order of cost and
    # stop once every target has been reached and only dearer candidates remain.
    candidates = []
    for picks in itertools.product(*rating_choices):
        factor_cost = sum(move.cost for _rating, move in picks)
        for framing_answers, framing_move in framing:
            cost = factor_cost + framing_move.cost
            if cost:
                candidates.append((cost, picks, framing_answers, framing_move))
    candidates.sort(key=lambda c: c[0])
    best: dict[int, int] = {}
    order = _question_order(rulebook)
    for cost, picks, framing_answers, framing_move in candidates:
        if best.keys() == targets and cost > max(best.values()):
            break
        ratings = {fid: rating for fid, (rating, _m) in zip(factor_ids, picks, strict=True)}
        trial = {**answers, **framing_answers}
        stance = _stance(rulebook, trial, ratings, scales, framing_questions)
        rank = scales.stance_ranks[stance]
        if rank not in targets or cost > best.get(rank, cost):
            continue
        best[rank] = cost
        changes = tuple(
            sorted((*framing_move.changes, *(c for _r, m in picks for c in m.changes)), key=order)
        )
        found.setdefault(rank, []).append((cost, changes, stance))

    return Counterfactuals(
        up=_best(rulebook, answers, found.get(current + 1, [])),
        down=_best(rulebook, answers, found.get(current - 1, [])),
    )


def _question_order(rulebook: Rulebook):  # type: ignore[no-untyped-def]
    order = {q.id: i for i, q in enumerate(rulebook.all_questions())}
    return lambda change: order.get(change[0], len(order))


def _best(
    rulebook: Rulebook,
    answers: Mapping[str, str],
    candidates: list[tuple[int, tuple[tuple[str, str], ...], str]],
) -> list[Counterfactual]:
    if not candidates:
        return []
    lowest = min(cost for cost, _c, _s in candidates)
    unique: dict[tuple[tuple[str, str], ...], str] = {}
    for cost, changes, stance in candidates:
        if cost == lowest and changes not in unique:
            unique[changes] = stance
    result = []
    for changes, stance in list(unique.items())[:MAX_ALTERNATIVES]:
        stance_def = rulebook.stance(stance)
        result.append(
            Counterfactual(
                stance=stance,
                stance_label=stance_def.label,
                stance_rank=rulebook.stance_ids().index(stance),
                changes=[_change(rulebook, answers, qid, opt) for qid, opt in changes],
            )
        )
    return result


def _change(rulebook: Rulebook, answers: Mapping[str, str], qid: str, opt: str) -> AnswerChange:
    question = rulebook.questions_by_id[qid]
    before = answers[qid]
    return AnswerChange(
        question=qid,
        question_text=question.text,
        from_answer=before,
        from_label=question.option(before).label,
        to_answer=opt,
        to_label=question.option(opt).label,
    )
