"""Every modal question the app asks goes through these small functions, so tests can
replace them (monkeypatch) and nothing in the logic ever blocks on ``exec()``.

The Qt dialog classes are imported inside each function: none is needed to show the first
page, so start-up does not pay for them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

UnsavedAction = Literal["close", "new", "open"]
# What unsaved changes are in the way of, as the question about them puts it.
UNSAVED_QUESTIONS: dict[UnsavedAction, str] = {
    "close": "Do you want to save them before closing?",
    "new": "Do you want to save them before starting a new decision?",
    "open": "Do you want to save them before opening another decision?",
}
# For tests of the real program only: "1" accepts every offer to recover a draft and
# "0" declines it, without showing the question; either way the offer is printed on
# standard output as "recovery offered: <description>".  Unset in normal use.
AUTO_RECOVER_ENV = "SYSLEAD_TEST_AUTO_RECOVER"

DECISION_FILTER = (
    "SysLead decisions (*.syslead.yaml *.yaml *.yml);;Board papers with a record (*.pdf)"
)
PDF_FILTER = "PDF board paper (*.pdf)"


def ask_open_path(parent: QWidget, folder: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(parent, "Open decision", folder, DECISION_FILTER)
    return Path(name) if name else None


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(
        parent, "Save decision", suggested, "SysLead decisions (*.syslead.yaml)"
    )
    if not name:
        return None
    path = Path(name)
    return (
        path
        if path.name.endswith((".yaml", ".yml"))
        else path.with_name(path.name + ".syslead.yaml")
    )


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, "Export board paper", suggested, PDF_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def ask_rulebook_path(parent: QWidget, folder: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(
        parent, "Use another rulebook", folder, "Rulebooks (*.yaml *.yml)"
    )
    return Path(name) if name else None


def ask_unsaved(parent: QWidget, name: str, action: UnsavedAction = "close") -> str:
    """'save', 'discard' or 'cancel'; ``action`` is what the changes are in the way of."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Unsaved changes",
        f"“{name}” has changes that have not been saved.",
        parent=parent,
    )
    box.setInformativeText(UNSAVED_QUESTIONS[action])
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def ask_recover(parent: QWidget, description: str) -> bool:
    auto = os.environ.get(AUTO_RECOVER_ENV)
    if auto in ("0", "1"):
        print(f"recovery offered: {description}", flush=True)
        return auto == "1"
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent,
        "Recover unsaved work?",
        f"SysLead closed unexpectedly last time. {description}\n\nRecover this draft?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget, title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, title, message)


def show_info(parent: QWidget, title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, message)
