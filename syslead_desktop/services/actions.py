"""Recording an action's progress on a decision file or a board paper.

As for a change of status (status.py):

- a **decision file** is changed in place (saved atomically, in the current format);
- a **board paper** is never changed: its record is taken out, the action updated, and
  the paper made again as the record copy, written to a new file or filed into the
  register beside the original, where it becomes the decision's latest paper.

The decision's actions are first fitted to its recommendation (follow_up.py), so an
action the rulebook suggests can be named, dated and followed up even if the file was
never opened in the app.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from ..domain.actions import (
    Action,
    ActionError,
    ActionStatus,
    add_note,
    edit_action,
    find_action,
    move_action,
    new_action,
    replaced,
)
from ..domain.decision import Decision
from ..engine.loader import LoadedRulebook
from ..errors import SysLeadError


@dataclass(frozen=True)
class ActionRequest:
    """A change to one action (or, with ``action`` None, a new action of one's own)."""

    action: str | None
    on: dt.date
    by: str = ""
    status: ActionStatus | None = None
    note: str = ""
    reason: str = ""
    text: str | None = None
    owner: str | None = None
    role: str | None = None
    due: dt.date | Literal["keep"] | None = "keep"


def fitted_actions(decision: Decision, loaded: LoadedRulebook) -> Decision:
    """``decision`` with its actions fitted to its recommendation; as it is when it cannot
    be assessed yet (an unfinished draft: only actions of one's own then)."""
    from .workflow import assess_decision

    try:
        return assess_decision(decision, loaded).decision
    except SysLeadError:
        return decision


def apply_request(decision: Decision, request: ActionRequest, source: Path | str = "") -> Decision:
    """A copy of ``decision`` with ``request`` applied to its (fitted) actions: edits first,
    then the move to a new status, or else the progress note. One-line ``SysLeadError``
    naming ``source`` when the change is not allowed."""
    prefix = f"{source}: " if str(source) else ""
    try:
        if request.action is None:
            if request.text is None:
                raise ActionError("a new action needs its text")
            action = new_action(
                decision.actions,
                request.text,
                owner=request.owner or "",
                role=request.role or "",
                due=None if request.due == "keep" else request.due,
            )
            note = request.note.strip()
            if decision.status != "draft":  # not on the paper the board was shown
                note = f"Added after the paper was issued{': ' if note else ''}{note}"
            if note:
                action = add_note(action, request.on, note, by=request.by)
        else:
            action = before = find_action(decision.actions, request.action)
            if (
                request.text is not None
                or request.owner is not None
                or request.role is not None
                or request.due != "keep"
            ):
                action = edit_action(
                    action,
                    text=request.text,
                    owner_name=request.owner,
                    owner_role=request.role,
                    due=request.due,
                )
            revised = revision(before, action) if decision.status != "draft" else ""
            if revised:  # the board was shown the first: the change goes on the record
                note = request.note.strip() if request.status is None else ""
                action = add_note(
                    action, request.on, f"{revised}{': ' if note else ''}{note}", by=request.by
                )
                request = replace(request, note="") if note else request
            if request.status is not None:
                action = move_action(
                    action,
                    request.status,
                    request.on,
                    by=request.by,
                    note=request.note,
                    reason=request.reason,
                )
            elif request.reason.strip():
                raise ActionError("a reason is given only when an action is dropped")
            elif request.note.strip():
                action = add_note(action, request.on, request.note, by=request.by)
    except ActionError as exc:
        raise SysLeadError(f"{prefix}{exc}") from None
    changed = decision.model_copy(deep=True)
    changed.actions = replaced(changed.actions, action)
    changed.updated = max(request.on, changed.updated or request.on)
    return changed


def _day(day: dt.date | None) -> str:
    return f"{day.day} {day:%B} {day.year}" if day else "none"


def revision(before: Action, after: Action) -> str:
    """What changed of an action's owner and due date, as its progress records it once
    the paper is issued ("Due date moved from 10 January 2027 to 28 February 2027"), so
    that the review paper's judgement of what is overdue is made against dates the
    record shows were moved, and by whom; "" if neither changed."""
    changes = []
    if after.owner != before.owner:
        was, now = before.owner.text(), after.owner.text() or "nobody"
        named = not before.owner.name.strip() and after.owner.name.strip()
        changes.append(
            f"Owner named: {now}" if named else f"Owner changed from {was or 'nobody'} to {now}"
        )
    if after.due != before.due:
        if before.due is None:
            changes.append(f"Due date set to {_day(after.due)}")
        elif after.due is None:
            changes.append(f"Due date cleared (it was {_day(before.due)})")
        else:
            changes.append(f"Due date moved from {_day(before.due)} to {_day(after.due)}")
    return "; ".join(changes)


@dataclass(frozen=True)
class ActionsChanged:
    decision: Decision
    action: str  # the id of the action changed or added
    written: Path | None  # the decision file or record copy written (None: not yet)
    paper: bytes | None  # the new record copy, for a paper
    was: Action | None = None  # the action before the change (None: it was added)

    def said(self) -> str:
        """What changed, in words, for a one-line message: "owner changed from Chief
        executive to Sam Okafor; due date set to 28 February 2027; still open"."""
        [now] = [a for a in self.decision.actions if a.id == self.action]
        status = now.status_label.lower()
        if self.was is None:
            return f"added, {status}"
        parts = [] if now.text == self.was.text else ["text changed"]
        parts += [p[:1].lower() + p[1:] for p in revision(self.was, now).split("; ") if p]
        if now.status != self.was.status:
            parts.append(f"now {status}")
        else:
            if len(now.updates) > len(self.was.updates) and not parts:
                parts.append("progress noted")
            parts.append(f"still {status}")
        return "; ".join(parts)


def update_actions(
    path: Path,
    request: ActionRequest,
    loaded: LoadedRulebook,
    *,
    output: Path | None = None,
) -> ActionsChanged:
    """Apply ``request`` to the decision in ``path``: a decision file is saved (or
    ``output``); for a paper the record copy is rendered, and written to ``output`` if
    given (otherwise the caller files it)."""
    from .decision_file import load_decision, save_decision
    from .status import is_paper, read_record

    before = fitted_actions(read_record(path) if is_paper(path) else load_decision(path), loaded)
    decision = apply_request(before, request, path)
    added = [a.id for a in decision.actions if a.id not in {b.id for b in before.actions}]
    changed_id = find_action(decision.actions, request.action or added[0]).id
    was = None if request.action is None else find_action(before.actions, changed_id)
    if not is_paper(path):
        target = output or path
        save_decision(target, decision)
        return ActionsChanged(decision, changed_id, target, None, was)
    from .workflow import assess_decision, render_assessed

    assessed = assess_decision(decision, loaded, str(path))
    pdf = render_assessed(assessed)
    if output is not None:
        from .files import atomic_write_bytes

        atomic_write_bytes(output, pdf)
    return ActionsChanged(assessed.decision, changed_id, output, pdf, was)
