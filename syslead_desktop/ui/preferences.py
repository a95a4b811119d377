"""Preferences: the trust profile (set once, shared by the governance team) and the
default register folder.

The dialog edits copies; nothing is saved until OK, and a profile that would not be
valid is never saved (the reason is shown beside the buttons). File choosers go through
small module functions that tests replace.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.trust import Board, Logo, TrustProfile
from ..errors import SysLeadError
from ..services.settings import Settings
from .dialog_fit import FittedDialog
from .widgets import ProblemLine, name_widget, wrapped_label

LOGO_RENDER_HEIGHT = 240  # pixels of the PNG an SVG logo is rendered to for the paper


# ---- choosers (tests replace these) ---------------------------------------------------------
def ask_logo_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Choose the trust's logo", "", "Logos (*.png *.svg);;All files (*)"
    )
    return Path(name) if name else None


def ask_profile_to_import(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import a trust profile", "", "Trust profile (*.yaml *.yml);;All files (*)"
    )
    return Path(name) if name else None


def ask_profile_export_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export the trust profile", "trust-profile.yaml", "Trust profile (*.yaml)"
    )
    return Path(name) if name else None


def ask_library_folder(parent: QWidget, current: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, "Choose the register folder", current)
    return Path(name) if name else None


def svg_to_png(data: bytes, height: int = LOGO_RENDER_HEIGHT) -> bytes:
    """An SVG logo rendered to a PNG (transparent background), for the paper."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        raise SysLeadError("the SVG logo cannot be read")
    size = renderer.defaultSize()
    width = max(1, round(height * size.width() / max(1, size.height())))
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 accepts only str here at run time, though its stubs say bytes
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(buffer.data().data())


