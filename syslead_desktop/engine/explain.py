"""Explanations that depend on the kind of decision, read from the rulebook's own data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..domain.assessment import FiredRule, SafeguardOut
from ..domain.conditions import QuestionIs
from ..domain.rulebook import Rulebook
from .conditions import Context, Scales, atoms, holds


def reversed_factors(rulebook: Rulebook, answers: Mapping[str, str]) -> dict[str, str]:
    """Factors that work in reverse for this kind of decision, with the rulebook's reason.

    A stance rule that declares a monotonicity exception for a factor, and whose plain
    choices (unordered framing questions, such as the direction) match these answers,
    says that for this kind of decision a lower rating of that factor supports it.
    """
    scales = Scales.of(rulebook)
    plain = {q.id for q in rulebook.framing.questions if not q.ordered}
    factor_ids = {f.id for f in rulebook.factors}
    found: dict[str, str] = {}
    for rule in rulebook.stance_rules:
        exception = rule.monotonicity_exception
        if exception is None or rule.when is None:
            continue
        choices = [a for a in atoms(rule.when) if isinstance(a, QuestionIs) and a.question in plain]
        if not choices or not all(holds(a, Context(answers, {}), scales) for a in choices):
            continue
        for name in exception.inputs:
            if name in factor_ids:
                found.setdefault(name, exception.reason)
    return found


def number_word(n: int) -> str:
    """Numbers under ten in words, as house style for board papers has it."""
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    return words[n] if 0 <= n < len(words) else str(n)


def basis_counts(items: Sequence[FiredRule | SafeguardOut]) -> tuple[int, int]:
    """How many of these rules or safeguards rest on a cited source, and how many are
    the rulebook's own design."""
    design = sum(1 for item in items if item.design is not None)
    return len(items) - design, design


def basis_sentence(items: Sequence[FiredRule | SafeguardOut], noun: str) -> str:
    """ "Of the eight rules applied, one rests on a cited source and seven are the
    rulebook's own design." """
    evidence, design = basis_counts(items)

    def count(n: int) -> str:
        return "none" if n == 0 else number_word(n)

    rests = "rests" if evidence <= 1 else "rest"
    are = "is" if design == 1 else "are"
    return (
        f"Of the {number_word(len(items))} {noun}, {count(evidence)} {rests} on a cited "
        f"source and {count(design)} {are} the rulebook's own design."
    )


def basis_text(item: FiredRule | SafeguardOut) -> str:
    """What a rule or safeguard rests on, in words that tell evidence from design at a
    glance: "Evidence: Gordon 2021, Table 2", or "Tool design, building on … (…)"."""
    if item.design is not None:
        return item.design.text
    cites = "; ".join(c.text for c in item.citations)
    return f"Evidence: {cites}" if cites else "No basis given"
