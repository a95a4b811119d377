"""The window's busy indicator (#14: "a progress indication and cancellation where it
makes sense"): long background work shows what it is and how far it has got, work that
can be cancelled has a Cancel button and Escape, and quick work never flickers."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from syslead_desktop.services import workflow
from syslead_desktop.ui.busy import SHOW_AFTER_MS
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.operations import Operation, OperationContext

from .conftest import open_window, settle

pytestmark = pytest.mark.gui


def _blocking(release: threading.Event, started: threading.Event | None = None):  # type: ignore[no-untyped-def]
    def work(context: OperationContext) -> str:
        if started is not None:
            started.set()
        while not release.wait(0.02):
            context.check()
        return "done"

    return work


def test_long_work_shows_what_it_is_and_escape_cancels_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    busy = window.busy
    release = threading.Event()
    outcome: list[str] = []
    op = (
        Operation(window, _blocking(release), outcome.append, label="Writing paper.pdf")
        .on_cancelled(lambda: outcome.append("cancelled"))
        .cancellable()
        .run()
    )
    assert not busy.isVisible(), "not at once: quick work must not flicker"
    qtbot.waitUntil(busy.isVisible, timeout=5000)
    assert busy.label.text() == "Writing paper.pdf…"
    assert busy.cancel_button.isVisible() and busy.cancel_button.isEnabled()
    assert busy.cancel_button.accessibleName() == "Cancel: Writing paper.pdf…"
    assert busy.bar.maximum() == 0, "no count reported: the bar moves"
    assert busy.cancel_action.isEnabled()
    qtbot.keyClick(window.wizard.currentPage(), Qt.Key.Key_Escape)
    assert op.cancel_requested
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=10_000)
    assert not busy.isVisible() and not busy.cancel_action.isEnabled()
    release.set()


def test_the_cancel_button_cancels_and_says_so(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    busy = window.busy
    release, started = threading.Event(), threading.Event()
    outcome: list[str] = []
    # Work that checks only when released: "Cancelling…" is shown until it stops.
    op = (
        Operation(window, lambda c: (started.set(), release.wait(30), c.check()), outcome.append)
        .on_cancelled(lambda: outcome.append("cancelled"))
        .cancellable()
        .run()
    )
    assert started.wait(10)
    qtbot.waitUntil(busy.isVisible, timeout=5000)
    assert busy.label.text() == "Working…", "work without a label still says something"
    qtbot.mouseClick(busy.cancel_button, Qt.MouseButton.LeftButton)
    assert op.cancel_requested
    assert busy.label.text() == "Cancelling…" and not busy.cancel_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=10_000)
    assert not busy.isVisible()


def test_work_that_cannot_be_cancelled_offers_no_cancel_and_shows_its_count(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    busy = window.busy
    step, release = threading.Event(), threading.Event()

    def work(context: OperationContext) -> None:
        context.progress(3, 10, "three")
        step.set()
        release.wait(30)

    Operation(window, work, lambda _r: None, label="reading the register").run()
    assert step.wait(10)
    qtbot.waitUntil(busy.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: busy.bar.maximum() == 10)
    assert busy.bar.value() == 3
    assert busy.label.text() == "Reading the register…", "a label reads as a sentence"
    assert not busy.cancel_button.isVisible() and not busy.cancel_action.isEnabled()
    release.set()
    settle(qtbot)
    assert not busy.isVisible()


def test_quick_work_never_shows_and_escape_is_left_alone(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    busy = window.busy
    shown: list[bool] = []
    done: list[str] = []
    Operation(window, lambda _c: "quick", done.append, label="Quick").cancellable().run()
    deadline = time.monotonic() + SHOW_AFTER_MS / 1000 * 2
    while time.monotonic() < deadline:
        shown.append(busy.isVisible())
        QApplication.processEvents()
    assert done == ["quick"] and not any(shown)
    assert not busy.cancel_action.isEnabled(), "Escape goes on to the page when nothing runs"


def test_work_of_another_window_is_not_shown(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    other = QWidget()
    qtbot.addWidget(other)
    release = threading.Event()
    Operation(other, _blocking(release), lambda _r: None, label="Elsewhere").cancellable().run()
    qtbot.wait(SHOW_AFTER_MS * 2)
    assert not window.busy.isVisible() and not window.busy.cancel_action.isEnabled()
    release.set()
    settle(qtbot)


def test_an_export_is_shown_and_escape_cancels_it_without_a_file(
    qtbot, answers, tmp_path: Path, example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, new=False)
    assert window.open_path(example_path, confirmed=True)
    rendering, release = threading.Event(), threading.Event()
    real_render = workflow.render_assessed

    def slow_render(assessed, check):  # type: ignore[no-untyped-def]
        rendering.set()
        while not release.wait(0.02):
            check()
        return real_render(assessed, check)

    monkeypatch.setattr(workflow, "render_assessed", slow_render)
    answers.pdf_path = tmp_path / "paper.pdf"
    window.export_pdf()
    assert rendering.wait(30)
    qtbot.waitUntil(window.busy.isVisible, timeout=5000)
    assert window.busy.label.text() == "Writing paper.pdf…"
    assert "Writing" not in window.statusBar().currentMessage(), "said once, not twice"
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.busy.isVisible(), timeout=10_000)
    finish = window.wizard.page_for("finish")
    assert "cancelled" in finish.status.text()  # type: ignore[attr-defined]
    assert not answers.pdf_path.exists() and answers.errors == []
    release.set()
    window.doc.set_modified(False)
    window.close()
    settle(qtbot)


def test_the_indicator_is_one_line_of_text_high(qtbot, qapp, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """At 200% on a 768-line screen the Cancel button, padded like every other button,
    made the status bar grow by half a line whenever work ran, jolting the page up."""
    from syslead_desktop.ui.style import STYLE_SHEET

    qapp.setStyleSheet(STYLE_SHEET)
    try:
        release = threading.Event()
        Operation(window, _blocking(release), lambda _r: None, label="Slow").cancellable().run()
        qtbot.waitUntil(window.busy.isVisible, timeout=5000)
        line = window.busy.label.fontMetrics().lineSpacing()
        assert window.busy.cancel_button.height() <= line * 1.5
        assert window.busy.height() <= line * 1.5
        release.set()
        settle(qtbot)
    finally:
        qapp.setStyleSheet("")


def test_the_bar_grows_with_the_text_in_presentation_mode(qtbot, qapp, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.ui.style import STYLE_SHEET, set_text_scale

    qapp.setStyleSheet(STYLE_SHEET)
    try:
        before = window.busy.bar.maximumHeight()
        set_text_scale(1.5)
        qtbot.waitUntil(lambda: window.busy.bar.maximumHeight() > before)
        assert window.busy.bar.maximumHeight() == window.busy.bar.fontMetrics().height()
    finally:
        set_text_scale(1.0)
        qapp.setStyleSheet("")
