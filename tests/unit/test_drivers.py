"""'Decided by': the answers that explain a factor's rating, also for 'otherwise' rules."""

from __future__ import annotations

import itertools
from pathlib import Path

from syslead_desktop.engine.conditions import Context, Scales
from syslead_desktop.engine.evaluate import _drivers, assess, rate_factor
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.rulebook_file import load_rulebook


def test_a_mixed_regulatory_rating_names_only_what_holds_it_back(example_path: Path) -> None:
    loaded = load_rulebook()
    answers = load_decision(example_path).answers
    result = assess(loaded.rulebook, loaded.hash, answers).factor("regulatory")
    assert result.rating == "mixed"
    # Segment 2, a Good rating and no undertakings do not hold it back: only the
    # briefing of the regulators, still to be given, does.
    assert [d.question for d in result.drivers] == ["regulator_briefed"]


def test_every_driver_of_a_middle_rating_could_move_it_on_its_own() -> None:
    """Over every combination of every factor's answers: where a single better answer
    could raise an 'otherwise' rating, the drivers are exactly those answers."""
    loaded = load_rulebook()
    rulebook = loaded.rulebook
    scales = Scales.of(rulebook)
    top = len(rulebook.ratings) - 1
    checked = 0
    for factor in rulebook.factors:
        options = [q.option_ids() for q in factor.questions]
        for combo in itertools.product(*options):
            answers = {q.id: a for q, a in zip(factor.questions, combo, strict=True)}
            outcome = rate_factor(factor, Context(answers, {}), scales)
            if outcome.rules[0].when is not None:
                continue  # a named rule: its own conditions are the drivers
            here = scales.rating_ranks[outcome.outcome]
            raising = set()
            for q in factor.questions:
                ranks = scales.question_ranks[q.id]
                for option, rank in ranks.items():
                    if rank > ranks[answers[q.id]]:
                        trial = Context({**answers, q.id: option}, {})
                        moved = rate_factor(factor, trial, scales).outcome
                        if scales.rating_ranks[moved] > here:
                            raising.add(q.id)
            if not raising or here == top:
                continue
            ctx = Context(answers, {})
            drivers = {d.question for d in _drivers(rulebook, factor, outcome, ctx, scales)}
            assert drivers == raising, (factor.id, answers)
            checked += 1
    assert checked > 10
