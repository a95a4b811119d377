"""Start the real program (``app.main``) as ``syslead-desktop [FILE]`` would, answer the
recovery question with ANSWER, and print what the user would see; then quit.

    python drive_recovery.py yes|no [DECISION_FILE]

The question is answered by replacing ``dialogs.ask_recover`` here, in the test's own
driver (the shipped program has no test hook). Printed, one line each, as JSON:
``{"offered": [...], "home_drafts": [...], "title": ..., "page": ..., "path": ...,
"modified": ...}`` once the window is ready and Home's lists have been read.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from syslead_desktop.ui import app as desktop_app
from syslead_desktop.ui import dialogs
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.operations import running_operations

POLL_MS = 50
TIMEOUT_MS = 60_000


def main() -> int:
    answer = sys.argv[1] == "yes"
    file_args = sys.argv[2:3]
    qapp = QApplication(sys.argv[:1])
    offered: list[str] = []

    def ask_recover(_parent: object, description: str) -> bool:
        offered.append(description)
        return answer

    dialogs.ask_recover = ask_recover  # type: ignore[assignment]
    dialogs.ask_unsaved = lambda *_args: "discard"  # type: ignore[assignment]
    state = {"waited": 0}

    def step() -> None:
        state["waited"] += POLL_MS
        win = next((w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)), None)
        settled = win is not None and win.is_ready and not running_operations()
        if not settled and state["waited"] < TIMEOUT_MS:
            QTimer.singleShot(POLL_MS, step)
            return
        assert win is not None
        view = win.current_view
        shown = {
            "offered": offered,
            "home_drafts": [d.title for d in win.home_model.drafts],
            "view": view.view_id if view is not None else None,
            "title": win.doc.decision.framing.title,
            "page": win.decision_view.position() if view is win.decision_view else None,
            "path": str(win.doc.path) if win.doc.path else None,
            "modified": win.doc.modified,
        }
        print(json.dumps(shown), flush=True)
        win.close()

    QTimer.singleShot(POLL_MS, step)
    return desktop_app.main(file_args)


if __name__ == "__main__":
    sys.exit(main())
