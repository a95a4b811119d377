"""The grid of classes (engine/grid.py): each operation against the same thing done one
combination of values at a time."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syslead_desktop.domain.conditions import CountOf, QuestionIs
from syslead_desktop.engine.conditions import Context, Scales, compiled, holds
from syslead_desktop.engine.grid import MAX_POINTS, Axis, Grid, TooLarge, partition

IDS = ("a", "b", "c")
RANKS = {v: k for k, v in enumerate(IDS)}
SCALES = Scales({f"q{i}": RANKS for i in range(4)}, {}, {})


def _grid(count: int = 4) -> Grid:
    classes = partition(IDS, [])
    whole = classes._replace(of=(0, 1, 2), members=((0,), (1,), (2,)))
    return Grid([Axis.of(("question", f"q{i}"), whole) for i in range(count)])


def test_count_bounds_match_the_evaluator() -> None:
    """``count`` with at_least and at_most, including bounds past the number of parts."""
    grid = _grid()
    parts = [QuestionIs.model_validate({"question": f"q{i}", "at_least": "b"}) for i in range(4)]
    for low, high in itertools.product([None, 0, 1, 2, 4, 5], [None, 0, 1, 3, 4, 6]):
        if low is None and high is None:
            continue
        cond = CountOf(count=parts, at_least=low, at_most=high)
        points = grid.holds(compiled(cond, SCALES))
        for point in range(grid.size):
            answers = {f"q{i}": IDS[v] for i, v in enumerate(grid.coordinates(point))}
            assert bool(points >> point & 1) == holds(cond, Context(answers, {}), SCALES)


def test_partition_groups_the_values_no_test_tells_apart() -> None:
    cond = QuestionIs.model_validate({"question": "q0", "at_least": "b"})
    test = compiled(cond, SCALES)
    assert isinstance(test, tuple)
    classes = partition(("a", "b", "c", "d"), [test])  # "d" is off the scale: not accepted
    assert classes.of == (0, 1, 1, 0)
    assert classes.members == ((0, 3), (1, 2))
    assert classes.firsts() == ("a", "b")
    assert partition(("a", "b"), []).size == 1


SIZES = st.lists(st.integers(1, 3), min_size=1, max_size=4)


def _uneven(sizes: list[int]) -> tuple[Grid, list[list[int]]]:
    """A grid with ``sizes[a]`` classes on axis ``a``; class ``c`` holds ``c + 1`` values."""
    axes = []
    members = []
    for a, size in enumerate(sizes):
        of = tuple(c for c in range(size) for _ in range(c + 1))
        values = tuple(f"v{k}" for k in range(len(of)))
        whole = partition(values, [])._replace(
            of=of,
            members=tuple(tuple(k for k, c in enumerate(of) if c == cls) for cls in range(size)),
        )
        axes.append(Axis.of(("question", f"q{a}"), whole))
        members.append(list(of))
    return Grid(axes), members


@settings(max_examples=200, deadline=None)
@given(SIZES, st.data())
def test_firsts_and_weigh_agree_with_a_walk_through_every_value(
    sizes: list[int], data: st.DataObject
) -> None:
    grid, of = _uneven(sizes)
    points = data.draw(st.integers(0, grid.full))
    combos = [
        combo
        for combo in itertools.product(*(range(len(o)) for o in of))
        if points >> grid.point([o[v] for o, v in zip(of, combo, strict=True)]) & 1
    ]
    choices = [[(v, c) for v, c in enumerate(o)] for o in of]
    assert grid.firsts(points, choices, 5) == combos[:5]
    weights = [[c + 1 for c in range(size)] for size in sizes]
    steps = [[c for c in range(size)] for size in sizes]  # any integers will do
    total, moment = grid.weigh(points, weights, steps)
    assert total == len(combos)
    expected = 0
    for combo in combos:
        classes = [o[v] for o, v in zip(of, combo, strict=True)]
        expected += sum(steps[a][c] / weights[a][c] for a, c in enumerate(classes))
    assert moment == pytest.approx(expected)


@settings(max_examples=200, deadline=None)
@given(SIZES, st.data())
def test_projections_and_shifts(sizes: list[int], data: st.DataObject) -> None:
    grid, _of = _uneven(sizes)
    points = data.draw(st.integers(0, grid.full))
    kept = data.draw(st.lists(st.integers(0, len(sizes) - 1), unique=True).map(sorted))
    inside = [grid.coordinates(p) for p in range(grid.size) if points >> p & 1]
    expected = sorted({tuple(c[k] for k in kept) for c in inside})
    assert grid.projections(points, kept) == expected
    axis = data.draw(st.integers(0, len(sizes) - 1))
    source, target = (data.draw(st.integers(0, sizes[axis] - 1)) for _ in range(2))
    moved = grid.shifted(points, axis, source, target)
    for p in range(grid.size):
        c = list(grid.coordinates(p))
        there = [*c[:axis], source, *c[axis + 1 :]]
        assert bool(moved >> p & 1) == (c[axis] == target and bool(points >> grid.point(there) & 1))


def test_levels_up_to_a_cap_are_the_first_levels() -> None:
    grid = _grid(3)
    costs = [[0, 1, 2], [1, 0, None], [2, 2, 0]]
    full = grid.levels(costs)
    assert grid.levels(costs, 2) == full[:3]
    for level, points in enumerate(full):
        for p in range(grid.size):
            c = grid.coordinates(p)
            cost = [costs[a][v] for a, v in enumerate(c)]
            assert bool(points >> p & 1) == (None not in cost and sum(cost) == level)  # type: ignore[arg-type]


def test_a_grid_past_the_limit_is_refused_with_its_size() -> None:
    whole = partition(tuple(f"v{k}" for k in range(16)), [])
    whole = whole._replace(of=tuple(range(16)), members=tuple((k,) for k in range(16)))
    axes = [Axis.of(("question", f"q{i}"), whole) for i in range(6)]  # 16**6 = 2**24
    with pytest.raises(TooLarge) as caught:
        Grid(axes)
    assert caught.value.size == 16**6 > MAX_POINTS
