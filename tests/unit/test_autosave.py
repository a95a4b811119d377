"""Recovery drafts survive a killed process; live sessions' drafts are never offered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from syslead_desktop.errors import SysLeadError
from syslead_desktop.services import files
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

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(SysLeadError) as info:
        session.write(load_decision(example_path), None)
    assert "\n" not in str(info.value) and "cannot save" in str(info.value)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    session.close()


def _make_unwritable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` refuse new files: chmod it, and if that has no effect (root), force it."""
    folder.chmod(0o500)
    probe = folder / "probe"
    try:
        probe.write_text("x", encoding="utf-8")
    except PermissionError:
        return  # the folder really is read-only
    probe.unlink()
    real_mkstemp = files.tempfile.mkstemp

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        if Path(str(kwargs.get("dir", ""))) == folder:
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)


def test_read_only_recovery_folder_is_a_clean_error(
    example_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "recovery"
    session = AutosaveSession.start(folder)
    _make_unwritable(folder, monkeypatch)
    try:
        with pytest.raises(SysLeadError) as info:
            session.write(load_decision(example_path), None)
    finally:
        folder.chmod(0o700)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(str(folder)) and "cannot save" in message
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    session.close()


def test_writes_never_leave_temp_files(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    session = AutosaveSession.start(tmp_path)
    for number in range(5):
        decision.framing.title = f"Version {number}"
        session.write(decision, example_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert not [n for n in names if n.endswith(".tmp")]
    assert names == sorted(
        p.name for p in (session.draft_path, session.meta_path, session.lock_path)
    )
    assert load_decision(session.draft_path).framing.title == "Version 4"
    session.close()


def test_discard_after_a_clean_save_leaves_nothing(example_path: Path, tmp_path: Path) -> None:
    session = AutosaveSession.start(tmp_path)
    session.write(load_decision(example_path), example_path)
    session.discard()
    assert not session.draft_path.exists() and not session.meta_path.exists()
    session.close()
    assert find_recoverable(tmp_path) == ([], [])


def test_close_keeping_the_draft_offers_it_next_time(example_path: Path, tmp_path: Path) -> None:
    session = AutosaveSession.start(tmp_path)
    session.write(load_decision(example_path), None)
    session.close(keep_draft=True)
    drafts, problems = find_recoverable(tmp_path)
    assert problems == [] and [d.path for d in drafts] == [session.draft_path]
    assert drafts[0].source_path is None
    with pytest.raises(SysLeadError, match="closed"):
        session.write(load_decision(example_path), None)


def test_newest_dead_draft_comes_first(example_path: Path, tmp_path: Path) -> None:
    decision = load_decision(example_path)
    titles = []
    for number in range(2):
        session = AutosaveSession.start(tmp_path)
        decision.framing.title = f"Draft {number}"
        titles.append(decision.framing.title)
        session.write(decision, None)
        meta = session.meta_path.read_text(encoding="utf-8")
        stamp = f"2026-01-0{number + 1}T09:00:00"
        session.meta_path.write_text(
            "\n".join(
                f"saved_at: '{stamp}'" if line.startswith("saved_at:") else line
                for line in meta.splitlines()
            ),
            encoding="utf-8",
        )
        session.close(keep_draft=True)
    drafts, problems = find_recoverable(tmp_path)
    assert problems == []
    assert [d.decision.framing.title for d in drafts] == list(reversed(titles))


def test_unusable_recovery_folder_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SYSLEAD_USER_DIR", str(blocker))
    drafts, problems = find_recoverable()
    assert drafts == [] and len(problems) == 1 and "\n" not in problems[0]
    with pytest.raises(SysLeadError):
        AutosaveSession.start()
