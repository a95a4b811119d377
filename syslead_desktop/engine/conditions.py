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


# ---- the compiled form: what a condition means, read by every part of the engine --------
#: What an atom looks at: ``("question", id)``, ``("factor", id)`` or :data:`STANCE`.
InputKey = tuple[str, str]
STANCE: InputKey = ("stance", "")


class Test(NamedTuple):
    """An atom as the engine reads it: the input it looks at and the values that satisfy it.

    ``is``, ``in``, ``at_least`` and ``at_most`` all come down to a set of accepted values.
    An ordered comparison (``ranked`` is its scale) cannot be made with a value that is
    not on the scale, nor when its bound is not (``broken`` names that bound)."""

    input: InputKey
    accepted: frozenset[str]
    ranked: Mapping[str, int] | None = None
    broken: str | None = None

    def accepts(self, value: str) -> bool:
        if self.ranked is not None and (self.broken is not None or value not in self.ranked):
            bad = value if value not in self.ranked else self.broken
            raise EngineError(f"unknown value {bad!r} in a comparison")
        return value in self.accepted


class AllNode(NamedTuple):
    parts: tuple[Node, ...]


class AnyNode(NamedTuple):
    parts: tuple[Node, ...]


class NotNode(NamedTuple):
    part: Node


class CountNode(NamedTuple):
    """Between ``low`` and ``high`` of the parts hold (both inclusive)."""

    parts: tuple[Node, ...]
    low: int
    high: int


Node = Test | AllNode | AnyNode | NotNode | CountNode


def compiled(cond: Condition, scales: Scales) -> Node:
    """The compiled form of ``cond``: built once for each condition and rulebook."""
    return _cached(cond, scales)[0]


def holds(cond: Condition, ctx: Context, scales: Scales) -> bool:
    """Whether ``cond`` holds.  The compiled form is turned into small closures once (plain
    Python functions built from the data, never source code) and reused."""
    return _cached(cond, scales)[1](ctx)


Check = Callable[[Context], bool]
_COMPILED: dict[tuple[int, int], tuple[Condition, Scales, Node, Check]] = {}


def _cached(cond: Condition, scales: Scales) -> tuple[Node, Check]:
    key = (id(cond), id(scales))
    entry = _COMPILED.get(key)
    if entry is None or entry[0] is not cond or entry[1] is not scales:
        if len(_COMPILED) > 20_000:
            _COMPILED.clear()
        node = _compile(cond, scales)
        entry = (cond, scales, node, closure(node))
        _COMPILED[key] = entry
    return entry[2], entry[3]


def _compile(cond: Condition, scales: Scales) -> Node:
    if isinstance(cond, AllOf):
        return AllNode(tuple(_compile(c, scales) for c in cond.all))
    if isinstance(cond, AnyOf):
        return AnyNode(tuple(_compile(c, scales) for c in cond.any))
    if isinstance(cond, NotOf):
        return NotNode(_compile(cond.not_, scales))
    if isinstance(cond, CountOf):
        parts = tuple(_compile(c, scales) for c in cond.count)
        low = cond.at_least if cond.at_least is not None else 0
        high = cond.at_most if cond.at_most is not None else len(parts)
        return CountNode(parts, low, high)
    return compile_atom(cond, scales)


def compile_atom(atom: Atom, scales: Scales) -> Test:
    ranks: Mapping[str, int]
    if isinstance(atom, QuestionIs):
        key: InputKey = ("question", atom.question)
        ranks = scales.question_ranks.get(atom.question, {})
    elif isinstance(atom, FactorIs):
        key, ranks = ("factor", atom.factor), scales.rating_ranks
    else:
        key, ranks = STANCE, scales.stance_ranks
    op, operand = atom.comparison
    if op == "is":
        assert isinstance(operand, str)
        return Test(key, frozenset([operand]))
    if op == "in":
        return Test(key, frozenset(operand))
    assert isinstance(operand, str)
    bound = ranks.get(operand)
    if bound is None:
        return Test(key, frozenset(), ranks, operand)
    if op == "at_least":
        return Test(key, frozenset(v for v, r in ranks.items() if r >= bound), ranks)
    return Test(key, frozenset(v for v, r in ranks.items() if r <= bound), ranks)


def closure(node: Node) -> Check:
    """``node`` evaluated on one context, as nested closures.  ``all`` and ``any`` stop at
    the first part that decides them, so an answer they never reach is never needed."""
    if isinstance(node, AllNode):
        parts = [closure(c) for c in node.parts]
        return lambda ctx: all(p(ctx) for p in parts)
    if isinstance(node, AnyNode):
        parts = [closure(c) for c in node.parts]
        return lambda ctx: any(p(ctx) for p in parts)
    if isinstance(node, NotNode):
        inner = closure(node.part)
        return lambda ctx: not inner(ctx)
    if isinstance(node, CountNode):
        parts = [closure(c) for c in node.parts]
        low, high = node.low, node.high
        return lambda ctx: low <= sum(1 for p in parts if p(ctx)) <= high
    read = _reader(node.input)
    if node.ranked is None:
        accepted = node.accepted
        return lambda ctx: read(ctx) in accepted
    return lambda ctx: node.accepts(read(ctx))


def _reader(key: InputKey) -> Callable[[Context], str]:
    kind, ident = key
    if kind == "question":

        def answer(ctx: Context) -> str:
            found = ctx.answers.get(ident)
            if found is None:
                raise EngineError(f"question {ident!r} has no answer")
            return found

        return answer
    if kind == "factor":

        def rating(ctx: Context) -> str:
            found = ctx.ratings.get(ident)
            if found is None:
                raise EngineError(f"factor {ident!r} has no rating yet")
            return found

        return rating

    def stance(ctx: Context) -> str:
        if ctx.stance is None:
            raise EngineError("the stance is not known yet")
        return ctx.stance

    return stance


def leaves(node: Node) -> Iterator[Test]:
    """Every compiled atom in ``node``, depth first."""
    if isinstance(node, Test):
        yield node
    elif isinstance(node, NotNode):
        yield from leaves(node.part)
    else:
        for part in node.parts:
            yield from leaves(part)


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
