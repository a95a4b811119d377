"""``syslead-desktop [FILE]``: start the wizard.

For tests of the real program, ``SYSLEAD_TEST_AUTO_RECOVER=1`` (or ``0``) answers the
start-up offer to recover an autosaved draft without showing it: see
``dialogs.ask_recover``.  It is never set in normal use."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import (
    APP_ID,
    APP_NAME,
    __version__,
    pause_collector,
    resume_collector,
    without_pydantic_plugins,
)


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="syslead-desktop", description=APP_NAME)
    parser.add_argument("file", nargs="?", type=Path, help="a decision file or board paper PDF")
    parser.add_argument("--rulebook", type=Path, help="use another rulebook YAML file")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="show the first page, print 'self-test ok' and quit",
    )
    parser.add_argument(
        "--self-test-full",
        action="store_true",
        help="like --self-test, but also read the rulebook and build every page",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    without_pydantic_plugins()
    collecting = pause_collector()  # until the wizard is built: see pause_collector
    args = _parse(sys.argv[1:] if argv is None else argv)
    args.self_test = args.self_test or args.self_test_full
    self_test = args.self_test or os.environ.get("SYSLEAD_QUIT_AFTER_FIRST_PAGE") == "1"

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from ..errors import SysLeadError
    from ..locations import resources_dir
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

    # Show the welcome page first; read the rulebook and build the rest just after.
    window = MainWindow(None, autosave=not self_test)
    window.show()
    status = {"code": 0}

    def load() -> bool:
        from ..engine.loader import load_rulebook
        from ..services.settings import load_settings

        rulebook = args.rulebook
        if rulebook is None and not self_test:
            chosen = load_settings()[0].rulebook_path  # a trust's own rulebook, if chosen
            rulebook = Path(chosen) if chosen and Path(chosen).is_file() else None
        try:
            window.finish_loading(load_rulebook(rulebook))
        except SysLeadError as exc:
            print(f"syslead-desktop: error: {exc}", file=sys.stderr)
            if not self_test:
                dialogs.show_error(window, "Cannot read the rulebook", str(exc))
            status["code"] = 2
            app.exit(2)  # type: ignore[union-attr]
            return False
        return True

    def report() -> None:
        if args.self_test_full and not load():
            return
        if args.self_test_full:
            page = window.wizard.currentPage()
            ok = window.is_ready and page is not None and page.isVisibleTo(window)
        else:
            central = window.centralWidget()
            ok = central is not None and central.isVisible()
        print("self-test ok" if ok else "self-test failed: no page shown", flush=True)
        app.exit(0 if ok else 1)  # type: ignore[union-attr]

    def start() -> None:
        try:
            if not load():
                return
            if args.file is not None:
                window.open_path(args.file, confirmed=True)
            else:
                window.offer_recovery()
        finally:
            resume_collector(collecting, freeze=True)

    QTimer.singleShot(0, report if self_test else start)
    code = int(app.exec())  # type: ignore[union-attr]
    return status["code"] or code


if __name__ == "__main__":
    sys.exit(main())
