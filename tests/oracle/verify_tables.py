"""The table checks as they were before #19: every combination of a table's inputs is
enumerated and evaluated with the plain evaluator.  Kept as a test oracle for small
rulebooks (it grows with every answer combination); the product works over classes
(``syslead_desktop.engine.verify_tables``).  The findings are worded by the product's
own helpers, so only the enumeration is the oracle's."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from syslead_desktop.domain.conditions import QuestionIs
from syslead_desktop.domain.rulebook import Rule, Rulebook
from syslead_desktop.engine.conditions import Context, Scales, atoms, holds
from syslead_desktop.engine.tables import outcome_of
from syslead_desktop.engine.verify_refs import Located, tables
from syslead_desktop.engine.verify_tables import (
    Described,
    Finding,
    conflict_finding,
    excepted,
    exception_findings,
    gap_finding,
    otherwise_finding,
    violation_finding,
)

MAX_EXAMPLES = 5
Combo = tuple[int, ...]


@dataclass(frozen=True)
class Input:
    id: str
    kind: str  # "question" or "factor"
    values: tuple[str, ...]
    ordered: bool


@dataclass
class Table(Described):
    """One decision table and, once enumerated, which rules fire for every combination."""

    key: str  # "factor:<id>" or "stance"
    where: Located
    kind: str  # what it gives: "rating" or "stance"
    rules: list[tuple[Located, Rule]]
    inputs: list[Input]
    scale: Mapping[str, int]  # outcome -> rank
    fired: dict[Combo, tuple[int, ...]] = field(default_factory=dict)

    def combos(self) -> Iterator[Combo]:
        return itertools.product(*(range(len(i.values)) for i in self.inputs))

    def context(self, combo: Combo) -> Context:
        answers: dict[str, str] = {}
        ratings: dict[str, str] = {}
        for inp, idx in zip(self.inputs, combo, strict=True):
            (answers if inp.kind == "question" else ratings)[inp.id] = inp.values[idx]
        return Context(answers, ratings)

    def outcome(self, combo: Combo) -> str | None:
        """The single outcome, or None for a gap or a conflict."""
        outcomes = {outcome_of(self.rules[i][1]) for i in self.fired[combo]}
        return outcomes.pop() if len(outcomes) == 1 else None

    def fired_at(self, combo: Combo) -> tuple[int, ...]:
        return self.fired[combo]


def build_tables(rb: Rulebook) -> list[Table]:
    """One table per factor, then the stance table (always last)."""
    by_table: dict[str, list[tuple[Located, Rule]]] = {}
    for where, rule, key in tables(rb):
        by_table.setdefault(key, []).append((where, rule))
    result = []
    rating_scale = {r: i for i, r in enumerate(rb.rating_ids())}
    for i, factor in enumerate(rb.factors):
        inputs = [
            Input(q.id, "question", tuple(q.option_ids()), q.ordered) for q in factor.questions
        ]
        where = Located(("factors", i, "rules"), f"factor '{factor.id}'", factor.id)
        rules = by_table.get(f"factor:{factor.id}", [])
        result.append(Table(f"factor:{factor.id}", where, "rating", rules, inputs, rating_scale))
    used = {
        a.question
        for r in rb.stance_rules
        if r.when
        for a in atoms(r.when)
        if isinstance(a, QuestionIs)
    }
    inputs = [Input(f.id, "factor", tuple(rb.rating_ids()), True) for f in rb.factors]
    inputs += [
        Input(q.id, "question", tuple(q.option_ids()), q.ordered)
        for q in rb.framing.questions
        if q.id in used
    ]
    stance_scale = {s: i for i, s in enumerate(rb.stance_ids())}
    where = Located(("stance_rules",), "stance rules", None)
    result.append(
        Table("stance", where, "stance", by_table.get("stance", []), inputs, stance_scale)
    )
    return result


def enumerate_table(table: Table, scales: Scales) -> None:
    """Record which rules fire for every combination (``otherwise`` rules when none do)."""
    plain = [(i, r.when) for i, (_w, r) in enumerate(table.rules) if r.when is not None]
    fallback = tuple(i for i, (_w, r) in enumerate(table.rules) if r.otherwise)
    for combo in table.combos():
        ctx = table.context(combo)
        fired = tuple(i for i, when in plain if holds(when, ctx, scales))
        table.fired[combo] = fired or fallback


# ---- the checks ------------------------------------------------------------------------
def completeness(table: Table) -> tuple[list[Finding], dict[str, int]]:
    gaps = [c for c, fired in table.fired.items() if not fired]
    total = len(table.fired)
    findings = []
    if gaps:
        findings.append(gap_finding(table, len(gaps), total, gaps[:MAX_EXAMPLES]))
    fallback = [i for i, (_w, r) in enumerate(table.rules) if r.otherwise]
    via_otherwise = sum(1 for fired in table.fired.values() if fired and fired == tuple(fallback))
    for i in fallback:
        count = sum(1 for fired in table.fired.values() if i in fired)
        if count:
            findings.append(otherwise_finding(table, i, count, total))
    return findings, {"combinations": total, "gaps": len(gaps), "via_otherwise": via_otherwise}


def consistency(table: Table) -> tuple[list[Finding], dict[str, int]]:
    pairs: dict[tuple[int, int], Combo] = {}
    clashing = 0
    for combo, fired in table.fired.items():
        found = False
        for a, b in itertools.combinations(fired, 2):
            if outcome_of(table.rules[a][1]) != outcome_of(table.rules[b][1]):
                pairs.setdefault((a, b), combo)
                found = True
        clashing += found
    findings = [conflict_finding(table, a, b, c) for (a, b), c in sorted(pairs.items())]
    return findings, {"conflicting_pairs": len(pairs), "conflicting_combinations": clashing}


def monotonicity(table: Table) -> tuple[list[Finding], dict[str, int]]:
    """Raising one ordered input one step never lowers the outcome, unless a rule that
    fired on either side declares a ``monotonicity_exception`` for that input."""
    violations: dict[tuple[str, tuple[int, ...]], tuple[Combo, Combo]] = {}
    accepted: dict[tuple[str, int], Combo] = {}
    steps = 0
    for combo, fired in table.fired.items():
        low = table.outcome(combo)
        if low is None:
            continue
        for k, inp in enumerate(table.inputs):
            if not inp.ordered or combo[k] + 1 >= len(inp.values):
                continue
            up = (*combo[:k], combo[k] + 1, *combo[k + 1 :])
            high = table.outcome(up)
            steps += 1
            if high is None or table.scale[high] >= table.scale[low]:
                continue
            involved = tuple(sorted(set(fired) | set(table.fired[up])))
            excusing = [i for i in involved if inp.id in excepted(table.rules[i][1])]
            for i in excusing:
                accepted.setdefault((inp.id, i), combo)
            if not excusing:
                violations.setdefault((inp.id, involved), (combo, up))
    findings = [
        violation_finding(table, inp, involved, pair)
        for (inp, involved), pair in violations.items()
    ]
    findings += exception_findings(table, accepted)
    return findings, {
        "steps_checked": steps,
        "violations": len(violations),
        "accepted_exceptions": len(accepted),
    }


def enumerated_tables(rb: Rulebook) -> list[Table]:
    built = build_tables(rb)
    scales = Scales.of(rb)
    for table in built:
        enumerate_table(table, scales)
    return built
