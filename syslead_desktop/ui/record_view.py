"""A filed record, opened read-only in the app: what the board was asked and what it
resolved, as the register keeps it.

The register view's **Open record** shows the decision inside the filed paper (its latest
paper, as the register lists it): the trust, the meeting and agenda item, the status, the
board's decision, the recommendation with its conditions and safeguards, the decision in
the chief executive's words, each factor's answers, the actions with their owners, the
history of its status and the papers filed. Nothing here can be changed: a record stands
as the board saw it. **Start a new version…** makes a new draft from it (which will
supersede it), and **Open PDF** shows the paper itself in the system's PDF viewer.

:class:`RecordModel` reads the record in the background (the paper is checked, the
decision taken out of it and assessed again with the rulebook in use);
:class:`RecordView` shows it and listens to it.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.actions import ACTION_STATUS_LABELS
from ..domain.assessment import Assessment
from ..domain.decision import Decision
from ..domain.lifecycle import allowed_moves
from ..domain.statuses import OUTCOME_LABELS, STATUS_LABELS
from ..engine.loader import LoadedRulebook
from ..services.register import Entry, Library
from .view import View
from .widgets import name_widget, wrapped_label


@dataclass(frozen=True)
class Record:
    """A filed decision as read from its paper, assessed again when its rulebook is at
    hand (``assessment`` is None, and ``note`` says why, when it is not)."""

    entry: Entry
    paper: Path
    decision: Decision
    assessment: Assessment | None
    note: str = ""
    #: Factor id -> (question, the answer given), in the rulebook's order.
    answers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: What the paper asked the Board to do, as its cover says it.
    ask: str = ""


def read_filed(entry: Entry, paper: Path, loaded: LoadedRulebook | None) -> Record:
    """The record in ``paper`` (checked intact), assessed with ``loaded`` if it is the
    rulebook the decision was made with."""
    from ..engine.conditions import EngineError
    from ..engine.evaluate import assess
    from ..services.decision_file import reconcile
    from ..services.status import read_record

    decision = read_record(paper)
    ref = decision.rulebook
    if loaded is None or (loaded.rulebook.id, loaded.rulebook.version) != (ref.id, ref.version):
        note = (
            f"Made with rulebook {ref.id} {ref.version}, which is not the one in use: the "
            "answers are shown as recorded, without the ratings."
        )
        return Record(entry, paper, decision, None, note)
    fitted = reconcile(decision, loaded.rulebook, loaded.hash).decision
    try:
        assessment = assess(
            loaded.rulebook, loaded.hash, fitted.answers, with_counterfactuals=False
        )
    except EngineError as exc:
        return Record(entry, paper, decision, None, f"It cannot be assessed ({exc}).")
    answers = {
        factor.id: [
            (q.text, next((o.label for o in q.options if o.id == fitted.answers.get(q.id)), ""))
            for q in factor.questions
        ]
        for factor in loaded.rulebook.factors
    }
    from ..services.pdf.cover import board_ask

    ask, then = board_ask(decision, assessment)
    asked = f"The Board was asked to {ask}." + (f" {then}" if then else "")
    return Record(entry, paper, decision, assessment, "", answers, asked)


class RecordModel(QObject):
    """The filed record the view shows, read in the background."""

    loading_changed = Signal(bool)
    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self, library: Library, loaded: LoadedRulebook | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.rulebook = loaded
        self.entry: Entry | None = None
        self.chain: list[Entry] = []
        self.record: Record | None = None
        self.loading = False
        self.error = ""

    def open(self, entry: Entry, chain: list[Entry] | None = None) -> None:
        """Show ``entry`` (its versions ``chain``, oldest first): its paper is read."""
        from .operations import Operation

        self.entry, self.chain = entry, list(chain or [entry])
        self.record, self.error = None, ""
        paper = self.library.root / entry.paper
        rulebook = self.rulebook
        self.loading = True
        self.loading_changed.emit(True)

        def done(record: Record) -> None:
            if self.entry is entry:  # not since replaced by another record
                self.record = record
                self.loaded.emit()

        def failed(reason: str) -> None:
            if self.entry is entry:
                self.error = reason
                self.failed.emit(reason)

        def finished() -> None:
            if self.entry is entry:
                self.loading = False
                self.loading_changed.emit(False)

        Operation(
            self, lambda _c: read_filed(entry, paper, rulebook), done, label="Reading the record"
        ).failure(failed).finally_(finished).run()

    def paper_path(self, relative: str | None = None) -> Path | None:
        if self.entry is None:
            return None
        return self.library.root / (relative or self.entry.paper)


class RecordView(View):
    """A filed record, read-only."""

    view_id: ClassVar[str] = "record"
    title: ClassVar[str] = "Filed record"

    back_requested = Signal()
    new_version_requested = Signal(Path)  # the filed paper of the decision to supersede
    pdf_requested = Signal(Path)  # a filed paper, for the system's PDF viewer
    decision_requested = Signal(str)  # another version, by its id
    status_requested = Signal(str)  # record the board's resolution on it, by its id

    def __init__(self, model: RecordModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName("recordView")
        self.heading = QLabel("Filed record")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.read_only = wrapped_label(
            "Read-only: a filed record stands as the board saw it. To change the decision, "
            "start a new version.",
            "pageLead",
        )
        self.read_only.setAccessibleName("Read-only")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Reading the record")
        self.progress.setVisible(False)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setAccessibleName("The filed record")

        self.back_button = QPushButton("&Back to the register")
        name_widget(self.back_button, "Back to the register")
        self.back_button.clicked.connect(self.back_requested)
        self.pdf_button = QPushButton("Open &PDF")
        name_widget(self.pdf_button, "Open PDF", "Open the filed paper in the PDF viewer.")
        self.pdf_button.clicked.connect(self._open_pdf)
        self.version_button = QPushButton("Start a &new version…")
        name_widget(
            self.version_button,
            "Start a new version",
            "A new draft from this decision, which will supersede it.",
        )
        self.version_button.clicked.connect(self._new_version)
        self.status_button = QPushButton("Record reso&lution…")
        name_widget(
            self.status_button,
            "Record resolution",
            "Record the board's resolution, or another change in the decision's life.",
        )
        self.status_button.clicked.connect(self._record_status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.status_button)
        buttons.addWidget(self.version_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.read_only)
        layout.addWidget(self.progress)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)

        model.loading_changed.connect(self._loading)
        model.loaded.connect(self._show)
        model.failed.connect(self._show)
        self._show()

    # ---- what the window asks of a view ------------------------------------------------
    def window_title(self) -> str:
        entry = self.model.entry
        return f"{entry.title} (filed record, read-only)" if entry else self.title

    def activated(self) -> None:
        self.browser.setFocus()

    # ---- listening to the model --------------------------------------------------------
    def _loading(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        if busy:
            self._show()

    def _show(self) -> None:
        model = self.model
        entry = model.entry
        self.pdf_button.setEnabled(entry is not None)
        self.version_button.setEnabled(entry is not None and entry.superseded_by is None)
        self.status_button.setEnabled(entry is not None and bool(allowed_moves(entry.status)))
        self.heading.setText(entry.title if entry else "Filed record")
        self.title_changed.emit()
        if entry is None:
            self.browser.setHtml("")
        elif model.error:
            self.browser.setHtml(
                f"<p><b>The record cannot be read.</b></p><p>{_e(model.error)}</p>"
            )
        elif model.record is None:
            self.browser.setHtml("<p>Reading the record…</p>")
        else:
            self.browser.setHtml(record_html(model.record, model.chain))

    # ---- buttons and links -----------------------------------------------------------
    def _open_pdf(self) -> None:
        path = self.model.paper_path()
        if path is not None:
            self.pdf_requested.emit(path)

    def _new_version(self) -> None:
        path = self.model.paper_path()
        if path is not None:
            self.new_version_requested.emit(path)

    def _record_status(self) -> None:
        if self.model.entry is not None:
            self.status_requested.emit(self.model.entry.id)

    def _follow(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("paper:"):
            path = self.model.paper_path(target.removeprefix("paper:"))
            if path is not None:
                self.pdf_requested.emit(path)
        elif target.startswith("decision:"):
            self.decision_requested.emit(target.removeprefix("decision:"))


# ---- the record as HTML ---------------------------------------------------------------
def _e(text: object) -> str:
    return html.escape(str(text))


def _day(value: dt.date | str | None) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value.day} {value:%B %Y}" if value else ""


def _rows(pairs: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<tr><td valign='top'><b>{_e(k)}</b></td><td>{_e(v)}</td></tr>" for k, v in pairs if v
    )
    return f"<table cellpadding='3'>{body}</table>" if body else ""


def _list(items: list[str]) -> str:
    return (
        "<ul>" + "".join(f"<li>{_e(i)}</li>" for i in items if i.strip()) + "</ul>"
        if any(i.strip() for i in items)
        else ""
    )


def record_html(record: Record, chain: list[Entry]) -> str:
    """The record as the view shows it: plain, in the order a board secretary reads it."""
    d, a, entry = record.decision, record.assessment, record.entry
    bp, f = d.board_paper, d.framing
    parts = [
        _rows(
            [
                ("Trust", d.trust.name if d.trust else ""),
                ("Meeting", f"{bp.meeting} ({bp.meeting_kind}), {_day(bp.meeting_date)}"),
                ("Agenda item", bp.agenda_item),
                ("Status", STATUS_LABELS[d.status]),
                ("Review date", _day(f.review_date)),
                ("Register id", entry.short_id),
            ]
        )
    ]
    if d.resolution is not None:
        r = d.resolution
        parts.append("<h3>Board decision</h3>")
        parts.append(
            _rows(
                [
                    ("Outcome", OUTCOME_LABELS[r.outcome]),
                    ("Date", _day(r.date)),
                    ("Meeting", r.meeting),
                    ("Minute reference", r.minute_reference),
                    ("Amendments", r.amendments),
                    ("Dissent noted", r.dissent),
                ]
            )
        )
    parts.append("<h3>Recommendation</h3>")
    if a is not None:
        parts.append(f"<p><b>{_e(a.stance_label)}</b>. {_e(a.stance_summary)}</p>")
        parts.append(f"<p>{_e(record.ask)}</p>")
    else:
        parts.append(f"<p><b>{_e(entry.recommendation or 'Not given')}</b></p>")
    if record.note:
        parts.append(f"<p><i>{_e(record.note)}</i></p>")
    if d.actions:
        parts.append("<h3>Conditions and safeguards: actions</h3><ul>")
        for action in d.actions:
            who = " · ".join(
                t
                for t in (
                    action.owner.text(),
                    f"due {_day(action.due)}" if action.due else "",
                    ACTION_STATUS_LABELS[action.status].lower(),
                )
                if t
            )
            parts.append(
                f"<li>{_e(action.text)}" + (f" <i>({_e(who)})</i>" if who else "") + "</li>"
            )
        parts.append("</ul>")
    elif a is not None and a.safeguards:
        parts.append("<h3>Conditions and safeguards</h3>")
        parts.append(_list([s.text for s in a.safeguards]))
    parts.append("<h3>The decision</h3>")
    if f.description.strip():
        parts.append(f"<p>{_e(f.description)}</p>")
    parts.append(
        _rows(
            [
                ("Partners", ", ".join(f.partners)),
                ("Cost to the trust", f.cost_to_trust),
                ("Benefit to the population", f.benefit_to_population),
            ]
        )
    )
    if f.options_considered:
        parts.append("<p><b>Options considered</b></p>" + _list(f.options_considered))
    if f.success_measures:
        parts.append("<p><b>Success measures</b></p>" + _list(f.success_measures))
    if a is not None:
        parts.append(_factors(record))
    if d.history:
        parts.append("<h3>History</h3><table cellpadding='3'>")
        for h in d.history:
            said = " · ".join(t for t in (h.meeting, h.note) if t)
            parts.append(
                f"<tr><td>{_e(_day(h.on))}</td><td><b>{_e(STATUS_LABELS[h.status])}</b></td>"
                f"<td>{_e(h.by)}</td><td>{_e(said)}</td></tr>"
            )
        parts.append("</table>")
    if entry.papers:
        parts.append("<h3>Papers filed</h3><ul>")
        for p in entry.papers:
            kind = "Review paper" if p.get("kind") == "review" else "Board paper"
            status = STATUS_LABELS.get(p.get("status", ""), p.get("status", ""))
            by = f" by {p['filed_by']}" if p.get("filed_by") else ""
            parts.append(
                f"<li><a href='paper:{_e(p['path'])}'>{kind}, {_e(status.lower())}</a>, filed "
                f"{_e(_day(p.get('filed_at')))}{_e(by)}</li>"
            )
        parts.append("</ul>")
    if len(chain) > 1:
        parts.append("<h3>Versions</h3><ol>")
        for item in chain:
            text = f"{_e(item.title)} — {_e(item.status_label)}"
            if item.id == entry.id:
                parts.append(f"<li><b>{text}</b> (this one)</li>")
            else:
                parts.append(f"<li><a href='decision:{item.id}'>{text}</a></li>")
        parts.append("</ol>")
    return "".join(parts)


def _factors(record: Record) -> str:
    """Each factor's rating and why, the answers given and the chief executive's note."""
    a = record.assessment
    assert a is not None
    out = []
    for factor in a.factors:
        out.append(f"<h3>{_e(factor.title)}: {_e(factor.rating_label)}</h3>")
        out.append(f"<p>{_e(factor.reason)}</p>")
        out.append(_rows(record.answers.get(factor.id, [])))
        note = record.decision.notes.get(factor.id, "").strip()
        if note:
            out.append(f"<p><i>The chief executive's note:</i> {_e(note)}</p>")
    return "".join(out)
