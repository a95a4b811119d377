"""The rules engine, without Qt."""

from __future__ import annotations

import pytest

from syslead_desktop.engine.conditions import EngineError
from syslead_desktop.engine.evaluate import assess
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.rulebook_file import load_rulebook


@pytest.fixture(scope="module")
def loaded():  # type: ignore[no-untyped-def]
    return load_rulebook()


def _best_answers(rulebook) -> dict[str, str]:  # type: ignore[no-untyped-def]
    answers = {q.id: q.options[-1].id for q in rulebook.all_questions()}
    answers["direction"] = "system_first"
    return answers


def test_rulebook_covers_the_five_factors(loaded) -> None:  # type: ignore[no-untyped-def]
    titles = " ".join(f.title.lower() for f in loaded.rulebook.factors)
    for word in ("success", "stability", "board", "relationships", "regulatory"):
        assert word in titles


def test_best_answers_give_the_most_permissive_stance(loaded) -> None:  # type: ignore[no-untyped-def]
    rb = loaded.rulebook
    a = assess(rb, loaded.hash, _best_answers(rb))
    assert a.stance_rank == len(rb.stances) - 1
    assert all(f.rating == rb.ratings[-1].id for f in a.factors)


def test_worst_answers_give_the_most_cautious_stance(loaded) -> None:  # type: ignore[no-untyped-def]
    rb = loaded.rulebook
    answers = {q.id: q.options[0].id for q in rb.all_questions()}
    a = assess(rb, loaded.hash, answers)
    assert a.stance_rank == 0
    assert a.counterfactuals.down == []
    assert a.counterfactuals.up, "there is always a way up from the bottom"


def test_example_assessment_has_reasons(loaded, example_path) -> None:  # type: ignore[no-untyped-def]
    decision = load_decision(example_path)
    a = assess(loaded.rulebook, loaded.hash, decision.answers)
    assert a.rulebook.hash == loaded.hash
    assert a.fired_rules
    # each rule rests on its sources or says it is the rulebook's own design, not both
    assert all(bool(r.citations) != (r.design is not None) for r in a.rules)
    for factor in a.factors:
        assert factor.drivers, f"{factor.id} has no driving answers"
    assert a.stance in loaded.rulebook.stance_ids()


def test_counterfactuals_really_move_the_stance(loaded, example_path) -> None:  # type: ignore[no-untyped-def]
    rb = loaded.rulebook
    answers = dict(load_decision(example_path).answers)
    base = assess(rb, loaded.hash, answers)
    for direction, step in (("up", 1), ("down", -1)):
        for cf in getattr(base.counterfactuals, direction):
            trial = {**answers, **{c.question: c.to_answer for c in cf.changes}}
            moved = assess(rb, loaded.hash, trial, with_counterfactuals=False)
            assert moved.stance_rank == base.stance_rank + step


def test_missing_answers_are_reported(loaded) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EngineError, match="unanswered"):
        assess(loaded.rulebook, loaded.hash, {})


def test_factors_that_work_in_reverse_come_from_the_rulebook(loaded, example_path) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.engine.explain import reversed_factors

    answers = dict(load_decision(example_path).answers)
    assert reversed_factors(loaded.rulebook, answers) == {}
    answers["direction"] = "trust_first"
    found = reversed_factors(loaded.rulebook, answers)
    assert list(found) == ["stability"] and "trust-first" in found["stability"]
