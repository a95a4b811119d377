"""Walk declarative conditions.  Nothing from YAML is ever run as code."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Generic, NamedTuple, TypeVar

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


T = TypeVar("T")


class PerRulebook(Generic[T]):
    """Something worked out from a rulebook once and kept for the next call (rulebooks
    are immutable; the live review page assesses again after every change)."""

    def __init__(self, make: Callable[[Rulebook], T], keep: int = 4) -> None:
        self._make = make
        self._keep = keep
        self._books: dict[int, tuple[Rulebook, T]] = {}

    def __call__(self, rulebook: Rulebook) -> T:
        entry = self._books.get(id(rulebook))
        if entry is None or entry[0] is not rulebook:
            if len(self._books) >= self._keep:
                self._books.pop(next(iter(self._books)))
            entry = (rulebook, self._make(rulebook))
            self._books[id(rulebook)] = entry
        return entry[1]


# The engine's records are NamedTuples: a dataclass costs about half a millisecond to
# create when its module is imported, and every `syslead` run imports these.
class Scales(NamedTuple):
    """Rank look-ups for every ordered scale in a rulebook."""

    question_ranks: Mapping[str, Mapping[str, int]]
    rating_ranks: Mapping[str, int]
    stance_ranks: Mapping[str, int]

    @classmethod
    def of(cls, rulebook: Rulebook) -> Scales:
        """The scales of ``rulebook``; the same object each time for the same rulebook,
        so that conditions compiled for it (:func:`holds`) are reused."""
        return _SCALES(rulebook)


def _scales(rulebook: Rulebook) -> Scales:
    return Scales(
        question_ranks={
            q.id: {o.id: i for i, o in enumerate(q.options)} for q in rulebook.all_questions()
        },
        rating_ranks={r.id: i for i, r in enumerate(rulebook.ratings)},
        stance_ranks={s.id: i for i, s in enumerate(rulebook.stances)},
    )


_SCALES = PerRulebook(_scales, keep=8)


class Context(NamedTuple):
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
    """Whether ``cond`` holds.  Conditions are turned into small closures once (plain
    Python functions built from the data, never source code) and reused."""
    key = (id(cond), id(scales))
    entry = _COMPILED.get(key)
    if entry is None or entry[0] is not cond or entry[1] is not scales:
        if len(_COMPILED) > 20_000:
            _COMPILED.clear()
        entry = (cond, scales, _compile(cond, scales))
        _COMPILED[key] = entry
    return entry[2](ctx)


Check = Callable[[Context], bool]
_COMPILED: dict[tuple[int, int], tuple[Condition, Scales, Check]] = {}


def _compile(cond: Condition, scales: Scales) -> Check:
    if isinstance(cond, AllOf):
        parts = [_compile(c, scales) for c in cond.all]
        return lambda ctx: all(p(ctx) for p in parts)
    if isinstance(cond, AnyOf):
        parts = [_compile(c, scales) for c in cond.any]
        return lambda ctx: any(p(ctx) for p in parts)
    if isinstance(cond, NotOf):
        inner = _compile(cond.not_, scales)
        return lambda ctx: not inner(ctx)
    if isinstance(cond, CountOf):
        parts = [_compile(c, scales) for c in cond.count]
        low = cond.at_least if cond.at_least is not None else 0
        high = cond.at_most if cond.at_most is not None else len(parts)
        return lambda ctx: low <= sum(1 for p in parts if p(ctx)) <= high
    return _compile_atom(cond, scales)


def _compile_atom(atom: Atom, scales: Scales) -> Check:
    if isinstance(atom, QuestionIs):
        ranks = scales.question_ranks.get(atom.question, {})
        qid = atom.question

        def value(ctx: Context) -> str:
            found = ctx.answers.get(qid)
            if found is None:
                raise EngineError(f"question {qid!r} has no answer")
            return found
    elif isinstance(atom, FactorIs):
        ranks = scales.rating_ranks
        fid = atom.factor

        def value(ctx: Context) -> str:
            found = ctx.ratings.get(fid)
            if found is None:
                raise EngineError(f"factor {fid!r} has no rating yet")
            return found
    else:
        ranks = scales.stance_ranks

        def value(ctx: Context) -> str:
            if ctx.stance is None:
                raise EngineError("the stance is not known yet")
            return ctx.stance

    op, operand = atom.comparison
    if op == "is":
        return lambda ctx: value(ctx) == operand
    if op == "in":
        members = frozenset(operand)
        return lambda ctx: value(ctx) in members
    assert isinstance(operand, str)
    bound = ranks.get(operand)
    if bound is None:
        return lambda ctx: _compare(op, operand, value(ctx), ranks)  # raises EngineError

    def rank(ctx: Context) -> int:
        have = value(ctx)
        found = ranks.get(have)
        if found is None:
            raise EngineError(f"unknown value {have!r} in a comparison")
        return found

    if op == "at_least":
        return lambda ctx: rank(ctx) >= bound
    return lambda ctx: rank(ctx) <= bound


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
