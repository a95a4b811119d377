"""Moving file formats on: a chain of small, tested steps from each version to the next.

A file is read as it is written (plain YAML data, before validation), moved up one
version at a time to the current one, and only then validated. The upgrade happens in
memory: the file on disk is written in the new format only when the user saves it.

A file from a *newer* SysLead is refused in one line, never guessed at: its keys may
mean things this version does not know.

Each step is a pure function of the data, so each has a test of its own
(tests/unit/test_migrations.py), and docs/decision-file.md lists what each one does.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any, NamedTuple

Data = dict[str, Any]


class FormatVersionError(ValueError):
    """The file's ``schema_version`` cannot be read by this SysLead (one line)."""


class Step(NamedTuple):
    """Upgrade data of version ``source`` to ``source + 1``."""

    source: int
    upgrade: Callable[[Data], Data]
    summary: str


class Chain:
    """The migrations of one file format, version by version up to ``current``."""

    def __init__(self, kind: str, current: int, steps: list[Step]):
        self.kind = kind
        self.current = current
        self.steps = {step.source: step for step in steps}
        oldest = min(self.steps, default=current)
        missing = [v for v in range(oldest, current) if v not in self.steps]
        if missing:
            raise ValueError(f"{kind}: no migration from version {missing[0]}")
        self.oldest = oldest

    def upgrade(self, data: Data) -> tuple[Data, int]:
        """``data`` moved to the current version, and the version it was in.

        ``data`` is not changed (every step works on a copy). Raises
        :class:`FormatVersionError` for a missing, malformed, unknown or newer version, and
        for data holding a key that a later version added (a step refuses it)."""
        version = data.get("schema_version")
        if "schema_version" not in data:
            raise FormatVersionError(
                f"required but missing (the format's version, e.g. {self.current})"
            )
        if type(version) is not int:
            raise FormatVersionError(f"must be a whole number such as {self.current}")
        if version > self.current:
            raise FormatVersionError(
                f"this {self.kind} was written by a newer SysLead (format version {version}; "
                f"this version reads up to {self.current}): update SysLead to open it"
            )
        if version < self.oldest:
            raise FormatVersionError(f"{version} is not a {self.kind} format version")
        upgraded = data
        for source in range(version, self.current):
            upgraded = self.steps[source].upgrade(json_copy(upgraded))
            upgraded["schema_version"] = source + 1
        return upgraded, version


def json_copy(data: Data) -> Data:
    """A deep copy of plain YAML data (dicts, lists, scalars and dates)."""
    return _copy(data)  # type: ignore[no-any-return]


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def content_id(data: Data) -> str:
    """A stable 32-hex-digit identity for data that has none: the same content, the same
    identity, however often the file is opened."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


# ---- the decision file ------------------------------------------------------------------
def _decision_1_to_2(data: Data) -> Data:
    """Version 2 adds the decision's life: an identity, a status history, the board's
    resolution and the supersedes links, and the trust's identity.

    - ``id``: a version 1 file has none; it gets one made from its content, so opening
      the same file twice gives the same identity.
    - ``status: final`` becomes ``submitted`` (a final paper was one issued for its
      meeting), with one history entry dated from the file's own dates when it has any.
    """
    original = json_copy(data)
    if "id" not in data:
        data["id"] = content_id(original)
    if data.get("status") == "final":
        data["status"] = "submitted"
        dates = [data.get(key) for key in ("updated", "created")]
        paper = data.get("board_paper")
        if isinstance(paper, dict):
            dates.append(paper.get("meeting_date"))
        day = next((d for d in dates if isinstance(d, dt.date)), None)
        if day is not None:
            meeting = paper.get("meeting", "") if isinstance(paper, dict) else ""
            data["history"] = [
                {
                    "status": "submitted",
                    "on": day,
                    "meeting": meeting if isinstance(meeting, str) else "",
                    "note": "Marked final in a version 1 file.",
                }
            ]
    return data


def _decision_2_to_3(data: Data) -> Data:
    """Version 3 adds the follow-up: ``actions`` (each condition and safeguard with a
    named owner, a due date, a status and dated progress notes), ``measures`` (each
    success measure with its target and, at the review, the actual and whether it was
    met) and ``review`` (the report back at the review date).

    - ``measures``: one record per success measure the file lists, with no target yet.
    - ``actions``: none yet. They are suggested from the rulebook the next time the
      decision is assessed (the rulebook is not at hand here); for a decision already
      issued, from the recommendation it was issued with.
    """
    framing = data.get("framing")
    texts = framing.get("success_measures") if isinstance(framing, dict) else None
    if "measures" not in data and isinstance(texts, list):
        measures = [
            {"text": " ".join(t.split())} for t in texts if isinstance(t, str) and t.strip()
        ]
        if measures:
            data["measures"] = measures
    return data


DECISION_CHAIN = Chain(
    "decision file",
    3,
    [
        Step(1, _decision_1_to_2, "adds id, history, resolution, supersedes links and trust"),
        Step(2, _decision_2_to_3, "adds actions, success measure targets and the review"),
    ],
)


# ---- settings ---------------------------------------------------------------------------
def _adds(data: Data, key: str, version: int, kind: str) -> None:
    """Add ``key`` (empty) to data of ``version - 1``, which cannot have it: a file that
    has it is not what its ``schema_version`` says, and is refused, as an unknown key is."""
    if key in data:
        raise FormatVersionError(
            f"{version - 1} is a {kind} format without '{key}' (version {version} added it): "
            f"write {version} here, or remove '{key}'"
        )
    data[key] = None


def _settings_1_to_2(data: Data) -> Data:
    """Version 2 adds ``library``, the default register folder (none until chosen)."""
    _adds(data, "library", 2, "settings")
    return data


def _settings_2_to_3(data: Data) -> Data:
    """Version 3 adds ``recorded_by``, the name the board's resolutions were last recorded
    by (none until one is given: the user's login name is offered until then)."""
    _adds(data, "recorded_by", 3, "settings")
    return data


SETTINGS_CHAIN = Chain(
    "settings file",
    3,
    [
        Step(1, _settings_1_to_2, "adds the default register folder"),
        Step(2, _settings_2_to_3, "adds the name the board's decisions are recorded by"),
    ],
)


# ---- the trust profile ------------------------------------------------------------------
#: Version 1 is the first; later versions add their steps here.
TRUST_PROFILE_CHAIN = Chain("trust profile", 1, [])
