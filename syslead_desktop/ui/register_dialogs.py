"""The register view's dialog: recording a change in a filed decision's life, above all
the board's resolution as the minutes record it.

Shown through :func:`ask_status`, which tests replace (as they do the dialogs in
``dialogs.py``). The dialog asks only what the chosen move needs (docs/register.md):

- **decided**: the date of the resolution, its outcome (approved, approved with
  amendments, deferred, not approved), the minute reference, the amendments and any
  dissent the minutes note;
- **submitted**: the meeting and its date (a deferred decision going back to a meeting);
- **superseded**: the later decision in the register that replaces it;
- **closed** and **draft**: the date alone.

It checks what it can before the record is touched: the date is given and not before the
decision's last change, an outcome is chosen, a meeting named. The lifecycle itself
(``domain/lifecycle.py``) has the last word when the change is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.lifecycle import TRANSITIONS, StatusRequest, allowed_moves
from ..domain.statuses import OUTCOME_LABELS, OUTCOMES, STATUS_LABELS
from .dialog_fit import FittedDialog
from .widgets import ChoiceRow, DateField, TextBox, name_widget, wrapped_label


@dataclass(frozen=True)
class Filed:
    """What the dialog needs to know of the filed decision."""

    title: str
    status: str
    meeting: str
    meeting_date: dt.date | None
    last_change: dt.date | None
    outcome: str | None = None


#: What each status is called in the dialog's list of moves, most usual first.
MOVE_LABELS = {
    "decided": "Decided: record the board's resolution",
    "submitted": "Submitted: back to a meeting",
    "closed": "Closed: reviewed, no more follow-up",
    "superseded": "Superseded by a later decision",
    "draft": "Draft: withdrawn before the meeting",
}


class StatusDialog(FittedDialog):
    """Record a change of status on a filed decision (most often the board's resolution)."""

    def __init__(
        self,
        filed: Filed,
        by: str,
        later: Sequence[tuple[str, str]] = (),
        meetings: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.filed = filed
        self.setWindowTitle("Record the board's resolution")
        self.setModal(True)
        now = STATUS_LABELS[filed.status].lower()
        lead = wrapped_label(f"“{filed.title}” is {now}.", "pageLead")

        self.change = QComboBox()
        name_widget(self.change, "Change to", "What has happened to the decision.")
        order = list(MOVE_LABELS)
        if filed.outcome == "deferred":  # it comes back to a meeting, as a rule
            order.insert(0, order.pop(order.index("submitted")))
        for to in sorted(allowed_moves(filed.status), key=order.index):
            if to == "submitted" and filed.status == "decided" and filed.outcome != "deferred":
                continue  # only a deferred decision goes back to a meeting
            if to == "superseded" and not later:
                continue  # nothing in the register to supersede it
            self.change.addItem(MOVE_LABELS[to], to)
            self.change.setItemData(
                self.change.count() - 1,
                TRANSITIONS[(filed.status, to)].capitalize(),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.on = DateField(self._default_date("decided"))
        name_widget(self.on, "Date", "The day it happened: for a resolution, the meeting's.")
        self.by = QLineEdit(by)
        self.by.setPlaceholderText("Your name")
        name_widget(self.by, "Recorded by", "Who records it: kept in the decision's history.")

        self.outcome = ChoiceRow(
            "Outcome", "What the board resolved.", list(OUTCOME_LABELS.items()), ""
        )
        self.minute = QLineEdit()
        self.minute.setPlaceholderText("For example: BD/26/142")
        name_widget(self.minute, "Minute reference", "The minute that records the resolution.")
        self.amendments = TextBox(lines=2)
        self.amendments.setTabChangesFocus(True)
        name_widget(self.amendments, "Amendments", "What the board changed, as minuted.")
        self.dissent = TextBox(lines=2)
        self.dissent.setTabChangesFocus(True)
        name_widget(self.dissent, "Dissent noted", "Any dissent the minutes record.")
        self.meeting = QLineEdit(filed.meeting)
        self.meeting.setCompleter(QCompleter(list(meetings), self.meeting))
        name_widget(self.meeting, "Meeting", "The meeting it goes to.")
        # A deferred decision goes to a later meeting; a draft to the one it names.
        self.meeting_date = DateField(filed.meeting_date if filed.status == "draft" else None)
        name_widget(self.meeting_date, "Meeting date", "The date of that meeting.")
        self.later = QComboBox()
        for decision_id, title in later:
            self.later.addItem(f"{title} ({decision_id[:8]})", decision_id)
        name_widget(self.later, "Superseded by", "The later decision that replaces it.")
        self.note = TextBox(lines=2)
        self.note.setTabChangesFocus(True)
        name_widget(self.note, "Note", "A note for the decision's history (optional).")

        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rows: dict[str, QWidget] = {}
        for text, widget in (
            ("&Change to", self.change),
            ("&Date", self.on),
            ("&Outcome", self.outcome),
            ("&Minute reference", self.minute),
            ("&Amendments", self.amendments),
            ("D&issent noted", self.dissent),
            ("M&eeting", self.meeting),
            ("Meeting da&te", self.meeting_date),
            ("&Superseded by", self.later),
            ("&Note", self.note),
            ("Recorded b&y", self.by),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self.form.addRow(label, widget)
            self.rows[text.replace("&", "")] = widget
        self.problem = wrapped_label("", "reason")
        self.problem.setAccessibleName("Problem")
        self.problem.setVisible(False)  # takes no room until there is something to say
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Record")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.form)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addWidget(self.body(content), 1)  # scrolls on a small screen at 200%
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.change.currentIndexChanged.connect(self._move_changed)
        self.result_value: StatusRequest | None = None
        self._move_changed()
        # The focus starts where the secretary starts: the outcome, for a resolution.
        (self.outcome if self.chosen() == "decided" else self.change).setFocus()

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    # ---- the chosen move -----------------------------------------------------------------
    def chosen(self) -> str:
        return str(self.change.currentData() or "")

    def _default_date(self, to: str) -> dt.date:
        """The resolution is dated the day of the meeting, once it has been held."""
        today = dt.date.today()
        meeting = self.filed.meeting_date
        if to == "decided" and meeting is not None and meeting <= today:
            return max(meeting, self.filed.last_change or meeting)
        return max(today, self.filed.last_change or today)

    def _move_changed(self) -> None:
        to = self.chosen()
        shown = {
            "decided": ("Outcome", "Minute reference", "Amendments", "Dissent noted"),
            "submitted": ("Meeting", "Meeting date"),
            "superseded": ("Superseded by",),
        }.get(to, ())
        for name in ("Outcome", "Minute reference", "Amendments", "Dissent noted"):
            self.form.setRowVisible(self.rows[name], name in shown)
        for name in ("Meeting", "Meeting date", "Superseded by"):
            self.form.setRowVisible(self.rows[name], name in shown)
        self.setWindowTitle(
            "Record the board's resolution" if to == "decided" else "Record a change of status"
        )
        self.on.set_value(self._default_date(to))
        self._say("")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(to))
        if not to:
            self._say("Nothing more can be recorded on this decision.")

    def _accept(self) -> None:
        to = self.chosen()
        on = self.on.value()
        problem = ""
        outcome = self.outcome.group.checkedButton()
        last = self.filed.last_change
        if on is None:
            problem = "Give the date."
        elif last is not None and on < last:
            problem = (
                f"The date is before the decision's last change ({last.day} {last:%B %Y}); "
                "its history is kept in date order."
            )
        elif to == "decided" and outcome is None:
            problem = "Choose the outcome the board resolved."
        elif to == "submitted" and not self.meeting.text().strip():
            problem = "Name the meeting it goes to."
        elif to == "submitted" and self.meeting_date.value() is None:
            problem = "Give the date of the meeting it goes to."
        if problem:
            self._say(problem)
            return
        assert on is not None
        fields: dict[str, object] = {}
        if to == "decided":
            fields = {
                "outcome": self.outcome.choice() if outcome is not None else None,
                "minute_reference": self.minute.text().strip(),
                "amendments": self.amendments.toPlainText().strip(),
                "dissent": self.dissent.toPlainText().strip(),
            }
        elif to == "submitted":
            fields = {
                "meeting": self.meeting.text().strip(),
                "meeting_date": self.meeting_date.value(),
            }
        elif to == "superseded":
            fields = {"superseded_by": self.later.currentData()}
        self.result_value = StatusRequest.model_validate(
            {
                "to": to,
                "on": on,
                "by": self.by.text().strip(),
                "note": self.note.toPlainText().strip(),
                **fields,
            }
        )
        self.accept()


def ask_status(
    parent: QWidget,
    filed: Filed,
    by: str,
    later: Sequence[tuple[str, str]] = (),
    meetings: Sequence[str] = (),
) -> StatusRequest | None:
    """The change the user records, or None if they cancel."""
    dialog = StatusDialog(filed, by, later, meetings, parent)
    return dialog.result_value if dialog.exec() else None


def ask_papers(parent: QWidget, folder: str) -> list[Path]:
    """The board papers to file (none if the user cancels)."""
    from PySide6.QtWidgets import QFileDialog

    names, _ = QFileDialog.getOpenFileNames(
        parent, "File board papers in the register", folder, "Board papers (*.pdf)"
    )
    return [Path(name) for name in names]


def ask_log_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to write the decision log: an Excel workbook or a CSV file, by its name."""
    from PySide6.QtWidgets import QFileDialog

    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export the decision log", suggested, "Excel workbook (*.xlsx);;CSV file (*.csv)"
    )
    if not name:
        return None
    target = Path(name)
    if target.suffix.lower() not in (".xlsx", ".csv"):
        target = target.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
    return target


__all__ = ["OUTCOMES", "Filed", "StatusDialog", "ask_log_path", "ask_papers", "ask_status"]
