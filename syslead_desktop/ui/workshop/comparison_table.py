"""The comparison as a table for the projector: the rows and columns, the spread drawn as
the scale itself, and the text beside the table for the chosen row."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from ...services.compare import Comparison, Row, stance_colour
from .. import style
from .model import WorkshopModel

Index = QModelIndex | QPersistentModelIndex
QUESTION, SPREAD = 0, 1  # the first two columns; the teams follow
ROW_ROLE = Qt.ItemDataRole.UserRole
PALE_RED, PALE_AMBER, PALE_GREEN = "#FBE9E7", "#FDF0DC", "#E3F2E8"


def spread_text(row: Row, short: bool = False) -> str:
    """How far apart the answers are: "2 of 3 steps" (``short``: "2 of 3")."""
    if row.agreed:
        return "Agreed" if row.unanswered < len(row.keys) else "Not answered"
    if not row.ordered:
        return "Differ"
    return f"{row.spread} of {len(row.scale) - 1}" + ("" if short else " steps")


class ComparisonTable(QAbstractTableModel):
    """The comparison as rows and columns, in the order and filter the facilitator chose."""

    def __init__(self, model: WorkshopModel) -> None:
        super().__init__(model)
        self.model = model
        self.comparison: Comparison | None = None
        self.rows: list[Row] = []
        self.names: list[str] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        comparison = self.model.comparison() if len(self.model.teams) else None
        self.comparison = comparison
        if comparison is None:
            self.rows, self.names = [], []
        else:
            rows = comparison.for_discussion()
            if self.model.differences_only:
                rows = [r for r in rows if r.kind == "stance" or not r.agreed]
            self.rows = rows
            self.names = comparison.names(self.model.anonymous)
        self.endResetModel()

    # ---- the table --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(self.names)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if section == QUESTION:
                return "Question"
            if section == SPREAD:
                return "Spread (steps)"
            return self.names[section - 2]
        return None

    def row(self, index: Index) -> Row:
        return self.rows[index.row()]

    def cell_text(self, row: Row, column: int) -> str:
        assert self.comparison is not None
        if column == QUESTION:
            return row.text
        if column == SPREAD:
            return spread_text(row, short=row.kind == "question")
        team = column - 2
        value = row.values[team]
        if value is None:
            if row.kind == "stance":
                missing = len(self.comparison.teams[team].missing)
                return f"Incomplete: {missing} unanswered"
            return "Not rated" if row.kind == "rating" else "No answer"
        return f"● {value}" if row.kind == "rating" else value

    def _colour(self, row: Row, column: int) -> str | None:
        if column < 2 or self.comparison is None:
            return None
        key = row.keys[column - 2]
        if key is None:
            return None
        if row.kind == "rating":
            return self.comparison.rulebook.rating(key).colour
        if row.kind == "stance":
            rank = row.ranks[column - 2] or 0
            return stance_colour(rank, len(row.scale))
        return None

    def text_colour(self, row: Row, column: int) -> str | None:
        """The colour a cell's words are drawn in (a rating, a recommendation), if any."""
        colour = self._colour(row, column)
        return style.RATING_TEXT_COLOURS[colour] if colour else None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self.cell_text(row, column)
            if role == Qt.ItemDataRole.AccessibleTextRole and column >= 2:
                return f"{self.names[column - 2]}: {text}"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == SPREAD and row.kind == "question" and row.ordered:
                return "Scale, least to most supportive: " + " · ".join(row.scale)
            return self.cell_text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self._colour(row, column)
            return QBrush(QColor(style.RATING_TEXT_COLOURS[colour])) if colour else None
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self._colour(row, column)
            if row.kind == "stance" and colour:
                tint = {"red": PALE_RED, "amber": PALE_AMBER, "green": PALE_GREEN}[colour]
                return QBrush(QColor(tint))
            if row.kind != "question":
                return QBrush(QColor(style.PALE))
            return None
        if role == Qt.ItemDataRole.FontRole and (row.kind != "question" or column == QUESTION):
            font = QFont()
            font.setBold(row.kind != "question" or not row.agreed)
            return font
        if role == ROW_ROLE:
            return row
        return None


