"""The wizard's agenda-item field, following the trust's agenda-item pattern.

With a pattern in the trust profile (``{code}{yy}/{mm}/{item}``, Preferences):

- the field's placeholder shows the reference the pattern gives for the paper's meeting
  and date, with the item's number left to type;
- typing just the item's number (``4.2``) and leaving the field fills in the rest
  (``PUB26/12/4.2``), from the board's code and the meeting date;
- a reference of another shape is kept as typed (the secretary may know better), with a
  line under the field saying what the trust's pattern would give.

Without a pattern (or a profile) the field is a plain line of text, as before.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QFormLayout, QLabel, QLineEdit

from ..domain.trust import ITEM, TrustProfile
from ..errors import SysLeadError
from .document import DecisionDocument
from .widgets import wrapped_label

EXAMPLE_ITEM = "4.2"


def trust_profile() -> TrustProfile | None:
    """The user's trust profile, or None (none set up, or one that cannot be read: the
    window says so when it stamps a new decision)."""
    from ..services.trust_profile import load_profile

    try:
        return load_profile()
    except SysLeadError:
        return None


class AgendaPattern:
    """Makes ``box`` (the agenda-item field in ``form``) follow ``profile``'s pattern."""

    def __init__(
        self,
        box: QLineEdit,
        form: QFormLayout,
        doc: DecisionDocument,
        profile: TrustProfile | None,
    ) -> None:
        self.box, self.form, self.doc, self.trust = box, form, doc, profile
        self.profile = profile if profile is not None and profile.agenda_item_pattern else None
        self.note: QLabel = wrapped_label("", "pageLead")
        self.note.setAccessibleName("Agenda item pattern")
        form.addRow("", self.note)
        self.form.setRowVisible(self.note, False)
        if self.profile is None:
            return
        box.editingFinished.connect(self.complete)
        box.textChanged.connect(lambda _t: self.refresh())
        doc.changed.connect(self.refresh)
        self.refresh()

    def offer_boards(self, meeting: QLineEdit) -> None:
        """The meeting field offers the names of the trust's boards and committees."""
        names = [b.name for b in self.trust.boards] if self.trust is not None else []
        if names:
            completer = QCompleter(names, meeting)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            meeting.setCompleter(completer)

    def _meeting(self) -> tuple[str, dt.date | None]:
        paper = self.doc.decision.board_paper
        return paper.meeting, paper.meeting_date

    def example(self) -> str:
        """The reference the pattern gives this paper, for an item numbered 4.2."""
        assert self.profile is not None
        meeting, day = self._meeting()
        return self.profile.agenda_item(meeting, day or dt.date.today(), EXAMPLE_ITEM)

    def complete(self) -> None:
        """A bare item number becomes the whole reference."""
        assert self.profile is not None
        meeting, day = self._meeting()
        text = self.box.text()
        whole = self.profile.complete_agenda_item(text, meeting, day)
        if whole != text:
            self.box.setText(whole)  # the field's own textChanged saves it

    def refresh(self) -> None:
        assert self.profile is not None
        example = self.example()
        self.box.setPlaceholderText(
            f"For example: {example} (type the item's number, {EXAMPLE_ITEM}, for the rest)"
        )
        text = self.box.text().strip()
        typing_a_number = self.box.hasFocus() and re.fullmatch(ITEM, text) is not None
        fits = typing_a_number or self.profile.agenda_item_fits(text)
        self.note.setText(
            ""
            if fits
            else f"Not the trust's pattern ({self.profile.agenda_item_pattern}), which gives "
            f"references such as {example}."
        )
        self.form.setRowVisible(self.note, not fits)
