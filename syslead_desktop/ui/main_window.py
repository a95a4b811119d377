"""The main window: File menu, drafts and autosave, and the wizard in the middle."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from .. import APP_NAME
from ..errors import SysLeadError
from . import dialogs
from .welcome import StartingWizard

if TYPE_CHECKING:
    from ..domain.decision import Decision
    from ..domain.wizard_flow import WizardFlow
    from ..engine.loader import LoadedRulebook
    from ..services.autosave import AutosaveSession
    from ..services.settings import Settings
    from .document import DecisionDocument
    from .export import ExportJob
    from .wizard import DecisionWizard

AUTOSAVE_DELAY_MS = 2000  # a pause in typing this long writes the recovery draft...
AUTOSAVE_MAX_DELAY_MS = 10_000  # ...and non-stop typing still writes it this often
SCREEN_SHARE = 0.9  # the first window leaves this share of the screen's free area unused


def initial_geometry(preferred: QSize, available: QRect) -> QRect:
    """The window's first geometry: ``preferred``, but never more than ``SCREEN_SHARE``
    of the screen's ``available`` area (so the title bar and frame fit too), centred in it.

    On a 1920×1080 screen at 200% only 960×540 is available: a fixed size would put
    Back and Next below the bottom of the screen."""
    width = max(1, min(preferred.width(), int(available.width() * SCREEN_SHARE)))
    height = max(1, min(preferred.height(), int(available.height() * SCREEN_SHARE)))
    geometry = QRect(0, 0, width, height)
    geometry.moveCenter(available.center())
    return geometry


class MainWindow(QMainWindow):
    """Starts in two steps so that the first page appears at once: the window and its
    welcome page first, then (``finish_loading``) the rulebook, settings and the wizard."""

    exported = Signal(str)
    export_failed = Signal(str)
    ready = Signal()

    def __init__(self, loaded: LoadedRulebook | None = None, autosave: bool = True):
        super().__init__()
        self._autosave_wanted = autosave
        self.last_pdf: Path | None = None
        self.pool = QThreadPool(self)
        self._export_job: ExportJob | None = None  # released here, in the main thread
        self.session: AutosaveSession | None = None
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.write_autosave)
        # Restarted by every change, the timer above alone would wait for ever while
        # someone types without a pause; this one runs from the first unsaved change.
        self._autosave_deadline = QTimer(self)
        self._autosave_deadline.setSingleShot(True)
        self._autosave_deadline.setInterval(AUTOSAVE_MAX_DELAY_MS)
        self._autosave_deadline.timeout.connect(self.write_autosave)
        self.wizard: DecisionWizard
        self._needs_rulebook: list[QAction] = []
        self._build_menus()
        self.setCentralWidget(StartingWizard())
        self.setWindowTitle(APP_NAME)
        self.fit_to_screen()
        if loaded is not None:
            self.finish_loading(loaded)

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Size and centre the window for the screen it opens on (``available``: that
        screen's free area, without task bars and docks; the window's screen if None)."""
        if available is None:
            available = self.screen().availableGeometry()
        metrics = self.fontMetrics()
        preferred = QSize(metrics.averageCharWidth() * 150, metrics.lineSpacing() * 42)
        self.setGeometry(initial_geometry(preferred, available))

    @property
    def is_ready(self) -> bool:
        return hasattr(self, "doc")

    def finish_loading(self, loaded: LoadedRulebook) -> None:
        """Second step of start-up: everything that needs the rulebook."""
        from ..domain.wizard_flow import WizardFlow
        from ..services.autosave import AutosaveSession
        from ..services.settings import load_settings
        from .document import DecisionDocument

        self.loaded = loaded
        self.flow: WizardFlow = WizardFlow(loaded.rulebook)
        self.settings: Settings
        self.settings, warning = load_settings()
        self.doc: DecisionDocument = DecisionDocument(loaded, self)
        self.doc.modified_changed.connect(self.setWindowModified)
        self.doc.path_changed.connect(self._update_title)
        self.doc.changed.connect(self._on_changed)
        if self._autosave_wanted:
            try:
                self.session = AutosaveSession.start()
            except SysLeadError as exc:
                self.statusBar().showMessage(f"Autosave is off: {exc}")
        self._build_wizard()
        self._update_title()
        for action in self._needs_rulebook:
            action.setEnabled(True)
        if warning:
            self.statusBar().showMessage(warning)
        if self.settings.presentation_mode:
            self.presentation.setChecked(True)
            self.toggle_presentation(True)
        self.ready.emit()

    # ---- construction -----------------------------------------------------------------
    def _build_wizard(self) -> None:
        from .wizard import DecisionWizard  # the pages are only needed once the rulebook is read

        old = getattr(self, "wizard", None)
        self.wizard = DecisionWizard(self.flow, self.doc, self)
        self.wizard.finish_requested.connect(self.export_pdf)
        finish = self.wizard.page_for("finish")
        finish.open_requested.connect(self.open_pdf)  # type: ignore[attr-defined]
        self.setCentralWidget(self.wizard)
        self.wizard.show()  # setWindowFlags() hid it; show it when swapped in later
        if old is not None:
            old.deleteLater()
        self.wizard.restart()

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        needs_rulebook: bool = True,
    ) -> QAction:
        action = QAction(text, self)
        if needs_rulebook:  # enabled by finish_loading
            action.setEnabled(False)
            self._needs_rulebook.append(action)
        if isinstance(shortcut, QKeySequence.StandardKey):
            # Every binding the platform has for it. (setShortcut() would also work, but
            # its overloads make PySide6 build all the Qt.* enums, ~20 ms at start-up.)
            action.setShortcuts(QKeySequence.keyBindings(shortcut))
        elif shortcut is not None:
            action.setShortcuts([QKeySequence(shortcut)])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(
            self._action(
                "&New", self.new_decision, QKeySequence.StandardKey.New, "Start a new decision"
            )
        )
        file_menu.addAction(
            self._action(
                "&Open…",
                self.open_dialog,
                QKeySequence.StandardKey.Open,
                "Open a decision file or a board paper PDF",
            )
        )
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setEnabled(False)
        self._needs_rulebook.append(self.recent_menu.menuAction())
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Save", self.save, QKeySequence.StandardKey.Save))
        file_menu.addAction(
            self._action("Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs)
        )
        file_menu.addAction(
            self._action(
                "&Export PDF…", self.export_pdf, "Ctrl+E", "Write the board paper as a PDF"
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(
                "Use Another R&ulebook…",
                self.choose_rulebook,
                tip="Use a rulebook your trust has adapted (it is checked first)",
            )
        )
        file_menu.addAction(
            self._action(
                "Use the Standard Rule&book",
                self.use_standard_rulebook,
                tip="Go back to the rulebook that comes with SysLead",
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, needs_rulebook=False)
        )
        view = bar.addMenu("&View")
        self.presentation = self._action(
            "&Presentation mode",
            self.toggle_presentation,
            "F11",
            "Full screen with larger text, for workshops",
            needs_rulebook=False,
        )
        self.presentation.setCheckable(True)
        view.addAction(self.presentation)

    def _fill_recent(self) -> None:
        from ..services.settings import existing_recent_files

        self.recent_menu.clear()
        files = existing_recent_files(self.settings)
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not files:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    # ---- title, modified, autosave ----------------------------------------------------
    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.doc.display_name}[*] — {APP_NAME}")

    def _on_changed(self) -> None:
        if self.doc.modified:
            self._autosave_timer.start()
            if not self._autosave_deadline.isActive():
                self._autosave_deadline.start()
        review = self.wizard.page_for("review") if hasattr(self, "wizard") else None
        if review is not None and self.wizard.currentPage() is review:
            review.refresh()  # type: ignore[attr-defined]
        if self.doc.path is None:
            self._update_title()

    def _stop_autosave_timers(self) -> None:
        self._autosave_timer.stop()
        self._autosave_deadline.stop()

    def write_autosave(self) -> None:
        self._stop_autosave_timers()
        if self.session is None or not self.doc.modified:
            return
        try:
            self.session.write(self.doc.decision, self.doc.path)
        except SysLeadError as exc:
            self.statusBar().showMessage(f"Autosave failed: {exc}")

    def offer_recovery(self) -> None:
        from ..services.autosave import find_recoverable

        drafts, problems = find_recoverable()
        for problem in problems:
            self.statusBar().showMessage(f"A recovery draft could not be read: {problem}")
        for draft in drafts:
            source = f"from {draft.source_path.name}" if draft.source_path else "not yet saved"
            title = draft.decision.framing.title or "Untitled decision"
            text = (
                f"A draft of “{title}” ({source}) was autosaved at "
                f"{draft.saved_at:%H:%M on %d %B %Y}."
            )
            if dialogs.ask_recover(self, text):
                self._load(draft.decision, draft.source_path, modified=True)
                draft.discard()
                self.write_autosave()
                return
            draft.discard()

    # ---- file actions -----------------------------------------------------------------
    def _ok_to_discard(self, action: dialogs.UnsavedAction = "close") -> bool:
        if not self.doc.modified:
            return True
        answer = dialogs.ask_unsaved(self, self.doc.display_name, action)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_decision(self) -> None:
        if self._ok_to_discard("new"):
            from ..services.decision_file import new_decision

            self._load(new_decision(self.loaded.rulebook, self.loaded.hash), None)

    def open_dialog(self) -> None:
        if not self._ok_to_discard("open"):
            return
        path = dialogs.ask_open_path(self, self.settings.last_folder or str(Path.home()))
        if path is not None:
            self.open_path(path, confirmed=True)

    def open_path(self, path: Path, confirmed: bool = False) -> bool:
        from ..services.decision_file import decision_from_text, load_decision

        if not confirmed and not self._ok_to_discard("open"):
            return False
        try:
            if path.suffix.lower() == ".pdf":
                from ..services.pdf.archive import extract_decision

                decision = decision_from_text(extract_decision(path), str(path))
                source: Path | None = None
            else:
                decision = load_decision(path)
                source = path
        except SysLeadError as exc:
            dialogs.show_error(self, "Cannot open", str(exc))
            return False
        self._load(decision, source)
        if source is not None:
            self._remember(source)
        return True

    def _load(self, decision: Decision, path: Path | None, modified: bool = False) -> None:
        from ..services.decision_file import reconcile

        fitted = reconcile(decision, self.loaded.rulebook, self.loaded.hash)
        self.doc.replace(fitted.decision, path, modified=modified or bool(fitted.dropped))
        self._build_wizard()
        if fitted.notices:
            dialogs.show_info(
                self, "Made with another rulebook version", "\n\n".join(fitted.notices)
            )
        if self.session is not None and not self.doc.modified:
            self.session.discard()

    def _remember(self, path: Path) -> None:
        from ..services.settings import remember_recent, save_settings

        self.settings = remember_recent(self.settings, path)
        with contextlib.suppress(SysLeadError):
            save_settings(self.settings)

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        folder = Path(self.settings.last_folder or Path.home())
        stem = "".join(c if c.isalnum() or c in " -_" else "-" for c in self.doc.display_name)
        path = dialogs.ask_save_path(
            self, str(folder / f"{stem.strip() or 'decision'}.syslead.yaml")
        )
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        from ..services.decision_file import save_decision

        try:
            save_decision(path, self.doc.decision)
        except SysLeadError as exc:
            dialogs.show_error(self, "Cannot save", str(exc))
            return False
        self.doc.mark_saved(path)
        self._stop_autosave_timers()
        if self.session is not None:
            self.session.discard()
        self._remember(path)
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    # ---- export -----------------------------------------------------------------------
    def export_pdf(self) -> None:
        from .export import GC_PAUSE, ExportJob

        if self._export_job is not None:
            self.statusBar().showMessage("Still writing the last board paper…", 5000)
            return
        status = self.flow.status("review", self.doc.decision)
        if not status.complete:
            dialogs.show_error(self, "Not ready to export", status.reason)
            return
        stem = "".join(c if c.isalnum() or c in " -_" else "-" for c in self.doc.display_name)
        stem = stem.removesuffix(".syslead-yaml").strip() or "board-paper"
        folder = Path(self.settings.last_folder or Path.home())
        target = dialogs.ask_pdf_path(self, str(folder / f"{stem}.pdf"))
        if target is None:
            return
        finish = self.wizard.page_for("finish")
        finish.set_busy(True, f"Writing {target.name}…")  # type: ignore[attr-defined]
        self.statusBar().showMessage(f"Writing {target}…")
        job = ExportJob(self.doc.decision, self.loaded, target)
        job.signals.finished.connect(self._on_exported)
        job.signals.failed.connect(self._on_export_failed)
        self._export_job = job
        GC_PAUSE.hold()
        self.pool.start(job)

    def _export_done(self) -> None:
        from .export import GC_PAUSE

        self.pool.waitForDone()  # the job has emitted its last signal; let its thread finish
        self._export_job = None
        GC_PAUSE.release()

    def _on_exported(self, path: str) -> None:
        self._export_done()
        self.last_pdf = Path(path)
        finish = self.wizard.page_for("finish")
        finish.set_busy(False, f"Saved the board paper as {path}")  # type: ignore[attr-defined]
        finish.open_button.setEnabled(True)  # type: ignore[attr-defined]
        self.statusBar().showMessage(f"Exported {path}", 8000)
        self.exported.emit(path)

    def _on_export_failed(self, reason: str) -> None:
        self._export_done()
        self.wizard.page_for("finish").set_busy(False, "")  # type: ignore[attr-defined]
        dialogs.show_error(self, "Export failed", reason)
        self.export_failed.emit(reason)

    def open_pdf(self) -> None:
        if self.last_pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_pdf)))

    # ---- view and closing -------------------------------------------------------------
    def choose_rulebook(self) -> None:
        folder = (
            str(Path(self.settings.rulebook_path).parent)
            if self.settings.rulebook_path
            else (self.settings.last_folder or str(Path.home()))
        )
        path = dialogs.ask_rulebook_path(self, folder)
        if path is not None:
            self.use_rulebook(path)

    def use_standard_rulebook(self) -> None:
        from ..locations import default_rulebook_path

        self.use_rulebook(default_rulebook_path(), remember=False)

    def use_rulebook(self, path: Path, remember: bool = True) -> bool:
        """Switch rulebooks, keeping every answer that still applies.  The rulebook is
        verified first: one that fails ``syslead rules check`` is refused with the reason."""
        from ..domain.wizard_flow import WizardFlow
        from ..engine.loader import load_rulebook
        from ..engine.verify import verify
        from ..services.settings import save_settings

        try:
            loaded = load_rulebook(path)
        except SysLeadError as exc:
            dialogs.show_error(self, "Cannot use this rulebook", str(exc))
            return False
        report = verify(loaded)
        if not report.ok:
            errors = [p.text() for c in report.checks for p in c.problems if p.severity == "error"]
            first = errors[0] if errors else "some checks could not run"
            if len(first) > 400:  # a long list of examples would fill the screen
                first = first[:400].rstrip() + " …"
            dialogs.show_error(
                self,
                "This rulebook does not pass its checks",
                f"{first}\n\nRun 'syslead rules check {path}' for the full report.",
            )
            return False
        decision = self.doc.decision
        self.loaded = loaded
        self.flow = WizardFlow(loaded.rulebook)
        self.doc.loaded = loaded
        self._load(decision, self.doc.path, modified=self.doc.modified)
        self.settings = self.settings.model_copy(
            update={"rulebook_path": str(path.resolve()) if remember else None}
        )
        with contextlib.suppress(SysLeadError):
            save_settings(self.settings)
        self.statusBar().showMessage(
            f"Using rulebook {loaded.rulebook.title} ({loaded.rulebook.id} "
            f"{loaded.rulebook.version})",
            8000,
        )
        return True

    def toggle_presentation(self, on: bool) -> None:
        font = self.font()
        base = QWidget().font().pointSizeF()
        font.setPointSizeF(base * (1.35 if on else 1.0))
        self.setFont(font)
        if on:
            self.showFullScreen()
        else:
            self.showNormal()
        if self.is_ready and self.settings.presentation_mode != on:
            from ..services.settings import save_settings

            self.settings = self.settings.model_copy(update={"presentation_mode": on})
            with contextlib.suppress(SysLeadError):
                save_settings(self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.is_ready:
            event.accept()
            return
        if not self._ok_to_discard():
            event.ignore()
            return
        self._stop_autosave_timers()
        self.pool.waitForDone()
        if self.session is not None:
            self.session.close()
            self.session = None
        event.accept()
