"""The workshop file: created from a scenario with named teams, each team's answers kept
apart, validated like every file we read, and teams' files imported from a folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from syslead_desktop.domain.workshop import team_key
from syslead_desktop.errors import SysLeadError
from syslead_desktop.services.decision_file import load_decision, save_decision
from syslead_desktop.services.practice import find_scenario
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision, render_assessed
from syslead_desktop.services.workshop import (
    add_team,
    compare_workshop,
    export_team_files,
    import_folder,
    load_workshop,
    new_workshop,
    rename_team,
    save_workshop,
    team_files,
    teams_from_files,
)

DAY = dt.date(2027, 3, 1)
SCENARIO = find_scenario("community-beds-offer")
TEAMS = ["Team A", "Team B", "Team C"]


def _workshop():  # type: ignore[no-untyped-def]
    return new_workshop(SCENARIO, TEAMS, today=DAY)


def test_a_blank_workshop_has_the_framing_and_empty_teams() -> None:
    w = _workshop()
    assert w.title == SCENARIO.title and w.scenario == SCENARIO.id and w.blank
    assert w.framing == SCENARIO.worked.framing
    assert [t.name for t in w.teams] == TEAMS
    assert all(t.answers == {} for t in w.teams)
    decision = w.decision_of(w.teams[0])
    assert decision.framing == w.framing and decision.answers == {}


def test_a_worked_workshop_starts_each_team_from_the_example() -> None:
    w = new_workshop(SCENARIO, ["Red", "Blue"], blank=False, today=DAY)
    assert not w.blank
    assert all(t.answers == SCENARIO.worked.answers for t in w.teams)
    w.teams[0].answers["credibility"] = "low"
    assert w.teams[1].answers["credibility"] == "high"  # each team's own copy


def _saved_with_answers(tmp_path: Path, direction: str):  # type: ignore[no-untyped-def]
    """A workshop saved with Team A's answers the worked example's, Team B's one answer."""
    w = _workshop()
    w.teams[0].answers.update(SCENARIO.worked.answers)
    w.teams[1].answers["direction"] = direction
    path = tmp_path / "beds.workshop.yaml"
    save_workshop(path, w, today=DAY)
    return w, path


def test_teams_answers_are_kept_apart_through_a_save(tmp_path: Path) -> None:
    w, path = _saved_with_answers(tmp_path, "trust_first")
    again = load_workshop(path)
    assert again == w
    assert again.teams[1].answers == {"direction": "trust_first"}
    assert again.teams[2].answers == {}
    assert path.read_text(encoding="utf-8").startswith("# SysLead Desktop workshop file.")


def test_team_names_must_be_new_and_are_matched_loosely() -> None:
    w = _workshop()
    assert team_key("Team A") == team_key("team-a") == team_key(" TEAM  a ")
    with pytest.raises(SysLeadError, match="already a team called 'team a'"):
        add_team(w, "team a")
    with pytest.raises(SysLeadError, match="needs a name"):
        add_team(w, "   ")
    with pytest.raises(SysLeadError, match="already a team called 'Team B'"):
        rename_team(w, w.teams[0], "team-b")
    rename_team(w, w.teams[0], "  Red   team ")
    assert w.teams[0].name == "Red team"
    assert w.team("red-team") is w.teams[0]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t + "facilitator: me\n", "facilitator: unknown key"),
        (lambda t: t.replace("schema_version: 1", "schema_version: 7"), "schema_version"),
        (lambda t: t.replace("- name: Team B", "- name: Team A"), "two teams are called"),
        (lambda t: t.replace("  answers: {}", "  answers: {direction: Sideways}", 1), "answers"),
    ],
)
def test_a_bad_workshop_file_is_refused_in_one_line(tmp_path: Path, edit, expected) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.workshop.yaml"
    save_workshop(path, _workshop())
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(SysLeadError) as error:
        load_workshop(path)
    message = str(error.value)
    assert message.startswith(f"{path}:") and expected in message and "\n" not in message


def test_duplicate_keys_in_a_workshop_file_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop.yaml"
    save_workshop(path, _workshop())
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("anonymous: false", "anonymous: false\nanonymous: true"), "utf-8")
    with pytest.raises(SysLeadError) as error:
        load_workshop(path)
    assert "anonymous: given twice" in str(error.value)


# ---- import and export --------------------------------------------------------------------
def _answered(**changes: str):  # type: ignore[no-untyped-def]
    decision = SCENARIO.start(blank=False)
    decision.answers.update(changes)
    return decision


