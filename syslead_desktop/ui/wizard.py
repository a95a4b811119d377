"""The QWizard, built page by page from the rulebook; it only asks the flow model."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from ..domain.wizard_flow import StepKind

if TYPE_CHECKING:
    from ..domain.wizard_flow import WizardFlow
    from .document import DecisionDocument
from .pages import FactorPage, FlowPage, FramingPage, WelcomePage


def page_types() -> dict[StepKind, type[FlowPage]]:
    """Imported when first needed: the review and finish pages bring in the engine."""
    from .finish_page import FinishPage
    from .review_page import ReviewPage

    return {
        StepKind.WELCOME: WelcomePage,
        StepKind.FRAMING: FramingPage,
        StepKind.FACTOR: FactorPage,
        StepKind.REVIEW: ReviewPage,
        StepKind.FINISH: FinishPage,
    }


class StepList(QWidget):
    """The side panel: every step, with the current one highlighted."""

    def __init__(self, flow: WizardFlow):
        super().__init__()
        self.setObjectName("sidePanel")
        layout = QVBoxLayout(self)
        self.labels: list[QLabel] = []
        for number, step in enumerate(flow.steps, start=1):
            label = QLabel(f"{number}. {step.title}")
            label.setObjectName("stepLabel")
            label.setWordWrap(True)
            layout.addWidget(label)
            self.labels.append(label)
        layout.addStretch(1)
        self.setMinimumWidth(self._width_for(flow))

    def _width_for(self, flow: WizardFlow) -> int:
        """Room for 24 average characters, and at least for the number and any one word of
        a step's name in bold (the current step), so a name wraps between words, never
        leaves its number alone on a line, and is never cut."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        widest = max(
            metrics.horizontalAdvance(f"{number}. {word}")
            for number, step in enumerate(flow.steps, start=1)
            for word in step.title.split()
        )
        padding = 2 * math.ceil(0.6 * metrics.height())  # the labels' 0.6em each side
        margins = self.layout().contentsMargins()
        chrome = padding + margins.left() + margins.right() + metrics.averageCharWidth()
        return max(self.fontMetrics().averageCharWidth() * 24, widest + chrome)

    def show_current(self, index: int) -> None:
        for i, label in enumerate(self.labels):
            label.setProperty("current", i == index)
            label.setProperty("done", i < index)
            label.style().unpolish(label)
            label.style().polish(label)


class DecisionWizard(QWizard):
    """A QWizard that lives inside the main window: Finish exports, Escape does not close."""

    finish_requested = Signal()

    def __init__(self, flow: WizardFlow, doc: DecisionDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Widget)
        self.flow = flow
        self.doc = doc
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "E&xport PDF…")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Next >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Back")
        for which, description in (
            (QWizard.WizardButton.NextButton, "Go to the next page."),
            (QWizard.WizardButton.BackButton, "Go back to the previous page; nothing is lost."),
            (QWizard.WizardButton.FinishButton, "Write the board paper as a PDF file."),
        ):
            self.button(which).setAccessibleDescription(description)
        finish = self.button(QWizard.WizardButton.FinishButton)
        finish.setMinimumWidth(finish.fontMetrics().horizontalAdvance("Export PDF…") * 3 // 2)
        self.pages: dict[str, FlowPage] = {}
        types = page_types()
        for index, step in enumerate(flow.steps):
            page = types[step.kind](step.id, flow, doc)
            self.setPage(index, page)
            self.pages[step.id] = page
        self.steps = StepList(flow)
        self.setSideWidget(self.steps)
        self.currentIdChanged.connect(self._on_page)

    def page_for(self, step_id: str) -> FlowPage:
        return self.pages[step_id]

    def nextId(self) -> int:
        page = self.currentPage()
        if not isinstance(page, FlowPage):
            return -1
        following = self.flow.next_id(page.step_id)
        return -1 if following is None else self.flow.index(following)

    def _on_page(self, index: int) -> None:
        self.steps.show_current(index)
        page: QWizardPage | None = self.currentPage()
        if page is not None:
            page.setFocus()

    def accept(self) -> None:  # Finish: export, and keep the window open
        self.finish_requested.emit()

    def reject(self) -> None:  # Escape must not hide an embedded wizard
        return
