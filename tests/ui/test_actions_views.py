"""The actions views (#16), through the real window offscreen: the chief executive names
owners and dates for every condition, records progress, drops one with its reason and
adds one of their own; the board secretary sees every open action across the register,
overdue ones highlighted, filtered by owner or decision, records progress on a filed
decision and exports the schedule; Home lists the actions due this month."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.register import Library, RegisterIndex
from syslead_desktop.services.settings import Settings, save_settings
from syslead_desktop.ui import action_dialogs, schedule_view
from syslead_desktop.ui.action_dialogs import ActionChange, NewAction, Progress
from syslead_desktop.ui.actions_view import ActionsView
from syslead_desktop.ui.schedule_view import ScheduleView
from tests.register_support import followed_up, render_to, variant

from .conftest import Answers, open_window, settle
from .test_shortcuts import clashes

pytestmark = pytest.mark.gui

TODAY = dt.date.today()


def test_the_chief_executive_names_owners_and_dates_and_records_progress(
    qtbot,  # type: ignore[no-untyped-def]
    answers: Answers,
    example_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "d.syslead.yaml"
    path.write_text(example_path.read_text(encoding="utf-8"), encoding="utf-8")
    window = open_window(qtbot, new=False)
    assert window.open_path(path)
    assert window.actions_action.isEnabled()
    view = window.show_actions()
    assert isinstance(view, ActionsView) and window.current_view is view
    model = view.model
    ids = [a.id for a in model.rows]
    assert ids and ids[0] == "C-NED-SESSION" and not window.doc.modified, (
        "the suggested actions appear without changing the decision"
    )
    assert clashes(window) == []
    assert model.data(model.index(0, 2)) == "Chair and chief executive", "the role by default"

    # every condition gets a named owner and a date
    for row in range(len(ids)):
        view.table.selectRow(row)
        view.owner.setText(f"Person {row}")
        view.owner.editingFinished.emit()
        view.due.set_value(dt.date(2027, 1, 10 + row))
    assert [a.owner.name for a in window.doc.decision.actions] == [
        f"Person {n}" for n in range(len(ids))
    ]
    assert window.doc.decision.actions[2].due == dt.date(2027, 1, 12)
    assert window.doc.modified and window.save_action.isEnabled(), "Save works from here"
    view.table.selectRow(0)
    assert "The rulebook's timing: before the public board meeting" in view.due_hint.text()
    assert "suggested: 9 December 2026" in view.due_hint.text()

    # reworded, with the rulebook's wording kept and shown
    view.text.setFocus()
    view.text.setPlainText("Hold the NED session on 8 December")
    view.table.setFocus()  # leaving the field keeps the text
    first = window.doc.decision.actions[0]
    assert first.text == "Hold the NED session on 8 December" and first.origin is not None
    assert "The rulebook's wording: Hold a private session" in view.origin.text()
    assert view.reword.isVisibleTo(view)

    # progress: a new status with a dated note
    canned: list[Progress | None] = [
        Progress("in_progress", dt.date(2026, 11, 26), "Booked for 8 December", "")
    ]
    monkeypatch.setattr(action_dialogs, "ask_progress", lambda *_a: canned.pop(0))
    view.record_button.click()
    first = window.doc.decision.actions[0]
    assert first.status == "in_progress" and first.updates[-1].note == "Booked for 8 December"
    assert "Booked for 8 December" in view.progress.toPlainText()
    assert model.data(model.index(0, 4)) == "In progress"

    # a suggested action can be dropped only with its reason
    view.table.selectRow(1)
    assert not view.delete_button.isEnabled(), "a suggested action cannot be deleted"
    canned.append(Progress("dropped", dt.date(2026, 11, 27), "", "Covered by the ICB's lead"))
    view.record_button.click()
    dropped = window.doc.decision.actions[1]
    assert dropped.status == "dropped" and dropped.reason == "Covered by the ICB's lead"
    assert "Dropped: Covered by the ICB's lead" in view.status.text()

    # an action of one's own, added and deleted again
    monkeypatch.setattr(
        action_dialogs,
        "ask_new_action",
        lambda _p: NewAction("Report to the ICB board", "Tom Ellery", "", dt.date(2027, 3, 1)),
    )
    view.add_button.click()
    assert window.doc.decision.actions[-1].id == "own-1"
    assert view.selected() is not None and view.selected().id == "own-1"  # type: ignore[union-attr]
    assert view.delete_button.isEnabled()
    view.delete_button.click()
    assert [a.id for a in window.doc.decision.actions] == ids
    view.add_button.click()

    # saved with the decision, in the current format
    assert window.save()
    saved = load_decision(path)
    assert saved.schema_version == 3 and saved.actions[0].owner.name == "Person 0"
    assert saved.actions[1].reason == "Covered by the ICB's lead"
    assert saved.actions[-1].text == "Report to the ICB board"

    # and the paper prints them
    view.back_button.click()
    assert window.current_view is window.decision_view
    window.close()
    settle(qtbot)


def test_a_draft_not_finished_still_takes_actions_of_one_s_own(qtbot, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot)  # a new, blank decision
    view = window.show_actions()
    assert isinstance(view, ActionsView)
    assert "once every question is answered" in view.problem.text()
    assert view.model.rowCount() == 0
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library(tmp_path / "register")
    meeting = TODAY - dt.timedelta(days=5)  # the suggested dates are still ahead
    first = followed_up(
        "Offer weekend MRI capacity",
        "PUB/4.1",
        "BD/26/141",
        meeting=meeting,
        late=TODAY - dt.timedelta(days=3),  # overdue
        noted=TODAY - dt.timedelta(days=1),
    )
    second = followed_up(
        "Share a staff bank",
        "PUB/4.2",
        "BD/26/142",
        meeting=meeting,
        late=TODAY + dt.timedelta(days=60),
        noted=TODAY - dt.timedelta(days=1),
    )
    for n, decision in enumerate((first, second, variant("A draft", submitted=False))):
        library.file(render_to(decision, tmp_path / f"p{n}.pdf"), by="Sam Clerk")
    save_settings(Settings(library=str(library.root)))
    return library


def open_schedule(qtbot, window, key: str = "") -> ScheduleView:  # type: ignore[no-untyped-def]
    view = window.show_schedule(key)
    assert isinstance(view, ScheduleView) and window.current_view is view
    qtbot.waitUntil(lambda: not view.model.loading and bool(view.model.actions), timeout=90_000)
    return view


def test_the_action_schedule_across_the_register(
    qtbot,  # type: ignore[no-untyped-def]
    answers: Answers,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, new=False)
    view = open_schedule(qtbot, window)
    model = view.model
    assert clashes(window) == []
    assert {a.decision.title for a in model.rows} == {
        "Offer weekend MRI capacity",
        "Share a staff bank",
    }
    assert all(a.live for a in model.rows), "open actions by default"
    late = [row for row, a in enumerate(model.rows) if a.overdue]
    assert len(late) == 1 and model.rows[late[0]].owner_name == "Tom Ellery"
    due = model.index(late[0], 0)
    assert model.data(due).endswith("(overdue)")
    assert model.data(due, Qt.ItemDataRole.FontRole).bold(), "overdue stands out"
    assert model.data(due, Qt.ItemDataRole.ForegroundRole).color().name().lower() == "#d5281b"
    assert "1 overdue." in view.message.text()

    # filters: overdue, by owner, by decision, all
    view.show_filter.setCurrentIndex(view.show_filter.findData("overdue"))
    assert [a.owner_name for a in model.rows] == ["Tom Ellery"]
    view.show_filter.setCurrentIndex(view.show_filter.findData("open"))
    owner = view.owner_filter.findData("Priya Raman")
    assert owner > 0
    view.owner_filter.setCurrentIndex(owner)
    assert len(model.rows) == 2 and {a.owner for a in model.rows} == {"Priya Raman"}
    view.owner_filter.setCurrentIndex(0)
    staff = next(a.decision.id for a in model.actions if a.decision.title == "Share a staff bank")
    view.decision_filter.setCurrentIndex(view.decision_filter.findData(staff))
    assert model.rows and {a.decision.title for a in model.rows} == {"Share a staff bank"}
    view.decision_filter.setCurrentIndex(0)
    open_count = len(model.rows)
    view.show_filter.setCurrentIndex(view.show_filter.findData("all"))
    assert {a.status for a in model.rows} >= {"done", "dropped", "open"}
    assert len(model.rows) > open_count
    view.show_filter.setCurrentIndex(view.show_filter.findData("open"))

    # progress recorded on a filed decision: its record copy is filed, the list follows
    tom = next(a for a in model.rows if a.overdue)
    assert view.select(tom.key)
    assert "Meeting with the regional team booked" in view.details.toPlainText()
    # its latest update dated as its due date is, not in ISO form
    row = model.rows.index(tom)
    latest = model.data(model.index(row, 4))
    assert latest.startswith(f"{tom.latest_on.day} {tom.latest_on:%b %Y}: Meeting"), latest  # type: ignore[union-attr]
    assert tom.latest_on.isoformat() not in view.details.toPlainText()  # type: ignore[union-attr]
    monkeypatch.setattr(
        action_dialogs, "ask_progress", lambda *_a: Progress("done", TODAY, "Briefed today", "")
    )
    before = len(library.papers())
    view.record_button.click()
    qtbot.waitUntil(lambda: len(library.papers()) == before + 1, timeout=60_000)
    settle(qtbot)
    qtbot.waitUntil(lambda: not model.loading, timeout=90_000)
    assert all(a.key != tom.key for a in model.rows), "done: no longer open"
    with RegisterIndex.open(library) as index:
        entry = index.find(tom.decision.id)
    assert entry.status == "decided" and len(entry.papers) == 2
    assert not answers.errors

    # a new owner and due date for a filed decision's action: on the record, dated
    other = next(a for a in model.rows if a.live and a.due is not None)
    assert view.select(other.key) and view.change_button.isEnabled()
    later = other.due + dt.timedelta(days=60)  # type: ignore[operator]
    change = ActionChange("Jo Whitfield", "Chief operating officer", later, TODAY, "ICB asked")
    monkeypatch.setattr(action_dialogs, "ask_change", lambda *_a: change)
    before = len(library.papers())
    view.change_button.click()
    qtbot.waitUntil(lambda: len(library.papers()) == before + 1, timeout=60_000)
    settle(qtbot)
    qtbot.waitUntil(lambda: not model.loading, timeout=90_000)
    moved = next(a for a in model.actions if a.key == other.key)
    assert (moved.owner_name, moved.due) == ("Jo Whitfield", later)
    assert moved.latest_note.startswith("Owner ") and "Due date moved from" in moved.latest_note
    assert moved.latest_note.endswith(": ICB asked")
    said = window.statusBar().currentMessage()  # what changed, as the CLI says it
    assert said.startswith(f"Action {other.id}: owner ") and "; due date moved from " in said
    assert f"; still {moved.status_label.lower()}. Record copy filed as papers/" in said, said
    assert not answers.errors

    # an action the board added when it decided: for the chosen action's decision
    assert view.select(other.key) and view.add_button.isEnabled()
    asked: list[str] = []

    def new_one(_parent: object, for_decision: str = "") -> NewAction:
        asked.append(for_decision)
        return NewAction("Report to the ICB board each quarter", "Tom Ellery", "", later)

    monkeypatch.setattr(action_dialogs, "ask_new_action", new_one)
    before = len(library.papers())
    view.add_button.click()
    qtbot.waitUntil(lambda: len(library.papers()) == before + 1, timeout=60_000)
    settle(qtbot)
    qtbot.waitUntil(lambda: not model.loading, timeout=90_000)
    assert asked == [other.decision.title]
    added = [a for a in model.actions if a.text == "Report to the ICB board each quarter"]
    assert len(added) == 1 and added[0].decision.id == other.decision.id
    assert added[0].latest_note == "Added after the paper was issued" and not added[0].suggested
    assert not answers.errors

    # the schedule exported, and read back
    target = tmp_path / "schedule.csv"
    monkeypatch.setattr(schedule_view, "ask_export_path", lambda _p, _s: target)
    view.export_button.click()
    qtbot.waitUntil(target.exists, timeout=90_000)
    settle(qtbot)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0][:5] == ["Ref", "Action", "Owner", "Due", "Status"]
    assert len(rows) == 1 + len(model.rows)
    window.close()
    settle(qtbot)


def test_home_shows_the_actions_due_this_month(
    qtbot,  # type: ignore[no-untyped-def]
    answers: Answers,
    library: Library,
) -> None:
    window = open_window(qtbot, new=False)
    home_model = window.home_model
    qtbot.waitUntil(lambda: not home_model.actions_loading, timeout=90_000)
    assert home_model.actions, home_model.actions_note
    assert all(
        a.overdue or (a.due.year, a.due.month) == (TODAY.year, TODAY.month)  # type: ignore[union-attr]
        for a in home_model.actions
    )
    overdue = [a for a in home_model.actions if a.overdue]
    assert [a.owner_name for a in overdue] == ["Tom Ellery"]
    listed = window.home.actions_due.list
    assert listed is not None and listed.model().rowCount() == len(home_model.actions)
    row = home_model.actions.index(overdue[0])
    listed.setCurrentIndex(listed.model().index(row, 0))
    window.home.show_action_button.click()
    view = window.current_view
    assert isinstance(view, ScheduleView)
    qtbot.waitUntil(lambda: view.selected() is not None, timeout=90_000)
    assert view.selected().key == overdue[0].key  # type: ignore[union-attr]
    window.close()
    settle(qtbot)


def test_the_review_at_the_review_date_and_its_paper(
    qtbot,  # type: ignore[no-untyped-def]
    answers: Answers,
    tmp_path: Path,
) -> None:
    from syslead_desktop.services.pdf.paper_check import verify_paper
    from syslead_desktop.ui.review_view import ReviewView
    from tests.conftest import EXAMPLES

    path = tmp_path / "d.syslead.yaml"
    source = EXAMPLES / "scanning-capacity-review.syslead.yaml"
    path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    window = open_window(qtbot, new=False)
    assert window.open_path(path)
    view = window.show_review()
    assert isinstance(view, ReviewView) and window.current_view is view
    assert clashes(window) == []
    assert view.status.text().startswith("Recommendation on the review: Change")
    target, _actual, result, _comment = view._measure_rows[1]
    assert target.text() == "Under six weeks every month" and result.currentData() == "partly_met"
    assert view._answer_combos["regulator_briefed"].currentData() == "briefed"
    # what has moved since the decision is shown, in words
    box = view._factor_boxes["regulatory"]
    assert box.title() == "Regulatory exposure: mixed at the decision, strong now"
    marked = {q for q, (label, _t, _a) in view._asked.items() if "(changed)" in label.text()}
    assert marked == {"regulator_briefed", "ned_session"}
    assert (
        view._asked["regulator_briefed"][0]
        .text()
        .endswith("At the decision: Briefing planned (changed)")
    )
    briefed = view._answer_combos["regulator_briefed"]
    briefed.setCurrentIndex(briefed.findData(window.doc.decision.answers["regulator_briefed"]))
    assert "(changed)" not in view._asked["regulator_briefed"][0].text()
    assert box.title() == "Regulatory exposure: mixed at the decision, mixed now"
    briefed.setCurrentIndex(briefed.findData("briefed"))

    # an entry changes the record and what the review says
    result.setCurrentIndex(result.findData(""))
    assert window.doc.decision.measures[1].result is None and window.doc.modified
    assert view.status.text() == "Still to enter: whether success measure 2 was met."
    assert not view.prepare_button.isEnabled()
    result.setCurrentIndex(result.findData("not_met"))
    assert window.doc.decision.measures[1].result == "not_met"
    view.proposals.setPlainText("Add a locum radiographer\n\nFinish the memorandum")
    view.commit_text()
    assert window.doc.decision.review.proposals == [  # type: ignore[union-attr]
        "Add a locum radiographer",
        "Finish the memorandum",
    ]

    # the review paper, written in the background, verifies
    answers.pdf_path = tmp_path / "review.pdf"
    with qtbot.waitSignal(view.written, timeout=120_000):
        view.prepare_button.click()
    settle(qtbot)
    assert verify_paper(tmp_path / "review.pdf").intact
    assert not answers.errors
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)


def test_a_draft_is_not_ready_for_review(
    qtbot, answers: Answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.ui.review_view import ReviewView

    window = open_window(qtbot, new=False)
    assert window.open_path(example_path)
    view = window.show_review()
    assert isinstance(view, ReviewView)
    said = view.status.text()  # in the form's words, not the decision file's fields
    assert said.startswith("The review paper reports back on a decision the board approved")
    assert "this one is draft" in said and "agree each success measure's target" in said
    assert "syslead" not in said and "measures[" not in said
    assert not view.prepare_button.isEnabled()
    view.copy_button.click()  # every factor question takes its answer at the decision
    given = window.doc.decision.review.answers  # type: ignore[union-attr]
    assert given["ned_session"] == window.doc.decision.answers["ned_session"]

    # a target agreed before the decision: the board paper prints it with its measure
    target = view._measure_rows[0][0]
    target.setText("Below 15% by September 2027")
    target.editingFinished.emit()
    assert window.doc.decision.measures[0].target == "Below 15% by September 2027"
    from syslead_desktop.services.workflow import assess_decision, render_assessed

    from ..unit.test_pdf_support import flat, page_texts

    paper = tmp_path / "paper.pdf"
    paper.write_bytes(render_assessed(assess_decision(window.doc.decision, window.doc.loaded)))
    assert "Target: Below 15% by September 2027" in flat(" ".join(page_texts(paper)))
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)


def test_the_columns_fill_the_table_without_a_sideways_scroll(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A column narrower than the header allows (the actions' row number, "99") was
    counted at its own width, so the action's column took the difference too and the
    table scrolled sideways on a wide screen."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from syslead_desktop.ui.actions_view import SAMPLES, fit_columns

    model = QStandardItemModel(3, len(SAMPLES))
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setMinimumSectionSize(table.fontMetrics().horizontalAdvance("9999999"))
    table.resize(1300, 300)
    table.show()
    qtbot.waitExposed(table)
    fit_columns(table, SAMPLES, stretch=1)
    assert header.sectionSize(0) == header.minimumSectionSize()
    assert header.length() == table.viewport().width()


def test_at_the_review_date_home_prepares_the_review_paper_and_files_it(
    qtbot,  # type: ignore[no-untyped-def]
    answers: Answers,
    tmp_path: Path,
) -> None:
    """Home's 'Prepare review paper' beside a review due: the decision's latest filed
    record opens at its review, the chief executive enters what happened, and the review
    paper written is filed in the register beside the paper it reports back on."""
    from syslead_desktop.services.pdf.paper_check import verify_paper
    from syslead_desktop.services.rulebook_file import load_rulebook
    from syslead_desktop.services.workflow import assess_decision, render_assessed
    from syslead_desktop.ui.review_view import ReviewView
    from tests.conftest import EXAMPLES

    from ..unit.test_pdf_support import flat, page_texts

    worked = load_decision(EXAMPLES / "scanning-capacity-review.syslead.yaml")
    decided = worked.model_copy(deep=True)
    decided.review = None  # as the board left it: the review still to enter
    for measure in decided.measures:
        measure.actual, measure.result, measure.comment = "", None, ""
    decided.framing.review_date = TODAY + dt.timedelta(days=10)  # due within 30 days
    decided.updated = decided.board_paper.meeting_date
    first = tmp_path / "first.pdf"
    first.write_bytes(render_assessed(assess_decision(decided, load_rulebook())))
    library = Library(tmp_path / "register")
    decision_id = library.file(first, by="Sam Clerk").decision_id
    save_settings(Settings(library=str(library.root)))

    window = open_window(qtbot, new=False)
    home_model = window.home_model
    qtbot.waitUntil(lambda: not home_model.reviews_loading, timeout=90_000)
    assert [e.id for e in home_model.reviews] == [decision_id], home_model.reviews_note
    listed = window.home.reviews.list
    assert listed is not None
    listed.setCurrentIndex(listed.model().index(0, 0))
    window.home.prepare_review_button.click()
    view = window.current_view
    assert isinstance(view, ReviewView)
    assert view.status.text() == (
        "Still to enter: whether success measure 1 was met (and 3 more)."
    ), "three measures, then the factors' questions answered again"

    # what happened: each measure's actual and result, the factors answered again
    for (_target, actual, result, _comment), m in zip(
        view._measure_rows, worked.measures, strict=True
    ):
        actual.setText(m.actual)
        actual.editingFinished.emit()
        result.setCurrentIndex(result.findData(m.result))
    view.copy_button.click()
    briefed = view._answer_combos["regulator_briefed"]
    briefed.setCurrentIndex(briefed.findData("briefed"))
    assert view.status.text().startswith("Recommendation on the review: Change")
    further = TODAY + dt.timedelta(days=190)
    view.next_review.set_value(further)

    answers.pdf_path = tmp_path / "review.pdf"
    with qtbot.waitSignal(view.written, timeout=120_000):
        view.prepare_button.click()

    def filed() -> list[str]:
        with RegisterIndex.open(library) as index:
            [entry] = index.entries()
        return [p["kind"] for p in entry.papers]

    qtbot.waitUntil(lambda: filed() == ["board", "review"], timeout=90_000)
    assert not answers.errors
    with RegisterIndex.open(library) as index:
        [entry] = index.entries()
    review = library.root / entry.papers[1]["path"]
    assert verify_paper(review).intact
    text = flat(" ".join(page_texts(review)))
    assert "12% in month six (May 2027), ahead of plan" in text, "the actual entered"
    assert "Briefed and content" in text and "Changed" in text

    # at the further review: the last review's entries are not carried into the next one
    view = window.review_decision(decision_id)
    assert isinstance(view, ReviewView)
    again = window.doc.decision
    assert again.review is not None and again.review.meeting_date == further
    assert again.review.answers == {} and again.review.next_review_date is None
    assert [m.result for m in again.measures] == [None] * len(worked.measures)
    assert [m.target for m in again.measures] == [m.target for m in worked.measures]
    assert view.status.text().startswith("Still to enter: whether success measure 1 was met")
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)


def test_the_change_dialog_asks_for_a_change_and_keeps_why(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from syslead_desktop.ui.action_dialogs import ChangeDialog

    due = dt.date(2027, 1, 10)
    dialog = ChangeDialog("Cap the trust's exposure", "Sam Okafor", "Director of finance", due)
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.problem.isHidden(), "no empty line under the fields"
    ok.click()
    assert dialog.result_value is None and "Nothing has changed" in dialog.problem.text()
    assert not dialog.problem.isHidden()
    dialog.due.set_value(dt.date(2027, 2, 28))
    dialog.note.setPlainText("The ICB asked for February")
    ok.click()
    assert dialog.result_value == ActionChange(
        "Sam Okafor",
        "Director of finance",
        dt.date(2027, 2, 28),
        TODAY,
        "The ICB asked for February",
    )


def test_the_follow_up_views_fit_a_laptop_at_200_percent(
    qtbot,  # type: ignore[no-untyped-def]
    answers: Answers,
    library: Library,
    tmp_path: Path,
) -> None:
    """A 1366x768 laptop at 200% leaves 683 points across: no view may need more (the
    action schedule's five buttons in a row needed 698, and the window ran off the screen)."""
    from tests.conftest import EXAMPLES

    path = tmp_path / "d.syslead.yaml"
    source = EXAMPLES / "scanning-capacity-review.syslead.yaml"
    path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    from syslead_desktop.ui.style import STYLE_SHEET

    window = open_window(qtbot, new=False)
    window.setStyleSheet(STYLE_SHEET)  # as the app runs: its padding widens every button
    assert window.open_path(path)
    across = 1366 // 2 - 2 * window.style().pixelMetric(
        window.style().PixelMetric.PM_LayoutLeftMargin
    )
    for view in (window.show_actions(), window.show_review(), open_schedule(qtbot, window)):
        assert view is not None
        assert view.minimumSizeHint().width() <= across, (view.title, view.minimumSizeHint())
        # nor more than its 384 high, less a title bar
        tall, title_bar = window.minimumSizeHint().height(), window.fontMetrics().lineSpacing()
        assert tall <= 768 // 2 - title_bar * 3 // 2, (view.title, tall)
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)


