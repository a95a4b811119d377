"""Long work off the UI thread, the one way the app does it (after Anki's ``QueryOp``).

    Operation(parent, work, success).failure(on_error).cancellable().run()

``work(context)`` runs in a worker thread and must not touch any widget; what it returns
goes to ``success`` in the UI thread. It may report progress (``context.progress``), hand
over partial results (``context.deliver``, received by ``on_item``) and should call
``context.check()`` now and then: after :meth:`Operation.cancel` that raises
:class:`Cancelled` and the operation ends quietly (``on_cancelled``).

Any failure reaches the user as one line: a :class:`~syslead_desktop.errors.SysLeadError`
as its own message, anything else as "Unexpected error: Type: message" with the
traceback written to the log file (:mod:`~syslead_desktop.services.error_log`). Without a
``failure`` callback the line is shown in an error dialog, so it never vanishes.

While any operation runs, Python's cyclic garbage collector is paused (it would run in
whichever thread allocates past its threshold, and could destroy widgets caught in
reference cycles from a worker thread, which crashes Qt), and it collects once in the UI
thread when the last one has reported back.
"""

from __future__ import annotations

import gc
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ..errors import SysLeadError

T = TypeVar("T")


class Cancelled(Exception):
    """Raised by :meth:`OperationContext.check` once the operation has been cancelled."""


class GarbageCollectorPause:
    """Keeps Python's cyclic garbage collector off while background work runs.

    Nested holds count; the collector is turned back on (and collects once, in the
    calling thread) by the last release, unless someone else had turned it off."""

    def __init__(self) -> None:
        self.depth = 0
        self._was_enabled = False

    def hold(self) -> None:
        if self.depth == 0:
            self._was_enabled = gc.isenabled()
            gc.disable()
        self.depth += 1

    def release(self) -> None:
        if self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0 and self._was_enabled:
            gc.enable()
            gc.collect()

    def resume(self, enable: bool) -> None:
        """Turn the collector on (if ``enable``) now, or, while work runs, once the last
        operation has reported back (start-up pauses it too: see ``pause_collector``)."""
        if self.depth:
            self._was_enabled = self._was_enabled or enable
        elif enable:
            gc.enable()


GC_PAUSE = GarbageCollectorPause()


@dataclass(frozen=True)
class Progress:
    """How far an operation has got: ``done`` of ``total`` (``total`` 0: unknown)."""

    done: int = 0
    total: int = 0
    text: str = ""


class OperationContext:
    """What the work function gets: cancellation, progress and partial results.

    Safe to use from the worker thread; it never touches a widget."""

    def __init__(self, op_id: int, relay: _Relay) -> None:
        self._id = op_id
        self._relay = relay
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the operation has been cancelled."""
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int = 0, total: int = 0, text: str = "") -> None:
        self._relay.news.emit(self._id, "progress", Progress(done, total, text))

    def deliver(self, item: object) -> None:
        """Hand a partial result to ``on_item`` in the UI thread (e.g. one file read)."""
        self._relay.news.emit(self._id, "item", item)


class _Relay(QObject):
    """One object, living in the UI thread, that carries every worker's news back to it.

    It lives as long as the application, so no worker thread ever holds the last
    reference to a Qt object (which would destroy it in the wrong thread)."""

    news = Signal(int, str, object)  # operation id, what happened, its payload
    running_changed = Signal()
    progressed = Signal(int)  # an operation's id: it reported progress

    _instance: ClassVar[_Relay | None] = None

    def __init__(self) -> None:
        super().__init__()
        self.operations: dict[int, Operation[Any]] = {}
        # News comes from worker threads only, so the automatic connection queues it to
        # the UI thread. (Naming Qt.ConnectionType.QueuedConnection would import the Qt
        # namespace, ~25 ms, before the first page: this module is part of it.)
        self.news.connect(self._dispatch)

    @classmethod
    def get(cls) -> _Relay:
        if cls._instance is None or not shiboken6.isValid(cls._instance):
            cls._instance = _Relay()
        return cls._instance

    def _dispatch(self, op_id: int, kind: str, payload: object) -> None:
        op = self.operations.get(op_id)
        if op is not None:
            op._receive(kind, payload)


_ids = itertools.count(1)


def running_operations() -> list[Operation[Any]]:
    """Every operation started and not yet reported back, oldest first."""
    return list(_Relay.get().operations.values())


def operations_changed() -> Any:
    """The signal emitted whenever an operation starts, is cancelled or ends (for the
    busy indicator, ``busy.py``)."""
    return _Relay.get().running_changed


def operations_progressed() -> Any:
    """The signal emitted with an operation's id when it reports progress."""
    return _Relay.get().progressed


