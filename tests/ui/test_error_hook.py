"""A bug nobody caught never vanishes: the work goes to the recovery draft first, the
details to the error log, and the user gets a short message saying so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from syslead_desktop.services.autosave import find_recoverable
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.error_log import log_path
from syslead_desktop.ui import dialogs
from syslead_desktop.ui.errorhook import ErrorHook

from .conftest import open_window

pytestmark = pytest.mark.gui


def raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:
        return caught


def test_the_draft_is_written_first_then_the_details_logged_then_a_short_message(
    qtbot, answers, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, autosave=True)
    window.wizard.next()
    window.wizard.page_for("framing").title_edit.setText("Unsaved when it broke")  # type: ignore[attr-defined]
    assert window.session is not None and not window.session.draft_path.exists()
    seen: dict[str, object] = {}

    def show_error(_parent: object, title: str, message: str) -> None:
        draft = window.session.draft_path  # type: ignore[union-attr]
        seen["draft_first"] = load_decision(draft).framing.title if draft.exists() else None
        seen["message"] = f"{title}: {message}"

    monkeypatch.setattr(dialogs, "show_error", show_error)
    hook = ErrorHook(lambda: window)
    exc = raised(ZeroDivisionError("division by zero in a slot"))
    hook(type(exc), exc, exc.__traceback__)
    assert seen["draft_first"] == "Unsaved when it broke", "the work is safe before anything"
    message = str(seen["message"])
    assert message.startswith("Something went wrong: ")
    assert "ZeroDivisionError: division by zero in a slot" in message
    assert "recovery draft" in message and str(log_path()) in message
    assert len(message.splitlines()[0]) < 200
    log = log_path()
    assert log is not None and "Traceback" in log.read_text(encoding="utf-8")
    assert "test_error_hook.py" in log.read_text(encoding="utf-8")
    assert hook.handled == ["ZeroDivisionError: division by zero in a slot"]
    window.doc.set_modified(False)


def test_an_error_while_the_message_is_up_is_logged_not_shown_again(
    qtbot, answers, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot)
    hook = ErrorHook(lambda: window)
    shown: list[str] = []

    def show_error(_parent: object, _title: str, message: str) -> None:
        shown.append(message)
        second = raised(ValueError("while the first message was up"))
        hook(type(second), second, second.__traceback__)

    monkeypatch.setattr(dialogs, "show_error", show_error)
    first = raised(RuntimeError("first"))
    hook(type(first), first, first.__traceback__)
    assert len(shown) == 1 and len(hook.handled) == 2
    assert "while the first message was up" in log_path().read_text(encoding="utf-8")  # type: ignore[union-attr]


BROKEN_SLOT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from syslead_desktop.ui import app, dialogs
from syslead_desktop.ui.main_window import MainWindow

qapp = QApplication(sys.argv[:1])

def show_error(_parent, title, message):
    print("SHOWN", title, "|", message.splitlines()[0], flush=True)
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, MainWindow):
            QTimer.singleShot(0, widget.close)

dialogs.show_error = show_error

def broken():
    raise LookupError("a bug in a slot")

def arm():
    window = next(w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow))
    if not window.is_ready:
        QTimer.singleShot(20, arm)
        return
    window.home.new_button.clicked.connect(broken)
    window.home.new_button.click()

QTimer.singleShot(20, arm)
sys.exit(app.main([]))
"""


def test_a_bug_in_a_slot_of_the_real_program_reaches_the_user(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", BROKEN_SLOT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert (
        "SHOWN Something went wrong | Something went wrong inside SysLead: "
        "LookupError: a bug in a slot" in done.stdout
    )
    assert "unexpected error: LookupError: a bug in a slot" in done.stderr
    assert find_recoverable() == ([], []), "nothing unsaved, so no draft is left behind"