def heading_widths(header: QHeaderView, model: QAbstractTableModel) -> list[int]:
    """The width each column's heading needs, drawn bold as it is while a row is chosen,
    with the style's margins either side."""
    font = QFont(header.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    pad = 2 * margin + metrics.averageCharWidth()
    orientation = Qt.Orientation.Horizontal
    return [
        metrics.horizontalAdvance(str(model.headerData(c, orientation))) + pad
        for c in range(model.columnCount())
    ]


def longest_word(table: QTableView, model: ComparisonTable) -> int:
    """The width the question column needs for its longest word, bold (as the
    recommendation and ratings are), so that no word is cut to an ellipsis."""
    font = QFont(table.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    words = {word for row in model.rows for word in row.text.split()}
    return max((metrics.horizontalAdvance(w) for w in words), default=0) + metrics.height()


class SpreadDelegate(QStyledItemDelegate):
    """The spread as the scale itself: one dot a step, least supportive on the left; the
    steps the teams chose filled, and a bar from the lowest answer to the highest."""

    MOST_STEPS = 6  # the longest scale in the core rulebook (risk appetite)

    @staticmethod
    def geometry(metrics: QFontMetrics) -> tuple[int, int]:
        """The dots' diameter and the gap between them, from the font."""
        size = max(6, metrics.height() // 2)
        return size, max(3, size // 3)

    @classmethod
    def width_for(cls, metrics: QFontMetrics, steps: int | None = None) -> int:
        size, gap = cls.geometry(metrics)
        dots = (steps or cls.MOST_STEPS) * (size + gap)
        return gap + dots + gap + metrics.horizontalAdvance("5 of 5") + 2 * gap

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        base = super().sizeHint(option, index)
        size, _gap = self.geometry(option.fontMetrics)
        return QSize(self.width_for(option.fontMetrics), max(base.height(), size * 2))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, Row) or row.kind != "question" or not row.ordered:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        widget = option.widget
        text = option.text
        option.text = ""
        style_ = widget.style() if widget is not None else None
        if style_ is not None:
            style_.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        size, gap = self.geometry(option.fontMetrics)
        rect = option.rect
        y = rect.top() + (rect.height() - size) // 2
        x0 = rect.left() + gap
        chosen = {r for r in row.ranks if r is not None}
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        blue = QColor("#FFFFFF" if selected else style.NHS_BLUE)
        outline = QColor("#FFFFFF" if selected else style.SECONDARY)
        hollow = QColor(style.NHS_BLUE if selected else "#FFFFFF")
        if chosen and not row.agreed:
            low, high = min(chosen), max(chosen)
            left = x0 + low * (size + gap) + size // 2
            right = x0 + high * (size + gap) + size // 2
            pen = QPen(blue, max(2, size // 3))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawLine(left, y + size // 2, right, y + size // 2)
        for step in range(len(row.scale)):
            x = x0 + step * (size + gap)
            painter.setPen(QPen(outline, 1))
            painter.setBrush(blue if step in chosen else hollow)
            painter.drawEllipse(QRect(x, y, size, size))
        palette = option.palette
        painter.setPen(palette.highlightedText().color() if selected else palette.text().color())
        text_left = x0 + len(row.scale) * (size + gap) + gap
        painter.drawText(
            QRect(text_left, rect.top(), rect.right() - text_left, rect.height()),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            text,
        )
        painter.restore()


def why_html(table: ComparisonTable, row: Row) -> str:
    """What the selected row is about, each team's answer, why it matters and the evidence."""
    comparison = table.comparison
    assert comparison is not None
    why = comparison.why(row)
    items = []
    for column, name in enumerate(table.names):
        value = escape(table.cell_text(row, column + 2))
        colour = table.text_colour(row, column + 2)  # in colour and words, as in the table
        if colour:
            value = f"<span style='color:{colour}'><b>{value}</b></span>"
        items.append(f"<li><b>{escape(name)}</b>: {value}</li>")
    answers = "".join(items)
    parts = [
        f"<h3 style='margin-top:0'>{escape(row.text)}</h3>",
        f"<p style='color:{style.SECONDARY}'>{escape(why.title)} · {escape(spread_text(row))}</p>",
        f"<ul>{answers}</ul>",
    ]
    if row.kind == "question" and row.ordered:
        parts.append(
            f"<p style='color:{style.SECONDARY}'>The scale, least to most supportive: "
            f"{escape(' · '.join(row.scale))}</p>"
        )
    if why.help:
        parts.append(f"<p>{escape(why.help)}</p>")
    if why.why:
        parts.append(f"<p><b>Why this matters.</b> {escape(why.why)}</p>")
    if why.citations:
        parts.append(
            f"<p style='color:{style.SECONDARY}'>Evidence: {escape('; '.join(why.citations))}</p>"
        )
    return "".join(parts)
