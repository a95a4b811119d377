"""The window pauses the garbage collector while it starts, then runs it again."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from syslead_desktop.ui import app as app_module
from syslead_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_the_collector_runs_again_once_the_window_is_ready(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    during: list[bool] = []
    real_refresh = MainWindow.refresh_home

    def refresh_home(self: MainWindow) -> None:  # the last step of start-up
        during.append(gc.isenabled())
        real_refresh(self)
        QTimer.singleShot(0, self.close)  # the app quits when its last window closes

    monkeypatch.setattr(MainWindow, "refresh_home", refresh_home)
    try:
        assert app_module.main([]) == 0
        assert during == [False], "start-up should run with the collector paused"
        assert gc.isenabled(), "the collector must run again once the window is up"
        assert gc.get_freeze_count() > 0, "what start-up built is frozen"
    finally:
        gc.enable()
        gc.unfreeze()
