"""Walk declarative conditions.  Nothing from YAML is ever run as code."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..domain.conditions import (
    AllOf,
    AnyOf,
    Atom,
    Condition,
    CountOf,
    FactorIs,
    NotOf,
    QuestionIs,
    StanceIs,
)
from ..domain.rulebook import Rulebook


class EngineError(Exception):
    """The rulebook could not give an answer (run ``syslead rules check`` to see why)."""


@dataclass(frozen=True)
class Scales:
    """Rank look-ups for every ordered scale in a rulebook."""

    question_ranks: Mapping[str, Mapping[str, int]]
    rating_ranks: Mapping[str, int]
    stance_ranks: Mapping[str, int]

    @classmethod
    def of(cls, rulebook: Rulebook) -> Scales:
        return cls(
            question_ranks={
                q.id: {o.id: i for i, o in enumerate(q.options)} for q in rulebook.all_questions()
            },
            rating_ranks={r.id: i for i, r in enumerate(rulebook.ratings)},
            stance_ranks={s.id: i for i, s in enumerate(rulebook.stances)},
        )


@dataclass
class Context:
    """What a condition can look at: answers, derived factor ratings and the stance."""

    answers: Mapping[str, str]
    ratings: Mapping[str, str]
    stance: str | None = None


def _compare(op: str, operand: str | list[str], value: str, ranks: Mapping[str, int]) -> bool:
    if op == "is":
        return value == operand
    if op == "in":
        return value in operand
    assert isinstance(operand, str)
    try:
        have, bound = ranks[value], ranks[operand]
    except KeyError as exc:
        raise EngineError(f"unknown value {exc.args[0]!r} in a comparison") from None
    return have >= bound if op == "at_least" else have <= bound


def atom_holds(atom: Atom, ctx: Context, scales: Scales) -> bool:
    op, operand = atom.comparison
    if isinstance(atom, QuestionIs):
        value = ctx.answers.get(atom.question)
        if value is None:
            raise EngineError(f"question {atom.question!r} has no answer")
        return _compare(op, operand, value, scales.question_ranks.get(atom.question, {}))
    if isinstance(atom, FactorIs):
        value = ctx.ratings.get(atom.factor)
        if value is None:
            raise EngineError(f"factor {atom.factor!r} has no rating yet")
        return _compare(op, operand, value, scales.rating_ranks)
    if ctx.stance is None:
        raise EngineError("the stance is not known yet")
    return _compare(op, operand, ctx.stance, scales.stance_ranks)


def holds(cond: Condition, ctx: Context, scales: Scales) -> bool:
    if isinstance(cond, AllOf):
        return all(holds(c, ctx, scales) for c in cond.all)
    if isinstance(cond, AnyOf):
        return any(holds(c, ctx, scales) for c in cond.any)
    if isinstance(cond, NotOf):
        return not holds(cond.not_, ctx, scales)
    if isinstance(cond, CountOf):
        true = sum(holds(c, ctx, scales) for c in cond.count)
        low_ok = cond.at_least is None or true >= cond.at_least
        return low_ok and (cond.at_most is None or true <= cond.at_most)
    return atom_holds(cond, ctx, scales)


def children(cond: Condition) -> Sequence[Condition]:
    if isinstance(cond, AllOf):
        return cond.all
    if isinstance(cond, AnyOf):
        return cond.any
    if isinstance(cond, NotOf):
        return [cond.not_]
    if isinstance(cond, CountOf):
        return cond.count
    return []


def atoms(cond: Condition) -> Iterator[Atom]:
    """Every atom in a condition, depth first."""
    if isinstance(cond, QuestionIs | FactorIs | StanceIs):
        yield cond
        return
    for child in children(cond):
        yield from atoms(child)


def reasons(cond: Condition, ctx: Context, scales: Scales, want: bool = True) -> list[Atom]:
    """The atoms that make ``cond`` evaluate to ``want``: the answers that drove it."""
    test: Callable[[Condition], bool] = lambda c: holds(c, ctx, scales)  # noqa: E731
    if isinstance(cond, QuestionIs | FactorIs | StanceIs):
        return [cond] if test(cond) == want else []
    if isinstance(cond, NotOf):
        return reasons(cond.not_, ctx, scales, not want)
    found: list[Atom] = []
    if isinstance(cond, AllOf | AnyOf):
        decisive = want if isinstance(cond, AllOf) else not want
        for child in children(cond):
            value = test(child)
            if decisive or value == want:
                found.extend(reasons(child, ctx, scales, value))
        return found
    assert isinstance(cond, CountOf)
    # "at least N" is decided by the children that hold; "at most N" by those that do not.
    counted = want if cond.at_least is not None else not want
    for child in children(cond):
        value = test(child)
        if value == counted:
            found.extend(reasons(child, ctx, scales, value))
    return found
