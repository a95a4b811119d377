"""A chief executive completes a decision with the keyboard alone, from Home to the
exported paper, on a 1366×768 laptop at 200%; and every date and answer shown in the
wizard appears in the paper as it was shown.

Nothing here calls a widget's setter: every change is a key event sent where the focus
is, as a keyboard would send it. The test runs at the default offscreen size, and again
in a process of its own on a 1366×768 screen at QT_SCALE_FACTOR=2."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget, QWizard

from syslead_desktop.services.pdf.body import answer_words
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.widgets import AnswerButton, DateField

from .conftest import settle
from .processes import laptop_env, run_pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
LAPTOP_ENV = "SYSLEAD_TEST_LAPTOP_200"
ALT = Qt.KeyboardModifier.AltModifier


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


class Keyboard:
    """Keys sent to whatever has the focus, as a person at the keyboard would."""

    def __init__(self, qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.window = window

    @property
    def focus(self) -> QWidget:
        return QApplication.focusWidget() or self.window

    def key(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(self.focus, key, modifier)

    def alt(self, letter: str) -> None:
        self.key(getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
        self.qtbot.wait(150)  # a button's mnemonic clicks it after showing it pressed

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus, text)

    def date(self, letter: str, ups: int) -> DateField:
        """Alt+letter to a date field, then Up ``ups`` times; the field, now set."""
        self.alt(letter)
        for _ in range(ups):
            self.key(Qt.Key.Key_Up)
        field = self.focus
        assert isinstance(field, DateField) and field.value() is not None
        return field

    def tab_to(self, wanted, limit: int = 80) -> QWidget:  # type: ignore[no-untyped-def]
        """Tab until the focus is on a widget ``wanted`` accepts."""
        for _ in range(limit):
            self.key(Qt.Key.Key_Tab)
            if wanted(self.focus):
                return self.focus
        raise AssertionError(f"Tab never reached it; focus is on {self.focus!r}")


def unanswered(widget: QWidget) -> bool:
    return (
        isinstance(widget, AnswerButton)
        and widget.group() is not None
        and widget.group().checkedButton() is None
    )


@pytest.fixture
def home(qtbot, answers) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The window as the app opens it, on Home, fitted to its screen."""
    window = MainWindow(load_rulebook(), autosave=False)
    qtbot.addWidget(window)
    window.fit_to_screen()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    settle(qtbot)
    yield window
    if window.is_ready and window.doc is not None:
        window.doc.set_modified(False)
    window.close()
    settle(qtbot)


def test_a_decision_made_with_the_keyboard_alone(
    qtbot, home: MainWindow, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    if os.environ.get(LAPTOP_ENV):
        screen = home.screen()
        assert (screen.availableGeometry().width(), screen.devicePixelRatio()) == (683, 2.0)
    keys = Keyboard(qtbot, home)
    keys.key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File ▸ New Decision
    wizard = home.wizard
    flow = home.flow
    shown: list[str] = []  # every answer and date as the wizard showed it

    def current() -> str:
        return wizard.currentPage().step_id  # type: ignore[attr-defined]

    def answer_every_question() -> None:
        """Tab to each question still unanswered and choose with an arrow key."""
        page = wizard.currentPage()
        while any(box.group.checkedButton() is None for box in page.boxes.values()):  # type: ignore[attr-defined]
            keys.tab_to(unanswered)
            keys.key(Qt.Key.Key_Down)  # an arrow selects (here: the second answer)
            chosen = keys.focus
            assert isinstance(chosen, QRadioButton) and chosen.isChecked()
            box = next(b for b in page.boxes.values() if chosen in b.group.buttons())  # type: ignore[attr-defined]
            option = next(o for o in box.question.options if o.label == chosen.text())
            # as the paper words it: the wizard's "3 Open" is "Open (level 3 of 0 to 5)"
            shown.append(answer_words(box.question, option.id))

    assert current() == "welcome"
    keys.alt("n")
    assert current() == "framing"
    keys.alt("t")
    keys.type("Lend two theatre teams to Harrowfield")
    keys.alt("w")
    keys.type("Two weekend theatre lists a month for six months.")
    review_date = keys.date("d", ups=2)  # the first key starts it at today
    shown.append(f"Review date: {review_date.text()}")
    keys.alt("y")
    keys.type("Agreed in outline with the ICB.")
    answer_every_question()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    for step in flow.steps[2:]:
        if step.id == "review":
            break
        assert next_button.isEnabled(), f"{current()} should be complete"
        keys.alt("n")
        assert current() == step.id
        keys.alt("y")  # the notes
        keys.type(f"Notes on {step.title}.")
        answer_every_question()
    keys.alt("n")
    assert current() == "review"
    assert wizard.currentPage().assessment is not None  # type: ignore[attr-defined]
    keys.alt("n")
    assert current() == "finish"
    meeting_date = keys.date("d", ups=1)
    shown.append(f"Date of meeting {meeting_date.text()}")
    keys.alt("a")
    keys.type("PUB26/12/7.1")
    shown.append("PUB26/12/7.1")
    keys.alt("p")
    keys.key(Qt.Key.Key_Right)  # For decision -> For assurance
    assert home.doc.decision.board_paper.purpose == "assurance"
    keys.alt("e")
    keys.type("Dr Tom Ellery")
    keys.key(Qt.Key.Key_Tab)
    keys.type("Chief Executive")
    shown.append("Dr Tom Ellery, Chief Executive")
    answers.pdf_path = tmp_path / "keyboard.pdf"
    with qtbot.waitSignal(home.exported, timeout=60_000):
        keys.alt("x")  # Export PDF…
    assert not answers.errors, answers.errors
    text = pdf_text(answers.pdf_path)
    missing = [item for item in shown if item not in text]
    assert not missing, f"shown in the wizard, not in the paper: {missing}"
    assert "Lend two theatre teams to Harrowfield" in text
    assert "Agreed in outline with the ICB." in text
    assert wizard.button(QWizard.WizardButton.CustomButton1).isEnabled()  # Open PDF


@pytest.mark.skipif(bool(os.environ.get(LAPTOP_ENV)), reason="this is the run at 200%")
def test_a_decision_made_with_the_keyboard_alone_on_a_laptop_at_200_percent(
    tmp_path: Path,
) -> None:
    env = laptop_env(tmp_path, 2, **{LAPTOP_ENV: "1"})
    run_pytest(env, f"{__file__}::test_a_decision_made_with_the_keyboard_alone")
