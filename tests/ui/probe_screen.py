"""Run by tests/ui/test_small_screens.py in a process of its own, on an offscreen screen
of a given size and scale: opens the example in the real window with the real style
sheet, as the app does, walks every page and prints what a user would see as JSON.

    python probe_screen.py [--presentation]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
    QWizard,
)

from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.style import STYLE_SHEET
from syslead_desktop.ui.widgets import PageScrollArea

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scanning-capacity.syslead.yaml"
TEXT_WIDGETS = (QLabel, QAbstractButton, QLineEdit, QPlainTextEdit)


def cut_off_sideways(area: QScrollArea) -> list[str]:
    content, viewport = area.widget(), area.viewport()
    problems = []
    for child in content.findChildren(QWidget):
        if child.isVisibleTo(content) and not child.objectName().startswith("qt_"):
            right = child.mapTo(viewport, QPoint(child.width(), 0)).x()
            if right > viewport.width():
                problems.append(f"{child.accessibleName() or type(child).__name__} is cut off")
    return problems


def squeezed(label: QLabel) -> bool:
    """A wrapping label given less height than its text needs loses its last line."""
    return label.wordWrap() and label.height() < label.heightForWidth(label.width())


def fields_in_view(area: QScrollArea) -> int:
    """How many of a form's fields, with their labels, are wholly in view."""
    form = area.widget().findChild(QFormLayout)
    viewport = area.viewport()
    seen = 0
    for row in range(form.rowCount()):
        parts = [
            form.itemAt(row, role)
            for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole)
        ]
        widgets = [p.widget() for p in parts if p is not None and p.widget() is not None]
        if not widgets:
            continue
        rects = [QRect(w.mapTo(viewport, QPoint(0, 0)), w.size()) for w in widgets]
        if all(viewport.rect().contains(r) for r in rects):
            seen += 1
    return seen


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setStyleSheet(STYLE_SHEET)
    base = app.font().pointSizeF()
    window = MainWindow(load_rulebook(), autosave=False)
    window.show()
    window.open_path(EXAMPLE, confirmed=True)
    if "--presentation" in sys.argv:
        window.presentation.trigger()
    app.processEvents()
    screen = window.screen().availableGeometry()
    report: dict[str, object] = {
        "screen": [screen.width(), screen.height(), window.screen().devicePixelRatio()],
        "window": [window.width(), window.height()],
        "fits_screen": screen.contains(window.frameGeometry())
        or (window.isFullScreen() and window.geometry() == window.screen().geometry()),
        "base_pt": base,
        "pages": {},
    }
    wizard = window.wizard
    wizard.restart()
    for step in window.flow.steps:
        for _ in range(5):  # let every layout settle, as it has by the time anyone looks
            app.processEvents()
        page = wizard.currentPage()
        problems: list[str] = []
        for area in page.findChildren(PageScrollArea):
            if area.isVisibleTo(window):
                problems += cut_off_sideways(area)
        for button in wizard.steps.buttons:
            if squeezed(button.label):
                problems.append(f"step {button.label.text()!r} is squeezed")
        for label in page.findChildren(QLabel):
            if (
                label.isVisibleTo(window)
                and squeezed(label)
                and not label.parent().inherits("QScrollArea")
            ):
                inside = any(a.isAncestorOf(label) for a in page.findChildren(PageScrollArea))
                if not inside:
                    problems.append(f"{label.text()[:30]!r} is squeezed")
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton):
            button = wizard.button(which)
            if button.isVisible():
                corner = button.mapTo(window, button.rect().bottomRight())
                if not window.rect().contains(corner):
                    problems.append(f"{button.text()} is outside the window")
        sizes = [
            w.font().pointSizeF()
            for w in window.findChildren(QWidget)
            if isinstance(w, TEXT_WIDGETS) and w.isVisible()
        ]
        area = page.findChild(PageScrollArea)
        report["pages"][step.id] = {  # type: ignore[index]
            "problems": problems,
            "smallest_pt": min(sizes),
            "fields_in_view": fields_in_view(area)
            if area is not None and area.widget().findChild(QFormLayout)
            else None,
        }
        wizard.next()
    window.doc.set_modified(False)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