def test_import_from_a_folder_fills_the_named_teams_and_adds_others(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    (usb / "room 2").mkdir(parents=True)
    save_decision(usb / "team-a.syslead.yaml", _answered())
    save_decision(usb / "room 2" / "Team C.syslead.yaml", _answered(credibility="low"))
    assessed = assess_decision(_answered(cost_to_trust="moderate"), load_rulebook())
    (usb / "latecomers.pdf").write_bytes(render_assessed(assessed))
    (usb / "broken.syslead.yaml").write_text("schema_version: 1\nframing: [\n", "utf-8")
    (usb / ".hidden.syslead.yaml").write_text("not read", "utf-8")
    (usb / "notes.txt").write_text("not a team file", "utf-8")
    w = _workshop()
    report = import_folder(w, usb)
    assert report.updated == ["Team A", "Team C"]
    assert report.added == ["latecomers"]
    assert [f for f, _r in report.skipped] == ["broken.syslead.yaml"]
    assert "not valid YAML" in report.skipped[0][1]
    assert str(usb) not in report.skipped[0][1]  # said once, by the file's name
    assert report.skipped[0][1].startswith("line ")
    assert w.team("Team C").answers["credibility"] == "low"
    assert w.team("latecomers").answers["cost_to_trust"] == "moderate"
    assert w.team("latecomers").source == "latecomers.pdf"
    assert w.team("Team B").answers == {}  # untouched
    assert report.summary() == "Added 1 team, updated 2, skipped 1 file"


def test_an_altered_board_paper_is_skipped_with_its_reason(tmp_path: Path) -> None:
    from .test_pdf_support import tamper

    good = tmp_path / "good.pdf"
    good.write_bytes(render_assessed(assess_decision(_answered(), load_rulebook())))
    usb = tmp_path / "usb"
    usb.mkdir()
    tamper(good, usb / "team-b.pdf")
    report = import_folder(_workshop(), usb)
    assert report.updated == [] and report.skipped[0][0] == "team-b.pdf"
    assert "altered" in report.skipped[0][1]


def test_a_file_about_another_decision_is_kept_with_a_warning(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    save_decision(usb / "team-b.syslead.yaml", find_scenario("hyperacute-stroke").worked)
    w = _workshop()
    report = import_folder(w, usb)
    assert report.updated == ["Team B"]
    assert report.warnings == [
        "team-b.syslead.yaml is about a different decision: "
        "“Consolidate hyperacute stroke care at Rivermead”"
    ]
    assert w.decision_of(w.team("Team B")).framing.title.startswith("Consolidate")
    comparison = compare_workshop(w, load_rulebook())
    assert any("different decisions" in x for x in comparison.warnings)


def test_export_then_import_round_trips_each_team(tmp_path: Path) -> None:
    w = _workshop()
    out = tmp_path / "out"
    out.mkdir()
    written = export_team_files(w, out)
    assert [p.name for p in written] == [f"team-{x}.syslead.yaml" for x in "abc"]
    decision = load_decision(written[1])
    assert decision.framing == w.framing and decision.answers == {}
    decision.answers.update(SCENARIO.worked.answers)
    save_decision(written[1], decision)
    report = import_folder(w, out)
    assert report.updated == TEAMS and report.added == []
    assert w.team("Team B").answers == SCENARIO.worked.answers


def test_team_files_skip_workshops_and_do_not_dig_too_deep(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    save_decision(deep / "too-deep.syslead.yaml", _answered())
    save_decision(tmp_path / "a" / "b" / "ok.syslead.yaml", _answered())
    save_workshop(tmp_path / "w.workshop.yaml", _workshop())
    assert [p.name for p in team_files(tmp_path)] == ["ok.syslead.yaml"]


def test_a_workshop_file_brings_all_its_teams_to_a_comparison(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop.yaml"
    save_workshop(path, _workshop())
    other = tmp_path / "extra.syslead.yaml"
    save_decision(other, _answered())
    teams = teams_from_files([path, other], load_rulebook())
    assert [name for name, _d, _s in teams] == [*TEAMS, "extra"]


def test_a_workshop_file_is_summarised_for_homes_recent_list(tmp_path: Path) -> None:
    from syslead_desktop.services.rulebooks import load_verified_rulebook
    from syslead_desktop.services.summary import WORKSHOP, read_summary

    _w, path = _saved_with_answers(tmp_path, "system_first")
    summary = read_summary(path, load_verified_rulebook(None))
    assert summary.state == "ok" and summary.status == WORKSHOP
    assert summary.title == f"Workshop: {SCENARIO.title}"
    assert summary.progress == "3 teams, 1 finished answering"
    assert summary.updated == DAY
    path.write_text("schema_version: 1\nteams: [\n", encoding="utf-8")
    broken = read_summary(path, load_verified_rulebook(None))
    assert broken.state == "unreadable" and "beds.workshop.yaml" in broken.problem
