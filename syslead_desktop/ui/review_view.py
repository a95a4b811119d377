"""The review of the open decision: what the chief executive enters at the review date,
and "Prepare review paper".

:class:`ReviewModel` wraps the open decision (a :class:`~.document.DecisionDocument`):
every entry is made through the document (saved and autosaved like any edit), and after
each it works out the review again (services/review.py, quick: no search for what would
change it), so the view always says what the review recommends or what is still to
enter. :class:`ReviewView` shows the form; the paper is written in the background.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.review import MEASURE_RESULT_LABELS, Review
from ..domain.review_report import ReviewReport
from . import dialogs
from .document import DecisionDocument
from .view import View
from .widgets import DateField, PageScrollArea, TextBox, name_widget, wrapped_label


class ReviewModel(QObject):
    """The review of the open decision, worked out again after every entry."""

    changed = Signal()

    def __init__(self, doc: DecisionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.report: ReviewReport | None = None
        self.problem = ""
        doc.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        from ..errors import SysLeadError
        from ..services.review import prepare_review

        try:
            prepared = prepare_review(self.doc.decision, self.doc.loaded, strict=False)
        except SysLeadError as exc:
            self.report, self.problem = None, str(exc)
        else:
            self.report, self.problem = prepared.report, ""
            fitted = prepared.decision
            self.doc.set_follow_up(actions=fitted.actions, measures=fitted.measures, touch=False)
        self.changed.emit()

    @property
    def review(self) -> Review:
        return self.doc.decision.review or Review()

    # ---- entries --------------------------------------------------------------------------
    def set_measure(self, index: int, **changes: Any) -> None:
        measures = [m.model_copy(deep=True) for m in self.doc.decision.measures]
        if not 0 <= index < len(measures):
            return
        measure = measures[index]
        if all(getattr(measure, k) == v for k, v in changes.items()):
            return
        measures[index] = measure.model_copy(update=changes)
        self.doc.set_follow_up(measures=measures)

    def set_review(self, **changes: Any) -> None:
        review = self.review
        if all(getattr(review, k) == v for k, v in changes.items()):
            return
        self.doc.set_follow_up(review=review.model_copy(update=changes))

    def answer(self, question: str, option: str | None) -> None:
        answers = dict(self.review.answers)
        if option:
            answers[question] = option
        else:
            answers.pop(question, None)
        self.set_review(answers=answers)

    def start_from_decision(self) -> None:
        """Every factor question not yet answered again takes its answer at the decision."""
        factor_questions = self.doc.loaded.rulebook.factor_of_question
        answers = {q: a for q, a in self.doc.decision.answers.items() if q in factor_questions}
        answers.update(self.review.answers)
        self.set_review(answers=answers)


def still_to_enter(report: ReviewReport) -> str:
    """What the review still needs, in the form's words (``report.missing`` names the
    decision file's fields, for a script)."""
    from ..domain.lifecycle import OUTCOME_LABELS, STATUS_LABELS
    from ..services.review import REVIEWABLE

    o = report.original
    if o.status not in ("decided", "closed") or o.outcome is None:
        return (
            "The review paper reports back on a decision the board approved, and this one "
            f"is {STATUS_LABELS[o.status].lower()}. Meanwhile you can agree each success "
            "measure's target here: the board paper prints it."
        )
    if o.outcome not in REVIEWABLE:
        label = OUTCOME_LABELS[o.outcome].lower()
        return f"The board's decision was {label}: there is nothing to report back on."
    needed = []
    if report.as_at is None:
        needed.append("the review meeting's date")
    needed += [
        f"whether success measure {n} was met"
        for n, m in enumerate(report.measures, start=1)
        if m.result is None
    ]
    questions = [a for f in report.factors for a in f.answers]
    unanswered = sum(1 for a in questions if a.now is None)
    if any(m.startswith("the factors answered again") for m in report.missing):
        needed.append(
            f"the factors' questions answered again ({unanswered} of {len(questions)} to go; "
            "'Start from the answers at the decision' fills them in)"
        )
    if not needed:  # e.g. a rulebook with no review rules
        return f"Not ready: {report.missing[0]}."
    more = f" (and {len(needed) - 1} more)" if len(needed) > 1 else ""
    return f"Still to enter: {needed[0]}{more}."


