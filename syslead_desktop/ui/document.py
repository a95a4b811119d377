"""The open decision as a Qt object: one place that changes it and says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..domain.actions import Action
from ..domain.decision import Decision
from ..domain.lifecycle import StatusRequest, TransitionError, change_status
from ..domain.review import Measure, Review
from ..engine.loader import LoadedRulebook
from ..services.decision_file import new_decision
from ..services.files import FileStamp


class DecisionDocument(QObject):
    """The model of the decision view; the window's title, autosave and unsaved-changes
    question follow it too."""

    changed = Signal()
    modified_changed = Signal(bool)
    path_changed = Signal()
    #: A different decision (or the same one under another rulebook) was put in place:
    #: views built from the old one rebuild.
    replaced = Signal()

    def __init__(self, loaded: LoadedRulebook, parent: QObject | None = None):
        super().__init__(parent)
        self.loaded = loaded
        self.decision: Decision = new_decision(loaded.rulebook, loaded.hash)
        self.path: Path | None = None
        #: The file at ``path`` as it was read or last saved here: a save over someone
        #: else's newer save is then noticed (``files.FileChangedError``) and asked about.
        self.stamp: FileStamp | None = None
        self._modified = False

    # ---- state ------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self._modified

    def set_modified(self, value: bool) -> None:
        if value != self._modified:
            self._modified = value
            self.modified_changed.emit(value)

    @property
    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        return self.decision.framing.title.strip() or "Untitled decision"

    def replace(
        self,
        decision: Decision,
        path: Path | None,
        modified: bool = False,
        loaded: LoadedRulebook | None = None,
        stamp: FileStamp | None = None,
    ) -> None:
        """Put ``decision`` in place (read with ``loaded``, if another rulebook);
        ``stamp``: the file at ``path`` as it was read."""
        if loaded is not None:
            self.loaded = loaded
        self.decision = decision
        self.path = path
        self.stamp = stamp if path is not None else None
        self.replaced.emit()
        self.path_changed.emit()
        self.set_modified(modified)
        self.changed.emit()

    def mark_saved(self, path: Path, stamp: FileStamp | None = None) -> None:
        self.path = path
        self.stamp = stamp
        self.path_changed.emit()
        self.set_modified(False)

    # ---- edits ------------------------------------------------------------------------
    def _touch(self) -> None:
        self.decision.updated = dt.date.today()
        self.set_modified(True)
        self.changed.emit()

    def set_answer(self, question_id: str, option_id: str) -> None:
        if self.decision.answers.get(question_id) != option_id:
            self.decision.answers[question_id] = option_id
            self._touch()

    def set_note(self, key: str, text: str) -> None:
        if self.decision.notes.get(key, "") != text:
            if text:
                self.decision.notes[key] = text
            else:
                self.decision.notes.pop(key, None)
            self._touch()

    def set_framing(self, field: str, value: Any) -> None:
        if getattr(self.decision.framing, field) != value:
            setattr(self.decision.framing, field, value)
            self._touch()

    def set_board(self, field: str, value: Any) -> None:
        target: Any = self.decision.board_paper
        *parents, last = field.split(".")
        for name in parents:
            target = getattr(target, name)
        if getattr(target, last) != value:
            setattr(target, last, value)
            self._touch()

    def set_follow_up(
        self,
        *,
        actions: list[Action] | None = None,
        measures: list[Measure] | None = None,
        review: Review | None = None,
        touch: bool = True,
    ) -> None:
        """The decision's actions, measures or review (the actions and review views).

        ``touch=False`` only fits them to the recommendation: nothing the user did
        changes, so the decision is not marked as modified."""
        changes = {
            name: value
            for name, value in (("actions", actions), ("measures", measures), ("review", review))
            if value is not None and getattr(self.decision, name) != value
        }
        if not changes:
            return
        for name, value in changes.items():
            setattr(self.decision, name, value)
        if touch:
            self._touch()
        else:
            self.changed.emit()

    def set_status(self, final: bool) -> None:
        """The finish page's "final" box: a draft is issued for its meeting (submitted),
        or a submitted paper withdrawn to a draft. Later statuses are the register's."""
        current = self.decision.status
        if current not in ("draft", "submitted") or final == (current == "submitted"):
            return
        today = dt.date.today()
        paper = self.decision.board_paper
        request = StatusRequest(
            to="submitted" if final else "draft",
            on=max([today, *(e.on for e in self.decision.history[-1:])]),
            meeting_date=paper.meeting_date or today,  # the date the page shows
        )
        try:
            changed = change_status(self.decision, request)
        except TransitionError:  # a meeting with no name: the box says final, the paper not
            return
        for name in ("board_paper", "resolution", "history", "status"):
            setattr(self.decision, name, getattr(changed, name))
        self._touch()
