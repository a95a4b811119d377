"""Home, the start screen: what it lists, read from the files, and all of it usable by
keyboard and named for assistive technology."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from syslead_desktop.services import summary as summary_module
from syslead_desktop.services.decision_file import load_decision, new_decision, save_decision
from syslead_desktop.services.practice import list_scenarios
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.settings import Settings, load_settings, save_settings
from syslead_desktop.services.summary import long_date
from syslead_desktop.services.workflow import assess_decision
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.operations import running_operations

from .conftest import open_window, settle
from .processes import laptop_env, run_python

pytestmark = pytest.mark.gui


@pytest.fixture
def recent(tmp_path: Path, example_path: Path) -> list[Path]:
    """Three recent decisions: the complete example, an unfinished one, one gone."""
    loaded = load_rulebook()
    complete = tmp_path / "scanning.syslead.yaml"
    complete.write_bytes(example_path.read_bytes())
    unfinished = tmp_path / "unfinished.syslead.yaml"
    started = new_decision(loaded.rulebook, loaded.hash)
    started.framing.title = "Half way through"
    save_decision(unfinished, started)
    paths = [complete, unfinished, tmp_path / "gone.syslead.yaml"]
    save_settings(Settings(recent_files=[str(p) for p in paths]))
    return paths


def test_recent_decisions_show_what_their_files_say(qtbot, answers, recent: list[Path]) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    listed = window.home.recent.list
    assert listed is not None and [e.key for e in listed.entries] == recent
    complete, unfinished, gone = listed.entries
    decision = load_decision(recent[0])
    stance = assess_decision(decision, load_rulebook()).assessment.stance_label
    assert complete.title == decision.framing.title
    facts = complete.details[0]
    assert facts.startswith("Draft · ") or facts.startswith("Final · ")
    assert f"Recommendation: {stance}" in facts
    assert f"Meeting {long_date(decision.board_paper.meeting_date)}" in facts  # type: ignore[arg-type]
    assert f"Last changed {long_date(decision.updated)}" in facts  # type: ignore[arg-type]
    assert unfinished.title == "Half way through" and "Not finished" in unfinished.details[0]
    assert gone.tone == "problem" and gone.details[0].startswith("Missing")
    assert complete.spoken.startswith(decision.framing.title)


def test_a_missing_file_is_removed_with_the_delete_key(qtbot, answers, recent: list[Path]) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    listed = window.home.recent.list
    assert listed is not None
    listed.setFocus()
    listed.setCurrentRow(2)
    assert not window.home.reopen_button.isEnabled(), "a missing file cannot be opened"
    assert window.home.remove_button.isEnabled()
    qtbot.keyClick(listed, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: listed.count() == 2)
    assert load_settings()[0].recent_files == [str(p.resolve()) for p in recent[:2]]
    assert recent[0].exists() and recent[1].exists(), "removing never touches the files"


def test_enter_reopens_a_recent_decision(qtbot, answers, recent: list[Path]) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    listed = window.home.recent.list
    assert listed is not None
    listed.setFocus()
    listed.setCurrentRow(1)
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert window.current_view is window.decision_view
    assert window.doc.path == recent[1] and window.doc.decision.framing.title == "Half way through"


def test_recent_files_are_read_in_the_background(
    qtbot, answers, recent: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    threads: list[bool] = []
    real = summary_module.read_summary

    def watching(path, loaded):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread() is threading.main_thread())
        return real(path, loaded)

    monkeypatch.setattr(summary_module, "read_summary", watching)
    window = open_window(qtbot, new=False)
    assert threads == [False, False, False]
    assert not window.home_model.recent_loading


def test_a_practice_scenario_starts_blank_or_worked(qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    scenarios = list_scenarios()[0]
    listed = window.home.practice.list
    assert listed is not None and [e.title for e in listed.entries] == [s.title for s in scenarios]
    listed.setCurrentRow(0)
    worked = load_decision(scenarios[0].path)
    window.home.blank_button.click()
    assert window.current_view is window.decision_view
    assert window.doc.decision.framing == worked.framing
    assert window.doc.decision.answers == {} and window.doc.decision.notes == {}
    assert window.doc.path is None, "saving never writes over the shipped scenario"
    window.go_home()
    listed.setCurrentRow(0)
    window.home.worked_button.click()
    assert window.doc.decision.answers == worked.answers and window.doc.path is None


def test_every_control_on_home_is_named_and_reached_by_tab(
    qtbot, answers, recent: list[Path]
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    home = window.home
    focusable = [
        w
        for w in home.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(home)
        and w.isEnabled()
        and not w.inherits("QScrollBar")
        and not w.inherits("QScrollArea")
    ]
    assert len(focusable) >= 6
    for widget in focusable:
        info = QAccessible.queryAccessibleInterface(widget)
        assert info.text(QAccessible.Text.Name).strip(), widget.metaObject().className()
        assert info.text(QAccessible.Text.Description).strip(), info.text(QAccessible.Text.Name)
    assert QApplication.focusWidget() is home.new_button, "New decision has the focus"
    reached = []
    for _ in range(len(focusable) + 2):
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert set(focusable) <= set(reached), "Tab reaches every control"


def test_the_model_is_all_the_view_needs(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Home takes its model and listens to it: the window only fills the model."""
    from syslead_desktop.ui.home.model import HomeModel
    from syslead_desktop.ui.home.view import HomeView

    model = HomeModel()
    view = HomeView(model)
    qtbot.addWidget(view)
    assert not view.new_button.isEnabled()
    model.set_ready(True)
    assert view.new_button.isEnabled() and view.recent.list is not None
    assert "No recent decisions yet" in view.recent.note.text()


