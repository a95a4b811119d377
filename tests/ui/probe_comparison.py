"""Run by tests/ui/test_workshop_screens.py in a process of its own, on an offscreen screen
of a given size and scale: opens a three-team workshop in the real window with the real
style sheet, as the app does, shows the comparison (and the teams' view) and prints what
the room would see as JSON: whether the window fits the screen, every control in view,
each column's heading whole, and whether the table scrolls sideways.

    python probe_comparison.py WORKSHOP [--presentation] [--dejavu]
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QStyle,
    QWidget,
)

from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.style import STYLE_SHEET
from syslead_desktop.ui.widgets import PageScrollArea
from syslead_desktop.ui.workshop.comparison_view import ComparisonView


def squeezed(label: QLabel) -> bool:
    """A wrapping label given less height than its text needs loses its last line."""
    return label.wordWrap() and label.height() < label.heightForWidth(label.width())


def scrolled_in(widget: QWidget, root: QWidget) -> QScrollArea | None:
    """The page scroll area of ``root`` that ``widget`` is in, if any."""
    for area in root.findChildren(PageScrollArea):
        if area.widget() is not None and area.widget().isAncestorOf(widget):
            return area
    return None


def out_of_view(root: QWidget, window: QWidget) -> list[str]:
    """The buttons and boxes of ``root`` not wholly inside the window (and its screen)."""
    screen = window.screen().geometry()
    problems = []
    for button in root.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or button.objectName().startswith("qt_"):
            continue
        if button.parent().inherits("QScrollBar"):
            continue
        rect = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        inside = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
        name = button.text().replace("&", "")
        area = scrolled_in(button, root)
        if area is not None:  # it may be scrolled out of view, but never sideways
            viewport = QRect(area.viewport().mapToGlobal(QPoint(0, 0)), area.viewport().size())
            inside = inside.intersected(viewport)
            rect.moveTop(inside.top())
            rect.setHeight(min(rect.height(), inside.height()))
        if not (inside.contains(rect) and screen.contains(rect)):
            problems.append(f"{name!r} is out of view")
        elif (
            button.width() < button.sizeHint().width()
            or button.height() < button.sizeHint().height()
        ):
            problems.append(f"{name!r} is squeezed")
    for label in root.findChildren(QLabel):
        if label.isVisibleTo(window) and squeezed(label):
            problems.append(f"{label.text()[:30]!r} is squeezed")
    return problems


def headings_cut(view: ComparisonView) -> list[str]:
    """A column heading wider than its column (drawn bold when its row is chosen)."""
    header = view.table.horizontalHeader()
    font = QFont(header.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    model = view.table.model()
    cut = []
    for column in range(model.columnCount()):
        text = str(model.headerData(column, header.orientation()))
        if metrics.horizontalAdvance(text) + 2 * margin > header.sectionSize(column):
            cut.append(f"heading {text!r} is cut off")
    return cut


def words_cut(view: ComparisonView) -> list[str]:
    """A word in the question column wider than the column (it would be elided)."""
    table, model = view.table, view.table_model
    width = table.horizontalHeader().sectionSize(0)
    cut = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        font = QFont(table.font())
        font.setBold(True)  # the widest a cell of that column is drawn
        metrics = QFontMetrics(font)
        for word in str(model.data(index)).split():
            if metrics.horizontalAdvance(word) + metrics.height() > width:
                cut.append(f"{word!r} is elided")
    return sorted(set(cut))


def new_workshop_dialog(window: MainWindow) -> list[str]:
    """The new-workshop dialog on this screen, made to fit it as the app does
    (ui/app.py's fit_dialog_to_screen): its minimum size within the screen, and every
    button and label whole."""
    from syslead_desktop.services.practice import library
    from syslead_desktop.ui.workshop.dialogs import NewWorkshopDialog

    dialog = NewWorkshopDialog(library(), window)
    free = window.screen().availableGeometry()
    dialog.show()
    dialog.resize(
        max(dialog.minimumWidth(), min(dialog.width(), free.width())),
        max(dialog.minimumHeight(), min(dialog.height(), free.height())),
    )
    for _ in range(5):
        QApplication.processEvents()
    problems = []
    least = dialog.minimumSizeHint()
    if least.height() > free.height() or least.width() > free.width():
        problems.append(f"the dialog needs {least.width()}x{least.height()}")
    problems += out_of_view(dialog, dialog)
    if os.environ.get("PROBE_SHOTS"):  # to look at by hand
        dialog.grab().save(f"{os.environ['PROBE_SHOTS']}-dialog.png")
    dialog.reject()
    return problems


def main() -> int:
    app = QApplication(sys.argv[:1])
    if "--dejavu" in sys.argv:  # a desktop whose sans-serif is DejaVu Sans (wide letters)
        fonts = Path(__file__).resolve().parents[2] / "resources" / "fonts"
        for face in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
            QFontDatabase.addApplicationFont(str(fonts / face))
        font = QFont("DejaVu Sans", app.font().pointSize())
        app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
    window = MainWindow(load_rulebook(), autosave=False)
    window.show()
    window.open_path(Path(sys.argv[1]))
    if "--presentation" in sys.argv:
        window.presentation.trigger()
    report: dict[str, object] = {}
    screen = window.screen().availableGeometry()
    report["screen"] = [screen.width(), screen.height(), window.screen().devicePixelRatio()]
    for view_id in ("workshop", "comparison"):
        window.show_view(view_id)
        for _ in range(5):  # let every layout settle, as it has by the time anyone looks
            app.processEvents()
        view = window.views[view_id]
        problems = out_of_view(view, window)
        if isinstance(view, ComparisonView):
            problems += headings_cut(view) + words_cut(view)
            if view.table.horizontalScrollBar().maximum() > 0:
                problems.append("the table scrolls sideways")
            rows = view.table.viewport().height() // max(1, view.table.rowHeight(0))
            if rows < 2:
                problems.append(f"the table shows {rows} rows at once")
        report[view_id] = problems
        if view_id == "workshop":  # the hand-over says whom to pass the laptop to
            title, page = view.handover_title, view.handover_page.viewport()
            top = title.mapTo(page, QPoint(0, 0)).y()
            if top < 0 or top + title.height() > page.height():
                problems.append(f"{title.text()!r} is scrolled out of view")
        if isinstance(view, ComparisonView):
            report["why_beside"] = view.splitter.orientation() == Qt.Orientation.Horizontal
        if os.environ.get("PROBE_SHOTS"):  # to look at by hand
            window.grab().save(f"{os.environ['PROBE_SHOTS']}-{view_id}.png")
    report["dialog"] = new_workshop_dialog(window)
    report["fits_screen"] = screen.contains(window.frameGeometry()) or (
        window.isFullScreen() and window.geometry() == window.screen().geometry()
    )
    report["window"] = [window.width(), window.height()]
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
