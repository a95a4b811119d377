"""Autosave recovery after the app process is killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import pytest

from .conftest import open_window

pytestmark = pytest.mark.gui
DRIVER = Path(__file__).with_name("drive_autosave.py")
LINE_TIMEOUT_S = 60


def _read_line(proc: subprocess.Popen[str], timeout: float = LINE_TIMEOUT_S) -> str:
    """The next line the process prints; kills it and fails if none comes in time
    (a modal dialog waiting for an answer nobody gives would otherwise hang the test)."""
    assert proc.stdout is not None
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(proc.stdout.readline)
        try:
            return pending.result(timeout=timeout).strip()
        except FutureTimeout:
            proc.kill()  # closes the pipe, so readline returns and the pool can finish
            pytest.fail(f"no output from {proc.args} within {timeout} s")


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    if proc.stdout:
        proc.stdout.close()


def _run_until_autosaved_then_kill(title: str, *file_args: str) -> None:
    """Start the real program, type ``title``, wait for the autosave, SIGKILL it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), title, *file_args], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert _read_line(proc) == "autosaved"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        _stop(proc)


RECOVERY_DRIVER = Path(__file__).with_name("drive_recovery.py")


def _start_and_report(answer: str, *file_args: str) -> dict[str, object]:
    """Run the real program through drive_recovery.py; what the user saw, as a dict."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, str(RECOVERY_DRIVER), answer, *file_args],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        shown = json.loads(_read_line(proc))
        assert proc.wait(timeout=LINE_TIMEOUT_S) == 0
    finally:
        _stop(proc)
    assert isinstance(shown, dict)
    return shown


def test_killed_app_is_recovered_from_home_at_the_page_it_was_on(
    qtbot, answers, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    title = "Changed just before the crash"
    _run_until_autosaved_then_kill(title, str(example_path))

    window = open_window(qtbot, autosave=True, new=False)
    assert [d.title for d in window.home_model.drafts] == [title]
    assert window.home.drafts.isVisible(), "Home lists the draft to recover"
    window.recover(window.home_model.drafts[0])
    assert answers.asked == [], "choosing Recover on Home needs no second question"
    assert window.doc.decision.framing.title == title
    assert window.doc.path == example_path, "recovered work keeps its file"
    assert window.isWindowModified(), "recovered work is unsaved until the user saves it"
    assert window.decision_view.position() == "framing", "it reopens where the user was"
    assert window.wizard.page_for("framing").title_edit.text() == title  # type: ignore[attr-defined]
    assert window.home_model.drafts == []

    second = open_window(qtbot, new=False)
    assert second.home_model.drafts == [], "a draft is never listed while its owner lives"
    window.doc.set_modified(False)
    window.close()


def test_discarding_a_draft_from_home_deletes_it(qtbot, answers, example_path: Path) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.services.autosave import AutosaveSession, find_recoverable
    from syslead_desktop.services.decision_file import load_decision

    session = AutosaveSession.start()
    session.write(load_decision(example_path), None)
    session._lock.close()  # the owner is gone
    window = open_window(qtbot, new=False)
    answers.discard_draft = False
    assert not window.discard_draft(window.home_model.drafts[0])
    assert len(find_recoverable()[0]) == 1, "keeping it is the safe answer"
    answers.discard_draft = True
    assert window.discard_draft(window.home_model.drafts[0])
    assert window.home_model.drafts == [] and find_recoverable() == ([], [])
    assert window.doc.decision.framing.title == "", "nothing was opened"


def test_every_draft_is_listed_and_a_damaged_one_blocks_none(
    qtbot, answers, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.services.autosave import AutosaveSession
    from syslead_desktop.services.decision_file import load_decision

    titles = []
    for number in range(3):
        session = AutosaveSession.start()
        decision = load_decision(example_path)
        decision.framing.title = f"Draft {number}"
        titles.append(decision.framing.title)
        session.write(decision, None)
        if number == 1:  # an impossible date: this one cannot be read
            text = session.draft_path.read_text(encoding="utf-8")
            session.draft_path.write_text(
                text.replace("created: '", "created: '2026-02-30' #"), encoding="utf-8"
            )
        session._lock.close()
    window = open_window(qtbot, new=False)
    assert sorted(d.title for d in window.home_model.drafts) == ["Draft 0", "Draft 2"]
    assert len(window.home_model.damaged_drafts) == 1
    listed = window.home.drafts.list
    assert listed is not None and listed.count() == 3
    damaged = [e for e in listed.entries if e.tone == "problem"]
    assert len(damaged) == 1 and "cannot be recovered" in damaged[0].details[0]
    assert answers.errors == [], "a damaged draft is listed, not an error"
    window.discard_draft(window.home_model.damaged_drafts[0])
    assert listed.count() == 2


def test_starting_with_a_file_offers_that_files_draft(example_path: Path, tmp_path: Path) -> None:
    """The real program, as ``syslead-desktop FILE``: the question tells when the draft
    was autosaved (it cannot know when the program stopped), and says nothing untrue."""
    mine = tmp_path / "mine.syslead.yaml"
    mine.write_bytes(example_path.read_bytes())
    title = "Typed before the power cut"
    _run_until_autosaved_then_kill(title, str(mine))

    declined = _start_and_report("no", str(mine))
    assert len(declined["offered"]) == 1  # type: ignore[arg-type]
    offer = declined["offered"][0]  # type: ignore[index]
    assert f"“{title}” (from mine.syslead.yaml) was autosaved at" in offer
    assert "last time" not in offer
    assert declined["title"] != title and declined["modified"] is False
    assert declined["home_drafts"] == [title], "a declined draft stays on Home"

    accepted = _start_and_report("yes", str(mine))
    assert accepted["title"] == title and accepted["modified"] is True
    assert accepted["path"] == str(mine) and accepted["page"] == "framing"
    assert accepted["home_drafts"] == []


def test_an_older_draft_never_overwrites_newer_saved_work_without_asking(
    qtbot, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.services.autosave import AutosaveSession
    from syslead_desktop.services.decision_file import load_decision, open_decision

    mine = tmp_path / "mine.syslead.yaml"
    mine.write_bytes(example_path.read_bytes())
    decision, stamp = open_decision(mine)
    session = AutosaveSession.start()
    decision.framing.title = "The draft's older title"
    session.write(decision, mine, stamp, "framing")
    session._lock.close()
    newer = load_decision(mine)
    newer.framing.title = "Saved later, in another window"
    mine.write_text(
        mine.read_text(encoding="utf-8").replace(
            load_decision(example_path).framing.title, newer.framing.title
        ),
        encoding="utf-8",
    )
    os.utime(mine, (time.time() + 5, time.time() + 5))

    window = open_window(qtbot, new=False)
    draft = window.home_model.drafts[0]
    assert draft.source_changed
    answers.recover = False
    assert not window.recover(draft), "an older draft is asked about, even from Home"
    assert "has been saved again since" in answers.asked[-1]
    answers.recover = True
    assert window.recover(draft)
    assert window.doc.decision.framing.title == "The draft's older title"
    answers.overwrite = "cancel"
    assert not window.save(), "saving over the newer file asks first"
    assert answers.asked[-1].startswith("overwrite:")
    assert load_decision(mine).framing.title == "Saved later, in another window"
    answers.overwrite = "overwrite"
    assert window.save()
    assert load_decision(mine).framing.title == "The draft's older title"
    window.doc.set_modified(False)
