"""Home, the start screen: New decision, Open…, and what the model lists (recent
decisions, drafts to recover, practice scenarios).

It takes a :class:`~.model.HomeModel` and listens to it. It never opens anything
itself: each choice is a signal the window acts on, as it does for the File menu.

This module is imported before the first page is on screen, so it touches neither the
``Qt`` namespace nor the services: the lists (``entry_list.py``) are built once the model
is ready, a moment later."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal, SignalInstance
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..view import View

if TYPE_CHECKING:
    from ...services.autosave import DamagedDraft, RecoverableDraft
    from ...services.register import Entry
    from ...services.register.actions import ActionEntry
    from .entry_list import EntryList, ListEntry
    from .model import HomeModel, RecentEntry

#: Two columns once the content is at least this many average characters wide.
TWO_COLUMNS_CHARS = 110


def _button(text: str, description: str, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleDescription(description)
    button.setToolTip(description)
    if primary:
        button.setObjectName("primary")
    button.setEnabled(False)  # until the model is ready
    return button


def _label(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    # No indent: a label whose style sheet gives it padding (the headings) counts that
    # as a frame, and a framed label is indented by half an "x", out of line with the rest.
    label.setIndent(0)
    if name:
        label.setObjectName(name)
    return label


class Section(QWidget):
    """A heading, a line of explanation, its buttons and the list (once built).

    The buttons come before the list, as a toolbar does: below the eleven practice
    scenarios they were three screens down, to be hunted for."""

    def __init__(self, heading: str, lead: str, list_name: str, list_description: str) -> None:
        super().__init__()
        self.list_name = list_name
        self.list_description = list_description
        self.heading_text = heading
        self.heading = _label(heading, "sectionHeading")
        self.lead = _label(lead, "pageLead")
        self.note = _label("Reading…", "pageLead")
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.lead, self.note):
            self.column.addWidget(widget)
        self.column.addLayout(self.buttons)
        self.list: EntryList | None = None

    def add_button(self, button: QPushButton) -> QPushButton:
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button

    def build_list(self) -> EntryList:
        from .entry_list import EntryList

        self.list = EntryList(self.list_name, self.list_description)
        self.column.addWidget(self.list)  # after the buttons
        self.heading.setBuddy(self.list)
        return self.list

    def show_entries(self, entries: list[ListEntry], note: str) -> None:
        if self.list is None:
            self.build_list()
        assert self.list is not None
        self.list.set_entries(entries)
        # An empty list is hidden: its heading's Alt+letter would go nowhere, so it has none.
        self.heading.setText(self.heading_text if entries else self.heading_text.replace("&", ""))
        self.note.setText(note)
        self.note.setVisible(bool(note))


def recent_entry(entry: RecentEntry) -> ListEntry:
    from ...domain.statuses import STATUS_LABELS
    from ...services.summary import WORKSHOP, long_date
    from .entry_list import ListEntry

    where = str(entry.path)
    summary = entry.summary
    if summary is None:
        return ListEntry(entry.path, entry.path.name, ("Reading…", where), "quiet")
    if summary.state == "missing":
        return ListEntry(
            entry.path,
            entry.path.name,
            ("Missing: the file is no longer there. Remove it from the list.", where),
            "problem",
        )
    if summary.state == "unreadable":
        return ListEntry(
            entry.path, entry.path.name, (f"Cannot be read: {summary.problem}", where), "problem"
        )
    if summary.status == WORKSHOP:  # a facilitator's workshop, kept with the decisions
        facts = [summary.progress]
        if summary.updated:
            facts.append(f"Last changed {long_date(summary.updated)}")
        return ListEntry(entry.path, summary.title, (" · ".join(facts), where))
    facts = [STATUS_LABELS.get(summary.status, "Draft")]
    facts.append(
        f"Recommendation: {summary.recommendation}"
        if summary.recommendation
        else summary.progress or "Not finished"
    )
    facts.append(
        f"Meeting {long_date(summary.meeting_date)}" if summary.meeting_date else "No meeting date"
    )
    if summary.updated:
        facts.append(f"Last changed {long_date(summary.updated)}")
    title = summary.title or f"Untitled ({entry.path.name})"
    return ListEntry(entry.path, title, (" · ".join(facts), where))


def review_entry(entry: Entry) -> ListEntry:
    from ...services.summary import long_date
    from .entry_list import ListEntry

    when = long_date(entry.review_date) if entry.review_date else ""
    state = "Overdue: review was due" if entry.review == "overdue" else "Review due"
    facts = [f"{state} {when}", entry.outcome_label or entry.status_label]
    if entry.meeting_date:
        facts.append(f"{entry.meeting}, {long_date(entry.meeting_date)}")
    tone = "problem" if entry.review == "overdue" else "normal"
    return ListEntry(entry.id, entry.title, (" · ".join(facts),), tone)


def action_entry(action: ActionEntry) -> ListEntry:
    from ...services.summary import long_date
    from .entry_list import ListEntry

    when = long_date(action.due) if action.due else ""
    state = f"Overdue: was due {when}" if action.overdue else f"Due {when}"
    facts = [state, action.owner or "No owner named", action.status_label]
    return ListEntry(
        action.key,
        action.text,
        (" · ".join(facts), f"From: {action.source_paper}"),
        "problem" if action.overdue else "normal",
    )


def draft_entry(draft: RecoverableDraft | DamagedDraft) -> ListEntry:
    from ...services.autosave import RecoverableDraft
    from .entry_list import ListEntry

    if isinstance(draft, RecoverableDraft):
        return ListEntry(draft.path, draft.title, (draft.describe(),))
    return ListEntry(
        draft.path,
        "A damaged draft",
        (f"Cannot be read, so it cannot be recovered: {draft.reason}",),
        "problem",
    )


class HomeView(View):
    """The start screen."""

    view_id = "home"
    title = "Home"

    new_requested = Signal()
    open_dialog_requested = Signal()
    open_recent_requested = Signal(Path)
    remove_recent_requested = Signal(Path)
    recover_requested = Signal(object)  # a RecoverableDraft
    discard_draft_requested = Signal(object)  # a RecoverableDraft
    practice_requested = Signal(Path, bool)  # the scenario's file, and whether blank
    workshop_requested = Signal(Path)  # a workshop on the scenario in this file
    register_requested = Signal(str)  # a decision to show in the register ("" for none)
    schedule_requested = Signal(str)  # an action to show in the action schedule ("" for none)
    review_requested = Signal(str)  # prepare the review paper of this decision in the register

    def __init__(self, model: HomeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setAccessibleName("Home")
        self.content = content = QWidget()
        content.setObjectName("homeContent")
        page = QVBoxLayout(content)
        self.heading = _label("SysLead Desktop", "homeTitle")
        self.heading.setAccessibleName("SysLead Desktop: Home")
        self.lead = _label(
            "Weigh a decision between your trust and the wider system, and prepare the "
            "paper for your board. Start a new decision, carry on with one you have, or "
            "practise with a workshop scenario.",
            "pageLead",
        )
        self.new_button = _button(
            "&New decision", "Start a new decision from the beginning", primary=True
        )
        self.open_button = _button(
            "&Open…", "Open a decision file or a board paper PDF from your computer"
        )
        self.register_button = _button(
            "Re&gister", "The register of filed decisions: find one, follow its review"
        )
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_dialog_requested)
        self.register_button.clicked.connect(lambda: self.register_requested.emit(""))
        start = QHBoxLayout()
        start.addWidget(self.new_button)
        start.addWidget(self.open_button)
        start.addWidget(self.register_button)
        start.addStretch(1)
        for widget in (self.heading, self.lead):
            page.addWidget(widget)
        page.addLayout(start)

        self.drafts = Section(
            "&Drafts to recover",
            "Unsaved work that SysLead autosaved before it stopped unexpectedly. Recover a "
            "draft to carry on where you were.",
            "Drafts to recover",
            "Unsaved work autosaved before SysLead stopped. Enter recovers the draft.",
        )
        self.recover_button = self.drafts.add_button(
            _button("Re&cover", "Open the chosen draft to carry on with it")
        )
        self.discard_button = self.drafts.add_button(
            _button("Disc&ard draft…", "Delete the chosen draft for good")
        )
        self.drafts.setVisible(False)
        self.recent = Section(
            "R&ecent decisions",
            "Decisions you have opened or saved, most recent first.",
            "Recent decisions",
            "Enter opens the decision; Delete removes it from this list (not from disk).",
        )
        self.reopen_button = self.recent.add_button(
            _button("&Reopen", "Open the chosen recent decision")
        )
        self.remove_button = self.recent.add_button(
            _button("Re&move from list", "Take the chosen decision off this list; the file stays")
        )
        self.practice = Section(
            "Practice &scenarios",
            "Fictional decisions for workshops. Start one blank (its framing only, for a "
            "team to answer) or open it as a worked example with every answer given.",
            "Practice scenarios",
            "Enter starts the scenario blank, for a team to answer.",
        )
        self.blank_button = self.practice.add_button(
            _button("Start &blank", "Start the chosen scenario with its framing only, no answers")
        )
        self.worked_button = self.practice.add_button(
            _button("Open &worked example", "Open the chosen scenario with every answer given")
        )
        self.workshop_button = self.practice.add_button(
            _button(
                "Run a wor&kshop…",
                "Teams answer the chosen scenario in turn on this laptop, then compare",
            )
        )
        self.reviews = Section(
            "Rev&iews due",
            "Decisions in the register whose review date is in the next 30 days, or has "
            "passed: each needs a report back to the board.",
            "Reviews due",
            "Enter shows the decision in the register.",
        )
        self.show_review_button = self.reviews.add_button(
            _button("S&how in register", "Show the chosen decision in the register")
        )
        self.show_review_button.clicked.connect(self._show_review)
        self.prepare_review_button = self.reviews.add_button(
            _button("&Prepare review paper", "Open the chosen decision's review, to report back")
        )
        self.prepare_review_button.clicked.connect(self._prepare_review)
        self.reviews.setVisible(False)
        self.actions_due = Section(
            "Ac&tions due this month",
            "Actions of the decisions in the register that fall due this month, and any "
            "that are overdue: each needs following up with its owner.",
            "Actions due this month",
            "Enter shows the action in the action schedule.",
        )
        self.show_action_button = self.actions_due.add_button(
            _button("Show in action sched&ule", "Show the chosen action in the action schedule")
        )
        self.show_action_button.clicked.connect(self._show_action)
        self.actions_due.setVisible(False)
        self.recover_button.clicked.connect(lambda: self._with_draft(self.recover_requested))
        self.discard_button.clicked.connect(lambda: self._with_draft(self.discard_draft_requested))
        self.reopen_button.clicked.connect(lambda: self._with_recent(self.open_recent_requested))
        self.remove_button.clicked.connect(lambda: self._with_recent(self.remove_recent_requested))
        self.blank_button.clicked.connect(lambda: self._start_practice(blank=True))
        self.worked_button.clicked.connect(lambda: self._start_practice(blank=False))
        self.workshop_button.clicked.connect(self._start_workshop)

        self.columns = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.left = QVBoxLayout()
        self.left.addWidget(self.drafts)
        self.left.addWidget(self.reviews)
        self.left.addWidget(self.actions_due)
        self.left.addWidget(self.recent)
        self.left.addStretch(1)
        self.right = QVBoxLayout()
        self.right.addWidget(self.practice)
        self.right.addStretch(1)
        self.columns.addLayout(self.left, 3)
        self.columns.addLayout(self.right, 2)
        page.addLayout(self.columns)
        page.addStretch(1)

        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(content)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroller)
        self._fit_heading()

        model.ready_changed.connect(self._on_ready)
        model.recent_changed.connect(self._on_recent)
        model.drafts_changed.connect(self._on_drafts)
        model.practice_changed.connect(self._on_practice)
        model.reviews_changed.connect(self._on_reviews)
        model.actions_changed.connect(self._on_actions)

    # ---- the View interface -----------------------------------------------------------
    def window_title(self) -> str:
        return ""  # the window shows the app's name alone

    def activated(self) -> None:
        if self.model.ready:
            self.new_button.setFocus()

    # ---- listening to the model ---------------------------------------------------------
    def _on_ready(self, ready: bool) -> None:
        for button in (self.new_button, self.open_button, self.register_button):
            button.setEnabled(ready)
        if ready:
            from PySide6.QtCore import Qt  # after the first page: see the module's note

            # The page scrolls to whichever control has the focus; it takes none itself.
            self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            sections = (self.drafts, self.reviews, self.actions_due, self.recent, self.practice)
            for section in sections:
                if section.list is None:
                    self._wire(section, section.build_list())
            self._chain_tab_order()
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.connect(self._follow_focus)
            if self.isVisible():
                self.new_button.setFocus()
        self._on_recent()
        self._on_drafts()
        self._on_practice()
        self._on_reviews()
        self._on_actions()

    def _wire(self, section: Section, entries: EntryList) -> None:
        entries.current_changed.connect(self._update_buttons)
        entries.current_changed.connect(lambda: self._follow_focus(None, entries))
        if section is self.drafts:
            entries.opened.connect(lambda _key: self._with_draft(self.recover_requested))
            entries.remove_requested.connect(
                lambda _key: self._with_draft(self.discard_draft_requested)
            )
        elif section is self.reviews:
            entries.opened.connect(lambda _key: self._show_review())
        elif section is self.actions_due:
            entries.opened.connect(lambda _key: self._show_action())
        elif section is self.recent:
            entries.opened.connect(lambda _key: self._with_recent(self.open_recent_requested))
            entries.remove_requested.connect(
                lambda _key: self._with_recent(self.remove_recent_requested)
            )
        else:
            entries.opened.connect(lambda _key: self._start_practice(blank=True))

    def _on_recent(self) -> None:
        if not self.model.ready:
            return
        entries = [recent_entry(e) for e in self.model.recent]
        note = "" if entries else "No recent decisions yet: those you open or save appear here."
        self.recent.show_entries(entries, note)
        self._update_buttons()

    def _on_drafts(self) -> None:
        if not self.model.ready:
            return
        every: list[RecoverableDraft | DamagedDraft] = [
            *self.model.drafts,
            *self.model.damaged_drafts,
        ]
        entries = [draft_entry(d) for d in every]
        problems = self.model.draft_problems
        note = "; ".join(problems)
        self.drafts.show_entries(entries, note)
        self.drafts.setVisible(bool(entries or problems))
        self._update_buttons()

    def _on_practice(self) -> None:
        if not self.model.ready:
            return
        from .entry_list import ListEntry

        entries = [
            ListEntry(s.path, s.title, (s.summary,) if s.summary else ())
            for s in self.model.practice
        ]
        note = ""
        if self.model.practice_loading:
            note = "Reading…"
        elif not entries:
            note = "No practice scenarios were found."
        if self.model.practice_problems:
            note = (
                (note + " " if note else "")
                + "Could not read: "
                + "; ".join(self.model.practice_problems)
            )
        self.practice.show_entries(entries, note)
        self._update_buttons()

    def _on_reviews(self) -> None:
        if not self.model.ready:
            return
        entries = [review_entry(e) for e in self.model.reviews]
        note = "Reading the register…" if self.model.reviews_loading else self.model.reviews_note
        self.reviews.show_entries(entries, note)
        self.reviews.setVisible(bool(entries) or bool(self.model.library))
        self._update_buttons()

    def _on_actions(self) -> None:
        if not self.model.ready:
            return
        entries = [action_entry(a) for a in self.model.actions]
        note = "Reading the register…" if self.model.actions_loading else self.model.actions_note
        self.actions_due.show_entries(entries, note)
        self.actions_due.setVisible(bool(entries) or bool(self.model.library))
        self._update_buttons()

    def _show_action(self) -> None:
        key = self.actions_due.list.current_key() if self.actions_due.list else None
        if isinstance(key, str):
            self.schedule_requested.emit(key)

    def _prepare_review(self) -> None:
        key = self.reviews.list.current_key() if self.reviews.list else None
        if isinstance(key, str):
            self.review_requested.emit(key)

    def _show_review(self) -> None:
        key = self.reviews.list.current_key() if self.reviews.list else None
        if isinstance(key, str):
            self.register_requested.emit(key)

    def _update_buttons(self) -> None:
        ready = self.model.ready
        recent = self._current_recent()
        self.reopen_button.setEnabled(
            ready and recent is not None and recent.summary is not None and not recent.missing
        )
        self.remove_button.setEnabled(ready and recent is not None)
        draft = self._current_draft()
        self.recover_button.setEnabled(ready and draft is not None and hasattr(draft, "decision"))
        self.discard_button.setEnabled(ready and draft is not None)
        scenario = self.practice.list.current_key() if self.practice.list else None
        self.blank_button.setEnabled(ready and scenario is not None)
        review = self.reviews.list.current_key() if self.reviews.list else None
        self.show_review_button.setEnabled(ready and review is not None)
        self.prepare_review_button.setEnabled(ready and review is not None)
        action = self.actions_due.list.current_key() if self.actions_due.list else None
        self.show_action_button.setEnabled(ready and action is not None)
        self.worked_button.setEnabled(ready and scenario is not None)
        self.workshop_button.setEnabled(ready and scenario is not None)

    # ---- choices ------------------------------------------------------------------------
    def _current_recent(self) -> RecentEntry | None:
        key = self.recent.list.current_key() if self.recent.list else None
        return self.model.entry_for(key) if isinstance(key, Path) else None

    def _current_draft(self) -> RecoverableDraft | DamagedDraft | None:
        key = self.drafts.list.current_key() if self.drafts.list else None
        return self.model.draft_at(key)

    def _with_recent(self, signal: SignalInstance) -> None:
        entry = self._current_recent()
        if entry is None:
            return
        if signal is self.open_recent_requested and (entry.missing or entry.reading):
            return
        signal.emit(entry.path)

    def _with_draft(self, signal: SignalInstance) -> None:
        draft = self._current_draft()
        if draft is None or (signal is self.recover_requested and not hasattr(draft, "decision")):
            return  # a damaged draft can only be discarded
        signal.emit(draft)

    def _start_practice(self, blank: bool) -> None:
        key = self.practice.list.current_key() if self.practice.list else None
        if isinstance(key, Path):
            self.practice_requested.emit(key, blank)

    def _start_workshop(self) -> None:
        key = self.practice.list.current_key() if self.practice.list else None
        if isinstance(key, Path):
            self.workshop_requested.emit(key)

    # ---- focus and layout ---------------------------------------------------------------
    def _chain_tab_order(self) -> None:
        """Tab goes through Home in the order it is laid out: each section's buttons, then
        its list. (Qt's order follows creation, and the lists are made after every button,
        so Tab went from Register past the lists, and reached them last.)"""
        from PySide6.QtCore import Qt  # after the first page: see the module's note

        focusable = [
            w
            for w in _in_layout_order(self.content.layout())
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        for before, after in itertools.pairwise(focusable):
            QWidget.setTabOrder(before, after)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Scroll what has the focus into view, however it got there: Tab (which the
        scroll area follows by itself), a heading's Alt+letter, or an arrow key that
        moves to the next entry of a list taller than the window (at 200%, say)."""
        content = self.content
        if new is None or not new.hasFocus() or not content.isAncestorOf(new):
            return
        from .entry_list import EntryList

        item = new.currentItem() if isinstance(new, EntryList) else None
        if isinstance(new, EntryList) and item is not None:
            rect = new.visualItemRect(item)
            top = new.viewport().mapTo(content, rect.topLeft())
            margin = new.fontMetrics().lineSpacing() // 2
            # The bottom first, then the top: an entry taller than the view shows its start,
            # and the first entry shows its section's heading too.
            self.scroller.ensureVisible(top.x(), top.y() + rect.height(), 0, margin)
            section = new.parentWidget()
            if new.currentRow() == 0 and isinstance(section, Section):
                self.scroller.ensureWidgetVisible(section.heading, 0, 0)
            self.scroller.ensureVisible(top.x(), top.y(), 0, margin)
        else:
            self.scroller.ensureWidgetVisible(new)

    def _fit_heading(self) -> None:
        """Headings in proportion to the text (and so to presentation mode). The size is
        set by a style sheet of their own: under the application's style sheet, a font
        set with setFont() is replaced when the widget is polished."""
        base = self.font().pointSizeF()
        self.heading.setStyleSheet(f"font-size: {base * 1.6:.1f}pt;")
        for section in self.findChildren(Section):
            section.heading.setStyleSheet(f"font-size: {base * 1.2:.1f}pt;")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focused = QApplication.focusWidget()
        if self.model.ready and (focused is None or not self.isAncestorOf(focused)):
            self.new_button.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_heading()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= self.fontMetrics().averageCharWidth() * TWO_COLUMNS_CHARS
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)


def _in_layout_order(layout: QLayout | None) -> list[QWidget]:
    """Every widget in ``layout`` and the layouts inside it, in the order laid out."""
    found: list[QWidget] = []
    for index in range(layout.count() if layout is not None else 0):
        item = layout.itemAt(index)  # type: ignore[union-attr]
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            found.append(widget)
            found += _in_layout_order(widget.layout())
        else:
            found += _in_layout_order(item.layout())
    return found
