"""Actions (#16): the lifecycle, due-date suggestion, and fitting actions to the
recommendation's safeguards."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest
from pydantic import ValidationError

from syslead_desktop.domain.actions import (
    ACTION_STATUSES,
    ACTION_TRANSITIONS,
    Action,
    ActionError,
    Owner,
    Timing,
    add_months,
    add_note,
    allowed_moves,
    edit_action,
    find_action,
    move_action,
    new_action,
    remove_action,
    suggest_due,
    sync_actions,
)
from syslead_desktop.domain.decision import Decision
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision

MEETING = dt.date(2026, 12, 10)
TIMINGS = [
    Timing(timing="Before the board papers are issued", days=-7),
    Timing(timing="Within six months", months=6),
    Timing(timing="Before the decision takes effect", months=1),
]


class Safeguard(NamedTuple):
    id: str
    text: str
    owner: str
    timing: str


CHAIR = Safeguard(
    "C-CHAIR", "Meet the chair.", "Chief executive", "Before the board papers are issued"
)
CAP = Safeguard("C-COST-CAP", "Cap the exposure.", "Director of finance", "Within six months")
QIA = Safeguard("C-QIA", "Assess quality.", "Chief nurse", "Before the decision takes effect")


def action(**changes: object) -> Action:
    base = Action(id="C-CHAIR", text="Meet the chair.", owner=Owner(role="Chief executive"))
    return base.model_copy(update=changes)


# ---- the lifecycle ----------------------------------------------------------------------
def test_every_status_can_move_somewhere_and_every_move_is_explained() -> None:
    for status in ACTION_STATUSES:
        assert allowed_moves(status), status
    assert all(reason for reason in ACTION_TRANSITIONS.values())
    assert allowed_moves("open") == ["in_progress", "done", "dropped"]
    assert allowed_moves("dropped") == ["open"]


def test_an_action_moves_through_its_life_with_a_dated_history() -> None:
    a = action()
    started = move_action(a, "in_progress", dt.date(2026, 12, 1), by="Priya Raman", note="Booked")
    done = move_action(started, "done", dt.date(2026, 12, 8), note="Met on 8 December")
    assert a.status == "open" and a.updates == [], "the action itself is never changed"
    assert [(u.on, u.status, u.note) for u in done.updates] == [
        (dt.date(2026, 12, 1), "in_progress", "Booked"),
        (dt.date(2026, 12, 8), "done", "Met on 8 December"),
    ]
    assert done.updates[0].by == "Priya Raman" and done.latest == done.updates[-1]
    reopened = move_action(done, "in_progress", dt.date(2026, 12, 9), note="Chair wants more")
    assert reopened.status == "in_progress" and reopened.live


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        ("open", "open", "already open"),
        ("done", "dropped", "a done action cannot become dropped; it can become in progress"),
        ("done", "open", "cannot become open"),
    ],
)
def test_moves_the_lifecycle_does_not_allow_are_refused_in_plain_words(
    start: str, to: str, message: str
) -> None:
    with pytest.raises(ActionError, match=message):
        move_action(action(status=start), to, dt.date(2026, 12, 1))  # type: ignore[arg-type]


def test_a_dropped_action_always_has_its_reason() -> None:
    with pytest.raises(ActionError, match="say why the action is dropped"):
        move_action(action(), "dropped", dt.date(2026, 12, 1))
    with pytest.raises(ActionError, match="say why"):
        move_action(action(), "dropped", dt.date(2026, 12, 1), reason="   ")
    dropped = move_action(
        action(), "dropped", dt.date(2026, 12, 1), reason="The chair has already agreed it"
    )
    assert dropped.status == "dropped" and dropped.reason == "The chair has already agreed it"
    assert dropped.updates[-1].note == "The chair has already agreed it"
    with pytest.raises(ValidationError, match="needs the reason"):
        Action(id="X", text="t", status="dropped")
    with pytest.raises(ActionError, match="only when an action is dropped"):
        move_action(action(), "done", dt.date(2026, 12, 1), reason="because")
    again = move_action(dropped, "open", dt.date(2026, 12, 2), note="Needed after all")
    assert again.status == "open" and again.reason == "", "taken up again: no reason left"


def test_progress_notes_are_dated_and_kept_in_date_order() -> None:
    a = add_note(action(), dt.date(2026, 12, 2), "Chair's office offered 4 December", by="PA")
    assert a.status == "open" and a.updates[0].status is None and a.started
    with pytest.raises(ActionError, match="before the action's last update"):
        add_note(a, dt.date(2026, 12, 1), "too early")
    with pytest.raises(ActionError, match="before the action's last update"):
        move_action(a, "done", dt.date(2026, 11, 30))
    with pytest.raises(ActionError, match="needs some text"):
        add_note(a, dt.date(2026, 12, 3), "  ")


def test_editing_keeps_the_rulebook_wording_as_the_origin() -> None:
    decision = assessed_example()
    first = decision.actions[0]
    assert first.origin is not None and first.text == first.origin.text and not first.edited()
    edited = edit_action(
        first, text="Hold the NED session on 8 December", owner_name="  Dame  Ann Lowe "
    )
    assert edited.text == "Hold the NED session on 8 December" and edited.edited()
    assert edited.origin == first.origin, "the rulebook's own words are kept"
    assert edited.owner.name == "Dame Ann Lowe" and edited.owner.role == first.owner.role
    assert edited.owner.text() == f"Dame Ann Lowe ({first.owner.role})"
    back = edit_action(edited, text="")
    assert back.text == first.origin.text, "empty text returns to the rulebook's wording"
    moved = edit_action(first, due=dt.date(2027, 1, 4))
    assert moved.due == dt.date(2027, 1, 4) and moved.origin == first.origin
    assert edit_action(first, due=None).due is None


def test_own_actions_get_ids_of_their_own_and_only_they_can_be_deleted() -> None:
    decision = assessed_example()
    mine = new_action(decision.actions, "Report to the ICB board", owner="Tom Ellery")
    assert mine.id == "own-1" and not mine.suggested and mine.edited()
    actions = [*decision.actions, mine]
    second = new_action(actions, "Tell staff")
    assert second.id == "own-2"
    assert [a.id for a in remove_action(actions, "own-1")] == [a.id for a in decision.actions]
    with pytest.raises(ActionError, match="cannot be deleted: drop it with the reason"):
        remove_action(actions, decision.actions[0].id)
    noted = add_note(mine, dt.date(2026, 12, 11), "Drafted")
    with pytest.raises(ActionError, match="progress recorded"):
        remove_action([noted], "own-1")
    with pytest.raises(ActionError, match="no action 'nope'"):
        find_action(actions, "nope")
    assert find_action(actions, "OWN-1") == mine
    with pytest.raises(ActionError, match="needs some text"):
        new_action(actions, " ")


def test_action_ids_are_unique_within_a_decision() -> None:
    decision = load_decision_example()
    with pytest.raises(ValidationError, match="two actions have the id 'own-1'"):
        Decision.model_validate(
            {
                **decision.model_dump(),
                "actions": [{"id": "own-1", "text": "a"}, {"id": "own-1", "text": "b"}],
            }
        )


# ---- due dates ----------------------------------------------------------------------------
def test_due_dates_are_suggested_from_the_timing_and_the_meeting_date() -> None:
    assert suggest_due("Before the board papers are issued", MEETING, TIMINGS) == dt.date(
        2026, 12, 3
    )
    assert suggest_due("Within six months", MEETING, TIMINGS) == dt.date(2027, 6, 10)
    assert suggest_due("  within SIX   months ", MEETING, TIMINGS) == dt.date(2027, 6, 10)
    assert suggest_due("Some phrase no timing names", MEETING, TIMINGS) == MEETING
    assert suggest_due("Within six months", None, TIMINGS) is None


def test_months_stay_within_the_month() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 3, 15), -3) == dt.date(2025, 12, 15)


def test_the_shipped_rulebook_gives_every_safeguard_timing_a_due_date() -> None:
    rulebook = load_rulebook().rulebook
    phrases = {t.timing for t in rulebook.timings}
    assert {s.timing for s in rulebook.safeguards} <= phrases
    assert suggest_due("Before the board papers are issued", MEETING, rulebook.timings) < MEETING


# ---- fitting actions to the recommendation -------------------------------------------------
def test_each_safeguard_becomes_an_action_with_its_role_and_suggested_date() -> None:
    actions = sync_actions([], [CHAIR, CAP], MEETING, TIMINGS)
    assert [a.id for a in actions] == ["C-CHAIR", "C-COST-CAP"]
    chair = actions[0]
    assert chair.text == "Meet the chair." and chair.owner == Owner(role="Chief executive")
    assert chair.due == dt.date(2026, 12, 3) == chair.origin.due  # type: ignore[union-attr]
    assert chair.origin is not None and chair.origin.timing == CHAIR.timing
    assert chair.status == "open" and chair.updates == []


def test_fitting_keeps_what_the_user_did_and_is_stable() -> None:
    actions = sync_actions([], [CHAIR, CAP], MEETING, TIMINGS)
    named = edit_action(actions[1], owner_name="Sam Okafor", due=dt.date(2027, 3, 31))
    mine = new_action(actions, "Tell staff")
    kept = sync_actions([actions[0], named, mine], [CHAIR, CAP], MEETING, TIMINGS)
    assert kept == [actions[0], named, mine]
    assert sync_actions(kept, [CHAIR, CAP], MEETING, TIMINGS) == kept, "fitting twice: the same"


def test_a_draft_follows_its_answers_and_its_meeting_date() -> None:
    actions = sync_actions([], [CHAIR, CAP, QIA], MEETING, TIMINGS)
    cap = edit_action(actions[1], due=dt.date(2027, 5, 1))  # chosen by hand
    qia = move_action(actions[2], "in_progress", dt.date(2026, 11, 30))
    later = MEETING + dt.timedelta(days=28)
    # the answers changed: CAP and QIA no longer apply; the meeting moved by four weeks
    fitted = sync_actions([actions[0], cap, qia], [CHAIR], later, TIMINGS)
    assert [a.id for a in fitted] == ["C-CHAIR", "C-QIA"], (
        "an untouched action whose safeguard went is removed; one with progress stays"
    )
    assert fitted[0].due == later - dt.timedelta(days=7), "a suggested date follows the meeting"
    assert fitted[1] == qia
    edited = sync_actions([cap], [CAP], later, TIMINGS)
    assert edited[0].due == dt.date(2027, 5, 1), "a date chosen by hand stays"


def test_once_issued_the_actions_are_those_the_board_was_shown() -> None:
    actions = sync_actions([], [CHAIR, CAP], MEETING, TIMINGS)
    issued = sync_actions(actions, [QIA], MEETING + dt.timedelta(days=60), TIMINGS, draft=False)
    assert issued == actions, "nothing added or removed, no date moved"
    older = sync_actions([], [CHAIR], MEETING, TIMINGS, draft=False)
    assert [a.id for a in older] == ["C-CHAIR"], "an issued decision with none kept gets them"


def load_decision_example() -> Decision:
    from tests.conftest import EXAMPLE

    return load_decision(EXAMPLE)


def assessed_example() -> Decision:
    return assess_decision(load_decision_example(), load_rulebook()).decision


def test_assessing_a_decision_fits_its_actions_and_measures() -> None:
    decision = load_decision_example()
    assert decision.actions == []
    assessed = assess_decision(decision, load_rulebook())
    fitted = assessed.decision
    assert [a.id for a in fitted.actions] == [s.id for s in assessed.assessment.safeguards]
    assert all(a.due is not None and a.owner.role for a in fitted.actions)
    assert [m.text for m in fitted.measures] == decision.framing.success_measures
    assert decision.actions == [], "the decision given is not changed"
    again = assess_decision(fitted, load_rulebook()).decision
    assert again == fitted
