"""Read and write decision files (YAML, validated, saved atomically)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.decision import Decision, RulebookRef, date_problem
from ..domain.migrations import DECISION_CHAIN
from ..domain.rulebook import Rulebook
from ..domain.trust import TrustStamp
from ..errors import FileFormatError
from .files import FileStamp, atomic_write_text, read_bytes
from .formats import load_versioned
from .yaml_io import LocatedYaml, dump_yaml

DECISION_SUFFIX = ".syslead.yaml"
#: The key of the notes on the decision as a whole (every other key is a factor id).
FRAMING_NOTES = "framing"


def load_decision(path: Path | str, *, check_dates: bool = True) -> Decision:
    """Load and validate a decision file; raises ``SysLeadError`` with a one-line message.

    An older format is upgraded in memory (the file is not touched); a review date
    before the meeting date is refused unless ``check_dates`` is off (a recovery draft
    is taken back as it was typed, to be put right in the wizard)."""
    return _read(path, None, check_dates)[0]


def decision_from_text(
    text: str, name: str = "<decision>", *, check_dates: bool = True
) -> Decision:
    return _read(name, text, check_dates)[0]


def _read(path: Path | str, text: str | None, check_dates: bool) -> tuple[Decision, LocatedYaml]:
    decision, located, _version = load_versioned(Decision, DECISION_CHAIN, path, text)
    problem = date_problem(decision) if check_dates else None
    if problem is not None:
        where, message = problem
        line = located.line_of(tuple(where.split(".")))
        raise FileFormatError(path, where, message, line)
    return decision, located


def load_decision_located(path: Path | str) -> tuple[Decision, LocatedYaml]:
    """The decision and the line of every key in its file (for :func:`check_fits`)."""
    return _read(path, None, True)


def open_decision(path: Path | str) -> tuple[Decision, FileStamp | None]:
    """The decision and the stamp of the file as read, for a save that must not
    overwrite someone else's newer save (see ``files.atomic_write_bytes(expected=)``)."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileFormatError(path, "", "not a UTF-8 text file") from None
    return _read(path, text, True)[0], FileStamp.of(path, data)


def same_rulebook(ref: RulebookRef, rulebook: Rulebook) -> bool:
    return ref.id == rulebook.id and ref.version == rulebook.version


def check_fits(
    decision: Decision, located: LocatedYaml | None, rulebook: Rulebook, path: Path | str
) -> None:
    """Refuse what the rulebook in use would silently change or drop.

    - an answer whose option is not in its question's scale (reported as unknown, not
      as a question left unanswered);
    - an answer to a question the rulebook does not ask, when the decision names this
      very rulebook (with another rulebook version, :func:`reconcile` sets it aside
      and says so);
    - notes under an id that is no factor of the rulebook (they would never reach the
      paper).

    Raises :class:`FileFormatError` naming the file, line and field.
    """

    def fail(*where: str, message: str) -> FileFormatError:
        line = located.line_of(where) if located is not None else None
        return FileFormatError(path, ".".join(where), message, line)

    same = same_rulebook(decision.rulebook, rulebook)
    for qid, option in decision.answers.items():
        question = rulebook.questions_by_id.get(qid)
        if question is None:
            if same:
                raise fail("answers", qid, message=f"unknown question (not in {_named(rulebook)})")
            continue
        if option not in question.option_ids():
            choices = ", ".join(question.option_ids())
            raise fail(
                "answers", qid, message=f"unknown option '{option}' (the options are: {choices})"
            )
    factors = [factor.id for factor in rulebook.factors]
    for key in decision.notes:
        if key != FRAMING_NOTES and key not in factors:
            raise fail(
                "notes",
                key,
                message=(
                    f"notes under an unknown factor (not in {_named(rulebook)}), which would "
                    f"not appear in the paper; the factors are: {', '.join(factors)}"
                ),
            )


def _named(rulebook: Rulebook) -> str:
    return f"rulebook {rulebook.id} {rulebook.version}"


def decision_to_text(decision: Decision) -> str:
    header = (
        "# SysLead Desktop decision file. Format: docs/decision-file.md\n"
        "# Answers are option ids from the rulebook named below.\n"
    )
    return header + dump_yaml(decision.model_dump(mode="json"))


def save_decision(
    path: Path | str, decision: Decision, expected: FileStamp | None = None
) -> FileStamp | None:
    """Save atomically: the file on disk is always either the old or the new version.

    ``expected``: the stamp from :func:`open_decision` (or the last save); if the file
    was saved by someone else since, ``files.FileChangedError`` is raised and nothing is
    written. Returns the new stamp."""
    return atomic_write_text(path, decision_to_text(decision), expected=expected)


def new_decision(
    rulebook: Rulebook,
    rulebook_hash: str,
    today: dt.date | None = None,
    trust: TrustStamp | None = None,
) -> Decision:
    """A blank decision with an identity of its own, stamped with the trust's identity."""
    today = today or dt.date.today()
    return Decision(
        id=uuid.uuid4().hex,
        rulebook=RulebookRef(id=rulebook.id, version=rulebook.version, hash=rulebook_hash),
        trust=trust,
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


def _rulebook_notice(
    ref: RulebookRef, rulebook: Rulebook, rulebook_hash: str, dropped: int
) -> str | None:
    """What changed about the rulebook; what became of the answers follows from
    ``dropped``, the number set aside (each is then listed in a notice of its own)."""
    answers = "Every answer given still applies and is kept." if not dropped else ""
    if ref.id != rulebook.id:
        said = (
            f"This decision was made with another rulebook ('{ref.id}' version "
            f"{ref.version}); it is now read with “{rulebook.title}” ('{rulebook.id}' "
            f"version {rulebook.version})."
        )
    elif ref.version != rulebook.version:
        said = (
            f"This decision was made with version {ref.version} of the rulebook; you are "
            f"using version {rulebook.version}."
        )
    elif ref.hash and ref.hash != rulebook_hash:
        said = (
            f"This decision was made with a differently edited copy of rulebook version "
            f"{ref.version}."
        )
    else:
        return None
    return f"{said} {answers}".strip()


def reconcile(decision: Decision, rulebook: Rulebook, rulebook_hash: str) -> Reconciled:
    """Keep every answer that still applies under ``rulebook``; report the rest.

    An answer is known only by ids, so one to a question the rulebook no longer asks is
    named by its id; one whose option has gone is named by the question's own words."""
    result = Reconciled(decision.model_copy(deep=True))
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
    factors = {factor.id for factor in rulebook.factors}
    for key, note in decision.notes.items():
        if key != FRAMING_NOTES and key not in factors:
            result.decision.notes.pop(key)
            excerpt = " ".join(note.split())
            excerpt = excerpt if len(excerpt) <= 80 else excerpt[:79].rstrip() + "…"
            result.dropped.append(
                f"your notes under “{key}”, which is not a factor of this rulebook, so they "
                f"would not appear in the paper: “{excerpt}”"
            )
    result.decision.rulebook = RulebookRef(
        id=rulebook.id, version=rulebook.version, hash=rulebook_hash
    )
    notice = _rulebook_notice(decision.rulebook, rulebook, rulebook_hash, len(result.dropped))
    if notice:
        result.notices.append(notice)
    if result.dropped:
        count = len(result.dropped)
        heading = (
            "One answer no longer fits this rulebook and has been set aside:"
            if count == 1
            else f"{count} answers no longer fit this rulebook and have been set aside:"
        )
        result.notices.append("\n".join([heading, *(f"• {line}" for line in result.dropped)]))
    return result
