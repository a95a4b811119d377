"""Explanations that depend on the kind of decision, read from the rulebook's own data."""

from __future__ import annotations

from collections.abc import Mapping

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
