"""Formats that move on: each migration step, in memory only, and newer files refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from syslead_desktop.domain.decision import DECISION_SCHEMA_VERSION
from syslead_desktop.domain.migrations import (
    DECISION_CHAIN,
    SETTINGS_CHAIN,
    Chain,
    FormatVersionError,
    Step,
)
from syslead_desktop.errors import FileFormatError, SysLeadError
from syslead_desktop.services.decision_file import load_decision, save_decision
from syslead_desktop.services.settings import Settings, load_settings, save_settings

V1_FINAL = """\
schema_version: 1
rulebook: {id: syslead-core, version: 1.0.0}
framing: {title: Share the pathology network}
board_paper: {meeting: Board of Directors, meeting_date: 2026-02-12}
status: final
created: 2026-01-20
updated: 2026-01-28
"""


def test_the_chains_reach_the_current_versions() -> None:
    assert DECISION_CHAIN.current == DECISION_SCHEMA_VERSION == 3
    assert SETTINGS_CHAIN.current == 3
    assert [s.source for s in SETTINGS_CHAIN.steps.values()] == [1, 2]
    assert [s.source for s in DECISION_CHAIN.steps.values()] == [1, 2]


def test_a_gap_in_a_chain_is_a_bug_caught_at_once() -> None:
    with pytest.raises(ValueError, match="no migration from version 2"):
        Chain("thing", 3, [Step(1, lambda d: d, "")])


def test_decision_1_to_2_draft() -> None:
    data = {"schema_version": 1, "rulebook": {"id": "x", "version": "1"}, "status": "draft"}
    upgraded, version = DECISION_CHAIN.upgrade(data)
    assert version == 1 and upgraded["schema_version"] == 3 and upgraded["status"] == "draft"
    assert len(upgraded["id"]) == 32 and "history" not in upgraded
    assert data == {
        "schema_version": 1,
        "rulebook": {"id": "x", "version": "1"},
        "status": "draft",
    }, "the data read is never changed"
    again, _ = DECISION_CHAIN.upgrade(data)
    assert again["id"] == upgraded["id"], "the same file always gets the same identity"
    other, _ = DECISION_CHAIN.upgrade({**data, "answers": {"q": "a"}})
    assert other["id"] != upgraded["id"]


def test_decision_1_to_2_final_becomes_submitted_with_its_date(tmp_path: Path) -> None:
    path = tmp_path / "old.syslead.yaml"
    path.write_text(V1_FINAL, encoding="utf-8")
    decision = load_decision(path)
    assert decision.schema_version == 3 and decision.status == "submitted"
    [entry] = decision.history
    assert entry.status == "submitted" and entry.on == dt.date(2026, 1, 28)
    assert entry.meeting == "Board of Directors" and "version 1" in entry.note
    assert path.read_text(encoding="utf-8") == V1_FINAL, "opening never rewrites the file"
    save_decision(path, decision)  # the user saves: now it is in the current format
    saved = path.read_text(encoding="utf-8")
    assert "schema_version: 3" in saved and f"id: {decision.id}" in saved
    assert load_decision(path) == decision


def test_the_shipped_example_is_read_through_the_chain(example_path: Path) -> None:
    text = example_path.read_text(encoding="utf-8")
    assert "schema_version: 1" in text
    decision = load_decision(example_path)
    assert decision.schema_version == 3
    assert [m.text for m in decision.measures] == decision.framing.success_measures


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("4", "written by a newer SysLead (format version 4; this version reads up to 3)"),
        ("0", "0 is not a decision file format version"),
        ("'2'", "must be a whole number"),
        ("2.0", "must be a whole number"),
    ],
)
def test_versions_that_cannot_be_read_are_refused_in_one_line(
    tmp_path: Path, version: str, expected: str
) -> None:
    path = tmp_path / "d.syslead.yaml"
    path.write_text(
        f"# a comment\nrulebook: {{id: x, version: '1'}}\nschema_version: {version}\n",
        encoding="utf-8",
    )
    with pytest.raises(FileFormatError) as caught:
        load_decision(path)
    message = str(caught.value)
    assert expected in message and "\n" not in message
    assert message.startswith(f"{path}:3: schema_version: ")


V2_DECIDED = """\
schema_version: 2
id: 3f9a2c1b7d0e4a5b8c6d9e0f1a2b3c4d
rulebook: {id: syslead-core, version: 1.0.0}
framing:
  title: Share the pathology network
  success_measures: ["Turnaround within  48 hours", "  ", "No rise in complaints"]
board_paper: {meeting: Board of Directors, meeting_date: 2026-02-12}
status: decided
history:
  - {status: submitted, 'on': 2026-02-05}
  - {status: decided, 'on': 2026-02-12}
