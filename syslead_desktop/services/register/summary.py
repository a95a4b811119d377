"""What the register keeps of one filed paper: the decision's details and searchable text.

The recommendation is the one the paper was issued with (its metadata). The conditions
come from assessing the record again with the same rulebook (same id and version), when
it is at hand: the shipped one or the user's chosen one; otherwise they are not indexed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...domain.actions import Action
from ...domain.decision import Decision
from ...domain.lifecycle import OUTCOME_LABELS, STATUS_LABELS
from ...engine.conditions import EngineError
from ...engine.evaluate import assess
from ...engine.loader import LoadedRulebook
from ...errors import SysLeadError
from ..decision_file import reconcile
from ..follow_up import with_follow_up
from ..rulebook_file import load_rulebook
from .paper import PaperRead

DIRECTION_QUESTION = "direction"


class Rulebooks:
    """The rulebooks the register can re-assess with, found by id and version."""

    def __init__(self, paths: list[Path | str | None] | None = None):
        self._paths = paths if paths is not None else [None]
        self._loaded: dict[tuple[str, str], LoadedRulebook] | None = None

    def find(self, rulebook_id: str, version: str) -> LoadedRulebook | None:
        if self._loaded is None:
            self._loaded = {}
            for path in self._paths:
                try:
                    loaded = load_rulebook(path)
                except SysLeadError:
                    continue
                key = (loaded.rulebook.id, loaded.rulebook.version)
                self._loaded.setdefault(key, loaded)
        return self._loaded.get((rulebook_id, version))


def _option_label(loaded: LoadedRulebook | None, question: str, option: str | None) -> str:
    if option is None:
        return ""
    if loaded is not None:
        q = loaded.rulebook.questions_by_id.get(question)
        if q is not None:
            for o in q.options:
                if o.id == option:
                    return o.label
    return option.replace("_", " ").replace("-", " ").capitalize()


def _conditions(
    decision: Decision, loaded: LoadedRulebook | None
) -> tuple[list[str], str, str, list[Action]]:
    """The conditions and safeguards, the stance, and the actions fitted to them, from
    assessing the record again (without the "what would change it" search, which the
    register does not show). Without the rulebook, the actions the record keeps."""
    if loaded is None:
        return [], "", "", list(decision.actions)
    fitted = reconcile(decision, loaded.rulebook, loaded.hash).decision
    try:
        a = assess(loaded.rulebook, loaded.hash, fitted.answers, with_counterfactuals=False)
    except EngineError:  # an unfinished draft cannot be assessed
        return [], "", "", list(decision.actions)
    actions = with_follow_up(fitted, a, loaded.rulebook).actions
    return [s.text for s in a.safeguards], a.stance, a.stance_label, actions


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def summarise(paper: PaperRead, rulebooks: Rulebooks) -> dict[str, Any]:
    """The paper's decision as the register shows and searches it (plain JSON data)."""
    d = paper.decision
    f, bp = d.framing, d.board_paper
    loaded = rulebooks.find(d.rulebook.id, d.rulebook.version)
    conditions, stance, stance_label, actions = _conditions(d, loaded)
    direction = d.answers.get(DIRECTION_QUESTION)
    resolution = d.resolution
    notes = [text for text in d.notes.values() if text.strip()]
    refs = [bp.agenda_item, bp.meeting, paper.decision_id]
    if resolution is not None:
        refs += [resolution.minute_reference]
        conditions += [t for t in (resolution.amendments, resolution.dissent) if t]
    return {
        "id": paper.decision_id,
        "title": f.title,
        "description": f.description,
        "partners": list(f.partners),
        "meeting": bp.meeting,
        "meeting_kind": bp.meeting_kind,
        "meeting_date": _date(bp.meeting_date),
        "agenda_item": bp.agenda_item,
        "status": d.status,
        "status_label": STATUS_LABELS[d.status],
        "outcome": resolution.outcome if resolution else None,
        "outcome_label": OUTCOME_LABELS[resolution.outcome] if resolution else "",
        "resolution": resolution.model_dump(mode="json") if resolution else None,
        "recommendation": paper.stance_label or stance_label,
        "stance": paper.stance or stance,
        "direction": direction,
        "direction_label": _option_label(loaded, DIRECTION_QUESTION, direction),
        "review_date": _date(f.review_date),
        "next_review_date": _date(d.review.next_review_date) if d.review else None,
        "rulebook": {"id": d.rulebook.id, "version": d.rulebook.version},
        "supersedes": d.supersedes,
        "superseded_by": d.superseded_by,
        "trust": d.trust.name if d.trust else "",
        "created": _date(d.created),
        "updated": _date(d.updated),
        "history": [entry.model_dump(mode="json") for entry in d.history],
        "conditions": conditions,
        "actions": [a.model_dump(mode="json") for a in actions],
        "kind": paper.kind,
        "text": {
            "title": f.title,
            "description": "\n".join(
                [
                    f.description,
                    f.cost_to_trust,
                    f.benefit_to_population,
                    *f.options_considered,
                    *f.success_measures,
                ]
            ),
            "partners": "\n".join(f.partners),
            "notes": "\n".join(notes),
            "conditions": "\n".join(
                [*conditions, *(f"{a.text} {a.owner.text()}" for a in actions)]
            ),
            "refs": "\n".join(r for r in refs if r),
        },
    }
