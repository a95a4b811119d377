"""Keyboard use that follows the platform: the step list as a way to move between pages,
radio groups where an arrow selects, and choices named by their labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QComboBox, QRadioButton

from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.widgets import ChoiceRow, QuestionBox

pytestmark = pytest.mark.gui


def current_step(window: MainWindow) -> str:
    return window.wizard.currentPage().step_id  # type: ignore[attr-defined]


def test_a_step_already_reached_is_a_click_away(
    qtbot, window: MainWindow, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(example_path, confirmed=True)
    steps = window.wizard.steps
    qtbot.mouseClick(steps.buttons[-1], Qt.MouseButton.LeftButton)
    assert current_step(window) == "finish", "a complete decision reaches every step"
    qtbot.mouseClick(steps.buttons[2], Qt.MouseButton.LeftButton)
    assert current_step(window) == window.flow.steps[2].id
    assert steps.buttons[2].label.property("current") is True


def test_steps_not_yet_reached_cannot_be_chosen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A new decision: only Welcome and the framing page are reachable until the framing
    page is complete."""
    steps = window.wizard.steps
    assert [b.isEnabled() for b in steps.buttons[:3]] == [True, True, False]
    qtbot.mouseClick(steps.buttons[4], Qt.MouseButton.LeftButton)
    assert current_step(window) == "welcome"
    qtbot.mouseClick(steps.buttons[1], Qt.MouseButton.LeftButton)
    assert current_step(window) == "framing"
    page = window.wizard.currentPage()
    page.title_edit.setText("A decision")  # type: ignore[attr-defined]
    for box in page.boxes.values():  # type: ignore[attr-defined]
        box.choose(box.question.options[0].id)
    assert steps.buttons[2].isEnabled(), "the next step opens as the page completes"
    assert not steps.buttons[3].isEnabled()


