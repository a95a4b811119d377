"""The review page: the live assessment, explained."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser

from ..domain.assessment import Assessment, Counterfactual, FiredRule, SafeguardOut
from ..domain.wizard_flow import WizardFlow
from ..engine.explain import basis_sentence
from ..errors import SysLeadError
from ..services.workflow import assess_decision
from .document import DecisionDocument
from .pages import FlowPage
from .style import (
    NHS_BLUE,
    NHS_DARK_BLUE,
    PALE,
    RATING_COLOURS,
    RATING_TEXT_COLOURS,
    SECONDARY,
)
from .widgets import Glossed, glossary_of


def _basis(item: FiredRule | SafeguardOut) -> str:
    """What a rule rests on, in words that tell evidence from design at a glance."""
    if item.design is not None:
        return f"tool design, building on {item.design.builds_on}"
    cites = "; ".join(c.text for c in item.citations)
    return f"evidence: {cites}" if cites else "no basis given"


def assessment_html(
    a: Assessment,
    reversed_notes: dict[str, str] | None = None,
    glossary: dict[str, str] | None = None,
    evidence: str | None = None,
) -> str:
    """The assessment as simple, accessible HTML: colour is never the only signal.

    ``evidence`` is the rulebook's one-line account of how strong its evidence is; the
    page adds how many of the rules applied rest on a source and how many on design.

    Glossary terms are underlined with dots, with their meaning as a tooltip, the first
    time they appear. Qt's rich text ignores a <div>'s padding and border and paints its
    background line by line, so the recommendation card is a one-row table: a narrow blue
    cell as the left edge, then the pale card."""
    glossed = Glossed(glossary or {})  # in the order the page reads
    card = (
        "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td width='6' bgcolor='{NHS_BLUE}'></td>"
        f"<td bgcolor='{PALE}' style='padding:8px 12px'>"
        f"<p style='margin:0; color:{SECONDARY}'>Recommendation "
        f"({a.stance_rank + 1} of {a.stance_count}, from most cautious)</p>"
        f"<h2 style='margin:2px 0; color:{NHS_DARK_BLUE}'>{escape(a.stance_label)}</h2>"
        f"<p style='margin:0'>{glossed(a.stance_summary)}</p>"
        f"<p style='margin:4px 0 0 0'><i>The Board is asked to {glossed(a.board_ask)}.</i></p>"
        "</td></tr></table>"
    )
    rows = "".join(
        f"<tr><td style='padding:4px 8px'>{escape(f.title)}</td>"
        f"<td style='padding:4px 8px; white-space:nowrap'>"
        f"<span style='font-size:large; color:{RATING_COLOURS.get(f.colour, SECONDARY)}'>"
        f"&#9679;</span> <b style='color:{RATING_TEXT_COLOURS.get(f.colour, SECONDARY)}'>"
        f"{escape(f.rating_label)}</b></td>"
        f"<td style='padding:4px 8px; color:{SECONDARY}'>{glossed(f.reason)}</td></tr>"
        for f in a.factors
    )
    safeguards = (
        "".join(
            f"<li><b>{glossed(s.text)}</b><br/><span style='color:{SECONDARY}'>Owner: "
            f"{escape(s.owner)} · When: {escape(s.timing)} · Basis: {escape(_basis(s))}"
            "</span></li>"
            for s in a.safeguards
        )
        or "<li>None: no extra conditions are needed.</li>"
    )

    def changes(items: list[Counterfactual], none: str) -> str:
        # Each way round is a list of its own, its answers a second-level list after it:
        # Qt leaves a blank line above a list nested in the last item of another.
        if not items:
            return f"<ul><li>{none}</li></ul>"
        out = []
        for cf in items:
            steps = "".join(
                f"<li>{glossed(c.question_text)} <i>{escape(c.from_label)}</i> → "
                f"<b>{escape(c.to_label)}</b></li>"
                for c in cf.changes
            )
            out.append(
                f"<ul style='margin-top:0; margin-bottom:0'><li>To reach "
                f"“{escape(cf.stance_label)}”, change {len(cf.changes)} "
                f"answer{'s' if len(cf.changes) > 1 else ''}:</li></ul>"
                f"<ul style='-qt-list-indent:2; margin-top:0; margin-bottom:0'>{steps}</ul>"
            )
        return "".join(out)

    rules = "".join(
        f"<li><b>{escape(r.id)}</b> — {glossed(r.reason)} <span style='color:{SECONDARY}'>("
        f"{escape(_basis(r))})</span></li>"
        for r in a.rules
    )
    strength = (
        f"<p style='color:{SECONDARY}'><b>How strong the evidence is:</b> "
        f"{glossed(evidence) + ' ' if evidence else ''}"
        f"{escape(basis_sentence(a.rules, 'rules applied here'))} “Rules applied” below "
        "shows which, and the board paper sets this out in full.</p>"
    )
    up = changes(a.counterfactuals.up, "This is already the most positive recommendation.")
    down = changes(a.counterfactuals.down, "This is already the most cautious recommendation.")
    notes = "".join(
        f"<p style='color:{SECONDARY}'><b>{escape(a.factor(fid).title)} works the other way "
        f"round here.</b> {glossed(reason)}</p>"
        for fid, reason in (reversed_notes or {}).items()
    )
    return (
        f"{card}{strength}<h3>Factor ratings</h3><table cellspacing='0'>{rows}</table>{notes}"
        f"<h3>Conditions and safeguards</h3><ul>{safeguards}</ul>"
        "<h3>What would change this</h3>"
        f"<p><b>One step more positive:</b></p>{up}"
        f"<p><b>One step more cautious:</b></p>{down}"
        f"<h3>Rules applied</h3><ul>{rules}</ul>"
        f"<p style='color:{SECONDARY}'>Rulebook {escape(a.rulebook.id)} "
        f"{escape(a.rulebook.version)}</p>"
    )


class ReviewPage(FlowPage):
    def __init__(self, step_id: str, flow: WizardFlow, doc: DecisionDocument):
        super().__init__(step_id, flow, doc)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setAccessibleName("Assessment")
        self.view.setAccessibleDescription(
            "The recommendation, factor ratings, conditions, what would change it, "
            "how strong the evidence is and the rules applied."
        )
        self.assessment: Assessment | None = None
        layout = self.page_layout()
        layout.addWidget(
            self.lead(
                "The recommendation your answers lead to, and why. Go back to change "
                "any answer; this page updates straight away."
            )
        )
        layout.addWidget(self.view, 1)
        self.add_footer(layout)

    def initializePage(self) -> None:
        super().initializePage()
        self.refresh()

    def refresh(self) -> None:
        self.assessment = None
        status = self.flow.status(self.step_id, self.doc.decision)
        if not status.complete:
            self.view.setPlainText(status.reason)
            return
        try:
            assessed = assess_decision(self.doc.decision, self.doc.loaded)
        except SysLeadError as exc:
            self.view.setPlainText(f"The assessment could not be made: {exc}")
            return
        self.assessment = assessed.assessment
        from ..engine.explain import reversed_factors

        notes = reversed_factors(self.flow.rulebook, assessed.decision.answers)
        strength = self.flow.rulebook.evidence_strength
        self.view.setHtml(
            assessment_html(
                assessed.assessment,
                notes,
                glossary_of(self.flow.rulebook),
                strength.summary if strength else None,
            )
        )
