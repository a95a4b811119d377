"""Read and write decision files (YAML, validated, saved atomically)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.decision import Decision, RulebookRef
from ..domain.rulebook import Rulebook
from .yaml_io import atomic_write_text, dump_yaml, load_model, parse_yaml, validate

DECISION_SUFFIX = ".syslead.yaml"


def load_decision(path: Path | str) -> Decision:
    """Load and validate a decision file; raises ``SysLeadError`` with a one-line message."""
    decision, _located = load_model(Decision, path)
    return decision


def decision_from_text(text: str, name: str = "<decision>") -> Decision:
    return validate(Decision, parse_yaml(text, name), name)


def decision_to_text(decision: Decision) -> str:
    header = (
        "# SysLead Desktop decision file. Format: docs/decision-file.md\n"
        "# Answers are option ids from the rulebook named below.\n"
    )
    return header + dump_yaml(decision.model_dump(mode="json"))


def save_decision(path: Path | str, decision: Decision) -> None:
    """Save atomically: the file on disk is always either the old or the new version."""
    atomic_write_text(path, decision_to_text(decision))


def new_decision(rulebook: Rulebook, rulebook_hash: str, today: dt.date | None = None) -> Decision:
    today = today or dt.date.today()
    return Decision(
        rulebook=RulebookRef(id=rulebook.id, version=rulebook.version, hash=rulebook_hash),
        created=today,
        updated=today,
    )


@dataclass
class Reconciled:
    """A decision fitted to the rulebook in use, and what had to change to fit it."""

    decision: Decision
    dropped: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def reconcile(decision: Decision, rulebook: Rulebook, rulebook_hash: str) -> Reconciled:
    """Keep every answer that still applies under ``rulebook``; report the rest."""
    result = Reconciled(decision.model_copy(deep=True))
    ref = decision.rulebook
    if ref.id != rulebook.id:
        result.notices.append(
            f"This decision was made with rulebook '{ref.id}'; it is now read with "
            f"'{rulebook.id}'. Answers that do not fit have been set aside."
        )
    elif ref.version != rulebook.version or (ref.hash and ref.hash != rulebook_hash):
        result.notices.append(
            f"This decision was made with rulebook version {ref.version}; "
            f"you are using version {rulebook.version}. Every answer that still applies is kept."
        )
    kept: dict[str, str] = {}
    for qid, option in decision.answers.items():
        question = rulebook.questions_by_id.get(qid)
        if question is None:
            result.dropped.append(f"{qid} (question no longer asked)")
        elif option not in question.option_ids():
            result.dropped.append(f"{qid} (answer '{option}' is no longer an option)")
        else:
            kept[qid] = option
    result.decision.answers = kept
    result.decision.rulebook = RulebookRef(
        id=rulebook.id, version=rulebook.version, hash=rulebook_hash
    )
    if result.dropped:
        result.notices.append("Set aside: " + "; ".join(result.dropped) + ".")
    return result