@pytest.fixture
def draft(example_path: Path) -> str:
    """A draft left by a session that stopped (its lock released): its title."""
    from syslead_desktop.services.autosave import AutosaveSession

    session = AutosaveSession.start()
    decision = load_decision(example_path)
    decision.framing.title = "Typed before the crash"
    session.write(decision, None, None, "framing")
    session._lock.close()
    return decision.framing.title


def test_tab_goes_through_home_in_the_order_it_is_laid_out(
    qtbot, answers, recent: list[Path], draft: str
) -> None:  # type: ignore[no-untyped-def]
    """Each section's buttons, then its list, as they are laid out. (The lists are made
    after every button, and Qt's order follows creation: Tab went from Register past the
    lists and reached them last.)"""
    window = open_window(qtbot, new=False)
    home = window.home
    expected = [
        home.new_button,
        home.open_button,
        home.register_button,
        home.recover_button,
        home.discard_button,
        home.drafts.list,
        home.reopen_button,
        home.remove_button,
        home.recent.list,
        home.blank_button,
        home.worked_button,
        home.workshop_button,
        home.practice.list,
    ]
    reached = []
    for _ in expected:
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    names = [w.accessibleName() or w.text() for w in reached]  # type: ignore[union-attr]
    assert reached == expected, names


def test_new_decision_and_recover_from_home_with_the_keyboard(qtbot, answers, draft: str) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    with qtbot.waitActive(window):
        window.activateWindow()
    home = window.home
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is home.drafts.list, "Alt+D goes to the drafts"
    qtbot.keyClick(home.drafts.list, Qt.Key.Key_Return)
    assert window.current_view is window.decision_view
    assert window.doc.decision.framing.title == draft and window.doc.modified
    assert window.decision_view.position() == "framing", "at the page the user was on"
    window.go_home()  # discards (answers.unsaved), back on Home with New decision focused
    assert window.current_view is home and QApplication.focusWidget() is home.new_button
    qtbot.keyClick(home.new_button, Qt.Key.Key_Space)
    assert window.current_view is window.decision_view
    assert window.doc.decision.framing.title == "" and window.doc.path is None


