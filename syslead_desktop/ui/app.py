"""``syslead-desktop [FILE]``: open the window on Home, or on FILE.

Start-up has two steps, so that something is on screen at once: the window with Home's
frame is shown first, then (from the event loop) the rulebook, settings and Home's lists
are read. Started with a file, the window opens it and offers any draft of it that a
session which stopped unexpectedly left behind."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import (
    APP_ID,
    APP_NAME,
    __version__,
    pause_collector,
    resume_collector,
    without_pydantic_plugins,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QWindow

    from ..engine.loader import LoadedRulebook
    from ..services.settings import Settings


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
        help="like --self-test, but also read the rulebook and Home's lists, and build every page",
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

    from ..locations import resources_dir
    from . import dialogs
    from .errorhook import ErrorHook
    from .main_window import MainWindow
    from .operations import GC_PAUSE
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
    if isinstance(app, QApplication):
        app.setStyleSheet(STYLE_SHEET)

    if isinstance(app, QApplication):
        app.focusWindowChanged.connect(fit_dialog_to_screen)

    # Show Home's frame first; read the rulebook and fill in the rest just after.
    window = MainWindow(None, autosave=not self_test)
    window.show()
    hook = ErrorHook(lambda: window).install()
    status = {"code": 0}

    def load(then: Callable[[], object]) -> None:
        """Read and verify the rulebook in the background (never on the UI thread: the
        first check of a rulebook takes most of a second), then ``then()``."""
        from ..services.rulebooks import load_verified_rulebook
        from .operations import Operation

        # Read once: reading a damaged file resets it, and its warning must reach the user.
        settings = window.read_settings()
        chosen = None if args.rulebook is not None or self_test else _chosen(settings[0])
        rulebook = args.rulebook if args.rulebook is not None else chosen

        def loaded(result: LoadedRulebook) -> None:
            window.finish_loading(result, settings)
            then()

        def failed(reason: str) -> None:
            if chosen is not None:  # the settings' rulebook: say so, use the standard one
                dialogs.show_error(
                    window,
                    "Cannot use your chosen rulebook",
                    f"{reason}\n\nSysLead is using its standard rulebook instead.",
                )
                Operation(window, lambda _c: load_verified_rulebook(None), loaded).failure(
                    refused
                ).run()
                return
            refused(reason)

        def refused(reason: str) -> None:
            print(f"syslead-desktop: error: {reason}", file=sys.stderr)
            if not self_test:
                dialogs.show_error(window, "Cannot use the rulebook", reason)
            status["code"] = 2
            app.exit(2)

        Operation(
            window,
            lambda _c: load_verified_rulebook(rulebook),
            loaded,
            label="Checking the rulebook",
        ).failure(failed).run()

    def report() -> None:
        if args.self_test_full:
            load(full_report)
            return
        shown = window.current_view
        ok = shown is not None and shown.isVisible()
        print("self-test ok" if ok else "self-test failed: no page shown", flush=True)
        app.exit(0 if ok else 1)

    def full_report() -> None:
        """Once Home's lists are read too (recent decisions, drafts, practice scenarios):
        then build the wizard and every page, and say whether it is shown."""
        from PySide6.QtCore import Qt

        from .operations import operations_changed, running_operations

        if running_operations():
            operations_changed().connect(full_report, Qt.ConnectionType.SingleShotConnection)
            return
        window.new_decision()  # builds the wizard and every page
        page = window.wizard.currentPage()
        ok = window.is_ready and page is not None and page.isVisibleTo(window)
        print("self-test ok" if ok else "self-test failed: no page shown", flush=True)
        app.exit(0 if ok else 1)

    def opened() -> None:
        if args.file is not None:
            window.open_path(args.file, confirmed=True)

    def start() -> None:
        try:
            load(opened)
        finally:
            resume_collector(False, freeze=True)
            GC_PAUSE.resume(collecting)  # now, or once Home's files have been read

    QTimer.singleShot(0, report if self_test else start)
    try:
        code = int(app.exec())
    finally:
        hook.uninstall()
        _let_background_work_end()
    return status["code"] or code


def fit_dialog_to_screen(window: QWindow | None) -> None:
    """Keep a dialog that has just come up on its screen: Qt's own file dialog (used where
    the desktop offers none) opened taller than a 1366×768 screen at 200%, its Save and
    Cancel buttons below the bottom edge. The main window sizes itself
    (``MainWindow.fit_to_screen``); a dialog bigger than the screen's free area is made
    to fit it, as far as its minimum size allows, and moved inside it."""
    screen = window.screen() if window is not None else None
    if window is None or screen is None:
        return
    free = screen.availableGeometry()
    frame = window.frameGeometry()
    # Whatever fits is left alone, so the main window coming up never asks its type:
    # naming Qt, or asking window.type(), builds every Qt enum (~15 ms before the first
    # page is shown).
    if free.contains(frame):
        return
    from PySide6.QtCore import Qt

    from .main_window import position_inside

    if window.type() not in (Qt.WindowType.Dialog, Qt.WindowType.Sheet):
        return
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    window.resize(
        max(window.minimumWidth(), min(window.width(), free.width() - extra_w)),
        max(window.minimumHeight(), min(window.height(), free.height() - extra_h)),
    )
    window.setFramePosition(position_inside(window.frameGeometry(), free))


def _chosen(settings: Settings) -> Path | None:
    """A trust's own rulebook, if one was chosen in the settings and is still there."""
    chosen = settings.rulebook_path
    return Path(chosen) if chosen and Path(chosen).is_file() else None


def _let_background_work_end() -> None:
    """Closing the window cancelled any background work; let it stop at its next check
    (nothing is written once cancelled), so the process ends cleanly."""
    from PySide6.QtCore import QCoreApplication

    from .operations import cancel_all, running_operations

    cancel_all()
    for op in running_operations():
        op.wait()
    QCoreApplication.sendPostedEvents()  # their last reports (the collector's release too)


if __name__ == "__main__":
    sys.exit(main())
