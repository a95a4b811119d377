"""The actions table of a board paper: each condition and safeguard with its owner, its due
date and, once anything has happened, its status and latest update.

Used by section 5 of the board paper and by the review paper's report on the actions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ...domain.actions import ACTION_STATUS_LABELS, Action
from .blocks import NOT_RECORDED, grid, para
from .theme import Styles, esc

GREY_HEX = "#4C6272"
OVERDUE_HEX = "#B3261E"  # NHS red, darkened for text on white (4.5:1 or better)


def short_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day is not None else ""


def _owner(action: Action, s: Styles) -> Flowable | str:
    name, role = action.owner.name.strip(), action.owner.role.strip()
    if name and role:
        return para(f"{esc(name)}<br/><font color='{GREY_HEX}'>{esc(role)}</font>", s.cell, True)
    return name or role or NOT_RECORDED


def _due(action: Action, s: Styles) -> Flowable | str:
    """The date, and under it the rulebook's timing while the date is the suggested one."""
    day = short_date(action.due)
    origin = action.origin
    if origin is not None and action.due == origin.due:
        when = esc(origin.timing[:1].lower() + origin.timing[1:])
        if not day:
            return origin.timing
        return para(f"{esc(day)}<br/><font color='{GREY_HEX}' size='8'>{when}</font>", s.cell, True)
    return day or "Not set"


def _status(action: Action, s: Styles, today: dt.date | None) -> Flowable | str:
    if action.status == "dropped":
        return para(f"<b>Dropped:</b> {esc(action.reason)}", s.cell, True)
    if today is not None and action.overdue(today):
        return para(
            f"<font color='{OVERDUE_HEX}'><b>Overdue</b></font><br/>{esc(action.status_label)}",
            s.cell,
            True,
        )
    return action.status_label


def _latest(action: Action) -> str:
    update = action.latest
    if update is None:
        return "None recorded"
    note = update.note.strip()
    if update.status is not None and (not note or note == action.reason.strip()):
        return f"{ACTION_STATUS_LABELS[update.status]} on {short_date(update.on)}"
    return f"{short_date(update.on)}: {note}"


def actions_table(
    actions: Sequence[Action],
    s: Styles,
    width: float,
    *,
    progress: bool | None = None,
    today: dt.date | None = None,
) -> Flowable:
    """The actions as a table: number, action, owner, due date; with ``progress`` (by
    default, once any action has moved on from open) also the status and the latest
    update. ``today``: the date overdue actions are marked against (never the clock)."""
    if progress is None:
        progress = any(a.started for a in actions)
    number = 8 * mm
    if not progress:
        rows: list[list[object]] = [["", "Action", "Owner", "Due"]]
        rows += [[str(i), a.text, _owner(a, s), _due(a, s)] for i, a in enumerate(actions, start=1)]
        widths = [number, width * 0.5, width * 0.24, width * 0.26 - number]
        return grid(rows, widths, s)
    rows = [["", "Action", "Owner", "Due", "Status", "Latest update"]]
    rows += [
        [str(i), a.text, _owner(a, s), _due(a, s), _status(a, s, today), _latest(a)]
        for i, a in enumerate(actions, start=1)
    ]
    widths = [number, width * 0.3, width * 0.17, width * 0.14, width * 0.15, width * 0.24 - number]
    return grid(rows, widths, s)
