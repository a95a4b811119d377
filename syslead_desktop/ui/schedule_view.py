"""The action schedule: every decision's actions across the register, as the board
secretary follows them up.

:class:`ScheduleModel` reads the register in the background (through the one operation
helper), lists its actions (services/register/actions.py) and applies what the user
asks to see: open ones (the default), overdue ones, or all, by owner and by decision.
:class:`ScheduleView` shows it, highlights what is overdue, records progress on a filed
decision (its record copy is filed beside it, in the background) and exports the
schedule to CSV or XLSX.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..services.register import Library
from ..services.register.actions import ActionEntry
from . import action_dialogs, dialogs, style
from .record_table import (
    RecordsModel,
    choose_a_row_on_focus,
    filter_combo,
    heading_label,
    overdue_cell,
    records_table,
    selected_record,
    status_progress,
)
from .view import View
from .widgets import fit_columns, name_widget, wrapped_label

Index = QModelIndex | QPersistentModelIndex
SHOW = {"open": "Open actions", "overdue": "Overdue actions", "all": "All actions"}
ANY = ""


def _date(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def _latest(a: ActionEntry) -> str:
    """The latest update, dated as the Due column is (the entry's own text, kept for the
    exports, has the ISO date)."""
    return f"{_date(a.latest_on)}: {a.latest_note}".rstrip(": ") if a.latest_on else ""


class Column:
    def __init__(self, title: str, text: Callable[[ActionEntry], str], sample: str) -> None:
        self.title, self.text, self.sample = title, text, sample


COLUMNS = [
    Column(
        "Due",
        lambda a: (_date(a.due) or "Not set") + (" (overdue)" if a.overdue else ""),
        "30 Sept 2026 (overdue)",
    ),
    Column("Action", lambda a: a.text, ""),
    Column("Owner", lambda a: a.owner or "No owner", "Dr Tom Ellery (Chief…"),
    Column("Status", lambda a: a.status_label, "In progress"),
    Column("Latest update", _latest, "8 Dec 2026: booked for…"),
    Column("Decision", lambda a: a.decision.title, "Offer weekend MRI capacity"),
    Column("Agenda item", lambda a: a.decision.agenda_item, "PUB26/12/4.2"),
]
DUE_COLUMN = 0


class ScheduleModel(RecordsModel):
    """The register's actions as a table, with the user's filters applied."""

    HEADINGS = tuple(c.title for c in COLUMNS)

    loading_changed = Signal(bool)
    failed = Signal(str)
    loaded = Signal()

    def __init__(
        self,
        library: Library | None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.today = today
        self.actions: list[ActionEntry] = []  # every action of every decision
        self.rows: list[ActionEntry] = []
        self.show = "open"
        self.owner = ANY
        self.decision = ANY
        self.loading = False
        self.error = ""
        self._op: Any = None

    # ---- loading --------------------------------------------------------------------------
    def load(self) -> None:
        from ..services.register import RegisterIndex
        from ..services.register.actions import register_actions
        from .operations import Operation

        if self.loading:
            return
        if self.library is None:
            self._set_error("No register folder is chosen yet: choose one in Preferences.")
            return
        library, today = self.library, self.today()

        def work(context: Any) -> list[ActionEntry]:
            with RegisterIndex.open(library, lambda *_a: context.check()) as index:
                entries = index.entries(today=today)
            return register_actions(entries, today=today, every=True)

        self.loading, self.error = True, ""
        self.loading_changed.emit(True)
        self._op = (
            Operation(self, work, self._loaded, label="Reading the action schedule")
            .failure(self._set_error)
            .finally_(self._finished)
            .cancellable()
            .run()
        )

    def _finished(self) -> None:
        self.loading, self._op = False, None
        self.loading_changed.emit(False)

    def _set_error(self, message: str) -> None:
        self.error = message
        self.failed.emit(message)

    def _loaded(self, actions: list[ActionEntry]) -> None:
        self.actions = actions
        self._apply()
        self.loaded.emit()

    def set_library(self, library: Library | None) -> None:
        self.library, self.actions = library, []
        self._apply()
        self.load()

    def shutdown(self) -> None:
        if self._op is not None:
            self._op.cancel()

    # ---- filters ----------------------------------------------------------------------------
    def set_filter(self, name: str, value: str) -> None:
        setattr(self, name, value or (ANY if name != "show" else "open"))
        self._apply()

    def owners(self) -> list[str]:
        return sorted({a.owner for a in self.actions if a.owner}, key=str.casefold)

    def decisions(self) -> list[tuple[str, str]]:
        """(register id, title) of every decision that has actions, by title."""
        found = {a.decision.id: a.decision.title for a in self.actions}
        return sorted(found.items(), key=lambda item: item[1].casefold())

    def _keep(self, a: ActionEntry) -> bool:
        from ..services.register.actions import followed

        if self.show != "all" and not (a.live and followed(a.decision)):
            return False
        if self.show == "overdue" and not a.overdue:
            return False
        if self.owner and a.owner != self.owner:
            return False
        return not self.decision or a.decision.id == self.decision

    def _apply(self) -> None:
        self.beginResetModel()
        self.rows = [a for a in self.actions if self._keep(a)]
        self.endResetModel()

    # ---- the table ----------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return COLUMNS[column].text(action)
        if role == Qt.ItemDataRole.UserRole:
            return action
        late = action.overdue and column == DUE_COLUMN
        if late and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            return overdue_cell(role)
        if role == Qt.ItemDataRole.ForegroundRole and not action.live:
            return QBrush(QColor(style.SECONDARY))
        return None

    def key_of(self, record: ActionEntry) -> str:
        return record.key


class ScheduleView(View):
    """The board's action schedule across the register."""

    view_id: ClassVar[str] = "schedule"
    title: ClassVar[str] = "Action schedule"

    #: Record progress on an action of a filed decision: the window does it (the record
    #: copy is made with the rulebook in use and filed in the background).
    progress_requested = Signal(object, object)  # ActionEntry, action_dialogs.Progress
    #: A new owner or due date, the same way.
    change_requested = Signal(object, object)  # ActionEntry, action_dialogs.ActionChange
    #: A new action for the chosen action's decision, the same way.
    add_requested = Signal(object, object)  # ActionEntry, action_dialogs.NewAction
    register_requested = Signal(str)  # show this decision in the register
    preferences_requested = Signal()

    def __init__(self, model: ScheduleModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName("scheduleView")
        heading = heading_label("Action schedule")
        self.where = wrapped_label("", "pageLead")

        self.show_filter = filter_combo("Show")
        for key, label in SHOW.items():
            self.show_filter.addItem(label, key)
        self.owner_filter = filter_combo("Filter by owner")
        self.decision_filter = filter_combo("Filter by decision")
        self.show_filter.currentIndexChanged.connect(
            lambda _i: model.set_filter("show", self.show_filter.currentData())
        )
        self.owner_filter.currentIndexChanged.connect(
            lambda _i: model.set_filter("owner", self.owner_filter.currentData() or ANY)
        )
        self.decision_filter.currentIndexChanged.connect(
            lambda _i: model.set_filter("decision", self.decision_filter.currentData() or ANY)
        )
        show_label = QLabel("S&how")
        show_label.setBuddy(self.show_filter)
        owner_label = QLabel("O&wner")
        owner_label.setBuddy(self.owner_filter)
        decision_label = QLabel("Dec&ision")
        decision_label.setBuddy(self.decision_filter)
        filters = QHBoxLayout()
        for buddy_label, combo in (
            (show_label, self.show_filter),
            (owner_label, self.owner_filter),
            (decision_label, self.decision_filter),
        ):
            filters.addWidget(buddy_label)
            filters.addWidget(combo, 1)

        self.message = wrapped_label("", "pageLead")
        self.message.setAccessibleName("Action schedule status")
        self.progress = status_progress("Reading the register", self.message)
        self.count = QLabel()
        self.count.setAccessibleName("Actions shown")

        self.table = records_table(model, "Actions across the register")
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)  # its width shares out the columns
        self.table.doubleClicked.connect(lambda _i: self.record_progress())

        self.details = QTextBrowser()
        self.details.setAccessibleName("The chosen action")
        self.details.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.record_button = QPushButton("Record &progress…")
        name_widget(
            self.record_button,
            "Record progress",
            "A new status or a dated note; the decision's record copy is filed with it.",
        )
        self.change_button = QPushButton("&Change owner or date…")
        name_widget(
            self.change_button,
            "Change owner or date",
            "A new owner or due date; recorded in the action's progress, dated.",
        )
        self.add_button = QPushButton("&Add an action…")
        name_widget(
            self.add_button,
            "Add an action",
            "A new action for the chosen action's decision, e.g. one the board added.",
        )
        self.register_button = QPushButton("Show in re&gister")
        name_widget(self.register_button, "Show in register", "The decision this action is of.")
        self.export_button = QPushButton("E&xport schedule…")
        name_widget(
            self.export_button,
            "Export schedule",
            "The actions shown, as a CSV file or an Excel workbook.",
        )
        self.reload_button = QPushButton("&Refresh")
        name_widget(self.reload_button, "Refresh", "Read the register again.")
        self.reload_button.clicked.connect(model.load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.register_button)
        buttons.addStretch(1)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.details, 1)
        detail_layout.addLayout(buttons)

        line = self.fontMetrics().lineSpacing()
        self.table.setMinimumHeight(line * 5)
        self.details.setMinimumHeight(line * 3)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([600, 400])

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.where, 1)
        status = QHBoxLayout()
        status.addWidget(self.message, 1)
        status.addWidget(self.progress)
        status.addWidget(self.count)
        # the schedule as a whole: beside its count, so that the chosen action's buttons
        # have the row below to themselves (all five did not fit a laptop at 200%)
        status.addWidget(self.export_button)
        status.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(status)
        layout.addWidget(split, 1)

        self.record_button.clicked.connect(self.record_progress)
        self.change_button.clicked.connect(self.change_action)
        self.add_button.clicked.connect(self.add_action)
        self.register_button.clicked.connect(self._show_in_register)
        self.export_button.clicked.connect(self.export_schedule)
        model.loading_changed.connect(self._loading)
        model.failed.connect(self.message.setText)
        model.modelReset.connect(self._shown)
        model.loaded.connect(self._fill_filters)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        refresh = QAction("&Refresh the action schedule", self)
        refresh.setShortcut("F5")
        refresh.triggered.connect(model.load)
        self.addAction(refresh)
        self._wanted = ""
        self._size_columns()
        self._fill_filters()
        self._shown()

    # ---- the View interface -----------------------------------------------------------------
    def activated(self) -> None:
        if not self.model.actions and not self.model.loading:
            self.model.load()
        self.table.setFocus()

    def shutdown(self) -> None:
        self.model.shutdown()

    def _size_columns(self) -> None:
        fit_columns(self.table, [c.sample for c in COLUMNS], stretch=1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._size_columns()
        choose_a_row_on_focus(self.table, watched, event)
        return super().eventFilter(watched, event)

    # ---- listening to the model -------------------------------------------------------------
    def _loading(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.reload_button.setEnabled(not busy)
        if busy:
            self.message.setText("Reading the register…")
        else:
            self._shown()

    def _fill_filters(self) -> None:
        for combo, any_label, items in (
            (self.owner_filter, "Any owner", [(o, o) for o in self.model.owners()]),
            (self.decision_filter, "Any decision", [(t, i) for i, t in self.model.decisions()]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(any_label, ANY)
            for label, value in items:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _shown(self) -> None:
        model = self.model
        library = model.library
        self.where.setText(
            f"Actions in {library.root}" if library else "No register folder is chosen yet."
        )
        shown = model.rowCount()
        self.count.setText(f"{shown} action{'s' if shown != 1 else ''}")
        if not model.loading and not model.error:
            late = sum(1 for a in model.rows if a.overdue)
            if not model.actions and library is not None:
                self.message.setText("No decision in the register has actions yet.")
            elif not shown:
                self.message.setText("No action matches.")
            else:
                self.message.setText(f"{late} overdue." if late else "None is overdue.")
        if self._wanted and self.select(self._wanted):
            self._wanted = ""
        self._show_selected()

    # ---- the chosen action ------------------------------------------------------------------
    def selected(self) -> ActionEntry | None:
        chosen: ActionEntry | None = selected_record(self.table)
        return chosen

    def select(self, key: str) -> bool:
        """Choose the action ``key`` (``3f9a2c1b/C-CHAIR``); once loaded if need be."""
        row = self.model.row_of(key)
        if row < 0 and self.model.show != "all" and any(a.key == key for a in self.model.actions):
            self.show_filter.setCurrentIndex(self.show_filter.findData("all"))
            row = self.model.row_of(key)
        if row < 0:
            self._wanted = key if self.model.loading or not self.model.actions else ""
            return False
        self.table.selectRow(row)
        return True

    def _show_selected(self) -> None:
        action = self.selected()
        self.record_button.setEnabled(action is not None)
        self.change_button.setEnabled(action is not None and action.live)
        self.add_button.setEnabled(action is not None)
        self.register_button.setEnabled(action is not None)
        self.export_button.setEnabled(self.model.rowCount() > 0)
        if action is None:
            self.details.setHtml("<p>Choose an action to see it in full and its decision.</p>")
            return
        esc = html.escape
        d = action.decision
        rows = [
            ("Owner", action.owner or "No owner"),
            ("Due", (_date(action.due) or "Not set") + (" (overdue)" if action.overdue else "")),
            ("Status", action.status_label + (f": {action.reason}" if action.reason else "")),
            ("Latest update", _latest(action) or "None recorded"),
            ("Decision", action.source_paper),
            ("Agenda item", d.agenda_item),
            ("Minute reference", d.minute_reference),
            ("Reference", action.key),
        ]
        parts = [f"<p><b>{esc(action.text)}</b></p><table cellpadding='2'>"]
        for label, value in rows:
            if value:
                parts.append(f"<tr><td><b>{esc(label)}</b></td><td>{esc(value)}</td></tr>")
        parts.append("</table>")
        self.details.setHtml("".join(parts))

    def record_progress(self) -> None:
        action = self.selected()
        if action is None:
            return
        got = action_dialogs.ask_progress(self, action.text, action.status)
        if got is not None:
            self.progress_requested.emit(action, got)

    def change_action(self) -> None:
        action = self.selected()
        if action is None or not action.live:
            return
        got = action_dialogs.ask_change(
            self, action.text, action.owner_name, action.owner_role, action.due
        )
        if got is not None:
            self.change_requested.emit(action, got)

    def add_action(self) -> None:
        action = self.selected()
        if action is None:
            return
        got = action_dialogs.ask_new_action(self, for_decision=action.decision.title)
        if got is not None:
            self.add_requested.emit(action, got)

    def _show_in_register(self) -> None:
        action = self.selected()
        if action is not None:
            self.register_requested.emit(action.decision.id)

    def export_schedule(self) -> None:
        rows = list(self.model.rows)
        if not rows:
            return
        target = ask_export_path(self, str(Path.home() / "action-schedule.xlsx"))
        if target is None:
            return
        from ..services.register.actions import ACTION_SCHEDULE
        from ..services.register.export import export
        from .operations import Operation

        kind = "csv" if target.suffix.lower() == ".csv" else "xlsx"

        def work(_context: Any) -> int:
            return export(rows, target, kind, ACTION_SCHEDULE, "Action schedule")

        def done(count: int) -> None:
            self.message.setText(f"Exported {count} action{'s' if count != 1 else ''} to {target}")

        Operation(self, work, done, label=f"Writing {target.name}").failure(
            lambda reason: dialogs.show_error(self, "Export failed", reason)
        ).run()


def ask_export_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to write the schedule: an Excel workbook or a CSV file, by its name."""
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        "Export the action schedule",
        suggested,
        "Excel workbook (*.xlsx);;CSV file (*.csv)",
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() not in (".xlsx", ".csv"):
        target = target.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
    return target
