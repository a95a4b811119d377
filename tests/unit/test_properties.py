"""Property-based checks over random complete answer sets (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from syslead_desktop.engine.evaluate import assess
from syslead_desktop.services.rulebook_file import load_rulebook

LOADED = load_rulebook()
RB = LOADED.rulebook
ANSWERS = st.fixed_dictionaries({q.id: st.sampled_from(q.option_ids()) for q in RB.all_questions()})
EXCEPTED = {
    name
    for rule in RB.stance_rules
    if rule.monotonicity_exception
    for name in rule.monotonicity_exception.inputs
}


@settings(max_examples=300, deadline=None)
@given(ANSWERS)
def test_engine_never_raises_and_gives_exactly_one_stance(answers: dict[str, str]) -> None:
    a = assess(RB, LOADED.hash, answers, with_counterfactuals=False)
    assert a.stance in RB.stance_ids()
    assert a.stance_rank == RB.stance_ids().index(a.stance)
    assert [f.id for f in a.factors] == [f.id for f in RB.factors]
    assert sum(1 for r in a.rules if r.level == "stance") >= 1
    assert len({r.outcome for r in a.rules if r.level == "stance"}) == 1


@settings(max_examples=300, deadline=None)
@given(ANSWERS, st.data())
def test_a_better_answer_never_lowers_the_stance(answers: dict[str, str], data) -> None:  # type: ignore[no-untyped-def]
    question = data.draw(st.sampled_from([q for q in RB.all_questions() if q.ordered]))
    rank = question.rank(answers[question.id])
    if rank + 1 >= len(question.options):
        return
    factor = RB.factor_of_question.get(question.id)
    before = assess(RB, LOADED.hash, answers, with_counterfactuals=False)
    better = {**answers, question.id: question.options[rank + 1].id}
    after = assess(RB, LOADED.hash, better, with_counterfactuals=False)
    if factor is not None:
        assert after.factor(factor).rating_rank >= before.factor(factor).rating_rank
    if factor in EXCEPTED or question.id in EXCEPTED:
        return  # declared, with a reason, in the rulebook
    assert after.stance_rank >= before.stance_rank


@settings(max_examples=40, deadline=None)
@given(ANSWERS)
def test_counterfactuals_move_the_stance_exactly_one_step(answers: dict[str, str]) -> None:
    base = assess(RB, LOADED.hash, answers)
    assert base.counterfactuals.up or base.stance_rank == len(RB.stances) - 1
    for direction, step in (("up", 1), ("down", -1)):
        found = getattr(base.counterfactuals, direction)
        sizes = {len(cf.changes) for cf in found}
        assert len(sizes) <= 1, "all alternatives are equally small"
        for cf in found:
            trial = {**answers, **{c.question: c.to_answer for c in cf.changes}}
            moved = assess(RB, LOADED.hash, trial, with_counterfactuals=False)
            assert moved.stance_rank == base.stance_rank + step
            assert all(c.question != "direction" for c in cf.changes)
