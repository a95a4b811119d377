"""The one background-operation helper: outcomes reach the UI thread, failures reach the
user as one line, progress and partial results arrive in order, cancellation is quiet."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from syslead_desktop.errors import SysLeadError
from syslead_desktop.ui.operations import (
    Operation,
    OperationContext,
    Progress,
    cancel_all,
    running_operations,
)

from .conftest import settle

pytestmark = pytest.mark.gui


@pytest.fixture
def parent(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_work_runs_off_the_ui_thread_and_success_runs_on_it(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    threads: dict[str, bool] = {}

    def work(_context: OperationContext) -> int:
        threads["work_on_main"] = threading.current_thread() is threading.main_thread()
        threads["collector_on"] = gc.isenabled()
        return 42

    results: list[int] = []

    def success(value: int) -> None:
        threads["success_on_main"] = threading.current_thread() is threading.main_thread()
        results.append(value)

    op = Operation(parent, work, success).run()
    assert op in running_operations()
    qtbot.waitUntil(lambda: results == [42])
    assert threads == {"work_on_main": False, "collector_on": False, "success_on_main": True}
    assert not op.running and running_operations() == []
    assert gc.isenabled(), "the collector is back on once the work has reported"


def test_a_failure_reaches_the_user_as_one_line(qtbot, parent: QWidget, answers) -> None:  # type: ignore[no-untyped-def]
    def broken(_context: OperationContext) -> None:
        raise SysLeadError("paper.pdf: cannot save (disk full)")

    Operation(parent, broken, lambda _r: None, error_title="Export failed").run()
    settle(qtbot)
    assert answers.errors == ["Export failed: paper.pdf: cannot save (disk full)"]


def test_a_bug_in_the_work_is_shown_in_one_line_and_logged_in_full(
    qtbot, parent: QWidget, answers
) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.services.error_log import log_path

    def buggy(_context: OperationContext) -> None:
        raise KeyError("missing_thing")

    reasons: list[str] = []
    Operation(parent, buggy, lambda _r: None).failure(reasons.append).run()
    settle(qtbot)
    assert reasons == ["Unexpected error: KeyError: 'missing_thing'"]
    assert answers.errors == [], "a failure callback replaces the default dialog"
    log = log_path()
    assert log is not None
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "missing_thing" in text and "def buggy" not in text
    assert "in buggy" in text


def test_progress_and_partial_results_arrive_in_order(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    def work(context: OperationContext) -> str:
        for number in range(5):
            context.deliver(number)
            context.progress(number + 1, 5)
        return "done"

    items: list[int] = []
    progress: list[Progress] = []
    finished: list[str] = []
    op = Operation(parent, work, finished.append).on_item(items.append)
    op.on_progress(progress.append).run()
    qtbot.waitUntil(lambda: finished == ["done"])
    assert items == [0, 1, 2, 3, 4]
    assert [(p.done, p.total) for p in progress] == [(n, 5) for n in range(1, 6)]


def test_cancelled_work_ends_quietly(qtbot, parent: QWidget, answers) -> None:  # type: ignore[no-untyped-def]
    started, release = threading.Event(), threading.Event()

    def work(context: OperationContext) -> str:
        started.set()
        release.wait(30)
        context.check()
        return "should not arrive"

    outcome: list[str] = []
    op = (
        Operation(parent, work, outcome.append)
        .on_cancelled(lambda: outcome.append("cancelled"))
        .finally_(lambda: outcome.append("finally"))
        .cancellable()
        .run()
    )
    assert started.wait(30)
    assert cancel_all(parent) == [op] and op.cancel_requested
    release.set()
    qtbot.waitUntil(lambda: "finally" in outcome)
    assert outcome == ["cancelled", "finally"] and answers.errors == []


def test_an_outcome_for_a_widget_that_has_gone_is_dropped(qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    widget = QWidget()
    outcome: list[object] = []
    Operation(widget, lambda _c: release.wait(30), outcome.append).run()
    widget.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(widget))
    release.set()
    settle(qtbot)
    assert outcome == [] and answers.errors == []


def test_the_error_log_stays_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from syslead_desktop.services import error_log

    monkeypatch.setattr(error_log, "MAX_BYTES", 4000)
    for number in range(60):
        try:
            raise ValueError(f"problem {number}")
        except ValueError as exc:
            path = error_log.log_exception(exc, "test")
    assert path is not None
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_size <= 4000
    assert "problem 59" in text and "problem 0\n" not in text
    assert text.startswith("=== "), "trimmed at an entry's start"
