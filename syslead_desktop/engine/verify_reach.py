"""Reachability: every rating of every factor, every stance, every rule and every
safeguard can really occur, and every question and option makes a difference."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..domain.rulebook import Question, Rulebook, Safeguard
from .conditions import STANCE, InputKey, Scales, Test, compiled
from .grid import MAX_POINTS, Axis, Classes, Grid, TooLarge, grid_size, partition
from .tables import DecisionTable, tests_by_input
from .verify_refs import Located, tables
from .verify_tables import Finding, Table


def reachability(
    rb: Rulebook, built: list[Table], scales: Scales
) -> tuple[list[Finding], dict[str, int]]:
    findings: list[Finding] = []
    factor_tables, stance_table = built[:-1], built[-1]
    reachable: dict[str, set[str]] = {}
    for table in factor_tables:
        fid = table.key.removeprefix("factor:")
        reachable[fid] = {o for o, points in table.compiled.table.outcomes.items() if points}
        for rating in rb.rating_ids():
            if rating not in reachable[fid]:
                findings.append(Finding(table.where, f"rating '{rating}' can never be given"))
    # Factors read disjoint questions, so every mix of their reachable ratings occurs.
    possible = _reachable_points(stance_table.compiled, reachable)
    outcomes = stance_table.compiled.table.outcomes
    stances = {o for o, points in outcomes.items() if points & possible}
    for k, stance in enumerate(rb.stance_ids()):
        if stance not in stances:
            where = Located(("stances", k), f"stance '{stance}'", stance)
            findings.append(Finding(where, "can never be reached"))
    fired_ever = 0
    for table in built:
        used = possible if table is stance_table else table.compiled.grid.full
        for (where, _rule), fires in zip(table.rules, table.compiled.table.fires, strict=True):
            if fires & used:
                fired_ever += 1
            else:
                findings.append(Finding(where, "can never fire"))
    states = 0
    never = 0
    for k, safeguard in enumerate(rb.safeguards):
        where = Located(("safeguards", k), f"safeguard {safeguard.id}", safeguard.id)
        try:
            seen, examined = _safeguard_can_hold(rb, safeguard, built, reachable, scales)
        except TooLarge as exc:
            message = (
                f"its condition tells apart {exc.size:,} states of the answers, ratings and "
                f"stance it reads, more than the {MAX_POINTS:,} that can be checked; split it "
                "into simpler safeguards"
            )
            findings.append(Finding(where, message))
            continue
        states += examined
        if not seen:
            never += 1
            findings.append(Finding(where, "its condition can never hold"))
    findings += option_use(rb, scales)
    return findings, {
        "ratings_reachable": sum(map(len, reachable.values())),
        "stances_reachable": len(stances),
        "rules_that_fire": fired_ever,
        "safeguards_that_apply": len(rb.safeguards) - never,
        "safeguard_states_examined": states,
    }


def _reachable_points(table: DecisionTable, reachable: Mapping[str, set[str]]) -> int:
    """The stance table's points whose factor ratings can all really occur."""
    points = table.grid.full
    for k, inp in enumerate(table.inputs):
        if inp.kind != "factor":
            continue
        chosen = 0
        for cls, members in enumerate(inp.classes.members):
            if any(inp.values[v] in reachable[inp.id] for v in members):
                chosen |= 1 << cls
        points &= table.grid.where(k, chosen)
    return points


def _safeguard_can_hold(
    rb: Rulebook,
    sg: Safeguard,
    built: list[Table],
    reachable: Mapping[str, set[str]],
    scales: Scales,
) -> tuple[bool, int]:
    """Exact: each factor is seen only as far as the safeguard can see it (the answers it
    reads together with the rating they come with, or just the rating), in the classes of
    values that the safeguard (and the stance rules, when it reads the stance) tell
    apart; the stance is worked out from the ratings.  Returns (can hold, states)."""
    condition = compiled(sg.when, scales)
    reads = tests_by_input([condition])
    needs_stance = STANCE in reads
    if needs_stance:
        stance_reads = tests_by_input([compiled(r.when, scales) for r in rb.stance_rules if r.when])
        for key, found in stance_reads.items():
            reads.setdefault(key, []).extend(found)
    stance_inputs = {i.id for i in built[-1].inputs if i.kind == "question"}
    axes: list[Axis] = []
    for q in rb.framing.questions:
        key = ("question", q.id)
        if key in reads or (needs_stance and q.id in stance_inputs):
            axes.append(Axis.of(key, partition(q.option_ids(), reads.get(key, []))))
    for table in built[:-1]:
        fid = table.key.removeprefix("factor:")
        key = ("factor", fid)
        seen = [k for k, i in enumerate(table.inputs) if i.key in reads]
        if seen:
            axes.append(_views(fid, table.compiled, seen, reads))
        elif needs_stance or key in reads:
            ratings = sorted(reachable[fid])
            axes.append(Axis.of(key, partition(ratings, reads.get(key, []))))
    size = grid_size([a.size for a in axes])
    if size == 0:
        return False, 0
    grid = Grid(axes)
    stance = None
    if needs_stance:
        rules = [(compiled(r.when, scales) if r.when else None, r.stance) for r in rb.stance_rules]
        stance = grid.table(rules).outcomes
    held = grid.holds(condition, stance)
    if stance is not None:
        known = 0
        for points in stance.values():
            known |= points
        held &= known
    return held != 0, grid.size


