"""The actions across the register: every decision's conditions and safeguards, with their
owners, due dates and progress, as the board's action schedule.

Read from the register's entries (each decision's latest filed paper, whose record keeps
its actions). The CLI (``syslead actions``), the register's actions view and Home use it;
the schedule exports through the decision log's own CSV and XLSX writer (export.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ...domain.actions import ACTION_STATUS_LABELS, LIVE_STATUSES
from .entry import Entry
from .export import Column

#: The version of the ``--json`` shape of an action (docs/cli.md).
ACTION_SCHEMA_VERSION = 1
#: Decisions whose actions are still followed up: issued, or decided (not turned down).
FOLLOWED_STATUSES = ("submitted", "decided")


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


@dataclass(frozen=True)
class ActionEntry:
    """One action of a decision in the register."""

    decision: Entry
    id: str
    text: str
    owner_name: str
    owner_role: str
    due: dt.date | None
    status: str
    reason: str
    suggested: bool
    latest_on: dt.date | None
    latest_note: str
    overdue: bool  # as of the day the entries were read

    @property
    def key(self) -> str:
        """``3f9a2c1b/C-CHAIR``: the decision's register id and the action's own."""
        return f"{self.decision.short_id}/{self.id}"

    @property
    def owner(self) -> str:
        if self.owner_name and self.owner_role:
            return f"{self.owner_name} ({self.owner_role})"
        return self.owner_name or self.owner_role

    @property
    def status_label(self) -> str:
        return ACTION_STATUS_LABELS.get(self.status, self.status)

    @property
    def live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def latest(self) -> str:
        """``2026-12-08: Met the chair`` ("" when nothing has been recorded)."""
        if self.latest_on is None:
            return ""
        return f"{self.latest_on.isoformat()}: {self.latest_note}".rstrip(": ")

    @property
    def source_paper(self) -> str:
        """The paper the action comes from: its title, meeting and date."""
        d = self.decision
        when = f"{d.meeting_date.day} {d.meeting_date:%B %Y}" if d.meeting_date else ""
        meeting = ", ".join(t for t in (d.meeting, when) if t)
        return f"{d.title} ({meeting})" if meeting else d.title

    def to_json(self) -> dict[str, Any]:
        """The stable ``--json`` shape of an action (docs/cli.md)."""
        d = self.decision
        return {
            "decision": d.id,
            "key": self.key,
            "id": self.id,
            "text": self.text,
            "owner": {"name": self.owner_name, "role": self.owner_role},
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "overdue": self.overdue,
            "dropped_reason": self.reason or None,
            "suggested": self.suggested,
            "latest_update": (
                {"on": self.latest_on.isoformat(), "note": self.latest_note}
                if self.latest_on
                else None
            ),
            "title": d.title,
            "meeting": d.meeting,
            "meeting_date": d.meeting_date.isoformat() if d.meeting_date else None,
            "agenda_item": d.agenda_item,
            "minute_reference": d.minute_reference,
            "decision_status": d.status,
            "paper": d.paper,
        }


def actions_of(entry: Entry, today: dt.date) -> list[ActionEntry]:
    """The actions of one decision in the register, in its own order."""
    out = []
    for data in entry.data.get("actions", []):
        owner = data.get("owner") or {}
        updates = data.get("updates") or []
        latest = updates[-1] if updates else None
        due = _day(data.get("due"))
        status = data.get("status", "open")
        out.append(
            ActionEntry(
                decision=entry,
                id=data["id"],
                text=data.get("text", ""),
                owner_name=owner.get("name", ""),
                owner_role=owner.get("role", ""),
                due=due,
                status=status,
                reason=data.get("reason", ""),
                suggested=data.get("origin") is not None,
                latest_on=_day(latest.get("on")) if latest else None,
                latest_note=(latest.get("note") or "") if latest else "",
                overdue=status in LIVE_STATUSES and due is not None and due < today,
            )
        )
    return out


def followed(entry: Entry) -> bool:
    """Whether a decision's actions are still followed up: issued or decided, and not
    turned down by the board."""
    return entry.status in FOLLOWED_STATUSES and entry.outcome != "not_approved"


def register_actions(
    entries: Iterable[Entry],
    *,
    today: dt.date | None = None,
    owner: str | None = None,
    decision: str | None = None,
    overdue: bool = False,
    every: bool = False,
) -> list[ActionEntry]:
    """The actions across the register, soonest due first (undated last).

    By default only the actions still to do (open or in progress) of decisions still
    followed up (:func:`followed`); ``every``: all actions of all decisions. ``owner``:
    a part of the owner's name or role (case does not matter); ``decision``: the start
    of a register id; ``overdue``: only those past their due date."""
    today = today or dt.date.today()
    wanted_owner = (owner or "").strip().casefold()
    wanted_decision = (decision or "").strip().casefold()
    found = []
    for entry in entries:
        if wanted_decision and not entry.id.startswith(wanted_decision):
            continue
        if not every and not followed(entry):
            continue
        for action in actions_of(entry, today):
            if not every and not action.live:
                continue
            if overdue and not action.overdue:
                continue
            if wanted_owner and wanted_owner not in action.owner.casefold():
                continue
            found.append(action)
    found.sort(key=lambda a: (a.due or dt.date.max, a.decision.title.casefold(), a.key))
    return found


def due_in_month(actions: Sequence[ActionEntry], today: dt.date) -> list[ActionEntry]:
    """The actions still to do that are due in ``today``'s month, or already overdue."""
    return [
        a
        for a in actions
        if a.live
        and a.due is not None
        and (a.overdue or (a.due.year, a.due.month) == (today.year, today.month))
    ]


def _status(a: ActionEntry) -> str:
    return f"{a.status_label} (overdue)" if a.overdue else a.status_label


def _latest(a: ActionEntry) -> str:
    if a.status == "dropped" and a.reason and a.latest_note != a.reason:
        return f"{a.latest}; dropped because: {a.reason}".lstrip("; ")
    return a.latest


#: The board's action schedule: the shape board secretaries keep.
ACTION_SCHEDULE: list[Column[ActionEntry]] = [
    Column("Ref", lambda a: a.key, 22),
    Column("Action", lambda a: a.text, 50),
    Column("Owner", lambda a: a.owner, 30),
    Column("Due", lambda a: a.due, 12),
    Column("Status", _status, 14),
    Column("Latest update", _latest, 44),
    Column("Source paper", lambda a: a.source_paper, 40),
    Column("Agenda item", lambda a: a.decision.agenda_item, 14),
    Column("Minute reference", lambda a: a.decision.minute_reference, 16),
]
