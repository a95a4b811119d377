"""The last line of defence: an exception nobody caught (a bug in a slot, say).

In the windowed bundle there is no console, so without this hook such an exception
would vanish, or end the program. The hook, in this order:

1. writes the open decision to its recovery draft, so the work is safe whatever
   happens next;
2. writes the details (the traceback) to the error log in the user data folder;
3. shows a short message saying what happened, that the work is kept, and where the
   details are.

A second error while the message is up is logged but not shown again."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QWidget

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split()) or "no details"
    text = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return f"{type(exc).__name__}: {text}"


class ErrorHook:
    """``sys.excepthook`` for the GUI (see the module)."""

    def __init__(self, window: Callable[[], QWidget | None]) -> None:
        self._window = window
        self._showing = False
        self.previous: ExceptHook = sys.excepthook
        self.handled: list[str] = []  # one line per error handled, for tests

    def install(self) -> ErrorHook:
        self.previous = sys.excepthook
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(
        self,
        kind: type[BaseException],
        exc: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            self.previous(kind, exc, trace)
            return
        from ..services.error_log import log_exception
        from . import dialogs

        window = self._window()
        kept = ""
        try:
            keep = getattr(window, "keep_work_safe", None)
            if keep is not None:
                kept = keep()
        except Exception as failure:  # the draft could not be written: say so, go on
            kept = f"Your work could not be put in a recovery draft ({one_line(failure)})."
        if exc.__traceback__ is None and trace is not None:
            exc = exc.with_traceback(trace)
        log = log_exception(exc, "unexpected error in the window")
        line = one_line(exc)
        self.handled.append(line)
        print(f"syslead-desktop: unexpected error: {line}", file=sys.stderr)
        if self._showing:
            return
        details = f"The details are in {log}." if log else "The details could not be logged."
        message = f"Something went wrong inside SysLead: {line}\n\n{kept}\n\n{details}".replace(
            "\n\n\n\n", "\n\n"
        )
        self._showing = True
        try:
            dialogs.show_error(window, "Something went wrong", message)
        finally:
            self._showing = False
