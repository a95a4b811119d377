"""Tables of records, as the register, the action schedule and a decision's actions show
them: one record a row, read-only, chosen a row at a time, under the view's heading.

:class:`RecordsModel` is the part of their table models that is the same (the rows, the
columns and their headings), and the functions here make the heading, the table and its
filters in one way for all three (widgets.fit_columns shares out the columns' widths),
so that they look and behave alike, and 200% on a small screen is handled in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QWidget,
)

from . import style
from .widgets import name_widget

Index = QModelIndex | QPersistentModelIndex


class RecordsModel(QAbstractTableModel):
    """Records in rows under the column headings ``HEADINGS``; a subclass gives ``data``."""

    HEADINGS: ClassVar[Sequence[str]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADINGS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADINGS[section]
        return None

    def record_at(self, row: int) -> Any:
        """The record in ``row``; None for no such row."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def key_of(self, record: Any) -> str:
        """What a record is found by (its id); a subclass says."""
        raise NotImplementedError

    def row_of(self, key: str) -> int:
        """The row of the record ``key``; -1 if it is not shown."""
        for row, record in enumerate(self.rows):
            if self.key_of(record) == key:
                return row
        return -1


def selected_record(table: QTableView) -> Any:
    """The record of the row chosen in ``table`` (a :class:`RecordsModel`'s); None else."""
    model = table.model()
    rows = table.selectionModel().selectedRows()
    return model.record_at(rows[0].row()) if rows and isinstance(model, RecordsModel) else None


def overdue_cell(role: int) -> Any:
    """How a date past due stands out (in red and bold, and in words in its text)."""
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor(style.RATING_TEXT_COLOURS["red"]))
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    return None


def heading_label(text: str) -> QLabel:
    """The view's heading, larger and bold."""
    heading = QLabel(text)
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    heading.setFont(font)
    return heading


def records_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table of ``model``'s records, a whole row chosen at a time, its columns
    sized by the view (widgets.fit_columns) and then by the user."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.setAccessibleName(name)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    return table


class FilterCombo(QComboBox):
    """A filter's drop-down list. It asks for the width that shows its longest choice
    whole (up to :attr:`WIDEST_CHARS` characters), so that a row that wraps
    (``widgets.FlowLayout(fill=True)``) gives every filter a readable width; and it can
    shrink with the window (to 8 characters), so that a row of them in a box layout
    fits a small screen at 200%."""

    WIDEST_CHARS = 40

    def __init__(self) -> None:
        super().__init__()
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        model = self.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.updateGeometry)  # the longest choice may have changed

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        longest = max(
            (metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0
        )
        text = min(longest, self.WIDEST_CHARS * metrics.averageCharWidth())
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        wanted = self.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, QSize(text, hint.height()), self
        )
        return QSize(max(hint.width(), wanted.width()), hint.height())


def filter_combo(name: str) -> FilterCombo:
    """A filter's drop-down list (:class:`FilterCombo`), named for a screen reader."""
    combo = FilterCombo()
    name_widget(combo, name)
    return combo


def status_progress(name: str, beside: QWidget) -> QProgressBar:
    """How far reading (or filing) has got: a slim bar for the view's status row, beside
    its message (``beside``), no taller than a line of its text and hidden until needed.

    A bar on a line of its own made the view taller while it read the register, and the
    window grew with it and stayed grown: at 200% on a 1366x768 screen its bottom, with
    the buttons, went off the screen."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)  # the message beside it says how far, in words
    line = beside.fontMetrics().lineSpacing()
    bar.setMaximumHeight(line)
    bar.setMinimumWidth(line * 3)
    bar.setMaximumWidth(line * 10)
    bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    bar.setAccessibleName(name)
    bar.setVisible(False)
    return bar


def choose_a_row_on_focus(table: QTableView, watched: QObject, event: QEvent) -> None:
    """For a view's event filter: Tab into ``table`` with nothing chosen chooses the row
    last current (else the first), so that the keyboard always has a record to act on."""
    if (
        watched is table
        and event.type() == QEvent.Type.FocusIn
        and table.model().rowCount()
        and not table.selectionModel().hasSelection()
    ):
        current = table.currentIndex()
        table.selectRow(current.row() if current.isValid() else 0)
