"""The window's busy indicator: what background work is running, how far it has got,
and a way to cancel it where that makes sense.

It sits at the right of the status bar and listens to the operation helper
(:mod:`.operations`): while any operation started by something in its window runs for
longer than ``SHOW_AFTER_MS`` (quick work never makes it flicker), it shows the work's
label ("Writing scanning-capacity.pdf…"), a progress bar (a count when the work reports
one, moving otherwise) and, for work that can be cancelled, a Cancel button; Escape
cancels too. When several run at once it shows the one that can be cancelled (the
newest first) and how many others there are.

Kept small and free of the engine: it is on screen from the first page, so the
rulebook's check at start-up shows in it too."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from .operations import Operation, operations_changed, operations_progressed, running_operations

SHOW_AFTER_MS = 400  # work that ends sooner than this never shows the indicator


def describe(op: Operation[Any]) -> str:
    """What the indicator says for ``op``: its label as a sentence, "Working" if none."""
    label = op.label.strip() or "Working"
    return label[0].upper() + label[1:].rstrip(".…") + "…"


class BusyIndicator(QWidget):
    """Shows the background work of ``window`` (see the module)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.shown_op: Operation[Any] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self._fit_bar()
        self.bar.setAccessibleName("Background work")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("statusButton")  # compact: see style.py
        self.cancel_button.setAccessibleName("Cancel the background work")
        self.cancel_button.clicked.connect(self.cancel)
        for part in (self.label, self.bar, self.cancel_button):  # each no wider than it needs
            part.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        #: Escape cancels too, but only while there is something to cancel (otherwise
        #: the key goes on to whatever has the focus).
        self.cancel_action = QAction("Cancel the Background Work", window)
        self.cancel_action.setShortcuts([QKeySequence("Esc")])
        self.cancel_action.setEnabled(False)
        self.cancel_action.triggered.connect(self.cancel)
        window.addAction(self.cancel_action)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(SHOW_AFTER_MS)
        self._delay.timeout.connect(self.refresh)
        self.setVisible(False)
        operations_changed().connect(self._on_changed)
        operations_progressed().connect(self._on_progress)

    def _fit_bar(self) -> None:
        """The bar one line of text high, like the status bar's text, in any text size."""
        metrics = self.fontMetrics()  # the indicator's own: its change arrives first
        self.bar.setMaximumSize(metrics.averageCharWidth() * 14, metrics.height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_bar()  # presentation mode: larger text, a larger bar

    # ---- what runs ----------------------------------------------------------------------
    def operations(self) -> list[Operation[Any]]:
        """The running operations started by something in this window, oldest first."""
        return [op for op in running_operations() if op.belongs_to(self._window)]

    def _choose(self, ops: list[Operation[Any]]) -> Operation[Any]:
        cancellable = [op for op in ops if op.is_cancellable and not op.cancel_requested]
        return (cancellable or ops)[-1]

    def refresh_later(self) -> None:
        """Catch up with work already running (the indicator was made after it began)."""
        self._on_changed()

    def _on_changed(self) -> None:
        ops = self.operations()
        if not ops:
            self._delay.stop()
            self.shown_op = None
            self.setVisible(False)
            self.cancel_action.setEnabled(False)
        elif self.isVisible():
            self.refresh()
        elif not self._delay.isActive():
            self._delay.start()

    def _on_progress(self, op_id: int) -> None:
        if self.shown_op is not None and self.shown_op.id == op_id and self.isVisible():
            self._show_progress(self.shown_op)

    def refresh(self) -> None:
        """Show what runs now (called once the delay is over, and on every change)."""
        ops = self.operations()
        if not ops:
            self._on_changed()
            return
        op = self.shown_op = self._choose(ops)
        text = "Cancelling…" if op.cancel_requested else describe(op)
        others = len(ops) - 1
        if others:
            text += f" (and {others} more)"
        self.label.setText(text)
        self.setToolTip("\n".join(describe(o) for o in ops))
        can_cancel = op.is_cancellable and not op.cancel_requested
        self.cancel_button.setVisible(op.is_cancellable)
        self.cancel_button.setEnabled(can_cancel)
        self.cancel_button.setAccessibleName(f"Cancel: {describe(op)}")
        self.cancel_button.setToolTip(f"Stop {describe(op).lower()} (Esc)")
        self.cancel_action.setEnabled(can_cancel)
        self.bar.setAccessibleDescription(describe(op))
        self._show_progress(op)
        self.setVisible(True)

    def _show_progress(self, op: Operation[Any]) -> None:
        progress = op.last_progress
        if progress.total > 0:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(min(progress.done, progress.total))
        else:
            self.bar.setRange(0, 0)  # moving: no count to show

    # ---- cancelling -----------------------------------------------------------------------
    def cancel(self) -> None:
        """Cancel the work shown (if it can be); it ends at its next check."""
        op = self.shown_op
        if op is None or not op.is_cancellable or not op.running:
            return
        op.cancel()
        self.refresh()
