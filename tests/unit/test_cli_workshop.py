"""The facilitator's commands, run as a facilitator's script would run them: practice
list and new, workshop new, export and import, and compare with gaps, warnings and --pdf."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from syslead_desktop.services.decision_file import load_decision, save_decision
from syslead_desktop.services.practice import find_scenario
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision, render_assessed
from syslead_desktop.services.workshop import load_workshop, save_workshop

from ..cli_runner import syslead

PRACTICE = Path(__file__).resolve().parents[2] / "examples" / "practice"


def _one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("syslead: error: "), result.stderr
    return str(lines[0])


def test_practice_list_json_gives_every_scenario_with_its_notes() -> None:
    result = syslead("practice", "list", "--json")
    assert result.returncode == 0, result.stderr
    scenarios = json.loads(result.stdout)["scenarios"]
    ids = [s["id"] for s in scenarios]
    assert ids == sorted(
        p.name.removesuffix(".syslead.yaml") for p in PRACTICE.glob("*.syslead.yaml")
    )
    first = scenarios[0]
    assert set(first) >= {"id", "title", "file", "direction", "kind", "stance", "stance_label"}
    assert 2 <= len(first["prompts"]) <= 3
    assert first["evidence"][0]["citations"][0]["text"].startswith(("Gordon 2021", "SCIE 2021"))


def test_practice_list_text_names_each_scenario() -> None:
    result = syslead("practice", "list")
    assert result.returncode == 0
    assert "community-beds-offer" in result.stdout and "trust first" in result.stdout


def test_practice_new_blank_writes_framing_only(tmp_path: Path) -> None:
    out = tmp_path / "team.syslead.yaml"
    result = syslead("practice", "new", "community-beds-offer", "--blank", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "blank (framing only)" in result.stderr
    decision = load_decision(out)
    scenario = find_scenario("community-beds-offer")
    assert decision.framing == scenario.worked.framing and decision.answers == {}


def test_practice_new_worked_writes_the_example(tmp_path: Path) -> None:
    out = tmp_path / "worked.syslead.yaml"
    assert syslead("practice", "new", "hyperacute-stroke", "-o", str(out), "-q").returncode == 0
    assert load_decision(out).answers == find_scenario("hyperacute-stroke").worked.answers


def test_practice_new_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "team.syslead.yaml"
    out.write_text("keep me", encoding="utf-8")
    line = _one_line_error(syslead("practice", "new", "hyperacute-stroke", "-o", str(out)))
    assert "already exists (use --force" in line and out.read_text() == "keep me"
    assert (
        syslead("practice", "new", "hyperacute-stroke", "-o", str(out), "--force").returncode == 0
    )
    scenario = PRACTICE / "hyperacute-stroke.syslead.yaml"
    line = _one_line_error(
        syslead("practice", "new", str(scenario), "-o", str(scenario), "--force")
    )
    assert "is the file being read" in line


def test_practice_new_unknown_scenario_is_one_line() -> None:
    line = _one_line_error(syslead("practice", "new", "nope", "-o", "x.yaml"))
    assert "no practice scenario 'nope'" in line


def test_practice_without_a_command_shows_usage() -> None:
    result = syslead("practice")
    assert result.returncode == 2 and "usage:" in result.stderr


# ---- compare ------------------------------------------------------------------------------
def _team_files(tmp_path: Path) -> list[Path]:
    worked = find_scenario("community-beds-offer").worked
    a = tmp_path / "team-a.syslead.yaml"
    save_decision(a, worked)
    b_decision = worked.model_copy(deep=True)
    b_decision.answers.update(cost_to_trust="moderate", absorb_cost="with_difficulty")
    b = tmp_path / "team-b.syslead.yaml"
    save_decision(b, b_decision)
    c_decision = worked.model_copy(deep=True)
    del c_decision.answers["cqc_rating"]
    c = tmp_path / "team-c.syslead.yaml"
    save_decision(c, c_decision)
    return [a, b, c]


def test_compare_tolerates_a_team_with_gaps(tmp_path: Path) -> None:
    files = _team_files(tmp_path)
    result = syslead("compare", *map(str, files), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [t["name"] for t in data["teams"]] == ["team-a", "team-b", "team-c"]
    gap = data["teams"][2]
    assert gap["complete"] is False and gap["stance"] is None
    assert [m["id"] for m in gap["missing"]] == ["cqc_rating"]
    assert data["warnings"] == []
    text = syslead("compare", *map(str, files), "--differences")
    assert text.returncode == 0
    assert (
        "team-c is incomplete: 1 question unanswered: What is the trust's overall CQC"
        in text.stdout
    )
    assert "Incomplete: 1 unanswered" in text.stdout
    assert "How large is the cost to the trust" in text.stdout
    assert "Which way does this decision lean" not in text.stdout


def test_compare_json_is_exactly_as_documented(tmp_path: Path) -> None:
    """Every key docs/cli.md's two tables name is in the output, and no other: the top
    level (with the rulebook's and each team's keys, a team with gaps too) and each row."""
    from .test_follow_up_json import check, documented

    rows_table = documented("Each row is the recommendation")
    both = documented("### `syslead compare FILE FILE… --json`")
    top_table = {k: v for k, v in both.items() if k not in rows_table}
    result = syslead("compare", *map(str, _team_files(tmp_path)), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    check(data, top_table, "compare")
    for team in data["teams"]:  # complete and incomplete alike
        assert set(team) == top_table["teams"], team["name"]
    assert data["teams"][2]["missing"] and set(data["teams"][2]["missing"][0]) == {"id", "text"}
    assert {row["kind"] for row in data["rows"]} == {"stance", "question", "rating"}
    for row in data["rows"]:
        check(row, rows_table, f"row {row['id']}")
    differing = [r["id"] for r in data["rows"] if not r["agreed"]]
    assert data["disagreements"] == len(differing)
    assert set(data["largest_disagreements"]) <= set(differing)


def test_compare_warns_when_the_files_are_about_different_decisions(tmp_path: Path) -> None:
    files = _team_files(tmp_path)
    result = syslead(
        "compare", str(files[0]), str(PRACTICE / "hyperacute-stroke.syslead.yaml"), "--json"
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("warning: the teams answered different decisions:")
    assert json.loads(result.stdout)["warnings"][0].startswith("the teams answered different")


def test_compare_anonymous_warns_without_naming_the_teams(tmp_path: Path) -> None:
    files = _team_files(tmp_path)
    stroke = str(PRACTICE / "hyperacute-stroke.syslead.yaml")
    result = syslead("compare", str(files[0]), stroke, "--json", "--anonymous")
    assert result.returncode == 0, result.stderr
    assert "(Team 1)" in result.stderr and "(Team 2)" in result.stderr
    assert "team-a" not in result.stderr and "hyperacute-stroke" not in result.stderr
    assert json.loads(result.stdout)["warnings"] == [
        result.stderr.strip().removeprefix("warning: ")
    ]


def test_compare_reads_board_papers_and_workshops(tmp_path: Path) -> None:
    files = _team_files(tmp_path)
    paper = tmp_path / "team-d.pdf"
    decision = load_decision(files[1])
    paper.write_bytes(render_assessed(assess_decision(decision, load_rulebook())))
    result = syslead(
        "workshop",
        "new",
        "community-beds-offer",
        "--team",
        "Red",
        "--team",
        "Blue",
        "-o",
        str(tmp_path / "w.workshop.yaml"),
        "-q",
    )
    assert result.returncode == 0, result.stderr
    result = syslead("compare", str(tmp_path / "w.workshop.yaml"), str(paper), "--json")
    assert result.returncode == 0, result.stderr
    teams = json.loads(result.stdout)["teams"]
    assert [t["name"] for t in teams] == ["Red", "Blue", "team-d"]
    assert teams[2]["stance"] is not None and not teams[0]["complete"]


def test_compare_needs_two_teams(tmp_path: Path) -> None:
    files = _team_files(tmp_path)
    line = _one_line_error(syslead("compare", str(files[0])))
    assert "at least two teams" in line


def test_compare_bad_file_is_one_line(tmp_path: Path) -> None:
    files = _team_files(tmp_path)
    bad = tmp_path / "bad.syslead.yaml"
    bad.write_text("schema_version: 1\nrulebook: {id: syslead-core, version: 1.0.0}\nanswer: {}\n")
    line = _one_line_error(syslead("compare", str(files[0]), str(bad)))
    assert str(bad) in line and "answer: unknown key" in line


def test_compare_pdf_never_overwrites_an_input(tmp_path: Path) -> None:
    files = _team_files(tmp_path)
    before = files[0].read_bytes()
    line = _one_line_error(syslead("compare", *map(str, files), "--pdf", str(files[0]), "--force"))
    assert "is the file being read" in line and files[0].read_bytes() == before


def test_compare_pdf_writes_the_debrief(tmp_path: Path) -> None:
    files = _team_files(tmp_path)
    out = tmp_path / "debrief.pdf"
    result = syslead("compare", *map(str, files), "--pdf", str(out), "--anonymous")
    assert result.returncode == 0, result.stderr
    assert f"Wrote {out}" in result.stderr
    assert "[1] Team 1" in result.stdout and "team-a" not in result.stdout
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Workshop debrief" in text and "Where the teams disagreed most" in text
    assert "Team 1" in text and "team-a" not in text
    # the scenario is recognised by its title, so its facilitator's prompts are there
    prompt = find_scenario("community-beds-offer").notes.prompts[0]
    assert " ".join(prompt.split()[:6]) in " ".join(text.split())


# ---- workshop -----------------------------------------------------------------------------
def test_workshop_new_export_import_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "beds.workshop.yaml"
    result = syslead(
        "workshop",
        "new",
        "community-beds-offer",
        "--team",
        "Team A",
        "--team",
        "Team B",
        "--title",
        "Board away day",
        "-o",
        str(path),
    )
    assert result.returncode == 0, result.stderr
    workshop = load_workshop(path)
    assert workshop.title == "Board away day" and [t.name for t in workshop.teams] == [
        "Team A",
        "Team B",
    ]
    usb = tmp_path / "usb"
    usb.mkdir()
    assert syslead("workshop", "export", str(path), str(usb), "-q").returncode == 0
    team_b = usb / "team-b.syslead.yaml"
    decision = load_decision(team_b)
    decision.answers.update(find_scenario("community-beds-offer").worked.answers)
    save_decision(team_b, decision)
    (usb / "team-a.syslead.yaml").unlink()
    (usb / "junk.syslead.yaml").write_text("- not a mapping\n", encoding="utf-8")
    result = syslead("workshop", "import", str(path), str(usb), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["updated"] == ["Team B"] and report["added"] == []
    assert report["skipped"][0]["file"] == "junk.syslead.yaml"
    assert load_workshop(path).team("Team B").answers == decision.answers
    text = syslead("workshop", "import", str(path), str(usb))
    assert "Updated 1, skipped 1 file." in text.stdout and "skipped junk" in text.stderr


def test_workshop_new_needs_teams(tmp_path: Path) -> None:
    line = _one_line_error(
        syslead("workshop", "new", "hyperacute-stroke", "-o", str(tmp_path / "w.workshop.yaml"))
    )
    assert "--team" in line


def test_workshop_import_leaves_the_file_alone_when_nothing_came_in(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop.yaml"
    save_workshop(path, load_workshop_from_cli(tmp_path))
    before = path.read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = syslead("workshop", "import", str(path), str(empty))
    assert result.returncode == 0 and "Found no team files." in result.stdout
    assert path.read_bytes() == before


def load_workshop_from_cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "made.workshop.yaml"
    syslead("workshop", "new", "hyperacute-stroke", "--team", "X", "--team", "Y", "-o", str(path))
    return load_workshop(path)
