"""The follow-up checks of ``syslead rules check``: due-date timings and review rules.

- **timings**: every safeguard's timing phrase has an offset from the meeting date
  (else its actions are suggested for the meeting date itself), each phrase once.
- **review**: the review rules' references exist (outcomes, stances, sources), and over
  every combination of facts a review can produce (engine/review.py) some rule fires,
  the rules that fire agree, every outcome can be reached and every rule can fire.
"""

from __future__ import annotations

from collections import Counter

from ..domain.conditions import StanceIs
from ..domain.review import ActionsAre, FactorsAre, MeasuresAre, StanceChange
from ..domain.rulebook import ReviewRule, Rulebook
from .review import atoms, describe, every_case, holds
from .verify_refs import Located, Reporter
from .verify_report import Check


def _phrase(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_timings(rb: Rulebook, report: Reporter) -> Check:
    check = Check("timings")
    first: dict[str, int] = {}
    for k, timing in enumerate(rb.timings):
        key = _phrase(timing.timing)
        if key in first:
            earlier = report.line_of("timings", first[key])
            report.problem(
                check,
                Located(("timings", k), f"timing '{timing.timing}'", None),
                f"is given more than once (first at line {earlier})",
            )
        first.setdefault(key, k)
    used: set[str] = set()
    covered = 0
    for k, safeguard in enumerate(rb.safeguards):
        key = _phrase(safeguard.timing)
        used.add(key)
        if key in first:
            covered += 1
        elif rb.timings:
            report.problem(
                check,
                Located(("safeguards", k, "timing"), f"safeguard {safeguard.id}", safeguard.id),
                f"its timing '{safeguard.timing}' is not under 'timings', so its action's "
                "due date is suggested as the meeting date itself",
                "warning",
            )
    for key, k in first.items():
        if key not in used:
            report.problem(
                check,
                Located(("timings", k), f"timing '{rb.timings[k].timing}'", None),
                "no safeguard has this timing",
                "warning",
            )
    if rb.safeguards and not rb.timings:
        report.problem(
            check,
            Located(("safeguards",), "safeguards", None),
            "no 'timings' are given, so every action's due date is suggested as the meeting date",
            "warning",
        )
    check.stats = {"timings": len(rb.timings), "safeguards_dated": covered}
    return check


def check_review(rb: Rulebook, report: Reporter) -> Check:
    check = Check("review")
    review = rb.review
    if review is None:
        report.problem(
            check,
            Located(("title",), "rulebook", None),
            "has no review rules ('review:'), so a review paper cannot recommend "
            "continuing, changing or stopping",
            "warning",
        )
        return check
    outcomes = {o.id for o in review.outcomes}
    for ident, count in Counter(o.id for o in review.outcomes).items():
        if count > 1:
            k = [o.id for o in review.outcomes].index(ident)
            report.problem(
                check,
                Located(("review", "outcomes", k), f"review outcome '{ident}'", ident),
                "is used more than once",
            )
    taken = {r.id for f in rb.factors for r in f.rules} | {r.id for r in rb.stance_rules}
    taken |= {s.id for s in rb.safeguards}
    seen: set[str] = set()
    stances = set(rb.stance_ids())
    ok_refs = True
    for j, rule in enumerate(review.rules):
        where = Located(("review", "rules", j), f"review rule {rule.id}", rule.id)
        if rule.id in seen or rule.id in taken:
            report.problem(check, where, "its id is used more than once in the rulebook")
        seen.add(rule.id)
        if rule.outcome not in outcomes:
            ok_refs = False
            report.problem(check, where, f"gives unknown review outcome '{rule.outcome}'")
        for atom in atoms(rule.when) if rule.when is not None else ():
            if isinstance(atom, StanceIs):
                for value in atom.referenced_values():
                    if value not in stances:
                        ok_refs = False
                        report.problem(check, where, f"refers to unknown stance '{value}'")
    if not ok_refs:
        check.stats = {"rules": len(review.rules), "cases": 0}
        return check

    stance_ids = rb.stance_ids()
    read = _read_facts(review.rules)
    uncovered: list[str] = []
    conflicts: dict[tuple[str, str], str] = {}
    reached: set[str] = set()
    fires: set[str] = set()
    cases = 0
    for facts, then in every_case(rb, read):  # each case the rules can tell apart
        cases += 1
        fired = [r for r in review.rules if r.when is not None and holds(r.when, facts, stance_ids)]
        fires |= {r.id for r in fired}
        if not fired:
            fired = [r for r in review.rules if r.otherwise]
            fires |= {r.id for r in fired}
        if not fired:
            uncovered.append(describe(facts, then))
            continue
        reached |= {r.outcome for r in fired}
        for a in fired:
            for b in fired:
                if a.outcome < b.outcome:
                    conflicts.setdefault((a.id, b.id), describe(facts, then))
    if uncovered:
        report.problem(
            check,
            Located(("review", "rules"), "review rules", None),
            f"no rule covers {len(uncovered)} case(s), e.g. {uncovered[0]} "
            "(add a rule, or an 'otherwise: true' one)",
        )
    index = {r.id: j for j, r in enumerate(review.rules)}
    for (first, second), example in conflicts.items():
        rule_a = review.rules[index[first]]
        rule_b = review.rules[index[second]]
        report.problem(
            check,
            Located(("review", "rules", index[first]), f"review rule {first}", first),
            f"gives '{rule_a.outcome}' where rule {second} gives '{rule_b.outcome}', "
            f"e.g. {example}",
        )
    for k, outcome in enumerate(review.outcomes):
        if outcome.id not in reached:
            report.problem(
                check,
                Located(("review", "outcomes", k), f"review outcome '{outcome.id}'", outcome.id),
                "can never be reached",
            )
    for j, rule in enumerate(review.rules):
        if rule.id not in fires:
            report.problem(
                check,
                Located(("review", "rules", j), f"review rule {rule.id}", rule.id),
                "can never fire",
            )
    check.stats = {
        "rules": len(review.rules),
        "outcomes": len(review.outcomes),
        "cases": cases,
        "outcomes_reachable": len(reached),
    }
    return check


def _read_facts(rules: list[ReviewRule]) -> list[tuple[str, str]]:
    """The facts the review rules read, e.g. ``("measures", "met")`` or ``("stance", "")``."""
    read: list[tuple[str, str]] = []
    for rule in rules:
        for atom in atoms(rule.when) if rule.when is not None else ():
            name: tuple[str, str]
            if isinstance(atom, MeasuresAre):
                name = ("measures", atom.measures)
            elif isinstance(atom, ActionsAre):
                name = ("actions", atom.actions)
            elif isinstance(atom, FactorsAre):
                name = ("factors", atom.factors)
            elif isinstance(atom, StanceChange):
                name = ("stance_change", "")
            else:
                name = ("stance", "")
            if name not in read:
                read.append(name)
    return read
