"""The first window fits the screen it opens on, however small or scaled that screen is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWizard

from syslead_desktop.ui.main_window import SCREEN_SHARE, MainWindow, initial_geometry

pytestmark = pytest.mark.gui

# 1920×1080 at 200%: what is left for windows once a task bar takes its share.
SMALL = QRect(0, 0, 960, 540)


@pytest.mark.parametrize(
    "available",
    [SMALL, QRect(0, 0, 1280, 720), QRect(1920, 30, 3840, 2130), QRect(-800, 0, 800, 560)],
)
def test_initial_geometry_fits_inside_and_is_centred(available: QRect) -> None:
    preferred = QSize(900, 588)
    geometry = initial_geometry(preferred, available)
    assert available.contains(geometry)
    assert geometry.width() <= min(preferred.width(), available.width() * SCREEN_SHARE)
    assert geometry.height() <= min(preferred.height(), available.height() * SCREEN_SHARE)
    assert abs(geometry.center().x() - available.center().x()) <= 1
    assert abs(geometry.center().y() - available.center().y()) <= 1


def test_a_big_screen_gets_the_preferred_size() -> None:
    assert initial_geometry(QSize(900, 588), QRect(0, 0, 2560, 1400)).size() == QSize(900, 588)


def test_window_fitted_to_a_small_screen_shows_back_and_next(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.fit_to_screen(SMALL)
    qtbot.waitUntil(lambda: window.height() <= SMALL.height() * SCREEN_SHARE)
    assert SMALL.contains(window.geometry())
    window.wizard.next()
    for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton):
        button = window.wizard.button(which)
        assert button.isVisible()
        corner = button.mapTo(window, button.rect().bottomRight())
        assert window.rect().contains(corner), f"{button.text()} is outside the window"


PROBE = """
from PySide6.QtWidgets import QApplication, QWizard
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.ui.main_window import MainWindow

app = QApplication([])
window = MainWindow(load_rulebook(), autosave=False)
window.show()
window.new_decision()
app.processEvents()
next_button = window.wizard.button(QWizard.WizardButton.NextButton)
bottom = next_button.mapToGlobal(next_button.rect().bottomRight())
available = window.screen().availableGeometry()
print(available.width(), available.height(), window.screen().devicePixelRatio())
print(window.frameGeometry().bottom(), bottom.y(), window.frameGeometry().right())
"""


def test_real_window_on_a_1920x1080_screen_at_200_percent(tmp_path: Path) -> None:
    """A separate process whose (offscreen) screen is 1920×1080 pixels at 200%."""
    config = tmp_path / "screen.json"
    screen = {"name": "hidpi", "x": 0, "y": 0, "width": 960, "height": 540, "dpr": 2}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split("\n")
    assert lines[0] == "960 540 2.0", "the offscreen screen was not configured"
    frame_bottom, next_bottom, frame_right = (int(n) for n in lines[1].split())
    assert next_bottom < frame_bottom < 540 and frame_right < 960