@pytest.mark.parametrize("which", ["register", "schedule"])
def test_reading_the_register_never_makes_the_views_taller(
    qtbot,  # type: ignore[no-untyped-def]
    answers: Answers,
    library: Library,
    which: str,
) -> None:
    """qa F1: at 200% on a 1366x768 laptop (384 points high) the progress bar, on a line of
    its own while the register was read, made the register and the action schedule 31
    points taller; the window grew to 389 points and stayed so, its bottom (the buttons and
    the status bar) off the screen. The bar sits in the status row, beside the message."""
    from syslead_desktop.ui.register_view import RegisterView
    from syslead_desktop.ui.style import STYLE_SHEET

    window = open_window(qtbot, new=False)
    window.setStyleSheet(STYLE_SHEET)  # as the app runs
    if which == "schedule":
        view: ScheduleView | RegisterView = open_schedule(qtbot, window)
    else:
        view = window.show_register()
        assert isinstance(view, RegisterView)
        qtbot.waitUntil(lambda: not view.model.loading and bool(view.model.entries))
    settle(qtbot)
    at_rest = window.minimumSizeHint().height()
    view.model.loading_changed.emit(True)
    if isinstance(view, RegisterView):
        view.model.progress.emit(3, 40, "p3.pdf")
    settle(qtbot)
    assert view.progress.isVisible()
    assert window.minimumSizeHint().height() == at_rest
    title_bar = 16  # points, and more than a window manager's at 200%
    assert at_rest + title_bar <= 768 // 2, at_rest
    view.model.loading_changed.emit(False)
    settle(qtbot)
    window.close()
    settle(qtbot)


