"""Small pieces the two workshop views share."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QBoxLayout, QHBoxLayout, QLabel, QWidget


def fit_heading(label: QWidget, scale: float = 1.4) -> None:
    """A heading ``scale`` times the application's text, and bold; set again after a
    change of text size, so that presentation mode enlarges it too. The size is set by a
    style sheet of the label's own (as Home's headings are): under the application's
    style sheet a font set with setFont() is replaced when the widget is polished again,
    which presentation mode does."""
    base = QApplication.font().pointSizeF()
    label.setStyleSheet(f"font-size: {base * scale:.1f}pt; font-weight: bold;")


def show_status(label: QLabel, text: str, error: bool = False) -> None:
    """A view's status line: plain, or as a problem (the style sheet's ``reason``); it
    takes no room while there is nothing to say."""
    label.setObjectName("reason" if error else "pageLead")
    label.style().unpolish(label)  # the style sheet looks at the name again
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


class ReflowRow(QWidget):
    """A row of controls in two groups, the first on the left and the second on the
    right; when the row is too narrow for both (large text, a small screen) the second
    goes under the first rather than squeezing the controls or pushing them off the
    screen. It is never narrower than its wider group."""

    def __init__(self, first: list[QWidget], second: list[QWidget]) -> None:
        super().__init__()
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.groups = (QHBoxLayout(), QHBoxLayout())
        for group, widgets in zip(self.groups, (first, second), strict=True):
            group.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                group.addWidget(widget)
        self.groups[0].addStretch(1)
        self.groups[1].insertStretch(0, 1)  # on a line of its own, still on the right
        self.box.addLayout(self.groups[0], 1)
        self.box.addLayout(self.groups[1])

    def one_line_width(self) -> int:
        gap = max(0, self.box.spacing())
        return self.groups[0].sizeHint().width() + gap + self.groups[1].sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        width = max(g.minimumSize().width() for g in self.groups)
        return QSize(width, self.box.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._arrange(self.width())

    def _arrange(self, width: int) -> None:
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if width >= self.one_line_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self.box.direction() != wanted:
            self.box.setDirection(wanted)
            self.updateGeometry()
