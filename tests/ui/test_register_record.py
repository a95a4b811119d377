"""Recording the board's resolution in the app: the register view's Record resolution…
dialog, driven for real (outcome, date, minute reference, amendments, dissent), the record
copy filed in the background and the register read again; then the decision closed after
review the same way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from syslead_desktop.domain.lifecycle import StatusRequest
from syslead_desktop.services.register import Library, RegisterIndex
from syslead_desktop.services.settings import Settings, save_settings
from syslead_desktop.ui import register_dialogs
from syslead_desktop.ui.register_dialogs import Filed, StatusDialog
from syslead_desktop.ui.register_view import RegisterView
from tests.register_support import render_to, variant
from tests.unit.test_pdf_support import page_texts

from .conftest import Answers, open_window, settle
from .test_shortcuts import clashes, mnemonic

TODAY = dt.date.today()
MEETING = TODAY - dt.timedelta(days=3)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library(tmp_path / "register")
    paper = variant(
        "Share a collective staff bank across the system",
        word="rostering",
        review=TODAY + dt.timedelta(days=200),
        meeting=MEETING,
    )
    library.file(render_to(paper, tmp_path / "item-4-2.pdf"), by="Sam Clerk")
    save_settings(Settings(library=str(library.root)))
    return library


def submitted_filing() -> Filed:
    return Filed(
        title="Share a collective staff bank across the system",
        status="submitted",
        meeting="Board of Directors",
        meeting_date=MEETING,
        last_change=MEETING - dt.timedelta(days=7),
    )


def shown_rows(dialog: StatusDialog) -> list[str]:
    return [name for name, w in dialog.rows.items() if dialog.form.isRowVisible(w)]


def test_the_dialog_asks_only_what_the_move_needs(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = StatusDialog(submitted_filing(), "sclerk", later=[("ab" * 16, "A later one")])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    moves = [dialog.change.itemData(i) for i in range(dialog.change.count())]
    assert moves == ["decided", "superseded", "draft"]  # not closed before it is decided
    assert dialog.chosen() == "decided", "the resolution is what is usually recorded"
    assert dialog.windowTitle() == "Record the board's resolution"
    assert dialog.on.value() == MEETING, "a resolution is dated the day of the meeting"
    assert shown_rows(dialog) == [
        "Change to",
        "Date",
        "Outcome",
        "Minute reference",
        "Amendments",
        "Dissent noted",
        "Note",
        "Recorded by",
    ]
    assert not clashes(dialog), "\n".join(clashes(dialog))
    room = dialog.screen().availableGeometry()
    assert dialog.sizeHint().height() < room.height() and dialog.sizeHint().width() < room.width()
    assert not dialog.problem.isVisible(), "no room taken until there is a problem"
    assert dialog.outcome.isAncestorOf(dialog.focusWidget()), "the outcome comes first"
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    for label in dialog.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None or not label.isVisible() or not mnemonic(label.text()):
            continue
        qtbot.keyClick(
            dialog, QKeySequence.mnemonic(label.text())[0].key(), Qt.KeyboardModifier.AltModifier
        )
        focused = QApplication.focusWidget()
        assert focused is buddy or buddy.isAncestorOf(focused), label.text()

    dialog.buttons.accepted.emit()  # no outcome chosen yet
    assert (
        dialog.result() == 0 and dialog.problem.text() == "Choose the outcome the board resolved."
    )
    dialog.outcome.buttons["approved"].click()
    dialog.on.set_value(MEETING - dt.timedelta(days=30))
    dialog.buttons.accepted.emit()
    assert "before the decision's last change" in dialog.problem.text()

    dialog.change.setCurrentIndex(dialog.change.findData("superseded"))
    assert shown_rows(dialog) == ["Change to", "Date", "Superseded by", "Note", "Recorded by"]
    assert dialog.windowTitle() == "Record a change of status"
    dialog.buttons.accepted.emit()
    assert dialog.result_value is not None
    assert dialog.result_value.to == "superseded" and dialog.result_value.superseded_by == "ab" * 16


def test_a_deferred_decision_goes_back_to_a_meeting_and_a_decided_one_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    deferred = Filed("A deferred one", "decided", "Board", MEETING, MEETING, outcome="deferred")
    approved = Filed("An approved one", "decided", "Board", MEETING, MEETING, outcome="approved")
    draft = Filed("A draft filed by mistake", "draft", "Board", MEETING, None)
    cases = ((deferred, ["submitted", "closed"]), (approved, ["closed"]), (draft, ["submitted"]))
    for filed, moves in cases:
        dialog = StatusDialog(filed, "sclerk", meetings=["Board of Directors"])
        qtbot.addWidget(dialog)
        assert [dialog.change.itemData(i) for i in range(dialog.change.count())] == moves
    dialog = StatusDialog(deferred, "sclerk")
    qtbot.addWidget(dialog)
    dialog.show()
    assert shown_rows(dialog)[:4] == ["Change to", "Date", "Meeting", "Meeting date"]
    dialog.buttons.accepted.emit()
    assert dialog.problem.text() == "Give the date of the meeting it goes to."
    issued = StatusDialog(draft, "sclerk")
    qtbot.addWidget(issued)
    assert issued.meeting_date.value() == MEETING, "a draft goes to the meeting it names"


def test_recording_the_board_s_resolution_in_the_app(
    qtbot,
    library: Library,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    asked: list[Filed] = []

    def drive(
        parent: object, filed: Filed, by: str, later: object, meetings: object
    ) -> StatusRequest | None:
        """The real dialog, filled in as a board secretary would from the minutes."""
        asked.append(filed)
        dialog = StatusDialog(filed, by, later, meetings)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        if filed.status == "submitted":
            dialog.outcome.buttons["approved_with_amendments"].click()
            qtbot.keyClicks(dialog.minute, "BD/26/142")
            qtbot.keyClicks(dialog.amendments, "Review at six months, not twelve.")
            qtbot.keyClicks(dialog.dissent, "The finance director voted against.")
            dialog.by.setText("Sam Clerk")
        else:
            assert [dialog.change.itemData(i) for i in range(dialog.change.count())] == ["closed"]
            assert dialog.by.text() == "Sam Clerk", "the name given last time"
            dialog.on.set_value(TODAY)
        dialog.buttons.accepted.emit()
        return dialog.result_value

    monkeypatch.setattr(register_dialogs, "ask_status", drive)
    window = open_window(qtbot, new=False)
    view = window.show_register()
    assert isinstance(view, RegisterView)
    qtbot.waitUntil(lambda: not view.model.loading and bool(view.model.entries), timeout=30_000)
    assert not view.status_button.isEnabled(), "nothing chosen yet"
    view.table.selectRow(0)
    assert view.status_button.isEnabled() and "reso&lution" in view.status_button.text()
    decision_id = view.selected().id  # type: ignore[union-attr]
    view.status_button.click()
    assert asked[-1].status == "submitted" and asked[-1].meeting_date == MEETING

    qtbot.waitUntil(lambda: view.model.entries[0].status == "decided", timeout=60_000)
    settle(qtbot)
    assert answers.errors == []
    chosen = view.selected()
    assert chosen is not None and chosen.id == decision_id, "the decision stays chosen"
    assert chosen.outcome == "approved_with_amendments" and chosen.minute_reference == "BD/26/142"
    assert chosen.resolution_date == MEETING
    details = view.details.toPlainText()
    assert "Approved with amendments" in details and "BD/26/142" in details
    assert "Review at six months, not twelve." in details
    assert "The finance director voted against." in details
    said = window.statusBar().currentMessage()
    assert "is now decided (approved with amendments)" in said and "record copy is filed" in said
    with RegisterIndex.open(library) as index:
        entry = index.find(decision_id)
        assert [p["status"] for p in entry.papers] == ["submitted", "decided"]
        history = entry.data["history"][-1]
        assert (history["status"], history["by"]) == ("decided", "Sam Clerk")
        resolution = entry.resolution
        assert resolution is not None
        assert resolution["dissent"] == "The finance director voted against."
    cover = page_texts(library.root / entry.paper)[0]
    assert "Board decision" in cover and "Review at six months, not twelve." in cover

    # after the review, closed the same way: its review is then no longer followed up
    # (the dialog offers the name given last time)
    view.status_button.click()
    qtbot.waitUntil(lambda: view.model.entries[0].status == "closed", timeout=60_000)
    settle(qtbot)
    assert answers.errors == [] and "is now closed" in window.statusBar().currentMessage()
    assert view.selected() is not None and view.selected().review is None  # type: ignore[union-attr]
    window.close()
    settle(qtbot)


def test_the_name_it_was_recorded_by_is_offered_in_the_next_session(
    qtbot,
    library: Library,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    """The board secretary's "Recorded by" name was remembered for the session only: the
    next day's SysLead offered the login name again. It is kept in the settings."""
    from syslead_desktop.services.register.library import current_user
    from syslead_desktop.services.settings import load_settings

    offered: list[str] = []

    def record(_p: object, filed: Filed, by: str, later: object, meetings: object):  # type: ignore[no-untyped-def]
        offered.append(by)
        dialog = StatusDialog(filed, by, later, meetings)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.outcome.buttons["approved"].click()
        dialog.by.setText("  Pat   Secretary ")
        dialog.buttons.accepted.emit()
        return dialog.result_value

    def cancel(_p: object, _filed: Filed, by: str, *_rest: object) -> None:
        offered.append(by)

    for ask in (record, cancel):
        monkeypatch.setattr(register_dialogs, "ask_status", ask)
        window = open_window(qtbot, new=False)
        view = window.show_register()
        assert isinstance(view, RegisterView)
        qtbot.waitUntil(lambda v=view: bool(v.model.entries), timeout=30_000)
        view.table.selectRow(0)
        view.status_button.click()
        qtbot.waitUntil(lambda v=view: not v.model.loading, timeout=60_000)
        settle(qtbot)
        window.close()
        settle(qtbot)
    assert answers.errors == []
    assert offered == [current_user(), "Pat Secretary"]
    assert load_settings()[0].recorded_by == "Pat Secretary"


