"""The small dialogs of the actions views: recording progress, adding an action.

Each is shown through a module-level ``ask_…`` function, which tests replace (as they do
the dialogs in ``dialogs.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
from ..services.actions import ActionRequest
from .widgets import DateField, ProblemLine, TextBox, name_widget, wrapped_label

NO_CHANGE = ""


def labelled_form(rows: list[tuple[str, QWidget]]) -> QFormLayout:
    """A form of ``(label with its &letter, field)`` rows, each label its field's buddy."""
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    for text, widget in rows:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)
    return form


def run_dialog(dialog: QDialog) -> bool:
    """Show ``dialog`` at the size it asks for (Qt would hold a new window to two thirds
    of the screen, squeezing its fields at 200%), within the screen, and wait."""
    dialog.ensurePolished()
    dialog.adjustSize()
    screen = dialog.screen().availableGeometry().size()
    dialog.resize(dialog.sizeHint().expandedTo(dialog.size()).boundedTo(screen))
    return bool(dialog.exec())


def finish_dialog(
    dialog: QDialog, form: QFormLayout, accept: Callable[[], None], lead: QLabel | None = None
) -> tuple[QLabel, QDialogButtonBox]:
    """Lay ``dialog`` out: the lead, the form, a line for what is wrong, OK and Cancel
    (OK runs ``accept``, which accepts the dialog or says what is wrong)."""
    problem = ProblemLine()
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    if lead is not None:
        layout.addWidget(lead)
    layout.addLayout(form)
    layout.addWidget(problem)
    layout.addWidget(buttons)
    return problem, buttons


@dataclass(frozen=True)
class Progress:
    """What the user recorded: a new status (or None), the date, a note, the reason."""

    status: ActionStatus | None
    on: dt.date
    note: str
    reason: str

    def request(self, action: str, by: str) -> ActionRequest:
        return ActionRequest(
            action=action, on=self.on, by=by, status=self.status, note=self.note, reason=self.reason
        )


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
        form = labelled_form(
            [("New &status", self.status), ("&Date", self.on), ("&Note", self.note)]
        )
        note_label = form.labelForField(self.note)
        assert isinstance(note_label, QLabel)
        self.note_label: QLabel = note_label
        problem, buttons = finish_dialog(self, form, self._accept, lead)
        self.problem: QLabel = problem
        self.buttons: QDialogButtonBox = buttons
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
    return dialog.result_value if run_dialog(dialog) else None


@dataclass(frozen=True)
class NewAction:
    text: str
    owner: str
    role: str
    due: dt.date | None

    def request(self, _action: str, by: str) -> ActionRequest:
        """A new action for the decision (``_action``, the one chosen, only says which)."""
        return ActionRequest(
            action=None,
            on=dt.date.today(),
            by=by,
            text=self.text,
            owner=self.owner,
            role=self.role,
            due=self.due,
        )


class NewActionDialog(QDialog):
    """An action of the chief executive's own: what, who and by when."""

    def __init__(self, parent: QWidget | None = None, for_decision: str = "") -> None:
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
        form = labelled_form(
            [
                ("&Action", self.text),
                ("&Owner", self.owner),
                ("&Role", self.role),
                ("D&ue", self.due),
            ]
        )
        lead = wrapped_label(f"For “{for_decision}”", "pageLead") if for_decision else None
        problem, _buttons = finish_dialog(self, form, self._accept, lead)
        self.problem: QLabel = problem
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


def ask_new_action(parent: QWidget, for_decision: str = "") -> NewAction | None:
    dialog = NewActionDialog(parent, for_decision)
    return dialog.result_value if run_dialog(dialog) else None


@dataclass(frozen=True)
class ActionChange:
    """A new owner or due date for an action of an issued decision, and why."""

    owner: str
    role: str
    due: dt.date | None
    on: dt.date
    note: str

    def request(self, action: str, by: str) -> ActionRequest:
        return ActionRequest(
            action=action,
            on=self.on,
            by=by,
            note=self.note,
            owner=self.owner,
            role=self.role,
            due=self.due,
        )


class ChangeDialog(QDialog):
    """Who owns an action now and when it is due; the change goes into its progress."""

    def __init__(
        self, text: str, owner: str, role: str, due: dt.date | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change owner or due date")
        self.setModal(True)
        self._was = (owner, role, due)
        lead = wrapped_label(text, "pageLead")
        lead.setToolTip(
            "The board was shown who owns it and when it is due: the change is recorded in "
            "its progress, dated, with what it was before."
        )
        self.owner = QLineEdit(owner)
        self.owner.setPlaceholderText("Name of the person")
        name_widget(self.owner, "Owner", "The person who owns the action now.")
        self.role = QLineEdit(role)
        name_widget(self.role, "Role")
        self.due = DateField(due)
        name_widget(self.due, "Due", "When it is due now.")
        self.on = DateField(dt.date.today())
        name_widget(self.on, "Date of the change")
        self.note = TextBox(lines=3)
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Recorded in its progress, with what it was before")
        name_widget(self.note, "Why", "Recorded with the change, e.g. 'the ICB asked for March'.")
        form = labelled_form(
            [
                ("&Owner", self.owner),
                ("&Role", self.role),
                ("D&ue", self.due),
                ("&Date of the change", self.on),
                ("&Why", self.note),
            ]
        )
        problem, _buttons = finish_dialog(self, form, self._accept, lead)
        self.problem: QLabel = problem
        self.result_value: ActionChange | None = None

    def _accept(self) -> None:
        owner, role = " ".join(self.owner.text().split()), " ".join(self.role.text().split())
        due, on = self.due.value(), self.on.value()
        if on is None:
            self.problem.setText("Give the date of the change.")
            return
        if (owner, role, due) == self._was:
            self.problem.setText("Nothing has changed: give a new owner or a new due date.")
            return
        self.result_value = ActionChange(owner, role, due, on, self.note.toPlainText().strip())
        self.accept()


def ask_change(
    parent: QWidget, text: str, owner: str, role: str, due: dt.date | None
) -> ActionChange | None:
    dialog = ChangeDialog(text, owner, role, due, parent)
    return dialog.result_value if run_dialog(dialog) else None
