"""The workshop view: teams answer on this laptop in turn, each seeing only its own answers.

A row of team buttons at the top says who has answered how much (never what). Choosing
a team first shows a hand-over screen, so the next team never sees the last team's
answers; the questions appear, with that team's answers only, when it starts."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...errors import SysLeadError
from .. import style
from ..view import View
from ..widgets import (
    FlowLayout,
    PageScrollArea,
    QuestionBox,
    glossary_of,
    name_widget,
    wrapped_label,
)
from . import dialogs
from .common import fit_heading, show_status
from .model import WorkshopModel


def _button(text: str, description: str, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    name_widget(button, text.replace("&", "").rstrip("…"), description)
    if primary:
        button.setObjectName("primary")
    return button


def framing_html(framing: object) -> str:
    """The decision as it was put to the board, for the top of every team's questions."""
    f = framing
    parts = [f"<p><b>{escape(getattr(f, 'title', ''))}</b></p>"]
    if getattr(f, "description", ""):
        parts.append(f"<p>{escape(f.description)}</p>")  # type: ignore[attr-defined]
    for label, attr in (
        ("Cost to the trust", "cost_to_trust"),
        ("Benefit to the population", "benefit_to_population"),
    ):
        value = getattr(f, attr, "")
        if value:
            parts.append(f"<p><b>{label}:</b> {escape(value)}</p>")
    for label, attr in (
        ("Options considered", "options_considered"),
        ("Measures of success", "success_measures"),
    ):
        items = getattr(f, attr, [])
        if items:
            listed = "".join(f"<li>{escape(i)}</li>" for i in items)
            parts.append(f"<p><b>{label}:</b></p><ul>{listed}</ul>")
    return "".join(parts)


