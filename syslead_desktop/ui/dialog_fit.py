"""Dialogs that fit the screen: a form taller than a small screen at 200% scrolls, while
its lead and its buttons stay in view.

A 1366x768 screen at 200% is 683x384 logical pixels, less than many forms need. A dialog
made with :class:`FittedDialog` puts its form in a :class:`~.widgets.PageScrollArea`
(which also puts the labels above the fields when it is narrow) and asks for the whole
form when the screen has room for it, else for what the screen has."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QWidget

from .widgets import PageScrollArea

#: The share of the screen a dialog may take, leaving room for the window's title bar
#: and frame (which the screen's available size includes) and the desktop's panel.
WIDTH_SHARE, HEIGHT_SHARE = 19 / 20, 17 / 20


class FittedDialog(QDialog):
    """A dialog whose body (``body(content)``) scrolls when the screen is too small."""

    scroller: PageScrollArea | None = None
    _content: QWidget | None = None
    _sized = False

    def body(self, content: QWidget) -> PageScrollArea:
        """The scrolling area to put in the dialog's layout, holding ``content``."""
        self._content = content
        self.scroller = PageScrollArea(content)
        return self.scroller

    def sizeHint(self) -> QSize:
        """The whole form if the screen has room for it, else what the screen has."""
        hint = super().sizeHint()
        if self.scroller is None or self._content is None:
            return hint
        content = self._content.sizeHint().expandedTo(self._content.minimumSizeHint())
        if self._content.hasHeightForWidth():  # lines that wrap at that width
            content.setHeight(max(content.height(), self._content.heightForWidth(content.width())))
        bar = self.scroller.verticalScrollBar().sizeHint().width()
        outside = hint - self.scroller.sizeHint()
        wanted = QSize(content.width() + bar, content.height()) + outside
        screen = self.screen()
        if screen is None:
            return wanted
        room = screen.availableGeometry().size()
        return wanted.boundedTo(
            QSize(int(room.width() * WIDTH_SHARE), int(room.height() * HEIGHT_SHARE))
        )

    def showEvent(self, event: QShowEvent) -> None:
        """Opens at the size it asks for: Qt holds a new window to two thirds of the
        screen, so Preferences scrolled on a 1366x768 laptop at 100% with room to spare."""
        if not self._sized:
            self._sized = True
            self.resize(self.sizeHint().expandedTo(self.size()))
        super().showEvent(event)
