"""Small pieces the two workshop views share."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QWidget


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
