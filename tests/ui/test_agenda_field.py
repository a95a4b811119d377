"""The wizard's agenda-item field follows the trust's agenda-item pattern (Preferences):
its placeholder shows the reference the pattern gives, the item's number alone is filled
out to the whole reference, another shape is kept but noted, and the meeting field offers
the trust's boards. Without a pattern the field is as it was."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from syslead_desktop.services.trust_profile import save_profile
from syslead_desktop.ui.finish_page import FinishPage
from tests.unit.test_trust_profile import profile

from .conftest import Answers, open_window, settle

MEETING = dt.date(2026, 12, 10)


def finish_page(qtbot, window) -> FinishPage:  # type: ignore[no-untyped-def]
    window.wizard.go_to(window.flow.index("finish"))
    page = window.wizard.page_for("finish")
    assert isinstance(page, FinishPage)
    return page


def field(page: FinishPage, name: str) -> QLineEdit:
    found = [b for b in page.findChildren(QLineEdit) if b.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def test_the_agenda_item_follows_the_trust_s_pattern(qtbot, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    save_profile(profile())  # {code}{yy}/{mm}/{item}; Board of Directors is PUB
    window = open_window(qtbot)
    page = finish_page(qtbot, window)
    meeting, agenda = field(page, "Meeting"), field(page, "Agenda item")
    completer = meeting.completer()
    assert completer is not None
    assert completer.model().data(completer.model().index(0, 0)) == "Board of Directors"

    qtbot.keyClicks(meeting, "Board of Directors")
    page.date.set_value(MEETING)
    assert agenda.placeholderText().startswith("For example: PUB26/12/4.2")
    assert not page.agenda.note.isVisibleTo(page)

    agenda.setFocus()
    qtbot.keyClicks(agenda, "4.3")
    assert not page.agenda.note.isVisibleTo(page), "no complaint while the number is typed"
    qtbot.keyClick(agenda, Qt.Key.Key_Tab)
    assert agenda.text() == "PUB26/12/4.3"
    assert window.doc.decision.board_paper.agenda_item == "PUB26/12/4.3"

    agenda.setText("Item 4")  # another shape: kept as typed, with a word about it
    assert window.doc.decision.board_paper.agenda_item == "Item 4"
    assert page.agenda.note.isVisibleTo(page)
    assert page.agenda.note.text() == (
        "Not the trust's pattern ({code}{yy}/{mm}/{item}), which gives references such "
        "as PUB26/12/4.2."
    )
    agenda.setText("PUB26/12/4.3")
    assert not page.agenda.note.isVisibleTo(page)
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)


def test_without_a_pattern_the_field_is_plain(qtbot, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    save_profile(profile(agenda_item_pattern=""))
    window = open_window(qtbot)
    page = finish_page(qtbot, window)
    agenda = field(page, "Agenda item")
    assert agenda.placeholderText() == "For example: PUB26/12/4.2"
    agenda.setFocus()
    qtbot.keyClicks(agenda, "4.3")
    qtbot.keyClick(agenda, Qt.Key.Key_Tab)
    assert agenda.text() == "4.3" and not page.agenda.note.isVisibleTo(page)
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)