class ReviewView(View):
    """What is entered for the review, and the review paper."""

    view_id: ClassVar[str] = "review"
    title: ClassVar[str] = "Review"
    edits_document: ClassVar[bool] = True

    back_requested = Signal()
    #: The paper was written (its path), for tests and for filing it in the register.
    written = Signal(str)

    def __init__(self, model: ReviewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setAccessibleName("Review of this decision")
        self._filling = False
        self._short = False
        self._op: Any = None
        heading = QLabel("Review")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.subject = wrapped_label("", "pageLead")
        self.lead = wrapped_label(
            "At the review date, report back to the board: what each success measure "
            "achieved, the factors answered again, and what you propose. The actions' "
            "progress comes from the actions view.",
            "pageLead",
        )
        self.status = wrapped_label("", "warning")
        self.status.setAccessibleName("What the review recommends")

        content = QWidget()
        column = QVBoxLayout(content)
        self.measures_box = QGroupBox("Success measures")
        self.measures_layout = QVBoxLayout(self.measures_box)
        self.factors_box = QGroupBox("The five factors, answered again")
        self.factors_layout = QVBoxLayout(self.factors_box)
        self.copy_button = QPushButton("Start from the &answers at the decision")
        name_widget(
            self.copy_button,
            "Start from the answers at the decision",
            "Every question not yet answered again takes its answer at the decision.",
        )
        self.copy_button.clicked.connect(model.start_from_decision)
        self.paper_box = QGroupBox("The review paper")
        self.meeting = QLineEdit()
        name_widget(self.meeting, "Meeting", "The meeting the review paper goes to.")
        self.meeting_date = DateField(None)
        name_widget(self.meeting_date, "Meeting date", "By default the review date.")
        self.agenda = QLineEdit()
        name_widget(self.agenda, "Agenda item")
        self.summary = TextBox(lines=4)
        self.summary.setTabChangesFocus(True)
        name_widget(self.summary, "What has happened", "In your own words, for the Board.")
        self.proposals = TextBox(lines=3)
        self.proposals.setTabChangesFocus(True)
        name_widget(self.proposals, "What you propose", "One point a line.")
        self.next_review = DateField(None)
        name_widget(self.next_review, "Next review", "If the arrangement continues.")
        form = QFormLayout(self.paper_box)
        for text, widget in (
            ("&Meeting", self.meeting),
            ("Meeting &date", self.meeting_date),
            ("Agenda &item", self.agenda),
            ("What has &happened", self.summary),
            ("What you &propose", self.proposals),
            ("&Next review", self.next_review),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        column.addWidget(self.measures_box)
        column.addWidget(self.factors_box)
        column.addWidget(self.paper_box)
        column.addStretch(1)
        self.scroller = PageScrollArea(content)

        self.prepare_button = QPushButton("Prepare &review paper…")
        self.prepare_button.setObjectName("primary")
        name_widget(
            self.prepare_button,
            "Prepare review paper",
            "Write the review paper: a board paper from this decision's record.",
        )
        self.back_button = QPushButton("&Back to the decision")
        name_widget(self.back_button, "Back to the decision")
        self.prepare_button.clicked.connect(self.prepare_paper)
        self.back_button.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.prepare_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.subject, 1)
        layout.addLayout(top)
        layout.addWidget(self.lead)
        layout.addWidget(self.status)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(buttons)

        self.meeting.editingFinished.connect(
            lambda: self._set_review(meeting=self.meeting.text().strip())
        )
        self.meeting_date.value_changed.connect(lambda d: self._set_review(meeting_date=d))
        self.agenda.editingFinished.connect(
            lambda: self._set_review(agenda_item=self.agenda.text().strip())
        )
        for box in (self.summary, self.proposals):  # kept when the field is left
            box.installEventFilter(self)
        self.next_review.value_changed.connect(lambda d: self._set_review(next_review_date=d))
        model.changed.connect(self._refresh)
        self._measure_rows: list[tuple[QLineEdit, QLineEdit, QComboBox, QLineEdit]] = []
        self._answer_combos: dict[str, QComboBox] = {}
        self._factor_boxes: dict[str, QGroupBox] = {}
        #: Each question's label, with its text and its answer at the decision.
        self._asked: dict[str, tuple[QLabel, str, str]] = {}
        self._build()

    # ---- the View interface -------------------------------------------------------------
    def window_title(self) -> str:
        return f"Review: {self.model.doc.display_name}[*]"

    def deactivated(self) -> None:
        self.commit_text()

    def activated(self) -> None:
        self._build()
        self.model.refresh()
        self.scroller.setFocus()

    def shutdown(self) -> None:
        if self._op is not None:
            self._op.cancel()

    # ---- the form -------------------------------------------------------------------------
    def _build(self) -> None:
        """The measures' and questions' fields, for the decision and rulebook now open."""
        for layout in (self.measures_layout, self.factors_layout):
            while layout.count():
                item = layout.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None and widget is not self.copy_button:  # kept: re-added
                    widget.deleteLater()
        self._measure_rows = []
        self._answer_combos = {}
        self._factor_boxes = {}
        self._asked = {}
        decision = self.model.doc.decision
        if not decision.measures:
            self.measures_layout.addWidget(
                wrapped_label("No success measures were agreed for this decision.", "pageLead")
            )
        for index, measure in enumerate(decision.measures):
            box = QWidget()
            form = QFormLayout(box)
            form.setContentsMargins(0, 0, 0, 0)
            title = wrapped_label(f"{index + 1}. {measure.text}", "questionTitle")
            form.addRow(title)
            target, actual, comment = QLineEdit(), QLineEdit(), QLineEdit()
            result = QComboBox()
            result.addItem("Not assessed yet", "")
            for key, label in MEASURE_RESULT_LABELS.items():
                result.addItem(label, key)
            for widget, name in (
                (target, "Target"),
                (actual, "Actual"),
                (result, "Result"),
                (comment, "Comment"),
            ):
                name_widget(widget, f"{name} of measure {index + 1}")
                form.addRow(name, widget)
            target.editingFinished.connect(
                lambda i=index, w=target: self._measure(i, target=w.text().strip())
            )
            actual.editingFinished.connect(
                lambda i=index, w=actual: self._measure(i, actual=w.text().strip())
            )
            comment.editingFinished.connect(
                lambda i=index, w=comment: self._measure(i, comment=w.text().strip())
            )
            result.currentIndexChanged.connect(
                lambda _n, i=index, w=result: self._measure(i, result=w.currentData() or None)
            )
            self._measure_rows.append((target, actual, result, comment))
            self.measures_layout.addWidget(box)
        rulebook = self.model.doc.loaded.rulebook
        self.factors_layout.addWidget(self.copy_button)
        for factor in rulebook.factors:
            box = QGroupBox(factor.title)
            self._factor_boxes[factor.id] = box
            form = QFormLayout(box)
            for question in factor.questions:
                combo = QComboBox()
                combo.addItem("Not answered again yet", "")
                for option in question.options:
                    combo.addItem(option.label, option.id)
                then = decision.answers.get(question.id)
                then_label = question.option(then).label if then in question.option_ids() else ""
                name_widget(
                    combo, question.text, f"At the decision: {then_label or 'not answered'}"
                )
                combo.currentIndexChanged.connect(
                    lambda _n, q=question.id, w=combo: self._answer(q, w.currentData() or None)
                )
                asked = wrapped_label("")
                self._asked[question.id] = (asked, question.text, then_label or "not answered")
                form.addRow(asked, combo)
                self._answer_combos[question.id] = combo
            self.factors_layout.addWidget(box)
        self._refresh()

    def _refresh(self) -> None:
        decision = self.model.doc.decision
        title = decision.framing.title.strip() or "Untitled decision"
        self.subject.setText(f"of “{title}”")
        if len(self._measure_rows) != len(decision.measures):
            self._build()
            return
        self._filling = True
        try:
            for (target, actual, result, comment), m in zip(
                self._measure_rows, decision.measures, strict=True
            ):
                for field, value in ((target, m.target), (actual, m.actual), (comment, m.comment)):
                    if field.text() != value and not field.hasFocus():
                        field.setText(value)
                result.setCurrentIndex(max(result.findData(m.result or ""), 0))
            review = self.model.review
            for qid, combo in self._answer_combos.items():
                combo.setCurrentIndex(max(combo.findData(review.answers.get(qid, "")), 0))
            if not self.meeting.hasFocus():
                self.meeting.setText(review.meeting or decision.board_paper.meeting)
            self.meeting_date.set_value(review.meeting_date or decision.framing.review_date)
            if not self.agenda.hasFocus():
                self.agenda.setText(review.agenda_item)
            if self.summary.toPlainText() != review.summary and not self.summary.hasFocus():
                self.summary.setPlainText(review.summary)
            proposals = "\n".join(review.proposals)
            if self.proposals.toPlainText().strip() != proposals and not self.proposals.hasFocus():
                self.proposals.setPlainText(proposals)
            self.next_review.set_value(review.next_review_date)
        finally:
            self._filling = False
        self._show_changes()
        self._show_status()

    def _show_changes(self) -> None:
        """Each factor's rating then and now, and each answer that has changed, in words
        (as the paper shows them), so what has moved since the decision is seen here."""
        rulebook = self.model.doc.loaded.rulebook
        factors = {f.id: f for f in self.model.report.factors} if self.model.report else {}
        for factor in rulebook.factors:
            box = self._factor_boxes.get(factor.id)
            found = factors.get(factor.id)
            if box is None:
                continue
            title = factor.title
            if found is not None:
                then = found.then.label.lower()
                now = found.now.label.lower() if found.now else ""
                title += f": {then} at the decision" + (f", {now} now" if now else "")
            box.setTitle(title)
            changed = {a.question for a in found.answers if a.changed} if found else set()
            for question in factor.questions:
                label, text, then_label = self._asked[question.id]
                mark = " (changed)" if question.id in changed else ""
                label.setText(f"{text}\nAt the decision: {then_label}{mark}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # on a short screen (a laptop at 200%) the form needs the room
        self._short = event.size().height() < self.fontMetrics().lineSpacing() * 24
        self.lead.setVisible(not self._short)
        self._show_status()

    def _show_status(self) -> None:
        model = self.model
        report = model.report
        if report is None:
            self.status.setText(model.problem)
            self.prepare_button.setEnabled(False)
            return
        if report.missing:
            self.status.setText(still_to_enter(report))
        else:
            said = f"Recommendation on the review: {report.outcome_label}."
            self.status.setToolTip(report.outcome_summary)
            self.status.setText(said if self._short else f"{said} {report.outcome_summary}")
        self.prepare_button.setEnabled(not report.missing)

    # ---- entries ----------------------------------------------------------------------------
    def _measure(self, index: int, **changes: Any) -> None:
        if not self._filling:
            self.model.set_measure(index, **changes)

    def _answer(self, question: str, option: str | None) -> None:
        if not self._filling:
            self.model.answer(question, option)

    def _set_review(self, **changes: Any) -> None:
        if not self._filling:
            self.model.set_review(**changes)

    def commit_text(self) -> None:
        """What has happened, and the proposals, as typed."""
        lines = [line.strip() for line in self.proposals.toPlainText().splitlines()]
        self._set_review(
            summary=self.summary.toPlainText().strip(),
            proposals=[line for line in lines if line],
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.summary, self.proposals) and event.type() == QEvent.Type.FocusOut:
            self.commit_text()
        return super().eventFilter(watched, event)

    # ---- the paper --------------------------------------------------------------------------
    def prepare_paper(self) -> None:
        """Ask where, then write the review paper in the background."""
        from ..services.review import prepare_review, render_review
        from .dialogs import file_stem
        from .operations import Operation

        self.commit_text()
        report = self.model.report
        if report is None or report.missing:
            return
        doc = self.model.doc
        stem = file_stem(doc.display_name, "decision")
        target = dialogs.ask_pdf_path(self, str(Path.home() / f"{stem}-review.pdf"))
        if target is None:
            return
        decision = doc.decision.model_copy(deep=True)
        loaded = doc.loaded

        def work(context: Any) -> Path:
            from ..services.files import atomic_write_bytes

            prepared = prepare_review(decision, loaded)
            pdf = render_review(prepared, check=context.check)
            context.check()
            atomic_write_bytes(target, pdf)
            return target

        def done(path: Path) -> None:
            self.status.setText(f"Wrote the review paper as {path}")
            self.written.emit(str(path))

        self.status.setText(f"Writing {target.name}…")
        self._op = (
            Operation(self, work, done, label=f"Writing {target.name}")
            .failure(lambda reason: dialogs.show_error(self, "Review paper not written", reason))
            .cancellable()
            .run()
        )
