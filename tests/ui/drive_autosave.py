"""Run the real app, change the decision, wait for the autosave, then idle until killed.

Used by test_recovery.py: the test SIGKILLs this process and checks the next start.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from syslead_desktop.engine.loader import load_rulebook
from syslead_desktop.services.paths import recovery_dir
from syslead_desktop.ui.main_window import MainWindow


def main() -> None:
    app = QApplication(sys.argv[:1])
    window = MainWindow(load_rulebook(), autosave=True)
    window.show()
    window.open_path(Path(sys.argv[1]), confirmed=True)
    window.wizard.next()
    window.wizard.page_for("framing").title_edit.setText(sys.argv[2])  # type: ignore[attr-defined]
    deadline = time.monotonic() + 60
    while not list(recovery_dir().glob("*.meta.yaml")):
        app.processEvents()
        time.sleep(0.05)
        if time.monotonic() > deadline:
            print("no autosave", flush=True)
            sys.exit(1)
    print("autosaved", flush=True)
    while True:  # keep the session (and its lock) alive until killed
        app.processEvents()
        time.sleep(0.1)


if __name__ == "__main__":
    main()
