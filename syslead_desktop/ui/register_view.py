"""The register view: every filed decision, found again by a word, filtered and sorted.

:class:`RegisterModel` holds the register's entries (loaded in the background through
the app's one operation helper, with progress) and what the user has asked to see;
:class:`RegisterView` shows it and listens to it. The view never opens a decision
itself: it asks the window, through :attr:`RegisterView.open_record_requested` (a filed
record, read-only: ``record_view.py``) and :attr:`RegisterView.new_version_requested`
(a new draft that will supersede the chosen decision).
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
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.lifecycle import allowed_moves
from ..domain.statuses import OUTCOME_LABELS, STATUS_LABELS
from ..services.register import DUE_SOON_DAYS, Entry, Library
from . import style
from .record_table import (
    RecordsModel,
    choose_a_row_on_focus,
    filter_combo,
    heading_label,
    records_table,
    selected_record,
    status_progress,
)
from .view import View
from .widgets import FlowLayout, name_widget, wrapped_label

Index = QModelIndex | QPersistentModelIndex


class Column:
    def __init__(self, title: str, text: Callable[[Entry], str], key: Callable[[Entry], Any]):
        self.title, self.text, self.key = title, text, key


def _date(value: dt.date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


COLUMNS = [
    Column("Title", lambda e: e.title, lambda e: e.title.casefold()),
    Column(
        "Meeting",
        lambda e: _date(e.meeting_date) or e.meeting,
        lambda e: (e.meeting_date or dt.date.min, e.meeting),
    ),
    Column("Agenda item", lambda e: e.agenda_item, lambda e: e.agenda_item),
    Column("Status", lambda e: e.status_label, lambda e: e.status),
    Column("Board outcome", lambda e: e.outcome_label, lambda e: e.outcome_label),
    Column(
        "Review",
        lambda e: (
            _date(e.review_date)
            + {"overdue": " (overdue)", "due": " (due)"}.get(e.review or "", "")
        ),
        lambda e: e.review_date or dt.date.max,
    ),
    Column("Recommendation", lambda e: e.recommendation, lambda e: e.recommendation),
    Column("Direction", lambda e: e.direction_label.split(":")[0], lambda e: e.direction_label),
    Column(
        "Rulebook", lambda e: e.rulebook.get("version", ""), lambda e: e.rulebook.get("version", "")
    ),
]
REVIEW_COLUMN = 5
#: What each column must show whole (the title takes what is left, 30 characters at least;
#: longer text is cut short with "…" and shown whole in its tooltip).
SAMPLES = [
    "",
    "30 Sept 2026",
    "PUB26/12/4.2",
    "Superseded",
    "Not approved",
    "30 Sept 2026 (overdue)",
    "Proceed with conditions",
    "System first",
    "1.0.0",
]
ANY = ""
REVIEW_FILTERS = {
    ANY: "Any review date",
    "due": f"Review due in {DUE_SOON_DAYS} days",
    "overdue": "Review overdue",
}


class RegisterModel(RecordsModel):
    """The register's decisions as a table, with the search and filters applied.

    ``load()`` reads the library in the background (the index catches up with it first);
    ``loading``, ``progress`` and ``failed`` say how it goes."""

    HEADINGS = tuple(c.title for c in COLUMNS)

    loading_changed = Signal(bool)
    progress = Signal(int, int, str)
    failed = Signal(str)
    loaded = Signal()
    recorded = Signal(str, str)  # the decision's id, what was recorded (a sentence)
    filed = Signal(str, list)  # what was filed (a sentence), the papers refused (reasons)
    filing = Signal(int, int, str)  # papers filed so far, of how many, the one being filed
    record_failed = Signal(str)

    def __init__(self, library: Library | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.entries: list[Entry] = []
        self.rows: list[Entry] = []
        self.loading = False
        self.error = ""
        self.text = ""
        self.filters: dict[str, Any] = {}
        self._matches: list[str] | None = None  # ids matching ``text``, best first
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._index: Any = None  # the UI thread's own connection, for searching
        self._op: Any = None
        self._again = False  # asked to load while loading: load once more

    # ---- loading --------------------------------------------------------------------------
    def load(self) -> None:
        """Read the library's entries in the background (once at a time: asked again
        while reading, it reads once more when done, so a paper filed meanwhile shows)."""
        from ..services.register import RegisterIndex
        from .operations import Operation

        if self.loading:
            self._again = True
            return
        if self.library is None:
            self._set_error("No register folder is chosen yet: choose one in Preferences.")
            return
        library = self.library

        def work(context: Any) -> list[Entry]:
            def report(done: int, total: int, name: str) -> None:
                context.check()
                context.progress(done, total, name)

            with RegisterIndex.open(library, report) as index:
                return index.entries()

        self.loading, self.error = True, ""
        self.loading_changed.emit(True)
        self._op = (
            Operation(self, work, self._loaded, label="Reading the register")
            .on_progress(lambda p: self.progress.emit(p.done, p.total, p.text))
            .failure(self._set_error)
            .finally_(self._finished)
            .cancellable()
            .run()
        )

    def cancel(self) -> None:
        self._again = False
        if self._op is not None:
            self._op.cancel()

    def file_papers(self, papers: list[Path]) -> None:
        """File board papers into the register in the background, with progress; each
        paper refused is said with its reason, the others are filed all the same."""
        from ..errors import SysLeadError
        from .operations import Operation

        library = self.library
        if library is None or not papers:
            return

        def work(context: Any) -> tuple[int, int, list[str]]:
            new = again = 0
            refused = []
            for n, paper in enumerate(papers):
                context.check()
                context.progress(n, len(papers), paper.name)
                try:
                    filed = library.file(paper)
                except SysLeadError as exc:
                    refused.append(str(exc))
                    continue
                new, again = new + filed.created, again + (not filed.created)
            return new, again, refused

        def done(result: tuple[int, int, list[str]]) -> None:
            new, again, refused = result
            said = [f"Filed {new} paper{'s' if new != 1 else ''} in the register"]
            if again:
                said.append(f"{again} {'was' if again == 1 else 'were'} filed already")
            if refused:
                said.append(f"{len(refused)} not filed")
            self.filed.emit("; ".join(said) + ".", refused)
            self.load()

        Operation(self, work, done, label="Filing papers").on_progress(
            lambda p: self.filing.emit(p.done, p.total, p.text)
        ).failure(self.record_failed.emit).run()

    def record(self, entry: Entry, request: Any, rulebook: Any = None) -> None:
        """Record ``request`` (a ``StatusRequest``) on the filed ``entry`` in the background:
        its record copy is filed (and the decision it supersedes, once approved), then the
        register is read again. ``recorded`` or ``record_failed`` says how it went."""
        from ..services.register.record import record_latest
        from .operations import Operation

        library = self.library
        if library is None:
            return

        def work(_context: Any) -> str:
            done = record_latest(library, entry.id, request, rulebook, expected_status=entry.status)
            label = STATUS_LABELS[done.decision.status].lower()
            outcome = done.decision.resolution
            said = f"“{entry.title}” is now {label}"
            if done.decision.status == "decided" and outcome is not None:
                said += f" ({OUTCOME_LABELS[outcome.outcome].lower()})"
            said += f"; its record copy is filed as {done.filed.path}"
            if done.superseded is not None:
                said += "; the decision it replaces is now superseded"
            return ". ".join([said, *(n[:1].upper() + n[1:] for n in done.notices)]) + "."

        def done(message: str) -> None:
            self.recorded.emit(entry.id, message)
            self.load()

        def failed(reason: str) -> None:
            self.record_failed.emit(reason)
            self.load()  # what is there now, which may be why

        Operation(self, work, done, label="Recording").failure(failed).run()

    def _finished(self) -> None:
        self.loading = False
        self._op = None
        self.loading_changed.emit(False)
        if self._again:
            self._again = False
            self.load()

    def _set_error(self, message: str) -> None:
        self.error = message
        self.failed.emit(message)

    def _loaded(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._close_index()
        self._matches = self._search(self.text) if self.text.strip() else None
        self._apply()
        self.loaded.emit()

    def set_library(self, library: Library | None) -> None:
        self.library = library
        self._close_index()
        self.entries = []
        self._apply()
        self.load()

    def _close_index(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None

    # ---- search, filters, sorting -----------------------------------------------------------
    def _search(self, text: str) -> list[str]:
        """The ids of the decisions matching ``text``, best first (a few milliseconds
        on an index already caught up: no background work needed)."""
        from ..services.register import RegisterIndex

        if self.library is None:
            return []
        if self._index is None:
            self._index = RegisterIndex(self.library)
        ids: list[str] = self._index.search_ids(text)
        return ids

    def set_text(self, text: str) -> None:
        if text == self.text:
            return
        self.text = text
        self._matches = self._search(text) if text.strip() and self.entries else None
        self._apply()

    def set_filter(self, name: str, value: Any) -> None:
        if value in (None, ANY):
            self.filters.pop(name, None)
        else:
            self.filters[name] = value
        self._apply()

    def choices(self, name: str) -> list[str]:
        """The values a filter can take in the loaded register."""
        if name == "year":
            return [str(y) for y in sorted({e.year for e in self.entries if e.year}, reverse=True)]
        if name == "status":
            return list(STATUS_LABELS)
        attr = {"recommendation": "recommendation", "direction": "direction_label"}[name]
        return sorted({getattr(e, attr) for e in self.entries if getattr(e, attr)})

    def _keep(self, e: Entry) -> bool:
        f = self.filters
        return (
            ("status" not in f or e.status == f["status"])
            and ("recommendation" not in f or e.recommendation == f["recommendation"])
            and ("direction" not in f or e.direction_label == f["direction"])
            and ("year" not in f or str(e.year) == f["year"])
            and ("review" not in f or _review_fits(e, f["review"]))
        )

    def _apply(self) -> None:
        self.beginResetModel()
        rows = [e for e in self.entries if self._keep(e)]
        if self._matches is not None:
            rank = {decision_id: n for n, decision_id in enumerate(self._matches)}
            rows = sorted((e for e in rows if e.id in rank), key=lambda e: rank[e.id])
        if self._sort is not None:
            column, order = self._sort
            rows.sort(
                key=lambda e: COLUMNS[column].key(e),
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        self.rows = rows
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order) if 0 <= column < len(COLUMNS) else None
        self._apply()

    # ---- the table ------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column].text(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return f"{entry.meeting}, {_date(entry.meeting_date)}"
            return entry.title if column == 0 else COLUMNS[column].text(entry)
        if role == Qt.ItemDataRole.UserRole:
            return entry
        if column == REVIEW_COLUMN and entry.review:
            if role == Qt.ItemDataRole.ForegroundRole:
                colour = style.RATING_TEXT_COLOURS["red" if entry.review == "overdue" else "amber"]
                return QBrush(QColor(colour))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def entry(self, row: int) -> Entry | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def chain(self, entry: Entry) -> list[Entry]:
        """The supersedes chain through ``entry``, oldest first, from the loaded entries."""
        by_id = {e.id: e for e in self.entries}
        chain, seen = [entry], {entry.id}
        current: Entry | None = entry
        while current and current.supersedes and current.supersedes not in seen:
            current = by_id.get(current.supersedes)
            if current:
                chain.insert(0, current)
                seen.add(current.id)
        current = entry
        while current and current.superseded_by and current.superseded_by not in seen:
            current = by_id.get(current.superseded_by)
            if current:
                chain.append(current)
                seen.add(current.id)
        return chain

    def paper_path(self, entry: Entry) -> Path | None:
        return self.library.root / entry.paper if self.library is not None else None

    def shutdown(self) -> None:
        self.cancel()
        self._close_index()


def bold_width(metrics: QFontMetrics, text: str) -> int:
    return metrics.horizontalAdvance(text)


def open_externally(path: Path) -> None:
    """Open a filed paper in the system's PDF viewer: read-only, as a record should be."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _review_fits(entry: Entry, wanted: str) -> bool:
    if wanted == "overdue":
        return entry.review == "overdue"
    return entry.review in ("due", "overdue")


