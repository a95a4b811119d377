"""Every shortcut works: no two Alt+letter mnemonics clash on any page or dialog (Qt then
only moves the focus between them, and Alt+N never goes to the next page)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QMessageBox,
    QWidget,
)

from syslead_desktop.ui import dialogs
from syslead_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
ALT = Qt.KeyboardModifier.AltModifier


def mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString()


def mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Alt+key -> the texts that claim it, among what is shown in ``root`` now: buttons
    (enabled or not: a disabled one is enabled later), labels with a buddy, group boxes,
    and the menu bar's menus."""
    found: dict[str, list[str]] = defaultdict(list)
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QMenuBar):
            texts = [action.text() for action in widget.actions() if action.isVisible()]
        elif isinstance(widget, QAbstractButton):
            texts = [QAbstractButton.text(widget)]  # Qt's own: AnswerButton.text() is not
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        else:
            continue
        for text in texts:
            if key := mnemonic(text):
                found[key].append(text.replace("&&", "and"))
    return found


def clashes(root: QWidget) -> list[str]:
    """Two texts on one Alt+key, and labels showing a stray '&' (see ``stray_ampersands``)."""
    return [
        f"{key}: {' / '.join(texts)}" for key, texts in mnemonics(root).items() if len(texts) > 1
    ] + stray_ampersands(root)


def stray_ampersands(root: QWidget) -> list[str]:
    """Labels meant to have a mnemonic but given no buddy: Qt shows their '&' as it is
    ("Register &folder"), and Alt+letter does nothing."""
    found = []
    for label in root.findChildren(QLabel):
        text = label.text()
        plain = not QtGui.Qt.mightBeRichText(text)
        if label.isVisible() and label.buddy() is None and plain and re.search(r"&\w", text):
            found.append(f"{text!r} shows its '&' and has no field to go to")
    return found


