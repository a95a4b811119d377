"""The main window: a shell that hosts views (Home, the decision wizard, and later the
register and the workshop).

The shell owns only what every view shares: the File menu, the window title, the
unsaved-changes question, autosave and recovery, and the busy indicator that shows
(and can cancel) background work. Each view takes its model in its
constructor, listens to it and contributes its own menus and File actions while it is
current (see ``view.py``); the shell never reaches into a view's widgets.

It starts in two steps, so that the first page appears at once: the window and Home's
frame first, then (``finish_loading``) the rulebook, settings and everything else."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QWidget

from .. import APP_NAME
from ..errors import SysLeadError
from . import dialogs
from .home.model import HomeModel
from .home.view import HomeView
from .operations import operations_changed
from .view import View

if TYPE_CHECKING:
    from ..domain.decision import Decision
    from ..domain.trust import TrustStamp
    from ..domain.wizard_flow import WizardFlow
    from ..domain.workshop import Workshop
    from ..engine.loader import LoadedRulebook
    from ..services.autosave import AutosaveSession, DamagedDraft, RecoverableDraft
    from ..services.files import FileStamp
    from ..services.register import Entry
    from ..services.settings import Settings
    from .busy import BusyIndicator
    from .decision_view import DecisionView
    from .document import DecisionDocument
    from .operations import Operation
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


def position_inside(frame: QRect, free: QRect) -> QPoint:
    """Where a window's ``frame`` goes to be inside ``free`` (a screen's free area) as far
    as its size allows: moved the least, its top left kept in view."""
    x = min(max(frame.left(), free.left()), max(free.left(), free.right() + 1 - frame.width()))
    y = min(max(frame.top(), free.top()), max(free.top(), free.bottom() + 1 - frame.height()))
    return QPoint(x, y)


class MainWindow(QMainWindow):
    """The shell. ``views`` holds every view by id; one is current at a time."""

    ready = Signal()
    view_changed = Signal(str)
    exported = Signal(str)  # passed on from the decision view, for tests and tools
    export_failed = Signal(str)

    def __init__(self, loaded: LoadedRulebook | None = None, autosave: bool = True):
        super().__init__()
        self._autosave_wanted = autosave
        self.session: AutosaveSession | None = None
        self._doc: DecisionDocument | None = None
        self._decision_view: DecisionView | None = None
        self._decision_open = False
        self._check_drafts_of: Path | None = None  # a file opened before drafts were listed
        self._autosave_failure_shown = False
        self._autosave_off = ""  # why autosave could not start, if it could not
        self.settings: Settings
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
        self._heartbeat = QTimer(self)  # dates a crash: see AutosaveSession.heartbeat
        self.views: dict[str, View] = {}
        self._view_actions: dict[str, QAction] = {}
        self.current_view: View | None = None
        self._view_menus: list[QMenu] = []
        self._view_file_actions: list[QAction] = []
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._needs_rulebook: list[QAction] = []
        self._build_menus()
        # What runs in the background, how far it has got, and Cancel where it makes
        # sense: made when the first background work starts, not before the first page.
        self._busy: BusyIndicator | None = None
        operations_changed().connect(self._make_busy_indicator)
        self.home_model = HomeModel(self)
        self.home = HomeView(self.home_model)
        self._connect_home(self.home)
        self.add_view(self.home)
        self.show_view("home")
        self.fit_to_screen()
        if loaded is not None:
            self.finish_loading(loaded)

    @property
    def busy(self) -> BusyIndicator:
        """The status bar's busy indicator (see ``busy.py``)."""
        if self._busy is None:
            from .busy import BusyIndicator

            operations_changed().disconnect(self._make_busy_indicator)
            self._busy = BusyIndicator(self)
            self.statusBar().addPermanentWidget(self._busy)
        return self._busy

    def _make_busy_indicator(self) -> None:
        self.busy.refresh_later()  # it missed the news that made it

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Size and centre the window for the screen it opens on (``available``: that
        screen's free area, without task bars and docks; the window's screen if None)."""
        if available is None:
            available = self.screen().availableGeometry()
        metrics = self.fontMetrics()
        preferred = QSize(metrics.averageCharWidth() * 150, metrics.lineSpacing() * 42)
        self.setGeometry(initial_geometry(preferred, available))

    # ---- the open decision and shortcuts to it ------------------------------------------
    @property
    def is_ready(self) -> bool:
        return self._doc is not None

    @property
    def doc(self) -> DecisionDocument:
        if self._doc is None:
            raise RuntimeError("the rulebook has not been read yet")
        return self._doc

    @property
    def loaded(self) -> LoadedRulebook:
        return self.doc.loaded

    @property
    def decision_view(self) -> DecisionView:
        """The wizard's view, built the first time a decision is opened."""
        if self._decision_view is None:
            from .decision_view import DecisionView

            view = DecisionView(self.doc, lambda: self.settings.last_folder or str(Path.home()))
            view.exported.connect(self.exported)
            view.export_failed.connect(self.export_failed)
            view.actions_requested.connect(self.show_actions)
            self._decision_view = view
            self.add_view(view)
        return self._decision_view

    # Shortcuts into the decision view, for tests and tools (the shell itself never
    # uses a view's widgets).
    @property
    def wizard(self) -> DecisionWizard:
        return self.decision_view.wizard

    @property
    def flow(self) -> WizardFlow:
        return self.decision_view.flow

    @property
    def last_pdf(self) -> Path | None:
        return self.decision_view.last_pdf

    def export_pdf(self) -> None:
        self.decision_view.export_pdf()

    # ---- second step of start-up ----------------------------------------------------------
    def finish_loading(
        self, loaded: LoadedRulebook, settings: tuple[Settings, str | None] | None = None
    ) -> None:
        """Everything that needs the rulebook: the document, settings, autosave, Home's
        lists. ``settings``: as ``read_settings`` gave them, if read already (reading a
        damaged file resets it, so it is read once and its warning kept)."""
        from .document import DecisionDocument
        from .keys import guard_text_fields

        guard_text_fields()  # Alt+letter never types into a field
        self.settings, warning = settings or self.read_settings()
        self._doc = DecisionDocument(loaded, self)
        self._doc.modified_changed.connect(self._update_title)
        self._doc.path_changed.connect(self._update_title)
        self._doc.changed.connect(self._on_changed)
        if self._autosave_wanted:
            from ..services.autosave import AutosaveSession

            try:
                self.session = AutosaveSession.start()
            except SysLeadError as exc:
                self._autosave_off = str(exc)  # said in a message at the first change
                self.statusBar().showMessage(f"Autosave is off: {exc}")
            else:
                from ..services.autosave import HEARTBEAT_SECONDS

                self._heartbeat.setInterval(HEARTBEAT_SECONDS * 1000)
                self._heartbeat.timeout.connect(self.session.heartbeat)
                self._heartbeat.start()
        self.home_model.drafts_changed.connect(self._on_drafts_listed)
        self.home_model.set_ready(True)
        self.refresh_home()
        self._update_actions()
        self._update_title()
        if self.settings.presentation_mode:
            self.presentation.setChecked(True)
            self.toggle_presentation(True)
        if warning:
            # The status bar keeps what was reset; the message says why, and where the
            # old file went (all of it ran off the edge of the status bar).
            first, sep, _rest = warning.partition(". ")
            self.statusBar().showMessage(first + "." if sep else warning.splitlines()[0])
            dialogs.show_info(self, "Settings were reset", warning)
        self.ready.emit()

    @staticmethod
    def read_settings() -> tuple[Settings, str | None]:
        """The settings, or the defaults and why: a damaged file never stops the start."""
        from ..services.error_log import log_exception
        from ..services.settings import Settings, load_settings

        try:
            return load_settings()
        except Exception as exc:  # load_settings should not raise; never let it stop us
            log_exception(exc, "reading settings")
            return Settings(), (
                "Your settings could not be read, so SysLead is using the defaults for "
                f"this session (recent files, folders, rulebook, presentation mode): {exc}"
            )

    def refresh_home(self) -> None:
        """Read again what Home lists (in the background)."""
        self.home_model.set_recent([Path(p) for p in self.settings.recent_files], self.loaded)
        self.home_model.refresh_drafts()
        self.home_model.refresh_practice()
        self.home_model.refresh_reviews(self.settings.library)  # and the actions due

    # ---- views ----------------------------------------------------------------------------
    def add_view(self, view: View) -> None:
        """Host ``view``; nothing else needs to change for a new kind of view."""
        if not view.view_id or view.view_id in self.views:
            raise ValueError(f"a view needs an id of its own, not {view.view_id!r}")
        self.views[view.view_id] = view
        self.stack.addWidget(view)
        view.title_changed.connect(self._update_title)
        if view.in_view_menu:
            action = QAction(view.title, self)
            action.setStatusTip(f"Go to {view.title}")
            action.triggered.connect(lambda _c=False, v=view.view_id: self.show_view(v))
            self.view_menu.insertAction(self._view_menu_end, action)
            self._view_actions[view.view_id] = action

    def remove_view(self, view_id: str) -> None:
        """Stop hosting a view (shut down first); Home stays. The current view moves to
        Home if it was this one."""
        view = self.views.pop(view_id)
        if self.current_view is view:
            self.views[view_id] = view  # show_view needs it to leave it
            self.show_view("home")
            del self.views[view_id]
        view.shutdown()
        action = self._view_actions.pop(view_id, None)
        if action is not None:
            self.view_menu.removeAction(action)
        self.stack.removeWidget(view)
        view.deleteLater()

    def show_view(self, view_id: str) -> View:
        view = self.views[view_id]
        old = self.current_view
        if old is view:
            return view
        if old is not None:
            for menu in self._view_menus:
                self.menuBar().removeAction(menu.menuAction())
            for action in self._view_file_actions:
                self.file_menu.removeAction(action)
            old.deactivated()
        self.current_view = view
        self.stack.setCurrentWidget(view)
        self._view_menus = view.menus()
        for menu in self._view_menus:
            self.menuBar().insertMenu(self.view_menu.menuAction(), menu)
        self._view_file_actions = view.file_actions()
        self.file_menu.insertActions(self._file_view_end, self._view_file_actions)
        view.activated()
        self._update_title()
        self._update_actions()
        self.view_changed.emit(view_id)
        return view

    def _show_decision(self, page: str | None = None) -> None:
        view = self.decision_view
        self._decision_open = True
        self.show_view(view.view_id)
        if page:
            view.go_to(page)

    def go_home(self) -> bool:
        """Close the open decision (asking first if it has unsaved changes) and show Home."""
        closing = self.is_ready and self._decision_open
        if closing and not self._ok_to_discard("home"):
            return False
        self.show_view("home")
        if closing:  # after Home is current: the wizard is not rebuilt for the empty one
            self._close_decision()
        if self.is_ready:
            self.refresh_home()
        return True

    def _close_decision(self) -> None:
        from ..services.decision_file import new_decision

        self._stop_autosave_timers()
        self._decision_open = False
        self.doc.replace(new_decision(self.loaded.rulebook, self.loaded.hash), None)
        if self.session is not None:
            self.session.discard()

    # ---- menus ----------------------------------------------------------------------------
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
        self.file_menu = file_menu = bar.addMenu("&File")
        file_menu.addAction(
            self._action(
                "&New Decision",
                self.new_decision,
                QKeySequence.StandardKey.New,
                "Start a new decision",
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
        file_menu.addAction(
            self._action(
                "New Wor&kshop…",
                lambda: self.new_workshop(),
                "Ctrl+Shift+N",
                "Run a workshop: teams answer a practice scenario in turn, then compare",
            )
        )
        # The submenu itself stays enabled: only its entry in the File menu waits for the
        # rulebook (a disabled QMenu never opens, whatever its action says).
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.menuAction().setEnabled(False)
        self._needs_rulebook.append(self.recent_menu.menuAction())
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.home_action = self._action(
            "&Home",
            self.go_home,
            "Alt+Home",
            "Close the decision and go to the start screen",
            needs_rulebook=False,
        )
        file_menu.addAction(self.home_action)
        file_menu.addSeparator()
        self.save_action = self._action("&Save", self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = self._action(
            "Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs
        )
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        self._file_view_end = file_menu.addSeparator()  # the current view's actions go before
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
            self._action(
                "Pre&ferences…",
                self.open_preferences,
                QKeySequence.StandardKey.Preferences,
                "The trust on every paper, and the register folder",
                needs_rulebook=False,
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, needs_rulebook=False)
        )
        self.view_menu = bar.addMenu("&View")
        self.register_action = self._action(
            "&Register",
            lambda: self.show_register(),
            "Ctrl+Shift+R",
            "The register of filed decisions",
        )
        self.view_menu.addAction(self.register_action)
        self.actions_action = self._action(
            "&Actions of This Decision",
            lambda: self.show_actions(),
            "Ctrl+Shift+A",
            "Who owns each condition and safeguard, when it is due, and its progress",
            needs_rulebook=False,  # it needs an open decision: see _update_actions
        )
        self.actions_action.setEnabled(False)
        self.view_menu.addAction(self.actions_action)
        self.schedule_action = self._action(
            "Action &Schedule",
            lambda: self.show_schedule(),
            "Ctrl+Shift+L",
            "Every decision's actions across the register: what is open and what is overdue",
        )
        self.view_menu.addAction(self.schedule_action)
        self.review_action = self._action(
            "Re&view Paper",
            lambda: self.show_review(),
            "Ctrl+Shift+V",
            "At the review date: measures, the factors answered again, and the review paper",
            needs_rulebook=False,  # it needs an open decision: see _update_actions
        )
        self.review_action.setEnabled(False)
        self.view_menu.addAction(self.review_action)
        self._view_menu_end = self.view_menu.addSeparator()  # views listed before it
        self.presentation = self._action(
            "&Presentation mode",
            self.toggle_presentation,
            "F11",
            "Full screen with larger text, for workshops",
            needs_rulebook=False,
        )
        self.presentation.setCheckable(True)
        self.view_menu.addAction(self.presentation)

    def _update_actions(self) -> None:
        ready = self.is_ready
        for action in self._needs_rulebook:
            action.setEnabled(ready)
        view = self.current_view
        editing = ready and (
            view is self._decision_view or bool(getattr(view, "edits_document", False))
        )
        self.save_action.setEnabled(editing)
        self.save_as_action.setEnabled(editing)
        self.actions_action.setEnabled(ready and self._decision_open)
        self.review_action.setEnabled(ready and self._decision_open)

    def _fill_recent(self) -> None:
        from ..services.settings import existing_recent_files

        self.recent_menu.clear()
        files = existing_recent_files(self.settings) if self.is_ready else []
        names = [path.name for path in files]
        for number, path in enumerate(files, start=1):
            label = path.name
            if names.count(label) > 1:  # two "decision.syslead.yaml": say which folder
                label = f"{label} ({path.parent.name or path.parent})"
            label = label.replace("&", "&&")  # a name's own '&' is no mnemonic
            text = f"&{number} {label}" if number < 10 else label
            action = self.recent_menu.addAction(text)
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not files:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    # ---- Home's requests ------------------------------------------------------------------
    def _connect_home(self, home: HomeView) -> None:
        home.new_requested.connect(self.new_decision)
        home.open_dialog_requested.connect(self.open_dialog)
        home.open_recent_requested.connect(self.open_path)
        home.remove_recent_requested.connect(self.forget_recent)
        home.recover_requested.connect(self.recover)
        home.discard_draft_requested.connect(self.discard_draft)
        home.practice_requested.connect(self.start_practice)
        home.workshop_requested.connect(lambda path: self.new_workshop(path))
        home.register_requested.connect(self.show_register)
        home.schedule_requested.connect(self.show_schedule)
        home.review_requested.connect(self.review_decision)

    def forget_recent(self, path: Path) -> None:
        from ..services.settings import forget_recent

        self._save_settings(forget_recent(self.settings, path))
        self.home_model.set_recent([Path(p) for p in self.settings.recent_files], self.loaded)

    def start_practice(self, path: Path, blank: bool) -> bool:
        """A practice scenario as a new, unsaved decision: blank (framing only) or worked."""
        from ..services.decision_file import load_decision
        from ..services.practice import blank_scenario

        if not self._ok_to_discard("new"):
            return False
        try:
            decision = load_decision(path)
        except SysLeadError as exc:
            dialogs.show_error(self, "Cannot open the scenario", str(exc))
            return False
        self._load(blank_scenario(decision) if blank else decision, None)
        self._show_decision()
        kind = "blank, for a team to answer" if blank else "as a worked example"
        self.statusBar().showMessage(f"Practice scenario started {kind}", 8000)
        return True

    # ---- title, modified, autosave ------------------------------------------------------
    def _update_title(self) -> None:
        view = self.current_view
        part = view.window_title() if view is not None else ""
        self.setWindowTitle(f"{part} — {APP_NAME}" if part else APP_NAME)
        modified = self.is_ready and self.doc.modified and "[*]" in part
        self.setWindowModified(modified)

    def _on_changed(self) -> None:
        if self.doc.modified:
            self._autosave_timer.start()
            if not self._autosave_deadline.isActive():
                self._autosave_deadline.start()
        if self.doc.path is None:
            self._update_title()

    def _stop_autosave_timers(self) -> None:
        self._autosave_timer.stop()
        self._autosave_deadline.stop()

    def write_autosave(self) -> None:
        self._stop_autosave_timers()
        if not self.is_ready or not self.doc.modified:
            return
        if self.session is None:
            if self._autosave_off and not self._autosave_failure_shown:
                self._autosave_failure_shown = True
                dialogs.show_error(
                    self,
                    "Autosave is off",
                    f"{self._autosave_off}\n\nSysLead cannot keep recovery drafts in this "
                    "session, so save the decision yourself as you go (File ▸ Save).",
                )
            return
        try:
            self.session.write(self.doc.decision, self.doc.path, self.doc.stamp, self._position())
        except SysLeadError as exc:
            self.statusBar().showMessage(f"Autosave failed: {exc}")
            if not self._autosave_failure_shown:  # said once; the status bar says it again
                self._autosave_failure_shown = True
                dialogs.show_error(
                    self,
                    "Autosave failed",
                    f"{exc}\n\nYour changes are not being kept in a recovery draft, so "
                    "save the decision now (File ▸ Save As… lets you choose another folder).",
                )
        else:
            self._autosave_failure_shown = False  # working again: a new failure is news

    def keep_work_safe(self) -> str:
        """Write the recovery draft now (for the error hook); says what was done."""
        if not self.is_ready or not self.doc.modified:
            return "There were no unsaved changes to lose."
        if self.session is None:
            return "Autosave is off, so save your work now if you can."
        self.session.write(self.doc.decision, self.doc.path, self.doc.stamp, self._position())
        return "Your unsaved work has been written to a recovery draft, so it is safe."

    def _position(self) -> str | None:
        return self._decision_view.position() if self._decision_view is not None else None

    # ---- recovery -------------------------------------------------------------------------
    def _on_drafts_listed(self) -> None:
        if self._check_drafts_of is not None and not self.home_model.drafts_loading:
            path, self._check_drafts_of = self._check_drafts_of, None
            self._offer_drafts_of(path)

    def _offer_drafts_of(self, path: Path) -> None:
        """Offer the drafts of ``path`` left by a session that stopped (newest first)."""
        from ..services.autosave import is_draft_of

        for draft in [d for d in self.home_model.drafts if is_draft_of(d, path)]:
            if self.recover(draft, ask=True):
                return

    def recover(self, draft: RecoverableDraft, ask: bool = False) -> bool:
        """Open a recovery draft at the page the user was on, as unsaved work.

        ``ask``: the user has not chosen this draft (it was found for a file being
        opened), so ask first; a draft whose file was saved again since is always asked
        about. A declined draft stays on Home's list. The draft keeps the stamp of the
        file as its session knew it, so a save over newer saved work asks first."""
        if (ask or draft.source_changed) and not dialogs.ask_recover(self, draft.describe()):
            return False
        if not self._ok_to_discard("open"):
            return False
        self._load(draft.decision, draft.source_path, modified=True, stamp=draft.source_stamp)
        self._show_decision(draft.page)
        draft.discard()
        self.home_model.forget_draft(draft)
        self.write_autosave()
        return True

    def discard_draft(self, draft: RecoverableDraft | DamagedDraft) -> bool:
        """Delete a draft (a damaged one too) after asking."""
        described = draft.describe() if hasattr(draft, "describe") else draft.reason
        if not dialogs.ask_discard_draft(self, described):
            return False
        draft.discard()
        self.home_model.forget_draft(draft)
        return True

    # ---- file actions ---------------------------------------------------------------------
    def _ok_to_discard(self, action: dialogs.UnsavedAction = "close") -> bool:
        if not self.is_ready or not self.doc.modified:
            return True
        answer = dialogs.ask_unsaved(self, self.doc.display_name, action)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_decision(self) -> None:
        if self._ok_to_discard("new"):
            from ..services.decision_file import new_decision

            decision = new_decision(self.loaded.rulebook, self.loaded.hash, trust=self._trust())
            self._load(decision, None)
            self._show_decision()

    # ---- the register and the trust profile ---------------------------------------------
    def _trust(self) -> TrustStamp | None:
        """The trust's identity for a new decision (none if no profile, or a bad one)."""
        from ..services.trust_profile import load_profile

        try:
            profile = load_profile()
        except SysLeadError as exc:
            self.statusBar().showMessage(f"The trust profile cannot be read: {exc}", 10000)
            return None
        return profile.stamp() if profile is not None else None

    def show_register(self, decision_id: str = "") -> View:
        """The register view (made the first time), showing ``decision_id`` if given."""
        from ..services.register import Library
        from .register_view import RegisterModel, RegisterView

        view = self.views.get(RegisterView.view_id)
        if not isinstance(view, RegisterView):
            library = Library(self.settings.library) if self.settings.library else None
            view = RegisterView(
                RegisterModel(library, self), recorded_by=lambda: self.settings.recorded_by
            )
            view.open_record_requested.connect(self.show_record)
            view.new_version_requested.connect(self.new_version_of)
            view.preferences_requested.connect(self.open_preferences)
            view.status_requested.connect(self._record_status)
            view.model.recorded.connect(self._status_recorded)
            view.model.filed.connect(lambda said, _refused: self._status_recorded("", said))
            self.add_view(view)
        self.show_view(view.view_id)
        if decision_id:
            register = view

            def select() -> None:
                register.model.loaded.disconnect(select)
                register.select(decision_id)

            if register.model.loading:
                register.model.loaded.connect(select)
            else:
                register.select(decision_id)
        return view

    def show_record(self, entry: Entry | str) -> View | None:
        """A filed record (an entry of the register view, or its id), read-only."""
        from . import register_view
        from .record_view import RecordModel, RecordView
        from .register_view import RegisterView

        register = self.views.get(RegisterView.view_id)
        if not isinstance(register, RegisterView) or register.model.library is None:
            return None
        if isinstance(entry, str):
            found = [e for e in register.model.entries if e.id == entry]
            if not found:
                return None
            entry = found[0]
        view = self.views.get(RecordView.view_id)
        if not isinstance(view, RecordView):
            view = RecordView(RecordModel(register.model.library, None, self))
            view.back_requested.connect(lambda: self.show_register(view.model.entry.id))  # type: ignore[union-attr]
            view.pdf_requested.connect(lambda path: register_view.open_externally(path))
            view.new_version_requested.connect(self.new_version_of)
            view.decision_requested.connect(self.show_record)
            view.status_requested.connect(self._record_status_of)
            self.add_view(view)
        view.model.library = register.model.library
        view.model.rulebook = self.loaded if self.is_ready else None
        view.model.open(entry, register.model.chain(entry))
        return self.show_view(view.view_id)

    def _record_status_of(self, decision_id: str) -> None:
        """From a filed record: back to the register, the decision chosen, and asked."""
        register = self.show_register(decision_id)
        if register.select(decision_id):  # type: ignore[attr-defined]
            register.record_status_of_selected()  # type: ignore[attr-defined]

    def _record_status(self, entry: object, request: object) -> None:
        """Record a change of status on a filed decision, with the rulebook in use; the
        name it is recorded by is kept in the settings, to be offered next time."""
        from ..domain.lifecycle import StatusRequest
        from ..services.settings import remember_recorded_by

        if isinstance(request, StatusRequest):
            remembered = remember_recorded_by(self.settings, request.by)
            if remembered != self.settings:
                self._save_settings(remembered)
        view = self.views.get("register")
        if view is not None:
            view.model.record(entry, request, self.loaded if self.is_ready else None)  # type: ignore[attr-defined]

    def _status_recorded(self, _decision_id: str, said: str) -> None:
        self.statusBar().showMessage(said, 15000)
        if self.is_ready:
            self.home_model.refresh_reviews(self.settings.library)

    # ---- actions: of the open decision, and across the register -------------------------
    def show_actions(self) -> View | None:
        """The actions of the open decision (its view made the first time)."""
        from .actions_view import ActionsView, DecisionActionsModel

        if not self.is_ready or not self._decision_open:
            return None
        view = self.views.get(ActionsView.view_id)
        if not isinstance(view, ActionsView):
            view = ActionsView(DecisionActionsModel(self.doc, parent=self))
            view.back_requested.connect(lambda: self._show_decision())
            self.add_view(view)
        return self.show_view(view.view_id)

    def show_review(self) -> View | None:
        """The review of the open decision (its view made the first time)."""
        from .review_view import ReviewModel, ReviewView

        if not self.is_ready or not self._decision_open:
            return None
        view = self.views.get(ReviewView.view_id)
        if not isinstance(view, ReviewView):
            view = ReviewView(ReviewModel(self.doc, parent=self))
            view.back_requested.connect(lambda: self._show_decision())
            view.written.connect(self.file_review_paper)
            self.add_view(view)
        return self.show_view(view.view_id)

    def review_decision(self, decision_id: str) -> View | None:
        """Prepare the review of a decision in the register: its latest filed record is
        opened (as a new, unsaved file) and its review shown."""
        from ..services.register import Library, RegisterIndex

        folder = self.settings.library
        if not folder or not self._ok_to_discard("open"):
            return None
        try:
            with RegisterIndex.open(Library(folder)) as index:
                entry = index.find(decision_id)
                paper = index.library.root / entry.paper
        except SysLeadError as exc:
            dialogs.show_error(self, "Cannot open the decision", str(exc))
            return None
        if not self.open_path(paper, confirmed=True):
            return None
        if any(p.get("kind") == "review" for p in entry.papers):  # reported back on before
            from ..services.review import ready_for_next_review

            ready = ready_for_next_review(self.doc.decision)
            self.doc.set_follow_up(measures=ready.measures, review=ready.review)
        return self.show_review()

    def file_review_paper(self, path: str) -> None:
        """File a review paper just written into the register, beside the first paper."""
        from ..services.register import Library
        from .operations import Operation

        folder = self.settings.library
        if not folder:
            return
        library = Library(folder)

        def done(filed: object) -> None:
            where = str(getattr(filed, "path", ""))
            self.statusBar().showMessage(f"Filed the review paper in the register as {where}", 8000)
            self.home_model.refresh_reviews(folder)

        Operation(self, lambda _c: library.file(Path(path)), done, label="Filing").failure(
            lambda reason: dialogs.show_error(self, "Review paper not filed", reason)
        ).run()

    def show_schedule(self, key: str = "") -> View:
        """The action schedule across the register, choosing the action ``key`` if given."""
        from ..services.register import Library
        from .schedule_view import ScheduleModel, ScheduleView

        view = self.views.get(ScheduleView.view_id)
        if not isinstance(view, ScheduleView):
            library = Library(self.settings.library) if self.settings.library else None
            view = ScheduleView(ScheduleModel(library, parent=self))
            view.progress_requested.connect(self.record_progress)
            view.change_requested.connect(self.record_progress)
            view.add_requested.connect(self.record_progress)
            view.register_requested.connect(self.show_register)
            view.preferences_requested.connect(self.open_preferences)
            self.add_view(view)
        self.show_view(view.view_id)
        if key:
            view.select(key)
        return view

    def record_progress(self, entry: object, progress: object) -> None:
        """Record progress on an action of a filed decision, or a new owner or due date
        for it: its record copy is made with the rulebook in use and filed beside its
        paper, in the background."""
        from ..services.actions import update_actions
        from ..services.register.actions import ActionEntry
        from ..services.register.library import current_user
        from .action_dialogs import ActionChange, NewAction, Progress
        from .operations import Operation
        from .schedule_view import ScheduleView

        view = self.views.get(ScheduleView.view_id)
        if not isinstance(view, ScheduleView) or view.model.library is None:
            return
        if not isinstance(entry, ActionEntry):
            return
        library = view.model.library
        paper = library.root / entry.decision.paper
        loaded = self.loaded
        by = current_user()
        if not isinstance(progress, Progress | ActionChange | NewAction):
            return
        request = progress.request(entry.id, by)

        def work(_context: object) -> str:
            changed = update_actions(paper, request, loaded)
            assert changed.paper is not None
            copy = paper.with_name(f"{paper.stem}-actions.pdf")
            path = library.file_data(changed.paper, copy, by=by).path
            # what changed, as `syslead actions update` says it
            return f"Action {changed.action}: {changed.said()}. Record copy filed as {path}"

        def done(said: str) -> None:
            self.statusBar().showMessage(said, 8000)
            view.model.load()
            view.select(entry.key)
            self.home_model.refresh_reviews(self.settings.library)

        Operation(self, work, done, label="Recording progress").failure(
            lambda reason: dialogs.show_error(self, "Progress not recorded", reason)
        ).run()

    def new_version_of(self, paper: Path) -> bool:
        """A new, unsaved draft from a filed paper's record, that will supersede it."""
        from ..services.status import new_version_of, read_record

        if not self.is_ready or not self._ok_to_discard("new"):
            return False
        try:
            decision = new_version_of(read_record(paper))
        except SysLeadError as exc:
            dialogs.show_error(self, "Cannot start a new version", str(exc))
            return False
        self._load(decision, None, modified=True)
        self._show_decision()
        self.statusBar().showMessage(
            f"A new version of “{decision.framing.title}”: once decided, it supersedes "
            "the filed one",
            10000,
        )
        return True

    def open_preferences(self) -> bool:
        """Preferences: the trust profile and the register folder. True if saved."""
        from ..services.trust_profile import load_profile
        from .preferences import PreferencesDialog

        try:
            profile = load_profile()
        except SysLeadError as exc:
            dialogs.show_error(self, "The trust profile cannot be read", str(exc))
            profile = None
        dialog = PreferencesDialog(profile, self.settings, self)
        if not run_dialog(dialog):
            return False
        library_changed = dialog.result_settings.library != self.settings.library
        self.settings = dialog.result_settings
        if library_changed:
            from ..services.register import Library

            view = self.views.get("register")
            if view is not None:
                folder = self.settings.library
                view.model.set_library(Library(folder) if folder else None)  # type: ignore[attr-defined]
            schedule = self.views.get("schedule")
            if schedule is not None:
                folder = self.settings.library
                schedule.model.set_library(Library(folder) if folder else None)  # type: ignore[attr-defined]
            if self.is_ready:
                self.home_model.refresh_reviews(self.settings.library)
        return True

    # ---- workshops ----------------------------------------------------------------------
    def new_workshop(self, scenario: Path | None = None) -> bool:
        """A workshop from a practice scenario (``scenario``'s file chosen first, if given):
        the scenario and the teams, then where to keep the workshop file."""
        if not self._workshop_may_go():
            return False
        from ..services.practice import library
        from ..services.workshop import new_workshop, save_workshop
        from .workshop import dialogs as workshop_dialogs

        try:
            scenarios = library()
        except SysLeadError as exc:
            dialogs.show_error(self, "Cannot read the practice scenarios", str(exc))
            return False
        if scenario is not None:  # the one chosen on Home first
            scenarios.sort(key=lambda s: s.path != scenario)
        request = workshop_dialogs.ask_new_workshop(self, scenarios)
        if request is None:
            return False
        chosen = next(s for s in scenarios if s.id == request.scenario)
        folder = Path(self.settings.last_folder or Path.home())
        path = workshop_dialogs.ask_workshop_save_path(
            self, str(folder / f"{chosen.id}.workshop.yaml")
        )
        if path is None:
            return False
        try:
            workshop = new_workshop(chosen, request.teams, title=request.title, blank=request.blank)
            save_workshop(path, workshop)
        except SysLeadError as exc:
            dialogs.show_error(self, "Cannot create the workshop", str(exc))
            return False
        self._host_workshop(workshop, path)
        return True

    def open_workshop(self, path: Path) -> bool:
        from ..services.workshop import load_workshop

        try:
            workshop = load_workshop(path)
        except SysLeadError as exc:
            dialogs.show_error(self, "Cannot open the workshop", str(exc))
            return False
        if not self._workshop_may_go():
            return False
        self._host_workshop(workshop, path)
        return True

    def _workshop_may_go(self) -> bool:
        """The open workshop (if any) is saved, or its facilitator lets it go unsaved."""
        view = self.views.get("workshop")
        return view is None or view.ok_to_close()

    def _host_workshop(self, workshop: Workshop, path: Path) -> None:
        """The workshop and comparison views for ``workshop`` (replacing any open one)."""
        from .workshop.comparison_view import ComparisonView
        from .workshop.model import WorkshopModel
        from .workshop.team_view import WorkshopView

        for view_id in ("comparison", "workshop"):
            if view_id in self.views:
                self.remove_view(view_id)
        model = WorkshopModel(workshop, path, self.loaded, self)
        teams = WorkshopView(model)
        comparison = ComparisonView(model)
        teams.compare_requested.connect(lambda: self.show_view("comparison"))
        comparison.back_requested.connect(lambda: self.show_view("workshop"))
        self.add_view(teams)
        self.add_view(comparison)
        self.show_view("workshop")
        self.statusBar().showMessage(f"Workshop kept in {path}; every answer is saved there", 8000)
        self._remember(path)  # on Home's recent list and File ▸ Open Recent, to pick up again

    def open_dialog(self) -> None:
        if not self._ok_to_discard("open"):
            return
        path = dialogs.ask_open_path(self, self.settings.last_folder or str(Path.home()))
        if path is not None:
            self.open_path(path, confirmed=True)

    def open_path(self, path: Path, confirmed: bool = False) -> bool:
        """Open a decision file or a board paper PDF; then offer any draft of that file
        that a session which stopped left behind."""
        from ..services.decision_file import decision_from_text, open_decision

        if path.name.lower().endswith(".workshop.yaml"):
            return self.open_workshop(path)  # a workshop of its own: the decision stays
        if not confirmed and not self._ok_to_discard("open"):
            return False
        stamp: FileStamp | None = None
        try:
            if path.suffix.lower() == ".pdf":
                from ..services.pdf.archive import extract_decision

                decision = decision_from_text(extract_decision(path), str(path))
                source: Path | None = None
            else:
                decision, stamp = open_decision(path)
                source = path
        except SysLeadError as exc:
            dialogs.show_error(self, "Cannot open", str(exc))
            return False
        self._load(decision, source, stamp=stamp)
        self._show_decision()
        if source is not None:
            self._remember(source)
            if self.home_model.drafts_loading:
                self._check_drafts_of = source
            else:
                self._offer_drafts_of(source)
        return True

    def _load(
        self,
        decision: Decision,
        path: Path | None,
        modified: bool = False,
        stamp: FileStamp | None = None,
    ) -> None:
        self._load_with(decision, path, self.loaded, modified, stamp)

    def _load_with(
        self,
        decision: Decision,
        path: Path | None,
        loaded: LoadedRulebook,
        modified: bool,
        stamp: FileStamp | None,
    ) -> None:
        from ..services.decision_file import reconcile

        fitted = reconcile(decision, loaded.rulebook, loaded.hash)
        changed = modified or bool(fitted.dropped)
        self.doc.replace(fitted.decision, path, modified=changed, loaded=loaded, stamp=stamp)
        if fitted.notices:
            dialogs.show_info(self, "Made with a different rulebook", "\n\n".join(fitted.notices))
        if self.session is not None and not self.doc.modified:
            self.session.discard()

    def _save_settings(self, settings: Settings) -> None:
        from ..services.settings import save_settings

        self.settings = settings
        try:
            save_settings(settings)
        except SysLeadError as exc:  # this session keeps them; the next start will not
            self.statusBar().showMessage(f"Settings not saved: {exc}", 15000)

    def _remember(self, path: Path) -> None:
        from ..services.settings import remember_recent

        self._save_settings(remember_recent(self.settings, path))

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        from .dialogs import file_stem

        folder = Path(self.settings.last_folder or Path.home())
        stem = file_stem(self.doc.display_name, "decision")
        path = dialogs.ask_save_path(self, str(folder / f"{stem}.syslead.yaml"))
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        """Save; if the file was saved by someone else since it was opened here, ask."""
        from ..services.decision_file import save_decision
        from ..services.files import FileChangedError

        expected = self.doc.stamp if path == self.doc.path else None
        try:
            try:
                stamp = save_decision(path, self.doc.decision, expected=expected)
            except FileChangedError as exc:
                choice = dialogs.ask_overwrite_changed(self, str(exc))
                if choice == "save_as":
                    return self.save_as()
                if choice != "overwrite":
                    return False
                stamp = save_decision(path, self.doc.decision)
        except SysLeadError as exc:
            dialogs.show_error(self, "Cannot save", str(exc))
            return False
        self.doc.mark_saved(path, stamp)
        self._stop_autosave_timers()
        if self.session is not None:
            self.session.discard()
        self._remember(path)
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    # ---- rulebook, presentation, closing -------------------------------------------------
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

    def use_rulebook(self, path: Path, remember: bool = True) -> Operation[LoadedRulebook]:
        """Switch rulebooks, keeping every answer that still applies. The rulebook is read
        and verified in the background (services/rulebooks.py: the checks of ``syslead
        rules check``, cached by content hash), never on the UI thread; one that fails is
        refused with its first fault, against the rulebook's own file and line."""
        from ..services.rulebooks import load_verified_rulebook
        from .operations import Operation

        def switch(loaded: LoadedRulebook) -> None:
            doc = self.doc
            self._load_with(doc.decision, doc.path, loaded, doc.modified, doc.stamp)
            self._save_settings(
                self.settings.model_copy(
                    update={"rulebook_path": str(path.resolve()) if remember else None}
                )
            )
            self.statusBar().showMessage(
                f"Using rulebook {loaded.rulebook.title} ({loaded.rulebook.id} "
                f"{loaded.rulebook.version})",
                8000,
            )

        def refused(reason: str) -> None:
            title = (
                "This rulebook does not pass its checks"
                if "fails its checks" in reason
                else "Cannot use this rulebook"
            )
            dialogs.show_error(self, title, reason)

        self.statusBar().showMessage(f"Checking the rulebook {path.name}…")
        operation = Operation(
            self, lambda _c: load_verified_rulebook(path), switch, label="Checking the rulebook"
        )
        return operation.failure(refused).run()

    def toggle_presentation(self, on: bool) -> None:
        from .style import desktop_line_height, presentation_scale, set_text_scale

        height = self.screen().geometry().height()
        set_text_scale(presentation_scale(height, desktop_line_height()) if on else 1.0)
        if on:
            self.showFullScreen()
        else:
            self.showNormal()
        if self.is_ready and self.settings.presentation_mode != on:
            self._save_settings(self.settings.model_copy(update={"presentation_mode": on}))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A view with a larger minimum size (the register at 200%) grows the window where
        it stands: its right edge and its buttons went off the screen. It is moved back
        inside the screen's free area as far as its size allows."""
        super().resizeEvent(event)
        if self.isVisible():
            QTimer.singleShot(0, self.keep_on_screen)

    def keep_on_screen(self) -> None:
        # isMaximized() rather than the window-state flags: naming Qt.WindowState would
        # build PySide6's whole Qt namespace in the first turn of the event loop.
        if self.isMaximized() or self.isFullScreen():
            return
        free = self.screen().availableGeometry()
        frame = self.frameGeometry()
        if free.contains(frame):
            return
        inside = position_inside(frame, free)
        if inside != frame.topLeft():
            self.move(inside)  # a window's position is its frame's

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask about unsaved work, then close at once: background work (an export) is
        cancelled, never waited for, and its file is not written."""
        from .operations import cancel_all

        if not self.is_ready:
            cancel_all(self)
            event.accept()
            return
        if not self._ok_to_discard() or not all(v.ok_to_close() for v in self.views.values()):
            event.ignore()
            return
        self._stop_autosave_timers()
        self._heartbeat.stop()
        for view in self.views.values():
            view.shutdown()
        cancel_all(self)
        if self.session is not None:
            self.session.close()
            self.session = None
        event.accept()


def run_dialog(dialog: QWidget) -> bool:
    """Show a modal dialog and say whether it was accepted (tests replace this)."""
    return bool(dialog.exec())  # type: ignore[attr-defined]
