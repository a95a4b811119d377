"""A filed record opened read-only in the app, from the register view: what the board was
asked and what it resolved, every answer and rating, the history and the papers filed,
the versions; nothing in it can be edited; a new version is started from it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from syslead_desktop.domain.lifecycle import StatusRequest
from syslead_desktop.services.register import Library
from syslead_desktop.services.register.record import record_status
from syslead_desktop.services.settings import Settings, save_settings
from syslead_desktop.ui import register_view
from syslead_desktop.ui.record_view import RecordView
from syslead_desktop.ui.register_view import RegisterView
from tests.register_support import render_to, rulebook, variant

from .conftest import Answers, open_window, settle

TODAY = dt.date.today()
MEETING = TODAY - dt.timedelta(days=10)
TITLE = "Share a collective staff bank across the system"


@pytest.fixture
def library(tmp_path: Path) -> Library:
    """One decision, filed as issued and approved with amendments at the meeting."""
    library = Library(tmp_path / "register")
    paper = variant(TITLE, word="rostering", review=TODAY + dt.timedelta(days=200), meeting=MEETING)
    filed = library.file(render_to(paper, tmp_path / "item.pdf"), by="Sam Clerk")
    request = StatusRequest(
        to="decided",
        on=MEETING,
        by="Sam Clerk",
        outcome="approved_with_amendments",
        minute_reference="BD/26/142",
        amendments="Review at six months, not twelve.",
        dissent="The finance director voted against.",
    )
    record_status(library, library.root / filed.path, request, rulebook())
    save_settings(Settings(library=str(library.root)))
    return library


def open_record(qtbot, window) -> RecordView:  # type: ignore[no-untyped-def]
    view = window.show_register()
    assert isinstance(view, RegisterView)
    qtbot.waitUntil(lambda: not view.model.loading and bool(view.model.entries), timeout=30_000)
    view.table.selectRow(0)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter opens it, as the button does
    record = window.current_view
    assert isinstance(record, RecordView)
    qtbot.waitUntil(
        lambda: record.model.record is not None or bool(record.model.error), timeout=30_000
    )
    return record


def test_a_filed_record_read_only_in_the_app(
    qtbot,
    library: Library,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    window = open_window(qtbot, new=False)
    record = open_record(qtbot, window)
    assert window.windowTitle().startswith(f"{TITLE} (filed record, read-only)")
    assert record.heading.text() == TITLE and "Read-only" in record.read_only.text()
    text = record.browser.toPlainText()
    for expected in (
        "Board of Directors (public), " + f"{MEETING:%-d %B %Y}",
        "Status\nDecided",
        "Board decision",
        "Outcome\nApproved with amendments",
        "Minute reference\nBD/26/142",
        "Amendments\nReview at six months, not twelve.",
        "Dissent noted\nThe finance director voted against.",
        "Recommendation",
        "The Board was asked to approve",
        "Conditions and safeguards",
        "The plan covers rostering arrangements.",
        "History",
        "Papers filed",
        "Board paper, submitted",
        "Board paper, decided",
    ):
        assert expected in text, expected
    factors = rulebook().rulebook.factors
    for factor in factors:
        assert f"{factor.title}: " in text, factor.title  # with its rating
        for question in factor.questions:
            assert question.text in text, question.text
    assert record.browser.isReadOnly()
    editable = [
        w
        for w in record.findChildren(QWidget)
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit)
        and not w.isReadOnly()
        and w.isVisibleTo(record)
    ]
    assert editable == [], "nothing in a filed record can be changed"

    # a filed paper from the list opens in the PDF viewer
    opened: list[Path] = []
    monkeypatch.setattr(register_view, "open_externally", opened.append)
    entry = record.model.entry
    assert entry is not None
    first = entry.papers[0]["path"]
    record.browser.anchorClicked.emit(QUrl(f"paper:{first}"))
    assert opened == [library.root / first]
    record.pdf_button.click()
    assert opened[-1] == library.root / entry.paper and entry.paper != first

    # a new version that will supersede it, from the record
    record.version_button.click()
    assert window.current_view is window.decision_view
    assert window.doc.decision.supersedes == entry.id and window.doc.decision.status == "draft"
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)


def test_a_damaged_record_says_so(qtbot, library: Library, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    view = window.show_register()
    assert isinstance(view, RegisterView)
    qtbot.waitUntil(lambda: not view.model.loading and bool(view.model.entries), timeout=30_000)
    view.table.selectRow(0)
    for paper in library.papers():  # damaged since the register was read
        paper.write_bytes(paper.read_bytes()[:-3000])
    view.open_button.click()
    record = window.current_view
    assert isinstance(record, RecordView)
    qtbot.waitUntil(lambda: bool(record.model.error), timeout=30_000)
    assert "The record cannot be read." in record.browser.toPlainText()
    assert not record.progress.isVisible()
    window.close()
    settle(qtbot)


def test_recording_the_resolution_from_the_record(
    qtbot,
    library: Library,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from syslead_desktop.ui import register_dialogs

    asked: list[str] = []
    monkeypatch.setattr(
        register_dialogs, "ask_status", lambda _p, filed, *_a: asked.append(filed.title)
    )
    window = open_window(qtbot, new=False)
    record = open_record(qtbot, window)
    assert record.status_button.isEnabled(), "a decided decision can still be closed"
    record.status_button.click()
    register = window.current_view
    assert isinstance(register, RegisterView), "back in the register, the decision chosen"
    assert register.selected() is not None and register.selected().title == TITLE  # type: ignore[union-attr]
    assert asked == [TITLE]
    window.close()
    settle(qtbot)
