"""The small dialogs of the actions views: recording progress, adding an action.

Each is shown through a module-level ``ask_…`` function, which tests replace (as they do
the dialogs in ``dialogs.py``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.actions import ACTION_STATUS_LABELS, ActionStatus, allowed_moves
from .widgets import DateField, TextBox, name_widget, wrapped_label

NO_CHANGE = ""


@dataclass(frozen=True)
class Progress:
    """What the user recorded: a new status (or None), the date, a note, the reason."""

    status: ActionStatus | None
    on: dt.date
    note: str
    reason: str


class ProgressDialog(QDialog):
    """Record progress on one action: a new status, or a note, or both, dated."""

    def __init__(self, text: str, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record progress")
        self.setModal(True)
        lead = wrapped_label(text, "pageLead")
        self.status = QComboBox()
        name_widget(self.status, "New status", "Leave unchanged to add a note only.")
        self.status.addItem(f"Unchanged ({ACTION_STATUS_LABELS[status].lower()})", NO_CHANGE)
        for move in allowed_moves(status):
            label = {"dropped": "Dropped (say why below)"}.get(move, ACTION_STATUS_LABELS[move])
            self.status.addItem(label, move)
        self.on = DateField(dt.date.today())
        name_widget(self.on, "Date", "The day it happened.")
        self.note = TextBox(lines=3)
        self.note.setTabChangesFocus(True)
        name_widget(self.note, "Note", "What happened, in a line or two.")
        self.note_label = QLabel("&Note")
        self.note_label.setBuddy(self.note)
        status_label = QLabel("New &status")
        status_label.setBuddy(self.status)
        date_label = QLabel("&Date")
        date_label.setBuddy(self.on)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(status_label, self.status)
        form.addRow(date_label, self.on)
        form.addRow(self.note_label, self.note)
        self.problem = wrapped_label("", "reason")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.result_value: Progress | None = None

    def _status_changed(self) -> None:
        dropping = self.status.currentData() == "dropped"
        self.note_label.setText("&Why it is dropped" if dropping else "&Note")
        self.problem.setText("")

    def _accept(self) -> None:
        status = self.status.currentData() or None
        note = self.note.toPlainText().strip()
        on = self.on.value()
        if on is None:
            self.problem.setText("Give the date it happened.")
            return
        if status == "dropped" and not note:
            self.problem.setText("Say why the action is dropped: the paper shows the reason.")
            return
        if status is None and not note:
            self.problem.setText("Choose a new status, or write a note.")
            return
        self.result_value = Progress(
            status=status,
            on=on,
            note="" if status == "dropped" else note,
            reason=note if status == "dropped" else "",
        )
        self.accept()


def ask_progress(parent: QWidget, text: str, status: str) -> Progress | None:
    dialog = ProgressDialog(text, status, parent)
    return dialog.result_value if dialog.exec() else None


@dataclass(frozen=True)
class NewAction:
    text: str
    owner: str
    role: str
    due: dt.date | None


class NewActionDialog(QDialog):
    """An action of the chief executive's own: what, who and by when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add an action")
        self.setModal(True)
        self.text = TextBox(lines=3)
        self.text.setTabChangesFocus(True)
        name_widget(self.text, "Action", "What is to be done.")
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Name of the person")
        name_widget(self.owner, "Owner")
        self.role = QLineEdit()
        self.role.setPlaceholderText("e.g. Director of finance")
        name_widget(self.role, "Role")
        self.due = DateField(None)
        name_widget(self.due, "Due", "When it is due.")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for text, widget in (
            ("&Action", self.text),
            ("&Owner", self.owner),
            ("&Role", self.role),
            ("D&ue", self.due),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.problem = wrapped_label("", "reason")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.result_value: NewAction | None = None

    def _accept(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            self.problem.setText("Say what is to be done.")
            return
        self.result_value = NewAction(
            text, self.owner.text().strip(), self.role.text().strip(), self.due.value()
        )
        self.accept()


def ask_new_action(parent: QWidget) -> NewAction | None:
    dialog = NewActionDialog(parent)
    return dialog.result_value if dialog.exec() else None
