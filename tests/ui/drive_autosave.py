"""Run the real program, type a new title, wait for the autosave, then idle until killed.

Used by test_recovery.py, which SIGKILLs this process and checks the next start.

    python drive_autosave.py TITLE [DECISION_FILE]

The program starts exactly as ``syslead-desktop [DECISION_FILE]`` does (``app.main``);
this script only adds timers that wait for the window (choosing New decision on Home
when no file is given), type the title into the framing page key by key, and print
``autosaved`` once the recovery draft is on disk.  Every step
runs from a QTimer inside the app's own event loop (no processEvents() loops).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from syslead_desktop.services.paths import recovery_dir
from syslead_desktop.ui import app as desktop_app
from syslead_desktop.ui.main_window import MainWindow

TIMEOUT_MS = 60_000
POLL_MS = 50


def main() -> int:
    title = sys.argv[1]
    file_args = sys.argv[2:3]
    qapp = QApplication(sys.argv[:1])
    state = {"waited": 0, "typed": False}

    def window() -> MainWindow | None:
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.is_ready:
                return widget
        return None

    def step() -> None:
        state["waited"] += POLL_MS
        if state["waited"] > TIMEOUT_MS:
            print("no autosave", flush=True)
            qapp.exit(1)
            return
        win = window()
        opened = win is not None and (not file_args or win.doc.path is not None)
        if win is not None and opened and not state["typed"]:
            if not file_args:
                win.new_decision()
            win.wizard.next()
            edit = win.wizard.page_for("framing").title_edit  # type: ignore[attr-defined]
            edit.selectAll()
            QTest.keyClicks(edit, title)  # a real edit: one key press at a time
            state["typed"] = True
        if state["typed"] and list(recovery_dir().glob("*.meta.yaml")):
            print("autosaved", flush=True)
            return  # idle in the event loop, holding the session's lock, until killed
        QTimer.singleShot(POLL_MS, step)

    QTimer.singleShot(POLL_MS, step)
    return desktop_app.main(file_args)


if __name__ == "__main__":
    sys.exit(main())