def test_what_has_the_focus_is_scrolled_into_view(
    qtbot, answers, recent: list[Path], draft: str
) -> None:  # type: ignore[no-untyped-def]
    """On a small window (a laptop at 200%) Home scrolls. Alt+S moved the focus to the
    practice scenarios below the fold, and the arrow keys through them, without
    scrolling: the user could not see what Enter would open."""
    window = open_window(qtbot, new=False)
    window.resize(480, 300)
    with qtbot.waitActive(window):
        window.activateWindow()
    home = window.home
    viewport = home.scroller.viewport()

    def in_view(widget: QWidget, rect: QRect | None = None) -> bool:
        area = rect if rect is not None else widget.rect()
        corner = widget.mapTo(viewport, area.topLeft())
        return viewport.rect().contains(QRect(corner, area.size()))

    practice = home.practice.list
    assert practice is not None and practice.count() >= 3
    qtbot.waitUntil(lambda: not in_view(practice, practice.visualItemRect(practice.item(0))))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is practice
    for row in range(practice.count()):
        item = practice.item(row)
        assert practice.currentRow() == row
        assert in_view(practice.viewport(), practice.visualItemRect(item)), row
        qtbot.keyClick(practice, Qt.Key.Key_Down)
    recent_list = home.recent.list
    assert recent_list is not None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is recent_list
    assert in_view(recent_list.viewport(), recent_list.visualItemRect(recent_list.item(0)))


@pytest.mark.parametrize("made_small", ["before_the_lists_are_read", "once_they_are"])
def test_every_list_fits_inside_home_whatever_fills_in_first(
    qtbot, answers, recent: list[Path], draft: str, made_small: str
) -> None:  # type: ignore[no-untyped-def]
    """With drafts and recent decisions read in the background on a small window, the page
    kept each section's height from before its list was filled: the practice list ran
    194 points past the end of Home, under its own buttons, its last scenarios out of
    reach.

    The window is made small before Home's lists are read (they fill in on the small
    window) or once they have been. Qt lays a resized page out in the next turns of the
    event loop, so the test waits for the page to fit the window and then checks that it
    stays so; it waited for the window to be active, which it may be already, and then
    read the page half laid out."""
    if made_small == "before_the_lists_are_read":
        window = MainWindow(load_rulebook(), autosave=False)  # starts reading them
        qtbot.addWidget(window)
        window.resize(480, 300)
        assert running_operations(), "the lists are read after the window is made small"
        window.show()
        qtbot.waitExposed(window)
        settle(qtbot)
    else:
        window = open_window(qtbot, new=False)
        window.resize(480, 300)
    home = window.home
    content = home.content

    def top(widget: QWidget) -> int:
        return widget.mapTo(content, widget.rect().topLeft()).y()

    def bottom(widget: QWidget) -> int:
        return widget.mapTo(content, widget.rect().bottomLeft()).y()

    def problems() -> list[str]:
        found = []
        if content.width() > home.scroller.viewport().width():
            found.append(f"Home is {content.width()} wide in {home.scroller.viewport().width()}")
        for section, first_button in (
            (home.drafts, home.recover_button),
            (home.recent, home.reopen_button),
            (home.practice, home.blank_button),
        ):
            name, entries = section.heading_text, section.list
            if entries is None or not entries.isVisible():
                found.append(f"{name}: no list")
                continue
            if bottom(section) >= content.height():
                found.append(f"{name}: ends at {bottom(section)}, past Home ({content.height()})")
            if bottom(first_button) >= top(entries):
                found.append(f"{name}: its buttons end at {bottom(first_button)}, in its list")
            if bottom(entries) > bottom(section):
                found.append(f"{name}: its list ends at {bottom(entries)}, past {bottom(section)}")
            inside = entries.viewport().rect()  # the list never scrolls: each entry whole
            for row in range(entries.count()):
                if not inside.contains(entries.visualItemRect(entries.item(row))):
                    found.append(f"{name}: entry {row + 1} is cut off")
        return found

    def fits() -> None:
        assert problems() == []

    qtbot.waitUntil(fits)
    QApplication.processEvents()  # nothing left to lay out undoes it
    assert problems() == []


