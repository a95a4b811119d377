"""The workshop as the views see it: the file, the team answering now, and the comparison.

:class:`WorkshopModel` owns the :class:`~syslead_desktop.domain.workshop.Workshop` and its
file. Every change is written back to the file a moment later (and at once before a team
hands over, before comparing and on closing), so a facilitator never has unsaved work;
a save that fails is reported in one line and the next change tries again. Reading a
folder of teams' files and writing the debrief run in the background.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ...errors import SysLeadError

if TYPE_CHECKING:
    from ...domain.workshop import Team, Workshop
    from ...engine.loader import LoadedRulebook
    from ...services.compare import Comparison
    from ...services.workshop import ImportReport

SAVE_DELAY_MS = 400


class WorkshopModel(QObject):
    teams_changed = Signal()  # added, renamed, removed
    current_changed = Signal()  # another team is answering (or none)
    answers_changed = Signal()  # the current team changed an answer
    options_changed = Signal()  # anonymous, disagreements only
    saved = Signal()
    save_failed = Signal(str)
    imported = Signal(object)  # an ImportReport
    import_failed = Signal(str)
    exported = Signal(object)  # the paths of the teams' files written
    export_failed = Signal(str)
    debrief_written = Signal(str)
    debrief_failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(
        self,
        workshop: Workshop,
        path: Path,
        loaded: LoadedRulebook,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workshop = workshop
        self.path = path
        self.loaded = loaded
        self.current: int | None = None  # index of the team answering, if any
        self.differences_only = False
        self.error = ""
        self._busy = 0
        self._comparison: Comparison | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)

    # ---- teams ------------------------------------------------------------------------
    @property
    def teams(self) -> list[Team]:
        return self.workshop.teams

    def current_team(self) -> Team | None:
        return None if self.current is None else self.teams[self.current]

    def select(self, index: int | None) -> None:
        """``index``'s team answers next (None: nobody, as between two teams)."""
        if index is not None and not 0 <= index < len(self.teams):
            raise IndexError(index)
        self.save_now()
        self.current = index
        self.current_changed.emit()

    def add_team(self, name: str) -> Team:
        from ...services.workshop import add_team

        start = None
        if not self.workshop.blank and self.workshop.scenario:
            from ...services.practice import find_scenario

            try:
                start = find_scenario(self.workshop.scenario).worked
            except SysLeadError:
                start = None
        team = add_team(self.workshop, name, start)  # raises SysLeadError (one line)
        self._changed()
        self.teams_changed.emit()
        return team

    def rename_team(self, index: int, name: str) -> None:
        from ...services.workshop import rename_team

        rename_team(self.workshop, self.teams[index], name)
        self._changed()
        self.teams_changed.emit()

    def remove_team(self, index: int) -> None:
        from ...services.workshop import remove_team

        remove_team(self.workshop, self.teams[index])
        self.current = None  # the others' places have moved: nobody is answering
        self._changed()
        self.teams_changed.emit()
        self.current_changed.emit()

    def answer(self, question_id: str, option_id: str) -> None:
        team = self.current_team()
        if team is None:
            raise RuntimeError("no team is answering")
        team.answers = {**team.answers, question_id: option_id}
        self._changed()
        self.answers_changed.emit()

    def progress(self, team: Team) -> tuple[int, int]:
        """(answered, asked) for ``team``: its answers that fit the rulebook."""
        questions = self.loaded.rulebook.all_questions()
        answered = sum(1 for q in questions if team.answers.get(q.id) in q.option_ids())
        return answered, len(questions)

    # ---- the comparison ----------------------------------------------------------------
    def comparison(self) -> Comparison:
        if self._comparison is None:
            from ...services.workshop import compare_workshop

            self._comparison = compare_workshop(self.workshop, self.loaded)
        return self._comparison

    @property
    def anonymous(self) -> bool:
        return self.workshop.anonymous

    def set_anonymous(self, on: bool) -> None:
        if on != self.workshop.anonymous:
            self.workshop.anonymous = on
            self._changed(comparison=False)
            self.options_changed.emit()

    def set_differences_only(self, on: bool) -> None:
        if on != self.differences_only:
            self.differences_only = on
            self.options_changed.emit()

    def names(self) -> list[str]:
        return self.comparison().names(self.anonymous)

    # ---- saving -------------------------------------------------------------------------
    def _changed(self, comparison: bool = True) -> None:
        if comparison:
            self._comparison = None
        self._save_timer.start()

    @property
    def unsaved(self) -> bool:
        return self._save_timer.isActive() or bool(self.error)

    def save_now(self) -> bool:
        if self._save_timer.isActive() or self.error:
            return self.save()
        return True

    def save(self) -> bool:
        from ...services.workshop import save_workshop

        self._save_timer.stop()
        try:
            save_workshop(self.path, self.workshop)
        except SysLeadError as exc:
            self.error = str(exc)
            self.save_failed.emit(self.error)
            return False
        self.error = ""
        self.saved.emit()
        return True

    # ---- background work ----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy > 0

    def _hold(self, on: bool) -> None:
        self._busy += 1 if on else -1
        self.busy_changed.emit(self.busy)

    def import_folder(self, folder: Path) -> None:
        """Read the teams' files in ``folder`` in the background, then take them in."""
        from ...services.workshop import import_folder
        from ..operations import Operation

        self.save_now()
        trial = self.workshop.model_copy(deep=True)  # read into a copy
        rulebook = self.loaded.rulebook

        def work(_context: object) -> tuple[Workshop, ImportReport]:
            report = import_folder(trial, folder, rulebook)
            return trial, report

        def done(result: tuple[Workshop, ImportReport]) -> None:
            workshop, report = result
            if report.added or report.updated:
                self.workshop.teams = workshop.teams
                self.current = None
                self._changed()
                self.save_now()
                self.teams_changed.emit()
                self.current_changed.emit()
            self.imported.emit(report)

        Operation(self, work, done, label="import teams' files").failure(
            self.import_failed.emit
        ).finally_(lambda: self._hold(False)).run()
        self._hold(True)

    def export_teams(self, folder: Path, force: bool = False) -> None:
        """One decision file per team in ``folder`` (a USB stick), written in the
        background, for teams answering on their own laptops."""
        from ...services.workshop import export_team_files
        from ..operations import Operation

        self.save_now()
        workshop = self.workshop.model_copy(deep=True)

        def work(_context: object) -> list[Path]:
            return export_team_files(workshop, folder, force=force)

        Operation(self, work, self.exported.emit, label="export teams' files").failure(
            self.export_failed.emit
        ).finally_(lambda: self._hold(False)).run()
        self._hold(True)

    def write_debrief(self, target: Path) -> None:
        """The debrief paper, rendered and written in the background."""
        from ...services.debrief import debrief_for_workshop
        from ...services.files import atomic_write_bytes
        from ..operations import Operation

        self.save_now()
        comparison = self.comparison()
        workshop = self.workshop.model_copy(deep=True)

        def work(_context: object) -> str:
            atomic_write_bytes(target, debrief_for_workshop(workshop, comparison))
            return str(target)

        Operation(self, work, self.debrief_written.emit, label="write the debrief").failure(
            self.debrief_failed.emit
        ).finally_(lambda: self._hold(False)).run()
        self._hold(True)