def _views(
    fid: str, table: DecisionTable, seen: Sequence[int], reads: Mapping[InputKey, list[Test]]
) -> Axis:
    """One position for each way the factor can look to the safeguard: a rating, with a
    class of values (of the factor's and the safeguard's) for each question it reads."""
    refined: dict[tuple[int, int], Classes] = {}
    for k in seen:
        inp = table.inputs[k]
        for cls, members in enumerate(inp.classes.members):
            values = [inp.values[v] for v in members]
            refined[k, cls] = partition(values, reads.get(inp.key, []))
    ratings: list[str] = []
    answers: list[list[str]] = [[] for _ in seen]
    for rating, points in sorted(table.table.outcomes.items()):
        for classes in table.grid.projections(points, seen):
            parts = [refined[k, cls].firsts() for k, cls in zip(seen, classes, strict=True)]
            for picked in _product(parts):
                ratings.append(rating)
                for column, value in zip(answers, picked, strict=True):
                    column.append(value)
    axis_reads: dict[InputKey, tuple[str, ...]] = {("factor", fid): tuple(ratings)}
    for k, column in zip(seen, answers, strict=True):
        axis_reads[table.inputs[k].key] = tuple(column)
    return Axis(axis_reads, len(ratings))


def _product(parts: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = [()]
    for part in parts:
        found = [(*so_far, value) for so_far in found for value in part]
    return found


# ---- questions and options that make no difference -------------------------------------
def option_use(rb: Rulebook, scales: Scales) -> list[Finding]:
    """A question no rule or safeguard reads is a warning.  Options are told apart by the
    conditions that mention their question: two options in the same class (that every
    such condition treats alike) make no difference.  In a plain choice that is a warning;
    on an ordered scale it is noted (info) for neighbouring grades, since a standard scale
    may keep finer grades than the rules need, and the answer is still recorded in the
    paper."""
    conditions = [r.when for _w, r, _t in tables(rb) if r.when] + [s.when for s in rb.safeguards]
    reading = tests_by_input([compiled(c, scales) for c in conditions])

    def classes_of(question: Question) -> Sequence[int] | None:
        found = reading.get(("question", question.id))
        return partition(question.option_ids(), found).of if found else None

    return option_findings(rb, classes_of)


def option_findings(
    rb: Rulebook, classes_of: Callable[[Question], Sequence[int] | None]
) -> list[Finding]:
    """The findings of :func:`option_use`, given each question's options' classes (None
    for a question nothing reads)."""
    findings = []
    for path, question in questions_with_paths(rb):
        where = Located(path, f"question {question.id}", question.id)
        of = classes_of(question)
        if of is None:
            findings.append(Finding(where, "no rule or safeguard reads this question", "warning"))
            continue
        ids = question.option_ids()
        if question.ordered:
            for low in range(len(ids) - 1):
                if of[low] == of[low + 1]:
                    message = (
                        f"no rule or safeguard tells '{ids[low]}' from '{ids[low + 1]}' "
                        "(both are still recorded in the paper)"
                    )
                    findings.append(Finding(where, message, "info"))
            continue
        groups: dict[int, list[str]] = {}
        for option, cls in zip(ids, of, strict=True):
            groups.setdefault(cls, []).append(option)
        for alike in groups.values():
            if len(alike) > 1:
                names = " and ".join(f"'{o}'" for o in alike)
                findings.append(
                    Finding(where, f"no rule or safeguard tells options {names} apart", "warning")
                )
    return findings


def questions_with_paths(rb: Rulebook) -> list[tuple[tuple[str | int, ...], Question]]:
    found: list[tuple[tuple[str | int, ...], Question]] = [
        (("framing", "questions", k), q) for k, q in enumerate(rb.framing.questions)
    ]
    for i, factor in enumerate(rb.factors):
        found += [(("factors", i, "questions", k), q) for k, q in enumerate(factor.questions)]
    return found