def test_a_failure_to_record_reaches_the_user(
    qtbot,
    library: Library,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    request = StatusRequest(to="decided", on=MEETING, outcome="approved")
    monkeypatch.setattr(register_dialogs, "ask_status", lambda *_a: request)
    window = open_window(qtbot, new=False)
    view = window.show_register()
    assert isinstance(view, RegisterView)
    qtbot.waitUntil(lambda: not view.model.loading and bool(view.model.entries), timeout=30_000)
    view.table.selectRow(0)
    for paper in library.papers():
        paper.write_bytes(paper.read_bytes()[:-4000])  # the filed paper damaged meanwhile
    view.status_button.click()
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=60_000)
    assert answers.errors[0].startswith("Not recorded: ")
    assert "Traceback" not in answers.errors[0]
    window.close()
    settle(qtbot)


def test_filing_a_meeting_s_papers_in_the_app(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "meeting"
    folder.mkdir()
    papers = [
        render_to(
            variant(title, review=TODAY + dt.timedelta(days=90), meeting=MEETING),
            folder / f"item-4-{n}.pdf",
        )
        for n, title in enumerate(
            ["Offer weekend MRI capacity", "Share a collective staff bank"], 1
        )
    ]
    stray = folder / "minutes.pdf"
    stray.write_bytes(b"%PDF-1.7\nnot a board paper\n")
    chosen = [*papers, stray]
    monkeypatch.setattr(register_dialogs, "ask_papers", lambda _parent, _folder: chosen)
    library = Library(tmp_path / "Board register")  # chosen, not yet made
    save_settings(Settings(library=str(library.root)))
    window = open_window(qtbot, new=False)
    view = window.show_register()
    assert isinstance(view, RegisterView)
    qtbot.waitUntil(lambda: not view.model.loading, timeout=30_000)
    assert view.file_button.isEnabled() and "pa&pers" in view.file_button.text()

    view.file_button.click()
    qtbot.waitUntil(lambda: len(view.model.entries) == 2, timeout=60_000)
    settle(qtbot)
    assert sorted(e.title for e in view.model.entries) == [
        "Offer weekend MRI capacity",
        "Share a collective staff bank",
    ]
    assert window.statusBar().currentMessage() == "Filed 2 papers in the register; 1 not filed."
    assert len(answers.errors) == 1 and answers.errors[0].startswith("Not every paper was filed: ")
    assert "minutes.pdf" in answers.errors[0]

    chosen[:] = papers  # the same papers again: nothing new
    view.file_button.click()
    qtbot.waitUntil(lambda: "filed already" in window.statusBar().currentMessage(), timeout=60_000)
    settle(qtbot)
    assert window.statusBar().currentMessage() == (
        "Filed 0 papers in the register; 2 were filed already."
    )
    assert len(library.papers()) == 2
    window.close()
    settle(qtbot)


def test_filing_with_no_register_chosen_asks_for_one(qtbot, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    view = window.show_register()
    assert isinstance(view, RegisterView)
    asked: list[bool] = []
    view.preferences_requested.disconnect()
    view.preferences_requested.connect(lambda: asked.append(True))
    view.file_button.click()
    assert asked == [True]
    window.close()
    settle(qtbot)


def test_approving_a_new_version_in_the_app_supersedes_the_old_one(
    qtbot,  # type: ignore[no-untyped-def]
    library: Library,
    answers: Answers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from syslead_desktop.domain.lifecycle import change_status
    from syslead_desktop.services.register.record import record_status
    from syslead_desktop.services.status import new_version_of, read_record
    from tests.register_support import rulebook

    old_paper = library.papers()[0]
    request = StatusRequest(to="decided", on=MEETING, by="Sam Clerk", outcome="approved")
    old = record_status(library, old_paper, request, rulebook()).decision
    later = TODAY + dt.timedelta(days=1)
    draft = new_version_of(read_record(old_paper), today=TODAY)
    draft.framing.title = "Share a collective staff bank: revised"
    draft.board_paper.meeting_date = later
    issued = change_status(draft, StatusRequest(to="submitted", on=TODAY, by="CEO office"))
    library.file(render_to(issued, tmp_path / "v2.pdf"))
    approve = StatusRequest(to="decided", on=later, by="Sam Clerk", outcome="approved")
    monkeypatch.setattr(register_dialogs, "ask_status", lambda *_a: approve)

    window = open_window(qtbot, new=False)
    view = window.show_register()
    assert isinstance(view, RegisterView)
    qtbot.waitUntil(lambda: len(view.model.entries) == 2, timeout=30_000)
    assert view.select(issued.id or "")
    view.status_button.click()
    by_id = lambda: {e.id: e for e in view.model.entries}  # noqa: E731
    qtbot.waitUntil(lambda: by_id()[old.id or ""].status == "superseded", timeout=60_000)
    settle(qtbot)
    assert by_id()[old.id or ""].superseded_by == issued.id
    assert "the decision it replaces is now superseded" in window.statusBar().currentMessage()
    assert answers.errors == []
    window.close()
    settle(qtbot)


def test_a_resolution_recorded_meanwhile_by_a_colleague_is_not_recorded_twice(
    qtbot,  # type: ignore[no-untyped-def]
    library: Library,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The register is a shared folder: a colleague recorded the resolution after this
    window read the register. Recording it again from the stale row would have made a
    second, different record copy from the paper as issued."""
    from syslead_desktop.services.register.record import record_status
    from tests.register_support import rulebook

    request = StatusRequest(to="decided", on=MEETING, by="Sam Clerk", outcome="approved")
    monkeypatch.setattr(register_dialogs, "ask_status", lambda *_a: request)
    window = open_window(qtbot, new=False)
    view = window.show_register()
    assert isinstance(view, RegisterView)
    qtbot.waitUntil(lambda: not view.model.loading and bool(view.model.entries), timeout=30_000)
    view.table.selectRow(0)
    assert view.selected().status == "submitted"  # type: ignore[union-attr]
    colleague = StatusRequest(to="decided", on=MEETING, by="Jo Clerk", outcome="deferred")
    record_status(
        library,
        library.papers()[0],
        colleague,
        rulebook(),
    )
    view.status_button.click()
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=60_000)
    assert answers.errors[0].startswith("Not recorded: ")
    assert "is now decided: it was recorded by" in answers.errors[0]
    qtbot.waitUntil(lambda: view.model.entries[0].status == "decided", timeout=30_000)
    settle(qtbot)
    assert view.model.entries[0].outcome == "deferred", "the colleague's record stands"
    assert len(library.papers()) == 2, "no second record copy"
    window.close()
    settle(qtbot)


def test_papers_dropped_on_the_register_are_filed(
    qtbot,  # type: ignore[no-untyped-def]
    library: Library,
    tmp_path: Path,
    answers: Answers,
) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    paper = render_to(
        variant("Buy land for the system", meeting=MEETING, review=TODAY + dt.timedelta(days=90)),
        tmp_path / "item-4-5.pdf",
    )
    notes = tmp_path / "notes.txt"
    notes.write_text("not a paper", encoding="utf-8")
    window = open_window(qtbot, new=False)
    view = window.show_register()
    assert isinstance(view, RegisterView)
    qtbot.waitUntil(lambda: not view.model.loading and len(view.model.entries) == 1, timeout=30_000)

    kept: list[QMimeData] = []  # the events point to their data: it must outlive them

    def drag(*paths: Path) -> tuple[QDragEnterEvent, QDropEvent]:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        kept.append(mime)
        where, action = QPoint(10, 10), Qt.DropAction.CopyAction
        buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        return (
            QDragEnterEvent(where, action, mime, buttons, keys),
            QDropEvent(where, action, mime, buttons, keys),
        )

    enter, _drop = drag(notes)
    QApplication.sendEvent(view, enter)
    assert not enter.isAccepted(), "only PDFs are taken"
    over_details, _unused = drag(paper)
    QApplication.sendEvent(view.details.viewport(), over_details)
    assert over_details.isAccepted(), "over the chosen decision's details too"
    enter, drop = drag(paper)
    QApplication.sendEvent(view.table.viewport(), enter)  # on the table: the view takes it
    assert enter.isAccepted()
    QApplication.sendEvent(view.table.viewport(), drop)
    qtbot.waitUntil(lambda: len(view.model.entries) == 2, timeout=60_000)
    settle(qtbot)
    assert "Buy land for the system" in [e.title for e in view.model.entries]
    assert window.statusBar().currentMessage() == "Filed 1 paper in the register."
    window.close()
    settle(qtbot)