def test_what_the_review_still_needs_is_said_in_the_form_s_words() -> None:
    from syslead_desktop.services.review import prepare_review
    from syslead_desktop.services.rulebook_file import load_rulebook
    from syslead_desktop.ui.review_view import still_to_enter
    from tests.conftest import EXAMPLES

    decision = load_decision(EXAMPLES / "scanning-capacity-review.syslead.yaml")
    assert decision.resolution is not None and decision.review is not None
    decision.review.answers.pop("ned_session")
    decision.measures[2].result = None
    report = prepare_review(decision, load_rulebook(), strict=False).report
    assert (
        still_to_enter(report) == "Still to enter: whether success measure 3 was met (and 1 more)."
    )
    decision.measures[2].result = "met"
    report = prepare_review(decision, load_rulebook(), strict=False).report
    questions = sum(len(f.answers) for f in report.factors)
    assert still_to_enter(report) == (
        f"Still to enter: the factors' questions answered again (1 of {questions} to go; "
        "'Start from the answers at the decision' fills them in)."
    )
    decision.resolution.outcome = "deferred"
    report = prepare_review(decision, load_rulebook(), strict=False).report
    assert still_to_enter(report) == (
        "The board's decision was deferred: there is nothing to report back on."
    )


def test_the_readme_follow_up_names_controls_that_exist(
    qtbot,  # type: ignore[no-untyped-def]
    answers: Answers,
    library: Library,
    tmp_path: Path,
) -> None:
    """Every menu item, shortcut and button the README's follow-up steps name is in the
    app, spelt the same (tests/unit/test_readme_follow_up.py runs its commands)."""
    import re

    from PySide6.QtWidgets import QAbstractButton

    from tests.conftest import EXAMPLES

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    steps = readme.split("## Following a decision up", 1)[1].split("\n## ", 1)[0]
    steps = " ".join(steps.split())
    path = tmp_path / "d.syslead.yaml"
    source = EXAMPLES / "scanning-capacity-review.syslead.yaml"
    path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    window = open_window(qtbot, new=False)
    assert window.open_path(path)
    file_items = [a.text() for a in window.decision_view.file_actions()]
    views = [window.show_actions(), window.show_review(), open_schedule(qtbot, window)]
    buttons = [b for w in (window, *views) for b in w.findChildren(QAbstractButton)]  # type: ignore[union-attr]
    texts = {" ".join(b.text().replace("&", "").split()) for b in buttons}
    menus = {
        " ".join(a.text().replace("&", "").split()): a.shortcut().toString()
        for a in window.view_menu.actions()
    }
    for item in ("Actions of This Decision", "Action Schedule", "Review Paper"):
        said = re.search(rf"\*\*View ▸ {item}\*\* \(([^)]+)\)", steps)
        assert said is not None, item
        assert menus[item] == said.group(1), item
    [owners] = re.findall(r"\*\*File ▸ ([^*]+)\*\*", steps)
    assert owners in [t.replace("&", "") for t in file_items]
    for name in (
        "Record progress…",
        "Change owner or date…",
        "Add an action…",
        "Prepare review paper",
        "Start from the answers at the decision",
        "Prepare review paper…",
    ):
        assert f"**{name}**" in steps, name
        assert name in texts, name
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)


def test_the_review_keeps_its_start_from_the_decision_button(
    qtbot,  # type: ignore[no-untyped-def]
    answers: Answers,
    example_path: Path,
) -> None:
    """Each time the review view was shown its form was built again, and the button
    'Start from the answers at the decision' went with the old fields: the second time
    the view was shown it was gone."""
    import shiboken6

    from syslead_desktop.ui.review_view import ReviewView

    window = open_window(qtbot, new=False)
    assert window.open_path(example_path)
    for _ in range(2):
        view = window.show_review()
        window.show_actions()
        qtbot.wait(50)  # the event loop runs: what was let go of is deleted
    view = window.show_review()
    qtbot.wait(50)
    assert isinstance(view, ReviewView)
    assert shiboken6.isValid(view.copy_button) and view.copy_button.isVisibleTo(view)
    view.copy_button.click()
    assert window.doc.decision.review is not None and window.doc.decision.review.answers
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)
