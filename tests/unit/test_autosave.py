"""Recovery drafts survive a killed process; live sessions' drafts are never offered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from syslead_desktop.errors import SysLeadError
from syslead_desktop.services import yaml_io
from syslead_desktop.services.autosave import AutosaveSession, find_recoverable
from syslead_desktop.services.decision_file import load_decision

WRITER = """
import sys, time
from pathlib import Path
from syslead_desktop.services.autosave import AutosaveSession
from syslead_desktop.services.decision_file import load_decision
decision = load_decision(sys.argv[1])
decision.framing.title = "Changed before the crash"
session = AutosaveSession.start(Path(sys.argv[2]))
session.write(decision, Path(sys.argv[1]))
print("ready", flush=True)
time.sleep(600)
"""


def test_draft_of_a_killed_process_is_recovered(example_path: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(example_path), str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        drafts, problems = find_recoverable(tmp_path)
        assert drafts == [] and problems == [], "a live session's draft must not be offered"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
    drafts, problems = find_recoverable(tmp_path)
    assert problems == []
    assert len(drafts) == 1
    assert drafts[0].decision.framing.title == "Changed before the crash"
    assert drafts[0].source_path == example_path
    drafts[0].discard()
    assert find_recoverable(tmp_path) == ([], [])


def test_clean_close_leaves_nothing_to_recover(example_path: Path, tmp_path: Path) -> None:
    session = AutosaveSession.start(tmp_path)
    session.write(load_decision(example_path), None)
    assert session.draft_path.exists()
    session.close()
    assert list(tmp_path.iterdir()) == []
    assert find_recoverable(tmp_path) == ([], [])


def test_own_live_session_is_not_offered(example_path: Path, tmp_path: Path) -> None:
    session = AutosaveSession.start(tmp_path)
    try:
        session.write(load_decision(example_path), None)
        assert find_recoverable(tmp_path) == ([], [])
    finally:
        session.close()


def test_unreadable_draft_is_reported_not_raised(example_path: Path, tmp_path: Path) -> None:
    session = AutosaveSession.start(tmp_path)
    session.write(load_decision(example_path), None)
    session.draft_path.write_text("schema_version: 1\nnonsense: true\n", encoding="utf-8")
    session._lock.close()  # simulate the owner dying without clean-up
    drafts, problems = find_recoverable(tmp_path)
    assert drafts == [] and len(problems) == 1 and "\n" not in problems[0]


def test_failed_write_is_one_line_and_leaves_no_temp_file(
    example_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = AutosaveSession.start(tmp_path)

    def refuse(_src: str, _dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(yaml_io.os, "replace", refuse)
    with pytest.raises(SysLeadError) as info:
        session.write(load_decision(example_path), None)
    assert "\n" not in str(info.value) and "cannot save" in str(info.value)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    session.close()
