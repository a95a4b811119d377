"""The PDF export thread never runs Python's garbage collector (it could destroy widgets
from the wrong thread), and the collector is back on once the export has reported."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from syslead_desktop.services import workflow
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.operations import GarbageCollectorPause

pytestmark = pytest.mark.gui


def test_export_thread_runs_without_the_garbage_collector(
    qtbot, window: MainWindow, answers, tmp_path: Path, example_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(example_path, confirmed=True)
    seen: dict[str, object] = {}
    real_render = workflow.render_assessed
    release = threading.Event()

    def watching_render(assessed, *check):  # type: ignore[no-untyped-def]
        seen["gc_enabled"] = gc.isenabled()
        seen["main_thread"] = threading.current_thread() is threading.main_thread()
        release.wait(30)
        return real_render(assessed, *check)

    monkeypatch.setattr(workflow, "render_assessed", watching_render)
    answers.pdf_path = tmp_path / "paper.pdf"
    assert gc.isenabled()
    with qtbot.waitSignal(window.exported, timeout=60_000):
        window.export_pdf()
        qtbot.waitUntil(lambda: "gc_enabled" in seen, timeout=30_000)
        answers.pdf_path = tmp_path / "second.pdf"
        window.export_pdf()  # refused while the first is still writing
        assert "Still writing" in window.statusBar().currentMessage()
        release.set()
    assert seen == {"gc_enabled": False, "main_thread": False}
    assert gc.isenabled()
    assert (tmp_path / "paper.pdf").exists() and not (tmp_path / "second.pdf").exists()


def test_failed_export_turns_the_collector_back_on(
    qtbot, window: MainWindow, answers, tmp_path: Path, example_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(example_path, confirmed=True)

    def broken_render(_assessed, *_check):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(workflow, "render_assessed", broken_render)
    answers.pdf_path = tmp_path / "paper.pdf"
    with qtbot.waitSignal(window.export_failed, timeout=60_000) as blocker:
        window.export_pdf()
    assert blocker.args == ["Unexpected error: OSError: disk full"]
    assert gc.isenabled()
    assert answers.errors == ["Export failed: Unexpected error: OSError: disk full"]


def test_pause_nests_and_keeps_a_collector_that_was_already_off() -> None:
    pause = GarbageCollectorPause()
    pause.hold()
    pause.hold()
    pause.release()
    assert not gc.isenabled()
    pause.release()
    assert gc.isenabled()
    pause.release()  # one release too many is harmless
    assert gc.isenabled()
    gc.disable()
    try:
        pause.hold()
        pause.release()
        assert not gc.isenabled(), "a collector someone else turned off stays off"
    finally:
        gc.enable()
