"""Wizard pages.  Each page is generated from the rulebook and asks the Qt-free
:class:`~syslead_desktop.domain.wizard_flow.WizardFlow` whether it is complete."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from .welcome import WELCOME_TITLE, welcome_body
from .widgets import (
    DateField,
    PageScrollArea,
    QuestionBox,
    WhyPanel,
    glossary_of,
    name_widget,
    text_box,
    wrapped_label,
)

if TYPE_CHECKING:
    from ..domain.wizard_flow import WizardFlow
    from .document import DecisionDocument


class FlowPage(QWizardPage):
    """A page whose completeness, and the reason it is incomplete, come from the flow."""

    def __init__(self, step_id: str, flow: WizardFlow, doc: DecisionDocument):
        super().__init__()
        self.step_id = step_id
        self.flow = flow
        self.doc = doc
        step = flow.step(step_id)
        # The page shows its own title (see page_layout): QWizard's title label has a font
        # of its own, fixed when it is made, which presentation mode's larger text missed.
        self.heading = wrapped_label("", "pageTitle", rich=True)
        self.set_heading(step.title)
        self.reason = wrapped_label("", "reason")
        self.reason.setAccessibleName("Why you cannot continue yet")
        self.full_reason = ""  # the whole of it: see _show_reason
        self.warning = wrapped_label("", "warning")
        self.warning.setAccessibleName("Please check")
        self.warning.setVisible(False)
        doc.changed.connect(self._on_changed)

    def isComplete(self) -> bool:
        return self.flow.status(self.step_id, self.doc.decision).complete

    # A page shorter than this many lines of text shows only the first part of why it is
    # incomplete ("Answer 3 more questions to continue."): on a small screen the questions'
    # names took four bold lines from the page itself. They stay in the tooltip.
    SHORT_PAGE_LINES = 20

    def _on_changed(self) -> None:
        status = self.flow.status(self.step_id, self.doc.decision)
        self.full_reason = "" if status.complete else status.reason
        self._show_reason()
        self.reason.setVisible(not status.complete)
        warnings = self.flow.warnings(self.step_id, self.doc.decision)
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        self.completeChanged.emit()

    def _show_reason(self) -> None:
        text = self.full_reason
        short = self.height() < self.SHORT_PAGE_LINES * self.fontMetrics().lineSpacing()
        if short and ": " in text:
            text = text.split(": ", 1)[0] + "."
        if self.reason.text() != text:
            self.reason.setText(text)
        if self.reason.toolTip() != self.full_reason:
            self.reason.setToolTip(self.full_reason)
            self.reason.setAccessibleDescription(self.full_reason)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_reason()

    def set_heading(self, text: str) -> None:
        """The title, half as large again as the text around it, whatever its size."""
        self.heading.setText(f"<span style='font-size:x-large'><b>{escape(text)}</b></span>")
        self.heading.setAccessibleName(text)

    def page_layout(self) -> QVBoxLayout:
        """The page's own layout, its title at the top. What the page is for (its lead)
        goes inside the page, where it scrolls with the rest: the wizard's own header
        band would take a fifth of a small screen."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        return layout

    def lead(self, text: str) -> QLabel:
        return wrapped_label(text, "pageLead")

    def add_footer(self, layout: QVBoxLayout) -> None:
        """What the page has to say about its answers, below them: what to check, then
        what stops it being complete."""
        layout.addWidget(self.warning)
        layout.addWidget(self.reason)

    def notes_column(self, why: WhyPanel | None, key: str, title: str) -> QVBoxLayout:
        """The side column: 'Why this matters' over the chief executive's own notes, which
        go into the board paper."""
        side = QVBoxLayout()
        if why is not None:
            side.addWidget(why, 3)
        label = QLabel("&Your notes and evidence")
        notes = text_box(
            f"Notes on {title}",
            "Your own evidence for these answers; it goes into the board paper.",
            lambda t: self.doc.set_note(key, t),
            self.doc.decision.notes.get(key, ""),
            lines=4,
        )
        label.setBuddy(notes)
        side.addWidget(label)
        side.addWidget(notes, 2)
        self.notes = notes
        return side

    def initializePage(self) -> None:
        self._on_changed()

    def scrolled(self, content: QWidget) -> QScrollArea:
        for edit in content.findChildren(QLineEdit):
            edit.setCursorPosition(0)  # show where a long entry starts, not its last words
        area = PageScrollArea(content)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return area

    def question_boxes(self, layout: QVBoxLayout) -> dict[str, QuestionBox]:
        glossary = glossary_of(self.flow.rulebook)
        boxes = {}
        for question in self.flow.questions(self.step_id):
            box = QuestionBox(question, self.doc.decision.answers.get(question.id), glossary)
            box.answered.connect(self.doc.set_answer)
            layout.addWidget(box)
            boxes[question.id] = box
        return boxes


