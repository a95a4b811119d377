"""Home's model: what the start screen lists, read in the background.

The view (``home/view.py``) takes this model and listens to its signals; the window
fills it (``set_recent``, ``refresh_drafts``, ``refresh_practice``) once the rulebook is
read. Every file is read off the UI thread through :class:`~..operations.Operation`:
a list of many recent decisions never freezes the window, and each entry appears as
soon as its file has been read.

Nothing here is imported before the first page is on screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..operations import Operation, OperationContext

if TYPE_CHECKING:
    from ...engine.loader import LoadedRulebook
    from ...services.autosave import DamagedDraft, DraftScan, RecoverableDraft
    from ...services.practice import PracticeScenario
    from ...services.register import Entry
    from ...services.register.actions import ActionEntry
    from ...services.summary import DecisionSummary


@dataclass(frozen=True)
class RecentEntry:
    """One recent decision: its path at once, its summary once the file has been read."""

    path: Path
    summary: DecisionSummary | None = None

    @property
    def reading(self) -> bool:
        return self.summary is None

    @property
    def missing(self) -> bool:
        return self.summary is not None and self.summary.state == "missing"


class HomeModel(QObject):
    recent_changed = Signal()
    drafts_changed = Signal()
    practice_changed = Signal()
    reviews_changed = Signal()
    actions_changed = Signal()
    #: The rulebook has been read: New decision and the rest can be used.
    ready_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ready = False
        self.recent: list[RecentEntry] = []
        self.recent_loading = False
        self.drafts: list[RecoverableDraft] = []
        self.damaged_drafts: list[DamagedDraft] = []
        self.draft_problems: list[str] = []  # the recovery folder itself
        self.drafts_loading = False
        self.practice: list[PracticeScenario] = []
        self.practice_problems: list[str] = []
        self.practice_loading = False
        self._recent_op: Operation[None] | None = None
        self.reviews: list[Entry] = []  # due within 30 days or overdue, from the register
        self.reviews_note = ""
        self.reviews_loading = False
        self.library: str | None = None
        self.actions: list[ActionEntry] = []  # due this month or overdue, from the register
        self.actions_note = ""
        self.actions_loading = False

    def set_ready(self, ready: bool) -> None:
        if ready != self.ready:
            self.ready = ready
            self.ready_changed.emit(ready)

    # ---- recent decisions ---------------------------------------------------------------
    def set_recent(self, paths: Sequence[Path], loaded: LoadedRulebook) -> None:
        """List ``paths`` at once, then read each file's summary in the background."""
        from ...services.summary import read_summary

        if self._recent_op is not None:
            self._recent_op.cancel()
        self.recent = [RecentEntry(Path(p)) for p in paths]
        self.recent_loading = bool(self.recent)
        self.recent_changed.emit()
        if not self.recent:
            return
        wanted = [entry.path for entry in self.recent]

        def work(context: OperationContext) -> None:
            for index, path in enumerate(wanted):
                context.check()
                context.deliver((index, read_summary(path, loaded)))
                context.progress(index + 1, len(wanted))

        op: Operation[None] = Operation(
            self, work, lambda _none: None, label="Reading recent decisions"
        )
        self._recent_op = op.on_item(lambda item: self._on_summary(op, item)).finally_(
            lambda: self._on_recent_done(op)
        )
        op.run()

    def _on_summary(self, op: Operation[None], item: tuple[int, DecisionSummary]) -> None:
        index, summary = item
        if op is not self._recent_op or index >= len(self.recent):
            return  # a newer list has replaced the one this was read for
        if self.recent[index].path == summary.path:
            self.recent[index] = RecentEntry(summary.path, summary)
            self.recent_changed.emit()

    def _on_recent_done(self, op: Operation[None]) -> None:
        if op is self._recent_op:
            self._recent_op = None
            self.recent_loading = False
            self.recent_changed.emit()

    def entry_for(self, path: Path) -> RecentEntry | None:
        return next((e for e in self.recent if e.path == path), None)

    # ---- drafts to recover --------------------------------------------------------------
    def refresh_drafts(self) -> None:
        """Find every draft left by a session that did not close, damaged ones too, each
        on its own (one that cannot be read never hides the others). In the background."""
        from ...services.autosave import scan_drafts

        self.drafts_loading = True
        self.drafts_changed.emit()

        def done(scan: DraftScan) -> None:
            self.drafts, self.damaged_drafts = scan.drafts, scan.damaged
            self.draft_problems = scan.problems
            self.drafts_loading = False
            self.drafts_changed.emit()

        Operation(self, lambda _c: scan_drafts(), done, label="Looking for drafts").run()

    def forget_draft(self, draft: RecoverableDraft | DamagedDraft) -> None:
        """Take a draft off the list (recovered or discarded)."""
        self.drafts = [d for d in self.drafts if d.path != draft.path]
        self.damaged_drafts = [d for d in self.damaged_drafts if d.path != draft.path]
        self.drafts_changed.emit()

    def draft_at(self, path: object) -> RecoverableDraft | DamagedDraft | None:
        every: list[RecoverableDraft | DamagedDraft] = [*self.drafts, *self.damaged_drafts]
        return next((d for d in every if d.path == path), None)

    # ---- practice scenarios -------------------------------------------------------------
    def refresh_practice(self) -> None:
        from ...services.practice import list_scenarios

        self.practice_loading = True
        self.practice_changed.emit()

        def done(found: tuple[list[PracticeScenario], list[str]]) -> None:
            self.practice, self.practice_problems = found
            self.practice_loading = False
            self.practice_changed.emit()

        Operation(self, lambda _c: list_scenarios(), done, label="Reading practice scenarios").run()

    # ---- reviews due, from the default register -----------------------------------------
    def refresh_reviews(self, library: str | None) -> None:
        """The register's decisions whose review is due within 30 days or overdue, and its
        open actions due this month or overdue (one reading of the register for both)."""
        import datetime as dt

        from ...services.register import DUE_SOON_DAYS, Library, RegisterIndex
        from ...services.register.actions import due_in_month, register_actions

        self.library = library
        if not library:
            self.reviews, self.reviews_loading = [], False
            self.reviews_note = "Choose the register folder in Preferences to see reviews due."
            self.actions, self.actions_loading, self.actions_note = [], False, ""
            self.reviews_changed.emit()
            self.actions_changed.emit()
            return
        self.reviews_loading = self.actions_loading = True
        self.reviews_changed.emit()
        self.actions_changed.emit()
        today = dt.date.today()

        def work(_context: OperationContext) -> tuple[list[Entry], list[ActionEntry]]:
            with RegisterIndex.open(Library(library)) as index:
                reviews = index.entries(due_within=DUE_SOON_DAYS, today=today)
                every = index.entries(today=today)
            return reviews, due_in_month(register_actions(every, today=today), today)

        def done(found: tuple[list[Entry], list[ActionEntry]]) -> None:
            entries, actions = found
            self.reviews, self.reviews_note = entries, ""
            if not entries:
                self.reviews_note = f"No review is due in the next {DUE_SOON_DAYS} days."
            self.actions, self.actions_note = actions, ""
            if not actions:
                self.actions_note = f"No action is due in {today:%B} and none is overdue."

        def failed(message: str) -> None:
            self.reviews, self.reviews_note = [], f"The register cannot be read: {message}"
            self.actions, self.actions_note = [], self.reviews_note

        def finished() -> None:
            self.reviews_loading = self.actions_loading = False
            self.reviews_changed.emit()
            self.actions_changed.emit()

        Operation(self, work, done, label="Reading the register").failure(failed).finally_(
            finished
        ).run()
