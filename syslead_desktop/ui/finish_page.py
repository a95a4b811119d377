"""The finish page: board-paper details, then export to PDF."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from ..domain.decision import CQC_DOMAINS, PURPOSE_LABELS
from ..domain.wizard_flow import WizardFlow
from .agenda_field import AgendaPattern, trust_profile
from .document import DecisionDocument
from .pages import FlowPage
from .widgets import (
    ChoiceRow,
    DateField,
    FieldPair,
    FlowLayout,
    focus_through,
    name_widget,
    text_box,
    wrapped_label,
)


class FinishPage(FlowPage):
    """The cover sheet's details, in the order the cover sheet prints them.

    Every Alt+letter here is unique on the page, beside the menu bar's (File, View) and
    the wizard's own (Back, Next, Export): see tests/ui/test_shortcuts.py."""

    open_requested = Signal()
    LEAD = (
        "Details for the board paper's cover sheet; then choose Export PDF. The PDF "
        "carries a verifiable copy of this decision inside it."
    )

    def __init__(self, step_id: str, flow: WizardFlow, doc: DecisionDocument):
        super().__init__(step_id, flow, doc)
        paper = doc.decision.board_paper
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.lead(self.LEAD))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column.addLayout(form)
        column.addStretch(1)

        def edit(field: str, name: str, value: str, hint: str) -> QLineEdit:
            box = QLineEdit(value)
            box.setPlaceholderText(hint)
            box.textChanged.connect(lambda t: doc.set_board(field, t))
            name_widget(box, name, hint)
            return box

        def line(field: str, label: str, value: str, hint: str) -> QLineEdit:
            box = edit(field, label.replace("&", ""), value, hint)
            form.addRow(label, box)
            return box

        def person(field: str, label: str, who: str) -> None:
            """Name and job title side by side: one row, as the cover sheet prints them."""
            current = getattr(paper, field)
            pair = FieldPair(
                edit(f"{field}.name", f"{who}'s name", current.name, "Name"),
                edit(f"{field}.role", f"{who}'s job title", current.role, "Job title"),
            )
            name_widget(
                pair, who, f"The {who.lower()}'s name and job title, as the cover prints them."
            )
            form.addRow(label, pair)

        meeting = line("meeting", "&Meeting", paper.meeting, "For example: Board of Directors")
        self.kind = ChoiceRow(
            "Session",
            "Whether the paper goes to the public or the private session of the meeting.",
            [("public", "Public"), ("private", "Private")],
            paper.meeting_kind,
        )
        self.kind.chosen.connect(lambda k: doc.set_board("meeting_kind", k))
        form.addRow("&Session", self.kind)
        self.date = DateField(paper.meeting_date)
        self.date.value_changed.connect(lambda d: doc.set_board("meeting_date", d))
        name_widget(
            self.date, "Meeting date", "The date of the board meeting. Delete empties the field."
        )
        form.addRow("Meeting &date", self.date)
        agenda = line("agenda_item", "&Agenda item", paper.agenda_item, "For example: PUB26/12/4.2")
        self.agenda = AgendaPattern(agenda, form, doc, trust_profile())  # the trust's pattern
        self.agenda.offer_boards(meeting)
        self.purpose = ChoiceRow(
            "Purpose",
            "What the board is asked to do with the paper.",
            list(PURPOSE_LABELS.items()),
            paper.purpose,
        )
        self.purpose.chosen.connect(lambda k: doc.set_board("purpose", k))
        form.addRow("&Purpose", self.purpose)
        person("author", "A&uthor", "Author")
        person("executive_lead", "&Executive lead", "Executive lead")

        def lines(field: str, label: str, hint: str) -> None:
            box = text_box(
                label.replace("&", ""),
                hint,
                lambda t: doc.set_board(field, [x.strip() for x in t.splitlines() if x.strip()]),
                "\n".join(getattr(paper, field)),
                lines=2,
            )
            form.addRow(label, box)

        lines("strategic_objectives", "Strategic ob&jectives", "One objective per line.")
        lines(
            "baf_risks",
            "BAF r&isks",
            "Board Assurance Framework risks, one per line, e.g. SR6: System partnership.",
        )
        cqc = QWidget()
        flow_row = FlowLayout(cqc)
        for domain in CQC_DOMAINS:
            box = QCheckBox(domain)
            box.setChecked(domain in paper.cqc_domains)
            name_widget(
                box,
                f"CQC domain: {domain}",
                "Tick each Care Quality Commission key question this paper relates to.",
            )
            box.toggled.connect(lambda _on: self._cqc_changed())
            flow_row.addWidget(box)
        self.cqc_boxes = cqc.findChildren(QCheckBox)
        focus_through(cqc, self.cqc_boxes[0])
        name_widget(cqc, "CQC domains", "The Care Quality Commission key questions it relates to.")
        form.addRow("C&QC domains", cqc)

        def text(field: str, label: str, hint: str) -> None:
            form.addRow(
                label,
                text_box(
                    label.replace("&", ""),
                    hint,
                    lambda t: doc.set_board(field, t),
                    getattr(paper, field),
                    lines=2,
                ),
            )

        text("financial_implications", "Finan&cial implications", "Costs, funding and risks.")
        text(
            "quality_equality_implications",
            "Quali&ty and equality",
            "Quality impact and equality impact assessments.",
        )
        text(
            "regulatory_implications",
            "Re&gulatory implications",
            "Licence conditions, oversight, CQC.",
        )
        line(
            "previously_considered_by",
            "Previously considered b&y",
            paper.previously_considered_by,
            "Committees or groups that have seen it",
        )
        self.final = QCheckBox("Mar&k as final (removes the DRAFT watermark)")
        self.final.setChecked(doc.decision.status != "draft")
        self.final.toggled.connect(doc.set_status)
        name_widget(self.final, "Mark as final", "Final papers carry no DRAFT watermark.")
        form.addRow(self.final)  # across the form: too long to sit in the field column

        # The wizard shows this button beside Back and Export, on this page only.
        self.open_button = QPushButton("&Open PDF")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_requested)
        name_widget(self.open_button, "Open PDF", "Open the exported board paper.")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName("Export in progress")
        self.status = wrapped_label("", "pageLead")
        self.status.setAccessibleName("Export status")
        self.status.setVisible(False)

        progress = QHBoxLayout()  # shown only while exporting, and after
        progress.addWidget(self.status, 1)
        progress.addWidget(self.progress)
        page = self.page_layout()
        page.addWidget(self.scrolled(content), 1)
        page.addLayout(progress)
        self.add_footer(page)

    def _cqc_changed(self) -> None:
        chosen = [b.text() for b in self.cqc_boxes if b.isChecked()]
        self.doc.set_board("cqc_domains", [d for d in CQC_DOMAINS if d in chosen])

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.progress.setVisible(busy)
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.FinishButton).setEnabled(not busy)
        self.status.setText(message)
        self.status.setVisible(bool(message))
