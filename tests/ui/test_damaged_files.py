"""A damaged settings file or draft never breaks the start: a clear message, the rest of
the app working, never a traceback on the console or a window left half loaded (#12)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from syslead_desktop.services.autosave import AutosaveSession
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.paths import settings_path
from syslead_desktop.services.settings import load_settings

from .conftest import open_window

pytestmark = pytest.mark.gui

DAMAGE = {
    "impossible date": "recent_files: []\nlast_folder: 2026-02-30\n",
    "list key": "recent_files: ['/tmp/a.syslead.yaml']\n? [a, b]\n: 1\n",
    "key twice": "rulebook_path: /tmp/one.yaml\nrulebook_path: /tmp/two.yaml\n",
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_settings_file_is_reset_with_a_message_naming_what(
    qtbot, answers, damage: str
) -> None:  # type: ignore[no-untyped-def]
    settings_path().write_text(DAMAGE[damage], encoding="utf-8")
    window = open_window(qtbot, new=False)
    assert window.is_ready and window.home.new_button.isEnabled()
    saving = {window.save_action, window.save_as_action}  # nothing to save on Home
    left = [a.text() for a in window._needs_rulebook if a not in saving and not a.isEnabled()]
    assert left == [], "no menu is left disabled"
    assert len(answers.infos) == 1
    title, message = answers.infos[0].split(": ", 1)
    assert title == "Settings were reset"
    assert str(settings_path()) in message and "kept as settings.yaml.bad-" in message
    named = {
        "impossible date": ["the list of recent decisions", "the folder the file dialogs"],
        "list key": ["the list of recent decisions"],
        "key twice": ["the rulebook you chose"],
    }[damage]
    for words in named:
        assert words in message
    assert "presentation mode" not in message or damage == "list key"
    shown = window.statusBar().currentMessage()
    assert shown.startswith("Settings were reset to the defaults: ") and shown.endswith(".")
    assert str(settings_path()) not in shown, "what was reset, not the whole message"
    assert load_settings() == (load_settings()[0], None), "the defaults are in use now"


def test_every_setting_has_a_name_for_the_reset_message() -> None:
    from syslead_desktop.services.settings import SETTING_NAMES, Settings

    assert set(SETTING_NAMES) == set(Settings.model_fields) - {"schema_version"}


def test_settings_that_cannot_be_read_at_all_name_every_setting(qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    settings_path().write_bytes(b"\x00\xff not yaml at all")
    open_window(qtbot, new=False)
    message = answers.infos[0]
    for words in ("recent decisions", "file dialogs", "rulebook you chose", "register folder"):
        assert words in message


DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from syslead_desktop.ui import app, dialogs
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.operations import running_operations

qapp = QApplication(sys.argv[:1])
dialogs.show_info = lambda _p, title, message: print("INFO", title, "|", message, flush=True)
dialogs.show_error = lambda _p, title, message: print("ERROR", title, "|", message, flush=True)

def report():
    window = next(w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow))
    if not window.is_ready or running_operations():
        QTimer.singleShot(20, report)
        return
    print("READY", window.home.new_button.isEnabled(), len(window.home_model.drafts),
          len(window.home_model.damaged_drafts), flush=True)
    window.close()

QTimer.singleShot(20, report)
sys.exit(app.main([]))
"""


def test_the_real_program_starts_cleanly_past_damaged_settings_and_drafts(
    example_path: Path,
) -> None:
    settings_path().write_text(DAMAGE["impossible date"], encoding="utf-8")
    for number in range(2):
        session = AutosaveSession.start()
        session.write(load_decision(example_path), None)
        if number == 0:  # an impossible date: this draft cannot be read
            text = session.draft_path.read_text(encoding="utf-8")
            damaged = re.sub(r"(?m)^created: .*$", "created: 2026-02-30", text)
            assert damaged != text
            session.draft_path.write_text(damaged, encoding="utf-8")
        session._lock.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", DRIVER], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert "INFO Settings were reset |" in done.stdout and "ERROR" not in done.stdout
    assert "READY True 1 1" in done.stdout, done.stdout


def test_settings_that_cannot_be_saved_say_so(
    qtbot, answers, example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A failed save of the settings (the recent list after opening a file) was dropped
    without a word; the next start then showed a recent list without the file."""
    from syslead_desktop.errors import SysLeadError
    from syslead_desktop.services import settings as settings_module

    def cannot(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise SysLeadError("settings.yaml: cannot save (read-only)")

    window = open_window(qtbot, new=False)
    monkeypatch.setattr(settings_module, "save_settings", cannot)
    assert window.open_path(example_path, confirmed=True)
    assert window.statusBar().currentMessage() == (
        "Settings not saved: settings.yaml: cannot save (read-only)"
    )
    assert window.settings.recent_files[0] == str(example_path.resolve()), "kept for now"
    window.close()
