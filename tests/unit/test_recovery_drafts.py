"""Crash recovery that always offers the work, and keeps it private (issue #11, items 4-5).

Services side: every draft is listed, a damaged one never hides the others, a file's own
draft is found by its path, a draft knows whether its file was saved again since, the
question dates the crash truthfully, and drafts are private and leave nothing behind."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from syslead_desktop.services.autosave import (
    AutosaveSession,
    draft_for,
    find_recoverable,
    scan_drafts,
)
from syslead_desktop.services.decision_file import load_decision, open_decision, save_decision
from syslead_desktop.services.files import FileChangedError
from tests.conftest import EXAMPLE

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and signals")

#: Starts a session in a child process; "hang-in-replace" makes the draft's save stop
#: after its temporary file is written, as a kill in mid-save would find it.
CHILD = """
import os, sys, time
from pathlib import Path
from syslead_desktop.services import files
from syslead_desktop.services.autosave import AutosaveSession
from syslead_desktop.services.decision_file import load_decision
session = AutosaveSession.start(Path(sys.argv[1]))
mode = sys.argv[2]
if mode == "hang-in-replace":
    files.os.replace = lambda *a: (print("ready", flush=True), time.sleep(600))
if mode != "no-draft":
    session.write(load_decision(sys.argv[3]), Path(sys.argv[3]))
