"""Fixtures for driving the real wizard offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from syslead_desktop.engine.loader import load_rulebook
from syslead_desktop.ui import dialogs
from syslead_desktop.ui.main_window import MainWindow

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
    monkeypatch.setattr(dialogs, "ask_recover", recover)
    monkeypatch.setattr(dialogs, "ask_pdf_path", lambda _p, _s: canned.pdf_path)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _s: canned.save_path)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda _p, _f: None)
    monkeypatch.setattr(dialogs, "show_error", lambda _p, t, m: canned.errors.append(f"{t}: {m}"))
    monkeypatch.setattr(dialogs, "show_info", lambda _p, t, m: canned.infos.append(f"{t}: {m}"))
    return canned


@pytest.fixture
def window(qtbot, answers: Answers) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(load_rulebook(), autosave=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.doc.set_modified(False)
    win.close()
