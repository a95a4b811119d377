"""First-cut board paper (the full board-ready layout replaces this)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from ...domain.assessment import Assessment
from ...domain.decision import Decision
from ...domain.rulebook import Rulebook


def _p(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def render_pdf(decision: Decision, rulebook: Rulebook, assessment: Assessment) -> bytes:
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    title = decision.framing.title or "Untitled decision"
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, invariant=1, lang="en-GB")
    story = [
        Paragraph(_p(title), styles["Title"]),
        Paragraph(_p(decision.framing.description), styles["BodyText"]),
        Spacer(1, 12),
    ]
    story.append(Paragraph(_p(f"Recommendation: {assessment.stance_label}"), styles["Heading2"]))
    for factor in assessment.factors:
        story.append(Paragraph(_p(f"{factor.title}: {factor.rating_label}"), styles["Heading3"]))
        for q in rulebook.factor(factor.id).questions:
            answer = decision.answers.get(q.id)
            label = q.option(answer).label if answer else "(not answered)"
            story.append(Paragraph(_p(f"{q.text} {label}"), styles["BodyText"]))
    story.append(Paragraph("Rules applied", styles["Heading2"]))
    for rule in assessment.rules:
        cites = "; ".join(c.text for c in rule.citations)
        story.append(Paragraph(_p(f"{rule.id}: {rule.reason} ({cites})"), styles["BodyText"]))

    def _page_number(canvas, doc_):  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(A4[0] - 40, 20, f"Page {doc_.page}")

    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()
