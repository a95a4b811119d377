"""Test hooks stay out of the shipped program (#12): a recovery question that an
environment variable answered (SYSLEAD_TEST_AUTO_RECOVER) shipped in the product, so a
stray variable could recover, or silently decline, a chief executive's draft. Tests drive
the real program from drivers of their own (tests/ui/drive_recovery.py) instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from syslead_desktop.ui import dialogs

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "syslead_desktop"

#: Every SYSLEAD_* variable the shipped program reads, and why a user or packager needs it.
DOCUMENTED = {
    "SYSLEAD_USER_DIR": "another folder for settings and drafts (docs/drafts.md)",
    "SYSLEAD_RULES_DIR": "where the bundled rulebooks are, for packagers",
    "SYSLEAD_DEBUG": "the traceback of an internal error in the CLI (docs/cli.md)",
    "SYSLEAD_QUIT_AFTER_FIRST_PAGE": "make bench's start-up timing: --self-test's twin; it "
    "answers no question and touches no file",
}


def variables_read() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in re.findall(r"[\"'](SYSLEAD_[A-Z0-9_]+)[\"']", path.read_text("utf-8")):
            found.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return found


def test_the_program_reads_only_documented_variables() -> None:
    found = variables_read()
    assert set(found) == set(DOCUMENTED), found
    assert not [name for name in found if "TEST" in name]


@pytest.mark.gui
@pytest.mark.parametrize("answer", ["1", "0"])
def test_the_recovery_question_is_always_asked(
    qtbot, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:  # type: ignore[no-untyped-def]
    """Whatever the environment says, the user is asked, and their answer counts."""
    monkeypatch.setenv("SYSLEAD_TEST_AUTO_RECOVER", answer)
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []

    def declined(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0  # closed without choosing: not recovered

    monkeypatch.setattr(QMessageBox, "exec", declined)
    assert dialogs.ask_recover(parent, "A draft of “X” was autosaved.") is False
    assert shown == ["A draft of “X” was autosaved."]
