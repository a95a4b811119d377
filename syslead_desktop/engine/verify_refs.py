"""Reference checks: every id that is referred to exists, and ids are unique."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..domain.conditions import Condition, FactorIs, QuestionIs, StanceIs
from ..domain.rulebook import Citation, Rule, Rulebook
from .conditions import atoms
from .verify_report import Check, Problem

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """Something in the rulebook that a problem can point at."""

    path: Path_
    label: str  # e.g. "rule R-BRD-2 (factor 'board')"
    rule: str | None


class Reporter:
    def __init__(self, file: str, line_of: object):
        self.file = file
        self._line_of = line_of

    def problem(self, check: Check, where: Located, message: str, severity: str = "error") -> None:
        line = self._line_of(*where.path)  # type: ignore[operator]
        check.problems.append(
            Problem(severity, f"{where.label}: {message}", self.file, line, where.rule)  # type: ignore[arg-type]
        )


def tables(rb: Rulebook) -> Iterator[tuple[Located, Rule, str]]:
    rule: Rule
    """Every rule with where it is and which table ('factor:<id>' or 'stance') it is in."""
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


def _citations(rb: Rulebook) -> Iterator[tuple[Located, Citation]]:
    def each(
        path: Path_, label: str, rule: str | None, cites: list[Citation]
    ) -> Iterator[tuple[Located, Citation]]:
        for k, cite in enumerate(cites):
            yield Located((*path, "cite", k), label, rule), cite

    yield from each(("framing",), "framing", None, rb.framing.cite)
    for qi, q in enumerate(rb.framing.questions):
        yield from each(("framing", "questions", qi), f"question {q.id}", None, q.cite)
    for i, f in enumerate(rb.factors):
        yield from each(("factors", i), f"factor {f.id}", None, f.cite)
        for qi, q in enumerate(f.questions):
            yield from each(("factors", i, "questions", qi), f"question {q.id}", None, q.cite)
    for where, rule, _table in tables(rb):
        yield from each(where.path, where.label, where.rule, rule.cite)
    for k, s in enumerate(rb.safeguards):
        yield from each(("safeguards", k), f"safeguard {s.id}", s.id, s.cite)


def _duplicates(ids: list[str]) -> set[str]:
    seen: set[str] = set()
    return {i for i in ids if i in seen or seen.add(i)}  # type: ignore[func-returns-value]


def check_references(rb: Rulebook, report: Reporter) -> Check:
    check = Check("references")
    sources = {s.id for s in rb.sources}
    questions = rb.questions_by_id
    framing_ids = {q.id for q in rb.framing.questions}
    factor_ids = [f.id for f in rb.factors]
    ratings, stances = set(rb.rating_ids()), set(rb.stance_ids())

    groups: dict[str, list[str]] = {
        "factor": factor_ids,
        "question": [q.id for q in rb.all_questions()],
        "rule or safeguard": [r.id for _w, r, _t in tables(rb)] + [s.id for s in rb.safeguards],
        "rating": rb.rating_ids(),
        "stance": rb.stance_ids(),
        "source": [s.id for s in rb.sources],
    }
    for kind, ids in groups.items():
        for dup in sorted(_duplicates(ids)):
            report.problem(check, Located((), f"{kind} id '{dup}'", dup), "is used more than once")

    cited = 0
    for where, cite in _citations(rb):
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
            for name in rule.monotonicity_exception.inputs:
                if name not in questions and name not in factor_ids:
                    report.problem(
                        check, where, f"monotonicity exception names unknown input '{name}'"
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
