"""The board paper's wording fits the recommendation, the purpose and the factors, and its
factor blocks are laid out whole: what a board secretary would otherwise have to edit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from syslead_desktop.domain.assessment import Assessment
from syslead_desktop.domain.decision import Decision
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.pdf import cover
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision

from .test_pdf_support import flat, page_texts, render, text_of

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PRACTICE = EXAMPLES / "practice"
PAPERS = {
    "scanning-capacity": EXAMPLES / "scanning-capacity.syslead.yaml",
    **{p.name.removesuffix(".syslead.yaml"): p for p in sorted(PRACTICE.glob("*.syslead.yaml"))},
}


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("wording")
    return {
        name: render(load_decision(path), folder / f"{name}.pdf") for name, path in PAPERS.items()
    }


def _text(papers: dict[str, Path], name: str) -> str:
    return flat(text_of(papers[name]))


def _between(text: str, start: str, end: str) -> str:
    assert start in text, start
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def _summary(papers: dict[str, Path], name: str) -> str:
    return _between(_text(papers, name), "1. Executive summary", "2. The decision")


def _recommendation(papers: dict[str, Path], name: str) -> str:
    return _between(_text(papers, name), "8. Recommendation", "Appendix A")


def _assessed(name: str, purpose: str | None = None) -> tuple[Decision, Assessment]:
    decision = load_decision(PAPERS[name])
    if purpose:
        decision.board_paper.purpose = purpose  # type: ignore[assignment]
    assessed = assess_decision(decision, load_rulebook())
    return assessed.decision, assessed.assessment


def test_the_practice_papers_cover_every_kind_of_recommendation() -> None:
    kinds = {name: cover.stance_kind(_assessed(name)[1]) for name in PAPERS}
    assert kinds["community-beds-offer"] == "against"
    assert kinds["collective-staff-bank"] == "defer"
    assert kinds["control-total-contribution"] == "conditions"
    assert kinds["flat-cash-pushback"] == "conditions"
    assert kinds["hyperacute-stroke"] == "proceed"


# 1. A trust-first summary does not claim that nothing is weak.


def test_a_weak_trust_stability_is_said_to_support_a_trust_first_decision(
    papers: dict[str, Path],
) -> None:
    summary = _summary(papers, "flat-cash-pushback")
    assert "No factor is rated weak" not in summary
    assert "Trust stability is rated weak, which here supports the proposal" in summary
    assert "No other factor is rated weak; the least secure is Regulatory exposure" in summary
    # the reason follows the rating it explains, before the remaining factors
    assert summary.index("Trust stability is rated weak") < summary.index("No other factor")


def test_a_strong_trust_stability_is_said_to_count_against_a_trust_first_decision(
    papers: dict[str, Path],
) -> None:
    summary = _summary(papers, "control-total-contribution")
    assert "Trust stability is rated strong, which here counts against the proposal" in summary


# 2. Not proceeding: no conditions of approval, nothing "before the decision takes effect".


def test_a_do_not_proceed_paper_does_not_speak_of_conditions(papers: dict[str, Path]) -> None:
    text = _text(papers, "community-beds-offer")
    summary = _summary(papers, "community-beds-offer")
    assert "condition" not in summary
    assert "Section 5 sets out one safeguard that would be needed if the proposal were" in summary
    assert "5. Safeguards if the proposal is brought back" in text
    assert "5. Conditions and safeguards" not in text
    section5 = _between(text, "5. Safeguards", "6. Success")
    assert "none of these is a condition of approval" in section5
    closing = _recommendation(papers, "community-beds-offer")
    assert "form part of this recommendation" not in closing
    assert "The Board is asked to agree that the proposal should not go ahead" in closing
    assert "Section 7 sets out what would need to change before the proposal could be" in closing


# 3. No "weakest" when nothing is weak; conditions only when there are conditions.


def test_a_deferral_with_every_factor_strong_gives_its_real_reason(tmp_path: Path) -> None:
    # Every factor strong, but the benefit of putting the trust first is unproven.
    decision = load_decision(PAPERS["control-total-contribution"])
    decision.answers["clinical_benefit"] = "uncertain"
    a = assess_decision(decision, load_rulebook()).assessment
    assert {f.rating for f in a.factors} == {"strong"} and a.stance == "defer"
    text = flat(text_of(render(decision, tmp_path / "unproven.pdf")))
    summary = _between(text, "1. Executive summary", "2. The decision")
    assert "weakest" not in summary and "least secure" not in summary
    assert "Show how protecting the trust protects patients before asking partners" in summary
    assert "Section 5 sets out three actions to complete before the decision returns" in summary
    assert "5. Actions before the decision returns" in text
    closing = _between(text, "8. Recommendation", "Appendix A")
    assert "form part of this recommendation" not in closing


def test_an_unconditional_approval_has_safeguards_not_conditions(
    papers: dict[str, Path],
) -> None:
    summary = _summary(papers, "hyperacute-stroke")
    assert "carries no conditions; section 5 sets out three safeguards" in summary
    assert "5. Safeguards The recommendation carries no conditions." in _text(
        papers, "hyperacute-stroke"
    )
    closing = _recommendation(papers, "hyperacute-stroke")
    assert "The Board is asked to approve the proposal." in closing
    assert "form part of this recommendation" not in closing
    assert "Progress on the safeguards in section 5 should be reported" in closing


def test_conditions_form_part_of_a_conditional_recommendation(papers: dict[str, Path]) -> None:
    for name in ["scanning-capacity", "flat-cash-pushback", "control-total-contribution"]:
        closing = _recommendation(papers, name)
        assert "The conditions and safeguards in section 5 form part of this" in closing, name
        assert "5. Conditions and safeguards" in _text(papers, name), name


# 4. The ask fits the purpose ticked on the cover.


@pytest.mark.parametrize(
    ("name", "purpose", "ask", "then"),
    [
        (
            "community-beds-offer",
            "decision",
            "agree that the proposal should not go ahead in its current form",
            "",
        ),
        ("hyperacute-stroke", "decision", "approve the proposal", ""),
        (
            "scanning-capacity",
            "discussion",
            "discuss the proposal ahead of a decision",
            "When the decision is taken, the recommendation is to approve the proposal "
            "subject to the conditions and safeguards set out.",
        ),
        (
            "community-beds-offer",
            "information",
            "note the proposal and its assessment",
            "When the decision is taken, the recommendation is to agree that the proposal "
            "should not go ahead in its current form.",
        ),
        (
            "collective-staff-bank",
            "assurance",
            "take assurance from the assessment of the proposal",
            "When the decision is taken, the recommendation is to defer the decision and "
            "agree the actions needed before it returns.",
        ),
    ],
)
def test_the_board_is_asked_what_the_purpose_calls_for(
    name: str, purpose: str, ask: str, then: str
) -> None:
    decision, a = _assessed(name, purpose)
    assert cover.board_ask(decision, a) == (ask, then)


def test_a_paper_for_discussion_asks_the_board_to_discuss(tmp_path: Path) -> None:
    decision = load_decision(PAPERS["scanning-capacity"])
    decision.board_paper.purpose = "discussion"
    path = render(decision, tmp_path / "discussion.pdf")
    cover = flat(page_texts(path)[0])
    assert "☒ For discussion" in cover
    assert "The Board is asked to discuss the proposal ahead of a decision." in cover
    assert "The Board is asked to approve" not in cover
    closing = _between(flat(text_of(path)), "8. Recommendation", "Appendix A")
    assert "The Board is asked to discuss the proposal ahead of a decision. When the" in closing


# 5. A factor's closing lines stay with it, and moving a factor leaves no large gap.

FACTOR = re.compile(r"4\.(\d) [A-Z]")


def _factor_pages(path: Path) -> list[str]:
    """The pages from the start of section 4 to the start of section 5."""
    pages = [flat(t) for t in page_texts(path)]
    first = next(i for i, p in enumerate(pages) if "4. Assessment, factor by factor" in p)
    last = next(i for i, p in enumerate(pages) if re.search(r"5\. [A-Z]", p) and i >= first)
    return pages[first : last + 1]


@pytest.mark.parametrize("name", sorted(PAPERS))
def test_closing_lines_never_start_a_page_away_from_their_factor(
    papers: dict[str, Path], name: str
) -> None:
    for page in _factor_pages(papers[name]):
        body = page.removeprefix("DRAFT ")
        for closing in ("Why ", "Decided by:", "Notes and evidence:"):
            at = body.find(closing)
            if at < 0:
                continue
            # the factor's answers (a table row, under its repeated header) come first
            assert "Question Answer" in body[:at], (name, closing, body[:200])


def _lowest_text(path: Path) -> list[float]:
    """Per page, the height above the page's foot of its lowest line of body text."""
    lows = []
    for page in PdfReader(path).pages:
        ys: list[float] = []

        def visit(
            text: str, cm: list[float], tm: list[float], *_: object, ys: list[float] = ys
        ) -> None:
            y = tm[5] * cm[3] + cm[5]
            if text.strip() and text.strip() != "DRAFT" and y > 60:  # above the footer
                ys.append(y)

        page.extract_text(visitor_text=visit)
        lows.append(min(ys, default=0.0))
    return lows


