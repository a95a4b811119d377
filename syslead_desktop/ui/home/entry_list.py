"""A keyboard-first list of entries (a recent decision, a draft, a scenario), each shown
as a bold title over lines of detail that wrap to the width available.

Arrow keys move, Enter (or a double click) opens the current entry, Delete asks to
remove it. Each entry is named for assistive technology by its title and details. The
list is as tall as its entries (Home scrolls as a whole: no scroll area in a scroll area).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..style import BORDER, FOCUS, NHS_DARK_BLUE, PALE, REASON, SECONDARY, TEXT

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


@dataclass(frozen=True)
class ListEntry:
    """What one row shows. ``tone``: "normal", "quiet" (still reading) or "problem"."""

    key: object
    title: str
    details: tuple[str, ...] = ()
    tone: str = "normal"

    @property
    def spoken(self) -> str:
        return ". ".join([self.title, *self.details])


class EntryDelegate(QStyledItemDelegate):
    """Paints an entry: bold title, then its details, wrapped; the current entry of a
    focused list on NHS yellow, as focus is shown everywhere else."""

    def __init__(self, view: EntryList) -> None:
        super().__init__(view)
        self.view = view

    def _padding(self) -> int:
        return max(4, self.view.fontMetrics().height() // 3)

    def _fonts(self) -> tuple[QFont, QFont]:
        base = QFont(self.view.font())
        bold = QFont(base)
        bold.setBold(True)
        return bold, base

    def _lines(self, entry: ListEntry, width: int) -> list[tuple[str, QFont, QRect]]:
        bold, base = self._fonts()
        lines: list[tuple[str, QFont, QRect]] = []
        for text, font in [(entry.title, bold), *((d, base) for d in entry.details)]:
            box = QFontMetrics(font).boundingRect(QRect(0, 0, max(1, width), 100_000), WRAP, text)
            lines.append((text, font, box))
        return lines

    def height_for(self, entry: ListEntry, width: int) -> int:
        pad = self._padding()
        lines = self._lines(entry, width - 2 * pad)
        return 2 * pad + sum(box.height() for _t, _f, box in lines) + pad // 2 * (len(lines) - 1)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        entry = index.data(ENTRY_ROLE)
        width = self.view.viewport().width()
        if not isinstance(entry, ListEntry):
            return super().sizeHint(option, index)
        return QSize(width, self.height_for(entry, width))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, ListEntry):
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect
        state = option.state
        current = bool(state & QStyle.StateFlag.State_HasFocus) and self.view.hasFocus()
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        if current:
            painter.fillRect(rect, QColor(FOCUS))
        elif selected:
            painter.fillRect(rect, QColor(PALE))
        painter.setPen(QPen(QColor(BORDER)))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        pad = self._padding()
        top = rect.top() + pad
        for number, (text, font, box) in enumerate(self._lines(entry, rect.width() - 2 * pad)):
            painter.setFont(font)
            if number == 0:
                colour = SECONDARY if entry.tone == "quiet" else NHS_DARK_BLUE
            elif entry.tone == "problem" and number == 1:
                colour = REASON
            else:
                colour = TEXT if current else SECONDARY
            painter.setPen(QColor(TEXT if current and number == 0 else colour))
            target = QRect(rect.left() + pad, top, rect.width() - 2 * pad, box.height())
            painter.drawText(target, WRAP, text)
            top += box.height() + pad // 2
        painter.restore()


class EntryList(QListWidget):
    """The list itself; ``opened`` and ``remove_requested`` carry the entry's key."""

    opened = Signal(object)
    remove_requested = Signal(object)
    current_changed = Signal()

    def __init__(self, name: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        self.setItemDelegate(EntryDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setTabKeyNavigation(False)
        self.itemActivated.connect(lambda item: self.opened.emit(item.data(ENTRY_ROLE).key))
        self.currentRowChanged.connect(lambda _row: self.current_changed.emit())
        self.entries: list[ListEntry] = []

    def set_entries(self, entries: list[ListEntry]) -> None:
        """Show ``entries``, keeping the current one (by key) where it still exists."""
        if entries == self.entries:
            return
        keep = self.current_key()
        self.blockSignals(True)
        self.clear()
        for entry in entries:
            item = QListWidgetItem()
            item.setData(ENTRY_ROLE, entry)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.spoken)
            item.setData(Qt.ItemDataRole.ToolTipRole, entry.details[-1] if entry.details else "")
            self.addItem(item)
        self.entries = list(entries)
        keys = [e.key for e in entries]
        if entries:
            self.setCurrentRow(keys.index(keep) if keep in keys else 0)
        self.blockSignals(False)
        self.current_changed.emit()
        self._fit_height()

    def current_entry(self) -> ListEntry | None:
        item = self.currentItem()
        entry = item.data(ENTRY_ROLE) if item is not None else None
        return entry if isinstance(entry, ListEntry) else None

    def current_key(self) -> object:
        entry = self.current_entry()
        return entry.key if entry is not None else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        entry = self.current_entry()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and entry is not None:
            self.remove_requested.emit(entry.key)
            event.accept()
            return
        super().keyPressEvent(event)

    def _fit_height(self) -> None:
        """As tall as every entry at the current width, so nothing scrolls inside it."""
        delegate = self.itemDelegate()
        assert isinstance(delegate, EntryDelegate)
        width = self.viewport().width()
        rows = sum(delegate.height_for(entry, width) for entry in self.entries)
        frame = 2 * self.frameWidth()
        minimum = self.fontMetrics().lineSpacing() + frame
        height = max(minimum, rows + frame) if self.entries else minimum
        if height != self.height():
            self.setFixedHeight(height)
            # The section holding the list lays itself out again, but the page's layout
            # kept the section's old height for its width: the list ran on past the end
            # of Home and under the buttons below it. Tell every layout above it.
            parent = self.parentWidget()
            while parent is not None and not isinstance(parent, QAbstractScrollArea):
                parent.updateGeometry()
                parent = parent.parentWidget()
        self.setVisible(bool(self.entries))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()
