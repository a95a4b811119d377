"""Checks of the decision tables: completeness, consistency and monotonicity.

Every combination of a table's inputs is covered, none is sampled: a factor's table over
the product of its questions' options, the stance table over the product of the rating
scale for each factor and the options of the framing questions the stance rules read.
The work follows what the rules tell apart: each table is worked out over the classes of
values its conditions distinguish (:mod:`.tables`), counts weigh each class by the
values in it, and every example is the first combination of values in product order, as
a walk through every combination would meet it."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..domain.rulebook import Rule, Rulebook
from .conditions import Scales
from .grid import MAX_POINTS, Grid
from .tables import DecisionTable, TableInput, compiled_tables, outcome_of, sizes
from .verify_refs import Located, tables
from .verify_report import Severity

MAX_EXAMPLES = 5
Combo = tuple[int, ...]  # a value's position on each input of a table

__all__ = ["Combo", "Finding", "Table", "build_tables", "outcome_of", "too_large"]


@dataclass(frozen=True)
class Finding:
    where: Located
    message: str
    severity: Severity = "error"


class Described:
    """Combinations and rules in words (a table with ``inputs`` and ``rules``)."""

    inputs: Sequence[TableInput]
    rules: list[tuple[Located, Rule]]

    def describe(self, combo: Combo) -> str:
        return ", ".join(f"{i.id}={i.values[v]}" for i, v in zip(self.inputs, combo, strict=True))

    def rule_ids(self, indices: Sequence[int]) -> str:
        return ", ".join(self.rules[i][1].id for i in indices) or "none"


@dataclass
class Table(Described):
    """One decision table, where it is, and what its rules give at every combination."""

    key: str  # "factor:<id>" or "stance"
    where: Located
    kind: str  # what it gives: "rating" or "stance"
    rules: list[tuple[Located, Rule]]
    scale: Mapping[str, int]  # outcome -> rank
    compiled: DecisionTable

    @property
    def inputs(self) -> Sequence[TableInput]:  # type: ignore[override]
        return self.compiled.inputs

    def fired_at(self, combo: Combo) -> tuple[int, ...]:
        return self.compiled.fired(combo)

    def outcome(self, combo: Combo) -> str | None:
        """The single outcome, or None for a gap or a conflict."""
        point = self.compiled.point(combo)
        for outcome, points in self.compiled.table.outcomes.items():
            if points >> point & 1:
                return outcome
        return None


def _locations(rb: Rulebook) -> dict[str, list[tuple[Located, Rule]]]:
    by_table: dict[str, list[tuple[Located, Rule]]] = {}
    for where, rule, key in tables(rb):
        by_table.setdefault(key, []).append((where, rule))
    return by_table


def _factor_place(rb: Rulebook, i: int) -> Located:
    factor = rb.factors[i]
    return Located(("factors", i, "rules"), f"factor '{factor.id}'", factor.id)


STANCE_PLACE = Located(("stance_rules",), "stance rules", None)


def too_large(rb: Rulebook, scales: Scales) -> list[Finding]:
    """An error for each table whose rules tell apart more combinations than the checks
    (and the counterfactual search) can work through, with what to do about it."""
    findings = []
    for i, (_name, size) in enumerate(sizes(rb, scales)):
        if size <= MAX_POINTS:
            continue
        if i < len(rb.factors):
            advice = (
                "its questions' answers fall into {size:,} combinations that its rules tell "
                "apart, more than the {limit:,} that can be checked; split the factor into "
                "two or more factors with fewer questions each"
            )
            where = _factor_place(rb, i)
        else:
            advice = (
                "the factor ratings and framing answers they read fall into {size:,} "
                "combinations that they tell apart, more than the {limit:,} that can be "
                "checked; read fewer factors or framing questions, or tell fewer of their "
                "values apart"
            )
            where = STANCE_PLACE
        findings.append(Finding(where, advice.format(size=size, limit=MAX_POINTS)))
    return findings


def build_tables(rb: Rulebook) -> list[Table]:
    """One table per factor, then the stance table (always last).  The rulebook's tables
    must be within the size :func:`too_large` checks."""
    compiled = compiled_tables(rb)
    assert compiled.stance is not None, "the references check keeps the stance to its inputs"
    by_table = _locations(rb)
    rating_scale = {r: i for i, r in enumerate(rb.rating_ids())}
    result = []
    for i, (factor, table) in enumerate(zip(rb.factors, compiled.factors, strict=True)):
        key = f"factor:{factor.id}"
        rules = by_table.get(key, [])
        result.append(Table(key, _factor_place(rb, i), "rating", rules, rating_scale, table))
    stance_scale = {s: i for i, s in enumerate(rb.stance_ids())}
    rules = by_table.get("stance", [])
    result.append(Table("stance", STANCE_PLACE, "stance", rules, stance_scale, compiled.stance))
    return result


# ---- the findings, as words (shared with the tests' reference enumeration) -----------
def gap_finding(table: Table, gaps: int, total: int, examples: Sequence[Combo]) -> Finding:
    shown = "; ".join(table.describe(c) for c in examples[:MAX_EXAMPLES])
    more = "" if gaps <= MAX_EXAMPLES else f" (and {gaps - MAX_EXAMPLES} more)"
    return Finding(
        table.where, f"{gaps} of {total} combinations give no {table.kind}, e.g. {shown}{more}"
    )


def otherwise_finding(table: Table, i: int, count: int, total: int) -> Finding:
    return Finding(
        table.rules[i][0],
        f"otherwise rule gives '{outcome_of(table.rules[i][1])}' for {count} of "
        f"{total} combinations, those no other rule covers",
        "info",
    )


def conflict_finding(table: Table, a: int, b: int, combo: Combo) -> Finding:
    (wa, ra), (_wb, rb_) = table.rules[a], table.rules[b]
    return Finding(
        wa,
        f"conflicts with rule {rb_.id}: both fire for {table.describe(combo)} "
        f"but give '{outcome_of(ra)}' and '{outcome_of(rb_)}'",
    )


def violation_finding(
    table: Table, input_id: str, involved: tuple[int, ...], pair: tuple[Combo, Combo]
) -> Finding:
    combo, up = pair
    k = next(n for n, i in enumerate(table.inputs) if i.id == input_id)
    explicit = [i for i in involved if not table.rules[i][1].otherwise] or list(involved)
    return Finding(
        table.rules[explicit[0]][0],
        f"not monotone in '{input_id}': {table.describe(combo)} gives "
        f"'{table.outcome(combo)}' (rule {table.rule_ids(table.fired_at(combo))}) but raising "
        f"{input_id} to '{table.inputs[k].values[up[k]]}' gives the worse "
        f"'{table.outcome(up)}' (rule {table.rule_ids(table.fired_at(up))}); declare a "
        "monotonicity_exception with a reason if this is intended",
    )


def exception_findings(table: Table, accepted: Mapping[tuple[str, int], Combo]) -> list[Finding]:
    """A note for each accepted exception; a warning for each that never applies."""
    findings = []
    for (input_id, i), combo in sorted(accepted.items()):
        rule = table.rules[i][1]
        reason = rule.monotonicity_exception.reason if rule.monotonicity_exception else ""
        findings.append(
            Finding(
                table.rules[i][0],
                f"accepted monotonicity exception for '{input_id}' "
                f"(e.g. raising it from {table.describe(combo)}): {reason}",
                "info",
            )
        )
    ordered = {i.id: i.ordered for i in table.inputs}
    for i, (where, rule) in enumerate(table.rules):
        for name in excepted(rule):
            if ordered.get(name) is False:
                findings.append(
                    Finding(
                        where,
                        f"declares a monotonicity exception for '{name}', whose options are "
                        "not ordered, so it never applies",
                        "warning",
                    )
                )
            elif ordered.get(name) and (name, i) not in accepted:
                findings.append(
                    Finding(
                        where,
                        f"declares a monotonicity exception for '{name}', but raising it never "
                        "gives a worse result where this rule fires; remove it so that a "
                        "future mistake is caught",
                        "warning",
                    )
                )
    return findings


def excepted(rule: Rule) -> list[str]:
    return rule.monotonicity_exception.inputs if rule.monotonicity_exception else []


# ---- the checks ------------------------------------------------------------------------
def completeness(table: Table) -> tuple[list[Finding], dict[str, int]]:
    compiled, worked = table.compiled, table.compiled.table
    total = compiled.combinations()
    gaps = compiled.count(worked.gaps)
    findings = []
    if gaps:
        examples = compiled.firsts(worked.gaps, MAX_EXAMPLES)
        findings.append(gap_finding(table, gaps, total, examples))
    fallback = [i for i, (_w, r) in enumerate(table.rules) if r.otherwise]
    via_otherwise = compiled.count(worked.unmatched) if fallback else 0
    if via_otherwise:
        findings += [otherwise_finding(table, i, via_otherwise, total) for i in fallback]
    return findings, {"combinations": total, "gaps": gaps, "via_otherwise": via_otherwise}


def consistency(table: Table) -> tuple[list[Finding], dict[str, int]]:
    compiled, fires = table.compiled, table.compiled.table.fires
    findings = []
    pairs = 0
    for a, b in itertools.combinations(range(len(table.rules)), 2):
        if outcome_of(table.rules[a][1]) == outcome_of(table.rules[b][1]):
            continue
        both = fires[a] & fires[b]
        if both:
            pairs += 1
            findings.append(conflict_finding(table, a, b, compiled.firsts(both, 1)[0]))
    clashing = compiled.count(compiled.table.clashes)
    return findings, {"conflicting_pairs": pairs, "conflicting_combinations": clashing}


def monotonicity(table: Table) -> tuple[list[Finding], dict[str, int]]:
    """Raising one ordered input one step never lowers the outcome, unless a rule that
    fired on either side declares a ``monotonicity_exception`` for that input.

    A step within a class changes nothing.  A step from one class to the next is checked
    for every point of the grid at once: the points whose outcome is worse one class up,
    split by the rules that fire on either side; each part is reported at its first
    combination of values, in the order a walk through every combination would meet it."""
    compiled = table.compiled
    grid, worked = compiled.grid, compiled.table
    violations: dict[tuple[str, tuple[int, ...]], tuple[Combo, int, Combo]] = {}
    accepted: dict[tuple[str, int], Combo] = {}
    steps: list[list[int]] = []
    worse = [
        (low, high, worked.outcomes[low], worked.outcomes[high])
        for low, high in itertools.permutations(worked.outcomes, 2)
        if table.scale[high] < table.scale[low]
    ]
    for k, inp in enumerate(table.inputs):
        # Steps counted as a walk would: each value but the last, for each combination
        # with an outcome.
        last = len(inp.values) - 1
        steps.append(
            [sum(1 for v in m if v < last) if inp.ordered else 0 for m in inp.classes.members]
        )
        if not inp.ordered:
            continue
        first_step: dict[tuple[int, int], int] = {}  # (class, class above) -> first value
        for v in range(last):
            pair = (inp.classes.of[v], inp.classes.of[v + 1])
            if pair[0] != pair[1]:
                first_step.setdefault(pair, v)
        for (here, above), v in first_step.items():
            for _low, _high, low_points, high_points in worse:
                base = low_points & grid.shifted(high_points, k, above, here)
                for points, involved in _split(grid, worked.fires, base, k, above, here):
                    combo = _first_with(compiled, points, k, v)
                    up = (*combo[:k], v + 1, *combo[k + 1 :])
                    excusing = [i for i in involved if inp.id in excepted(table.rules[i][1])]
                    for i in excusing:
                        if (inp.id, i) not in accepted or combo < accepted[inp.id, i]:
                            accepted[inp.id, i] = combo
                    key = (inp.id, involved)
                    if not excusing and (key not in violations or combo < violations[key][0]):
                        violations[key] = (combo, k, up)
    defined = grid.full & ~worked.faulty
    checked = grid.weigh(defined, compiled.weights(), steps)[1]
    ordered = sorted(violations.items(), key=lambda item: item[1][:2])
    findings = [
        violation_finding(table, input_id, involved, (combo, up))
        for (input_id, involved), (combo, _k, up) in ordered
    ]
    findings += exception_findings(table, accepted)
    return findings, {
        "steps_checked": checked,
        "violations": len(violations),
        "accepted_exceptions": len(accepted),
    }


def _split(
    grid: Grid, fires: Sequence[int], points: int, k: int, above: int, here: int
) -> list[tuple[int, tuple[int, ...]]]:
    """``points`` split by the rules that fire at them or one class up on input ``k``."""
    parts: list[tuple[int, tuple[int, ...]]] = [(points, ())] if points else []
    for i, fired in enumerate(fires):
        either = fired | grid.shifted(fired, k, above, here)
        split = []
        for part, involved in parts:
            inside = part & either
            if inside:
                split.append((inside, (*involved, i)))
            if part & ~either:
                split.append((part & ~either, involved))
        parts = split
    return parts


def _first_with(compiled: DecisionTable, points: int, k: int, value: int) -> Combo:
    """The first combination of values in ``points`` whose value on input ``k`` is ``value``."""
    choices = compiled.every_value()
    choices[k] = [(value, compiled.inputs[k].classes.of[value])]
    return compiled.grid.firsts(points, choices, 1)[0]
