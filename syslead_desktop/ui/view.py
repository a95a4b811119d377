"""What the main window hosts: views (Home, the decision wizard, later the register).

A view is a widget that takes its model in its constructor and listens to it (napari's
pattern), and tells the window what it adds: menus of its own and actions for the File
menu, shown only while it is the current view. It never reaches into another view: it
asks the window for shared work through signals or the window's public methods.

Kept free of the ``Qt`` namespace and of the engine, so that the first view can be on
screen before anything else is imported (see ``welcome.py``)."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget


class View(QWidget):
    """Base class of every view the main window hosts.

    Subclasses set ``view_id`` (unique in the window) and ``title`` (used in the window
    title and the View menu); they override what they need of the methods below."""

    view_id: ClassVar[str] = ""
    title: ClassVar[str] = ""
    #: Listed in the window's View menu, to go to it directly.
    in_view_menu: ClassVar[bool] = False

    #: The view's part of the window title changed (``window_title``).
    title_changed = Signal()

    def window_title(self) -> str:
        """What the window title shows while this view is current ("" for the app name alone)."""
        return self.title

    def menus(self) -> list[QMenu]:
        """Menus of its own, added to the menu bar while the view is current."""
        return []

    def file_actions(self) -> list[QAction]:
        """Actions for the File menu (after Save As), while the view is current."""
        return []

    def activated(self) -> None:
        """The view has become the current one."""

    def deactivated(self) -> None:
        """Another view has become current."""

    def position(self) -> str | None:
        """Where the user is in this view (kept with the recovery draft), if it matters."""
        return None

    def go_to(self, position: str) -> None:
        """Return to a ``position`` given earlier by :meth:`position`."""

    def ok_to_close(self) -> bool:
        """The window is about to close, or to replace this view: False keeps both (the
        user chose to stay, say to save work that could not be saved)."""
        return True

    def shutdown(self) -> None:
        """The window is closing: cancel background work, never wait for it."""