print("ready", flush=True)
time.sleep(600)
"""


def kill_child(folder: Path, mode: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), mode, str(EXAMPLE)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


def dead_draft(folder: Path, title: str, source: Path | None = None) -> AutosaveSession:
    """A draft whose session ended without a clean close (its lock released)."""
    session = AutosaveSession.start(folder)
    decision = load_decision(EXAMPLE)
    decision.framing.title = title
    session.write(decision, source)
    session.close(keep_draft=True)
    return session


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---- private, and nothing left behind ------------------------------------------------------
@posix_only
def test_drafts_are_0600_in_a_0700_folder_whatever_existed(tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir()
    folder.chmod(0o755)
    old = folder / "20250101-000000-000000-1.draft.syslead.yaml"
    shutil.copy(EXAMPLE, old)
    old.chmod(0o644)  # as an older SysLead wrote it, under the umask
    session = AutosaveSession.start(folder)
    try:
        assert mode_of(folder) == 0o700 and mode_of(old) == 0o600
        session.write(load_decision(EXAMPLE), None)
        for path in (session.draft_path, session.meta_path, session.lock_path):
            assert mode_of(path) == 0o600, path
    finally:
        session.close()


@posix_only
def test_a_save_killed_midway_leaves_a_temp_file_that_the_next_start_removes(
    tmp_path: Path,
) -> None:
    kill_child(tmp_path, "hang-in-replace")
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1, "the kill should have left the draft's temporary file"
    live = AutosaveSession.start(tmp_path)  # the next start
    try:
        assert not left[0].exists()
        # a running session's temporary file is never taken from under it
        own = tmp_path / f".{live.draft_path.name}.abcdefgh.tmp"
        own.write_text("being written", encoding="utf-8")
        second = AutosaveSession.start(tmp_path)
        second.close()
        assert own.exists()
    finally:
        live.close()


@posix_only
def test_stale_lock_files_do_not_accumulate(tmp_path: Path) -> None:
    for _ in range(3):
        kill_child(tmp_path, "no-draft")
    # each start cleared the one killed before it (they used to pile up, one per kill)
    assert len(list(tmp_path.glob("*.lock"))) == 1
    session = AutosaveSession.start(tmp_path)
    try:
        assert [p.name for p in tmp_path.glob("*.lock")] == [session.lock_path.name]
    finally:
        session.close()
    assert list(tmp_path.iterdir()) == []


@posix_only
def test_a_killed_session_with_a_draft_keeps_its_lock_until_the_draft_is_dealt_with(
    tmp_path: Path,
) -> None:
    kill_child(tmp_path, "draft")
    drafts, problems = find_recoverable(tmp_path)
    assert problems == [] and len(drafts) == 1
    assert len(list(tmp_path.glob("*.lock"))) == 1  # still there: it dates the crash
    drafts[0].discard()
    assert list(tmp_path.iterdir()) == []


# ---- every draft, whatever the others hold ---------------------------------------------------
def test_every_draft_is_listed_and_a_damaged_one_blocks_none(tmp_path: Path) -> None:
    dead_draft(tmp_path, "First")
    dead_draft(tmp_path, "Second")
    broken = dead_draft(tmp_path, "Broken")
    broken.draft_path.write_text("schema_version: 1\nnonsense: [\n", encoding="utf-8")
    bad_meta = dead_draft(tmp_path, "Bad meta")
    bad_meta.meta_path.write_text("saved_at: 2026-02-30T10:00:00\n", encoding="utf-8")
    folder_draft = tmp_path / "20250101-000000-000000-9-0.draft.syslead.yaml"
    folder_draft.mkdir()
    no_meta = dead_draft(tmp_path, "Killed before its first meta")
    no_meta.meta_path.unlink()

    scan = scan_drafts(tmp_path)
    titles = sorted(d.decision.framing.title for d in scan.drafts)
    assert titles == ["First", "Killed before its first meta", "Second"]
    assert len(scan.damaged) == 3
    assert all("\n" not in d.reason and str(tmp_path) in d.reason for d in scan.damaged)
    assert any("saved_at" in d.reason for d in scan.damaged)
    drafts, problems = find_recoverable(tmp_path)
    assert len(drafts) == 3 and len(problems) == 3
    for damaged in scan.damaged:
        damaged.discard()
    assert len(scan_drafts(tmp_path).damaged) == 1  # the folder cannot be unlinked as a file
    shutil.rmtree(folder_draft)


def test_starting_with_a_file_finds_that_files_draft(tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    files = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.syslead.yaml"
        shutil.copy(EXAMPLE, path)
        files.append(path)
        dead_draft(folder, f"Draft of {name}", path)
    dead_draft(folder, "Never saved")
    found = draft_for(files[1], folder)
    assert found is not None and found.decision.framing.title == "Draft of b"
    link = tmp_path / "link.syslead.yaml"
    link.symlink_to(files[0])
    relative = Path(os.path.relpath(files[0]))
    for spelling in (link, relative):
        found = draft_for(spelling, folder)
        assert found is not None and found.decision.framing.title == "Draft of a"
    assert draft_for(tmp_path / "other.syslead.yaml", folder) is None


# ---- a draft older than its file ---------------------------------------------------------------
def test_a_draft_knows_its_file_was_saved_again_since(tmp_path: Path) -> None:
    path = tmp_path / "shared.syslead.yaml"
    shutil.copy(EXAMPLE, path)
    decision, stamp = open_decision(path)
    session = AutosaveSession.start(tmp_path / "recovery")
    decision.framing.title = "Unsaved edit in the window that crashed"
    session.write(decision, path, stamp)
    session.close(keep_draft=True)

    untouched = draft_for(path, tmp_path / "recovery")
    assert untouched is not None and not untouched.source_changed
    assert "saved again" not in untouched.describe()

    other, other_stamp = open_decision(path)  # another window saves the file afterwards
    other.framing.title = "Saved by the other window"
    save_decision(path, other, expected=other_stamp)
    draft = draft_for(path, tmp_path / "recovery")
    assert draft is not None and draft.source_changed
    assert draft.source_modified is not None
    assert "has been saved again since" in draft.describe()
    assert "ask before overwriting" in draft.describe()
    # ...and the save that follows recovery asks instead of wiping the newer save
    with pytest.raises(FileChangedError):
        save_decision(path, draft.decision, expected=draft.source_stamp)
    assert load_decision(path).framing.title == "Saved by the other window"


def test_a_draft_of_a_file_saved_later_without_a_stamp_still_says_so(tmp_path: Path) -> None:
    """Drafts from before stamps were kept compare the file's time with the draft's."""
    path = tmp_path / "plain.syslead.yaml"
    shutil.copy(EXAMPLE, path)
    dead_draft(tmp_path / "recovery", "Old draft", path)
    meta = next((tmp_path / "recovery").glob("*.meta.yaml"))
    text = meta.read_text(encoding="utf-8")
    meta.write_text(
        "\n".join(
            "saved_at: '2020-01-01T09:00:00'" if line.startswith("saved_at:") else line
            for line in text.splitlines()
        ),
        encoding="utf-8",
    )
    draft = draft_for(path, tmp_path / "recovery")
    assert draft is not None and draft.source_stamp is None and draft.source_changed


# ---- when the crash happened ---------------------------------------------------------------------
def test_the_question_dates_the_crash_truthfully(tmp_path: Path) -> None:
    session = AutosaveSession.start(tmp_path)
    session.write(load_decision(EXAMPLE), None)
    draft_time = dt.datetime.now().astimezone().replace(microsecond=0)
    later = draft_time + dt.timedelta(minutes=25)
    os.utime(session.lock_path, (later.timestamp(), later.timestamp()))  # a heartbeat
    session._lock.close()  # the process dies
    (draft,) = find_recoverable(tmp_path)[0]
    assert draft.saved_at.tzinfo is not None  # a real moment, not a wall-clock reading
    assert draft.last_seen == later
    text = draft.describe()
    assert f"autosaved at {draft_time:%H:%M}" in text
    assert (
        f"last seen running at {later:%H:%M}" in text and "stopped unexpectedly soon after" in text
    )
    draft.discard()

    quiet = dead_draft(tmp_path, "No heartbeat since the autosave")
    (draft,) = find_recoverable(tmp_path)[0]
    assert draft.path == quiet.draft_path
    assert "some time after that" in draft.describe() and "last seen" not in draft.describe()


def test_heartbeat_moves_the_last_seen_time(tmp_path: Path) -> None:
    session = AutosaveSession.start(tmp_path)
    session.write(load_decision(EXAMPLE), None)
    past = dt.datetime(2026, 1, 1, 9, 0).timestamp()
    os.utime(session.lock_path, (past, past))
    session.heartbeat()
    assert session.lock_path.stat().st_mtime > past + 3600
    session.close()


def test_a_settings_save_cut_short_is_cleaned_up_at_the_next_start(tmp_path: Path) -> None:
    from syslead_desktop.services.settings import load_settings

    path = tmp_path / "settings.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    stale = tmp_path / ".settings.yaml.k1ll3d00.tmp"
    fresh = tmp_path / ".settings.yaml.wr1t1ng0.tmp"
    for leftover in (stale, fresh):
        leftover.write_text("schema_version: 1\nrecent_fi", encoding="utf-8")
    an_hour_ago = dt.datetime.now().timestamp() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    assert load_settings(path)[1] is None
    assert not stale.exists() and fresh.exists(), "a save in progress is left alone"