def count_text(shown: int, total: int) -> str:
    """The register's count line: "1 decision", "3 decisions", "1 of 3 decisions"."""
    noun = "decision" if total == 1 else "decisions"
    return f"{shown} of {total} {noun}" if shown != total else f"{total} {noun}"


class RegisterView(View):
    """The register: a search box, filters, the table of decisions and the chosen one."""

    view_id: ClassVar[str] = "register"
    title: ClassVar[str] = "Register"
    in_view_menu: ClassVar[bool] = False  # the window's View menu has it from the start

    open_record_requested = Signal(object)  # the Entry: its filed record, read-only
    new_version_requested = Signal(Path)  # the filed paper of the decision to supersede
    status_requested = Signal(object, object)  # Entry, StatusRequest: record it
    preferences_requested = Signal()

    def __init__(
        self,
        model: RegisterModel,
        parent: QWidget | None = None,
        recorded_by: Callable[[], str | None] = lambda: None,
    ) -> None:
        """``recorded_by``: the name the last change was recorded by, kept in the user's
        settings (the window keeps it there from :attr:`status_requested`)."""
        super().__init__(parent)
        self.model = model
        self._recorded_by = recorded_by
        self.setObjectName("registerView")
        self.setAcceptDrops(True)  # board papers dropped here are filed

        heading = heading_label("The register")
        self.where = wrapped_label("", "pageLead")

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            "Find by any word: title, description, partners, notes, conditions"
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAcceptDrops(False)  # a dropped paper is filed, not typed in here
        name_widget(self.search, "Search the register", "Every word must appear.")
        search_label = QLabel("&Search")
        search_label.setBuddy(self.search)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(lambda: model.set_text(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._debounce.start())

        self.filters: dict[str, QComboBox] = {}
        # Each filter as wide as its longest choice, on a second line where the row is too
        # narrow for all five (at 200% on a 1366x768 laptop "Any recommendation", one fifth
        # of the row, read "Any recommenda").
        filter_row = FlowLayout(fill=True)
        for name, label in (
            ("status", "Any status"),
            ("recommendation", "Any recommendation"),
            ("direction", "Any direction"),
            ("year", "Any year"),
            ("review", ""),
        ):
            combo = filter_combo(f"Filter by {name}")
            combo.setProperty("anyLabel", label)
            combo.currentIndexChanged.connect(
                lambda _i, n=name, c=combo: model.set_filter(n, c.currentData())
            )
            self.filters[name] = combo
            filter_row.addWidget(combo)
        self.count = QLabel()
        self.count.setAccessibleName("Decisions shown")

        self.message = wrapped_label("", "pageLead")
        self.message.setAccessibleName("Register status")
        self.progress = status_progress("Reading the register", self.message)

        self.table = records_table(model, "Decisions in the register")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self._size_columns()
        # Enter (and a double-click) opens the chosen record, as in a file manager.
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.installEventFilter(self)  # Tab into the table chooses a decision

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._follow)
        self.details.setAccessibleName("The chosen decision")

        self.open_button = QPushButton("&Open record")
        name_widget(self.open_button, "Open record", "Open the filed record in SysLead, read-only.")
        self.open_button.clicked.connect(self.open_selected)
        self.version_button = QPushButton("Start a &new version…")
        name_widget(
            self.version_button,
            "Start a new version",
            "A new draft from this decision, which will supersede it.",
        )
        self.version_button.clicked.connect(self.new_version_of_selected)
        self.status_button = QPushButton("Record reso&lution…")
        name_widget(
            self.status_button,
            "Record resolution",
            "Record the board's resolution, or another change in the decision's life.",
        )
        self.status_button.clicked.connect(self.record_status_of_selected)
        self.file_button = QPushButton("File pa&pers…")
        name_widget(
            self.file_button,
            "File papers",
            "File board papers, as issued or as decided, into the register.",
        )
        self.file_button.clicked.connect(self.file_papers)
        # Shown only while no register folder is chosen (the Register menu has it too).
        self.choose_button = QPushButton("Choose fol&der…")  # Alt+F is the File menu
        name_widget(self.choose_button, "Choose register folder")
        self.choose_button.clicked.connect(self.preferences_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.status_button)
        buttons.addWidget(self.version_button)
        buttons.addStretch(1)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.choose_button)

        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.details, 1)
        detail_layout.addLayout(buttons)
        # Small minimums, so that the view fits a 1366×768 screen even at 200%.
        line = self.fontMetrics().lineSpacing()
        self.table.setMinimumHeight(line * 4)  # with 3 and 5 lines the window was
        self.details.setMinimumHeight(line * 2)  # 389 high at 200%: 384 less a title bar
        self.details.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([600, 400])  # shares of the room, scaled to it when shown

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.where, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addLayout(filter_row)
        status_row = QHBoxLayout()
        status_row.addWidget(self.message, 1)
        status_row.addWidget(self.progress)
        status_row.addWidget(self.count)
        layout.addLayout(status_row)
        layout.addWidget(split, 1)
        self.setTabOrder(self.search, self.table)

        model.loading_changed.connect(self._loading)
        model.progress.connect(self._progress)
        model.failed.connect(self._failed)
        model.modelReset.connect(self._shown)
        model.loaded.connect(self._fill_filters)
        model.recorded.connect(self._recorded)
        model.record_failed.connect(self._record_failed)
        model.filed.connect(self._filed)
        model.filing.connect(self._filing)
        self._reselect = ""
        model.loaded.connect(self._choose_again)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        # The Register menu, while the view is current: what the buttons do, and more.
        # (A button row with Refresh and Choose folder as well was wider than a 1366x768
        # screen at 200%.)
        self._menu = QMenu("&Register", self)
        for text, slot in (
            ("&Open Record", self.open_selected),
            ("Record &Resolution…", self.record_status_of_selected),
            ("Start a &New Version…", self.new_version_of_selected),
            ("&File Papers…", self.file_papers),
            ("Export the &Decision Log…", self.export_log),
        ):
            self._menu.addAction(text).triggered.connect(lambda _c=False, f=slot: f())
        self._menu.addSeparator()
        self.refresh_action = QAction("Refres&h", self)
        self.refresh_action.setShortcut("F5")
        self.refresh_action.setStatusTip("Read the register again")
        self.refresh_action.triggered.connect(model.load)
        self.addAction(self.refresh_action)
        self._menu.addAction(self.refresh_action)
        self._menu.addAction("&Choose Register Folder…").triggered.connect(
            lambda _c=False: self.preferences_requested.emit()
        )
        self._fill_filters()
        self._shown()

    def _size_columns(self) -> None:
        """Widths from the font, so they follow the text size (and 200% scaling); the title
        takes the room that is left, and the table scrolls sideways when there is none."""
        cell = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        heading = QFontMetrics(bold)
        pad = 3 * cell.averageCharWidth()
        header = self.table.horizontalHeader()
        for column, sample in enumerate(SAMPLES[1:], 1):
            wanted = max(
                bold_width(heading, sample)
                if column == REVIEW_COLUMN
                else cell.horizontalAdvance(sample),
                heading.horizontalAdvance(COLUMNS[column].title) + pad,
            )
            header.resizeSection(column, wanted + pad)
        others = sum(header.sectionSize(c) for c in range(1, len(COLUMNS)))
        room = self.table.viewport().width() - others
        header.resizeSection(0, max(30 * cell.averageCharWidth(), room))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        choose_a_row_on_focus(self.table, watched, event)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._size_columns()

    # ---- what the window asks of a view ----------------------------------------------------
    def menus(self) -> list[QMenu]:
        return [self._menu]

    def activated(self) -> None:
        if not self.model.entries and not self.model.loading:
            self.model.load()
        self.search.setFocus()

    def shutdown(self) -> None:
        self.model.shutdown()

    # ---- listening to the model ----------------------------------------------------------------
    def _loading(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.refresh_action.setEnabled(not busy)
        if busy:
            self.progress.setRange(0, 0)
            self.message.setText("Reading the register…")
        else:
            self._shown()

    def _progress(self, done: int, total: int, _name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.message.setText(f"Reading the register: {done} of {total} new or changed papers")

    def _failed(self, message: str) -> None:
        self.message.setText(message)

    def _recorded(self, decision_id: str, _said: str) -> None:
        self._reselect = decision_id  # chosen again once the register is read again

    # ---- board papers dropped on the view are filed -------------------------------------
    @staticmethod
    def _dropped_papers(event: Any) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        return [p for p in paths if p.suffix.lower() == ".pdf"]

    def dragEnterEvent(self, event: Any) -> None:
        if self.model.library is not None and self._dropped_papers(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: Any) -> None:
        papers = self._dropped_papers(event)
        if self.model.library is None or not papers:
            event.ignore()
            return
        event.acceptProposedAction()
        self.model.file_papers(papers)

    def file_papers(self) -> None:
        """Ask for the board papers to file (choosing the register's folder first)."""
        from . import register_dialogs

        if self.model.library is None:
            self.preferences_requested.emit()
            return
        papers = register_dialogs.ask_papers(self, str(Path.home()))
        if papers:
            self.model.file_papers(papers)

    def export_log(self) -> None:
        """The decision log of the decisions shown (all, unless searched or filtered),
        oldest meeting first, as an Excel workbook or CSV, written in the background."""
        from ..services.register.export import export
        from . import dialogs, register_dialogs
        from .operations import Operation

        rows = sorted(
            self.model.rows, key=lambda e: (e.meeting_date or dt.date.max, e.agenda_item, e.title)
        )
        if not rows:
            self.message.setText("No decisions to export: none is shown.")
            return
        target = register_dialogs.ask_log_path(self, str(Path.home() / "decision-log.xlsx"))
        if target is None:
            return
        kind = "csv" if target.suffix.lower() == ".csv" else "xlsx"
        total = len(self.model.entries)

        def done(count: int) -> None:
            which = (
                f"{count} of {total} decisions (those shown)"
                if count != total
                else (f"{count} decision{'s' if count != 1 else ''}")
            )
            self.message.setText(f"Exported the decision log of {which} to {target}")

        Operation(
            self, lambda _c: export(rows, target, kind), done, label=f"Writing {target.name}"
        ).failure(
            lambda reason: dialogs.show_error(self, "Decision log not exported", reason)
        ).run()

    def _filing(self, done: int, total: int, name: str) -> None:
        self.progress.setVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.message.setText(f"Filing {done + 1} of {total}: {name}")

    def _filed(self, said: str, refused: list[str]) -> None:
        self.message.setText(said)
        if refused:
            from . import dialogs

            dialogs.show_error(self, "Not every paper was filed", "\n".join(refused))

    def _choose_again(self) -> None:
        if self._reselect:
            self.select(self._reselect)
            self._reselect = ""

    def _record_failed(self, reason: str) -> None:
        from . import dialogs

        dialogs.show_error(self, "Not recorded", reason)

    def _fill_filters(self) -> None:
        for name, combo in self.filters.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if name == "review":
                for key, label in REVIEW_FILTERS.items():
                    combo.addItem(label, key)
            else:
                combo.addItem(combo.property("anyLabel"), ANY)
                for value in self.model.choices(name):
                    label = STATUS_LABELS.get(value, value) if name == "status" else value
                    combo.addItem(label.split(":")[0], value)
            found = combo.findData(current)
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def _shown(self) -> None:
        model = self.model
        library = model.library
        self.where.setText(
            f"Filed papers in {library.root}" if library else "No register folder is chosen yet."
        )
        self.choose_button.setVisible(library is None)
        for button in (self.open_button, self.status_button, self.version_button):
            button.setVisible(library is not None)  # nothing to open before there is one
        total, shown = len(model.entries), model.rowCount()
        self.count.setText(count_text(shown, total))
        if not model.loading and not model.error:
            if total == 0 and library is not None:
                self.message.setText("No papers are filed in this register yet.")
            elif shown == 0:
                self.message.setText("No decision matches.")
            else:
                due = sum(1 for e in model.entries if e.review)
                self.message.setText(
                    f"{due} review{'s' if due != 1 else ''} due or overdue." if due else ""
                )
        if (
            self.table.selectionModel() is not None
            and not self.table.selectionModel().hasSelection()
        ):
            self._show_selected()

    # ---- the chosen decision ---------------------------------------------------------------
    def selected(self) -> Entry | None:
        chosen: Entry | None = selected_record(self.table)
        return chosen

    def select(self, decision_id: str) -> bool:
        for row, entry in enumerate(self.model.rows):
            if entry.id == decision_id:
                self.table.selectRow(row)
                return True
        return False

    def _show_selected(self) -> None:
        entry = self.selected()
        self.open_button.setEnabled(entry is not None)
        self.version_button.setEnabled(entry is not None and entry.superseded_by is None)
        self.status_button.setEnabled(entry is not None and bool(allowed_moves(entry.status)))
        hint = "<p>Choose a decision to see its details, its versions and its paper.</p>"
        self.details.setHtml(self._details(entry) if entry else hint)

    def _details(self, e: Entry) -> str:
        esc = html.escape
        rows = [
            ("Meeting", f"{e.meeting} {_date(e.meeting_date)}".strip()),
            ("Agenda item", e.agenda_item),
            ("Status", e.status_label),
            (
                "Board decision",
                " · ".join(
                    t for t in (e.outcome_label, _date(e.resolution_date), e.minute_reference) if t
                ),
            ),
            ("Amendments", (e.resolution or {}).get("amendments", "")),
            ("Dissent noted", (e.resolution or {}).get("dissent", "")),
            ("Recommendation", e.recommendation),
            ("Direction", e.direction_label),
            ("Review date", COLUMNS[REVIEW_COLUMN].text(e)),
            ("Register id", e.short_id),
            ("Filed", f"{e.filed_at[:10]} by {e.filed_by}" if e.filed_by else e.filed_at[:10]),
        ]
        parts = [f"<h3>{esc(e.title)}</h3><table cellpadding='2'>"]
        for label, value in rows:
            if value:
                parts.append(f"<tr><td><b>{esc(label)}</b></td><td>{esc(value)}</td></tr>")
        parts.append("</table>")
        chain = self.model.chain(e)
        if len(chain) > 1:
            parts.append("<p><b>Versions</b> (oldest first)</p><ol>")
            for item in chain:
                text = f"{esc(item.title)} — {esc(item.status_label)}"
                if item.id == e.id:
                    parts.append(f"<li><b>{text}</b> (this one)</li>")
                else:
                    parts.append(f"<li><a href='decision:{item.id}'>{text}</a></li>")
            parts.append("</ol>")
        for problem in e.problems:
            parts.append(f"<p style='color:{style.REASON}'>{esc(problem)}</p>")
        return "".join(parts)

    def _follow(self, url: Any) -> None:
        target = url.toString()
        if target.startswith("decision:"):
            decision_id = target.removeprefix("decision:")
            if not self.select(decision_id):
                self.search.clear()
                for combo in self.filters.values():
                    combo.setCurrentIndex(0)
                self.select(decision_id)

    def open_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open_record_requested.emit(entry)

    def record_status_of_selected(self) -> None:
        """Ask what the board resolved (or what else has happened) and pass it on."""
        from ..services.register.library import current_user
        from . import register_dialogs

        entry = self.selected()
        if entry is None:
            return
        history = entry.data.get("history") or []
        last = history[-1].get("on") if history and isinstance(history[-1], dict) else None
        filed = register_dialogs.Filed(
            title=entry.title,
            status=entry.status,
            meeting=entry.meeting,
            meeting_date=entry.meeting_date,
            last_change=dt.date.fromisoformat(last) if isinstance(last, str) else None,
            outcome=entry.outcome,
        )
        later = [
            (e.id, e.title)
            for e in sorted(self.model.entries, key=lambda e: e.supersedes != entry.id)
            if e.id != entry.id and e.status != "superseded"
        ]
        meetings = sorted({e.meeting for e in self.model.entries if e.meeting})
        by = self._recorded_by() or current_user()  # the name given last time, if any
        request = register_dialogs.ask_status(self, filed, by, later, meetings)
        if request is not None:
            self.status_requested.emit(entry, request)

    def new_version_of_selected(self) -> None:
        entry = self.selected()
        path = self.model.paper_path(entry) if entry else None
        if path is not None:
            self.new_version_requested.emit(path)