class PreferencesDialog(FittedDialog):
    """Edit the trust profile and the default register; ``saved`` after OK saved them."""

    saved = Signal()

    def __init__(
        self, profile: TrustProfile | None, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.logo: Logo | None = profile.logo if profile else None
        self.settings = settings
        self.result_profile: TrustProfile | None = profile
        self.result_settings: Settings = settings

        trust = QGroupBox("The trust on every paper")
        form = QFormLayout(trust)
        self.name = QLineEdit(profile.name if profile else "")
        self.name.setPlaceholderText("e.g. Wyvern Valley Hospitals NHS Foundation Trust")
        form.addRow("Organisation &name", name_widget(self.name, "Organisation name"))
        self.short_name = QLineEdit(profile.short_name if profile else "")
        self.short_name.setPlaceholderText("e.g. Wyvern Valley (for running headers)")
        form.addRow("&Short name", name_widget(self.short_name, "Short name"))

        self.logo_preview = QLabel()
        self.logo_preview.setAccessibleName("Logo preview")
        self.logo_button = QPushButton("Choose &logo…")
        name_widget(self.logo_button, "Choose logo", "A PNG or SVG file.")
        self.logo_button.clicked.connect(self._choose_logo)
        self.clear_logo = QPushButton("Remove logo")
        name_widget(self.clear_logo, "Remove logo", "Print no logo.")
        self.clear_logo.clicked.connect(lambda: self._set_logo(None))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.clear_logo)
        form.addRow("Logo", logo_row)

        self.boards = QTableWidget(0, 2)
        self.boards.setHorizontalHeaderLabels(["Board or committee", "Code"])
        self.boards.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.boards.verticalHeader().setVisible(False)
        name_widget(self.boards, "Boards and committees", "The meetings papers go to.")
        # Room for four boards (it scrolls for more), not a screenful of blank rows.
        rows = self.boards.verticalHeader().defaultSectionSize() * 4
        head = self.boards.horizontalHeader().sizeHint().height()
        self.boards.setFixedHeight(rows + head + 2 * self.boards.frameWidth())
        for board in profile.boards if profile else []:
            self._add_board(board.name, board.code)
        add = QPushButton("&Add board")
        name_widget(add, "Add board")
        add.clicked.connect(lambda: self._add_board("", "", edit=True))
        remove = QPushButton("&Remove board")
        name_widget(remove, "Remove board")
        remove.clicked.connect(self._remove_board)
        board_buttons = QHBoxLayout()
        board_buttons.addWidget(add)
        board_buttons.addWidget(remove)
        board_buttons.addStretch(1)
        boards_box = QVBoxLayout()
        boards_box.addWidget(self.boards)
        boards_box.addLayout(board_buttons)
        form.addRow("Boards", boards_box)

        self.pattern = QLineEdit(profile.agenda_item_pattern if profile else "")
        self.pattern.setPlaceholderText("e.g. {code}{yy}/{mm}/{item}")
        form.addRow("A&genda items", name_widget(self.pattern, "Agenda item pattern"))
        self.example = wrapped_label("", "pageLead")
        form.addRow("", self.example)
        self.pattern.textChanged.connect(self._show_example)
        self.boards.itemChanged.connect(self._show_example)

        share = QHBoxLayout()
        import_button = QPushButton("&Import…")
        name_widget(import_button, "Import trust profile", "Use a profile shared with you.")
        import_button.clicked.connect(self._import)
        export_button = QPushButton("E&xport…")
        name_widget(export_button, "Export trust profile", "Save this profile to share it.")
        export_button.clicked.connect(self._export)
        share.addWidget(wrapped_label("Share one profile so every paper matches:", "pageLead"), 1)
        share.addWidget(import_button)
        share.addWidget(export_button)
        form.addRow(share)

        register = QGroupBox("The register")
        register_form = QFormLayout(register)
        self.library = QLineEdit(settings.library or "")
        self.library.setPlaceholderText("A folder, which may be shared with colleagues")
        choose = QPushButton("C&hoose…")
        name_widget(choose, "Choose register folder")
        choose.clicked.connect(self._choose_library)
        library_row = QHBoxLayout()
        library_row.addWidget(name_widget(self.library, "Register folder"), 1)
        library_row.addWidget(choose)
        # A row of a layout gets no buddy from addRow: the label is given its field.
        library_label = QLabel("Register &folder")
        library_label.setBuddy(self.library)
        register_form.addRow(library_label, library_row)

        self.problem = ProblemLine()  # no room taken while there is nothing to say
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(trust)
        column.addWidget(register)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body(content), 1)  # scrolls on a small screen at 200%
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._set_logo(self.logo)
        self._show_example()

    # ---- boards ---------------------------------------------------------------------------
    def _add_board(self, name: str, code: str, edit: bool = False) -> None:
        row = self.boards.rowCount()
        self.boards.insertRow(row)
        self.boards.setItem(row, 0, QTableWidgetItem(name))
        self.boards.setItem(row, 1, QTableWidgetItem(code))
        if edit:
            self.boards.setCurrentCell(row, 0)
            item = self.boards.item(row, 0)
            if item is not None:
                self.boards.editItem(item)

    def _remove_board(self) -> None:
        row = self.boards.currentRow()
        if row >= 0:
            self.boards.removeRow(row)
            self._show_example()

    def _board_list(self) -> list[Board]:
        boards = []
        for row in range(self.boards.rowCount()):
            name_item, code_item = self.boards.item(row, 0), self.boards.item(row, 1)
            name = name_item.text().strip() if name_item else ""
            if name:
                boards.append(Board(name=name, code=code_item.text().strip() if code_item else ""))
        return boards

    # ---- the logo ---------------------------------------------------------------------------
    def _set_logo(self, logo: Logo | None) -> None:
        self.logo = logo
        self.clear_logo.setEnabled(logo is not None)
        if logo is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("No logo")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(logo.printable())
        height = self.fontMetrics().height() * 3
        self.logo_preview.setPixmap(
            pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
        )

    def _choose_logo(self) -> None:
        from ..services.files import read_bytes
        from ..services.trust_profile import logo_from_file

        path = ask_logo_path(self)
        if path is None:
            return
        try:
            rendering = svg_to_png(read_bytes(path)) if path.suffix.lower() == ".svg" else None
            self._set_logo(logo_from_file(path, rendering))
            self.problem.setText("")
        except SysLeadError as exc:
            self.problem.setText(str(exc))

    # ---- the profile ------------------------------------------------------------------------
    def profile(self) -> TrustProfile | None:
        """The profile as the dialog shows it; None when no name is given (no profile).

        Raises ``ValueError`` with the reason when it is not a valid profile."""
        name = self.name.text().strip()
        if not name:
            if self.logo or self._board_list() or self.short_name.text().strip():
                raise ValueError("give the organisation's name, or clear the other fields")
            return None
        return TrustProfile(
            name=name,
            short_name=self.short_name.text().strip(),
            logo=self.logo,
            boards=self._board_list(),
            agenda_item_pattern=self.pattern.text().strip(),
        )

    def _show_example(self) -> None:
        try:
            profile = self.profile()
        except ValueError as exc:
            self.example.setText(_reason(exc))
            return
        if profile is None or not profile.agenda_item_pattern:
            self.example.setText("Placeholders: {code} {yyyy} {yy} {mm} {item}")
            return
        meeting = profile.boards[0].name if profile.boards else ""
        example = profile.agenda_item(meeting, dt.date.today(), "4.2")
        self.example.setText(f"For example: {example}")

    def _fill(self, profile: TrustProfile) -> None:
        self.name.setText(profile.name)
        self.short_name.setText(profile.short_name)
        self.boards.setRowCount(0)
        for board in profile.boards:
            self._add_board(board.name, board.code)
        self.pattern.setText(profile.agenda_item_pattern)
        self._set_logo(profile.logo)

    def _import(self) -> None:
        from ..services.trust_profile import read_profile

        path = ask_profile_to_import(self)
        if path is None:
            return
        try:
            self._fill(read_profile(path))
            self.problem.setText("")
        except SysLeadError as exc:
            self.problem.setText(str(exc))

    def _export(self) -> None:
        from ..services.files import atomic_write_text
        from ..services.trust_profile import profile_to_text

        try:
            profile = self.profile()
        except ValueError as exc:
            self.problem.setText(_reason(exc))
            return
        if profile is None:
            self.problem.setText("Give the organisation's name before exporting the profile.")
            return
        path = ask_profile_export_path(self)
        if path is None:
            return
        try:
            atomic_write_text(path, profile_to_text(profile))
            self.problem.setText(f"Exported to {path}")
        except SysLeadError as exc:
            self.problem.setText(str(exc))

    def _choose_library(self) -> None:
        path = ask_library_folder(self, self.library.text())
        if path is not None:
            self.library.setText(str(path))

    # ---- saving -------------------------------------------------------------------------------
    def accept(self) -> None:
        from ..services.settings import save_settings
        from ..services.trust_profile import profile_path, save_profile

        try:
            profile = self.profile()
        except ValueError as exc:
            self.problem.setText(_reason(exc))
            return
        library = self.library.text().strip() or None
        settings = self.settings.model_copy(update={"library": library})
        try:
            if profile is not None:
                save_profile(profile)
            elif profile_path().exists():
                profile_path().unlink()
            if settings != self.settings:
                save_settings(settings)
        except (SysLeadError, OSError) as exc:
            self.problem.setText(str(exc))
            return
        self.result_profile, self.result_settings = profile, settings
        self.saved.emit()
        super().accept()


def _reason(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        text = str(first["msg"]).removeprefix("Value error, ")
        return f"{where}: {text}" if where else text
    return str(exc)
