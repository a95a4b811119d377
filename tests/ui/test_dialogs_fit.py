"""The board secretary's dialogs fit the screen they are on: on a 1366x768 laptop at 200%
(683x384 logical pixels) Preferences was 528 pixels tall, its OK and Cancel off the
screen. Their forms now scroll, the buttons stay in view. Each test runs here, on the
test screen, and again in a process of its own on that laptop at 200%."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from syslead_desktop.services.settings import Settings
from syslead_desktop.ui.dialog_fit import HEIGHT_SHARE, WIDTH_SHARE, FittedDialog
from syslead_desktop.ui.preferences import PreferencesDialog
from syslead_desktop.ui.register_dialogs import Filed, StatusDialog
from tests.unit.test_trust_profile import profile

from .processes import laptop_env, run_pytest


def preferences() -> QDialog:
    return PreferencesDialog(profile(), Settings(library="/srv/shared/Board register"))


def status() -> QDialog:
    day = dt.date(2026, 12, 10)
    return StatusDialog(
        Filed("Share a collective staff bank", "submitted", "Board", day, day), "sc"
    )


@pytest.mark.parametrize("make", [preferences, status])
def test_the_dialog_fits_the_screen(qtbot, make) -> None:  # type: ignore[no-untyped-def]
    dialog = make()
    assert isinstance(dialog, FittedDialog)
    qtbot.addWidget(dialog)
    room = dialog.screen().availableGeometry()
    wanted = dialog.sizeHint()
    assert wanted.height() <= room.height() * HEIGHT_SHARE, (wanted, room)
    assert wanted.width() <= room.width() * WIDTH_SHARE, (wanted, room)
    dialog.resize(wanted)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)  # type: ignore[union-attr]
    assert ok.isVisible()
    assert dialog.rect().contains(ok.mapTo(dialog, ok.rect().bottomRight())), "OK is in view"
    form = dialog.scroller.widget()  # type: ignore[attr-defined]
    if form.minimumSizeHint().height() > dialog.scroller.viewport().height():  # type: ignore[attr-defined]
        assert dialog.scroller.verticalScrollBar().maximum() > 0  # type: ignore[attr-defined]


@pytest.mark.parametrize("make", [preferences, status])
def test_the_dialog_opens_at_the_size_it_asks_for(qtbot, make) -> None:  # type: ignore[no-untyped-def]
    """Shown as the main window shows it (no resize first), the dialog is not held to two
    thirds of the screen: on a 1366x768 laptop at 100% Preferences scrolled with room to
    spare, lines that wrap included."""
    dialog = make()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height() * HEIGHT_SHARE
    assert dialog.scroller.verticalScrollBar().maximum() == 0, "the whole form is in view"  # type: ignore[attr-defined]


@pytest.mark.parametrize("make", [preferences, status])
def test_no_empty_band_above_the_buttons(qtbot, make) -> None:  # type: ignore[no-untyped-def]
    """qa F5: at 200% Preferences left an empty band (about 55 pixels) between its form
    and OK/Cancel: the line kept for a problem (29 points here). It takes room only when
    it has something to say, and then it is said between the form and the buttons."""
    dialog = make()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    spacing = dialog.layout().spacing()
    gap = buttons.geometry().top() - dialog.scroller.geometry().bottom() - 1  # type: ignore[attr-defined]
    assert gap <= spacing, f"{gap} points between the form and the buttons"
    if isinstance(dialog, StatusDialog):
        dialog._say("Give the date.")
    else:
        dialog.problem.setText("Give the organisation's name.")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.problem.isVisible())  # type: ignore[attr-defined]
    problem = dialog.problem.geometry()  # type: ignore[attr-defined]
    assert dialog.scroller.geometry().bottom() < problem.top() < buttons.geometry().top()  # type: ignore[attr-defined]


def test_they_open_whole_on_a_laptop_at_100_percent(tmp_path: Path) -> None:
    env = laptop_env(tmp_path, 1)
    run_pytest(env, f"{__file__}::test_the_dialog_opens_at_the_size_it_asks_for")


def test_they_fit_a_laptop_at_200_percent(tmp_path: Path) -> None:
    env = laptop_env(tmp_path, 2)
    run_pytest(
        env,
        f"{__file__}::test_the_dialog_fits_the_screen",
        f"{__file__}::test_no_empty_band_above_the_buttons",
    )
