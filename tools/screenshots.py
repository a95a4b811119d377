"""Produce the README screenshots from the real app (``make screenshots``).

Runs offscreen, opens the example decision and grabs the main pages to docs/screenshots/.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
EXAMPLE = ROOT / "examples" / "scanning-capacity.syslead.yaml"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("SYSLEAD_USER_DIR", tempfile.mkdtemp(prefix="syslead-shots-"))
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from syslead_desktop.services.rulebook_file import load_rulebook
    from syslead_desktop.ui.main_window import MainWindow
    from syslead_desktop.ui.style import STYLE_SHEET

    app = QApplication.instance() or QApplication(sys.argv[:1])
    for font in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        for folder in (ROOT / "resources" / "fonts", Path("/usr/share/fonts/truetype/dejavu")):
            if (folder / font).exists():
                QFontDatabase.addApplicationFont(str(folder / font))
                break
    app.setFont(QFont("DejaVu Sans", 10))
    app.setStyleSheet(STYLE_SHEET)
    window = MainWindow(load_rulebook(), autosave=False)
    window.resize(1280, 860)
    window.open_path(EXAMPLE, confirmed=True)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)
    factors = window.flow.rulebook.factors
    wanted = {
        "welcome": "1-welcome",
        "framing": "2-framing",
        f"factor:{factors[min(2, len(factors) - 1)].id}": "3-factor",
        "review": "4-review",
        "finish": "5-board-paper",
    }
    for step in window.flow.steps:
        if step.id in wanted:
            app.processEvents()
            window.grab().save(str(OUT / f"{wanted[step.id]}.png"))
            print(f"wrote {OUT / (wanted[step.id] + '.png')}")
        window.wizard.next()
        app.processEvents()
    window.doc.set_modified(False)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
