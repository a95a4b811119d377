"""Exhaustive checks of the decision tables: completeness, consistency, monotonicity and
reachability.  Every combination of inputs is examined at each level of the model."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..domain.conditions import FactorIs, QuestionIs, StanceIs
from ..domain.rulebook import Question, RatingRule, Rule, Rulebook, Safeguard
from .conditions import Context, Scales, atoms, holds
from .verify_refs import Located, tables

MAX_EXAMPLES = 3


@dataclass(frozen=True)
class Input:
    id: str
    kind: str  # "question" or "factor"
    values: tuple[str, ...]
    ordered: bool


@dataclass
class Table:
    """One decision table and everything learnt by enumerating its inputs."""

    key: str  # "factor:<id>" or "stance"
    where: Located
    rules: list[tuple[Located, Rule]]
    inputs: list[Input]
    scale: Mapping[str, int]  # outcome -> rank
    fired: dict[tuple[int, ...], tuple[int, ...]] = field(default_factory=dict)

    def combos(self) -> Iterator[tuple[int, ...]]:
        return itertools.product(*(range(len(i.values)) for i in self.inputs))

    def context(self, combo: tuple[int, ...]) -> Context:
        answers: dict[str, str] = {}
        ratings: dict[str, str] = {}
        for inp, idx in zip(self.inputs, combo, strict=True):
            (answers if inp.kind == "question" else ratings)[inp.id] = inp.values[idx]
        return Context(answers, ratings)

    def outcome(self, combo: tuple[int, ...]) -> str | None:
        """The single outcome, or None for a gap or a conflict."""
        outcomes = {_outcome(self.rules[i][1]) for i in self.fired[combo]}
        return outcomes.pop() if len(outcomes) == 1 else None

    def describe(self, combo: tuple[int, ...]) -> str:
        return ", ".join(f"{i.id}={i.values[v]}" for i, v in zip(self.inputs, combo, strict=True))


def _outcome(rule: Rule) -> str:
    return rule.rating if isinstance(rule, RatingRule) else rule.stance  # type: ignore[attr-defined]


def build_tables(rb: Rulebook) -> list[Table]:
    by_table: dict[str, list[tuple[Located, Rule]]] = {}
    for where, rule, key in tables(rb):
        by_table.setdefault(key, []).append((where, rule))
    result = []
    rating_scale = {r: i for i, r in enumerate(rb.rating_ids())}
    for i, factor in enumerate(rb.factors):
        inputs = [
            Input(q.id, "question", tuple(q.option_ids()), q.ordered) for q in factor.questions
        ]
        result.append(
            Table(
                f"factor:{factor.id}",
                Located(("factors", i, "rules"), f"factor '{factor.id}'", None),
                by_table.get(f"factor:{factor.id}", []),
                inputs,
                rating_scale,
            )
        )
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
    result.append(
        Table(
            "stance",
            Located(("stance_rules",), "stance rules", None),
            by_table.get("stance", []),
            inputs,
            {s: i for i, s in enumerate(rb.stance_ids())},
        )
    )
    return result


def enumerate_table(table: Table, scales: Scales) -> None:
    plain = [(i, r) for i, (_w, r) in enumerate(table.rules) if r.when is not None]
    fallback = tuple(i for i, (_w, r) in enumerate(table.rules) if r.otherwise)
    for combo in table.combos():
        ctx = table.context(combo)
        fired = tuple(i for i, r in plain if holds(r.when, ctx, scales))  # type: ignore[arg-type]
        table.fired[combo] = fired or fallback


# ---- the checks ------------------------------------------------------------------------
@dataclass
class Finding:
    where: Located
    message: str
    severity: str = "error"


def completeness(table: Table) -> tuple[list[Finding], dict[str, int]]:
    gaps = [c for c, fired in table.fired.items() if not fired]
    findings = []
    if gaps:
        examples = "; ".join(table.describe(c) for c in gaps[:MAX_EXAMPLES])
        findings.append(
            Finding(table.where, f"{len(gaps)} combination(s) give no result, e.g. {examples}")
        )
    fallback = {i for i, (_w, r) in enumerate(table.rules) if r.otherwise}
    via_otherwise = sum(1 for fired in table.fired.values() if fired and set(fired) <= fallback)
    return findings, {
        "combinations": len(table.fired),
        "gaps": len(gaps),
        "via_otherwise": via_otherwise,
    }


def consistency(table: Table) -> tuple[list[Finding], dict[str, int]]:
    pairs: dict[tuple[int, int], tuple[int, ...]] = {}
    for combo, fired in table.fired.items():
        for a, b in itertools.combinations(fired, 2):
            if _outcome(table.rules[a][1]) != _outcome(table.rules[b][1]):
                pairs.setdefault((a, b), combo)
    findings = []
    for (a, b), combo in sorted(pairs.items()):
        (wa, ra), (_wb, rb_) = table.rules[a], table.rules[b]
        findings.append(
            Finding(
                wa,
                f"conflicts with rule {rb_.id}: both fire for "
                f"{table.describe(combo)} but give '{_outcome(ra)}' and "
                f"'{_outcome(rb_)}'",
            )
        )
    return findings, {"conflicting_pairs": len(pairs)}


def monotonicity(table: Table) -> tuple[list[Finding], dict[str, int]]:
    violations: dict[tuple[str, tuple[int, ...]], tuple[int, ...]] = {}
    accepted: dict[tuple[str, int], tuple[int, ...]] = {}
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
            excusing = [
                i
                for i in involved
                if (exc := table.rules[i][1].monotonicity_exception) and inp.id in exc.inputs
            ]
            if excusing:
                accepted.setdefault((inp.id, excusing[0]), combo)
            else:
                violations.setdefault((inp.id, involved), combo)
    findings = []
    for (input_id, involved), combo in sorted(violations.items()):
        names = " and ".join(table.rules[i][1].id for i in involved)
        findings.append(
            Finding(
                table.rules[involved[0]][0],
                f"not monotone in '{input_id}': raising it from {table.describe(combo)} "
                f"gives a worse result (rules {names}); declare a "
                "monotonicity_exception with a reason if this is intended",
            )
        )
    for (input_id, i), combo in sorted(accepted.items()):
        rule = table.rules[i][1]
        reason = rule.monotonicity_exception.reason if rule.monotonicity_exception else ""
        findings.append(
            Finding(
                table.rules[i][0],
                f"accepted exception in '{input_id}' (e.g. from {table.describe(combo)}): {reason}",
                "info",
            )
        )
    return findings, {
        "steps_checked": steps,
        "violations": len(violations),
        "accepted_exceptions": len(accepted),
    }


def reachable_combos(
    table: Table, reachable_ratings: Mapping[str, set[str]]
) -> list[tuple[int, ...]]:
    """Combinations whose factor ratings can all really occur."""
    keep = []
    for combo in table.fired:
        if all(
            inp.kind != "factor" or inp.values[v] in reachable_ratings[inp.id]
            for inp, v in zip(table.inputs, combo, strict=True)
        ):
            keep.append(combo)
    return keep


def reachability(
    rb: Rulebook, built: list[Table], scales: Scales
) -> tuple[list[Finding], dict[str, int]]:
    findings: list[Finding] = []
    reachable: dict[str, set[str]] = {}
    for table in built[:-1]:
        fid = table.key.removeprefix("factor:")
        reachable[fid] = {o for c in table.fired if (o := table.outcome(c)) is not None}
        for rating in rb.rating_ids():
            if rating not in reachable[fid]:
                findings.append(Finding(table.where, f"rating '{rating}' can never be given"))
    stance_table = built[-1]
    combos = reachable_combos(stance_table, reachable)
    stances = {o for c in combos if (o := stance_table.outcome(c)) is not None}
    for stance in rb.stance_ids():
        if stance not in stances:
            findings.append(Finding(stance_table.where, f"stance '{stance}' can never be reached"))
    fired_ever = 0
    for table in built:
        used = combos if table is stance_table else list(table.fired)
        ever = {i for c in used for i in table.fired[c]}
        for i, (where, _rule) in enumerate(table.rules):
            if i in ever:
                fired_ever += 1
            else:
                findings.append(Finding(where, "can never fire"))
    safeguards = _safeguard_reachability(rb, built, reachable, scales)
    findings += safeguards
    findings += _option_use(rb)
    return findings, {
        "ratings_reachable": sum(map(len, reachable.values())),
        "stances_reachable": len(stances),
        "rules_that_fire": fired_ever,
        "safeguards": len(rb.safeguards) - len(safeguards),
    }


def _safeguard_reachability(
    rb: Rulebook, built: list[Table], reachable: Mapping[str, set[str]], scales: Scales
) -> list[Finding]:
    """Exact: per factor, enumerate only what the safeguard can see of it."""
    findings = []
    stance_table = built[-1]
    stance_inputs = {i.id for i in stance_table.inputs if i.kind == "question"}
    for k, sg in enumerate(rb.safeguards):
        refs = list(atoms(sg.when))
        needs_stance = any(isinstance(a, StanceIs) for a in refs)
        q_refs = {a.question for a in refs if isinstance(a, QuestionIs)}
        f_refs = {a.factor for a in refs if isinstance(a, FactorIs)}
        framing = [
            q
            for q in rb.framing.questions
            if q.id in q_refs or (needs_stance and q.id in stance_inputs)
        ]
        per_factor: list[list[tuple[str, dict[str, str]]]] = []
        for table in built[:-1]:
            fid = table.key.removeprefix("factor:")
            seen_q = [i for i in table.inputs if i.id in q_refs]
            if seen_q:
                views = {
                    (table.outcome(c), tuple(c[table.inputs.index(i)] for i in seen_q))
                    for c in table.fired
                }
                per_factor.append(
                    [
                        (r, {i.id: i.values[v] for i, v in zip(seen_q, vs, strict=True)})
                        for r, vs in sorted(views, key=str)
                        if r is not None
                    ]
                )
            elif needs_stance or fid in f_refs:
                per_factor.append([(r, {}) for r in sorted(reachable[fid])])
            else:
                per_factor.append([(rb.rating_ids()[0], {})])
        factor_ids = [t.key.removeprefix("factor:") for t in built[:-1]]
        if not _any_holds(sg, framing, per_factor, factor_ids, stance_table, scales, needs_stance):
            findings.append(
                Finding(
                    Located(("safeguards", k), f"safeguard {sg.id}", sg.id),
                    "its condition can never hold",
                )
            )
    return findings


def _any_holds(
    sg: Safeguard,
    framing: list[Question],
    per_factor: list[list[tuple[str, dict[str, str]]]],
    factor_ids: list[str],
    stance_table: Table,
    scales: Scales,
    needs_stance: bool,
) -> bool:
    for framing_combo in itertools.product(*(q.option_ids() for q in framing)):
        fr = dict(zip((q.id for q in framing), framing_combo, strict=True))
        for picks in itertools.product(*per_factor):
            ratings = dict(zip(factor_ids, (r for r, _a in picks), strict=True))
            answers = dict(fr)
            for _r, a in picks:
                answers.update(a)
            stance = None
            if needs_stance:
                combo = tuple(
                    inp.values.index(ratings[inp.id] if inp.kind == "factor" else fr[inp.id])
                    for inp in stance_table.inputs
                )
                stance = stance_table.outcome(combo)
                if stance is None:
                    continue
            if holds(sg.when, Context(answers, ratings, stance), scales):
                return True
    return False


def _option_use(rb: Rulebook) -> list[Finding]:
    """Warn about questions no rule reads; note neighbouring options no rule tells apart."""
    bounds: dict[str, set[int]] = {q.id: set() for q in rb.all_questions()}
    conditions = [r.when for _w, r, _t in tables(rb) if r.when] + [s.when for s in rb.safeguards]
    for cond in conditions:
        for atom in atoms(cond):
            if not isinstance(atom, QuestionIs) or atom.question not in bounds:
                continue
            ids = rb.questions_by_id[atom.question].option_ids()
            op, _v = atom.comparison
            for value in atom.referenced_values():
                if value not in ids:
                    continue
                idx = ids.index(value)
                if op == "at_least":
                    bounds[atom.question].add(idx - 1)
                elif op == "at_most":
                    bounds[atom.question].add(idx)
                else:
                    bounds[atom.question].update({idx - 1, idx})
    findings = []
    for question in rb.all_questions():
        path = _question_path(rb, question.id)
        where = Located(path, f"question {question.id}", None)
        if not bounds[question.id]:
            findings.append(Finding(where, "no rule or safeguard reads this question", "warning"))
            continue
        if not question.ordered:
            continue
        ids = question.option_ids()
        for i in range(len(ids) - 1):
            if i not in bounds[question.id]:
                findings.append(
                    Finding(
                        where,
                        f"no rule tells '{ids[i]}' from '{ids[i + 1]}' (both are "
                        "still recorded in the paper)",
                        "info",
                    )
                )
    return findings


def _question_path(rb: Rulebook, qid: str) -> tuple[str | int, ...]:
    for qi, q in enumerate(rb.framing.questions):
        if q.id == qid:
            return ("framing", "questions", qi)
    for fi, f in enumerate(rb.factors):
        for qi, q in enumerate(f.questions):
            if q.id == qid:
                return ("factors", fi, "questions", qi)
    return ()