def test_the_step_list_works_from_the_keyboard(
    qtbot, window: MainWindow, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """One Tab stop (the current step); Up and Down move between the steps; Enter or
    Space goes there. A screen reader hears each step as a button."""
    window.open_path(example_path, confirmed=True)
    window.activateWindow()
    qtbot.waitActive(window)
    window.wizard.go_to(4)
    steps = window.wizard.steps
    tab_stops = [b for b in steps.buttons if b.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert tab_stops == [steps.buttons[4]]
    steps.buttons[4].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    assert QApplication.focusWidget() is steps.buttons[2]
    assert steps.buttons[2].label.property("keyfocus") is True, "the focus is shown"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert current_step(window) == window.flow.steps[2].id
    steps.buttons[2].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_End)
    assert QApplication.focusWidget() is steps.buttons[-1]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert current_step(window) == "finish"
    info = QAccessible.queryAccessibleInterface(steps.buttons[3])
    assert info.role() == QAccessible.Role.Button
    assert info.text(QAccessible.Text.Name) == f"4. {window.flow.steps[3].title}"


def first_question(window: MainWindow) -> QuestionBox:
    window.wizard.go_to(1)
    return next(iter(window.wizard.currentPage().boxes.values()))  # type: ignore[attr-defined]


def test_an_arrow_selects_even_before_anything_is_chosen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Qt's own arrows only moved the focus while no answer was chosen, so a second key
    (Space) was needed; the platform convention is that an arrow selects."""
    window.activateWindow()
    qtbot.waitActive(window)
    box = first_question(window)
    options = box.question.options
    assert window.doc.decision.answers.get(box.question.id) is None
    first = box.buttons[options[0].id]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert window.doc.decision.answers[box.question.id] == options[1].id
    assert QApplication.focusWidget() is box.buttons[options[1].id]
    words = box.buttons[options[1].id].answer_label  # type: ignore[attr-defined]
    assert words.property("keyfocus") is True, "the focus shows on the answer's words"
    assert first.answer_label.property("keyfocus") is False  # type: ignore[attr-defined]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # wraps round to the last
    assert window.doc.decision.answers[box.question.id] == options[-1].id


def test_tab_reaches_a_group_once_at_its_chosen_answer(
    window: MainWindow, example_path: Path
) -> None:
    window.open_path(example_path, confirmed=True)
    box = first_question(window)
    chosen = box.buttons[window.doc.decision.answers[box.question.id]]
    stops = [b for b in box.buttons.values() if b.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert stops == [chosen]


def test_choices_are_named_by_their_label_not_their_value(
    qtbot, window: MainWindow, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """On Linux a combo box's accessible name is its current value ("Public", "For
    decision"): the board-paper choices are radio buttons in a named group instead, as a
    cover sheet lists them."""
    window.open_path(example_path, confirmed=True)
    window.wizard.go_to(window.flow.index("finish"))
    page = window.wizard.currentPage()
    assert not page.findChildren(QComboBox)
    rows = {row.accessibleName(): row for row in page.findChildren(ChoiceRow)}
    assert set(rows) == {"Session", "Purpose"}
    for name, row in rows.items():
        info = QAccessible.queryAccessibleInterface(row)
        assert info.text(QAccessible.Text.Name) == name
        assert info.role() == QAccessible.Role.Grouping
        labels = [
            QAccessible.queryAccessibleInterface(b).text(QAccessible.Text.Name)
            for b in row.findChildren(QRadioButton)
        ]
        assert name not in labels and all(labels)
    purpose = rows["Purpose"]
    purpose.buttons["decision"].setFocus()
    qtbot.keyClick(purpose.buttons["decision"], Qt.Key.Key_Right)
    assert window.doc.decision.board_paper.purpose == "assurance", "an arrow selects"


def test_nothing_goes_past_an_incomplete_page(window: MainWindow) -> None:
    """A mnemonic clicks its button 100 ms after the key (later on a busy machine): a
    late Alt+N click reached QWizard.next(), which does not look at the page, and the
    wizard skipped the unfinished framing page."""
    window.wizard.next()
    assert current_step(window) == "framing"
    window.wizard.next()  # as a late click would
    assert current_step(window) == "framing"
    assert not window.wizard.go_to(window.flow.index("review"))
    assert current_step(window) == "framing"


def test_a_page_opens_with_the_focus_on_its_first_field(
    qtbot, window: MainWindow, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """After Alt+N the focus sat on the page itself, so what was typed next was lost."""
    window.activateWindow()
    qtbot.waitActive(window)
    assert current_step(window) == "welcome"
    qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(lambda: current_step(window) == "framing")
    qtbot.keyClicks(QApplication.focusWidget(), "Lend two theatre teams")
    assert window.doc.decision.framing.title == "Lend two theatre teams"
    window.open_path(example_path, confirmed=True)
    title = window.doc.decision.framing.title
    window.wizard.go_to(window.flow.index("framing"))
    qtbot.keyClicks(QApplication.focusWidget(), " (v2)")
    assert window.doc.decision.framing.title == f"{title} (v2)", "typing goes on at the end"
    window.wizard.go_to(window.flow.index("factor:success"))
    first = window.wizard.currentPage().boxes  # type: ignore[attr-defined]
    focus = QApplication.focusWidget()
    assert isinstance(focus, QRadioButton)
    assert focus.group() is next(iter(first.values())).group, "the first question"
    assert focus.isChecked(), "at its chosen answer, as Tab would reach it"


def test_alt_and_a_letter_never_types_into_a_field(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """On Linux, Alt+N on a page not yet complete (Next disabled) typed an 'n' into the
    field with the focus: into the title, or the notes that go into the board paper."""
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(lambda: current_step(window) == "framing")
    title = QApplication.focusWidget()
    for key in (Qt.Key.Key_N, Qt.Key.Key_Q, Qt.Key.Key_Z):
        qtbot.keyClick(title, key, Qt.KeyboardModifier.AltModifier)
        qtbot.wait(150)  # a mnemonic's click comes after showing the button pressed
    assert window.doc.decision.framing.title == "" and current_step(window) == "framing"
    qtbot.keyClicks(title, "Lend two teams")
    assert window.doc.decision.framing.title == "Lend two teams", "typing still types"
    qtbot.keyClick(title, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # What is proposed
    proposal = QApplication.focusWidget()
    assert proposal is not title
    qtbot.keyClick(proposal, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(150)
    assert window.doc.decision.framing.description == ""
