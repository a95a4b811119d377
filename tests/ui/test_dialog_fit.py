"""A dialog never opens bigger than its screen (#12 item 5, seen at 200% on a 1366×768
screen: Qt's own file dialog put Save and Cancel below the bottom edge)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from syslead_desktop.ui.app import fit_dialog_to_screen

pytestmark = pytest.mark.gui


@pytest.fixture
def fitting(qapp: QApplication):  # type: ignore[no-untyped-def]
    qapp.focusWindowChanged.connect(fit_dialog_to_screen)
    yield
    qapp.focusWindowChanged.disconnect(fit_dialog_to_screen)


def test_a_dialog_taller_than_the_screen_is_made_to_fit(qtbot, fitting) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    dialog = QFileDialog(owner, "Export board paper")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    free = dialog.screen().availableGeometry()
    dialog.resize(free.width() * 2, free.height() * 2)
    dialog.move(free.topLeft())
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: free.contains(dialog.frameGeometry()), timeout=3000)
    assert dialog.minimumSizeHint().height() <= dialog.height()
    dialog.reject()


def test_a_dialog_that_fits_is_left_where_it_is(qtbot, fitting) -> None:  # type: ignore[no-untyped-def]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    free = dialog.screen().availableGeometry()
    dialog.setGeometry(free.left() + 20, free.top() + 30, 200, 100)
    before = dialog.geometry()
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle(), timeout=3000)
    assert dialog.geometry() == before
    dialog.reject()