def test_the_practice_buttons_are_in_view_with_the_first_scenarios(qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    """Below the list of eleven scenarios, Start blank, Open worked example and Run a
    workshop were three screens down (qa F2): they come before the list now, as a
    toolbar, and are in view on a 1366x768 laptop with the first scenario."""
    window = open_window(qtbot, new=False)
    window.resize(1229, 690)  # the window on a 1366x768 laptop at 100%
    QApplication.processEvents()
    home = window.home
    viewport = home.scroller.viewport()
    practice = home.practice.list
    assert practice is not None and practice.count() >= 10
    first = practice.visualItemRect(practice.item(0))
    for widget, rect in (
        (home.blank_button, home.blank_button.rect()),
        (home.workshop_button, home.workshop_button.rect()),
        (practice.viewport(), first),
    ):
        corner = widget.mapTo(viewport, rect.topLeft())
        assert viewport.rect().contains(QRect(corner, rect.size())), widget


def test_headings_line_up_with_the_text_below_them(qtbot, answers, qapp) -> None:  # type: ignore[no-untyped-def]
    """A heading's style sheet padding counted as a frame, and Qt indents a framed label
    by half an 'x': every heading stood a few pixels right of its text."""
    from syslead_desktop.ui.style import STYLE_SHEET

    qapp.setStyleSheet(STYLE_SHEET)
    try:
        window = open_window(qtbot, new=False)
        home = window.home
        for section in (home.recent, home.practice):
            heading, lead = section.heading, section.lead
            assert ink_left(heading) - ink_left(lead) in (-1, 0, 1), heading.text()
    finally:
        qapp.setStyleSheet("")


def test_every_section_heading_is_the_same_size(qtbot, answers, qapp) -> None:  # type: ignore[no-untyped-def]
    """'Actions due this month' was left at the body text's size, under a larger 'Reviews
    due'."""
    from syslead_desktop.ui.home.view import Section
    from syslead_desktop.ui.style import STYLE_SHEET

    qapp.setStyleSheet(STYLE_SHEET)
    try:
        home = open_window(qtbot, new=False).home
        sections = home.findChildren(Section)
        assert home.actions_due in sections and len(sections) >= 5
        sizes = {s.heading.text(): s.heading.fontMetrics().height() for s in sections}
        assert len(set(sizes.values())) == 1, sizes
        assert min(sizes.values()) > home.fontMetrics().height(), "larger than the text"
    finally:
        qapp.setStyleSheet("")


def ink_left(label: QLabel) -> int:
    """Where a label's text starts, in its window's coordinates: its first column with a
    pixel darker than the background."""
    image = label.grab().toImage()
    ratio = image.devicePixelRatio()
    for x in range(image.width()):
        if any(image.pixelColor(x, y).lightness() < 160 for y in range(image.height())):
            return label.mapTo(label.window(), QPoint(0, 0)).x() + round(x / ratio)
    raise AssertionError(f"nothing drawn in {label.text()!r}")


@pytest.mark.parametrize("scale", [1, 2])
def test_home_on_a_1366x768_laptop(tmp_path: Path, example_path: Path, scale: int) -> None:
    """At 100% and at 200% (683×384 to lay out in): every section shown whole, nothing cut
    off or squeezed, no sideways scrolling, the start buttons in view at once, and the
    focus in view wherever Tab or a heading's Alt+letter takes it."""
    done = run_python(
        laptop_env(tmp_path, scale),
        str(Path(__file__).with_name("probe_home.py")),
        str(example_path),
        str(tmp_path),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["screen"][2] == scale, "the screen was not configured"
    assert report["fits_screen"]
    assert report["sections"] == [
        "Drafts to recover",
        "Reviews due",
        "Recent decisions",
        "Practice scenarios",
    ]
    assert report["problems"] == []
    assert report["sideways_scroll"] == 0
    assert report["at_start"] == ["&New decision", "&Open…", "Re&gister"]
    assert report["tabs"] >= 13 and report["unseen"] == []
    assert report["smallest_pt"] >= report["base_pt"]
