"""Small pieces the two workshop views share."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget


def fit_heading(label: QWidget, scale: float = 1.4) -> None:
    """A heading ``scale`` times the text around it, and bold (set again after a change
    of text size, so presentation mode enlarges it too)."""
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)


def show_status(label: QLabel, text: str, error: bool = False) -> None:
    """A view's status line: plain, or as a problem (the style sheet's ``reason``)."""
    label.setObjectName("reason" if error else "pageLead")
    label.style().unpolish(label)  # the style sheet looks at the name again
    label.style().polish(label)
    label.setText(text)
