"""Alt+letter never types a letter into a text field.

On Linux a key press with Alt that no shortcut takes goes on to the focused field, and
Qt's text fields accept it as text: Alt+N on a page that is not complete yet (Next
disabled) put an "n" into the chief executive's notes, and from there into the board
paper. Windows and GNOME applications type nothing for Alt+letter, and neither do we.
(On macOS Option+letter is how accented characters are typed, so there it is left alone.)

The guard is put on each text field the first time it takes the focus (the application's
``focusChanged`` signal), so it costs nothing per event elsewhere and covers every view
and dialog, whenever its fields are made. Alt with Ctrl (AltGr on Windows) and AltGr on
Linux (not reported as Alt) still type their characters."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

GUARDED = "sysleadAltGuard"  # the property marking a field already guarded


class AltLetterGuard(QObject):
    """Swallows Alt+letter key presses that reach a text field (see the module)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers()
            text = event.text()
            if (
                modifiers & Qt.KeyboardModifier.AltModifier
                and not modifiers & Qt.KeyboardModifier.ControlModifier
                and text
                and text.isprintable()
            ):
                return True
        return False


def _guard_focused(guard: AltLetterGuard, _old: QWidget | None, new: QWidget | None) -> None:
    if isinstance(new, QLineEdit | QPlainTextEdit | QTextEdit) and not new.property(GUARDED):
        new.installEventFilter(guard)
        new.setProperty(GUARDED, True)


def guard_text_fields() -> None:
    """Guard every text field of the application (once per application)."""
    app = QApplication.instance()
    if sys.platform == "darwin" or not isinstance(app, QApplication) or app.property(GUARDED):
        return
    guard = AltLetterGuard(app)
    app.focusChanged.connect(lambda old, new: _guard_focused(guard, old, new))
    app.setProperty(GUARDED, True)
    focused = QApplication.focusWidget()
    _guard_focused(guard, None, focused)
