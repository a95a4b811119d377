"""'What would change this': the fewest answer changes that move the stance one step.

This is DEXi's plus-or-minus-one analysis applied to a single decision.  The search is
exact and works level by level, as the model does:

1. for each factor, the fewest changes to its own answers that give each rating;
2. for the framing questions the stance rules look at, every combination and its cost;
3. every combination of factor ratings and framing answers, priced by (1) and (2).

A candidate is one rating for each factor (reached by its cheapest change) and one
answer to each framing question.  Candidates are taken by cost, and among equal costs in
product order (factors in rulebook order, ratings by id, options in order); for each
target stance the first few of the cheapest that reach it are kept.

The search runs on grids (:mod:`.grid`): every table is worked out for all its inputs at
once and the candidates of each cost are a set, so the answer costs a few hundred integer
operations.  A rulebook the grid cannot follow exactly (one that ``syslead rules check``
would fault) takes the plain path, which tries the candidates one by one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from ..domain.assessment import AnswerChange, Counterfactual, Counterfactuals
from ..domain.conditions import QuestionIs
from ..domain.rulebook import Factor, Question, Rulebook
from .conditions import Context, EngineError, PerRulebook, Scales, atoms
from .firing import rate_factor, stance_of
from .grid import Axis, Grid, Table, Unsupported, lowest

MAX_ALTERNATIVES = 3
MAX_COMBINATIONS = 250_000

Changes = tuple[tuple[str, str], ...]  # (question id, new option id)
#: Per target stance rank: (cost, changes, stance) for the cheapest candidates, in order.
Found = dict[int, list[tuple[int, Changes, str]]]


class _Move(NamedTuple):
    cost: int
    changes: Changes


def find_counterfactuals(
    rulebook: Rulebook, answers: Mapping[str, str], scales: Scales
) -> Counterfactuals:
    """The cheapest ways one step up and one step down.  ``scales`` is ``Scales.of(rulebook)``."""
    try:
        found, current = _search_grids(rulebook, answers)
    except Unsupported:
        found, current = _search_plainly(rulebook, answers, scales)
    return Counterfactuals(
        up=_best(rulebook, answers, found.get(current + 1, [])),
        down=_best(rulebook, answers, found.get(current - 1, [])),
    )


def _stance_framing_questions(rulebook: Rulebook) -> list[Question]:
    referenced = {
        a.question
        for rule in rulebook.stance_rules
        if rule.when is not None
        for a in atoms(rule.when)
        if isinstance(a, QuestionIs)
    }
    return [q for q in rulebook.framing.questions if q.id in referenced]


def _question_order(rulebook: Rulebook) -> Callable[[tuple[str, str]], int]:
    order = {q.id: i for i, q in enumerate(rulebook.all_questions())}
    return lambda change: order.get(change[0], len(order))


# ---- on grids ---------------------------------------------------------------------------


class _FactorGrid(NamedTuple):
    factor: Factor
    grid: Grid  # one axis a question of the factor
    table: Table  # its rating at every point


class _Grids(NamedTuple):
    """Everything about a rulebook the search needs that does not depend on the answers."""

    factors: tuple[_FactorGrid, ...]
    ratings: tuple[str, ...]  # a factor axis of the stance grid: rating ids, sorted
    framing: tuple[Question, ...]  # the framing questions the stance rules read
    stance: Grid  # one axis a factor, then one a framing question
    stance_table: Table
    stance_ids: tuple[str, ...]
    order: Callable[[tuple[str, str]], int]


def _question_axis(question: Question) -> Axis:
    ids = tuple(question.option_ids())
    return Axis("question", question.id, ids, {o: i for i, o in enumerate(ids)})


def _build_grids(rulebook: Rulebook) -> _Grids:
    """Raises :class:`Unsupported` for what the grids cannot follow exactly."""
    stance_ids = tuple(rulebook.stance_ids())
    rating_ids = rulebook.rating_ids()
    if (
        len(set(stance_ids)) != len(stance_ids)
        or len(set(rating_ids)) != len(rating_ids)
        or len(rulebook.questions_by_id) != len(rulebook.all_questions())
        or any(r.stance not in stance_ids for r in rulebook.stance_rules)
    ):
        raise Unsupported("repeated ids or an unknown stance")
    factors = []
    for factor in rulebook.factors:
        grid = Grid([_question_axis(q) for q in factor.questions])
        factors.append(_FactorGrid(factor, grid, grid.table(factor.rules)))
    ratings = tuple(sorted(rating_ids))
    rating_ranks = {r: i for i, r in enumerate(rating_ids)}
    framing = tuple(_stance_framing_questions(rulebook))
    stance = Grid(
        [
            *(Axis("factor", f.id, ratings, rating_ranks) for f in rulebook.factors),
            *(_question_axis(q) for q in framing),
        ]
    )
    return _Grids(
        tuple(factors),
        ratings,
        framing,
        stance,
        stance.table(rulebook.stance_rules),
        stance_ids,
        _question_order(rulebook),
    )


def _grids_or_none(rulebook: Rulebook) -> _Grids | None:
    try:
        return _build_grids(rulebook)
    except Unsupported:
        return None


_GRIDS = PerRulebook(_grids_or_none)


def _costs(questions: Sequence[Question], answers: Mapping[str, str]) -> list[list[int | None]]:
    """The cost of each option: 0 for the answer given, 1 for another (``None`` where the
    question may not change)."""
    costs: list[list[int | None]] = []
    size = 1
    for q in questions:
        ids = q.option_ids()
        given = answers.get(q.id)
        if given not in ids:
            raise Unsupported(f"no valid answer to {q.id!r}")
        costs.append([0 if o == given else 1 if q.counterfactual else None for o in ids])
        size *= len(ids) if q.counterfactual else 1
    if size > MAX_COMBINATIONS:
        raise Unsupported("too many answer combinations")
    return costs


def _changes(
    questions: Sequence[Question], coordinates: Sequence[int], answers: Mapping[str, str]
) -> Changes:
    chosen = ((q.id, q.options[c].id) for q, c in zip(questions, coordinates, strict=True))
    return tuple((qid, option) for qid, option in chosen if option != answers[qid])


def _cheapest(entry: _FactorGrid, answers: Mapping[str, str]) -> dict[str, _Move]:
    """For each rating the factor can have, the first of its cheapest answer changes."""
    questions = entry.factor.questions
    levels = entry.grid.levels(_costs(questions, answers))
    reachable = 0
    for level in levels:
        reachable |= level
    if entry.table.faulty & reachable:
        raise Unsupported("the factor's table has a gap or a clash")
    best: dict[str, _Move] = {}
    for rating, points in entry.table.outcomes.items():
        for cost, level in enumerate(levels):
            hit = level & points
            if hit:
                where = entry.grid.coordinates(lowest(hit))
                best[rating] = _Move(cost, _changes(questions, where, answers))
                break
    return best


def _search_grids(rulebook: Rulebook, answers: Mapping[str, str]) -> tuple[Found, int]:
    grids = _GRIDS(rulebook)
    if grids is None:
        raise Unsupported("the rulebook takes the plain path")
    cheapest = [_cheapest(entry, answers) for entry in grids.factors]
    position = {r: i for i, r in enumerate(grids.ratings)}
    costs: list[list[int | None]] = []
    here = []
    for moves in cheapest:
        if not moves.keys() <= position.keys():
            raise Unsupported("a factor gives an unknown rating")
        costs.append([moves[r].cost if r in moves else None for r in grids.ratings])
        here.append(next(position[r] for r, m in moves.items() if m.cost == 0))
    framing_costs = _costs(grids.framing, answers)
    costs.extend(framing_costs)
    here.extend(c.index(0) for c in framing_costs)

    table, grid = grids.stance_table, grids.stance
    start = grid.point(here)
    if table.faulty >> start & 1:
        raise Unsupported("the stance table has a gap or a clash")
    current = next(
        grids.stance_ids.index(s) for s, points in table.outcomes.items() if points >> start & 1
    )
    targets = [t for t in (current + 1, current - 1) if 0 <= t < len(grids.stance_ids)]
    levels = grid.levels(costs)
    reached: dict[int, tuple[int, int]] = {}  # target -> (lowest cost, the points there)
    tried = 0
    for cost in range(1, len(levels)):
        if len(reached) == len(targets):
            break
        tried |= levels[cost]
        for target in targets:
            if target not in reached:
                hit = levels[cost] & table.outcomes.get(grids.stance_ids[target], 0)
                if hit:
                    reached[target] = (cost, hit)
    if table.faulty & tried:
        raise Unsupported("the stance table has a gap or a clash")

    frame = len(cheapest)
    found: Found = {}
    for target, (cost, points) in reached.items():
        stance = grids.stance_ids[target]
        kept: dict[Changes, None] = {}
        while points and len(kept) < MAX_ALTERNATIVES:
            where = grid.coordinates(lowest(points))
            points &= points - 1
            moved = (
                *_changes(grids.framing, where[frame:], answers),
                *(
                    change
                    for moves, rating in zip(cheapest, where[:frame], strict=True)
                    for change in moves[grids.ratings[rating]].changes
                ),
            )
            kept[tuple(sorted(moved, key=grids.order))] = None
        found[target] = [(cost, changes, stance) for changes in kept]
    return found, current


# ---- one candidate at a time ----------------------------------------------------------


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
    framing_questions = _stance_framing_questions(rulebook)
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


# ---- the result -------------------------------------------------------------------------


def _best(
    rulebook: Rulebook,
    answers: Mapping[str, str],
    candidates: list[tuple[int, Changes, str]],
) -> list[Counterfactual]:
    if not candidates:
        return []
    lowest_cost = min(cost for cost, _c, _s in candidates)
    unique: dict[Changes, str] = {}
    for cost, changes, stance in candidates:
        if cost == lowest_cost and changes not in unique:
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
