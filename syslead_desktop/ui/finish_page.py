"""The finish page: board-paper details, then export to PDF."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
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
from .document import DecisionDocument
from .pages import FlowPage
from .widgets import DateField, name_widget, text_box, wrapped_label


class FinishPage(FlowPage):
    open_requested = Signal()

    def __init__(self, step_id: str, flow: WizardFlow, doc: DecisionDocument):
        super().__init__(step_id, flow, doc)
        self.setSubTitle(
            "Details for the board paper's cover sheet. Then export the paper as "
            "a PDF, which carries a verifiable copy of this decision inside it."
        )
        paper = doc.decision.board_paper
        content = QWidget()
        form = QFormLayout(content)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def line(field: str, label: str, value: str, hint: str) -> QLineEdit:
            edit = QLineEdit(value)
            edit.setPlaceholderText(hint)
            edit.textChanged.connect(lambda t: doc.set_board(field, t))
            name_widget(edit, label.replace("&", ""), hint)
            form.addRow(label, edit)
            return edit

        line("meeting", "&Meeting", paper.meeting, "For example: Board of Directors")
        self.kind = QComboBox()
        self.kind.addItems(["Public", "Private"])
        self.kind.setCurrentIndex(0 if paper.meeting_kind == "public" else 1)
        self.kind.currentIndexChanged.connect(
            lambda i: doc.set_board("meeting_kind", "public" if i == 0 else "private")
        )
        name_widget(
            self.kind,
            "Public or private meeting",
            "Whether the paper goes to the public or the private part of the board meeting.",
        )
        form.addRow("Public or pri&vate", self.kind)

        self.date = DateField(paper.meeting_date)
        self.date.value_changed.connect(lambda d: doc.set_board("meeting_date", d))
        name_widget(
            self.date, "Meeting date", "The date of the board meeting. Delete empties the field."
        )
        form.addRow("Meeting &date", self.date)
        line("agenda_item", "&Agenda item", paper.agenda_item, "For example: PUB26/12/4.2")

        self.purpose = QComboBox()
        keys = list(PURPOSE_LABELS)
        self.purpose.addItems([PURPOSE_LABELS[k] for k in keys])
        self.purpose.setCurrentIndex(keys.index(paper.purpose))
        self.purpose.currentIndexChanged.connect(lambda i: doc.set_board("purpose", keys[i]))
        name_widget(
            self.purpose,
            "Purpose of the paper",
            "For decision, assurance, discussion or information.",
        )
        form.addRow("&Purpose", self.purpose)
        line("author.name", "A&uthor", paper.author.name, "Name")
        line("author.role", "Author's &role", paper.author.role, "Job title")
        line(
            "executive_lead.name",
            "&Executive lead",
            paper.executive_lead.name,
            "Sponsoring executive",
        )
        line(
            "executive_lead.role", "Executive lead's r&ole", paper.executive_lead.role, "Job title"
        )

        def lines(field: str, label: str, hint: str) -> None:
            box = text_box(
                label.replace("&", ""),
                hint,
                lambda t: doc.set_board(field, [x.strip() for x in t.splitlines() if x.strip()]),
                "\n".join(getattr(paper, field)),
                lines=2,
            )
            form.addRow(label, box)

        lines("strategic_objectives", "Strategic o&bjectives", "One objective per line.")
        lines(
            "baf_risks",
            "BA&F risks",
            "Board Assurance Framework risks, one per line, e.g. SR6: System partnership.",
        )
        cqc = QWidget()
        grid = QGridLayout(cqc)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, domain in enumerate(CQC_DOMAINS):
            box = QCheckBox(domain)
            box.setChecked(domain in paper.cqc_domains)
            name_widget(
                box,
                f"CQC domain: {domain}",
                "Tick each Care Quality Commission key question this paper relates to.",
            )
            box.toggled.connect(lambda _on: self._cqc_changed())
            grid.addWidget(box, 0, i)
        self.cqc_boxes = cqc.findChildren(QCheckBox)
        form.addRow("CQC domains", cqc)

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

        text("financial_implications", "&Financial implications", "Costs, funding and risks.")
        text(
            "quality_equality_implications",
            "&Quality and equality",
            "Quality impact and equality impact assessments.",
        )
        text(
            "regulatory_implications",
            "Re&gulatory implications",
            "Licence conditions, oversight, CQC.",
        )
        line(
            "previously_considered_by",
            "Previously &considered by",
            paper.previously_considered_by,
            "Committees or groups that have seen it",
        )
        self.final = QCheckBox("Mark as &final (removes the DRAFT watermark)")
        self.final.setChecked(doc.decision.status != "draft")
        self.final.toggled.connect(doc.set_status)
        name_widget(self.final, "Mark as final", "Final papers carry no DRAFT watermark.")
        form.addRow("", self.final)

        self.open_button = QPushButton("Open P&DF")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_requested)
        name_widget(self.open_button, "Open PDF", "Open the exported board paper.")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName("Export in progress")
        self.status = wrapped_label("", "pageLead")
        self.status.setAccessibleName("Export status")

        buttons = QHBoxLayout()
        buttons.addWidget(
            wrapped_label("When the details are complete, choose Export PDF below.", "pageLead"), 1
        )
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.progress)
        page = QVBoxLayout(self)
        page.addWidget(self.scrolled(content), 1)
        page.addLayout(buttons)
        page.addWidget(self.status)
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
