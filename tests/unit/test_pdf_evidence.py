"""The board paper tells the board how strong the evidence is, and Appendix A shows rule
by rule what the study supports and what is the tool's own judgement (issue #13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision

from .test_pdf_support import flat, render, text_of

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "scanning-capacity.syslead.yaml"
STRENGTH = "Appendix B. Strength of the evidence"
SOURCES = "Appendix C. Sources"


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = render(load_decision(EXAMPLE), tmp_path_factory.mktemp("evidence") / "paper.pdf")
    return flat(text_of(path))


def _between(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def test_the_summary_makes_the_honest_claim_and_says_how_strong_the_evidence_is(
    text: str,
) -> None:
    summary = _between(text, "1. Executive summary", "2. The decision")
    assert "decide whether" not in summary and "found" not in summary
    assert "five factors that group the themes NHS trust chief executives raised" in summary
    assert "How strong the evidence is: The five factors group themes raised in ten" in summary
    assert "preprint that has not been peer reviewed" in summary
    assert "did not test which factors make a decision succeed" in summary
    assert "Appendix B sets out" in summary


def test_the_paper_has_a_strength_of_evidence_section(text: str) -> None:
    section = _between(text, STRENGTH, SOURCES)
    for point in [
        "semi-structured interviews with ten current or former NHS trust chief executives",
        "It did not follow any decision up",
        "is a preprint on medRxiv. It has not been certified by peer review",
        "unrepresentative",
        "acute trusts are under-represented",
        "3 acute, 6 mental health, 2 community and 1 specialist, which adds up to 12 for 10",
        "before integrated care boards existed",
        "equality, diversity and inclusion",
        "(Gordon 2021, Method; Gordon 2021, Results; Gordon 2021, Strengths and Limitations)",
        "What this means for the Board.",
        "not as a tested prediction",
    ]:
        assert point in section, point


def test_the_strength_section_says_what_this_paper_rests_on(text: str) -> None:
    loaded = load_rulebook()
    a = assess_decision(load_decision(EXAMPLE), loaded).assessment
    design = sum(1 for r in a.rules if r.design is not None)
    section = _between(text, "What this paper rests on.", "What this means for the Board.")
    assert "Of the six rules applied in Appendix A, none rests on a cited source and six" in (
        section
    ), section
    assert design == 6 == len(a.rules)
    assert f"The recommendation itself comes from rule {a.stance_rule}, which rests on the" in (
        section
    )
    assert "Of the five actions in section 5, one rests on a cited source and four are" in section


def test_appendix_a_shows_evidence_or_design_for_every_rule_and_action(text: str) -> None:
    a = assess_decision(load_decision(EXAMPLE), load_rulebook()).assessment
    trace = _between(text, "Appendix A. Reasoning trace", "Appendix B")
    assert "Evidence means a cited source supports the rule" in trace
    assert "(the next appendix says how much weight the sources can bear)" in trace
    assert "Tool design means the rule is the rulebook's own judgement" in trace
    for item in [*a.rules, *a.safeguards]:
        row = flat(trace[trace.index(item.id) :])
        if item.design is not None:
            at = row.find(f"Tool design, building on {item.design.builds_on}")
            assert 0 <= at < 700, item.id
            assert f"Why: {item.design.rationale}" in trace, item.id
        else:
            cited = "; ".join(c.text for c in item.citations)
            assert 0 <= row.find(f"Evidence {cited}") < 400, item.id
    assert "No basis given" not in trace


def test_the_bibliography_is_corrected(text: str) -> None:
    sources = text[text.index(SOURCES) :]
    assert "Gordon B, Thomas MG, Aufegger L, Darzi A, Bicknell CD (2021)." in sources
    assert "medRxiv preprint, not certified by peer review" in sources
    assert "Gordon H" not in text and "Thomas M," not in text


def test_the_quality_impact_assessment_is_not_asked_for_in_the_example(text: str) -> None:
    section5 = _between(text, "5. Conditions and safeguards", "6. Success measures")
    assert "quality impact assessment" not in section5.lower()
    cover_says = "Quality impact assessment completed"
    assert cover_says in text  # the cover sheet already says it is done


def test_a_rulebook_that_does_not_say_how_strong_its_evidence_is_is_named_as_such(
    tmp_path: Path,
) -> None:
    """An adapted rulebook may leave out evidence_strength (rules check warns): its paper
    says so in Appendix B rather than staying silent, and still counts evidence and
    design; the executive summary makes no claim for it."""
    from syslead_desktop.services.pdf.render import render_pdf

    loaded = load_rulebook()
    rulebook = loaded.rulebook.model_copy(update={"evidence_strength": None})
    assessed = assess_decision(load_decision(EXAMPLE), loaded)
    path = tmp_path / "paper.pdf"
    path.write_bytes(render_pdf(assessed.decision, rulebook, assessed.assessment))
    text = flat(text_of(path))
    section = _between(text, STRENGTH, SOURCES)
    assert "The rulebook in use does not say how strong its evidence is." in section
    assert "What this paper rests on. Of the six rules applied in Appendix A" in section
    assert "How strong the evidence is" not in _between(text, "1. Executive summary", "2. The")
