"""Autosave recovery after the app process is killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import pytest

from syslead_desktop.engine.loader import load_rulebook
from syslead_desktop.ui.main_window import MainWindow

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


def test_killed_app_is_recovered_at_next_start(qtbot, answers, example_path: Path) -> None:  # type: ignore[no-untyped-def]
    title = "Changed just before the crash"
    _run_until_autosaved_then_kill(title, str(example_path))

    window = MainWindow(load_rulebook(), autosave=True)
    qtbot.addWidget(window)
    window.show()
    answers.recover = True
    window.offer_recovery()
    assert len(answers.asked) == 1 and title in answers.asked[0]
    assert window.doc.decision.framing.title == title
    assert window.doc.path == example_path, "recovered work keeps its file"
    assert window.isWindowModified(), "recovered work is unsaved until the user saves it"
    assert window.wizard.page_for("framing").title_edit.text() == title  # type: ignore[attr-defined]

    answers.asked.clear()
    second = MainWindow(load_rulebook(), autosave=False)
    qtbot.addWidget(second)
    second.offer_recovery()
    assert answers.asked == [], "a draft is offered once, and never while its owner lives"
    window.doc.set_modified(False)
    window.close()


def test_declined_recovery_discards_the_draft(qtbot, answers, example_path: Path) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.services.autosave import AutosaveSession, find_recoverable
    from syslead_desktop.services.decision_file import load_decision

    session = AutosaveSession.start()
    session.write(load_decision(example_path), None)
    session._lock.close()  # the owner is gone
    window = MainWindow(load_rulebook(), autosave=False)
    qtbot.addWidget(window)
    answers.recover = False
    window.offer_recovery()
    assert len(answers.asked) == 1
    assert window.doc.decision.framing.title == ""
    assert find_recoverable() == ([], [])


def test_real_start_up_offers_the_draft_of_a_killed_program() -> None:
    """Both runs are the real program (``app.main``); the second is started exactly as
    ``python -m syslead_desktop.ui.app`` with the recovery question answered "yes" by
    SYSLEAD_TEST_AUTO_RECOVER (see ui/dialogs.py)."""
    from syslead_desktop.services.autosave import find_recoverable
    from syslead_desktop.services.decision_file import load_decision
    from syslead_desktop.services.paths import recovery_dir

    title = "Typed before the power cut"
    _run_until_autosaved_then_kill(title)
    drafts, problems = find_recoverable()
    assert problems == [] and [d.decision.framing.title for d in drafts] == [title]
    killed_draft = drafts[0].path

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SYSLEAD_TEST_AUTO_RECOVER": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "syslead_desktop.ui.app"], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        offer = _read_line(proc)
        assert offer.startswith("recovery offered: ") and f"“{title}” (not yet saved)" in offer
        # Recovered work is unsaved, so the new session writes it as its own draft at once.
        deadline = time.monotonic() + LINE_TIMEOUT_S
        while True:
            fresh = [
                p
                for p in recovery_dir().glob("*.draft.syslead.yaml")
                if p != killed_draft
                and p.with_name(p.name.replace("draft.syslead", "meta")).exists()
            ]
            if fresh or time.monotonic() > deadline or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the program keeps running after recovering"
        assert len(fresh) == 1 and load_decision(fresh[0]).framing.title == title
        assert not killed_draft.exists(), "the recovered draft is not offered again"
    finally:
        _stop(proc)
