"""The questions the workshop views ask, each through one small function that tests can
replace (as ui/dialogs.py does for the wizard). Dialogs are built by functions that
return them unshown, so a test can drive one without ``exec()``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..widgets import PageScrollArea, name_widget, wrapped_label

if TYPE_CHECKING:
    from ...services.practice import Scenario

WORKSHOP_FILTER = "SysLead workshops (*.workshop.yaml)"
DEFAULT_TEAMS = ("Team A", "Team B", "Team C")


@dataclass(frozen=True)
class NewWorkshop:
    """What the facilitator asked for: a scenario, a title, the teams, blank or worked."""

    scenario: str
    title: str
    teams: tuple[str, ...]
    blank: bool


def _direction(scenario: Scenario) -> str:
    return "Trust first" if scenario.direction == "trust_first" else "System first"


class NewWorkshopDialog(QDialog):
    """Choose a practice scenario, name the teams, and start them blank or worked."""

    def __init__(self, scenarios: list[Scenario], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New workshop")
        self.scenarios = scenarios
        # the choices scroll on a short screen (a laptop at 200%); Create and Cancel stay
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            wrapped_label(
                "Choose the decision the teams will discuss, name the teams, and choose "
                "how they start. Each team answers on this laptop in turn, and sees only "
                "its own answers until you show the comparison.",
                "pageLead",
            )
        )
        self.list = QListWidget()
        for scenario in scenarios:
            item = QListWidgetItem(
                f"{scenario.title}\n{_direction(scenario)}: {scenario.notes.kind}"
            )
            item.setData(Qt.ItemDataRole.UserRole, scenario.id)
            item.setToolTip(" ".join(scenario.notes.teaches.split()))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(self.list.fontMetrics().lineSpacing() * 5)
        name_widget(self.list, "Practice scenario", "The decision the teams will answer")
        label = QLabel("&Scenario")
        label.setBuddy(self.list)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        self.teaches = wrapped_label("", "pageLead")
        layout.addWidget(self.teaches)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("The scenario's title")
        form.addRow("&Title", self.title_edit)
        self.teams_edit = QPlainTextEdit("\n".join(DEFAULT_TEAMS))
        self.teams_edit.setTabChangesFocus(True)
        lines = self.teams_edit.fontMetrics().lineSpacing()
        self.teams_edit.setFixedHeight(lines * 5)
        name_widget(self.teams_edit, "Teams", "One team name a line")
        form.addRow("T&eams (one a line)", self.teams_edit)
        # a choice's words wrap beneath it: a radio button's own text never wraps, and
        # held the dialog wider than a laptop's screen at 200%
        self.blank_radio = QRadioButton("&Blank")
        name_widget(self.blank_radio, "Blank", "Each team answers every question")
        self.worked_radio = QRadioButton("&Worked")
        name_widget(self.worked_radio, "Worked", "Each team starts from the example's answers")
        self.blank_radio.setChecked(True)
        start = QVBoxLayout()
        start.setSpacing(0)
        style = self.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
        indent += style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing)
        for radio, words in (
            (self.blank_radio, "Each team answers every question."),
            (self.worked_radio, "Each team starts from the example's answers."),
        ):
            start.addWidget(radio)
            words_label = wrapped_label(words, "pageLead")
            words_label.setContentsMargins(indent, 0, 0, indent // 2)  # under the words
            start.addWidget(words_label)
        form.addRow("Start", start)
        layout.addLayout(form)
        page = PageScrollArea(content)
        page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields
        self._content = content
        self._sized = False
        outer = self._outer = QVBoxLayout(self)
        outer.addWidget(page, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("C&reate workshop…")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("&Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.list.currentRowChanged.connect(self._on_scenario)
        self.teams_edit.textChanged.connect(self._validate)
        self._on_scenario(0)

    def sizeHint(self) -> QSize:
        """Big enough for everything in it without scrolling (a scroll area alone asks
        for little); ui/app.py keeps it within a smaller screen, where it scrolls."""
        hint = self._content.sizeHint()
        margins = self._outer.contentsMargins()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = hint.width() + margins.left() + margins.right() + bar
        height = hint.height() + self.buttons.sizeHint().height() + margins.top()
        return QSize(width, height + margins.bottom() + self._outer.spacing())

    def showEvent(self, event: QShowEvent) -> None:
        """Opens at its full size where the screen has room: Qt sizes a new window to
        at most two thirds of the screen, which made it scroll on a laptop at 100%."""
        if not self._sized:
            self._sized = True
            screen = self.screen().availableGeometry()
            hint = self.sizeHint()
            frame = self.fontMetrics().height() * 3  # the title bar and borders
            self.resize(
                min(hint.width(), screen.width()), min(hint.height(), screen.height() - frame)
            )
        super().showEvent(event)

    def _on_scenario(self, row: int) -> None:
        if 0 <= row < len(self.scenarios):
            self.teaches.setText(" ".join(self.scenarios[row].notes.teaches.split()))
        self._validate()

    def team_names(self) -> tuple[str, ...]:
        return tuple(
            " ".join(line.split())
            for line in self.teams_edit.toPlainText().splitlines()
            if line.strip()
        )

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.list.currentRow() >= 0 and len(self.team_names()) >= 2)

    def request(self) -> NewWorkshop:
        scenario = self.scenarios[self.list.currentRow()]
        return NewWorkshop(
            scenario.id,
            self.title_edit.text().strip(),
            self.team_names(),
            self.blank_radio.isChecked(),
        )


def ask_new_workshop(parent: QWidget, scenarios: list[Scenario]) -> NewWorkshop | None:
    dialog = NewWorkshopDialog(scenarios, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.request()


def ask_workshop_save_path(parent: QWidget, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Save the workshop as", suggested, WORKSHOP_FILTER
    )
    if not name:
        return None
    path = Path(name)
    return (
        path
        if path.name.endswith(".workshop.yaml")
        else path.with_name(path.name.removesuffix(".yaml") + ".workshop.yaml")
    )


def ask_import_folder(parent: QWidget, folder: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(
        parent, "Import the teams' files from a folder or USB stick", folder
    )
    return Path(name) if name else None


def ask_export_folder(parent: QWidget, folder: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(
        parent, "Write one file per team to a folder or USB stick", folder
    )
    return Path(name) if name else None


def ask_replace_team_files(parent: QWidget, folder: Path, names: list[str]) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Replace the teams' files?",
        f"{folder} already holds {', '.join(names)}.",
        parent=parent,
    )
    box.setInformativeText("Replace them with blank ones? Answers in them will be lost.")
    replace = box.addButton("&Replace Them", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("&Keep Them", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is replace


def ask_debrief_path(parent: QWidget, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Save the debrief paper", suggested, "PDF (*.pdf)"
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def ask_unsaved_workshop(parent: QWidget, path: Path, reason: str) -> str:
    """The workshop file cannot be written: 'save_as' (somewhere else), 'discard' (go on
    without the answers since it was last saved) or 'cancel' (stay)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Workshop not saved",
        f"The workshop could not be saved to {path}: {reason}",
        parent=parent,
    )
    box.setInformativeText(
        "Save it somewhere else, or close it and lose the answers given since it was last saved?"
    )
    save_as = box.addButton("&Save Elsewhere…", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Lose the Answers", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("&Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save_as)
    box.exec()
    clicked = box.clickedButton()
    return "save_as" if clicked is save_as else "discard" if clicked is discard else "cancel"


def ask_team_name(parent: QWidget, title: str, current: str = "") -> str | None:
    name, ok = QInputDialog.getText(parent, title, "Team name:", QLineEdit.EchoMode.Normal, current)
    return name if ok and name.strip() else None


def ask_remove_team(parent: QWidget, name: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Remove team?",
        f"Remove “{name}” and its answers from the workshop?",
        parent=parent,
    )
    remove = box.addButton("&Remove team", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("&Keep it", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is remove
