"""The debrief paper: deterministic, and holding the comparison, the largest disagreements
with the evidence behind each, and the facilitator's prompts."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from syslead_desktop.services.debrief import debrief_for_workshop, scenario_titled
from syslead_desktop.services.practice import find_scenario
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workshop import compare_workshop, new_workshop

SCENARIO = find_scenario("community-beds-offer")
LOADED = load_rulebook()


def _workshop():  # type: ignore[no-untyped-def]
    w = new_workshop(SCENARIO, ["Team A", "Team B", "Team C"], today=dt.date(2027, 3, 1))
    worked = SCENARIO.worked.answers
    w.teams[0].answers = dict(worked)
    w.teams[1].answers = {**worked, "cost_to_trust": "minor", "clinical_benefit": "clear"}
    w.teams[2].answers = {k: v for k, v in worked.items() if k != "risk_appetite"}
    return w


@pytest.fixture(scope="module")
def pdf() -> bytes:
    w = _workshop()
    return debrief_for_workshop(w, compare_workshop(w, LOADED))


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_the_same_workshop_gives_the_same_bytes(pdf: bytes) -> None:
    w = _workshop()
    assert debrief_for_workshop(w, compare_workshop(w, LOADED)) == pdf


def test_it_reports_each_team_its_recommendation_and_gaps(pdf: bytes) -> None:
    text = _text(pdf)
    assert "Workshop debrief" in text and SCENARIO.title in text
    assert "Three teams: Team A, Team B and Team C" in text
    assert "1. What each team recommended" in text
    assert "Do not proceed" in text and "Incomplete: one question unanswered" in text
    assert "Team C did not answer: “What is the board's stated risk appetite" in text


def test_the_largest_disagreements_come_first_with_their_evidence(pdf: bytes) -> None:
    comparison = compare_workshop(_workshop(), LOADED)
    largest = comparison.largest_disagreements()
    assert [r.id for r in largest][:2] == ["cost_to_trust", "clinical_benefit"]
    text = _text(pdf)
    section = text[
        text.index("2. Where the teams disagreed most") : text.index("3. For discussion")
    ]
    assert section.index("2.1 How large is the cost") < section.index(
        "2.2 How clear is the benefit"
    )
    assert (
        "answers spread over three of the scale's three steps, from “Severe” to “Minor”" in section
    )
    assert "Why this matters." in section
    for citation in comparison.why(largest[0]).citations:
        assert citation in section


def test_it_carries_the_facilitators_prompts_and_evidence_points(pdf: bytes) -> None:
    text = _text(pdf)
    section = text[text.index("3. For discussion") : text.index("4. The whole comparison")]
    for prompt in SCENARIO.notes.prompts:
        assert " ".join(prompt.split()) in section
    assert "Gordon 2021, Results: Consideration of local context" in section
    assert " ".join(SCENARIO.notes.teaches.split())[:60] in section


def test_the_whole_comparison_and_sources_follow(pdf: bytes) -> None:
    text = _text(pdf)
    rest = text[text.index("4. The whole comparison") :]
    for question in LOADED.rulebook.all_questions():
        assert " ".join(question.text.split()[:5]) in rest
    assert "Sources" in rest and "preprint" in rest


def test_it_is_a_handout_with_no_record_and_every_font_embedded(pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert len(doc.attachments) == 0
        for page in doc.pages:
            for font in page.Resources.get("/Font", {}).values():
                assert "/FontFile2" in font.get("/FontDescriptor", {}) or font.get(
                    "/DescendantFonts"
                )
    reader = PdfReader(io.BytesIO(pdf))
    assert 3 <= len(reader.pages) <= 8
    assert reader.metadata.title.startswith("Workshop debrief")


def test_it_is_tagged_like_the_board_paper(pdf: bytes, tmp_path: Path) -> None:
    from tests import pdfua

    path = tmp_path / "debrief.pdf"
    path.write_bytes(pdf)
    report = pdfua.check(path)
    assert report.failures == []
    roles = [e.std for e in report.elements]
    assert roles.count("H1") >= 6 and "Table" in roles and "L" in roles


def test_anonymous_hides_the_team_names() -> None:
    w = _workshop()
    w.anonymous = True
    # Team C framed another decision: the note says so without naming it
    w.teams[2].framing = find_scenario("hyperacute-stroke").worked.framing
    text = _text(debrief_for_workshop(w, compare_workshop(w, LOADED)))
    assert "Team A" not in text and "Team 1" in text and "Team 3" in text
    assert "different decisions" in text and "Team C" not in text


def test_no_notes_for_answers_not_from_the_library(tmp_path: Path) -> None:
    w = _workshop()
    w.scenario = None
    w.framing.title = "A decision of our own"
    text = _text(debrief_for_workshop(w, compare_workshop(w, LOADED)))
    assert "no facilitator's notes" in text
    assert scenario_titled("A decision of our own") is None
    assert scenario_titled(SCENARIO.title.upper()) is not None


def test_no_disagreement_is_said_plainly() -> None:
    w = _workshop()
    for team in w.teams:
        team.answers = dict(SCENARIO.worked.answers)
    text = _text(debrief_for_workshop(w, compare_workshop(w, LOADED)))
    assert "The teams answered every question alike." in text
    assert "disagreed" not in text  # qa F6: nor headed 'Where the teams disagreed most'
    assert "2. How the teams' answers compare" in text


def test_teams_that_answered_nothing_are_not_said_to_agree() -> None:
    """Two blank files were said to have 'answered every question alike'."""
    w = _workshop()
    for team in w.teams:
        team.answers = {}
    text = _text(debrief_for_workshop(w, compare_workshop(w, LOADED)))
    assert "alike" not in text
    assert "No question was answered by two teams or more, so there is nothing to compare" in text
    w.teams[0].answers = dict(SCENARIO.worked.answers)
    w.teams[1].answers = dict(SCENARIO.worked.answers)
    text = _text(debrief_for_workshop(w, compare_workshop(w, LOADED)))
    assert "Where two teams or more answered a question, they answered it alike." in text


@pytest.mark.parametrize("names", [(), ("Rivermead board", "Finance directors", "Clinical leads")])
def test_no_section_heading_is_left_alone_at_the_foot_of_a_page(names: tuple[str, ...]) -> None:
    """Each numbered section starts on the page that carries its first content: the
    disagreements heading travels with the first disagreement (with these team names it
    was left at the foot of page 1 while 2.1 went over)."""
    w = _workshop()
    for team, name in zip(w.teams, names, strict=False):
        team.name = name
    worked = SCENARIO.worked.answers
    w.teams[1].answers["absorb_cost"] = "can"
    w.teams[2].answers = {
        k: v for k, v in worked.items() if k not in ("risk_appetite", "cqc_rating")
    }
    data = debrief_for_workshop(w, compare_workshop(w, LOADED))
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    for title, first in (
        ("2. Where the teams disagreed most", "2.1 "),
        ("3. For discussion", "What this scenario teaches"),
        ("4. The whole comparison", "Every question in the rulebook's order"),
    ):
        page = next(p for p in pages if title in p)
        assert first in page.split(title, 1)[1], title


def test_six_teams_split_into_even_tables_with_no_word_broken() -> None:
    """With six teams the tables were five teams and one, their columns so narrow that
    words broke across lines ('strengthe n', 'im provement', 'Communi ty Trust')."""
    from syslead_desktop.services.pdf.debrief import _chunks

    names = ["North Locality", "South Locality", "Acute Board", "Community Trust", "Mental Health"]
    w = new_workshop(SCENARIO, [*names, "Primary Care Network"], today=dt.date(2027, 3, 1))
    worked = SCENARIO.worked.answers
    changes = [{}, {"cost_to_trust": "minor"}, {"absorb_cost": "can"}, {}, {}, {}]
    for team, change in zip(w.teams, changes, strict=True):
        team.answers = {**worked, **change}
    comparison = compare_workshop(w, LOADED)
    assert [len(g) for g in _chunks(6, 5)] == [3, 3] and [len(g) for g in _chunks(5, 4)] == [3, 2]
    assert [len(g) for g in _chunks(3, 5)] == [3]
    text = _text(debrief_for_workshop(w, comparison))
    words = {
        word.strip(",.:()")
        for row in comparison.rows
        for value in [*row.values, row.text]
        if value
        for word in value.split()
    } | {word for name in comparison.names(False) for word in name.split()}
    broken = [
        f"{word[:k]} {word[k:]}"
        for word in words
        if len(word) >= 6 and word.isalpha()
        for k in range(2, len(word) - 1)
        if f"{word[:k]} {word[k:]}" in text
    ]
    assert broken == []


def test_a_team_that_answered_little_is_counted_not_listed() -> None:
    """A team that answered nothing had all twenty-two questions listed under the table;
    the debrief said the three teams 'answered the same questions'."""
    w = _workshop()
    w.teams[1].answers = {}  # answered nothing
    worked = SCENARIO.worked.answers
    w.teams[2].answers = dict(list(worked.items())[:10])  # twelve left
    text = _text(debrief_for_workshop(w, compare_workshop(w, LOADED)))
    assert "Team B answered none of the questions." in text
    assert "Team C left 12 of the 22 questions unanswered." in text
    assert "did not answer" not in text
    assert "The three teams were asked the same questions" in text


def test_recommendations_are_in_colour_and_words_as_on_the_projector() -> None:
    """The factor ratings were in colour on the debrief, each team's recommendation black."""
    from syslead_desktop.services.pdf.debrief import RATING_TEXT, Debrief, _recommendation

    w = _workshop()
    w.teams[1].answers = {**SCENARIO.worked.answers, "cost_to_trust": "minor", "absorb_cost": "can"}
    c = compare_workshop(w, LOADED)
    d = Debrief(c, title="t", framing=w.framing, notes=None, day=None, anonymous=False)
    cautious, middling = _recommendation(d, 0), _recommendation(d, 1)
    assert "Do not proceed" in cautious and RATING_TEXT["red"] in cautious
    assert c.teams[1].assessment is not None
    assert c.teams[1].assessment.stance_label in middling and RATING_TEXT["red"] not in middling
    assert "<font color" not in _recommendation(d, 2)  # incomplete: words only
