"""Reachability as it was before #19, by enumeration: every state a safeguard can see is
tried with the plain evaluator.  Kept as a test oracle for small rulebooks (see
tests/oracle/verify_tables.py)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from syslead_desktop.domain.conditions import FactorIs, QuestionIs, StanceIs
from syslead_desktop.domain.rulebook import Question, Rulebook, Safeguard
from syslead_desktop.engine.conditions import Context, Scales, atoms, holds
from syslead_desktop.engine.verify_reach import option_findings
from syslead_desktop.engine.verify_refs import Located, tables
from syslead_desktop.engine.verify_tables import Finding

from .verify_tables import Combo, Table

#: One way a factor can look to a safeguard: its rating and the answers it reads.
View = tuple[str, dict[str, str]]


def reachability(
    rb: Rulebook, built: list[Table], scales: Scales
) -> tuple[list[Finding], dict[str, int]]:
    findings: list[Finding] = []
    factor_tables, stance_table = built[:-1], built[-1]
    reachable: dict[str, set[str]] = {}
    for table in factor_tables:
        fid = table.key.removeprefix("factor:")
        reachable[fid] = {o for c in table.fired if (o := table.outcome(c)) is not None}
        for rating in rb.rating_ids():
            if rating not in reachable[fid]:
                findings.append(Finding(table.where, f"rating '{rating}' can never be given"))
    # Factors read disjoint questions, so every mix of their reachable ratings occurs.
    combos = _reachable_combos(stance_table, reachable)
    stances = {o for c in combos if (o := stance_table.outcome(c)) is not None}
    for k, stance in enumerate(rb.stance_ids()):
        if stance not in stances:
            where = Located(("stances", k), f"stance '{stance}'", stance)
            findings.append(Finding(where, "can never be reached"))
    fired_ever = 0
    for table in built:
        used = combos if table is stance_table else list(table.fired)
        ever = {i for c in used for i in table.fired[c]}
        for i, (where, _rule) in enumerate(table.rules):
            if i in ever:
                fired_ever += 1
            else:
                findings.append(Finding(where, "can never fire"))
    states = 0
    for k, safeguard in enumerate(rb.safeguards):
        seen, examined = _safeguard_can_hold(rb, safeguard, built, reachable, scales)
        states += examined
        if not seen:
            where = Located(("safeguards", k), f"safeguard {safeguard.id}", safeguard.id)
            findings.append(Finding(where, "its condition can never hold"))
    option_findings = option_use(rb, scales)
    findings += option_findings
    return findings, {
        "ratings_reachable": sum(map(len, reachable.values())),
        "stances_reachable": len(stances),
        "rules_that_fire": fired_ever,
        "safeguards_that_apply": len(rb.safeguards)
        - sum("can never hold" in f.message for f in findings),
        "safeguard_states_examined": states,
    }


def _reachable_combos(table: Table, reachable: Mapping[str, set[str]]) -> list[Combo]:
    """Stance-table combinations whose factor ratings can all really occur."""
    return [
        combo
        for combo in table.fired
        if all(
            inp.kind != "factor" or inp.values[v] in reachable[inp.id]
            for inp, v in zip(table.inputs, combo, strict=True)
        )
    ]


@dataclass(frozen=True)
class _Search:
    framing: list[Question]
    per_factor: list[list[View]]
    factor_ids: list[str]
    needs_stance: bool


def _safeguard_can_hold(
    rb: Rulebook,
    sg: Safeguard,
    built: list[Table],
    reachable: Mapping[str, set[str]],
    scales: Scales,
) -> tuple[bool, int]:
    """Exact: each factor is enumerated only as far as the safeguard can see it (the
    answers it reads together with the rating they come with, or just the rating), and
    the stance is derived from the ratings.  Returns (can hold, states examined)."""
    stance_table = built[-1]
    refs = list(atoms(sg.when))
    needs_stance = any(isinstance(a, StanceIs) for a in refs)
    q_refs = {a.question for a in refs if isinstance(a, QuestionIs)}
    f_refs = {a.factor for a in refs if isinstance(a, FactorIs)}
    stance_inputs = {i.id for i in stance_table.inputs if i.kind == "question"}
    framing = [
        q
        for q in rb.framing.questions
        if q.id in q_refs or (needs_stance and q.id in stance_inputs)
    ]
    per_factor: list[list[View]] = []
    for table in built[:-1]:
        fid = table.key.removeprefix("factor:")
        seen_q = [k for k, i in enumerate(table.inputs) if i.id in q_refs]
        if seen_q:
            views = {
                (outcome, tuple(c[k] for k in seen_q))
                for c in table.fired
                if (outcome := table.outcome(c)) is not None
            }
            per_factor.append(
                [
                    (r, {table.inputs[k].id: table.inputs[k].values[v] for k, v in pairs})
                    for r, vs in sorted(views)
                    if (pairs := list(zip(seen_q, vs, strict=True)))
                ]
            )
        elif needs_stance or fid in f_refs:
            per_factor.append([(r, {}) for r in sorted(reachable[fid])])
        else:
            per_factor.append([(rb.rating_ids()[0], {})])  # not read: any value will do
    factor_ids = [t.key.removeprefix("factor:") for t in built[:-1]]
    search = _Search(framing, per_factor, factor_ids, needs_stance)
    return _any_holds(sg, search, stance_table, scales)


def _any_holds(
    sg: Safeguard, search: _Search, stance_table: Table, scales: Scales
) -> tuple[bool, int]:
    examined = 0
    for framing_combo in itertools.product(*(q.option_ids() for q in search.framing)):
        fr = dict(zip((q.id for q in search.framing), framing_combo, strict=True))
        for picks in itertools.product(*search.per_factor):
            examined += 1
            ratings = dict(zip(search.factor_ids, (r for r, _a in picks), strict=True))
            answers = dict(fr)
            for _r, seen in picks:
                answers.update(seen)
            stance = None
            if search.needs_stance:
                combo = tuple(
                    inp.values.index(ratings[inp.id] if inp.kind == "factor" else fr[inp.id])
                    for inp in stance_table.inputs
                )
                stance = stance_table.outcome(combo)
                if stance is None:
                    continue
            if holds(sg.when, Context(answers, ratings, stance), scales):
                return True, examined
    return False, examined


# ---- questions and options that make no difference -------------------------------------
def option_use(rb: Rulebook, scales: Scales) -> list[Finding]:
    """Options told apart by evaluating every condition that mentions their question on
    each option in turn."""
    reading: dict[str, list[QuestionIs]] = {q.id: [] for q in rb.all_questions()}
    conditions = [r.when for _w, r, _t in tables(rb) if r.when] + [s.when for s in rb.safeguards]
    for cond in conditions:
        for atom in atoms(cond):
            if isinstance(atom, QuestionIs) and atom.question in reading:
                reading[atom.question].append(atom)

    def classes_of(question: Question) -> list[int] | None:
        found = reading[question.id]
        if not found:
            return None
        signatures = [
            tuple(holds(a, Context({question.id: o}, {}), scales) for a in found)
            for o in question.option_ids()
        ]
        number: dict[tuple[bool, ...], int] = {}
        return [number.setdefault(signature, len(number)) for signature in signatures]

    return option_findings(rb, classes_of)
