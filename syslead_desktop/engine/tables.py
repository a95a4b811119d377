"""A rulebook's decision tables, each worked out once over the classes of its inputs.

A factor's table reads its own questions; the stance table reads a rating for each factor
and the framing questions its rules mention.  Each input's values are grouped into the
classes that the table's own conditions tell apart (:func:`~.grid.partition`), and the
table is worked out on the grid of those classes (:class:`~.grid.Grid`).  The verifier
(``syslead rules check``) and the counterfactual search both read these tables, so they
check and search exactly what the evaluator does.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from ..domain.conditions import QuestionIs
from ..domain.rulebook import Factor, Question, RatingRule, Rule, Rulebook, StanceRule
from .conditions import InputKey, Node, PerRulebook, Scales, Test, atoms, compiled, leaves
from .grid import Axis, Choices, Classes, Grid, Table, TooLarge, grid_size, partition


class TableInput(NamedTuple):
    """One input of a table: a question, or a factor's rating in the stance table."""

    kind: str  # "question" or "factor"
    id: str
    values: tuple[str, ...]
    ordered: bool
    classes: Classes

    @property
    def key(self) -> InputKey:
        return (self.kind, self.id)


class DecisionTable(NamedTuple):
    where: str  # "factor 'success'" or "stance_rules", as the evaluator names the table
    rules: tuple[Rule, ...]
    inputs: tuple[TableInput, ...]
    grid: Grid
    table: Table

    def point(self, combo: Sequence[int]) -> int:
        """The grid point of a combination of values (a value's position on each input)."""
        return self.grid.point([i.classes.of[v] for i, v in zip(self.inputs, combo, strict=True)])

    def fired(self, combo: Sequence[int]) -> tuple[int, ...]:
        """The rules that fire for a combination of values, by their index."""
        point = self.point(combo)
        return tuple(i for i, points in enumerate(self.table.fires) if points >> point & 1)

    def combinations(self) -> int:
        """How many combinations of values the table covers."""
        return grid_size([len(i.values) for i in self.inputs])

    def count(self, points: int) -> int:
        """How many combinations of values the grid points stand for."""
        return self.grid.weigh(points, self.weights())[0]

    def weights(self) -> list[list[int]]:
        return [[len(m) for m in i.classes.members] for i in self.inputs]

    def every_value(self) -> list[Choices]:
        return [list(enumerate(i.classes.of)) for i in self.inputs]

    def firsts(self, points: int, count: int) -> list[tuple[int, ...]]:
        """The first ``count`` combinations of values in ``points``, in product order."""
        return self.grid.firsts(points, self.every_value(), count)


def outcome_of(rule: Rule) -> str:
    return rule.rating if isinstance(rule, RatingRule) else rule.stance  # type: ignore[attr-defined]


def tests_by_input(conditions: Sequence[Node]) -> dict[InputKey, list[Test]]:
    """The compiled atoms of ``conditions``, grouped by the input they read."""
    found: dict[InputKey, list[Test]] = {}
    for node in conditions:
        for test in leaves(node):
            found.setdefault(test.input, []).append(test)
    return found


def _conditions(rules: Sequence[Rule], scales: Scales) -> list[Node]:
    return [compiled(r.when, scales) for r in rules if r.when is not None]


def _input(
    kind: str, ident: str, values: Sequence[str], ordered: bool, tests: Sequence[Test]
) -> TableInput:
    return TableInput(kind, ident, tuple(values), ordered, partition(values, tests))


def factor_inputs(factor: Factor, scales: Scales) -> list[TableInput]:
    tests = tests_by_input(_conditions(factor.rules, scales))
    return [
        _input("question", q.id, q.option_ids(), q.ordered, tests.get(("question", q.id), []))
        for q in factor.questions
    ]


def stance_questions(rulebook: Rulebook) -> list[Question]:
    """The framing questions that the stance rules read, in rulebook order."""
    referenced = {
        a.question
        for rule in rulebook.stance_rules
        if rule.when is not None
        for a in atoms(rule.when)
        if isinstance(a, QuestionIs)
    }
    return [q for q in rulebook.framing.questions if q.id in referenced]


def stance_inputs(rulebook: Rulebook, scales: Scales) -> list[TableInput]:
    tests = tests_by_input(_conditions(rulebook.stance_rules, scales))
    ratings = rulebook.rating_ids()
    inputs = [
        _input("factor", f.id, ratings, True, tests.get(("factor", f.id), []))
        for f in rulebook.factors
    ]
    inputs += [
        _input("question", q.id, q.option_ids(), q.ordered, tests.get(("question", q.id), []))
        for q in stance_questions(rulebook)
    ]
    return inputs


def outside_inputs(
    rules: Sequence[Rule], inputs: Sequence[TableInput], scales: Scales
) -> set[InputKey]:
    """What the rules read that is not one of the table's inputs (a rulebook that
    ``syslead rules check`` faults)."""
    own = {i.key for i in inputs}
    return set(tests_by_input(_conditions(rules, scales))) - own


def build(
    where: str,
    rules: Sequence[RatingRule] | Sequence[StanceRule],
    inputs: Sequence[TableInput],
    scales: Scales,
    constants: Mapping[InputKey, str] | None = None,
) -> DecisionTable:
    """Raises :class:`~.grid.TooLarge` when the classes make too many combinations."""
    try:
        grid = Grid([Axis.of(i.key, i.classes) for i in inputs], constants)
    except TooLarge as exc:
        raise TooLarge(exc.size, where) from None
    nodes = [
        (compiled(r.when, scales) if r.when is not None else None, outcome_of(r)) for r in rules
    ]
    return DecisionTable(where, tuple(rules), tuple(inputs), grid, grid.table(nodes))


def factor_table(factor: Factor, scales: Scales) -> DecisionTable:
    return build(f"factor '{factor.id}'", factor.rules, factor_inputs(factor, scales), scales)


def stance_table(
    rulebook: Rulebook, scales: Scales, constants: Mapping[InputKey, str] | None = None
) -> DecisionTable:
    inputs = stance_inputs(rulebook, scales)
    return build("stance_rules", rulebook.stance_rules, inputs, scales, constants)


def sizes(rulebook: Rulebook, scales: Scales) -> Iterator[tuple[str, int]]:
    """Each table (named as in :class:`DecisionTable`) with the size of its grid."""
    for factor in rulebook.factors:
        inputs = factor_inputs(factor, scales)
        yield f"factor '{factor.id}'", grid_size([i.classes.size for i in inputs])
    inputs = stance_inputs(rulebook, scales)
    yield "stance_rules", grid_size([i.classes.size for i in inputs])


class Compiled(NamedTuple):
    """A rulebook's tables.  ``stance`` is None when the stance rules read answers
    outside the stance table (then it depends on them: see :func:`stance_table`)."""

    factors: tuple[DecisionTable, ...]
    stance: DecisionTable | None
    outside: frozenset[InputKey]
    framing: tuple[Question, ...]  # the framing questions the stance rules read
    memo: dict[Hashable, Any]  # what the search works out from these tables, to reuse


def _compile(rulebook: Rulebook) -> Compiled:
    scales = Scales.of(rulebook)
    factors = tuple(factor_table(f, scales) for f in rulebook.factors)
    outside = outside_inputs(rulebook.stance_rules, stance_inputs(rulebook, scales), scales)
    stance = None if outside else stance_table(rulebook, scales)
    return Compiled(factors, stance, frozenset(outside), tuple(stance_questions(rulebook)), {})


#: The compiled tables of a rulebook (raises EngineError, or TooLarge, for what cannot be).
compiled_tables = PerRulebook(_compile)
