"""Autosave: a pause in typing saves soon, and typing without a pause still saves."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer

from syslead_desktop.ui import main_window
from syslead_desktop.ui.main_window import MainWindow

from .conftest import open_window

pytestmark = pytest.mark.gui

DEBOUNCE_MS = 300
MAX_DELAY_MS = 900
KEY_EVERY_MS = 60  # far quicker than the debounce: the debounce alone would never fire


@pytest.fixture
def saving_window(qtbot, answers, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(main_window, "AUTOSAVE_DELAY_MS", DEBOUNCE_MS)
    monkeypatch.setattr(main_window, "AUTOSAVE_MAX_DELAY_MS", MAX_DELAY_MS, raising=False)
    win = open_window(qtbot, autosave=True)
    win.wizard.next()
    assert win.session is not None
    yield win
    win.doc.set_modified(False)
    win.close()


def _record_writes(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    assert window.session is not None
    writes: list[float] = []
    real_write = window.session.write

    def write(*args, **kwargs):  # type: ignore[no-untyped-def]
        writes.append(time.monotonic())
        return real_write(*args, **kwargs)

    monkeypatch.setattr(window.session, "write", write)
    return writes


def test_non_stop_typing_is_still_saved_within_the_maximum_delay(
    qtbot, saving_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    writes = _record_writes(saving_window, monkeypatch)
    edit = saving_window.wizard.page_for("framing").title_edit  # type: ignore[attr-defined]
    typist = QTimer()
    typist.setInterval(KEY_EVERY_MS)
    typist.timeout.connect(lambda: edit.setText(edit.text()[-150:] + "x"))
    started = time.monotonic()
    typist.start()
    try:
        qtbot.waitUntil(lambda: len(writes) >= 2, timeout=3 * MAX_DELAY_MS)
    finally:
        typist.stop()
    assert writes[0] - started < MAX_DELAY_MS / 1000 + 0.5
    assert writes[1] - writes[0] < MAX_DELAY_MS / 1000 + 0.5, "and again while typing goes on"
    assert saving_window.session is not None and saving_window.session.meta_path.exists()


def test_a_pause_saves_after_the_short_delay_and_only_once(
    qtbot, saving_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    writes = _record_writes(saving_window, monkeypatch)
    edit = saving_window.wizard.page_for("framing").title_edit  # type: ignore[attr-defined]
    edit.setText("One change")
    changed = time.monotonic()
    qtbot.waitUntil(lambda: len(writes) == 1, timeout=MAX_DELAY_MS)
    assert writes[0] - changed < MAX_DELAY_MS / 1000
    qtbot.wait(MAX_DELAY_MS + 200)
    assert len(writes) == 1, "the maximum-delay timer does not save the same work again"


def test_saving_the_file_stops_both_timers(
    qtbot, saving_window: MainWindow, answers, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    writes = _record_writes(saving_window, monkeypatch)
    saving_window.wizard.page_for("framing").title_edit.setText("Saved at once")  # type: ignore[attr-defined]
    answers.save_path = tmp_path / "saved.syslead.yaml"
    assert saving_window.save()
    qtbot.wait(MAX_DELAY_MS + 200)
    assert writes == []


def test_a_failing_autosave_is_said_in_a_message_once_not_only_in_the_status_bar(
    saving_window: MainWindow, answers, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A failed autosave was one status-bar line, which the next message replaced: a full
    disk could leave a chief executive typing for an hour with nothing kept."""
    from syslead_desktop.errors import SysLeadError

    assert saving_window.session is not None
    failing = {"on": True}
    real_write = saving_window.session.write

    def write(*args, **kwargs):  # type: ignore[no-untyped-def]
        if failing["on"]:
            raise SysLeadError("recovery/draft.syslead.yaml: cannot save (No space left)")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(saving_window.session, "write", write)
    for title in ("One", "Two", "Three"):
        saving_window.doc.set_framing("title", title)
        saving_window.write_autosave()
    assert len(answers.errors) == 1, "said once, not at every keystroke's save"
    assert answers.errors[0].startswith("Autosave failed: recovery/draft.syslead.yaml")
    assert "save the decision now" in answers.errors[0]
    assert saving_window.statusBar().currentMessage().startswith("Autosave failed: ")
    failing["on"] = False
    saving_window.doc.set_framing("title", "Four")
    saving_window.write_autosave()  # works again
    failing["on"] = True
    saving_window.doc.set_framing("title", "Five")
    saving_window.write_autosave()
    assert len(answers.errors) == 2, "a new failure after it worked again is news"


def test_autosave_that_cannot_start_is_said_at_the_first_change(
    qtbot, answers, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Autosave off (no recovery folder) was one status-bar line at start, gone with the
    next message: nothing told the user, once they had work to lose, to save it."""
    from syslead_desktop.errors import SysLeadError
    from syslead_desktop.services.autosave import AutosaveSession

    def cannot(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise SysLeadError("/home/ce/.local/share/SysLead Desktop: cannot create (read-only)")

    monkeypatch.setattr(AutosaveSession, "start", staticmethod(cannot))
    window = open_window(qtbot, autosave=True)
    assert window.session is None
    assert window.statusBar().currentMessage().startswith("Autosave is off: ")
    assert answers.errors == [], "nothing to lose yet"
    for title in ("One", "Two"):
        window.doc.set_framing("title", title)
        window.write_autosave()
    assert len(answers.errors) == 1
    assert answers.errors[0].startswith("Autosave is off: /home/ce/.local/share/")
    assert "save the decision yourself" in answers.errors[0]
    window.doc.set_modified(False)
    window.close()
