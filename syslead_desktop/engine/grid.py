"""Decision tables worked out over classes of inputs, for all their inputs at once.

The rules read each input only through a few comparisons, so an input's values fall into
**classes** that no condition tells apart (:func:`partition`): a question read only as
``at_least: good`` has two, whatever its number of options.  A table is worked out on a
grid with one axis for each input and one position on it for each class, so its size is
the number of behaviours the rules can tell apart, not the number of answer combinations.

Points are numbered in product order, the first axis most significant, and a set of
points is a Python ``int`` with one bit a point.  An atom is the set of points where it
holds; ``all``, ``any`` and ``not`` are ``&``, ``|`` and the complement; a ``count`` is a
running tally of sets.  Conditions are read in their compiled form
(:mod:`.conditions`), the same form the evaluator reads, and never run as code.

Back from classes to values: :meth:`Grid.firsts` finds the first few value combinations
of a set in product order, :meth:`Grid.weigh` counts the value combinations in a set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from .conditions import (
    STANCE,
    AllNode,
    AnyNode,
    CountNode,
    EngineError,
    InputKey,
    Node,
    NotNode,
    Test,
)

#: The most points a grid may have (a set of them is then at most 512 KiB).
MAX_POINTS = 1 << 22


class TooLarge(EngineError):
    """A table whose rules tell apart more than :data:`MAX_POINTS` combinations."""

    def __init__(self, size: int, where: str = "a table") -> None:
        super().__init__(
            f"{where} tells apart {size:,} combinations, more than the {MAX_POINTS:,} the "
            "engine works with (run 'syslead rules check')"
        )
        self.size = size
        self.where = where


class Classes(NamedTuple):
    """An input's values grouped into the classes that no condition tells apart."""

    values: tuple[str, ...]
    of: tuple[int, ...]  # the class of each value; classes are numbered by their first value
    members: tuple[tuple[int, ...], ...]  # the positions of each class's values, in order

    @property
    def size(self) -> int:
        return len(self.members)

    def firsts(self) -> tuple[str, ...]:
        """Each class's first value: it stands for the class."""
        return tuple(self.values[m[0]] for m in self.members)


def partition(values: Sequence[str], tests: Sequence[Test]) -> Classes:
    """``values`` grouped by what ``tests`` (atoms reading this input) say of each."""
    for test in tests:
        if test.broken is not None:
            raise EngineError(f"unknown value {test.broken!r} in a comparison")
    number: dict[tuple[bool, ...], int] = {}
    of = []
    for value in values:
        signature = tuple(value in t.accepted for t in tests)
        of.append(number.setdefault(signature, len(number)))
    members: list[list[int]] = [[] for _ in number]
    for position, cls in enumerate(of):
        members[cls].append(position)
    return Classes(tuple(values), tuple(of), tuple(tuple(m) for m in members))


def grid_size(counts: Sequence[int]) -> int:
    size = 1
    for count in counts:
        size *= count
    return size


class Axis(NamedTuple):
    """One axis of a grid.  ``reads`` gives, for each input the axis stands for, that
    input's value at each position (usually one input, and a position is a class)."""

    reads: Mapping[InputKey, tuple[str, ...]]
    size: int

    @classmethod
    def of(cls, key: InputKey, classes: Classes) -> Axis:
        return cls({key: classes.firsts()}, classes.size)


class Table(NamedTuple):
    """What a decision table gives at every point of a grid."""

    fires: tuple[int, ...]  # for each rule, the points where it fires
    outcomes: dict[str, int]  # outcome -> the points where the table gives just that one
    unmatched: int  # the points where no rule with a condition fires
    gaps: int  # the points where no rule fires at all
    clashes: int  # the points where rules that fire disagree

    @property
    def faulty(self) -> int:
        return self.gaps | self.clashes


#: One axis's choices for :meth:`Grid.firsts`: (value, position) in the order to try them.
Choices = Sequence[tuple[int, int]]


