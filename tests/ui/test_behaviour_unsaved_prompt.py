"""The unsaved-changes question names what the user is doing: closing, New or Open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from syslead_desktop.ui import dialogs
from syslead_desktop.ui.main_window import MainWindow

from .conftest import open_window

pytestmark = pytest.mark.gui


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The real dialogs.ask_unsaved runs; its message box records its text and cancels."""
    texts: list[str] = []

    def cancel(box: QMessageBox) -> int:
        texts.append(f"{box.text()} {box.informativeText()}")
        return int(QMessageBox.StandardButton.Cancel.value)

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    return texts


@pytest.fixture
def edited(qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = open_window(qtbot)
    win.wizard.next()
    win.wizard.page_for("framing").title_edit.setText("Half done")  # type: ignore[attr-defined]
    assert win.isWindowModified()
    yield win
    win.doc.set_modified(False)
    win.close()


ACTIONS: dict[str, Callable[[MainWindow, Path], object]] = {
    "before closing?": lambda w, _p: w.close(),
    "before starting a new decision?": lambda w, _p: w.new_decision(),
    "before opening another decision?": lambda w, _p: w.open_dialog(),
    "before opening another decision? (recent file)": lambda w, p: w.open_path(p),
    "before going to Home?": lambda w, _p: w.go_home(),
}


@pytest.mark.parametrize("wording", ACTIONS)
def test_the_question_fits_the_action(
    edited: MainWindow, shown: list[str], example_path: Path, wording: str
) -> None:
    ACTIONS[wording](edited, example_path)
    expected = wording.split(" (")[0]
    assert len(shown) == 1
    assert "“Half done” has changes that have not been saved." in shown[0]
    assert shown[0].endswith(f"Do you want to save them {expected}")
    others = [w.split(" (")[0] for w in ACTIONS if not w.startswith(expected)]
    assert not any(other in shown[0] for other in others)
    assert edited.isVisible() and edited.doc.decision.framing.title == "Half done", (
        "cancel keeps the work"
    )


def test_every_action_has_its_own_question() -> None:
    assert len(set(dialogs.UNSAVED_QUESTIONS.values())) == len(dialogs.UNSAVED_QUESTIONS)
    assert set(dialogs.UNSAVED_QUESTIONS) == {"close", "new", "open", "home"}