resolution: {date: 2026-02-12, outcome: approved, minute_reference: BD/26/014}
"""


def test_decision_2_to_3_adds_the_follow_up_in_memory_only(tmp_path: Path) -> None:
    path = tmp_path / "v2.syslead.yaml"
    path.write_text(V2_DECIDED, encoding="utf-8")
    decision = load_decision(path)
    assert decision.schema_version == 3 and decision.status == "decided"
    assert [m.text for m in decision.measures] == [
        "Turnaround within 48 hours",
        "No rise in complaints",
    ], "one record per measure, blank ones left out"
    assert all(m.target == "" and m.result is None for m in decision.measures)
    assert decision.actions == [] and decision.review is None
    assert decision.resolution is not None and decision.resolution.minute_reference == "BD/26/014"
    assert path.read_text(encoding="utf-8") == V2_DECIDED, "opening never rewrites the file"
    save_decision(path, decision)
    assert "schema_version: 3" in path.read_text(encoding="utf-8")
    assert load_decision(path) == decision


def test_decision_2_to_3_step_alone_keeps_what_is_there() -> None:
    data = {
        "schema_version": 2,
        "rulebook": {"id": "x", "version": "1"},
        "framing": {"success_measures": ["A"]},
        "measures": [{"text": "A", "target": "90%"}],
    }
    upgraded, version = DECISION_CHAIN.upgrade(data)
    assert version == 2 and upgraded["measures"] == [{"text": "A", "target": "90%"}]
    bare, _ = DECISION_CHAIN.upgrade({"schema_version": 2, "rulebook": {"id": "x"}})
    assert "measures" not in bare and "actions" not in bare


def test_a_missing_version_is_refused() -> None:
    with pytest.raises(FormatVersionError, match="required but missing"):
        DECISION_CHAIN.upgrade({"rulebook": {}})


def test_settings_1_to_2(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    text = "schema_version: 1\nrecent_files: []\npresentation_mode: true\n"
    path.write_text(text, encoding="utf-8")
    settings, warning = load_settings(path)
    assert warning is None
    assert settings.schema_version == 3 and settings.presentation_mode and settings.library is None
    assert path.read_text(encoding="utf-8") == text
    save_settings(settings.model_copy(update={"library": "/srv/register"}), path)
    assert "schema_version: 3" in path.read_text(encoding="utf-8")
    assert load_settings(path)[0].library == "/srv/register"


def test_settings_2_to_3_adds_the_name_decisions_are_recorded_by(tmp_path: Path) -> None:
    data = {"schema_version": 2, "recent_files": [], "library": "/srv/register"}
    upgraded, version = SETTINGS_CHAIN.upgrade(data)
    assert version == 2 and upgraded == {**data, "schema_version": 3, "recorded_by": None}
    assert data["schema_version"] == 2 and "recorded_by" not in data, "read, never changed"
    path = tmp_path / "settings.yaml"
    text = "schema_version: 2\nlibrary: /srv/register\n"
    path.write_text(text, encoding="utf-8")
    settings, warning = load_settings(path)
    assert warning is None and settings.recorded_by is None
    assert settings.library == "/srv/register"
    assert path.read_text(encoding="utf-8") == text, "upgraded in memory only"
    save_settings(settings.model_copy(update={"recorded_by": "Pat Secretary"}), path)
    written = path.read_text(encoding="utf-8")
    assert "schema_version: 3" in written and "recorded_by: Pat Secretary" in written
    assert load_settings(path) == (
        settings.model_copy(update={"recorded_by": "Pat Secretary"}),
        None,
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("schema_version: 2\nrecorded_by: Pat Secretary\n", "recorded_by"),
        ("schema_version: 1\nlibrary: /srv/register\n", "library"),
    ],
)
def test_a_key_older_settings_cannot_have_is_refused_not_taken_in(
    tmp_path: Path, text: str, key: str
) -> None:
    """A key that came in a later format, in a file that says it is older, is as unknown
    to that format as a misspelt one: the file is set aside and the defaults used."""
    version = int(text.split()[1])
    with pytest.raises(FormatVersionError, match=f"without '{key}'"):
        SETTINGS_CHAIN.upgrade({"schema_version": version, key: "x"})
    path = tmp_path / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    settings, warning = load_settings(path)
    assert settings == Settings() and warning is not None and "\n" not in warning
    assert f"settings.yaml:1: schema_version: {version} is a settings format without" in warning
    assert [p.read_text(encoding="utf-8") for p in tmp_path.glob("settings.yaml.bad-*")] == [text]


def test_settings_from_a_newer_syslead_are_used_as_defaults_and_never_overwritten(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.yaml"
    text = "schema_version: 9\nsomething_new: true\n"
    path.write_text(text, encoding="utf-8")
    settings, warning = load_settings(path)
    assert settings == Settings() and warning is not None and "newer SysLead" in warning
    assert "\n" not in warning
    with pytest.raises(SysLeadError, match="newer SysLead"):
        save_settings(settings, path)
    assert path.read_text(encoding="utf-8") == text
    assert not list(tmp_path.glob("*.bad-*"))
