"""``syslead-desktop [FILE]``: start the wizard."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import APP_ID, APP_NAME, __version__


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="syslead-desktop", description=APP_NAME)
    parser.add_argument("file", nargs="?", type=Path, help="a decision file or board paper PDF")
    parser.add_argument("--rulebook", type=Path, help="use another rulebook YAML file")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="show the first page, print 'self-test ok' and quit",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    self_test = args.self_test or os.environ.get("SYSLEAD_QUIT_AFTER_FIRST_PAGE") == "1"

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from ..engine.loader import load_rulebook, resources_dir
    from ..errors import SysLeadError
    from . import dialogs
    from .main_window import MainWindow
    from .style import STYLE_SHEET

    app = QApplication.instance() or QApplication([sys.argv[0]])
    QGuiApplication.setApplicationName(APP_NAME)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setOrganizationName("SysLead")
    QGuiApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    icon = resources_dir() / "icons" / "syslead.svg"
    if icon.exists():
        QGuiApplication.setWindowIcon(QIcon(str(icon)))
    app.setStyleSheet(STYLE_SHEET)  # type: ignore[union-attr]

    try:
        loaded = load_rulebook(args.rulebook)
    except SysLeadError as exc:
        print(f"syslead-desktop: error: {exc}", file=sys.stderr)
        return 2
    window = MainWindow(loaded, autosave=not self_test)
    window.show()
    if self_test:

        def report() -> None:
            page = window.wizard.currentPage()
            ok = page is not None and page.isVisible()
            print("self-test ok" if ok else "self-test failed: no page shown", flush=True)
            app.exit(0 if ok else 1)  # type: ignore[union-attr]

        QTimer.singleShot(0, report)
    else:
        if args.file is not None:
            QTimer.singleShot(0, lambda: window.open_path(args.file, confirmed=True))
        else:
            QTimer.singleShot(0, window.offer_recovery)
    del dialogs
    return int(app.exec())  # type: ignore[union-attr]


if __name__ == "__main__":
    sys.exit(main())
