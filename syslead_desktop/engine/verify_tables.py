"""Exhaustive checks of the decision tables: completeness, consistency and monotonicity.

Every combination of a table's inputs is examined: a factor's table over the product of
its questions' options, the stance table over the product of the rating scale for each
factor and the options of the framing questions the stance rules read."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..domain.conditions import QuestionIs
from ..domain.rulebook import RatingRule, Rule, Rulebook
from .conditions import Context, Scales, atoms, holds
from .verify_refs import Located, tables
from .verify_report import Severity

MAX_EXAMPLES = 5
Combo = tuple[int, ...]


@dataclass(frozen=True)
class Input:
    id: str
    kind: str  # "question" or "factor"
    values: tuple[str, ...]
    ordered: bool


@dataclass(frozen=True)
class Finding:
    where: Located
    message: str
    severity: Severity = "error"


@dataclass
class Table:
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

    def describe(self, combo: Combo) -> str:
        return ", ".join(f"{i.id}={i.values[v]}" for i, v in zip(self.inputs, combo, strict=True))

    def rule_ids(self, indices: tuple[int, ...] | list[int]) -> str:
        return ", ".join(self.rules[i][1].id for i in indices) or "none"


def outcome_of(rule: Rule) -> str:
    return rule.rating if isinstance(rule, RatingRule) else rule.stance  # type: ignore[attr-defined]


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
        examples = "; ".join(table.describe(c) for c in gaps[:MAX_EXAMPLES])
        more = "" if len(gaps) <= MAX_EXAMPLES else f" (and {len(gaps) - MAX_EXAMPLES} more)"
        findings.append(
            Finding(
                table.where,
                f"{len(gaps)} of {total} combinations give no {table.kind}, e.g. {examples}{more}",
            )
        )
    fallback = [i for i, (_w, r) in enumerate(table.rules) if r.otherwise]
    via_otherwise = sum(1 for fired in table.fired.values() if fired and fired == tuple(fallback))
    for i in fallback:
        count = sum(1 for fired in table.fired.values() if i in fired)
        if count:
            findings.append(
                Finding(
                    table.rules[i][0],
                    f"otherwise rule gives '{outcome_of(table.rules[i][1])}' for {count} of "
                    f"{total} combinations, those no other rule covers",
                    "info",
                )
            )
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
    findings = []
    for (a, b), combo in sorted(pairs.items()):
        (wa, ra), (_wb, rb_) = table.rules[a], table.rules[b]
        findings.append(
            Finding(
                wa,
                f"conflicts with rule {rb_.id}: both fire for {table.describe(combo)} "
                f"but give '{outcome_of(ra)}' and '{outcome_of(rb_)}'",
            )
        )
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
            excusing = [i for i in involved if inp.id in _excepted(table.rules[i][1])]
            for i in excusing:
                accepted.setdefault((inp.id, i), combo)
            if not excusing:
                violations.setdefault((inp.id, involved), (combo, up))
    findings = [
        _violation(table, inp, involved, pair) for (inp, involved), pair in violations.items()
    ]
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
        for name in _excepted(rule):
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
    return findings, {
        "steps_checked": steps,
        "violations": len(violations),
        "accepted_exceptions": len(accepted),
    }


def _excepted(rule: Rule) -> list[str]:
    return rule.monotonicity_exception.inputs if rule.monotonicity_exception else []


def _violation(
    table: Table, input_id: str, involved: tuple[int, ...], pair: tuple[Combo, Combo]
) -> Finding:
    combo, up = pair
    k = next(n for n, i in enumerate(table.inputs) if i.id == input_id)
    explicit = [i for i in involved if not table.rules[i][1].otherwise] or list(involved)
    return Finding(
        table.rules[explicit[0]][0],
        f"not monotone in '{input_id}': {table.describe(combo)} gives "
        f"'{table.outcome(combo)}' (rule {table.rule_ids(table.fired[combo])}) but raising "
        f"{input_id} to '{table.inputs[k].values[up[k]]}' gives the worse "
        f"'{table.outcome(up)}' (rule {table.rule_ids(table.fired[up])}); declare a "
        "monotonicity_exception with a reason if this is intended",
    )
