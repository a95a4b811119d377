"""Run by tests/ui/test_home.py in a process of its own, on an offscreen screen of a
given size and scale (tests/ui/processes.py): Home as the app shows it, with every
section it can hold, and what a keyboard user would see of it, printed as JSON.

    python probe_home.py DECISION_FILE
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from probe_screen import cut_off_sideways, squeezed
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from syslead_desktop.services.autosave import AutosaveSession
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.register import Library
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.settings import Settings, save_settings
from syslead_desktop.ui.home.entry_list import EntryList
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.operations import running_operations
from syslead_desktop.ui.style import STYLE_SHEET


def prepare(example: Path, folder: Path) -> None:
    """A draft to recover, a register folder (reviews due), a recent file and a gone one."""
    session = AutosaveSession.start()
    session.write(load_decision(example), None)
    session._lock.close()
    library = Library(folder / "register")
    recent = [str(example), str(folder / "gone.syslead.yaml")]
    save_settings(Settings(recent_files=recent, library=str(library.root)))


def seen(window: MainWindow, widget: QWidget) -> bool:
    """Whether what has the focus is wholly in view: a list's current entry, or the widget."""
    viewport = window.home.scroller.viewport()
    if isinstance(widget, EntryList) and widget.currentItem() is not None:
        rect = widget.visualItemRect(widget.currentItem())
        where = widget.viewport()
    else:
        rect, where = widget.rect(), widget
    corner = where.mapTo(viewport, rect.topLeft())
    return viewport.rect().contains(QRect(corner, rect.size()))


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setStyleSheet(STYLE_SHEET)
    example = Path(sys.argv[1])
    prepare(example, Path(sys.argv[2]))
    window = MainWindow(load_rulebook(), autosave=False)
    window.show()
    window.activateWindow()
    while running_operations():
        app.processEvents()
    for _ in range(5):
        app.processEvents()
    home = window.home
    screen = window.screen().availableGeometry()
    problems = cut_off_sideways(home.scroller)
    problems += [
        f"{label.text()[:30]!r} is squeezed"
        for label in home.findChildren(QLabel)
        if label.isVisible() and squeezed(label)
    ]
    for entries in home.findChildren(EntryList):
        for row in range(entries.count()):
            rect = entries.visualItemRect(entries.item(row))
            if entries.isVisible() and not entries.viewport().rect().contains(rect):
                problems.append(f"{entries.accessibleName()}: entry {row + 1} is cut off")
    at_start = [
        b.text()
        for b in (home.new_button, home.open_button, home.register_button)
        if seen(window, b)
    ]
    # Tab once round Home, then every heading's Alt+letter: is the focus always in view?
    unseen, tabs = [], 0
    first = QApplication.focusWidget()
    while tabs < 60:
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        tabs += 1
        focus = QApplication.focusWidget()
        if focus is first or focus is None:
            break
        if not seen(window, focus):
            unseen.append(focus.accessibleName() or type(focus).__name__)
    for label in home.findChildren(QLabel):
        if label.buddy() is not None and label.isVisible() and "&" in label.text():
            key = label.text()[label.text().index("&") + 1].upper()
            QTest.keyClick(window, getattr(Qt.Key, f"Key_{key}"), Qt.KeyboardModifier.AltModifier)
            focus = QApplication.focusWidget()
            if focus is not label.buddy() or not seen(window, focus):
                unseen.append(f"Alt+{key} ({label.text()})")
    report = {
        "screen": [screen.width(), screen.height(), window.screen().devicePixelRatio()],
        "fits_screen": screen.contains(window.frameGeometry()),
        "sections": [
            s.list.accessibleName()
            for s in (home.drafts, home.reviews, home.recent, home.practice)
            if s.isVisible() and s.list is not None
        ],
        "problems": problems,
        "at_start": at_start,
        "tabs": tabs,
        "unseen": unseen,
        "sideways_scroll": home.scroller.horizontalScrollBar().maximum(),
        "smallest_pt": min(
            w.font().pointSizeF() for w in home.findChildren(QLabel) if w.isVisible()
        ),
        "base_pt": QApplication.font().pointSizeF(),
        "heading_x": home.heading.mapTo(window, QPoint(0, 0)).x(),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
