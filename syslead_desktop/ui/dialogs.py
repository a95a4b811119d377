"""Every modal question the app asks goes through these small functions, so tests can
replace them (monkeypatch) and nothing in the logic ever blocks on ``exec()``.

The Qt dialog classes are imported inside each function: none is needed to show the first
page, so start-up does not pay for them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

UnsavedAction = Literal["close", "new", "open", "home"]
# What unsaved changes are in the way of, as the question about them puts it.
UNSAVED_QUESTIONS: dict[UnsavedAction, str] = {
    "close": "Do you want to save them before closing?",
    "new": "Do you want to save them before starting a new decision?",
    "open": "Do you want to save them before opening another decision?",
    "home": "Do you want to save them before going to Home?",
}

# Both kinds of file open a decision, so the first filter shows both (and workshop files,
# which open the workshop, are *.yaml too).
DECISION_FILTER = (
    "Decisions and board papers (*.syslead.yaml *.yaml *.yml *.pdf);;"
    "SysLead decisions (*.syslead.yaml *.yaml *.yml);;"
    "Board papers with a record (*.pdf);;"
    "SysLead workshops (*.workshop.yaml)"
)
PDF_FILTER = "PDF board paper (*.pdf)"

DECISION_SUFFIXES = (".syslead.yaml", ".syslead.yml", ".yaml", ".yml")


def file_stem(name: str, fallback: str) -> str:
    """A file name stem from a decision's display name: the decision file's own suffix
    comes off first, then anything but letters, digits, spaces, '-' and '_' becomes '-'
    ("scanning-capacity.syslead.yaml" gives "scanning-capacity")."""
    for suffix in DECISION_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    stem = "".join(c if c.isalnum() or c in " -_" else "-" for c in name).strip(" -")
    return stem or fallback


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


def unsaved_box(parent: QWidget, name: str, action: UnsavedAction = "close") -> QMessageBox:
    """The unsaved-changes question; every button has a mnemonic of its own (Qt's
    standard Save, Discard and Cancel have none)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Unsaved changes",
        f"“{name}” has changes that have not been saved.",
        parent=parent,
    )
    box.setInformativeText(UNSAVED_QUESTIONS[action])
    for which, text in (
        (QMessageBox.StandardButton.Save, "&Save"),
        (QMessageBox.StandardButton.Discard, "&Don't Save"),
        (QMessageBox.StandardButton.Cancel, "&Cancel"),
    ):
        box.addButton(which).setText(text)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box


def ask_unsaved(parent: QWidget, name: str, action: UnsavedAction = "close") -> str:
    """'save', 'discard' or 'cancel'; ``action`` is what the changes are in the way of."""
    from PySide6.QtWidgets import QMessageBox

    answer = unsaved_box(parent, name, action).exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def _choose(
    parent: QWidget, title: str, text: str, question: str, yes: str, no: str, default_yes: bool
) -> bool:
    """A question with two buttons in our own words (with mnemonics); True for ``yes``."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setInformativeText(question)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    reject = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept if default_yes else reject)
    box.exec()
    return box.clickedButton() is accept


def ask_recover(parent: QWidget, description: str) -> bool:
    """Recover a draft (``description`` says what it is and when it was autosaved)?
    Declining keeps the draft: it stays on Home's list of drafts to recover."""
    return _choose(
        parent,
        "Recover unsaved work?",
        description,
        "Recover this draft? If not, it stays on Home under Drafts to recover.",
        "&Recover draft",
        "&Not now",
        default_yes=True,
    )


def ask_discard_draft(parent: QWidget, description: str) -> bool:
    """Delete a recovery draft for good? (The safe answer, keeping it, is the default.)"""
    return _choose(
        parent,
        "Discard draft?",
        description,
        "Delete this draft for good? This cannot be undone.",
        "&Delete draft",
        "&Keep it",
        default_yes=False,
    )


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, title, message)


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, message)


OverwriteChoice = Literal["overwrite", "save_as", "cancel"]


def ask_overwrite_changed(parent: QWidget, reason: str) -> OverwriteChoice:
    """The file was saved by someone else since it was opened here: overwrite it, save
    under another name, or cancel (the default: nothing is lost)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "File changed on disk", reason, parent=parent)
    box.setInformativeText(
        "Saving now would replace what was saved there. Save under another name to keep both."
    )
    overwrite = box.addButton("&Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("&Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save_as)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is overwrite:
        return "overwrite"
    return "save_as" if clicked is save_as else "cancel"


def ask_print_anyway(parent: QWidget, lines: list[str]) -> bool:
    """Some characters cannot be printed (``lines`` say which, where, and what the paper
    shows instead): export anyway? The paper names each one; nothing prints as a box."""
    shown = lines[:12] + ([f"… and {len(lines) - 12} more"] if len(lines) > 12 else [])
    return _choose(
        parent,
        "Some characters cannot be printed",
        "The board paper cannot print these characters: no font it carries draws them. "
        "Each is shown by its name instead, or left out if it has no visible form:\n\n"
        + "\n".join(shown),
        "Export the paper anyway? Choose Cancel to change the text first.",
        "&Export anyway",
        "&Cancel",
        default_yes=False,
    )
