"""A decision's life after the paper: statuses, the moves between them, and their history.

The statuses, in order of a decision's life:

- ``draft``: being prepared; the paper carries a DRAFT watermark.
- ``submitted``: the paper is issued for a named meeting.
- ``decided``: the board's resolution is recorded (date, outcome, minute reference,
  amendments and any dissent noted).
- ``closed``: the decision has been reviewed and needs no more follow-up.
- ``superseded``: a named later decision replaces it (linked both ways).

Every move is one of :data:`TRANSITIONS` and is appended to the decision's history with
its date and by whom. The model is small and explicit on purpose: a board secretary
should be able to read this table and know what SysLead will and will not let happen.
"""

import datetime as dt
import re
from typing import TYPE_CHECKING

from pydantic import Field

from .base import EditableModel, NonEmptyText
from .statuses import OUTCOME_LABELS, OUTCOMES, STATUS_LABELS, STATUSES, Outcome, Status

if TYPE_CHECKING:
    from .decision import Decision

__all__ = ["OUTCOMES", "OUTCOME_LABELS", "STATUSES", "STATUS_LABELS", "Outcome", "Status"]

#: Every move the lifecycle allows, with what it means.
TRANSITIONS: dict[tuple[str, str], str] = {
    ("draft", "submitted"): "the paper is issued for a named meeting",
    ("submitted", "draft"): "the paper is withdrawn before the meeting",
    ("submitted", "decided"): "the board's resolution is recorded",
    ("submitted", "superseded"): "a later paper replaces it before a decision",
    ("decided", "submitted"): "a deferred decision comes back to a later meeting",
    ("decided", "closed"): "the decision has been reviewed and is closed",
    ("decided", "superseded"): "a later decision replaces it",
    ("closed", "superseded"): "a later decision replaces it",
}


class StatusChange(EditableModel):
    """One entry in a decision's history: the status it moved to, when, and by whom."""

    status: Status
    on: dt.date
    by: str = ""
    meeting: str = Field(default="", description="For 'submitted': the meeting it is for.")
    note: str = ""


class Resolution(EditableModel):
    """What the board resolved, as its minutes record it."""

    date: dt.date
    outcome: Outcome
    meeting: str = ""
    minute_reference: str = ""
    amendments: str = ""
    dissent: str = Field(default="", description="Dissent, if the minutes note any.")


class TransitionError(ValueError):
    """A status change the lifecycle does not allow, with the reason in plain words."""


class StatusRequest(EditableModel):
    """What a status change needs to know, from the GUI or ``syslead status``."""

    to: Status
    on: dt.date
    by: str = ""
    note: str = ""
    # submitted
    meeting: str | None = None
    meeting_date: dt.date | None = None
    # decided
    outcome: Outcome | None = None
    minute_reference: str = ""
    amendments: str = ""
    dissent: str = ""
    # superseded
    superseded_by: NonEmptyText | None = None


def allowed_moves(status: str) -> list[Status]:
    """The statuses a decision in ``status`` may move to, in lifecycle order."""
    return [to for to in STATUSES if (status, to) in TRANSITIONS]


def change_status(decision: "Decision", request: StatusRequest) -> "Decision":
    """A copy of ``decision`` moved to ``request.to``, with the move added to its history.

    Raises :class:`TransitionError` (one plain sentence) when the lifecycle does not
    allow the move or the request lacks what the move needs. ``decision`` is unchanged.
    """
    current, to = decision.status, request.to
    if current == to:
        raise TransitionError(f"the decision is already {STATUS_LABELS[to].lower()}")
    if (current, to) not in TRANSITIONS:
        moves = allowed_moves(current)
        could = ", ".join(moves) if moves else "nothing more (it is at the end of its life)"
        raise TransitionError(f"a {current} decision cannot become {to}; it can become {could}")
    last = decision.history[-1].on if decision.history else None
    if last is not None and request.on < last:
        raise TransitionError(
            f"the change is dated {request.on.isoformat()}, before the decision's last "
            f"change ({last.isoformat()}); its history is kept in date order"
        )
    if request.outcome is not None and to != "decided":
        raise TransitionError("an outcome is recorded only when the decision becomes decided")
    changed = decision.model_copy(deep=True)
    paper = changed.board_paper
    entry = StatusChange(status=to, on=request.on, by=request.by.strip(), note=request.note)
    if to == "submitted":
        if request.meeting is not None:
            paper.meeting = request.meeting
        if request.meeting_date is not None:
            paper.meeting_date = request.meeting_date
        if not paper.meeting.strip():
            raise TransitionError("a paper is submitted to a named meeting: give the meeting")
        if paper.meeting_date is None:
            raise TransitionError("a paper is submitted for a meeting date: give the date")
        if current == "decided" and (
            changed.resolution is None or changed.resolution.outcome != "deferred"
        ):
            raise TransitionError(
                "only a deferred decision goes back to a meeting; start a new version instead"
            )
        entry.meeting = paper.meeting
    elif to == "decided":
        if request.outcome is None:
            raise TransitionError(
                "recording the board's resolution needs its outcome: " + ", ".join(OUTCOMES)
            )
        changed.resolution = Resolution(
            date=request.on,
            outcome=request.outcome,
            meeting=request.meeting or paper.meeting,
            minute_reference=request.minute_reference.strip(),
            amendments=request.amendments.strip(),
            dissent=request.dissent.strip(),
        )
        entry.meeting = changed.resolution.meeting
    elif to == "superseded":
        later = (request.superseded_by or "").strip()
        if not later:
            raise TransitionError("name the later decision that supersedes this one")
        if later == changed.id:
            raise TransitionError("a decision cannot supersede itself")
        if not re.fullmatch(r"[0-9a-f]{32}", later):
            raise TransitionError(f"{later!r} is not a decision id (32 hex digits)")
        changed.superseded_by = later
    elif to == "draft":
        changed.resolution = None
    changed.status = to
    changed.history.append(entry)
    return changed
