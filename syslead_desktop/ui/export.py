"""PDF export off the UI thread, so the window never freezes."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Signal

from ..errors import SysLeadError

if TYPE_CHECKING:
    from ..domain.decision import Decision
    from ..engine.loader import LoadedRulebook


class GarbageCollectorPause:
    """Keeps Python's cyclic garbage collector out of the export thread.

    The collector runs in whichever thread happens to allocate past its threshold. Run in
    the export thread it can destroy widgets caught in reference cycles from the wrong
    thread, which crashes Qt now and then. So automatic collection is off while an export
    runs, and the main thread collects once the last export has reported back."""

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


GC_PAUSE = GarbageCollectorPause()


class ExportSignals(QObject):
    finished = Signal(str)  # the PDF path
    failed = Signal(str)  # a one-line reason


class ExportJob(QRunnable):
    """Assess and render a snapshot of the decision, then save it atomically."""

    def __init__(self, decision: Decision, loaded: LoadedRulebook, target: Path):
        super().__init__()
        self.decision = decision.model_copy(deep=True)  # the user may keep editing
        self.loaded = loaded
        self.target = target
        self.signals = ExportSignals()

    def run(self) -> None:
        from ..services.workflow import assess_decision, render_assessed
        from ..services.yaml_io import atomic_write_bytes

        try:
            assessed = assess_decision(self.decision, self.loaded)
            atomic_write_bytes(self.target, render_assessed(assessed))
        except SysLeadError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug must still reach the user as a message
            self.signals.failed.emit(f"Unexpected error: {type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(str(self.target))
