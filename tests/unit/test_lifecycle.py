"""The decision's lifecycle: every move allowed or refused, and the history it leaves."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from syslead_desktop.domain.decision import Decision, RulebookRef
from syslead_desktop.domain.lifecycle import (
    OUTCOMES,
    STATUSES,
    TRANSITIONS,
    StatusRequest,
    TransitionError,
    allowed_moves,
    change_status,
)

DAY = dt.date(2026, 3, 1)
LATER = "f" * 32


def decision(**changes: object) -> Decision:
    d = Decision(id="a" * 32, rulebook=RulebookRef(id="syslead-core", version="1.0.0"))
    d.board_paper.meeting_date = dt.date(2026, 3, 12)
    for key, value in changes.items():
        setattr(d, key, value)
    return d


def request(to: str, **extra: object) -> StatusRequest:
    defaults: dict[str, object] = {"on": DAY, "by": "Sam Clerk"}
    if to == "decided":
        defaults["outcome"] = "approved"
    if to == "superseded":
        defaults["superseded_by"] = LATER
    return StatusRequest(to=to, **{**defaults, **extra})  # type: ignore[arg-type]


def reach(status: str) -> Decision:
    """A decision taken to ``status`` by allowed moves."""
    path = {
        "draft": [],
        "submitted": ["submitted"],
        "decided": ["submitted", "decided"],
        "closed": ["submitted", "decided", "closed"],
        "superseded": ["submitted", "decided", "superseded"],
    }[status]
    d = decision()
    for step in path:
        d = change_status(d, request(step))
    return d


def test_the_table_is_the_whole_lifecycle() -> None:
    assert allowed_moves("draft") == ["submitted"]
    assert allowed_moves("submitted") == ["draft", "decided", "superseded"]
    assert allowed_moves("decided") == ["submitted", "closed", "superseded"]
    assert allowed_moves("closed") == ["superseded"]
    assert allowed_moves("superseded") == []


@pytest.mark.parametrize(("current", "to"), list(itertools.product(STATUSES, STATUSES)))
def test_every_pair_of_statuses(current: str, to: str) -> None:
    start = reach(current)
    if current == "decided" and to == "submitted":
        start.resolution.outcome = "deferred"  # type: ignore[union-attr]
    if (current, to) in TRANSITIONS:
        moved = change_status(start, request(to))
        assert moved.status == to
        assert moved.history[-1].status == to and moved.history[-1].by == "Sam Clerk"
        assert len(moved.history) == len(start.history) + 1
        assert start.status == current, "the original is never changed"
    else:
        with pytest.raises(TransitionError) as caught:
            change_status(start, request(to))
        assert "\n" not in str(caught.value)


def test_submitting_needs_a_named_meeting_and_its_date() -> None:
    d = decision()
    d.board_paper.meeting = " "
    with pytest.raises(TransitionError, match="named meeting"):
        change_status(d, request("submitted"))
    d = decision()
    d.board_paper.meeting_date = None
    with pytest.raises(TransitionError, match="meeting date"):
        change_status(d, request("submitted"))
    moved = change_status(
        d, request("submitted", meeting="Finance Committee", meeting_date=dt.date(2026, 4, 2))
    )
    assert moved.board_paper.meeting == "Finance Committee"
    assert moved.history[-1].meeting == "Finance Committee"
    assert moved.board_paper.meeting_date == dt.date(2026, 4, 2)


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_deciding_records_the_resolution(outcome: str) -> None:
    moved = change_status(
        reach("submitted"),
        request(
            "decided",
            outcome=outcome,
            minute_reference=" BD/26/041 ",
            amendments="Review at six months.",
            dissent="One non-executive abstained.",
        ),
    )
    r = moved.resolution
    assert r is not None and r.outcome == outcome and r.date == DAY
    assert r.minute_reference == "BD/26/041" and r.meeting == "Board of Directors"
    assert r.amendments == "Review at six months." and r.dissent.startswith("One")


def test_deciding_needs_an_outcome_and_only_deciding_takes_one() -> None:
    with pytest.raises(TransitionError, match="outcome"):
        change_status(reach("submitted"), request("decided", outcome=None))
    with pytest.raises(TransitionError, match="only when"):
        change_status(reach("decided"), request("closed", outcome="approved"))


def test_only_a_deferred_decision_goes_back_to_a_meeting() -> None:
    with pytest.raises(TransitionError, match="deferred"):
        change_status(reach("decided"), request("submitted"))
    deferred = change_status(reach("submitted"), request("decided", outcome="deferred"))
    again = change_status(deferred, request("submitted", meeting_date=dt.date(2026, 5, 1)))
    assert again.status == "submitted" and [h.status for h in again.history] == [
        "submitted",
        "decided",
        "submitted",
    ]


def test_superseding_names_a_later_decision_never_itself() -> None:
    with pytest.raises(TransitionError, match="name the later"):
        change_status(reach("decided"), request("superseded", superseded_by=None))
    with pytest.raises(TransitionError, match="itself"):
        change_status(reach("decided"), request("superseded", superseded_by="a" * 32))
    with pytest.raises(TransitionError, match="not a decision id"):
        change_status(reach("decided"), request("superseded", superseded_by="later"))
    assert change_status(reach("closed"), request("superseded")).superseded_by == LATER


def test_history_is_kept_in_date_order() -> None:
    d = change_status(decision(), request("submitted", on=dt.date(2026, 3, 5)))
    with pytest.raises(TransitionError, match="date order"):
        change_status(d, request("decided", on=dt.date(2026, 3, 4)))
    assert change_status(d, request("decided", on=dt.date(2026, 3, 5))).status == "decided"


def test_withdrawing_a_paper_clears_nothing_but_its_status() -> None:
    withdrawn = change_status(reach("submitted"), request("draft", note="Pulled from agenda"))
    assert withdrawn.status == "draft" and withdrawn.resolution is None
    assert withdrawn.history[-1].note == "Pulled from agenda"
