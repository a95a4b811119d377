"""The wizard's navigation model, walked without Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from syslead_desktop.domain.rulebook import Rulebook
from syslead_desktop.domain.wizard_flow import StepKind, WizardFlow
from syslead_desktop.errors import SysLeadError
from syslead_desktop.locations import default_rulebook_path
from syslead_desktop.services.decision_file import load_decision, new_decision
from syslead_desktop.services.rulebook_file import load_rulebook

REVIEW_QUESTION, REVIEW_SET = "review_date", "set"  # the core rulebook's, as its file says


def promising(rulebook: Rulebook) -> list[tuple[str, str]]:
    """(question, option) of every answer that promises the review date."""
    return [
        (q.id, o.id)
        for q in rulebook.questions_by_id.values()
        for o in q.options
        if o.promises == "review_date"
    ]


def test_steps_follow_the_rulebook() -> None:
    loaded = load_rulebook()
    flow = WizardFlow(loaded.rulebook)
    kinds = [s.kind for s in flow.steps]
    assert kinds[0] is StepKind.WELCOME and kinds[1] is StepKind.FRAMING
    assert kinds[-2:] == [StepKind.REVIEW, StepKind.FINISH]
    assert [s.factor_id for s in flow.steps if s.kind is StepKind.FACTOR] == [
        f.id for f in loaded.rulebook.factors
    ]


def test_walk_a_new_decision_page_by_page() -> None:
    loaded = load_rulebook()
    flow = WizardFlow(loaded.rulebook)
    decision = new_decision(loaded.rulebook, loaded.hash)
    step: str | None = "welcome"
    visited = []
    while step is not None:
        visited.append(step)
        status = flow.status(step, decision)
        if not status.complete:
            assert "to continue" in status.reason or "first" in status.reason
            for qid in status.missing[:3]:
                if qid != "title":  # the reason names the questions still to answer
                    text = loaded.rulebook.questions_by_id[qid].text.rstrip("?.")
                    assert f"“{text}”" in status.reason
            if flow.step(step).kind is StepKind.FRAMING:
                assert "title" in status.reason
                decision.framing.title = "A decision"
            for qid in status.missing:
                if qid != "title":
                    decision.answers[qid] = loaded.rulebook.questions_by_id[qid].options[-1].id
            assert flow.status(step, decision).complete
        step = flow.next_id(step)
    assert visited == [s.id for s in flow.steps]
    assert flow.first_incomplete(decision) is None
    assert flow.previous_id("framing") == "welcome" and flow.next_id("finish") is None


def test_review_says_which_pages_are_incomplete(example_path: Path) -> None:
    loaded = load_rulebook()
    flow = WizardFlow(loaded.rulebook)
    decision = load_decision(example_path)
    assert flow.status("review", decision).complete
    first_factor = loaded.rulebook.factors[0]
    del decision.answers[first_factor.questions[0].id]
    status = flow.status("review", decision)
    assert not status.complete and first_factor.title in status.reason
    assert flow.first_incomplete(decision) == f"factor:{first_factor.id}"


def test_a_review_date_promised_but_not_given_is_a_warning_where_it_matters(
    example_path: Path,
) -> None:
    loaded = load_rulebook()
    flow = WizardFlow(loaded.rulebook)
    decision = load_decision(example_path)
    assert decision.answers[REVIEW_QUESTION] == REVIEW_SET
    assert all(not flow.warnings(s.id, decision) for s in flow.steps), "the date is given"
    decision.framing.review_date = None
    warned = [s.id for s in flow.steps if flow.warnings(s.id, decision)]
    factor = loaded.rulebook.factor_of_question[REVIEW_QUESTION]
    assert warned == ["framing", f"factor:{factor}", "review", "finish"]
    text = flow.warnings("review", decision)[0]
    assert "no review date is given" in text and "step 2, The decision" in text
    here = flow.warnings("framing", decision)[0]
    assert here.endswith("under “Review date” on this page."), "not 'in step 2' on step 2"
    assert flow.status("review", decision).complete, "a warning never blocks"
    decision.answers[REVIEW_QUESTION] = "intended"
    assert all(not flow.warnings(s.id, decision) for s in flow.steps)


def test_the_rulebook_declares_which_answer_promises_a_review_date(
    tmp_path: Path, example_path: Path
) -> None:
    """The check was a hard-coded question id and option in the wizard's code; it is the
    rulebook's own data now: moved to another answer, the warning follows it."""
    assert promising(load_rulebook().rulebook) == [(REVIEW_QUESTION, REVIEW_SET)]
    text = default_rulebook_path().read_text(encoding="utf-8")
    marker = "            promises: review_date"
    assert text.count(marker) == 1
    moved = text.replace(marker, "").replace(
        "          - {id: all, label: Every outcome has a baseline and a target}",
        "          - {id: all, label: Every outcome has a baseline and a target, "
        "promises: review_date}",
    )
    adapted = tmp_path / "adapted.yaml"
    adapted.write_text(moved, encoding="utf-8")
    rulebook = load_rulebook(adapted).rulebook
    [(question, option)] = promising(rulebook)
    assert option == "all" and question != REVIEW_QUESTION
    flow = WizardFlow(rulebook)
    decision = load_decision(example_path)
    decision.framing.review_date = None
    decision.answers[question] = "all"
    assert decision.answers[REVIEW_QUESTION] == REVIEW_SET  # no longer a promise
    [warning] = flow.warnings("review", decision)
    assert "Every outcome has a baseline and a target" in warning
    decision.answers[question] = "some"
    assert all(not flow.warnings(s.id, decision) for s in flow.steps)


def test_a_promise_of_an_unknown_detail_is_refused(tmp_path: Path) -> None:
    text = default_rulebook_path().read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("promises: review_date", "promises: meeting_day"), "utf-8")
    with pytest.raises(SysLeadError, match="promises"):
        load_rulebook(bad)


def test_every_detail_an_answer_can_promise_is_known_to_the_wizard() -> None:
    from typing import get_args

    from syslead_desktop.domain.rulebook import PromisedDetail
    from syslead_desktop.domain.wizard_flow import DETAILS

    assert set(get_args(PromisedDetail)) == set(DETAILS)
