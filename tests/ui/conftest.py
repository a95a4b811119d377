"""Fixtures for driving the real wizard offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication

from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.ui import dialogs
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.operations import running_operations

QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


class Answers:
    """Canned replies for every dialog; a test changes the ones it cares about."""

    def __init__(self) -> None:
        self.unsaved = "discard"
        self.recover = True
        self.pdf_path: Path | None = None
        self.save_path: Path | None = None
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.asked: list[str] = []
        self.overwrite = "cancel"
        self.discard_draft = True
        self.print_anyway = True


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    canned = Answers()

    def unsaved(_parent: object, name: str, _action: str = "close") -> str:
        canned.asked.append(f"unsaved:{name}")
        return canned.unsaved

    def recover(_parent: object, text: str) -> bool:
        canned.asked.append(f"recover:{text}")
        return canned.recover

    monkeypatch.setattr(dialogs, "ask_unsaved", unsaved)

    def overwrite(_parent: object, reason: str) -> str:
        canned.asked.append(f"overwrite:{reason}")
        return canned.overwrite

    def discard_draft(_parent: object, text: str) -> bool:
        canned.asked.append(f"discard:{text}")
        return canned.discard_draft

    monkeypatch.setattr(dialogs, "ask_recover", recover)
    monkeypatch.setattr(dialogs, "ask_overwrite_changed", overwrite)
    monkeypatch.setattr(dialogs, "ask_discard_draft", discard_draft)

    def print_anyway(_parent: object, lines: list[str]) -> bool:
        canned.asked.append("unprintable:" + "\n".join(lines))
        return canned.print_anyway

    monkeypatch.setattr(dialogs, "ask_print_anyway", print_anyway)
    monkeypatch.setattr(dialogs, "ask_pdf_path", lambda _p, _s: canned.pdf_path)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _s: canned.save_path)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda _p, _f: None)
    monkeypatch.setattr(dialogs, "show_error", lambda _p, t, m: canned.errors.append(f"{t}: {m}"))
    monkeypatch.setattr(dialogs, "show_info", lambda _p, t, m: canned.infos.append(f"{t}: {m}"))
    return canned


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wait until every background operation has reported back (Home's lists, exports)."""
    qtbot.waitUntil(lambda: not running_operations(), timeout=30_000)


def open_window(qtbot, autosave: bool = False, new: bool = True) -> MainWindow:  # type: ignore[no-untyped-def]
    """A shown window, its Home lists read; with ``new``, on a new decision (the wizard)."""
    win = MainWindow(load_rulebook(), autosave=autosave)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    settle(qtbot)
    if new:
        win.new_decision()
    return win


@pytest.fixture
def window(qtbot, answers: Answers) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The window on a new decision: the app opens on Home, New decision shows the wizard."""
    win = open_window(qtbot)
    yield win
    win.doc.set_modified(False)
    win.close()
    settle(qtbot)


@pytest.fixture(autouse=True)
def _no_background_work_left(qtbot):  # type: ignore[no-untyped-def]
    """Each test ends with its background work reported back and the widgets it let go
    of deleted, so none of it (nor the collector's pause while work runs) reaches into
    the next test: a window left for the collector to destroy in the middle of the
    next test's widgets crashed Qt."""
    yield
    settle(qtbot)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
