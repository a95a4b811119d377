"""The decision view: the wizard for one decision, and its board-paper export.

It takes the open decision (a :class:`~.document.DecisionDocument`) and listens to it:
when another decision is put in place it builds a fresh wizard for it, and while the
review page is shown it keeps the assessment up to date. Export runs through the
background-operation helper, so the window never freezes, and it can be cancelled."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget

from . import dialogs
from .dialogs import file_stem
from .operations import Operation, OperationContext
from .view import View

if TYPE_CHECKING:
    from ..domain.wizard_flow import WizardFlow
    from .document import DecisionDocument
    from .wizard import DecisionWizard


class DecisionView(View):
    """The wizard for the open decision; it contributes Export PDF to the File menu."""

    view_id = "decision"
    title = "Decision"

    exported = Signal(str)  # the PDF's path
    export_failed = Signal(str)  # the one-line reason
    actions_requested = Signal()  # the window shows the decision's actions

    def __init__(
        self, doc: DecisionDocument, folder_hint: Any = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.doc = doc
        #: Called for the folder the export dialog starts in (the window's last folder).
        self._folder_hint = folder_hint or (lambda: str(Path.home()))
        self.last_pdf: Path | None = None
        self.export_op: Operation[Path] | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._wizard: DecisionWizard | None = None
        #: The decision was replaced while another view was current: the wizard is built
        #: afresh when it is next needed (going Home built a whole wizard for nothing).
        self._stale = False
        self._current = False
        self.export_action = QAction("&Export PDF…", self)
        self.export_action.setShortcuts([QKeySequence("Ctrl+E")])
        self.export_action.setStatusTip("Write the board paper as a PDF")
        self.export_action.triggered.connect(self.export_pdf)
        self.open_pdf_action = QAction("Open E&xported PDF", self)
        self.open_pdf_action.setStatusTip("Open the board paper exported last")
        self.open_pdf_action.setEnabled(False)
        self.open_pdf_action.triggered.connect(self.open_pdf)
        self.actions_action = QAction("Actions and O&wners…", self)
        self.actions_action.setStatusTip(
            "Name who owns each condition and safeguard, set its date, record progress"
        )
        self.actions_action.triggered.connect(self.actions_requested)
        self._build_wizard()
        doc.replaced.connect(self._on_replaced)
        doc.changed.connect(self._on_changed)
        doc.path_changed.connect(self.title_changed)

    # ---- the View interface -------------------------------------------------------------
    def window_title(self) -> str:
        return f"{self.doc.display_name}[*]"

    def file_actions(self) -> list[QAction]:
        return [self.export_action, self.open_pdf_action, self.actions_action]

    def position(self) -> str | None:
        if self._stale or self._wizard is None:
            return None  # not shown since its decision was put in place: no page yet
        page = self._wizard.currentPage()
        return getattr(page, "step_id", None)

    def go_to(self, position: str) -> None:
        """Open the wizard at step ``position`` (a step id), if the rulebook still has it.

        The wizard moves forward one page at a time (as Next does), so every page on the
        way is initialised as if the user had walked there."""
        if position not in {step.id for step in self.flow.steps}:
            return
        for _ in self.flow.steps:
            page = self.wizard.currentPage()
            if page is None or getattr(page, "step_id", None) == position:
                return
            self.wizard.next()

    def shutdown(self) -> None:
        if self.export_op is not None:
            self.export_op.cancel()

    def activated(self) -> None:
        self._current = True
        if self._stale:
            self._build_wizard()

    def deactivated(self) -> None:
        self._current = False

    # ---- the wizard ---------------------------------------------------------------------
    @property
    def wizard(self) -> DecisionWizard:
        """The wizard for the decision in the document (built afresh if it was replaced
        since the wizard was last shown)."""
        if self._wizard is None or self._stale:
            self._build_wizard()
        assert self._wizard is not None
        return self._wizard

    @property
    def flow(self) -> WizardFlow:
        return self.wizard.flow

    def _on_replaced(self) -> None:
        if self._current:
            self._build_wizard()
        else:
            self._stale = True

    def _build_wizard(self) -> None:
        """A fresh wizard for the decision in the document (the pages read it once)."""
        from ..domain.wizard_flow import WizardFlow
        from .wizard import DecisionWizard

        old = self._wizard
        self._stale = False
        wizard = self._wizard = DecisionWizard(WizardFlow(self.doc.loaded.rulebook), self.doc, self)
        wizard.finish_requested.connect(self.export_pdf)
        finish = wizard.page_for("finish")
        finish.open_requested.connect(self.open_pdf)  # type: ignore[attr-defined]
        self._layout.addWidget(wizard)
        if old is not None:
            self._layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        wizard.show()  # setWindowFlags() hid it
        wizard.restart()
        if self.export_op is not None and self.export_op.running:
            self._show_busy(True)

    def _on_changed(self) -> None:
        if self._stale:
            return  # nothing shown to keep up to date
        review = self.wizard.page_for("review")
        if self.wizard.currentPage() is review:
            review.refresh()  # type: ignore[attr-defined]

    # ---- export -------------------------------------------------------------------------
    def _show_busy(self, busy: bool, message: str = "") -> None:
        self.wizard.page_for("finish").set_busy(busy, message)  # type: ignore[attr-defined]

    def _status(self, message: str, timeout: int = 0) -> None:
        bar = getattr(self.window(), "statusBar", None)
        if bar is not None:
            bar().showMessage(message, timeout)

    def export_pdf(self) -> None:
        """Ask where, then assess, render and save the paper in the background."""
        if self.export_op is not None and self.export_op.running:
            self._status("Still writing the last board paper…", 5000)
            return
        status = self.flow.status("review", self.doc.decision)
        if not status.complete:
            dialogs.show_error(self, "Not ready to export", status.reason)
            return
        from ..services.pdf.printable import unprintable

        missing = [found.describe() for found in unprintable(self.doc.decision)]
        if missing and not dialogs.ask_print_anyway(self, missing):
            return
        stem = file_stem(self.doc.display_name, "board-paper")
        target = dialogs.ask_pdf_path(self, str(Path(self._folder_hint()) / f"{stem}.pdf"))
        if target is None:
            return
        from ..services.workflow import write_board_paper

        decision = self.doc.decision.model_copy(deep=True)  # the user may keep editing
        loaded = self.doc.loaded

        def work(context: OperationContext) -> Path:
            return write_board_paper(decision, loaded, target, context.check)

        self._show_busy(True, f"Writing {target.name}…")  # the status bar's busy indicator
        # says so too, with Cancel, if it takes more than a moment
        self.export_op = (
            Operation(self, work, self._on_exported, label=f"Writing {target.name}")
            .failure(self._on_export_failed)
            .on_cancelled(self._on_export_cancelled)
            .cancellable()
            .run()
        )

    def _on_exported(self, path: Path) -> None:
        self.last_pdf = path
        self._show_busy(False, f"Saved the board paper as {path}")
        self.wizard.page_for("finish").open_button.setEnabled(True)  # type: ignore[attr-defined]
        self.open_pdf_action.setEnabled(True)
        self._status(f"Exported {path}", 8000)
        self.exported.emit(str(path))

    def _on_export_failed(self, reason: str) -> None:
        self._show_busy(False, "")
        dialogs.show_error(self, "Export failed", reason)
        self.export_failed.emit(reason)

    def _on_export_cancelled(self) -> None:
        self._show_busy(False, "The export was cancelled; no file was written.")
        self._status("Export cancelled", 5000)

    def open_pdf(self) -> None:
        if self.last_pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_pdf)))
