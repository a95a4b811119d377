"""Decision tables worked out for every point of a small grid of inputs at once.

A grid has one axis for each input a table reads (a question's options, or a factor's
ratings).  Its points are numbered in product order, the first axis most significant, and
a set of points is a Python ``int`` with one bit a point.  An atom is the set of points
where it holds; ``all``, ``any`` and ``not`` are ``&``, ``|`` and the complement; a
``count`` is a running tally of sets.  So a whole table costs a few hundred operations on
integers, however many points it has.  Conditions are still only read as data.

The answers agree with :func:`~syslead_desktop.engine.conditions.holds` point by point
whenever :class:`Unsupported` is not raised: anything the plain evaluator could stop on
(an input the grid does not have, an unknown value in a comparison, the stance) stops the
grid instead, and the caller takes the plain path, which then behaves as it always has.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ..domain.conditions import (
    AllOf,
    AnyOf,
    Atom,
    Condition,
    CountOf,
    FactorIs,
    NotOf,
    QuestionIs,
)
from ..domain.rulebook import RatingRule, StanceRule

#: Grids above this many points are left to the plain path (a set would pass 128 KiB).
MAX_POINTS = 1 << 20


class Unsupported(Exception):
    """The table cannot be worked out on the grid exactly as the plain evaluator would."""


class Axis(NamedTuple):
    """One input: ``kind`` is ``"question"`` or ``"factor"``; ``values`` in grid order."""

    kind: str
    id: str
    values: tuple[str, ...]
    ranks: Mapping[str, int]


class Table(NamedTuple):
    """What a decision table gives at every point of a grid."""

    outcomes: dict[str, int]  # outcome -> the points where the table gives it
    faulty: int  # the points where no rule covers the inputs, or rules disagree


class Grid:
    def __init__(self, axes: Sequence[Axis]) -> None:
        self.axes = tuple(axes)
        self._index = {(a.kind, a.id): i for i, a in enumerate(self.axes)}
        if len(self._index) != len(self.axes):
            raise Unsupported("an input appears twice")
        strides: list[int] = []
        size = 1
        for axis in reversed(self.axes):
            strides.append(size)
            size *= len(axis.values)
        if size > MAX_POINTS or size == 0:
            raise Unsupported("too many points")
        self.strides = tuple(reversed(strides))
        self.size = size
        self.full = (1 << size) - 1
        self._where: dict[tuple[int, int], int] = {}

    def where(self, axis: int, chosen: int) -> int:
        """The points whose value on ``axis`` is one of ``chosen`` (bit ``v`` for value ``v``)."""
        key = (axis, chosen)
        found = self._where.get(key)
        if found is None:
            stride = self.strides[axis]
            count = len(self.axes[axis].values)
            block = (1 << stride) - 1
            pattern = 0
            for value in range(count):
                if chosen >> value & 1:
                    pattern |= block << (value * stride)
            period = stride * count
            found = pattern * (self.full // ((1 << period) - 1))  # one copy a period
            self._where[key] = found
        return found

    def coordinates(self, point: int) -> tuple[int, ...]:
        return tuple(
            point // stride % len(axis.values)
            for stride, axis in zip(self.strides, self.axes, strict=True)
        )

    def point(self, coordinates: Sequence[int]) -> int:
        return sum(c * s for c, s in zip(coordinates, self.strides, strict=True))

    def holds(self, cond: Condition) -> int:
        """The points where ``cond`` holds."""
        if isinstance(cond, AllOf):
            found = self.full
            for child in cond.all:
                found &= self.holds(child)
            return found
        if isinstance(cond, AnyOf):
            found = 0
            for child in cond.any:
                found |= self.holds(child)
            return found
        if isinstance(cond, NotOf):
            return self.full ^ self.holds(cond.not_)
        if isinstance(cond, CountOf):
            parts = [self.holds(c) for c in cond.count]
            low = cond.at_least if cond.at_least is not None else 0
            high = min(cond.at_most if cond.at_most is not None else len(parts), len(parts))
            if low > high:
                return 0
            # at_least[k]: the points where k or more of the parts hold (so far)
            at_least = [self.full] + [0] * (len(parts) + 1)
            for done, part in enumerate(parts, start=1):
                for k in range(done, 0, -1):
                    at_least[k] |= at_least[k - 1] & part
            return at_least[low] & ~at_least[high + 1]
        return self._atom(cond)

    def _atom(self, atom: Atom) -> int:
        if isinstance(atom, QuestionIs):
            index = self._index.get(("question", atom.question))
        elif isinstance(atom, FactorIs):
            index = self._index.get(("factor", atom.factor))
        else:
            index = None  # the stance is never an input of a table
        if index is None:
            raise Unsupported("the condition reads something outside the grid")
        axis = self.axes[index]
        op, operand = atom.comparison
        chosen = 0
        for position, value in enumerate(axis.values):
            if op == "is":
                hit = value == operand
            elif op == "in":
                hit = value in operand
            else:
                assert isinstance(operand, str)
                have, bound = axis.ranks.get(value), axis.ranks.get(operand)
                if have is None or bound is None:
                    raise Unsupported("an unknown value in a comparison")
                hit = have >= bound if op == "at_least" else have <= bound
            if hit:
                chosen |= 1 << position
        return self.where(index, chosen)

    def table(self, rules: Sequence[RatingRule] | Sequence[StanceRule]) -> Table:
        """The outcome at every point, as :func:`~syslead_desktop.engine.firing.run_table`
        would fire it: rules with ``when`` first, ``otherwise`` rules where none fires."""
        fired: dict[str, int] = {}
        for rule in rules:
            if rule.when is not None:
                outcome = _outcome(rule)
                fired[outcome] = fired.get(outcome, 0) | self.holds(rule.when)
        seen = clash = 0
        for points in fired.values():
            clash |= seen & points
            seen |= points
        rest = self.full & ~seen
        fallback = {_outcome(r) for r in rules if r.otherwise}
        if len(fallback) == 1:
            outcome = fallback.pop()
            fired[outcome] = fired.get(outcome, 0) | rest
        else:  # no 'otherwise' rule, or several that disagree
            clash |= rest
        return Table({o: points & ~clash for o, points in fired.items()}, clash)

    def levels(self, costs: Sequence[Sequence[int | None]]) -> list[int]:
        """``levels[c]``: the points whose values cost ``c`` in all, where ``costs[a][v]``
        is the cost of value ``v`` on axis ``a`` (``None``: that value cannot be had)."""
        total = {0: self.full}
        for axis, axis_costs in enumerate(costs):
            by_cost: dict[int, int] = {}
            for value, cost in enumerate(axis_costs):
                if cost is not None:
                    by_cost[cost] = by_cost.get(cost, 0) | 1 << value
            step: dict[int, int] = {}
            for so_far, points in total.items():
                for cost, chosen in by_cost.items():
                    both = points & self.where(axis, chosen)
                    if both:
                        step[so_far + cost] = step.get(so_far + cost, 0) | both
            total = step
        return [total.get(c, 0) for c in range(max(total, default=-1) + 1)]


def _outcome(rule: RatingRule | StanceRule) -> str:
    return rule.rating if isinstance(rule, RatingRule) else rule.stance


def lowest(points: int) -> int:
    """The first point of a non-empty set."""
    return (points & -points).bit_length() - 1
