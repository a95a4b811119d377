"""The actions of the open decision: who owns each condition and safeguard, when it is
due, and what has happened to it.

:class:`DecisionActionsModel` wraps the open decision (a
:class:`~.document.DecisionDocument`): it fits the actions to the recommendation as the
answers change (domain/actions.py) and makes every change through the document, so it
is saved, autosaved and undone-by-closing like any other edit. :class:`ActionsView`
shows it and listens to it; it never reaches into the wizard.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.actions import (
    ACTION_STATUS_LABELS,
    Action,
    ActionError,
    add_note,
    edit_action,
    find_action,
    move_action,
    new_action,
    remove_action,
    replaced,
)
from . import action_dialogs, dialogs, style
from .document import DecisionDocument
from .record_table import (
    RecordsModel,
    choose_a_row_on_focus,
    heading_label,
    overdue_cell,
    records_table,
    selected_record,
)
from .view import View
from .widgets import (
    DateField,
    PageScrollArea,
    TextBox,
    fit_columns,
    name_widget,
    wrapped_label,
)

Index = QModelIndex | QPersistentModelIndex
#: What each column shows whole (the action takes what is left; the rest is cut short
#: with "…" and shown whole in its tooltip).
SAMPLES = [
    "99",
    "",
    "Dr Tom Ellery (Chief…",
    "30 Sept 2026 (overdue)",
    "In progress",
    "30 Sept 2026: booked…",
]
DUE_COLUMN = 3


def long_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def short_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def latest_text(action: Action) -> str:
    update = action.latest
    if update is None:
        return ""
    note = update.note.strip()
    if update.status is not None and (not note or note == action.reason):
        note = f"marked {ACTION_STATUS_LABELS[update.status].lower()}"
    return f"{short_date(update.on)}: {note}"


def who() -> str:
    from ..services.register.library import current_user

    return current_user()


class DecisionActionsModel(RecordsModel):
    """The open decision's actions as a table, and every change to them."""

    HEADINGS = ("", "Action", "Owner", "Due", "Status", "Latest update")
    #: Why the rulebook's suggestions cannot be shown yet ("" when they are).
    problem_changed = Signal(str)
    #: A change was refused: the reason in one sentence.
    refused = Signal(str)

    def __init__(
        self,
        doc: DecisionDocument,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.today = today
        self.problem = ""
        self.rows: list[Action] = []
        doc.changed.connect(self.refit)
        self.refit()

    # ---- fitting to the recommendation --------------------------------------------------
    def refit(self) -> None:
        """Fit the actions to the recommendation the answers give now (quick: no search
        for what would change it), without marking the decision as changed."""
        from ..errors import SysLeadError
        from ..services.workflow import assess_decision

        decision = self.doc.decision
        try:
            fitted = assess_decision(decision, self.doc.loaded).decision
        except SysLeadError:
            problem = (
                "The actions the rulebook suggests appear once every question is answered; "
                "you can add actions of your own meanwhile."
            )
        else:
            problem = ""
            self.doc.set_follow_up(actions=fitted.actions, measures=fitted.measures, touch=False)
        self._show(problem)

    def _show(self, problem: str) -> None:
        rows = list(self.doc.decision.actions)
        if rows != self.rows:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
        if problem != self.problem:
            self.problem = problem
            self.problem_changed.emit(problem)

    # ---- changes ------------------------------------------------------------------------
    def _apply(self, change: Callable[[list[Action]], list[Action]]) -> bool:
        try:
            actions = change(list(self.doc.decision.actions))
        except ActionError as exc:
            self.refused.emit(str(exc)[:1].upper() + str(exc)[1:] + ".")
            return False
        self.doc.set_follow_up(actions=actions)
        self._show(self.problem)
        return True

    def _one(self, action_id: str, change: Callable[[Action], Action]) -> bool:
        return self._apply(lambda acts: replaced(acts, change(find_action(acts, action_id))))

    def edit(self, action_id: str, **changes: Any) -> bool:
        """Change an action's text, owner (``owner_name``, ``owner_role``) or ``due``."""
        current = find_action(self.rows, action_id)
        trial = edit_action(current, **changes) if changes else current
        if trial == current:
            return True
        return self._one(action_id, lambda a: edit_action(a, **changes))

    def record(
        self,
        action_id: str,
        on: dt.date,
        *,
        status: str | None = None,
        note: str = "",
        reason: str = "",
    ) -> bool:
        """A move to a new ``status`` (with its note, or the reason for dropping), or a
        progress note alone."""
        by = who()

        def change(action: Action) -> Action:
            if status is not None:
                return move_action(action, status, on, by=by, note=note, reason=reason)  # type: ignore[arg-type]
            return add_note(action, on, note, by=by)

        return self._one(action_id, change)

    def add(self, text: str, owner: str = "", role: str = "", due: dt.date | None = None) -> str:
        """An action of one's own; its id ("" if refused)."""
        made: list[str] = []

        def change(acts: list[Action]) -> list[Action]:
            action = new_action(acts, text, owner=owner, role=role, due=due)
            made.append(action.id)
            return [*acts, action]

        return made[0] if self._apply(change) else ""

    def remove(self, action_id: str) -> bool:
        return self._apply(lambda acts: remove_action(acts, action_id))

    # ---- the table ------------------------------------------------------------------------
    def text(self, action: Action, column: int) -> str:
        if column == 0:
            return str(self.rows.index(action) + 1)
        if column == 1:
            return action.text
        if column == 2:
            return action.owner.text() or "No owner"
        if column == DUE_COLUMN:
            late = " (overdue)" if action.overdue(self.today()) else ""
            return (short_date(action.due) or "Not set") + late
        if column == 4:
            return action.status_label
        return latest_text(action)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and column == 4 and action.reason:
                return f"Dropped: {action.reason}"
            return self.text(action, column)
        if role == Qt.ItemDataRole.UserRole:
            return action
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == DUE_COLUMN and action.overdue(self.today()):
                return overdue_cell(role)
            if action.status in ("done", "dropped"):
                return QBrush(QColor(style.SECONDARY))
        if role == Qt.ItemDataRole.FontRole and column == DUE_COLUMN:
            return overdue_cell(role) if action.overdue(self.today()) else None
        return None

    def key_of(self, record: Action) -> str:
        return record.id


class ActionsView(View):
    """The open decision's actions: a table, and the chosen action to edit."""

    view_id: ClassVar[str] = "decision-actions"
    title: ClassVar[str] = "Actions"
    #: It edits the open decision: the window's Save and Save As apply to it.
    edits_document: ClassVar[bool] = True

    back_requested = Signal()

    def __init__(self, model: DecisionActionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName("actionsView")
        self.setAccessibleName("Actions of this decision")
        self._filling = False

        heading = heading_label("Actions")
        self.subject = wrapped_label("", "pageLead")
        lead = wrapped_label(
            "Name who owns each condition and safeguard and when it is due, and record "
            "progress as it happens. The board paper lists them; the review paper reports "
            "on them.",
            "pageLead",
        )
        self.lead = lead
        self.problem = wrapped_label("", "warning")
        self.problem.setVisible(False)

        self.table = records_table(model, "Actions")
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)  # its width shares out the columns

        # the chosen action
        self.editor = QGroupBox("The chosen action")
        self.text = TextBox(lines=2)
        self.text.setTabChangesFocus(True)
        name_widget(self.text, "Action", "What is to be done; your words or the rulebook's.")
        self.origin = wrapped_label("", "pageLead")
        self.origin.setTextFormat(Qt.TextFormat.PlainText)
        self.reword = QPushButton("Use the &rulebook's wording")
        name_widget(self.reword, "Use the rulebook's wording")
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Name of the person")
        name_widget(self.owner, "Owner", "The person who owns the action.")
        self.role = QLineEdit()
        name_widget(self.role, "Role", "Their role; the rulebook's role by default.")
        self.due = DateField(None)
        name_widget(self.due, "Due", "When it is due; suggested from the meeting date.")
        self.due_hint = wrapped_label("", "pageLead")
        self.status = QLabel()
        self.status.setAccessibleName("Status")
        self.progress = QTextBrowser()
        self.progress.setAccessibleName("Progress")
        self.progress.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.progress.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.record_button = QPushButton("Record &progress…")
        name_widget(self.record_button, "Record progress", "A new status, a dated note, or both.")
        self.delete_button = QPushButton("&Delete action")
        name_widget(
            self.delete_button,
            "Delete action",
            "Only an action of your own with no progress can be deleted.",
        )
        self.progress.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        origin_row = QHBoxLayout()
        origin_row.addWidget(self.origin, 1)
        origin_row.addWidget(self.reword)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due)
        due_row.addWidget(self.due_hint, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.record_button)
        status_row.addWidget(self.delete_button)
        form = QFormLayout()
        for caption, field in (
            ("&Action", self.text),
            ("", origin_row),
            ("&Owner", self.owner),
            ("Ro&le", self.role),
            ("D&ue", due_row),
            ("Status", status_row),
            ("Progress", self.progress),
        ):
            buddy = {"&Action": self.text, "&Owner": self.owner, "Ro&le": self.role}.get(
                caption, self.due
            )
            label = QLabel(caption)
            if "&" in caption:
                label.setBuddy(buddy)
            form.addRow(label, field)
        box = QVBoxLayout(self.editor)
        box.addLayout(form)
        self.scroller = PageScrollArea(self.editor)

        self.add_button = QPushButton("Add an action of &your own…")
        name_widget(self.add_button, "Add an action of your own")
        self.back_button = QPushButton("&Back to the decision")
        name_widget(self.back_button, "Back to the decision")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)

        line = self.fontMetrics().lineSpacing()
        self.table.setMinimumHeight(line * 4)
        self.scroller.setMinimumHeight(line * 4)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.scroller)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([500, 500])  # shares of the room, scaled to it when shown
        self.split = split

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.subject, 1)
        layout.addLayout(top)
        layout.addWidget(lead)
        layout.addWidget(self.problem)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

        self.text.installEventFilter(self)  # the text is committed when the field is left
        self.table.doubleClicked.connect(lambda _i: self.text.setFocus())
        self.owner.editingFinished.connect(lambda: self._edit(owner_name=self.owner.text()))
        self.role.editingFinished.connect(lambda: self._edit(owner_role=self.role.text()))
        self.due.value_changed.connect(lambda day: self._edit(due=day))
        self.reword.clicked.connect(self._use_rulebook_wording)
        self.record_button.clicked.connect(self.record_progress)
        self.delete_button.clicked.connect(self.delete_selected)
        self.add_button.clicked.connect(self.add_own)
        self.back_button.clicked.connect(self.back_requested)
        model.modelReset.connect(self._reselect)
        model.problem_changed.connect(self._show_problem)
        model.refused.connect(lambda reason: dialogs.show_error(self, "Not changed", reason))
        model.doc.path_changed.connect(self._show_subject)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._fill())
        self._selected_id = ""
        self._show_subject()
        self._show_problem(model.problem)
        self._size_columns()
        self._reselect()

    # ---- the View interface -------------------------------------------------------------
    def window_title(self) -> str:
        return f"Actions: {self.model.doc.display_name}[*]"

    def deactivated(self) -> None:
        self._commit_text()

    def activated(self) -> None:
        self.model.refit()
        self._show_subject()
        self._reselect()
        self.table.setFocus()

    # ---- layout -------------------------------------------------------------------------
    def _size_columns(self) -> None:
        fit_columns(self.table, SAMPLES, stretch=1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # on a short screen (a laptop at 200%) the table and the chosen action need the room
        self.lead.setVisible(event.size().height() > self.fontMetrics().lineSpacing() * 24)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._size_columns()
        choose_a_row_on_focus(self.table, watched, event)
        if watched is self.text and event.type() == QEvent.Type.FocusOut:
            self._commit_text()
        return super().eventFilter(watched, event)

    # ---- listening to the model ---------------------------------------------------------
    def _show_subject(self) -> None:
        title = self.model.doc.decision.framing.title.strip() or "Untitled decision"
        self.subject.setText(f"for “{title}”")
        self.title_changed.emit()

    def _show_problem(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def _reselect(self) -> None:
        row = self.model.row_of(self._selected_id) if self._selected_id else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._fill()

    def selected(self) -> Action | None:
        chosen: Action | None = selected_record(self.table)
        return chosen

    def select(self, action_id: str) -> bool:
        row = self.model.row_of(action_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _fill(self) -> None:
        action = self.selected()
        self._selected_id = action.id if action else self._selected_id
        self.editor.setEnabled(action is not None)
        self._filling = True
        try:
            if action is None:
                for field in (self.owner, self.role):
                    field.clear()
                self.text.clear()
                self.origin.clear()
                self.progress.clear()
                self.status.clear()
                self.due_hint.clear()
                return
            if self.text.toPlainText() != action.text:
                self.text.setPlainText(action.text)
            self.owner.setText(action.owner.name)
            self.role.setText(action.owner.role)
            self.due.set_value(action.due)
            origin = action.origin
            if origin is None:
                self.origin.setText("An action of your own.")
            elif action.edited():
                self.origin.setText(f"The rulebook's wording: {origin.text}")
            else:
                self.origin.setText(f"As the rulebook words it (safeguard {origin.safeguard}).")
            self.reword.setVisible(origin is not None and action.edited())
            hint = ""
            if origin is not None:
                hint = f"The rulebook's timing: {origin.timing.lower()}"
                if origin.due and origin.due != action.due:
                    hint += f" (suggested: {long_date(origin.due)})"
            self.due_hint.setText(hint)
            self.due_hint.setVisible(bool(hint))
            late = " · overdue" if action.overdue(self.model.today()) else ""
            status = action.status_label + late
            if action.status == "dropped":
                status += f": {action.reason}"
            self.status.setText(status)
            self.progress.setHtml(_progress_html(action))
            self.delete_button.setEnabled(not action.suggested and not action.updates)
        finally:
            self._filling = False

    # ---- edits --------------------------------------------------------------------------
    def _edit(self, **changes: Any) -> None:
        action = self.selected()
        if self._filling or action is None:
            return
        self.model.edit(action.id, **changes)

    def _commit_text(self) -> None:
        action = self.selected()
        if self._filling or action is None:
            return
        text = self.text.toPlainText().strip()
        if text != action.text:
            self.model.edit(action.id, text=text)

    def _use_rulebook_wording(self) -> None:
        action = self.selected()
        if action is not None and action.origin is not None:
            self.model.edit(action.id, text=action.origin.text)

    def record_progress(self) -> None:
        action = self.selected()
        if action is None:
            return
        got = action_dialogs.ask_progress(self, action.text, action.status)
        if got is not None:
            self.model.record(
                action.id, got.on, status=got.status, note=got.note, reason=got.reason
            )

    def add_own(self) -> None:
        got = action_dialogs.ask_new_action(self)
        if got is None:
            return
        made = self.model.add(got.text, got.owner, got.role, got.due)
        if made:
            self.select(made)
            self.owner.setFocus()

    def delete_selected(self) -> None:
        action = self.selected()
        if action is not None:
            self.model.remove(action.id)


def _progress_html(action: Action) -> str:
    if not action.updates:
        return "<p>No progress recorded yet.</p>"
    esc = html.escape
    rows = []
    for update in reversed(action.updates):
        what = ACTION_STATUS_LABELS[update.status] if update.status else ""
        who_by = f" ({esc(update.by)})" if update.by else ""
        note = esc(update.note)
        text = f"<b>{esc(what)}</b>{': ' if what and note else ''}{note}"
        rows.append(f"<p>{esc(long_date(update.on))}{who_by}: {text}</p>")
    return "".join(rows)