class TeamButton(QPushButton):
    """One team in the switcher: its name and how far it has got (never its answers)."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.setCheckable(True)
        self.setObjectName("teamButton")

    def show_team(self, number: int, name: str, answered: int, asked: int) -> None:
        done = answered == asked
        mark = "✓ " if done else ""
        text = f"{mark}{name}\n{answered} of {asked} answered"
        self.setText(text.replace("&", "&&"))
        shortcut = f" (Alt+{number})" if number < 10 else ""
        name_widget(
            self,
            f"{name}: {'finished' if done else f'{answered} of {asked} answered'}",
            f"Hand the laptop to {name}{shortcut}",
        )
        if number < 10:
            self.setShortcut(QKeySequence(f"Alt+{number}"))


class WorkshopView(View):
    """Teams answering in turn, on one laptop."""

    view_id: ClassVar[str] = "workshop"
    title: ClassVar[str] = "Workshop"
    in_view_menu: ClassVar[bool] = True

    compare_requested = Signal()

    def __init__(self, model: WorkshopModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.pending: int | None = None  # the team the laptop is being handed to
        self._export_to = Path()  # where the teams' files were last written
        self._turns_over = False  # the last team has handed over
        self.boxes: dict[str, QuestionBox] = {}
        self._glossary = glossary_of(model.loaded.rulebook)
        self.setAccessibleName("Workshop")

        self.heading = wrapped_label("", "panelTitle")
        self.import_button = _button(
            "&Import teams' files…",
            "Bring in the teams' decision files or board papers from a folder or USB stick",
        )
        self.compare_button = _button(
            "Com&pare the teams", "Show where the teams agree and disagree (F5)", primary=True
        )
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.compare_button, 0, Qt.AlignmentFlag.AlignTop)

        self.switcher = FlowLayout()  # wraps onto a second line before it squeezes a team
        self.switch_group = QButtonGroup(self)
        self.switch_group.setExclusive(True)
        self.team_buttons: list[TeamButton] = []
        self.add_button = _button("&Add team…", "Add another team to the workshop")
        switch_row = QHBoxLayout()
        switch_label = QLabel("Teams:")
        switch_label.setObjectName("panelTitle")
        switch_row.addWidget(switch_label, 0, Qt.AlignmentFlag.AlignTop)
        switch_row.addLayout(self.switcher, 1)
        self.switcher.addWidget(self.add_button)

        # page 0: hand over; page 1: a team answering
        self.pages = QStackedWidget()
        self.handover = QWidget()
        hand = QVBoxLayout(self.handover)
        self.handover_title = wrapped_label("", "panelTitle")
        self.handover_lead = wrapped_label("", "pageLead")
        for label in (self.handover_title, self.handover_lead):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.start_button = _button("&Start answering", "Show this team's questions", True)
        hand.addStretch(1)
        hand.addWidget(self.handover_title)
        # the button straight under whom to pass the laptop to, so that on a short
        # screen (scrolled to the button, which has the focus) the two are seen together
        hand.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        hand.addWidget(self.handover_lead)
        hand.addStretch(2)
        handover_page = PageScrollArea(self.handover)  # never squeezed on a short screen
        handover_page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its button
        self.handover_page = handover_page
        handover_page.viewport().installEventFilter(self)  # its size changes: scroll again
        self.pages.addWidget(handover_page)

        self.answering = QWidget()
        answer_layout = QVBoxLayout(self.answering)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        self.team_heading = wrapped_label("", "panelTitle")
        self.done_button = _button(
            "Finished: &hand over", "Hide this team's answers before passing the laptop on"
        )
        head = QHBoxLayout()
        head.addWidget(self.team_heading, 1)
        head.addWidget(self.done_button)
        answer_layout.addLayout(head)
        self.form_holder = QVBoxLayout()
        answer_layout.addLayout(self.form_holder, 1)
        self.pages.addWidget(self.answering)

        self.status = wrapped_label("", "pageLead")
        self.status.hide()  # until there is something to say
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(switch_row)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)

        self._menu = QMenu("&Workshop", self)
        self.import_action = self._menu_action("&Import Teams' Files…", self.import_files, "Ctrl+I")
        self.export_action = self._menu_action("E&xport Teams' Files…", self.export_files)
        self.add_action = self._menu_action("&Add Team…", self.add_team, "Ctrl+T")
        self.rename_action = self._menu_action("&Rename Team…", self.rename_team)
        self.remove_action = self._menu_action("Re&move Team…", self.remove_team)
        self._menu.addSeparator()
        self.next_action = self._menu_action(
            "Hand Over to the &Next Team", lambda: self.step(1), "Ctrl+PgDown"
        )
        self.previous_action = self._menu_action(
            "Hand Over to the Pre&vious Team", lambda: self.step(-1), "Ctrl+PgUp"
        )
        self._menu.addSeparator()
        self.compare_action = self._menu_action(
            "&Compare the Teams", self.compare_requested.emit, "F5"
        )

        self.import_button.clicked.connect(self.import_files)
        self.compare_button.clicked.connect(self.compare_requested)
        self.add_button.clicked.connect(self.add_team)
        self.start_button.clicked.connect(self._start)
        self.done_button.clicked.connect(self._hand_over)
        self.switch_group.idClicked.connect(self.offer)
        model.teams_changed.connect(self._rebuild_switcher)
        model.current_changed.connect(self._on_current)
        model.answers_changed.connect(self._update_progress)
        model.saved.connect(self._on_saved)
        model.save_failed.connect(self._on_save_failed)
        model.imported.connect(self._on_imported)
        model.import_failed.connect(lambda m: self._say(f"Import failed: {m}", error=True))
        model.exported.connect(self._on_exported)
        model.export_failed.connect(self._on_export_failed)
        model.busy_changed.connect(self._on_busy)
        self.setStyleSheet(
            f"QPushButton#teamButton:checked {{ background: {style.NHS_BLUE}; color: #FFFFFF;"
            f" border-color: {style.NHS_DARK_BLUE}; }}"
        )
        self._fit_headings()
        self._rebuild_switcher()
        self._on_current()

    def _fit_headings(self) -> None:
        fit_heading(self.heading)
        fit_heading(self.handover_title, 1.8)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_headings()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and watched is self.handover_page.viewport()
            and self.pages.currentIndex() == 0
        ):
            QTimer.singleShot(0, self._show_whom)  # presentation mode, a smaller window
        return False

    def _menu_action(self, text: str, slot: object, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self._menu.addAction(action)
        return action

    # ---- the View interface -------------------------------------------------------------
    def window_title(self) -> str:
        return f"Workshop: {self.model.workshop.title}"

    def menus(self) -> list[QMenu]:
        return [self._menu]

    def activated(self) -> None:
        if len(self.team_buttons) != len(self.model.teams):
            self._rebuild_switcher()
        else:
            self._update_progress()
        handing_over = self.pages.currentIndex() == 0
        waiting = self.compare_button if self._turns_over else self.start_button
        (waiting if handing_over else self.done_button).setFocus()
        if self.pages.currentIndex() == 0:
            QTimer.singleShot(0, self._show_whom)

    def ok_to_close(self) -> bool:
        """Every answer saved; if the workshop file cannot be written (a USB stick taken
        out), the facilitator saves it elsewhere, closes without it, or stays."""
        if self.model.save_now():
            return True
        while True:
            answer = dialogs.ask_unsaved_workshop(self, self.model.path, self.model.error)
            if answer != "save_as":
                return answer == "discard"
            target = dialogs.ask_workshop_save_path(self, str(self.model.path))
            if target is None:
                return False
            self.model.path = target
            if self.model.save():
                return True

    def shutdown(self) -> None:
        self.model.save_now()

    # ---- the switcher -------------------------------------------------------------------
    def _rebuild_switcher(self) -> None:
        for button in self.team_buttons:
            self.switch_group.removeButton(button)
            self.switcher.removeWidget(button)
            button.hide()  # until it is deleted, it would still be drawn where it was
            button.deleteLater()
        self.team_buttons = []
        self.switcher.removeWidget(self.add_button)  # it stays after the teams
        for index, _team in enumerate(self.model.teams):
            button = TeamButton(index)
            self.switch_group.addButton(button, index)
            self.switcher.addWidget(button)
            self.team_buttons.append(button)
        self.switcher.addWidget(self.add_button)
        self.heading.setText(self.model.workshop.title)
        self._update_progress()
        self.title_changed.emit()

    def _update_progress(self) -> None:
        shown = self.model.current if self.pages.currentIndex() == 1 else self.pending
        # no team's button is down when none is next (every team has had its turn): an
        # exclusive group would keep the last one down
        self.switch_group.setExclusive(shown is not None)
        for index, (button, team) in enumerate(
            zip(self.team_buttons, self.model.teams, strict=True)
        ):
            button.show_team(index + 1, team.name, *self.model.progress(team))
            button.setChecked(index == shown)
        self.switch_group.setExclusive(True)
        answering = self.model.current_team()
        if answering is not None:
            answered, asked = self.model.progress(answering)
            self.team_heading.setText(
                f"{answering.name} is answering: {answered} of {asked} questions answered"
            )

    def offer(self, index: int) -> None:
        """Hand the laptop to team ``index``: hide the answers on screen, then ask that
        team to start."""
        if not 0 <= index < len(self.model.teams):
            return
        self.model.select(None)
        self.pending = index
        self._turns_over = False
        self._on_current()

    def _say_turns_over(self) -> None:
        self.handover_title.setText("Every team has had its turn")
        gaps = []
        for team in self.model.teams:
            answered, asked = self.model.progress(team)
            if answered < asked:
                left = asked - answered
                gaps.append(f"{team.name} left {left} question{'s' * (left != 1)} unanswered")
        self.handover_lead.setText(
            " ".join(
                [
                    "Pass the laptop back to the facilitator and compare the teams (F5) to "
                    "show the room where they disagree.",
                    *([f"{'; '.join(gaps)}: a team button gives it another turn."] if gaps else []),
                ]
            )
        )

    def _show_whom(self) -> None:
        """On a short screen, whom to pass the laptop to and the button, together: the
        focus alone scrolls the button into view with a margin that hid the heading."""
        self.handover_page.ensureWidgetVisible(self.handover_title, 0, 0)
        if self.start_button.isVisibleTo(self.handover):
            self.handover_page.ensureWidgetVisible(self.start_button, 0, 0)

    def step(self, by: int) -> None:
        if not self.model.teams:
            return
        here = self.model.current if self.model.current is not None else self.pending
        start = -1 if here is None and by > 0 else (here if here is not None else 0)
        self.offer((start + by) % len(self.model.teams))

    def _start(self) -> None:
        if self.pending is None:
            if not self.model.teams:
                return
            self.pending = 0
        index, self.pending = self.pending, None
        self.model.select(index)

    def _hand_over(self) -> None:
        """The laptop goes to the next team; after the last, every team has had its turn
        and the facilitator compares them (a team button gives a team another)."""
        current = self.model.current
        self.model.select(None)
        if current is not None and self.model.teams:
            last = current + 1 >= len(self.model.teams)
            self.pending = None if last else current + 1
            self._turns_over = last
        self._on_current()

    def _on_current(self) -> None:
        team = self.model.current_team()
        self._clear_form()
        if team is None:
            if self.pending is None and self.model.teams and not self._turns_over:
                self.pending = 0
            self.start_button.setVisible(not self._turns_over)
            if self._turns_over:
                self._say_turns_over()
            elif self.pending is not None and self.pending < len(self.model.teams):
                name = self.model.teams[self.pending].name
                self.handover_title.setText(f"Pass the laptop to {name}")
                self.handover_lead.setText(
                    f"Only {name}'s answers will be shown. The other teams' answers stay "
                    "hidden until you compare the teams."
                )
                self.start_button.setText(f"&Start answering as {name}")
                self.start_button.setEnabled(True)
            else:
                self.handover_title.setText("Add the teams taking part")
                self.handover_lead.setText("Use Add team… to name each team.")
                self.start_button.setEnabled(False)
            self.pages.setCurrentIndex(0)
            if self.isVisible():
                (self.compare_button if self._turns_over else self.start_button).setFocus()
                QTimer.singleShot(0, self._show_whom)
        else:
            self._build_form()
            self.pages.setCurrentIndex(1)
        self._update_progress()

    # ---- one team's questions -------------------------------------------------------------
    def _clear_form(self) -> None:
        while self.form_holder.count():
            item = self.form_holder.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.boxes = {}

    def _build_form(self) -> None:
        team = self.model.current_team()
        assert team is not None
        rulebook = self.model.loaded.rulebook
        content = QWidget()
        column = QVBoxLayout(content)
        framing = team.framing or self.model.workshop.framing
        decision = wrapped_label(framing_html(framing), rich=True)
        decision.setObjectName("workshopFraming")
        name_widget(decision, "The decision", "What the teams are asked to decide")
        column.addWidget(decision)
        sections = [(rulebook.framing.title, rulebook.framing.summary, rulebook.framing.questions)]
        sections += [(f.title, f.summary, f.questions) for f in rulebook.factors]
        for title, summary, questions in sections:
            heading = wrapped_label(title, "questionTitle")
            heading.setAccessibleName(title)
            column.addWidget(heading)
            column.addWidget(wrapped_label(summary, "pageLead"))
            for question in questions:
                box = QuestionBox(question, team.answers.get(question.id), self._glossary)
                box.answered.connect(self.model.answer)
                self.boxes[question.id] = box
                column.addWidget(box)
        column.addStretch(1)
        scroller = PageScrollArea(content)
        name_widget(scroller, f"{team.name}'s questions", "The decision and every question")
        self.form_holder.addWidget(scroller)
        self.scroller = scroller
        first = next(iter(self.boxes.values()), None)
        if first is not None and self.isVisible():
            first.setFocus()
            scroller.verticalScrollBar().setValue(0)  # the decision itself first

    # ---- actions ----------------------------------------------------------------------------
    def add_team(self) -> None:
        name = dialogs.ask_team_name(self, "Add team")
        if name is None:
            return
        try:
            self.model.add_team(name)
        except SysLeadError as exc:
            self._say(str(exc), error=True)
            return
        if self._turns_over:  # every other team has had its turn: the laptop goes to it
            self.offer(len(self.model.teams) - 1)

    def _chosen_index(self) -> int | None:
        if self.model.current is not None:
            return self.model.current
        return self.pending

    def rename_team(self) -> None:
        index = self._chosen_index()
        if index is None:
            return
        name = dialogs.ask_team_name(self, "Rename team", self.model.teams[index].name)
        if name is None:
            return
        try:
            self.model.rename_team(index, name)
        except SysLeadError as exc:
            self._say(str(exc), error=True)
            return
        self._on_current()

    def remove_team(self) -> None:
        index = self._chosen_index()
        if index is None or not dialogs.ask_remove_team(self, self.model.teams[index].name):
            return
        self.pending = None
        self.model.remove_team(index)

    def import_files(self) -> None:
        folder = dialogs.ask_import_folder(self, str(self.model.path.parent))
        if folder is not None:
            self._say(f"Reading the teams' files in {folder}…")
            self.model.import_folder(folder)

    def export_files(self) -> None:
        """One file per team on a USB stick, for teams answering on their own laptops."""
        from ...services.workshop import team_file_paths

        folder = dialogs.ask_export_folder(self, str(self.model.path.parent))
        if folder is None:
            return
        there = [p for p in team_file_paths(self.model.workshop, folder) if p.exists()]
        if there and not dialogs.ask_replace_team_files(self, folder, [p.name for p in there]):
            return
        self._export_to = folder
        self._say(f"Writing the teams' files to {folder}…")
        self.model.export_teams(folder, force=bool(there))

    # ---- what the model says -----------------------------------------------------------------
    def _on_exported(self, paths: object) -> None:
        assert isinstance(paths, list)
        names = ", ".join(p.name for p in paths)
        self._say(
            f"Wrote {names} to {self._export_to}. Each team opens its own file, answers and "
            "saves it; Import teams' files… brings them back."
        )

    def _on_export_failed(self, message: str) -> None:
        self._say(f"No files written: {message}", error=True)

    def _say(self, text: str, error: bool = False) -> None:
        show_status(self.status, text, error)

    def _on_saved(self) -> None:
        self._say(f"Saved in {self.model.path.name}")

    def _on_save_failed(self, message: str) -> None:
        self._say(f"Not saved: {message}", error=True)

    def _on_imported(self, report: object) -> None:
        from ...services.workshop import ImportReport

        assert isinstance(report, ImportReport)
        lines = [report.summary() + "."]
        lines += [f"Skipped {f}: {reason}" for f, reason in report.skipped]
        lines += report.warnings
        self._say("\n".join(lines), error=bool(report.skipped))

    def _on_busy(self, busy: bool) -> None:
        self.import_button.setEnabled(not busy)
        self.import_action.setEnabled(not busy)
        self.export_action.setEnabled(not busy)
