"""Recording a change in a filed decision's life, in the register itself.

The filed paper is never changed: its record is moved on (``services/status.py``), the
record copy made again (with the "Board decision" box once decided) and filed beside the
paper as issued. Both the register view and ``syslead status`` record through here.

When the board approves a new version of a decision (one that names the decision it
``supersedes``), the earlier decision is moved to **superseded** at the same time, with
``superseded_by`` naming the new one, so the two are linked both ways in their records,
not only in the index. A new version that is deferred or not approved leaves the earlier
decision as it stands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...domain.lifecycle import TRANSITIONS, StatusRequest
from ...domain.statuses import OUTCOME_LABELS
from ...errors import SysLeadError
from ..status import StatusChanged, apply_status
from .index import RegisterIndex
from .library import Filed, Library

if TYPE_CHECKING:
    from ...domain.decision import Decision
    from ...engine.loader import LoadedRulebook

#: The board's outcomes with which a new version replaces the decision it supersedes.
SUPERSEDING_OUTCOMES = ("approved", "approved_with_amendments")


@dataclass(frozen=True)
class Recorded:
    """A status recorded in the register: the record copy filed, and any earlier
    decision superseded by it (or why it was not)."""

    changed: StatusChanged
    filed: Filed
    superseded: Filed | None = None
    notices: tuple[str, ...] = field(default=())

    @property
    def decision(self) -> Decision:
        return self.changed.decision


def copy_name(paper: Path, status: str) -> Path:
    """The name a record copy is filed under (the library gives it its own name)."""
    return paper.with_name(f"{paper.stem}-{status}.pdf")


def record_status(
    library: Library,
    paper: Path,
    request: StatusRequest,
    rulebook: Path | str | LoadedRulebook | None = None,
) -> Recorded:
    """Move the decision in the filed ``paper`` on by ``request``, file its record copy,
    and supersede the decision it replaces once the board approves it."""
    changed = apply_status(paper, request, rulebook=rulebook)
    if changed.paper is None:  # pragma: no cover - a paper always gives a paper
        raise SysLeadError(f"{paper}: no record copy was made")
    filed = library.file_data(changed.paper, copy_name(paper, changed.decision.status), request.by)
    superseded, notice = supersede_earlier(library, changed.decision, request, rulebook)
    notices = changed.notices + ((notice,) if notice else ())
    return Recorded(changed, filed, superseded, notices)


def record_latest(
    library: Library,
    decision_id: str,
    request: StatusRequest,
    rulebook: Path | str | LoadedRulebook | None = None,
    *,
    expected_status: str | None = None,
) -> Recorded:
    """:func:`record_status` on the decision's latest filed paper, as the register has it
    now (others may have filed since it was read). With ``expected_status``, the change is
    refused if the decision has moved on meanwhile: a colleague recorded it first."""
    from ...domain.statuses import STATUS_LABELS

    with RegisterIndex.open(library) as index:
        latest = index.find(decision_id)
    if expected_status is not None and latest.status != expected_status:
        by = f" by {latest.filed_by}" if latest.filed_by else ""
        raise SysLeadError(
            f"“{latest.title}” is now {STATUS_LABELS[latest.status].lower()}: it was "
            f"recorded{by} since the register was read. Look at it again first."
        )
    return record_status(library, library.root / latest.paper, request, rulebook)


def supersede_earlier(
    library: Library,
    decision: Decision,
    request: StatusRequest,
    rulebook: Path | str | LoadedRulebook | None = None,
) -> tuple[Filed | None, str]:
    """If ``decision`` is a new version the board has just approved, move the decision it
    supersedes to superseded (its record copy filed). Returns what was filed, or None and
    a sentence saying why the earlier decision was left as it is ("" when there is
    nothing to say)."""
    resolution = decision.resolution
    if (
        decision.status != "decided"
        or not decision.supersedes
        or resolution is None
        or resolution.outcome not in SUPERSEDING_OUTCOMES
    ):
        return None, ""
    short = decision.supersedes[:8]
    with RegisterIndex.open(library) as index:
        try:
            earlier = index.find(decision.supersedes)
        except SysLeadError:
            return None, f"the decision it supersedes ({short}) is not in this register"
    if earlier.status == "superseded":
        return None, ""
    if (earlier.status, "superseded") not in TRANSITIONS:
        return None, f"the decision it supersedes ({short}) is {earlier.status}, left as it is"
    paper = library.root / earlier.paper
    outcome = OUTCOME_LABELS[resolution.outcome].lower()
    later = StatusRequest(
        to="superseded",
        on=max(request.on, _last_change(earlier.data) or request.on),
        by=request.by,
        note=f"{outcome} as its new version, “{decision.framing.title}”",
        superseded_by=decision.id,
    )
    try:
        changed = apply_status(paper, later, rulebook=rulebook)
    except SysLeadError as exc:
        return None, f"the decision it supersedes ({short}) was left as it is: {exc}"
    assert changed.paper is not None
    return library.file_data(changed.paper, copy_name(paper, "superseded"), request.by), ""


def _last_change(data: dict[str, Any]) -> dt.date | None:
    """The date of the last change in a register entry's history (None if none)."""
    history = data.get("history") or []
    try:
        return dt.date.fromisoformat(history[-1]["on"]) if history else None
    except (KeyError, TypeError, ValueError):
        return None
