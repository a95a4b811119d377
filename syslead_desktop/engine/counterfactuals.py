"""'What would change this': the fewest answer changes that move the stance one step.

This is DEXi's plus-or-minus-one analysis applied to a single decision.  The search is
exact and works level by level, as the model does:

1. for each factor, the fewest changes to its own answers that give each rating, and the
   first of those changes in product order (questions in order, options in order);
2. every combination of a rating for each factor (reached by that change) and answers
   to the framing questions the stance rules read, priced by the changes it needs.

A candidate's cost is the number of answers it changes.  Candidates are taken by cost,
and among equal costs in product order (factors in rulebook order, ratings by id, options
in order); for each target stance the first few of the cheapest that reach it are kept.

The search runs on the rulebook's compiled tables (:mod:`.tables`): each table is worked
out over the classes of answers its conditions tell apart, so its cost follows what the
rules distinguish, not the number of answer combinations.  Changing an answer within its
class changes nothing, so a cheapest change moves every answer it touches to another
class, and the first option of that class in order stands for it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, NamedTuple

from ..domain.assessment import AnswerChange, Counterfactual, Counterfactuals
from ..domain.rulebook import Factor, Question, Rulebook
from .conditions import Context, EngineError, Scales
from .firing import run_table, stance_of
from .grid import Choices
from .tables import DecisionTable, TableInput, compiled_tables, stance_table

MAX_ALTERNATIVES = 3
MEMO_SIZE = 4096  # answer changes and per-factor results kept for the next search

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
    found, current = search(rulebook, answers, scales)
    return Counterfactuals(
        up=_best(rulebook, answers, found.get(current + 1, [])),
        down=_best(rulebook, answers, found.get(current - 1, [])),
    )


def _question_order(rulebook: Rulebook) -> Callable[[tuple[str, str]], int]:
    order = {q.id: i for i, q in enumerate(rulebook.all_questions())}
    return lambda change: order.get(change[0], len(order))


class _Axis(NamedTuple):
    """One input of a table as the search sees it for these answers."""

    here: int  # the value as it is
    classes: list[int | None]  # the cost of each class: that of its cheapest value
    cheapest: Choices  # the values that cost no more than the rest of their class
    possible: Choices  # every value that can be had (both in product order)


def _axis(inp: TableInput, costs: Sequence[int | None], order: Sequence[int], here: int) -> _Axis:
    """``costs``: the cost of each value (None: it cannot be had)."""
    classes: list[int | None] = []
    for members in inp.classes.members:
        found = [c for c in (costs[v] for v in members) if c is not None]
        classes.append(min(found) if found else None)
    of = inp.classes.of
    cheapest = [(v, of[v]) for v in order if costs[v] is not None and costs[v] == classes[of[v]]]
    possible = [(v, of[v]) for v in order if costs[v] is not None]
    return _Axis(here, classes, cheapest, possible)


def _answer_axis(
    inp: TableInput, question: Question, answers: Mapping[str, str], memo: dict[Hashable, Any]
) -> _Axis:
    """0 for the answer given, 1 for another if the question may change, else None."""
    given = answers.get(question.id)
    key = ("axis", question.id, given)
    found: _Axis | None = memo.get(key)
    if found is None:
        if given not in inp.values:
            if inp.classes.size > 1:
                raise EngineError(f"question {question.id!r} has no answer")
            return _Axis(0, [0], [(0, 0)], [(0, 0)])  # unanswered, and nothing reads it
        here = inp.values.index(given)
        movable = question.counterfactual
        costs = [0 if v == here else 1 if movable else None for v in range(len(inp.values))]
        found = memo[key] = _axis(inp, costs, range(len(inp.values)), here)
    return found


def _changes(
    inputs: Sequence[TableInput], combo: Sequence[int], answers: Mapping[str, str]
) -> Changes:
    chosen = ((i.id, i.values[v]) for i, v in zip(inputs, combo, strict=True))
    return tuple((qid, o) for qid, o in chosen if answers.get(qid, o) != o)


def _outcome_here(table: DecisionTable, axes: Sequence[_Axis]) -> str | None:
    """What the table gives for the values as they are (None for a gap or a clash)."""
    point = table.point([a.here for a in axes])
    for outcome, points in table.table.outcomes.items():
        if points >> point & 1:
            return outcome
    return None


def _cheapest(
    factor: Factor,
    table: DecisionTable,
    answers: Mapping[str, str],
    scales: Scales,
    memo: dict[Hashable, Any],
) -> tuple[dict[str, _Move], str]:
    """For each rating the factor can have, the first of its cheapest answer changes;
    and the rating as it is.  Kept for the next call with the same answers (the review
    page assesses after every change, and a change touches one factor)."""
    key = ("factor", factor.id, *(answers.get(q.id) for q in factor.questions))
    found: tuple[dict[str, _Move], str] | None = memo.get(key)
    if found is None:
        found = memo[key] = _work_out_cheapest(factor, table, answers, scales, memo)
    return found


def _work_out_cheapest(
    factor: Factor,
    table: DecisionTable,
    answers: Mapping[str, str],
    scales: Scales,
    memo: dict[Hashable, Any],
) -> tuple[dict[str, _Move], str]:
    axes = [
        _answer_axis(i, q, answers, memo)
        for i, q in zip(table.inputs, factor.questions, strict=True)
    ]
    # Like trying every combination of the answers that may change, in product order, and
    # stopping at the first with a gap or a clash (the answers as they are among them).
    if table.table.faulty:
        for fault in table.grid.firsts(table.table.faulty, [a.possible for a in axes], 1):
            trial = {i.id: i.values[v] for i, v in zip(table.inputs, fault, strict=True)}
            run_table(factor.rules, Context({**answers, **trial}, {}), scales, table.where)
    levels = table.grid.levels([a.classes for a in axes])
    choices = [a.cheapest for a in axes]
    now = _outcome_here(table, axes)
    assert now is not None, "a gap or a clash here was reported above"
    best: dict[str, _Move] = {now: _Move(0, ())}
    for rating, points in table.table.outcomes.items():
        for cost in range(1, len(levels)):
            hit = levels[cost] & points
            if hit and rating != now:
                combo = table.grid.firsts(hit, choices, 1)[0]
                best[rating] = _Move(cost, _changes(table.inputs, combo, answers))
                break
    return best, now


def _first_fault(
    table: DecisionTable, levels: Sequence[int], choices: Sequence[Choices], upto: int
) -> tuple[int, ...] | None:
    """The first candidate, by cost and then in product order, among those costing 1 to
    ``upto`` where the table has a gap or a clash (None if there is none).  A cheapest
    faulty candidate changes nothing within a class, so ``choices`` are the cheapest."""
    for cost in range(1, min(upto, len(levels) - 1) + 1):
        hit = levels[cost] & table.table.faulty
        if hit:
            return table.grid.firsts(hit, choices, 1)[0]
    return None


def search(rulebook: Rulebook, answers: Mapping[str, str], scales: Scales) -> tuple[Found, int]:
    """The cheapest candidates for each stance one step from the current one, and the
    current stance's rank."""
    tables = compiled_tables(rulebook)
    memo = tables.memo
    if len(memo) > MEMO_SIZE:
        memo.clear()
    cheapest: list[dict[str, _Move]] = []
    ratings_now: dict[str, str] = {}
    for factor, factor_table in zip(rulebook.factors, tables.factors, strict=True):
        moves, ratings_now[factor.id] = _cheapest(factor, factor_table, answers, scales, memo)
        cheapest.append(moves)
    framing = tables.framing
    table = tables.stance
    if table is None:  # the stance rules read answers of their own: the current ones
        constants = {
            k: answers[k[1]] for k in tables.outside if k[0] == "question" and k[1] in answers
        }
        table = stance_table(rulebook, scales, constants)

    axes: list[_Axis] = []
    rating_ids = rulebook.rating_ids()
    by_id = sorted(range(len(rating_ids)), key=lambda r: rating_ids[r])
    frame = len(cheapest)
    for inp, moves, factor in zip(table.inputs[:frame], cheapest, rulebook.factors, strict=True):
        costs = [moves[r].cost if r in moves else None for r in rating_ids]
        axes.append(_axis(inp, costs, by_id, rating_ids.index(ratings_now[factor.id])))
    for inp, question in zip(table.inputs[frame:], framing, strict=True):
        axes.append(_answer_axis(inp, question, answers, memo))
    now = _outcome_here(table, axes)
    if now is None:  # a gap or a clash: say so as the evaluator does
        stance_of(rulebook, answers, ratings_now, scales)
    assert now is not None
    current = scales.stance_ranks[now]
    class_costs = [a.classes for a in axes]

    stance_ids = rulebook.stance_ids()
    targets = [t for t in (current + 1, current - 1) if 0 <= t < len(stance_ids)]
    most = sum(max((c for c in costs if c is not None), default=0) for costs in class_costs)
    cap = 2
    while True:  # levels up to a cap, raised until every target is reached or none can be
        levels = table.grid.levels(class_costs, cap)
        reached: dict[int, tuple[int, int]] = {}  # target -> (lowest cost, the points there)
        for target in targets:
            points = table.table.outcomes.get(stance_ids[target], 0)
            for cost in range(1, len(levels)):
                if levels[cost] & points:
                    reached[target] = (cost, levels[cost] & points)
                    break
        if len(reached) == len(targets) or cap >= most:
            break
        cap *= 2
    choices = [a.cheapest for a in axes]
    # Like trying the candidates by cost, up to the dearest target, and stopping at the
    # first with a gap or a clash in the stance table.
    upto = max(c for c, _p in reached.values()) if len(reached) == len(targets) else most
    fault = _first_fault(table, levels, choices, upto)
    if fault is not None:
        values = [i.values[v] for i, v in zip(table.inputs, fault, strict=True)]
        ratings = dict(zip((f.id for f in rulebook.factors), values[:frame], strict=True))
        trial = {**answers, **dict(zip((q.id for q in framing), values[frame:], strict=True))}
        stance_of(rulebook, trial, ratings, scales)
    order = _question_order(rulebook)
    found: Found = {}
    for target, (cost, points) in reached.items():
        kept: dict[Changes, None] = {}
        for combo in table.grid.firsts(points, choices, MAX_ALTERNATIVES):
            moved = (
                *_changes(table.inputs[frame:], combo[frame:], answers),
                *(
                    change
                    for moves, rating in zip(cheapest, combo[:frame], strict=True)
                    for change in moves[rating_ids[rating]].changes
                ),
            )
            kept[tuple(sorted(moved, key=order))] = None
        found[target] = [(cost, changes, stance_ids[target]) for changes in kept]
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
