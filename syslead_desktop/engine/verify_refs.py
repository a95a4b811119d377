"""Reference checks: every id that is referred to exists, and ids are unique."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..domain.conditions import Condition, FactorIs, QuestionIs, StanceIs
from ..domain.rulebook import Citation, ReviewRule, Rule, Rulebook, Safeguard
from .conditions import atoms
from .verify_report import Check, Problem, Severity

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """Something in the rulebook that a problem can point at."""

    path: Path_
    label: str  # e.g. "rule R-BRD-2 (factor 'board')"
    rule: str | None


class Reporter:
    """Turns a finding at a place in the rulebook into a problem with its file and line."""

    def __init__(self, file: str, line_of: Callable[..., int | None]):
        self.file = file
        self._line_of = line_of

    def line_of(self, *path: str | int) -> int | None:
        return self._line_of(*path)

    def problem(
        self, check: Check, where: Located, message: str, severity: Severity = "error"
    ) -> None:
        line = self._line_of(*where.path)
        check.problems.append(
            Problem(severity, f"{where.label}: {message}", self.file, line, where.rule)
        )


def tables(rb: Rulebook) -> Iterator[tuple[Located, Rule, str]]:
    """Every rule with where it is and which table ('factor:<id>' or 'stance') it is in."""
    rule: Rule
    for i, factor in enumerate(rb.factors):
        for j, rule in enumerate(factor.rules):
            yield (
                Located(
                    ("factors", i, "rules", j), f"rule {rule.id} (factor '{factor.id}')", rule.id
                ),
                rule,
                f"factor:{factor.id}",
            )
    for j, rule in enumerate(rb.stance_rules):
        yield Located(("stance_rules", j), f"rule {rule.id} (stance)", rule.id), rule, "stance"


def based(rb: Rulebook) -> Iterator[tuple[Located, Rule | Safeguard | ReviewRule]]:
    """Every rule and safeguard (the review rules too): each needs a citation or a design
    basis."""
    for where, rule, _table in tables(rb):
        yield where, rule
    for k, s in enumerate(rb.safeguards):
        yield Located(("safeguards", k), f"safeguard {s.id}", s.id), s
    for j, r in enumerate(rb.review.rules if rb.review is not None else []):
        yield Located(("review", "rules", j), f"review rule {r.id}", r.id), r


def all_citations(rb: Rulebook) -> Iterator[tuple[Located, Citation]]:
    """Every citation in the rulebook, with where it is: on the framing, the factors and
    questions, the rules and safeguards, their design bases and the evidence statement."""

    def each(
        path: Path_, label: str, rule: str | None, cites: list[Citation]
    ) -> Iterator[tuple[Located, Citation]]:
        for k, cite in enumerate(cites):
            yield Located((*path, "cite", k), label, rule), cite

    yield from each(("framing",), "framing", None, rb.framing.cite)
    for qi, q in enumerate(rb.framing.questions):
        yield from each(("framing", "questions", qi), f"question {q.id}", q.id, q.cite)
    for i, f in enumerate(rb.factors):
        yield from each(("factors", i), f"factor '{f.id}'", f.id, f.cite)
        for qi, q in enumerate(f.questions):
            yield from each(("factors", i, "questions", qi), f"question {q.id}", q.id, q.cite)
    for where, item in based(rb):
        yield from each(where.path, where.label, where.rule, item.cite)
        if item.design is not None:
            yield from each(
                (*where.path, "design"), f"{where.label} design basis", where.rule, item.design.cite
            )
    strength = rb.evidence_strength
    if strength is not None:
        label = "evidence_strength"
        yield from each((label,), label, None, strength.cite)
        for k, point in enumerate([*strength.points, strength.weight]):
            path: Path_ = (label, "points", k) if k < len(strength.points) else (label, "weight")
            yield from each(path, f"{label} '{point.title}'", None, point.cite)


def _identified(rb: Rulebook) -> dict[str, list[tuple[str, Path_]]]:
    """Every id that must be unique, grouped by kind, with where it is defined."""
    questions: list[tuple[str, Path_]] = [
        (q.id, ("framing", "questions", k)) for k, q in enumerate(rb.framing.questions)
    ]
    for i, factor in enumerate(rb.factors):
        questions += [
            (q.id, ("factors", i, "questions", k)) for k, q in enumerate(factor.questions)
        ]
    rules = [(r.id, w.path) for w, r, _t in tables(rb)]
    rules += [(s.id, ("safeguards", k)) for k, s in enumerate(rb.safeguards)]
    return {
        "factor": [(f.id, ("factors", k)) for k, f in enumerate(rb.factors)],
        "question": questions,
        "rule or safeguard": rules,
        "rating": [(r.id, ("ratings", k)) for k, r in enumerate(rb.ratings)],
        "stance": [(s.id, ("stances", k)) for k, s in enumerate(rb.stances)],
        "source": [(s.id, ("sources", k)) for k, s in enumerate(rb.sources)],
    }


def _check_unique(rb: Rulebook, check: Check, report: Reporter) -> None:
    """Each repeat of an id is reported where it is, naming the first definition."""
    groups = _identified(rb)
    for kind, defined in groups.items():
        first: dict[str, Path_] = {}
        for ident, path in defined:
            if ident not in first:
                first[ident] = path
                continue
            earlier = report.line_of(*first[ident])
            report.problem(
                check,
                Located(path, f"{kind} id '{ident}'", ident),
                f"is used more than once (first at line {earlier})",
            )
    factor_ids = {f for f, _p in groups["factor"]}
    for ident, path in groups["question"]:
        if ident in factor_ids:
            report.problem(
                check,
                Located(path, f"question {ident}", ident),
                "has the same id as a factor, so a monotonicity exception naming it "
                "would be ambiguous",
            )


def check_references(rb: Rulebook, report: Reporter) -> Check:
    check = Check("references")
    sources = {s.id for s in rb.sources}
    questions = rb.questions_by_id
    framing_ids = {q.id for q in rb.framing.questions}
    factor_ids = [f.id for f in rb.factors]
    ratings, stances = set(rb.rating_ids()), set(rb.stance_ids())
    _check_unique(rb, check, report)

    cited = 0
    for where, cite in all_citations(rb):
        cited += 1
        if cite.source not in sources:
            report.problem(check, where, f"cites unknown source '{cite.source}'")

    def check_condition(where: Located, cond: Condition, table: str) -> None:
        for atom in atoms(cond):
            if isinstance(atom, QuestionIs):
                question = questions.get(atom.question)
                if question is None:
                    report.problem(check, where, f"refers to unknown question '{atom.question}'")
                    continue
                owner = rb.factor_of_question.get(atom.question)
                if table.startswith("factor:") and owner != table.removeprefix("factor:"):
                    report.problem(
                        check,
                        where,
                        f"a factor's rules may only read its own questions, not '{atom.question}'",
                    )
                if not question.required:
                    report.problem(
                        check,
                        where,
                        f"reads '{atom.question}', which is optional (required: false); "
                        "left unanswered, it would stop the assessment",
                        "warning",
                    )
                if table == "stance" and atom.question not in framing_ids:
                    report.problem(
                        check,
                        where,
                        f"stance rules may read factor ratings and "
                        f"framing questions only, not '{atom.question}'",
                    )
                for value in atom.referenced_values():
                    if value not in question.option_ids():
                        report.problem(
                            check, where, f"question '{atom.question}' has no option '{value}'"
                        )
                op, _operand = atom.comparison
                if op in ("at_least", "at_most") and not question.ordered:
                    report.problem(
                        check,
                        where,
                        f"'{op}' used on '{atom.question}', whose options are not ordered",
                    )
            elif isinstance(atom, FactorIs):
                if atom.factor not in factor_ids:
                    report.problem(check, where, f"refers to unknown factor '{atom.factor}'")
                elif table.startswith("factor:"):
                    report.problem(check, where, "a factor's rules may not read factor ratings")
                for value in atom.referenced_values():
                    if value not in ratings:
                        report.problem(check, where, f"refers to unknown rating '{value}'")
            elif isinstance(atom, StanceIs):
                if table != "safeguard":
                    report.problem(check, where, "only safeguards may read the stance")
                for value in atom.referenced_values():
                    if value not in stances:
                        report.problem(check, where, f"refers to unknown stance '{value}'")

    for where, rule, table in tables(rb):
        if rule.when is not None:
            check_condition(where, rule.when, table)
        outcome = getattr(rule, "rating", None) or getattr(rule, "stance", None)
        valid = ratings if table.startswith("factor:") else stances
        if outcome not in valid:
            report.problem(
                check,
                where,
                f"gives unknown {'rating' if table != 'stance' else 'stance'} '{outcome}'",
            )
        if rule.monotonicity_exception:
            readable = _table_inputs(rb, table)
            for name in rule.monotonicity_exception.inputs:
                if name not in questions and name not in factor_ids:
                    report.problem(
                        check, where, f"monotonicity exception names unknown input '{name}'"
                    )
                elif name not in readable:
                    report.problem(
                        check,
                        where,
                        f"monotonicity exception names '{name}', which this table "
                        "cannot read, so it would never excuse anything",
                    )
    for k, safeguard in enumerate(rb.safeguards):
        where = Located(("safeguards", k), f"safeguard {safeguard.id}", safeguard.id)
        check_condition(where, safeguard.when, "safeguard")

    check.stats = {
        "citations": cited,
        "rules": sum(1 for _ in tables(rb)),
        "safeguards": len(rb.safeguards),
    }
    return check


def _table_inputs(rb: Rulebook, table: str) -> set[str]:
    """The inputs a table may read: a factor's own questions, or for the stance table
    the factor ratings and framing questions."""
    if table == "stance":
        return {f.id for f in rb.factors} | {q.id for q in rb.framing.questions}
    factor = rb.factor(table.removeprefix("factor:"))
    return {q.id for q in factor.questions}
