"""A board secretary records a resolution with the keyboard alone: the register from the
View menu's shortcut, a decision found by a word, the real Record resolution… dialog
filled in from the minutes (outcome, minute reference, amendments) and recorded, then the
filed record opened with Enter and left with Alt+B. Every change is a key event sent
where the focus is; nothing calls a widget's setter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QRadioButton

from syslead_desktop.services.register import Library
from syslead_desktop.services.settings import Settings, save_settings
from syslead_desktop.ui.record_view import RecordView
from syslead_desktop.ui.register_dialogs import StatusDialog
from syslead_desktop.ui.register_view import RegisterView
from tests.register_support import render_to, variant

from .conftest import Answers, open_window, settle
from .test_keyboard_only import Keyboard

pytestmark = pytest.mark.gui
TODAY = dt.date.today()
MEETING = TODAY - dt.timedelta(days=7)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library(tmp_path / "register")
    for n, (title, word) in enumerate(
        [
            ("Offer weekend MRI capacity to Harrowfield Hospitals", "tomography"),
            ("Share a collective staff bank across the system", "rostering"),
        ]
    ):
        paper = variant(title, word=word, meeting=MEETING, review=TODAY + dt.timedelta(days=99))
        library.file(render_to(paper, tmp_path / f"p{n}.pdf"))
    save_settings(Settings(library=str(library.root)))
    return library


def test_recording_a_resolution_with_the_keyboard_alone(
    qtbot,
    library: Library,
    answers: Answers,  # type: ignore[no-untyped-def]
) -> None:
    window = open_window(qtbot, new=False)
    keys = Keyboard(qtbot, window)
    with qtbot.waitActive(window):
        window.activateWindow()
    keys.key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.current_view
    assert isinstance(view, RegisterView)
    qtbot.waitUntil(lambda: not view.model.loading and len(view.model.entries) == 2, timeout=30_000)
    keys.alt("s")
    assert keys.focus is view.search
    keys.type("rostering")
    qtbot.waitUntil(lambda: len(view.model.rows) == 1, timeout=5000)
    keys.key(Qt.Key.Key_Tab)  # into the table, which chooses the decision
    assert keys.focus is view.table and view.selected() is not None

    seen: list[str] = []
    problems: list[str] = []

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StatusDialog):
            QTimer.singleShot(50, fill_in)
            return
        try:
            seen.append(dialog.windowTitle())
            if not dialog.isActiveWindow():  # the offscreen platform may not activate it
                dialog.activateWindow()
            # the keyboard reaches the dialog once the window system has made it active
            # (on a busy machine, some time after it is shown)
            qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=10_000)
            focus = keys.focus
            if not isinstance(focus, QRadioButton):
                problems.append(f"the focus starts on {focus!r}, not the outcome")
            keys.key(Qt.Key.Key_Right)  # Approved -> Approved with amendments
            keys.alt("m")
            keys.type("BD/26/142")
            keys.alt("a")
            keys.type("Review at six months, not twelve.")
            keys.alt("r")  # Record
        except Exception as exc:  # said below: the dialog must not stay open
            problems.append(repr(exc))
        finally:
            if dialog.isVisible():  # Alt+R did not record: never leave the test waiting
                problems.append("Alt+R did not record")
                dialog.reject()

    QTimer.singleShot(0, fill_in)
    keys.alt("l")  # Record resolution…: the dialog runs until Alt+R records
    assert problems == []
    assert seen == ["Record the board's resolution"]
    qtbot.waitUntil(
        lambda: view.model.entries and view.model.rows[0].status == "decided", timeout=60_000
    )
    settle(qtbot)
    decided = view.model.rows[0]
    assert decided.outcome == "approved_with_amendments" and decided.minute_reference == "BD/26/142"
    assert (decided.resolution or {}).get("amendments") == "Review at six months, not twelve."
    assert answers.errors == []

    if not window.isActiveWindow():  # the offscreen platform does not give it back itself
        with qtbot.waitActive(window):
            window.activateWindow()
    # the focus goes back where it was, on the decision (once the window is active again)
    qtbot.waitUntil(lambda: keys.focus is view.table, timeout=10_000)
    assert view.selected() is not None and view.selected().id == decided.id  # type: ignore[union-attr]
    keys.key(Qt.Key.Key_Return)  # the filed record, read-only
    record = window.current_view
    assert isinstance(record, RecordView)
    qtbot.waitUntil(lambda: record.model.record is not None, timeout=30_000)
    assert "BD/26/142" in record.browser.toPlainText()
    keys.alt("b")
    assert window.current_view is view
    window.close()
    settle(qtbot)


def test_with_the_keyboard_alone_on_a_laptop_at_200_percent(tmp_path: Path) -> None:
    from .processes import laptop_env, run_pytest

    run_pytest(
        laptop_env(tmp_path, 2),
        f"{__file__}::test_recording_a_resolution_with_the_keyboard_alone",
    )