class Grid:
    def __init__(self, axes: Sequence[Axis], constants: Mapping[InputKey, str] | None = None):
        """``constants``: inputs outside the grid that conditions may read, with their value."""
        self.axes = tuple(axes)
        self.constants = constants or {}
        self._index: dict[InputKey, int] = {}
        for i, axis in enumerate(self.axes):
            for key in axis.reads:
                if self._index.setdefault(key, i) != i:
                    raise EngineError(f"{key[0]} {key[1]!r} is read twice")
        size = grid_size([a.size for a in self.axes])
        if size > MAX_POINTS:
            raise TooLarge(size)
        strides: list[int] = []
        step = 1
        for axis in reversed(self.axes):
            strides.append(step)
            step *= axis.size
        self.strides = tuple(reversed(strides))
        self.size = size
        self.full = (1 << size) - 1
        self._where: dict[tuple[int, int], int] = {}

    # ---- sets of points ----------------------------------------------------------------
    def where(self, axis: int, chosen: int) -> int:
        """The points whose position on ``axis`` is one of ``chosen`` (bit ``p`` for ``p``)."""
        key = (axis, chosen)
        found = self._where.get(key)
        if found is None:
            stride = self.strides[axis]
            block = (1 << stride) - 1
            pattern = 0
            for position in range(self.axes[axis].size):
                if chosen >> position & 1:
                    pattern |= block << (position * stride)
            period = stride * self.axes[axis].size
            found = _repeat(pattern, period, self.size // period)
            self._where[key] = found
        return found

    def shifted(self, points: int, axis: int, source: int, target: int) -> int:
        """The points at position ``target`` on ``axis`` whose neighbour at ``source`` (the
        same point but for that axis) is in ``points``."""
        offset = (source - target) * self.strides[axis]
        moved = points >> offset if offset >= 0 else points << -offset
        return moved & self.where(axis, 1 << target)

    def coordinates(self, point: int) -> tuple[int, ...]:
        return tuple(
            point // stride % axis.size
            for stride, axis in zip(self.strides, self.axes, strict=True)
        )

    def point(self, coordinates: Sequence[int]) -> int:
        return sum(c * s for c, s in zip(coordinates, self.strides, strict=True))

    # ---- conditions and tables ---------------------------------------------------------
    def holds(self, node: Node, stance: Mapping[str, int] | None = None) -> int:
        """The points where ``node`` holds; ``stance``: the points that give each stance."""
        if isinstance(node, AllNode):
            found = self.full
            for part in node.parts:
                found &= self.holds(part, stance)
            return found
        if isinstance(node, AnyNode):
            found = 0
            for part in node.parts:
                found |= self.holds(part, stance)
            return found
        if isinstance(node, NotNode):
            return self.full ^ self.holds(node.part, stance)
        if isinstance(node, CountNode):
            parts = [self.holds(c, stance) for c in node.parts]
            high = min(node.high, len(parts))
            if node.low > high:
                return 0
            # at_least[k]: the points where k or more of the parts hold (so far)
            at_least = [self.full] + [0] * (len(parts) + 1)
            for done, points in enumerate(parts, start=1):
                for k in range(done, 0, -1):
                    at_least[k] |= at_least[k - 1] & points
            return at_least[node.low] & ~at_least[high + 1]
        return self._test(node, stance)

    def _test(self, test: Test, stance: Mapping[str, int] | None) -> int:
        index = self._index.get(test.input)
        if index is not None:
            chosen = 0
            for position, value in enumerate(self.axes[index].reads[test.input]):
                if test.accepts(value):
                    chosen |= 1 << position
            return self.where(index, chosen)
        if test.input == STANCE and stance is not None:
            found = 0
            for value, points in stance.items():
                if test.accepts(value):
                    found |= points
            return found
        constant = self.constants.get(test.input)
        if constant is None:
            kind, ident = test.input
            if test.input == STANCE:
                raise EngineError("the stance is not known yet")
            raise EngineError(
                f"{kind} {ident!r} is read where it cannot be (run 'syslead rules check')"
            )
        return self.full if test.accepts(constant) else 0

    def table(self, rules: Sequence[tuple[Node | None, str]]) -> Table:
        """The outcome at every point, as :func:`~syslead_desktop.engine.firing.run_table`
        would fire it: each rule is ``(condition, outcome)``, and a rule without a
        condition (``otherwise``) fires where no rule with one does."""
        fires = [self.holds(node) if node is not None else 0 for node, _o in rules]
        matched = 0
        for points in fires:
            matched |= points
        unmatched = self.full & ~matched
        fires = [
            f if node is not None else unmatched for f, (node, _o) in zip(fires, rules, strict=True)
        ]
        by_outcome: dict[str, int] = {}
        for points, (_node, outcome) in zip(fires, rules, strict=True):
            by_outcome[outcome] = by_outcome.get(outcome, 0) | points
        seen = clashes = 0
        for points in by_outcome.values():
            clashes |= seen & points
            seen |= points
        outcomes = {o: points & ~clashes for o, points in by_outcome.items()}
        return Table(tuple(fires), outcomes, unmatched, self.full & ~seen, clashes)

    # ---- costs ---------------------------------------------------------------------------
    def levels(self, costs: Sequence[Sequence[int | None]], cap: int | None = None) -> list[int]:
        """``levels[c]``: the points whose positions cost ``c`` in all, where ``costs[a][p]``
        is the cost of position ``p`` on axis ``a`` (``None``: it cannot be had); only
        levels up to ``cap`` when it is given."""
        total = {0: self.full}
        for axis, axis_costs in enumerate(costs):
            by_cost: dict[int, int] = {}
            for position, cost in enumerate(axis_costs):
                if cost is not None:
                    by_cost[cost] = by_cost.get(cost, 0) | 1 << position
            masks = [(cost, self.where(axis, chosen)) for cost, chosen in by_cost.items()]
            step: dict[int, int] = {}
            for so_far, points in total.items():
                for cost, mask in masks:
                    level = so_far + cost
                    if cap is not None and level > cap:
                        continue
                    both = points & mask
                    if both:
                        step[level] = step.get(level, 0) | both
            total = step
        return [total.get(c, 0) for c in range(max(total, default=-1) + 1)]

    # ---- back to values ----------------------------------------------------------------
    def firsts(self, points: int, choices: Sequence[Choices], count: int) -> list[tuple[int, ...]]:
        """The first ``count`` combinations of values in ``points``, in product order:
        ``choices[a]`` lists axis ``a``'s values as (value, its position), in order."""
        for axis, axis_choices in enumerate(choices):
            allowed = 0
            for _value, position in axis_choices:
                allowed |= 1 << position
            points &= self.where(axis, allowed)
        found: list[tuple[int, ...]] = []
        chosen: list[int] = []
        last = len(self.axes)

        def walk(axis: int, below: int) -> None:
            if axis == last:
                found.append(tuple(chosen))
                return
            stride = self.strides[axis]
            block = (1 << stride) - 1
            for value, position in choices[axis]:
                part = below >> (position * stride) & block
                if part:  # every point left has a value on every axis below: no dead end
                    chosen.append(value)
                    walk(axis + 1, part)
                    chosen.pop()
                    if len(found) >= count:
                        return

        if points:
            walk(0, points)
        return found

    def weigh(
        self,
        points: int,
        weights: Sequence[Sequence[int]],
        steps: Sequence[Sequence[int]] | None = None,
    ) -> tuple[int, int]:
        """``(total, moment)``: the total of the points' weights, the weight of a point
        being the product of ``weights[a][position]`` over its axes, and the total of
        weight times the sum of ``steps[a][position] / weights[a][position]`` (all
        integers).  With the number of values in each class as weights, ``total`` is the
        number of value combinations in ``points``.  Equal parts are weighed once."""
        last = len(self.axes)
        moves = steps if steps is not None else [[0] * axis.size for axis in self.axes]
        # What a full block below each axis weighs, to stop early on one.
        full_total = [1] * (last + 1)
        full_moment = [0] * (last + 1)
        for axis in range(last - 1, -1, -1):
            w, m = sum(weights[axis]), sum(moves[axis])
            full_total[axis] = w * full_total[axis + 1]
            full_moment[axis] = w * full_moment[axis + 1] + m * full_total[axis + 1]
        memo: dict[tuple[int, int], tuple[int, int]] = {}

        def walk(axis: int, below: int) -> tuple[int, int]:
            if axis == last:
                return 1, 0
            stride = self.strides[axis]
            if below == (1 << (stride * self.axes[axis].size)) - 1:
                return full_total[axis], full_moment[axis]
            key = (axis, below)
            found = memo.get(key)
            if found is None:
                block = (1 << stride) - 1
                total = moment = 0
                for position in range(self.axes[axis].size):
                    part = below >> (position * stride) & block
                    if part:
                        t, m = walk(axis + 1, part)
                        total += weights[axis][position] * t
                        moment += weights[axis][position] * m + moves[axis][position] * t
                found = memo[key] = (total, moment)
            return found

        return walk(0, points & self.full) if points else (0, 0)

    def projections(self, points: int, kept: Sequence[int]) -> list[tuple[int, ...]]:
        """The positions on the axes ``kept`` (in order) of the points in ``points``, each
        combination once, in product order."""
        keep = set(kept)
        found: list[tuple[int, ...]] = []
        chosen: list[int] = []
        last = len(self.axes)

        def walk(axis: int, below: int) -> None:
            if axis == last:
                found.append(tuple(chosen))
                return
            stride = self.strides[axis]
            block = (1 << stride) - 1
            parts = [below >> (p * stride) & block for p in range(self.axes[axis].size)]
            if axis not in keep:
                merged = 0
                for part in parts:
                    merged |= part
                walk(axis + 1, merged)
                return
            for position, part in enumerate(parts):
                if part:
                    chosen.append(position)
                    walk(axis + 1, part)
                    chosen.pop()

        if points:
            walk(0, points & self.full)
        return found


def _repeat(pattern: int, period: int, copies: int) -> int:
    """``copies`` copies of a ``period``-bit pattern, end to end (by doubling: a long
    division or multiplication of numbers this size would take time quadratic in it)."""
    found = have = 0
    block, block_copies = pattern, 1
    while copies:
        if copies & 1:
            found |= block << (have * period)
            have += block_copies
        copies >>= 1
        if copies:
            block |= block << (block_copies * period)
            block_copies *= 2
    return found