@pytest.mark.parametrize("name", sorted(PAPERS))
def test_no_factor_page_is_left_largely_blank(papers: dict[str, Path], name: str) -> None:
    pages = [flat(t) for t in page_texts(papers[name])]
    lows = _lowest_text(papers[name])
    first = next(i for i, p in enumerate(pages) if "4. Assessment, factor by factor" in p)
    last = next(i for i, p in enumerate(pages) if re.search(r"5\. [A-Z]", p) and i >= first)
    frame = 842 - 2 * 20 * 72 / 25.4
    for number in range(first, last):  # each page that section 4 continues beyond
        assert lows[number] < 57 + 0.35 * frame, (name, number + 1, lows[number])


@pytest.mark.parametrize("length", [0, 60, 140, 260, 420, 700])
def test_closing_lines_stay_with_their_factor_whatever_the_notes(
    length: int, tmp_path: Path
) -> None:
    decision = load_decision(PAPERS["scanning-capacity"])
    for number, factor in enumerate(["success", "stability", "board", "relationships"]):
        decision.notes[factor] = " ".join(["Noted"] * (length // 6 + 20 * number))
    path = render(decision, tmp_path / "notes.pdf")
    for page in _factor_pages(path):
        body = page.removeprefix("DRAFT ")
        for closing in ("Decided by:", "Notes and evidence:"):
            at = body.find(closing)
            if at >= 0:
                assert "Question Answer" in body[:at], (length, closing)
    text = flat(text_of(path))
    assert len(FACTOR.findall(text)) >= 5  # every factor is there
    assert text.count("Notes and evidence:") == 5


def test_a_factor_split_across_pages_repeats_its_table_header(papers: dict[str, Path]) -> None:
    pages = [flat(t) for t in page_texts(papers["community-beds-offer"])]
    # 4.3 does not fit under 4.2: its last answer goes over with its closing lines (the
    # hyperacute stroke paper did so until the factors' leads left the paper, qa F3)
    start = next(i for i, p in enumerate(pages) if "4.3 Board backing" in p)
    after = pages[start + 1].removeprefix("DRAFT ")
    assert after.startswith("Question Answer Where does the chair stand?")
    assert after.index("Question Answer") < after.index("Why strong:")


def test_the_layout_is_still_reproducible(tmp_path: Path) -> None:
    decision = load_decision(PAPERS["flat-cash-pushback"])
    first = render(decision, tmp_path / "a.pdf").read_bytes()
    assert render(load_decision(PAPERS["flat-cash-pushback"]), tmp_path / "b.pdf").read_bytes() == (
        first
    )


# 6. The cover's subtitle.


def test_the_cover_subtitle_reads_naturally(papers: dict[str, Path]) -> None:
    cover = flat(page_texts(papers["scanning-capacity"])[0])
    assert (
        "Report to the Board: a decision where the trust's interests and the wider system's "
        "pull in different directions" in cover
    )
    assert "may pull apart" not in cover


# 7. Appendix C lists the sources the paper cites, and only those.


def _cited(short: str, text: str) -> bool:
    """A citation of ``short``: with a locator ("Gordon 2021, Table 2"), or as a whole
    at the end of a list or a bracket ("; Edge Hill 2023)")."""
    return re.search(rf"{re.escape(short)}(, |; |\))", text) is not None


@pytest.mark.parametrize("name", sorted(PAPERS))
def test_every_source_in_appendix_c_is_cited_in_the_paper(
    papers: dict[str, Path], name: str
) -> None:
    text = _text(papers, name)
    before, evidence = text.split("Appendix C. Sources", 1)
    evidence = evidence.split("Appendix D.", 1)[0]
    rulebook = load_rulebook().rulebook
    listed = [src for src in rulebook.sources if f"{src.short}. " in evidence]
    assert listed, name
    for src in listed:
        assert _cited(src.short, before), (name, src.short)
    for src in rulebook.sources:
        if src not in listed:
            assert not _cited(src.short, before), (name, src.short)  # cited but not listed
    assert "Only the sources cited in this paper are listed" in evidence


def test_the_reasons_for_each_action_are_given_with_their_evidence(
    papers: dict[str, Path],
) -> None:
    appendix_a = _between(_text(papers, "scanning-capacity"), "Appendix A", "Appendix B")
    assert "The actions in section 5" in appendix_a
    assert "C-RECIPROCITY-WRITING Written commitments make reciprocity" in appendix_a
    assert "SCIE 2021, Enablers of connectivity and relationships" in appendix_a
    assert "Tool design, building on the finding on reciprocity" in appendix_a
    assert "Neither source mentions memoranda of understanding" in appendix_a