class Operation(Generic[T]):
    """One piece of background work and what to do with its outcome (see the module)."""

    def __init__(
        self,
        parent: QObject,
        work: Callable[[OperationContext], T],
        success: Callable[[T], object],
        *,
        label: str = "",
        error_title: str = "Something went wrong",
    ) -> None:
        self.parent = parent
        self.label = label
        self.error_title = error_title
        self._work = work
        self._success = success
        self._failure: Callable[[str], object] | None = None
        self._on_item: Callable[[Any], object] | None = None
        self._on_progress: Callable[[Progress], object] | None = None
        self._on_cancelled: Callable[[], object] | None = None
        self._on_finished: Callable[[], object] | None = None
        self.is_cancellable = False
        self.last_progress = Progress()
        self.id = next(_ids)
        self._relay = _Relay.get()
        self._context = OperationContext(self.id, self._relay)
        self._thread: threading.Thread | None = None
        self.done = False

    # ---- configuration (each returns the operation, for chaining) -------------------
    def failure(self, callback: Callable[[str], object]) -> Operation[T]:
        """Receive the one-line reason instead of the default error dialog."""
        self._failure = callback
        return self

    def on_item(self, callback: Callable[[Any], object]) -> Operation[T]:
        self._on_item = callback
        return self

    def on_progress(self, callback: Callable[[Progress], object]) -> Operation[T]:
        self._on_progress = callback
        return self

    def on_cancelled(self, callback: Callable[[], object]) -> Operation[T]:
        self._on_cancelled = callback
        return self

    def finally_(self, callback: Callable[[], object]) -> Operation[T]:
        """Called last, whatever the outcome (success, failure or cancellation)."""
        self._on_finished = callback
        return self

    def cancellable(self) -> Operation[T]:
        """Offer the user a way to cancel it (any operation can be cancelled in code)."""
        self.is_cancellable = True
        return self

    # ---- running ----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and not self.done

    @property
    def cancel_requested(self) -> bool:
        return self._context.cancelled

    def run(self) -> Operation[T]:
        if self._thread is not None:
            raise RuntimeError("an operation runs once")
        GC_PAUSE.hold()
        self._relay.operations[self.id] = self
        # The thread gets the work and the context, never the operation itself: it
        # must not hold the last reference to anything that leads to a Qt object (its
        # callbacks, its parent), which would then be destroyed in the wrong thread.
        self._thread = threading.Thread(
            target=_run_in_worker,
            args=(self.id, self._work, self._context, self._relay, self.label),
            name=f"syslead-op-{self.id}",
            daemon=False,
        )
        self._thread.start()
        self._relay.running_changed.emit()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next ``check()``; never waits for it."""
        if not self._context.cancelled:
            self._context._cancel.set()
            if self.running:
                self._relay.running_changed.emit()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker thread has ended (for tests and the very end of the app).
        Its outcome is still delivered by the event loop afterwards."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _receive(self, kind: str, payload: Any) -> None:
        """In the UI thread: one piece of news from the worker."""
        if kind == "progress":
            self.last_progress = payload
            if self._on_progress is not None and self._parent_alive():
                self._on_progress(payload)
            self._relay.progressed.emit(self.id)
            return
        if kind == "item":
            if self._on_item is not None and self._parent_alive():
                self._on_item(payload)
            return
        self.done = True
        del self._relay.operations[self.id]
        try:
            if kind == "succeeded":
                if self._parent_alive():
                    self._success(payload)
            elif kind == "failed":
                self._report_failure(str(payload))
            elif kind == "cancelled" and self._on_cancelled is not None and self._parent_alive():
                self._on_cancelled()
        finally:
            try:
                if self._on_finished is not None and self._parent_alive():
                    self._on_finished()
            finally:
                GC_PAUSE.release()
                self._relay.running_changed.emit()

    def _parent_alive(self) -> bool:
        return shiboken6.isValid(self.parent)

    def _report_failure(self, message: str) -> None:
        if self._failure is not None and self._parent_alive():
            self._failure(message)
            return
        from . import dialogs

        owner = self.parent if self._parent_alive() else None
        widget = owner if isinstance(owner, QWidget) else None
        if widget is None and owner is not None:
            widget = _window_of(owner)
        dialogs.show_error(widget, self.error_title, message)

    def belongs_to(self, window: QObject) -> bool:
        """Whether the operation was started by ``window`` or something inside it."""
        owner: QObject | None = self.parent if self._parent_alive() else None
        while owner is not None:
            if owner is window:
                return True
            owner = owner.parent()
        return False


def _window_of(owner: QObject) -> QWidget | None:
    """The window a non-widget owner (a model) belongs to, for a dialog's parent."""
    current: QObject | None = owner
    while current is not None and not isinstance(current, QWidget):
        current = current.parent()
    return current.window() if isinstance(current, QWidget) else None


def _run_in_worker(
    op_id: int,
    work: Callable[[OperationContext], object],
    context: OperationContext,
    relay: _Relay,
    label: str,
) -> None:
    """The worker thread: run the work and send the outcome to the UI thread."""
    try:
        context.check()
        result = work(context)
    except Cancelled:
        relay.news.emit(op_id, "cancelled", None)
    except SysLeadError as exc:
        relay.news.emit(op_id, "failed", str(exc))
    except Exception as exc:  # a bug must still reach the user as a line
        from ..services.error_log import log_exception

        log_exception(exc, f"in background work: {label or work!r}")
        relay.news.emit(op_id, "failed", f"Unexpected error: {type(exc).__name__}: {exc}")
    else:
        relay.news.emit(op_id, "succeeded", result)


def cancel_all(window: QObject | None = None) -> list[Operation[Any]]:
    """Cancel every running operation (of ``window``'s widgets, if given); returns them.

    Work that never calls ``check()`` runs on to its end, but its outcome is then
    delivered only if its parent widget still exists."""
    cancelled = []
    for op in running_operations():
        if window is None or not op._parent_alive() or op.belongs_to(window):
            op.cancel()
            cancelled.append(op)
    return cancelled
