"""Actions: what the board is promised will be done, by whom and by when.

Every condition and safeguard the recommendation carries becomes an action. It starts
as the rulebook wrote it (kept as its ``origin``): the rulebook's text, the role that
owns it and a phrase for its timing. The chief executive names the person, sets the
date (suggested from the timing and the meeting date) and may reword it; they may add
actions of their own. Each action then lives through a small, explicit lifecycle:

- ``open``: agreed, not yet started;
- ``in_progress``: work has started;
- ``done``: completed;
- ``dropped``: it will not be done, always with the reason (a suggested action cannot
  simply be deleted: the paper shows it was dropped, and why).

Every change of status, and every progress note, is a dated entry in the action's
``updates``. The moves allowed are in :data:`ACTION_TRANSITIONS`, so a board secretary
can read what SysLead will and will not let happen.

Pure functions of the data (no Qt, no engine): the CLI, the register and the app all
use them, and tests/unit/test_actions.py covers each one.
"""

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Annotated, Literal, Protocol, Self

from pydantic import AfterValidator, Field, model_validator

from .base import EditableModel, NonEmptyText, RuleId, StrictModel

ActionStatus = Literal["open", "in_progress", "done", "dropped"]
ACTION_STATUSES: tuple[ActionStatus, ...] = ("open", "in_progress", "done", "dropped")
ACTION_STATUS_LABELS: dict[str, str] = {
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
#: The statuses of an action still to be done.
LIVE_STATUSES: tuple[ActionStatus, ...] = ("open", "in_progress")

#: Every move an action may make, with what it means.
ACTION_TRANSITIONS: dict[tuple[str, str], str] = {
    ("open", "in_progress"): "work on it has started",
    ("open", "done"): "it is done",
    ("open", "dropped"): "it will not be done (the reason is recorded)",
    ("in_progress", "done"): "it is done",
    ("in_progress", "open"): "work on it has paused",
    ("in_progress", "dropped"): "it will not be done (the reason is recorded)",
    ("done", "in_progress"): "it turned out not to be finished, and is reopened",
    ("dropped", "open"): "it is taken up again",
}
#: The id prefix of the chief executive's own actions (``own-1``, ``own-2``...).
OWN_PREFIX = "own-"


class ActionError(ValueError):
    """A change to an action that is not allowed, with the reason in plain words."""


class Owner(EditableModel):
    """Who owns an action: a named person, and the role the rulebook gave it to."""

    name: str = Field(default="", description="The person, e.g. Priya Raman.")
    role: str = Field(default="", description="Their role, e.g. Director of strategy.")

    def text(self) -> str:
        """``Priya Raman (Director of strategy)``, the role alone, or "" for nobody."""
        name, role = self.name.strip(), self.role.strip()
        if name and role:
            return f"{name} ({role})"
        return name or role


class ActionOrigin(EditableModel):
    """A suggested action as the rulebook wrote it, kept however it is edited later."""

    safeguard: RuleId = Field(description="The rulebook's safeguard id.")
    text: str
    owner: str = Field(description="The role the rulebook gives it to.")
    timing: str = Field(description="The rulebook's phrase, e.g. 'Before the decision…'.")
    due: dt.date | None = Field(
        default=None, description="The date suggested from the timing and the meeting date."
    )


class ActionUpdate(EditableModel):
    """One dated entry in an action's progress: a note, a change of status, or both."""

    on: dt.date
    by: str = ""
    status: ActionStatus | None = Field(default=None, description="The status it moved to.")
    note: str = ""

    @model_validator(mode="after")
    def _says_something(self) -> Self:
        if self.status is None and not self.note.strip():
            raise ValueError("an update records a note, a new status, or both")
        return self


class Action(EditableModel):
    """One action of a decision."""

    id: RuleId = Field(description="The safeguard's id for a suggested action; own-N else.")
    origin: ActionOrigin | None = Field(
        default=None, description="The rulebook's wording; none for the chief executive's own."
    )
    text: NonEmptyText
    owner: Owner = Owner()
    due: dt.date | None = None
    status: ActionStatus = "open"
    reason: str = Field(default="", description="Why it was dropped (required then).")
    updates: list[ActionUpdate] = Field(default=[], description="Oldest first.")

    @model_validator(mode="after")
    def _dropped_has_reason(self) -> Self:
        if self.status == "dropped" and not self.reason.strip():
            raise ValueError("a dropped action needs the reason it was dropped")
        return self

    @property
    def suggested(self) -> bool:
        return self.origin is not None

    @property
    def live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def status_label(self) -> str:
        return ACTION_STATUS_LABELS[self.status]

    @property
    def latest(self) -> ActionUpdate | None:
        return self.updates[-1] if self.updates else None

    @property
    def started(self) -> bool:
        """Whether anything has happened to it since it was agreed."""
        return self.status != "open" or bool(self.updates)

    def overdue(self, today: dt.date) -> bool:
        return self.live and self.due is not None and self.due < today

    def edited(self) -> bool:
        """Whether its text differs from the rulebook's (always True for an own action)."""
        return self.origin is None or self.text != self.origin.text


def _unique_ids(actions: list[Action]) -> list[Action]:
    seen: set[str] = set()
    for action in actions:
        if action.id in seen:
            raise ValueError(f"two actions have the id {action.id!r}")
        seen.add(action.id)
    return actions


#: The actions of a decision: ids unique within it.
ActionList = Annotated[list[Action], AfterValidator(_unique_ids)]


# ---- due dates ------------------------------------------------------------------------
class Timing(StrictModel):
    """When a safeguard's timing phrase falls, counted from the meeting date: the rulebook
    says it once per phrase (``timings:``), and every safeguard with that phrase gets it."""

    timing: NonEmptyText = Field(description="The phrase, as safeguards write it.")
    months: int = Field(default=0, ge=-24, le=60)
    days: int = Field(default=0, ge=-366, le=366)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months, kept within the month (31 Jan + 1 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def suggest_due(timing: str, meeting: dt.date | None, timings: Iterable[Timing]) -> dt.date | None:
    """The due date the rulebook suggests for ``timing`` (a safeguard's phrase), counted
    from the ``meeting`` date; None without a meeting date. A phrase the rulebook gives
    no offset for falls on the meeting date itself."""
    if meeting is None:
        return None
    wanted = " ".join(timing.split()).casefold()
    for rule in timings:
        if " ".join(rule.timing.split()).casefold() == wanted:
            return add_months(meeting, rule.months) + dt.timedelta(days=rule.days)
    return meeting


# ---- suggested actions from the recommendation ----------------------------------------
class SuggestedSafeguard(Protocol):
    """What a suggestion needs of a safeguard the assessment attached."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def owner(self) -> str: ...
    @property
    def timing(self) -> str: ...


def suggested_action(
    safeguard: SuggestedSafeguard, meeting: dt.date | None, timings: Iterable[Timing]
) -> Action:
    due = suggest_due(safeguard.timing, meeting, timings)
    return Action(
        id=safeguard.id,
        origin=ActionOrigin(
            safeguard=safeguard.id,
            text=safeguard.text,
            owner=safeguard.owner,
            timing=safeguard.timing,
            due=due,
        ),
        text=safeguard.text,
        owner=Owner(role=safeguard.owner),
        due=due,
    )


def sync_actions(
    actions: Sequence[Action],
    safeguards: Sequence[SuggestedSafeguard],
    meeting: dt.date | None,
    timings: Iterable[Timing],
    *,
    draft: bool = True,
) -> list[Action]:
    """The decision's actions, fitted to the safeguards its recommendation carries.

    - Each safeguard has its action, in the rulebook's order: the one already kept, or
      a new one suggested from the rulebook (text, role and a due date).
    - While the decision is a ``draft`` its answers can still change: a suggested action
      whose safeguard no longer applies is removed, unless something has happened to it
      (a note or a new status), and a due date left as suggested follows the meeting
      date. Once the paper is issued the actions are those the board was shown: nothing
      is added or removed, unless none was ever kept (a decision from an older SysLead).
    - The chief executive's own actions follow, as they are.

    Fitting twice changes nothing more (the result fitted again is the same)."""
    timings = list(timings)
    kept = {a.id: a for a in actions if a.suggested}
    if not draft and kept:
        return [a.model_copy(deep=True) for a in actions]
    result: list[Action] = []
    for safeguard in safeguards:
        action = kept.pop(safeguard.id, None)
        if action is None:
            result.append(suggested_action(safeguard, meeting, timings))
            continue
        action = action.model_copy(deep=True)
        if draft and action.origin is not None and action.due == action.origin.due:
            suggestion = suggest_due(action.origin.timing, meeting, timings)
            action.origin.due = action.due = suggestion
        result.append(action)
    result += [a.model_copy(deep=True) for a in kept.values() if a.started or not draft]
    result += [a.model_copy(deep=True) for a in actions if not a.suggested]
    return result


# ---- the lifecycle --------------------------------------------------------------------
def allowed_moves(status: str) -> list[ActionStatus]:
    """The statuses an action in ``status`` may move to, in lifecycle order."""
    return [to for to in ACTION_STATUSES if (status, to) in ACTION_TRANSITIONS]


def _check_date(action: Action, on: dt.date) -> None:
    last = action.latest
    if last is not None and on < last.on:
        raise ActionError(
            f"the update is dated {on.isoformat()}, before the action's last update "
            f"({last.on.isoformat()}); its progress is kept in date order"
        )


def move_action(
    action: Action,
    to: ActionStatus,
    on: dt.date,
    *,
    by: str = "",
    note: str = "",
    reason: str = "",
) -> Action:
    """A copy of ``action`` moved to ``to``, the move added to its updates.

    Dropping needs the ``reason`` (it is kept, and the paper prints it); taking a dropped
    action up again clears it. Raises :class:`ActionError` in one plain sentence."""
    if to == action.status:
        raise ActionError(f"the action is already {ACTION_STATUS_LABELS[to].lower()}")
    if (action.status, to) not in ACTION_TRANSITIONS:
        moves = ", ".join(ACTION_STATUS_LABELS[m].lower() for m in allowed_moves(action.status))
        raise ActionError(
            f"a {action.status_label.lower()} action cannot become "
            f"{ACTION_STATUS_LABELS[to].lower()}; it can become {moves}"
        )
    _check_date(action, on)
    reason = reason.strip()
    if to == "dropped" and not reason:
        raise ActionError("say why the action is dropped: the paper shows the reason")
    if reason and to != "dropped":
        raise ActionError("a reason is given only when an action is dropped")
    data = action.model_dump()
    data["status"] = to
    data["reason"] = reason
    data["updates"].append(
        {"on": on, "by": by.strip(), "status": to, "note": (note or reason).strip()}
    )
    return Action.model_validate(data)


def add_note(action: Action, on: dt.date, note: str, *, by: str = "") -> Action:
    """A copy of ``action`` with a dated progress note."""
    if not note.strip():
        raise ActionError("a progress note needs some text")
    _check_date(action, on)
    data = action.model_dump()
    data["updates"].append({"on": on, "by": by.strip(), "status": None, "note": note.strip()})
    return Action.model_validate(data)


def edit_action(
    action: Action,
    *,
    text: str | None = None,
    owner_name: str | None = None,
    owner_role: str | None = None,
    due: dt.date | Literal["keep"] | None = "keep",
) -> Action:
    """A copy of ``action`` with its text, owner or due date changed. Empty text returns
    a suggested action to the rulebook's wording (an own action needs some text)."""
    data = action.model_dump()
    if text is not None:
        if not text.strip():
            if action.origin is None:
                raise ActionError("an action needs some text")
            text = action.origin.text
        data["text"] = text.strip()
    if owner_name is not None:
        data["owner"]["name"] = " ".join(owner_name.split())
    if owner_role is not None:
        data["owner"]["role"] = " ".join(owner_role.split())
    if due != "keep":
        data["due"] = due
    return Action.model_validate(data)


def new_action(
    actions: Sequence[Action],
    text: str,
    *,
    owner: str = "",
    role: str = "",
    due: dt.date | None = None,
) -> Action:
    """An action of the chief executive's own, with the next free ``own-N`` id."""
    if not text.strip():
        raise ActionError("an action needs some text")
    numbers = [
        int(a.id.removeprefix(OWN_PREFIX))
        for a in actions
        if a.id.startswith(OWN_PREFIX) and a.id.removeprefix(OWN_PREFIX).isdigit()
    ]
    return Action(
        id=f"{OWN_PREFIX}{max(numbers, default=0) + 1}",
        text=text.strip(),
        owner=Owner(name=" ".join(owner.split()), role=" ".join(role.split())),
        due=due,
    )


def remove_action(actions: Sequence[Action], action_id: str) -> list[Action]:
    """The actions without ``action_id``: only an own action with no progress can go.
    A suggested one is dropped with a reason instead, so the board sees it."""
    action = find_action(actions, action_id)
    if action.suggested:
        raise ActionError(
            "a suggested action cannot be deleted: drop it with the reason, and the paper "
            "shows it was dropped"
        )
    if action.updates:
        raise ActionError("this action has progress recorded: drop it with the reason instead")
    return [a for a in actions if a.id != action_id]


def find_action(actions: Sequence[Action], action_id: str) -> Action:
    """The action ``action_id`` (case does not matter); one plain sentence if none."""
    wanted = action_id.strip().casefold()
    for action in actions:
        if action.id.casefold() == wanted:
            return action
    ids = ", ".join(a.id for a in actions) or "none"
    raise ActionError(f"no action {action_id!r} (the actions are: {ids})")


def replaced(actions: Sequence[Action], action: Action) -> list[Action]:
    """``actions`` with the one of ``action.id`` replaced by ``action`` (or it added)."""
    out = [action if a.id == action.id else a for a in actions]
    if not any(a.id == action.id for a in actions):
        out.append(action)
    return out