def test_the_scan_finds_a_clash(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The scan itself: two buttons on one letter are caught."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    layout.addWidget(QPushButton("&Next"))
    layout.addWidget(QPushButton("&No"))
    root.show()
    assert clashes(root) == ["Alt+N: &Next / &No"]


def test_no_mnemonics_clash_on_any_page(window: MainWindow, example_path: Path) -> None:
    """Including the wizard's own Back, Next and Export buttons and the menu bar."""
    window.open_path(example_path, confirmed=True)
    window.wizard.restart()
    problems, seen = [], 0
    for step in window.flow.steps:
        QApplication.processEvents()
        assert window.wizard.currentPage().step_id == step.id  # type: ignore[attr-defined]
        found = mnemonics(window)
        seen += len(found)
        problems += [f"{step.id}: {clash}" for clash in clashes(window)]
        window.wizard.next()
    assert not problems, "\n".join(problems)
    assert seen > 40


def test_every_label_mnemonic_reaches_its_field(
    qtbot, window: MainWindow, example_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Alt+letter on a form label moves the focus into its field. (A label passes the
    focus only to a buddy that takes focus itself: a group of choices or a pair of fields
    needs a focus policy as well as a focus proxy.)"""
    window.open_path(example_path, confirmed=True)
    window.activateWindow()
    qtbot.waitActive(window)
    window.wizard.restart()
    problems, tried = [], 0
    for _step in window.flow.steps:
        QApplication.processEvents()
        page = window.wizard.currentPage()
        for label in page.findChildren(QLabel):
            buddy = label.buddy()
            if buddy is None or not label.isVisible() or not mnemonic(label.text()):
                continue
            window.setFocus()
            qtbot.keyClick(window, QKeySequence.mnemonic(label.text())[0].key(), ALT)
            focus = QApplication.focusWidget()
            tried += 1
            if focus is None or not (focus is buddy or buddy.isAncestorOf(focus)):
                problems.append(f"{page.step_id}: {label.text()!r} went to {focus!r}")  # type: ignore[attr-defined]
        window.wizard.next()
    assert not problems, "\n".join(problems)
    assert tried > 20


def menus_of(window: MainWindow) -> list[QMenu]:
    """Every menu reached from the menu bar now, submenus too (a view's own menus are
    not the menu bar's children, so findChildren misses them)."""
    found: list[QMenu] = []
    pending = [a.menu() for a in window.menuBar().actions() if a.isVisible() and a.menu()]
    while pending:
        menu = pending.pop(0)
        found.append(menu)
        pending += [a.menu() for a in menu.actions() if a.menu() is not None]
    return found


def menu_clashes(window: MainWindow) -> list[str]:
    problems = []
    for menu in menus_of(window):
        keys: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            if action.isVisible() and (key := mnemonic(action.text())):
                keys[key].append(action.text())
        problems += [f"{menu.title()}: {k}: {t}" for k, t in keys.items() if len(t) > 1]
    return problems


def test_no_mnemonics_clash_within_a_menu(window: MainWindow) -> None:
    assert len(menus_of(window)) >= 3
    assert not menu_clashes(window), "\n".join(menu_clashes(window))


def shown(box: QMessageBox, qtbot) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    return box


@pytest.mark.parametrize("action", list(dialogs.UNSAVED_QUESTIONS))
def test_the_unsaved_changes_buttons_have_their_own_mnemonics(
    qtbot, window: MainWindow, action: dialogs.UnsavedAction
) -> None:  # type: ignore[no-untyped-def]
    box = shown(dialogs.unsaved_box(window, "A decision", action), qtbot)
    buttons = [b for b in box.findChildren(QAbstractButton) if b.isVisible()]
    assert len(buttons) == 3
    keys = [mnemonic(b.text()) for b in buttons]
    assert all(keys), [b.text() for b in buttons]
    assert not clashes(box)


QUESTIONS = {
    "ask_recover": "A draft of “X” was autosaved.",
    "ask_discard_draft": "A draft of “X” was autosaved.",
    "ask_overwrite_changed": "“x.syslead.yaml” was saved by someone else.",
    "ask_print_anyway": ["Title: U+E000 (private use) shown as [U+E000]"],
    "workshop.ask_remove_team": "Team A",
}


@pytest.mark.parametrize("ask", list(QUESTIONS))
def test_every_other_question_has_its_own_mnemonics(
    qtbot, monkeypatch: pytest.MonkeyPatch, ask: str
) -> None:  # type: ignore[no-untyped-def]
    """The real question is built and shown; its exec() scans it and answers no."""
    parent = QWidget()
    qtbot.addWidget(parent)
    found: list[list[str]] = []

    def scan(box: QMessageBox) -> int:
        box.show()
        qtbot.waitExposed(box)
        found.append(
            clashes(box)
            + [b.text() for b in box.findChildren(QAbstractButton) if not mnemonic(b.text())]
        )
        return 0

    monkeypatch.setattr(QMessageBox, "exec", scan)
    if ask.startswith("workshop."):
        from syslead_desktop.ui.workshop import dialogs as workshop_dialogs

        getattr(workshop_dialogs, ask.removeprefix("workshop."))(parent, QUESTIONS[ask])
    else:
        getattr(dialogs, ask)(parent, QUESTIONS[ask])
    assert found == [[]], found


@pytest.fixture
def everything_on_home(tmp_path: Path, example_path: Path) -> None:
    """Home with every section it can show: a draft to recover, reviews due (a register
    folder is chosen), a recent decision and the practice scenarios."""
    from syslead_desktop.services.autosave import AutosaveSession
    from syslead_desktop.services.decision_file import load_decision
    from syslead_desktop.services.register import Library
    from syslead_desktop.services.settings import Settings, save_settings

    session = AutosaveSession.start()
    session.write(load_decision(example_path), None)
    session._lock.close()  # its owner has gone: the draft is offered
    library = Library(tmp_path / "register")
    save_settings(Settings(recent_files=[str(example_path)], library=str(library.root)))


def test_no_mnemonics_clash_on_home(qtbot, answers, everything_on_home: None) -> None:  # type: ignore[no-untyped-def]
    from .conftest import open_window

    window = open_window(qtbot, new=False)
    home = window.home
    for section in (home.drafts, home.reviews, home.recent, home.practice):
        assert section.isVisible() and section.list is not None, section.heading.text()
    assert not clashes(window), "\n".join(clashes(window))
    assert not menu_clashes(window), "\n".join(menu_clashes(window))
    unmarked = [
        b.text()
        for b in home.findChildren(QAbstractButton)
        if b.isVisible() and not mnemonic(b.text())
    ]
    assert unmarked == [], "every button on Home has its Alt+letter"
    assert len(mnemonics(home)) >= 12


def test_no_mnemonics_clash_in_the_register_view(qtbot, answers, everything_on_home: None) -> None:  # type: ignore[no-untyped-def]
    """'Choose &folder…' took Alt+F from the File menu, so Alt+F opened neither."""
    from .conftest import open_window, settle

    window = open_window(qtbot, new=False)
    view = window.show_register()
    settle(qtbot)
    assert window.current_view is view and view.isVisible()
    assert len(mnemonics(view)) >= 4
    assert not clashes(window), "\n".join(clashes(window))
    assert not menu_clashes(window), "\n".join(menu_clashes(window))


def test_no_mnemonics_clash_in_preferences(qtbot) -> None:  # type: ignore[no-untyped-def]
    """'Register &folder' had no field to go to: it showed its '&' and Alt+F did nothing."""
    from syslead_desktop.services.settings import Settings
    from syslead_desktop.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(None, Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert len(mnemonics(dialog)) >= 8
    assert not clashes(dialog), "\n".join(clashes(dialog))
    with qtbot.waitActive(dialog):  # (without "with", pytest-qt's waitActive waits for nothing)
        dialog.activateWindow()
    for label in dialog.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None or not mnemonic(label.text()):
            continue
        qtbot.keyClick(dialog, QKeySequence.mnemonic(label.text())[0].key(), ALT)
        assert QApplication.focusWidget() is buddy, label.text()


# ---- the workshop: hand-over, a team answering, the comparison, and its dialogs ----------
def _workshop_window(window: MainWindow, tmp_path: Path) -> MainWindow:
    from syslead_desktop.services.practice import find_scenario
    from syslead_desktop.services.workshop import new_workshop, save_workshop

    scenario = find_scenario("community-beds-offer")
    workshop = new_workshop(scenario, ["Team A", "Team B", "Team C"])
    workshop.teams[0].answers = dict(scenario.worked.answers)
    path = tmp_path / "w.workshop.yaml"
    save_workshop(path, workshop)
    assert window.open_path(path)
    return window


def _workshop_stages(window: MainWindow) -> Iterator[str]:
    """Shows each stage of a workshop in turn and yields its name."""
    from syslead_desktop.ui.workshop.team_view import WorkshopView

    view = window.views["workshop"]
    assert isinstance(view, WorkshopView)
    QApplication.processEvents()
    yield "hand-over"
    view.start_button.click()
    QApplication.processEvents()
    assert view.boxes, "the team's questions are shown"
    yield "answering"
    view.compare_button.click()
    QApplication.processEvents()
    assert window.current_view is window.views["comparison"]
    yield "comparison"


def test_no_mnemonics_clash_in_the_workshop_views(window: MainWindow, tmp_path: Path) -> None:
    """Every stage of a workshop, with the menu bar (Workshop or Comparison menu) and the
    window's own controls: the comparison's Back and Debrief buttons once both took Alt+B."""
    _workshop_window(window, tmp_path)
    problems, seen = [], 0
    for stage in _workshop_stages(window):
        seen += len(mnemonics(window))
        problems += [f"{stage}: {clash}" for clash in clashes(window)]
        problems += [f"{stage}: {clash}" for clash in menu_clashes(window)]
    assert not problems, "\n".join(problems)
    assert seen > 15


def test_every_button_in_the_workshop_views_has_a_mnemonic(
    window: MainWindow, tmp_path: Path
) -> None:
    """Apart from the team buttons (Alt+1, Alt+2, … by number) and the answers' choices
    (reached with the arrow keys, as in the wizard)."""
    from syslead_desktop.ui.widgets import QuestionBox
    from syslead_desktop.ui.workshop.team_view import TeamButton

    _workshop_window(window, tmp_path)
    missing = []
    for stage in _workshop_stages(window):
        root = window.current_view
        assert root is not None
        for button in root.findChildren(QAbstractButton):
            if not button.isVisible() or isinstance(button, TeamButton):
                continue
            if any(isinstance(w, QuestionBox) for w in _ancestors(button)):
                continue
            if not mnemonic(QAbstractButton.text(button)):
                missing.append(f"{stage}: {QAbstractButton.text(button)!r}")
    assert not missing, "\n".join(missing)


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def test_the_team_buttons_answer_to_alt_and_their_number(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.ui.workshop.team_view import WorkshopView

    _workshop_window(window, tmp_path)
    view = window.views["workshop"]
    assert isinstance(view, WorkshopView)
    window.activateWindow()
    qtbot.waitActive(window)
    # a button's shortcut clicks it as a press shown briefly (animateClick), so wait
    qtbot.keyClick(window, Qt.Key.Key_3, ALT)
    qtbot.waitUntil(lambda: "Pass the laptop to Team C" in view.handover_title.text())
    qtbot.keyClick(window, Qt.Key.Key_2, ALT)
    qtbot.waitUntil(lambda: "Pass the laptop to Team B" in view.handover_title.text())


def test_the_new_workshop_dialog_mnemonics_are_its_own_and_reach_their_fields(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.services.practice import library
    from syslead_desktop.ui.workshop.dialogs import NewWorkshopDialog

    dialog = NewWorkshopDialog(library())
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    assert not clashes(dialog), clashes(dialog)
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    assert all(mnemonic(b.text()) for b in buttons), [b.text() for b in buttons]
    tried = 0
    for label in dialog.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None or not mnemonic(label.text()):
            continue
        dialog.worked_radio.setFocus()  # somewhere else in the dialog
        qtbot.keyClick(dialog, QKeySequence.mnemonic(label.text())[0].key(), ALT)
        focus = QApplication.focusWidget()
        assert focus is buddy or (focus is not None and buddy.isAncestorOf(focus)), label.text()
        tried += 1
    assert tried == 3  # scenario, title, teams
