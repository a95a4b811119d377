"""The counterfactual search as it was before #19, one candidate at a time: every answer
combination of each factor is rated with the plain evaluator, then every combination of
ratings and framing answers is tried in order of cost.  Kept as a test oracle for small
rulebooks (it grows with every answer combination); the product searches on classes
(``syslead_desktop.engine.counterfactuals``)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from syslead_desktop.domain.assessment import Counterfactuals
from syslead_desktop.domain.rulebook import Question, Rulebook
from syslead_desktop.engine.conditions import Context, Scales
from syslead_desktop.engine.counterfactuals import Found, _best, _Move, _question_order
from syslead_desktop.engine.firing import rate_factor, stance_of
from syslead_desktop.engine.tables import stance_questions


def counterfactuals_by_enumeration(
    rulebook: Rulebook, answers: Mapping[str, str]
) -> Counterfactuals:
    found, current = _search_plainly(rulebook, answers, Scales.of(rulebook))
    return Counterfactuals(
        up=_best(rulebook, answers, found.get(current + 1, [])),
        down=_best(rulebook, answers, found.get(current - 1, [])),
    )


def _combinations(
    questions: Sequence[Question], answers: Mapping[str, str]
) -> list[tuple[dict[str, str], _Move]]:
    """Every answer combination over ``questions`` with its change cost from ``answers``."""
    free = [q for q in questions if q.counterfactual]
    fixed = {q.id: answers[q.id] for q in questions if not q.counterfactual}
    result = []
    for combo in itertools.product(*(q.option_ids() for q in free)):
        chosen = dict(zip((q.id for q in free), combo, strict=True))
        changes = tuple((qid, opt) for qid, opt in chosen.items() if answers[qid] != opt)
        result.append(({**fixed, **chosen}, _Move(len(changes), changes)))
    return result


def _search_plainly(
    rulebook: Rulebook, answers: Mapping[str, str], scales: Scales
) -> tuple[Found, int]:
    """The same search, trying each candidate in turn with the plain evaluator."""
    factor_ids = [f.id for f in rulebook.factors]
    cheapest: dict[str, dict[str, _Move]] = {}
    for factor in rulebook.factors:
        best_move: dict[str, _Move] = {}
        for combo, move in _combinations(factor.questions, answers):
            rating = rate_factor(factor, Context(combo, {}), scales).outcome
            if rating not in best_move or move.cost < best_move[rating].cost:
                best_move[rating] = move
        cheapest[factor.id] = best_move
    framing_questions = stance_questions(rulebook)
    framing = _combinations(framing_questions, answers)
    current_ratings = {
        f.id: rate_factor(f, Context(answers, {}), scales).outcome for f in rulebook.factors
    }
    current = scales.stance_ranks[stance_of(rulebook, answers, current_ratings, scales).outcome]

    found: Found = {}
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
    stances: dict[tuple[str, ...], str] = {}
    for cost, picks, framing_answers, framing_move in candidates:
        if best.keys() == targets and cost > max(best.values()):
            break
        ratings = {fid: rating for fid, (rating, _m) in zip(factor_ids, picks, strict=True)}
        key = (*ratings.values(), *framing_answers.values())
        stance = stances.get(key)
        if stance is None:
            trial = {**answers, **framing_answers}
            stance = stances[key] = stance_of(rulebook, trial, ratings, scales).outcome
        rank = scales.stance_ranks[stance]
        if rank not in targets or cost > best.get(rank, cost):
            continue
        best[rank] = cost
        changes = tuple(
            sorted((*framing_move.changes, *(c for _r, m in picks for c in m.changes)), key=order)
        )
        found.setdefault(rank, []).append((cost, changes, stance))
    return found, current
