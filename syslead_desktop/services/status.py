"""Recording a change in a decision's life on its file or its paper.

- A **decision file** is changed in place (saved atomically, in the current format).
- A **board paper** is never changed: its record is taken out, moved on, and the paper
  made again as the record copy (with the "Board decision" box once decided), written to
  a new file or filed into the register beside the original.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..domain.decision import Decision
from ..domain.lifecycle import StatusRequest, TransitionError, change_status
from ..engine.loader import LoadedRulebook
from ..errors import SysLeadError
from .decision_file import decision_from_text, load_decision, save_decision
from .pdf.archive import check_record, record_text
from .trust_profile import load_profile, stamped


@dataclass(frozen=True)
class StatusChanged:
    decision: Decision
    source: Path
    written: Path | None  # the decision file or new paper written (None: not yet)
    paper: bytes | None  # the new record copy, for a paper
    notices: tuple[str, ...] = ()


def is_paper(path: Path) -> bool:
    return path.suffix.lower() == ".pdf"


def moved(decision: Decision, request: StatusRequest, source: Path | str) -> Decision:
    """``decision`` moved on by ``request``; a one-line ``SysLeadError`` when not allowed.

    The record carries the trust's identity: a decision with none yet is stamped with
    the user's trust profile as it moves on."""
    try:
        changed = change_status(decision, request)
    except TransitionError as exc:
        raise SysLeadError(f"{source}: {exc}") from None
    changed = stamped(changed, load_profile())
    changed.updated = max(request.on, changed.updated or request.on)
    return changed


def read_record(path: Path) -> Decision:
    """The decision inside a board paper, which must be intact."""
    check = check_record(path)
    if not check.intact:
        raise SysLeadError(f"{path}: {check.reason}")
    return decision_from_text(record_text(check, path), f"{path} (attached record)")


def apply_status(
    path: Path,
    request: StatusRequest,
    *,
    output: Path | None = None,
    rulebook: Path | str | LoadedRulebook | None = None,
) -> StatusChanged:
    """Move the decision in ``path`` on, as :func:`moved` says.

    For a decision file the file itself is saved (or ``output``, if given). For a paper
    the record copy is rendered (with ``rulebook``: a path, one already loaded, or the
    shipped one) and, if ``output`` is given, written there; otherwise the caller files
    it (``written`` is None)."""
    if not is_paper(path):
        decision = moved(load_decision(path), request, path)
        target = output or path
        save_decision(target, decision)
        return StatusChanged(decision, path, target, None)
    from .rulebook_file import load_rulebook
    from .workflow import assess_decision, render_assessed

    decision = moved(read_record(path), request, path)
    loaded = rulebook if isinstance(rulebook, LoadedRulebook) else load_rulebook(rulebook)
    assessed = assess_decision(decision, loaded, str(path))
    pdf = render_assessed(assessed)
    if output is not None:
        from .files import atomic_write_bytes

        atomic_write_bytes(output, pdf)
    return StatusChanged(assessed.decision, path, output, pdf, assessed.notices)


def new_version_of(decision: Decision, today: dt.date | None = None) -> Decision:
    """A new draft from ``decision`` that will supersede it once decided: a new identity,
    ``supersedes`` naming the old one, and no status history or resolution of its own."""
    today = today or dt.date.today()
    return decision.model_copy(
        deep=True,
        update={
            "id": uuid.uuid4().hex,
            "status": "draft",
            "history": [],
            "resolution": None,
            "supersedes": decision.id,
            "superseded_by": None,
            "created": today,
            "updated": today,
        },
    )