class WelcomePage(FlowPage):
    def __init__(self, step_id: str, flow: WizardFlow, doc: DecisionDocument):
        super().__init__(step_id, flow, doc)
        self.set_heading(WELCOME_TITLE)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(welcome_body([(f.title, f.summary) for f in flow.rulebook.factors]))
        column.addStretch(1)
        self.page_layout().addWidget(self.scrolled(content))


class FramingPage(FlowPage):
    def __init__(self, step_id: str, flow: WizardFlow, doc: DecisionDocument):
        super().__init__(step_id, flow, doc)
        rb = flow.rulebook
        framing = doc.decision.framing
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.lead(rb.framing.summary))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit = QLineEdit(framing.title)
        self.title_edit.setPlaceholderText("For example: Offer weekend MRI capacity to a neighbour")
        self.title_edit.textChanged.connect(lambda t: doc.set_framing("title", t))
        name_widget(
            self.title_edit, "Decision title", "A short title; it becomes the paper's title."
        )
        form.addRow("Decision &title *", self.title_edit)

        def lines_field(field: str, label: str, hint: str) -> None:
            box = text_box(
                label,
                hint,
                lambda t: doc.set_framing(
                    field, [line.strip() for line in t.splitlines() if line.strip()]
                ),
                "\n".join(getattr(framing, field)),
            )
            form.addRow(label, box)

        def text_field(field: str, label: str, hint: str, lines: int = 3) -> None:
            box = text_box(
                label, hint, lambda t: doc.set_framing(field, t), getattr(framing, field), lines
            )
            form.addRow(label, box)

        text_field(
            "description", "&What is proposed", "What is being decided, and why now.", lines=6
        )
        lines_field("partners", "&Partners", "One partner organisation per line.")
        text_field(
            "cost_to_trust",
            "&Cost to the trust",
            "Money, staff time, waiting times, reputation: what the trust gives up.",
        )
        text_field(
            "benefit_to_population",
            "B&enefit to the population",
            "Who gains, and how, across the system and the local population.",
        )
        lines_field("options_considered", "&Options considered", "One option per line.")
        lines_field(
            "success_measures",
            "&Success measures",
            "One measure per line, each with a target and a date if you can.",
        )
        self.review_date = DateField(framing.review_date)
        self.review_date.value_changed.connect(lambda d: doc.set_framing("review_date", d))
        name_widget(
            self.review_date,
            "Review date",
            "When the board will review whether it worked. Delete empties the field.",
        )
        form.addRow("Review &date", self.review_date)
        column.addLayout(form)
        self.boxes = self.question_boxes(column)
        column.addStretch(1)

        why = (
            WhyPanel(rb, rb.framing.why_it_matters, list(rb.framing.cite))
            if rb.framing.why_it_matters
            else None
        )
        outer = QHBoxLayout()
        outer.addWidget(self.scrolled(content), 3)
        outer.addLayout(self.notes_column(why, "framing", rb.framing.title), 2)
        page = self.page_layout()
        page.addLayout(outer)
        self.add_footer(page)


class FactorPage(FlowPage):
    def __init__(self, step_id: str, flow: WizardFlow, doc: DecisionDocument):
        super().__init__(step_id, flow, doc)
        factor = flow.rulebook.factor(flow.step(step_id).factor_id or "")
        self.factor = factor
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.lead(factor.summary))
        self.boxes = self.question_boxes(column)
        column.addStretch(1)

        why = WhyPanel(flow.rulebook, factor.why_it_matters, list(factor.cite))
        outer = QHBoxLayout()
        outer.addWidget(self.scrolled(content), 3)
        outer.addLayout(self.notes_column(why, factor.id, factor.title), 2)
        page = self.page_layout()
        page.addLayout(outer)
        self.add_footer(page)
