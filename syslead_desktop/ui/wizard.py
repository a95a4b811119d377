"""The QWizard, built page by page from the rulebook; it only asks the flow model."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QEvent, QMargins, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QKeyEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

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


def first_field(page: QWidget) -> QWidget:
    """What the focus goes to on a page that has just been shown: its first field, where
    Tab would go first (so typing straight after Next goes into the decision's title), or
    the page itself if it has none (the welcome page)."""
    candidate: QWidget | None = page.nextInFocusChain()
    while candidate is not None and candidate is not page and page.isAncestorOf(candidate):
        if (
            candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
            and candidate.isVisibleTo(page)
            and candidate.isEnabled()
        ):
            return candidate.focusProxy() or candidate
        candidate = candidate.nextInFocusChain()
    return page


class StepButton(QAbstractButton):
    """One step in the side panel: a button (so a screen reader hears "3. Agreed success
    definition, button"), drawn as its wrapping label. Enabled once the step can be
    reached; clicking it, or Enter or Space, goes there."""

    def __init__(self, number: int, title: str):
        super().__init__()
        text = f"{number}. {title}"
        self.setText(text.replace("&", "&&"))  # no mnemonic from a title's own '&'
        self.label = QLabel(text)
        self.label.setObjectName("stepLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # As narrow as its label can wrap to: a button is never narrower than its one-line
        # width by default, which made the column wider than the panel, so it scrolled
        # sideways and cut the current step's highlight off at the right.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:
        return  # the label draws the step

    def set_state(self, **states: bool) -> None:
        """Style properties of the label, re-polished: "current", "done" and "keyfocus"
        (not "focus": QWidget has a read-only property of that name)."""
        for name, on in states.items():
            self.label.setProperty(name, on)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.set_state(keyfocus=True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.set_state(keyfocus=False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.click()
            return
        super().keyPressEvent(event)


class StepList(QWidget):
    """The side panel: every step, the current one highlighted, each one already reached
    a button that goes back (or on) to it. One Tab stop, the current step; the arrow
    keys move between the steps that can be reached. It scrolls rather than squeeze a
    step's name when the window is too short for them all."""

    step_chosen = Signal(int)

    def __init__(self, flow: WizardFlow):
        super().__init__()
        self.setObjectName("sidePanel")
        self.flow = flow
        inner = QWidget()
        inner.setObjectName("stepColumn")
        column = QVBoxLayout(inner)
        column.setSpacing(max(1, self.fontMetrics().lineSpacing() // 8))
        self.buttons: list[StepButton] = []
        for number, step in enumerate(flow.steps, start=1):
            button = StepButton(number, step.title)
            button.clicked.connect(lambda _c=False, i=number - 1: self.step_chosen.emit(i))
            button.installEventFilter(self)
            column.addWidget(button)
            self.buttons.append(button)
        column.addStretch(1)
        self.scroller = QScrollArea()  # not .scroll: that is QWidget.scroll()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller)
        self.current = 0
        self._fit_width()

    @property
    def labels(self) -> list[QLabel]:
        return [button.label for button in self.buttons]

    def _fit_width(self) -> None:
        self.setMinimumWidth(self._width_for(self.flow))

    def _width_for(self, flow: WizardFlow) -> int:
        """Room for 24 average characters, and at least for the number and any one word of
        a step's name in bold (the current step), so a name wraps between words, never
        leaves its number alone on a line, and is never cut; and for the scroll bar, which
        shows when the window is too short for every step."""
        # The panel's own font: on a change of text size (presentation mode) the panel
        # hears of it before its labels do, so theirs would still be the old size.
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        widest = max(
            metrics.horizontalAdvance(f"{number}. {word}")
            for number, step in enumerate(flow.steps, start=1)
            for word in step.title.split()
        )
        padding = 2 * math.ceil(0.6 * metrics.height())  # the labels' 0.6em each side
        inner = self.scroller.widget()
        inner_layout = inner.layout() if inner is not None else None
        margins = inner_layout.contentsMargins() if inner_layout is not None else QMargins()
        bar = self.scroller.verticalScrollBar().sizeHint().width()
        chrome = padding + margins.left() + margins.right() + metrics.averageCharWidth() + bar
        return max(self.fontMetrics().averageCharWidth() * 24, widest + chrome)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_width()  # presentation mode: larger text, a wider panel

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scroller.ensureWidgetVisible(self.buttons[self.current])  # never half hidden

    def show_current(self, index: int, reachable: int | None = None) -> None:
        """Highlight step ``index``; steps up to ``reachable`` (all if None) can be chosen."""
        self.current = index
        last = len(self.buttons) - 1 if reachable is None else max(reachable, index)
        for i, button in enumerate(self.buttons):
            button.setEnabled(i <= last)
            policy = Qt.FocusPolicy.StrongFocus if i == index else Qt.FocusPolicy.ClickFocus
            button.setFocusPolicy(policy)
            button.setToolTip(
                "The page you are on"
                if i == index
                else ("Go to this page" if i <= last else "Complete the pages before it first")
            )
            button.setAccessibleDescription(button.toolTip())
            button.set_state(current=i == index, done=i < index)
        self.scroller.ensureWidgetVisible(self.buttons[index])

    MOVES: ClassVar[dict[Qt.Key, int]] = {
        Qt.Key.Key_Up: -1,
        Qt.Key.Key_Down: 1,
        Qt.Key.Key_Home: -99,
        Qt.Key.Key_End: 99,
    }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down (Home and End) move between the steps that can be reached. (A
        button's own arrows would go to the next widget, the scroll area's would scroll.)"""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and watched in self.buttons
            and event.key() in self.MOVES
            and not event.modifiers()
        ):
            enabled = [b for b in self.buttons if b.isEnabled()]
            at = enabled.index(watched) + self.MOVES[Qt.Key(event.key())]
            target = enabled[min(max(at, 0), len(enabled) - 1)]
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroller.ensureWidgetVisible(target)
            return True
        return super().eventFilter(watched, event)


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
        finish_page = self.pages.get("finish")
        if finish_page is not None:  # its Open PDF button sits with the wizard's own
            self.setButton(QWizard.WizardButton.CustomButton1, finish_page.open_button)  # type: ignore[attr-defined]
            self.setButtonLayout(
                [
                    QWizard.WizardButton.Stretch,
                    QWizard.WizardButton.CustomButton1,
                    QWizard.WizardButton.BackButton,
                    QWizard.WizardButton.NextButton,
                    QWizard.WizardButton.FinishButton,
                ]
            )
        self.steps = StepList(flow)
        self.steps.step_chosen.connect(self.go_to)
        self.setSideWidget(self.steps)
        self.currentIdChanged.connect(self._on_page)
        doc.changed.connect(self._update_steps)

    def page_for(self, step_id: str) -> FlowPage:
        return self.pages[step_id]

    def nextId(self) -> int:
        page = self.currentPage()
        if not isinstance(page, FlowPage):
            return -1
        following = self.flow.next_id(page.step_id)
        return -1 if following is None else self.flow.index(following)

    def reachable(self) -> int:
        """The furthest step that Next could reach now: every step before it is complete."""
        first = self.flow.first_incomplete(self.doc.decision)
        return len(self.flow.steps) - 1 if first is None else self.flow.index(first)

    def go_to(self, index: int) -> bool:
        """Go to step ``index`` through the steps between, as Back and Next would (so each
        page is prepared as usual); False if a step on the way is not complete."""
        while self.currentId() > index:
            self.back()
        while self.currentId() < index:
            before = self.currentId()
            self.next()  # refused on an incomplete page: see validateCurrentPage
            if self.currentId() == before:
                return False
        return True

    def _update_steps(self) -> None:
        if self.currentId() >= 0:
            self.steps.show_current(self.currentId(), self.reachable())

    def _on_page(self, index: int) -> None:
        self.steps.show_current(index, self.reachable())
        open_pdf = self.button(QWizard.WizardButton.CustomButton1)
        if open_pdf is not None:
            open_pdf.setVisible(self.currentPage() is self.pages.get("finish"))
        page: QWizardPage | None = self.currentPage()
        if page is not None:
            field = first_field(page)
            field.setFocus(Qt.FocusReason.TabFocusReason)
            if isinstance(field, QLineEdit):
                field.end(False)  # typing goes on from the end, as on a click after the text

    def validateCurrentPage(self) -> bool:
        """QWizard.next() leaves an incomplete page too: only the Next button's state
        guards it, and a click that arrives late (a mnemonic's click lands 100 ms after
        the key, later on a busy machine) goes through after the button is disabled."""
        page = self.currentPage()
        return page is not None and page.isComplete() and super().validateCurrentPage()

    def accept(self) -> None:  # Finish: export, and keep the window open
        self.finish_requested.emit()

    def reject(self) -> None:  # Escape must not hide an embedded wizard
        return
