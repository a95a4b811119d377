"""What the form shows is what the paper says: every date shown is the date stored, an
empty date looks empty, and the review date and framing notes have fields of their own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit

from syslead_desktop.services.decision_file import load_decision, save_decision
from syslead_desktop.services.pdf.cover import long_date
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.widgets import DateField

pytestmark = pytest.mark.gui
REVIEW_QUESTION, REVIEW_SET = "review_date", "set"  # promises the review date (its rulebook)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def date_field(window: MainWindow, step_id: str, name: str) -> DateField:
    page = window.wizard.page_for(step_id)
    return next(f for f in page.findChildren(DateField) if f.accessibleName() == name)


def test_an_empty_meeting_date_looks_empty_and_stays_empty(window: MainWindow) -> None:
    """The board-paper page showed today's date but stored none, so the paper said
    'Date of meeting: Not recorded' under a form that showed a date."""
    field = date_field(window, "finish", "Meeting date")
    assert window.doc.decision.board_paper.meeting_date is None
    assert field.text() == DateField.EMPTY_TEXT
    assert field.value() is None


def test_the_first_key_in_an_empty_date_starts_at_today_and_stores_it(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    field = date_field(window, "finish", "Meeting date")
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Up)
    today = dt.date.today()
    assert window.doc.decision.board_paper.meeting_date == today
    assert field.text() == long_date(today), "shown as the paper prints it"
    qtbot.keyClick(field, Qt.Key.Key_Up)  # the selected section is the day
    assert window.doc.decision.board_paper.meeting_date == today + dt.timedelta(days=1)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert window.doc.decision.board_paper.meeting_date is None
    assert field.text() == DateField.EMPTY_TEXT


def test_a_stored_date_is_shown_as_the_paper_prints_it(
    window: MainWindow, example_path: Path
) -> None:
    window.open_path(example_path, confirmed=True)
    stored = window.doc.decision.framing.review_date
    assert stored is not None
    assert date_field(window, "framing", "Review date").text() == long_date(stored)


def test_the_review_date_and_framing_notes_reach_the_paper(
    qtbot, window: MainWindow, answers, example_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Every paper made in the wizard printed 'Review date: Not recorded': there was no
    field for it, nor for the chief executive's notes on the framing."""
    decision = load_decision(example_path)
    decision.framing.review_date = None
    decision.notes.pop("framing", None)
    source = tmp_path / "no-review.syslead.yaml"
    save_decision(source, decision)
    window.open_path(source, confirmed=True)
    field = date_field(window, "framing", "Review date")
    assert field.text() == DateField.EMPTY_TEXT
    field.set_value(dt.date(2027, 3, 3))
    assert window.doc.decision.framing.review_date == dt.date(2027, 3, 3)
    meeting = date_field(window, "finish", "Meeting date")
    meeting.set_value(dt.date(2026, 12, 10))
    framing = window.wizard.page_for("framing")
    notes = next(
        w for w in framing.findChildren(QPlainTextEdit) if w.accessibleName().startswith("Notes on")
    )
    notes.setPlainText("Discussed with the ICB chief executive on 2 November.")
    assert window.doc.decision.notes["framing"] == notes.toPlainText()
    answers.pdf_path = tmp_path / "paper.pdf"
    with qtbot.waitSignal(window.exported, timeout=60_000):
        window.export_pdf()
    text = " ".join(pdf_text(answers.pdf_path).split())
    assert f"Review date: {field.text()}" in text
    assert f"Date of meeting {meeting.text()}" in text
    assert "Discussed with the ICB chief executive on 2 November." in text


def visible_warning(window: MainWindow, step_id: str) -> str:
    label = window.wizard.page_for(step_id).findChild(QLabel, "warning")
    return label.text() if label is not None and not label.isHidden() else ""


def test_a_review_date_promised_but_not_given_is_flagged(window: MainWindow) -> None:
    """The answer 'A review date is set' helps rate the factor Strong; with no date the
    paper prints 'Review date: Not recorded' beside it."""
    question = window.flow.rulebook.questions_by_id[REVIEW_QUESTION]
    factor_step = f"factor:{window.flow.rulebook.factor_of_question[REVIEW_QUESTION]}"
    window.doc.set_answer(REVIEW_QUESTION, REVIEW_SET)
    QApplication.processEvents()
    label = next(o.label for o in question.options if o.id == REVIEW_SET)
    for step_id in ("framing", factor_step, "review", "finish"):
        text = visible_warning(window, step_id)
        assert label in text and "no review date is given" in text, step_id
    assert not visible_warning(window, "factor:stability"), "only where it matters"
    date_field(window, "framing", "Review date").set_value(dt.date(2027, 6, 30))
    for step_id in ("framing", factor_step, "review", "finish"):
        assert not visible_warning(window, step_id), step_id
    date_field(window, "framing", "Review date").set_value(None)
    window.doc.set_answer(REVIEW_QUESTION, "intended")
    assert not visible_warning(window, factor_step), "no promise, nothing to flag"


def test_tab_leaves_a_date_field_at_once(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Qt's date edit used Tab to move between day, month and year: an empty field
    seemed to hold the focus for three presses."""
    window.wizard.next()
    field = date_field(window, "framing", "Review date")
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not field
    field.set_value(dt.date(2027, 3, 3))
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not field
