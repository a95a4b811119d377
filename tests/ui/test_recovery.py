"""Autosave recovery after the app process is killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from syslead_desktop.engine.loader import load_rulebook
from syslead_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
DRIVER = Path(__file__).with_name("drive_autosave.py")


def test_killed_app_is_recovered_at_next_start(qtbot, answers, example_path: Path) -> None:  # type: ignore[no-untyped-def]
    title = "Changed just before the crash"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), str(example_path), title],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "autosaved"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()

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
