"""The window pauses the garbage collector while it starts, then runs it again."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from syslead_desktop.ui import app as app_module
from syslead_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_the_collector_runs_again_once_the_wizard_is_built(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    during: list[bool] = []

    def offer_recovery(self: MainWindow) -> None:  # the last start-up step
        during.append(gc.isenabled())
        QTimer.singleShot(0, self.close)  # the app quits when its last window closes

    monkeypatch.setattr(MainWindow, "offer_recovery", offer_recovery)
    try:
        assert app_module.main([]) == 0
        assert during == [False], "start-up should run with the collector paused"
        assert gc.isenabled(), "the collector must run again once the window is up"
        assert gc.get_freeze_count() > 0, "what start-up built is frozen"
    finally:
        gc.enable()
        gc.unfreeze()
