"""The comparison, made for the projector: where the teams disagree, and why it matters.

Teams are columns. The first rows are each team's recommendation and its factor ratings
(in colour and in words); then one row per question, widest disagreement first, with
each team's answer and the spread of the answers on the question's ordered scale.
Choosing a row shows that question's "why this matters" and its evidence beside the
table. Everything is sized from the font, so presentation mode enlarges it all."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...services.compare import Row
from ..view import View
from ..widgets import PageScrollArea, name_widget, wrapped_label
from . import dialogs
from .common import ReflowRow, fit_heading, show_status
from .comparison_table import (
    QUESTION,
    SPREAD,
    ComparisonTable,
    SpreadDelegate,
    heading_widths,
    longest_word,
    why_html,
)
from .model import WorkshopModel

Index = QModelIndex | QPersistentModelIndex


class ComparisonView(View):
    """Where the room disagrees, and why: for the projector."""

    view_id: ClassVar[str] = "comparison"
    title: ClassVar[str] = "Comparison"
    in_view_menu: ClassVar[bool] = True
    WHY_CHARS: ClassVar[int] = 28  # the least width of the reasons beside the table
    TABLE_LINES: ClassVar[int] = 12  # the least height of the table and reasons, in lines

    back_requested = Signal()

    def __init__(self, model: WorkshopModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setAccessibleName("Comparison of the teams")
        self.heading = wrapped_label("", "homeTitle")
        self.summary = wrapped_label("", "pageLead")
        self.warnings = wrapped_label("", "reason")
        self.differences = QCheckBox("&Disagreements only")
        name_widget(
            self.differences, "Disagreements only", "Hide the questions every team answered alike"
        )
        self.anonymous = QCheckBox("Show teams &anonymously")
        name_widget(self.anonymous, "Show teams anonymously", "Name the teams Team 1, Team 2, …")
        self.debrief_button = QPushButton("Debrief &paper…")
        name_widget(
            self.debrief_button, "Debrief paper", "Write the debrief paper (PDF) to hand out"
        )
        self.back_button = QPushButton("&Back to the teams")
        name_widget(self.back_button, "Back to the teams", "Return to the teams' questions")
        controls = ReflowRow(
            [self.differences, self.anonymous], [self.back_button, self.debrief_button]
        )

        self.table_model = ComparisonTable(model)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setObjectName("comparisonTable")
        name_widget(self.table, "Comparison", "One row per question, one column per team")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setItemDelegateForColumn(SPREAD, SpreadDelegate(self.table))
        self.table.setTabKeyNavigation(False)
        self.why = QTextBrowser()
        self.why.setObjectName("whyText")
        self.why.setOpenLinks(False)
        self.why.setTabChangesFocus(True)
        name_widget(
            self.why, "Why this matters", "The chosen question, each team's answer and its evidence"
        )
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.why)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self._split = False
        self._table_needs = 0
        self._stale = False
        self.table.installEventFilter(self)
        self.splitter.installEventFilter(self)

        fit_heading(self.heading)
        # On a short screen (a laptop at 200%) the heading and controls would leave the
        # table a row or two: the view scrolls instead, the table keeping its room.
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.summary)
        column.addWidget(self.warnings)
        column.addWidget(controls)
        column.addWidget(self.splitter, 1)
        self.page = PageScrollArea(page)
        self.page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its controls take the focus
        self._fit_splitter()
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        self.status = wrapped_label("", "pageLead")
        self.status.hide()  # until there is something to say
        layout.addWidget(self.status)

        self._menu = QMenu("&Comparison", self)
        self.differences_action = self._menu.addAction("&Disagreements Only")
        self.differences_action.setCheckable(True)
        self.differences_action.setShortcut(QKeySequence("Ctrl+D"))
        self.anonymous_action = self._menu.addAction("Show Teams &Anonymously")
        self.anonymous_action.setCheckable(True)
        self._menu.addSeparator()
        self.debrief_action = QAction("Write the Debrief &Paper…", self)
        self.debrief_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self._menu.addAction(self.debrief_action)
        self.back_action = QAction("&Back to the Teams", self)
        self.back_action.setShortcut(QKeySequence("Ctrl+Backspace"))
        self._menu.addAction(self.back_action)

        self.differences.toggled.connect(model.set_differences_only)
        self.differences_action.toggled.connect(model.set_differences_only)
        self.anonymous.toggled.connect(model.set_anonymous)
        self.anonymous_action.toggled.connect(model.set_anonymous)
        self.debrief_button.clicked.connect(self.write_debrief)
        self.debrief_action.triggered.connect(self.write_debrief)
        self.back_button.clicked.connect(self.back_requested)
        self.back_action.triggered.connect(self.back_requested)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        model.options_changed.connect(self._refresh_if_shown)
        model.teams_changed.connect(self._refresh_if_shown)
        model.answers_changed.connect(self._refresh_if_shown)
        model.debrief_written.connect(lambda p: self._say(f"Debrief paper written: {p}"))
        model.debrief_failed.connect(lambda m: self._say(f"No debrief written: {m}", True))
        model.busy_changed.connect(self._on_busy)
        self.refresh()

    # ---- the View interface -------------------------------------------------------------
    def window_title(self) -> str:
        return f"Comparison: {self.model.workshop.title}"

    def menus(self) -> list[QMenu]:
        return [self._menu]

    def activated(self) -> None:
        self.model.save_now()
        fit_heading(self.heading)  # the text size may have changed while it was hidden
        self.refresh()  # the teams may have answered since
        QTimer.singleShot(0, self._size_columns)  # once the layout has its final sizes
        self.table.setFocus()

    # ---- showing the comparison -----------------------------------------------------------
    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def refresh(self) -> None:
        self._stale = False
        chosen = self.selected_row()
        for widget, on in (
            (self.differences, self.model.differences_only),
            (self.differences_action, self.model.differences_only),
            (self.anonymous, self.model.anonymous),
            (self.anonymous_action, self.model.anonymous),
        ):
            widget.blockSignals(True)
            widget.setChecked(on)
            widget.blockSignals(False)
        self.table_model.refresh()
        comparison = self.table_model.comparison
        title = self.model.workshop.title
        if comparison is None:
            self.heading.setText(f"Comparing the teams: {title}")
            self.summary.setText("No teams yet.")
            self.warnings.setText("")
            self.why.setHtml("")
            return
        questions = comparison.questions()
        differing = sum(1 for r in questions if not r.agreed)
        # teams that gave the same answers (or none yet) are not said to disagree
        self.heading.setText(
            f"{'Where the teams disagree' if differing else 'Comparing the teams'}: {title}"
        )
        names = comparison.names(self.model.anonymous)
        count = len(comparison.teams)
        parts = [
            f"{count} team{'s' if count != 1 else ''}",
            f"they differ on {differing} of {len(questions)} questions, widest first"
            if differing
            else f"they differ on none of the {len(questions)} questions",
        ]
        for team, name in zip(comparison.teams, names, strict=True):
            if team.missing:
                parts.append(f"{name} is incomplete ({len(team.missing)} unanswered)")
        self.summary.setText(" · ".join(parts))
        warnings = comparison.warnings_for(self.model.anonymous)
        self.warnings.setText("\n".join(f"Note: {w}." for w in warnings))
        self.warnings.setVisible(bool(warnings))
        self._size_columns()
        self._place_why()  # a team more or less: the table may need more room, or less
        rows = self.table_model.rows
        target = next(
            (
                i
                for i, r in enumerate(rows)
                if chosen and r.id == chosen.id and r.kind == chosen.kind
            ),
            None,
        )
        if target is None:
            target = next((i for i, r in enumerate(rows) if r.kind == "question"), 0)
        if rows:
            self.table.selectRow(target)
            self._on_row(self.table_model.index(target, 0))

    def _size_columns(self) -> None:
        """Every column from the font: the spread fits the longest scale, each team an
        answer of a few words, and the question the rest; no column narrower than its
        heading (drawn bold while a row is chosen) or the question's longest word. When
        the room is short the teams give way first, down to eleven characters each; the
        question keeps twenty, and beyond that (many teams) the table scrolls sideways."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        char = metrics.averageCharWidth()
        heading = heading_widths(header, self.table_model)
        spread = max(SpreadDelegate.width_for(metrics), heading[SPREAD])
        names = self.table_model.names
        widest = [metrics.horizontalAdvance("Strong and trusted")]
        widest += [metrics.horizontalAdvance(n) for n in names]
        team = min(max(widest) + metrics.height(), char * 24)
        fewest = max([char * 11, *heading[2:]])
        team = max(team, fewest)
        # the room inside the frame, less a vertical scroll bar (there is one as soon as
        # the rows are laid out, which they are after this)
        inside = self.table.width() - 2 * self.table.frameWidth()
        inside -= self.table.verticalScrollBar().sizeHint().width()
        least = max(char * 20, heading[QUESTION], longest_word(self.table, self.table_model))
        if names and least + spread + team * len(names) > inside:
            team = max(fewest, (inside - spread - least) // len(names))
        question = max(least, inside - spread - team * len(names))
        for column in range(self.table_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(QUESTION, question)
        header.resizeSection(SPREAD, spread)
        for column in range(2, self.table_model.columnCount()):
            header.resizeSection(column, team)
        self.table.resizeRowsToContents()
        self._table_needs = (
            least + spread + fewest * len(names) + 2 * self.table.frameWidth()
        ) + self.table.verticalScrollBar().sizeHint().width()

    def _why_least(self) -> int:
        return self.fontMetrics().averageCharWidth() * self.WHY_CHARS

    def _place_why(self) -> None:
        """The question's reasons beside the table, or under it when the view is too
        narrow for both (a laptop at 200%): the table keeps its teams in view."""
        beside = self._table_needs + self.splitter.handleWidth() + self._why_least()
        wanted = (
            Qt.Orientation.Horizontal
            if self.splitter.width() >= beside
            else Qt.Orientation.Vertical
        )
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self._split_sizes()
        elif wanted == Qt.Orientation.Horizontal:
            self._split_sizes(keep=True)

    def _split_sizes(self, keep: bool = False) -> None:
        """Beside: the table two thirds, the reasons one third; under: three fifths.

        Beside, the table never has less than its teams need (``_table_needs``): the
        reasons go beside it only when there is room for both, but two thirds of a view
        just wide enough (a laptop at 200% in presentation mode, in DejaVu Sans) left the
        table short of it, and it scrolled sideways. With ``keep`` (the view resized), the
        split keeps the proportions it had, as the facilitator may have dragged it, rather
        than the splitter's own share of the change, which took the table below its needs
        as the window narrowed."""
        across = self.splitter.orientation() == Qt.Orientation.Horizontal
        room = max(3, self.splitter.width() if across else self.splitter.height())
        room = max(3, room - self.splitter.handleWidth())
        first = room * 2 // 3 if across else room * 3 // 5
        if across:
            before = self.splitter.sizes()  # in a resize, still the sizes it had
            if keep and len(before) == 2 and sum(before) > 0:
                first = room * before[0] // sum(before)
            first = max(first, min(self._table_needs, room - self._why_least()))
        self.splitter.setSizes([first, room - first])

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() == event.Type.Resize:
            if watched is self.table:
                self._size_columns()
            elif watched is self.splitter:
                self._place_why()
        return False

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._split:  # at first; then as the facilitator drags it
            self._split = True
            self._split_sizes()

    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:  # presentation mode: the columns grow too
            fit_heading(self.heading)
            self._fit_splitter()
            self._size_columns()

    def _fit_splitter(self) -> None:
        """Room for the table's heading and a few rows, and some lines of the reasons."""
        self.splitter.setMinimumHeight(self.TABLE_LINES * self.fontMetrics().lineSpacing())

    def selected_row(self) -> Row | None:
        index = self.table.currentIndex()
        return self.table_model.row(index) if index.isValid() else None

    def _on_row(self, index: Index, _previous: Index | None = None) -> None:
        if not index.isValid() or self.table_model.comparison is None:
            self.why.setHtml("")
            return
        self.why.setHtml(why_html(self.table_model, self.table_model.row(index)))

    # ---- the debrief ----------------------------------------------------------------------
    def write_debrief(self) -> None:
        if not self.model.teams:
            return
        stem = self.model.path.name.removesuffix(".workshop.yaml")
        target = dialogs.ask_debrief_path(
            self, str(self.model.path.with_name(f"{stem}-debrief.pdf"))
        )
        if target is None:
            return
        self._say("Writing the debrief paper…")
        self.model.write_debrief(target)

    def _say(self, text: str, error: bool = False) -> None:
        show_status(self.status, text, error)

    def _on_busy(self, busy: bool) -> None:
        self.debrief_button.setEnabled(not busy)
        self.debrief_action.setEnabled(not busy)
