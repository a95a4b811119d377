"""Comparing teams' answers, as a workshop facilitator would: gaps tolerated, the spread on
each ordered scale, rows by disagreement, and a warning when the teams answered different
decisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from syslead_desktop.domain.decision import Decision
from syslead_desktop.services.compare import compare, unique_names, why_it_matters
from syslead_desktop.services.compare_report import to_json, to_text
from syslead_desktop.services.practice import find_scenario
from syslead_desktop.services.rulebook_file import load_rulebook

LOADED = load_rulebook()
RB = LOADED.rulebook


def _worked(name: str = "community-beds-offer") -> Decision:
    return find_scenario(name).start(blank=False)


def _with(base: Decision, **answers: str) -> Decision:
    copy = base.model_copy(deep=True)
    copy.answers.update(answers)
    return copy


def test_rows_mark_exactly_the_changed_answer() -> None:
    a = _worked()
    b = _with(a, clinical_benefit="substantial")
    c = compare([("A", a, ""), ("B", b, "")], LOADED)
    assert [r.id for r in c.questions() if not r.agreed] == ["clinical_benefit"]
    assert c.rows[0].kind == "stance"
    assert [r.kind for r in c.rows].count("rating") == len(RB.factors)
    assert c.warnings == ()


def test_spread_is_measured_on_the_ordered_scale() -> None:
    a = _worked()
    teams = [
        ("A", _with(a, clinical_benefit="none"), ""),
        ("B", _with(a, clinical_benefit="clear"), ""),
        ("C", _with(a, clinical_benefit="substantial"), ""),
    ]
    row = next(r for r in compare(teams, LOADED).rows if r.id == "clinical_benefit")
    assert row.ranks == (0, 2, 3)
    assert row.spread == 3 and row.disagreement == 1.0
    assert row.scale[0] == "No clear benefit" and len(row.scale) == 4
    assert row.values == ("No clear benefit", "Clear benefit", "Substantial, evidenced benefit")


def test_a_plain_choice_differs_by_one_step() -> None:
    a = _worked()
    c = compare([("A", a, ""), ("B", _with(a, direction="trust_first"), "")], LOADED)
    row = next(r for r in c.rows if r.id == "direction")
    assert not row.ordered and row.spread == 1 and row.disagreement == 1.0


def test_rows_sort_by_disagreement_widest_first() -> None:
    a = _worked()
    b = _with(
        a, clinical_benefit="substantial", cost_to_trust="minor", absorb_cost="with_difficulty"
    )
    c = compare([("A", a, ""), ("B", b, "")], LOADED)
    order = [r.id for r in c.largest_disagreements()]
    # severe -> minor is the whole scale (1.0); uncertain -> substantial 2 of 3; the rest less
    assert order[0] == "cost_to_trust"
    assert order.index("clinical_benefit") < order.index("absorb_cost")
    assert all(not r.agreed for r in c.largest_disagreements())
    sorted_rows = c.by_disagreement(c.questions())
    assert [r.disagreement for r in sorted_rows] == sorted(
        (r.disagreement for r in sorted_rows), reverse=True
    )


def test_a_team_with_gaps_is_incomplete_with_what_is_missing() -> None:
    a = _worked()
    gappy = a.model_copy(deep=True)
    del gappy.answers["risk_appetite"]
    del gappy.answers["clinical_benefit"]
    c = compare([("A", a, ""), ("Gaps", gappy, "")], LOADED)
    team = c.teams[1]
    assert not team.complete and team.assessment is None
    assert team.missing == ("clinical_benefit", "risk_appetite")
    assert c.missing_text(team) == [
        RB.questions_by_id["clinical_benefit"].text,
        RB.questions_by_id["risk_appetite"].text,
    ]
    # factors it answered in full are still rated; the board (one gap) is not
    assert "board" not in team.ratings
    assert team.ratings["stability"] == c.teams[0].ratings["stability"]
    stance = c.rows[0]
    assert stance.keys[1] is None and stance.values[1] is None
    gap_row = next(r for r in c.rows if r.id == "risk_appetite")
    assert gap_row.agreed and gap_row.unanswered == 1


def test_a_team_that_answered_nothing_is_still_shown() -> None:
    blank = find_scenario("community-beds-offer").start(blank=True)
    c = compare([("A", _worked(), ""), ("Empty", blank, "")], LOADED)
    assert len(c.teams[1].missing) == len(RB.all_questions())
    assert c.teams[1].ratings == {}
    assert "Empty is incomplete" in to_text(c)


def test_the_unanswered_questions_are_said_in_a_line_a_reader_can_take_in() -> None:
    """qa F4: two blank teams' 22 unanswered questions each, run together on one line,
    were a wall of text before the summary. A team that answered nothing says so; one
    with many gaps names the first three and counts the rest; a few are all named."""
    blank = find_scenario("community-beds-offer").start(blank=True)
    worked = _worked()
    partial = _with(blank, **{q: worked.answers[q] for q in list(worked.answers)[:15]})
    few = worked.model_copy(deep=True)
    for qid in ("cqc_rating", "ned_session"):
        few.answers.pop(qid)
    c = compare([("A", blank, ""), ("B", partial, ""), ("C", few, "")], LOADED)
    lines = {line.split(" is incomplete: ")[0]: line for line in to_text(c).splitlines()}
    asked = len(RB.all_questions())
    assert lines["A"] == f"A is incomplete: no question answered yet (all {asked} to answer)"
    gaps = c.missing_text(c.teams[1])
    assert len(gaps) == asked - 15 > 4
    assert lines["B"] == (
        f"B is incomplete: {len(gaps)} questions unanswered: {'; '.join(gaps[:3])}; and "
        f"{len(gaps) - 3} more"
    )
    assert lines["C"] == "C is incomplete: 2 questions unanswered: " + "; ".join(
        c.missing_text(c.teams[2])
    )
    assert all(len(line) < 300 for line in lines.values())


def test_different_decisions_are_warned_about() -> None:
    c = compare(
        [
            ("A", _worked(), "a.yaml"),
            ("B", _worked(), "b.yaml"),
            ("C", _worked("hyperacute-stroke"), "c.yaml"),
        ],
        LOADED,
    )
    (warning,) = [w for w in c.warnings if "different decisions" in w]
    assert "“Offer 20 community beds to the acute trust over winter” (A, B)" in warning
    assert "“Consolidate hyperacute stroke care at Rivermead” (C)" in warning


def test_anonymous_warnings_name_no_team() -> None:
    """The warning named the teams ('… (Red, Blue)') on the projector, the debrief and in
    the JSON even when they were shown anonymously."""
    c = compare(
        [
            ("Red", _worked(), "red.yaml"),
            ("Blue", _worked("hyperacute-stroke"), "blue.yaml"),
        ],
        LOADED,
    )
    (named,) = c.warnings_for(False)
    assert "(Red)" in named and "(Blue)" in named
    (hidden,) = c.warnings_for(True)
    assert "(Team 1)" in hidden and "(Team 2)" in hidden
    assert "Red" not in hidden and "Blue" not in hidden
    assert to_json(c, anonymous=True)["warnings"] == [hidden]
    assert to_json(c)["warnings"] == [named] == list(c.warnings)


def test_titles_that_differ_only_in_case_and_spacing_are_one_decision() -> None:
    a = _worked()
    b = a.model_copy(deep=True)
    b.framing.title = "  offer 20 community beds to the acute  trust over winter "
    assert compare([("A", a, ""), ("B", b, "")], LOADED).warnings == ()


def test_another_rulebook_version_is_noted_and_answers_kept() -> None:
    a = _worked()
    old = a.model_copy(deep=True)
    old.rulebook.version = "0.9.0"
    c = compare([("A", a, ""), ("Old", old, "")], LOADED)
    assert any(w.startswith("Old: This decision was made with version 0.9.0") for w in c.warnings)
    assert c.teams[1].complete


def test_repeated_names_are_told_apart_and_anonymous_names_hide_them() -> None:
    assert unique_names(["a", "A", "b", "a"]) == ["a", "A (2)", "b", "a (3)"]
    c = compare([("x", _worked(), ""), ("x", _worked(), "")], LOADED)
    assert c.names() == ["x", "x (2)"]
    assert c.names(anonymous=True) == ["Team 1", "Team 2"]


@pytest.mark.parametrize("qid", ["direction", "clinical_benefit", "absorb_cost"])
def test_why_it_matters_has_the_factor_case_help_and_sources(qid: str) -> None:
    c = compare([("A", _worked(), ""), ("B", _worked(), "")], LOADED)
    row = next(r for r in c.rows if r.id == qid)
    why = why_it_matters(RB, row)
    question = RB.questions_by_id[qid]
    assert why.help == " ".join((question.help or "").split())
    assert why.why and why.citations
    assert all(
        text.startswith(("Gordon 2021", "SCIE 2021", "NHS", "GGI")) for text in why.citations
    )


def test_json_keeps_the_documented_keys_and_adds_gaps() -> None:
    a = _worked()
    gappy = a.model_copy(deep=True)
    del gappy.answers["cqc_rating"]
    data = to_json(compare([("A", a, "a.yaml"), ("B", gappy, "b.yaml")], LOADED))
    team = data["teams"][1]
    assert {"name", "title", "stance", "stance_rank"} <= set(team)
    assert team["complete"] is False and team["stance"] is None
    assert team["missing"] == [{"id": "cqc_rating", "text": RB.questions_by_id["cqc_rating"].text}]
    row = next(r for r in data["rows"] if r["id"] == "cqc_rating")
    assert {"kind", "id", "text", "values", "agreed"} <= set(row)
    assert row["values"][1] is None and row["answers"][1] is None
    assert data["schema_version"] == 1 and isinstance(data["disagreements"], int)


def test_only_differences_keeps_the_differing_rows(example_path: Path) -> None:
    a = _worked()
    c = compare([("A", a, ""), ("B", _with(a, credibility="low"), "")], LOADED)
    rows = to_json(c, only_differences=True)["rows"]
    assert rows and all(not r["agreed"] for r in rows)
    assert "credibility" in [r["id"] for r in rows]
    text = to_text(c, only_differences=True)
    assert "How much credibility" in text and "Which way does this decision lean" not in text


def test_the_text_leads_with_the_widest_disagreements_as_the_projector_does() -> None:
    """`syslead compare` printed the questions in the rulebook's order, so a question the
    room was split on from end to end could come twentieth; the projected comparison
    leads with it. The text now follows the projector: the recommendation and the
    ratings, then the questions widest first. The JSON keeps the rulebook's order."""
    a = _worked()
    benefit = [o.id for o in RB.questions_by_id["clinical_benefit"].options]
    briefed = [o.id for o in RB.questions_by_id["regulator_briefed"].options]
    near = benefit[benefit.index(a.answers["clinical_benefit"]) ^ 1]  # one step along
    far = briefed[0] if briefed.index(a.answers["regulator_briefed"]) else briefed[-1]
    c = compare(
        [("A", a, ""), ("B", _with(a, clinical_benefit=near, regulator_briefed=far), "")], LOADED
    )
    order = [r.id for r in c.rows]
    assert order.index("clinical_benefit") < order.index("regulator_briefed"), "rulebook order"
    widest = c.by_disagreement(c.questions())
    assert [r.id for r in widest[:2]] == ["regulator_briefed", "clinical_benefit"]
    summary = [r for r in c.rows if r.kind != "question"]
    assert c.for_discussion() == [*summary, *widest]

    for only in (False, True):
        shown = [r for r in c.for_discussion() if not (only and r.agreed)]
        lines = to_text(c, only_differences=only).splitlines()
        heading = lines.index("Questions, widest disagreement first:")
        rows = [
            (n, line[2:].split("  (spread ")[0])
            for n, line in enumerate(lines)
            if line[:1] in (" ", "≠") and line[1:2] == " " and line[2:3] not in (" ", "")
        ]
        assert [text for _n, text in rows] == [r.text for r in shown]
        first = next(n for (n, _t), r in zip(rows, shown, strict=True) if r.kind == "question")
        summed = [n for (n, _t), r in zip(rows, shown, strict=True) if r.kind != "question"]
        assert all(n < heading for n in summed) and heading < first, "questions under a heading"
        assert [r["id"] for r in to_json(c, only_differences=only)["rows"]] == [
            r.id for r in c.rows if not (only and r.agreed)
        ], "the JSON keeps the rulebook's order"
