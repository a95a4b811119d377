"""Reusable widgets built from rulebook data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ..domain.rulebook import Citation, Question, Rulebook


def wrapped_label(text: str, object_name: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if object_name:
        label.setObjectName(object_name)
    return label


def name_widget(widget: QWidget, name: str, description: str = "") -> QWidget:
    widget.setAccessibleName(name.replace("&", ""))
    if description:
        widget.setAccessibleDescription(description)
        if not widget.toolTip():
            widget.setToolTip(description)
    return widget


class TextBox(QPlainTextEdit):
    """A plain-text field sized in lines of the current font, so it scales with it."""

    def __init__(self, lines: int):
        super().__init__()
        self.lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        frame = 2 * self.frameWidth() + int(self.document().documentMargin() * 2)
        return QSize(super().sizeHint().width(), metrics.lineSpacing() * self.lines + frame + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.fontMetrics().lineSpacing() * 2)


def text_box(
    name: str, description: str, on_change: Callable[[str], None], text: str = "", lines: int = 3
) -> QPlainTextEdit:
    """A multi-line field that takes any text, where Tab moves on rather than indenting."""
    box = TextBox(lines)
    box.setPlainText(text)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(description)
    box.textChanged.connect(lambda: on_change(box.toPlainText()))
    name_widget(box, name, description)
    return box


def cite_list(rulebook: Rulebook, cites: list[Citation]) -> str:
    return "; ".join(rulebook.cite_text(c) for c in cites)


class QuestionBox(QGroupBox):
    """One rulebook question as a group of radio buttons, least supportive first."""

    answered = Signal(str, str)  # question id, option id

    def __init__(
        self,
        question: Question,
        current: str | None,
        glossary: dict[str, str],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.question = question
        layout = QVBoxLayout(self)
        # A label rather than the group box's own title, so long questions wrap at any
        # text size instead of being cut off.
        self.title_label = wrapped_label(
            question.text + ("  *" if question.required else ""), "questionTitle"
        )
        layout.addWidget(self.title_label)
        if question.help:
            help_label = wrapped_label(question.help, "pageLead")
            help_label.setStyleSheet("font-weight: normal;")
            layout.addWidget(help_label)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QRadioButton] = {}
        for option in question.options:
            button = QRadioButton(option.label)
            description = f"{question.text} {option.help or ''}".strip()
            name_widget(button, f"{option.label}", description)
            if option.help:
                button.setToolTip(option.help)
            button.setChecked(option.id == current)
            button.toggled.connect(
                lambda on, oid=option.id: on and self.answered.emit(question.id, oid)
            )
            self.group.addButton(button)
            self.buttons[option.id] = button
            layout.addWidget(button)
        tip = _glossary_tip(question.text + " " + (question.help or ""), glossary)
        if tip:
            self.setToolTip(tip)
        self.setAccessibleName(question.text)
        if question.help:
            self.setAccessibleDescription(question.help)

    def choose(self, option_id: str) -> None:
        self.buttons[option_id].setChecked(True)


def _glossary_tip(text: str, glossary: dict[str, str]) -> str:
    lowered = text.lower()
    found = [
        f"<b>{term}</b>: {meaning}" for term, meaning in glossary.items() if term.lower() in lowered
    ]
    return "<br/>".join(found)


class WhyPanel(QFrame):
    """The always-visible 'Why this matters' panel with the evidence behind a page."""

    def __init__(
        self, rulebook: Rulebook, text: str, cites: list[Citation], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("whyPanel")
        layout = QVBoxLayout(self)
        title = wrapped_label("Why this matters", "panelTitle")
        layout.addWidget(title)
        body = wrapped_label(text)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        name_widget(body, "Why this matters", text)
        body.setToolTip("")
        layout.addWidget(body)
        if cites:
            source = wrapped_label("Evidence: " + cite_list(rulebook, cites), "pageLead")
            layout.addWidget(source)
        layout.addStretch(1)
