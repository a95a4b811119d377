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
    """A decision fitted to the rulebook in use, and what had to change to fit it.

    ``dropped`` has one plain-English line per answer set aside; ``notices`` is what to
    tell the reader (a board member, not a rulebook author), one paragraph each."""

    decision: Decision
    dropped: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _rulebook_notice(ref: RulebookRef, rulebook: Rulebook, rulebook_hash: str) -> str | None:
    if ref.id != rulebook.id:
        return (
            f"This decision was made with another rulebook ('{ref.id}' version "
            f"{ref.version}); it is now read with “{rulebook.title}” ('{rulebook.id}' "
            f"version {rulebook.version}). Answers that do not fit have been set aside."
        )
    if ref.version != rulebook.version:
        return (
            f"This decision was made with version {ref.version} of the rulebook; you are "
            f"using version {rulebook.version}. Every answer that still applies is kept."
        )
    if ref.hash and ref.hash != rulebook_hash:
        return (
            f"This decision was made with a differently edited copy of rulebook version "
            f"{ref.version}. Every answer that still applies is kept."
        )
    return None


def reconcile(decision: Decision, rulebook: Rulebook, rulebook_hash: str) -> Reconciled:
    """Keep every answer that still applies under ``rulebook``; report the rest.

    An answer is known only by ids, so one to a question the rulebook no longer asks is
    named by its id; one whose option has gone is named by the question's own words."""
    result = Reconciled(decision.model_copy(deep=True))
    notice = _rulebook_notice(decision.rulebook, rulebook, rulebook_hash)
    if notice:
        result.notices.append(notice)
    kept: dict[str, str] = {}
    for qid, option in decision.answers.items():
        question = rulebook.questions_by_id.get(qid)
        if question is None:
            result.dropped.append(f"an answer to a question this rulebook no longer asks (“{qid}”)")
        elif option not in question.option_ids():
            result.dropped.append(
                f"the answer to “{question.text}”: the option chosen (“{option}”) is no "
                "longer offered, so this question needs answering again"
            )
        else:
            kept[qid] = option
    result.decision.answers = kept
    result.decision.rulebook = RulebookRef(
        id=rulebook.id, version=rulebook.version, hash=rulebook_hash
    )
    if result.dropped:
        count = len(result.dropped)
        heading = (
            "One answer no longer fits this rulebook and has been set aside:"
            if count == 1
            else f"{count} answers no longer fit this rulebook and have been set aside:"
        )
        result.notices.append("\n".join([heading, *(f"• {line}" for line in result.dropped)]))
    return result
