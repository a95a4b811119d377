"""The practice library: the shipped scenarios list cleanly, each starts blank (framing
only) or worked, carries facilitator notes cited to places its source lists, and the
library covers both directions and every recommendation the rulebook can give."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest

from syslead_desktop.domain.decision import BoardPaper, Decision
from syslead_desktop.engine.evaluate import missing_answers
from syslead_desktop.errors import SysLeadError
from syslead_desktop.locations import practice_dir
from syslead_desktop.services.decision_file import (
    decision_from_text,
    decision_to_text,
    load_decision,
)
from syslead_desktop.services.practice import (
    blank_scenario,
    find_scenario,
    first_sentence,
    library,
    list_scenarios,
    load_scenario,
)
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision

ROOT = Path(__file__).resolve().parents[2]
PRACTICE = ROOT / "examples" / "practice"
SCENARIOS = library(PRACTICE)


def test_the_shipped_scenarios_are_listed_by_title() -> None:
    scenarios, problems = list_scenarios()
    assert problems == []
    assert len(scenarios) == len(list(practice_dir().glob("*.syslead.yaml"))) >= 5
    titles = [s.title for s in scenarios]
    assert titles == sorted(titles, key=str.casefold)
    assert all(s.summary and len(s.summary) <= 220 for s in scenarios)


def test_a_blank_scenario_keeps_the_framing_and_nothing_else() -> None:
    for scenario in list_scenarios()[0]:
        worked = load_decision(scenario.path)
        assert worked.answers, "the worked example has answers"
        blank = blank_scenario(worked, today=dt.date(2027, 3, 1))
        assert blank.framing == worked.framing
        assert blank.rulebook == worked.rulebook
        assert blank.answers == {} and blank.notes == {}
        assert blank.board_paper == BoardPaper()
        assert blank.status == "draft"
        assert blank.created == blank.updated == dt.date(2027, 3, 1)
        assert decision_from_text(decision_to_text(blank)) == blank, "it is a valid file"
        assert worked == load_decision(scenario.path), "the worked example is untouched"


def test_a_damaged_scenario_is_reported_and_the_others_listed(tmp_path: Path) -> None:
    good = next(iter(practice_dir().glob("*.syslead.yaml")))
    (tmp_path / good.name).write_bytes(good.read_bytes())
    (tmp_path / "broken.syslead.yaml").write_text("schema_version: [1]\n", encoding="utf-8")
    scenarios, problems = list_scenarios(tmp_path)
    assert [s.path.name for s in scenarios] == [good.name]
    assert len(problems) == 1 and "broken.syslead.yaml" in problems[0]
    assert list_scenarios(tmp_path / "nowhere") == ([], [])


def test_first_sentence() -> None:
    assert first_sentence("One thing. Then  another.") == "One thing."
    assert first_sentence("No full stop") == "No full stop"
    assert first_sentence("x" * 300).endswith("…") and len(first_sentence("x" * 300)) == 220


def test_blank_is_qt_free_and_takes_any_decision() -> None:
    decision = Decision.model_validate({"rulebook": {"id": "r", "version": "1"}})
    assert blank_scenario(decision).answers == {}


def test_the_shipped_library_is_the_examples_folder() -> None:
    assert practice_dir() == PRACTICE
    assert [s.id for s in library()] == [s.id for s in SCENARIOS]
    # every decision file has its notes and every notes file its decision
    decisions = {p.name.removesuffix(".syslead.yaml") for p in PRACTICE.glob("*.syslead.yaml")}
    notes = {p.name.removesuffix(".notes.yaml") for p in PRACTICE.glob("*.notes.yaml")}
    assert decisions == notes == {s.id for s in SCENARIOS}


def test_the_library_covers_both_directions_and_every_recommendation() -> None:
    """Assess each worked scenario: every (direction, recommendation) pair the rulebook
    offers is reached by at least one."""
    loaded = load_rulebook()
    rulebook = loaded.rulebook
    reached = set()
    for scenario in SCENARIOS:
        assessed = assess_decision(scenario.worked, loaded, str(scenario.path))
        assert assessed.notices == ()
        reached.add((scenario.direction, assessed.assessment.stance))
    directions = rulebook.questions_by_id["direction"].option_ids()
    wanted = set(itertools.product(directions, rulebook.stance_ids()))
    assert reached >= wanted, sorted(wanted - reached)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_notes_teach_prompt_and_cite_places_that_exist(scenario) -> None:  # type: ignore[no-untyped-def]
    rulebook = load_rulebook().rulebook
    notes = scenario.notes
    assert len(notes.teaches.split()) >= 15
    assert 2 <= len(notes.prompts) <= 3
    assert all(p.rstrip().endswith("?") for p in notes.prompts)
    assert notes.evidence
    for point in notes.evidence:
        for cite in point.cite:
            source = rulebook.source(cite.source)
            assert cite.locator in source.locators, (scenario.id, cite.locator)


def test_every_kind_of_decision_is_told_apart() -> None:
    kinds = [s.notes.kind for s in SCENARIOS]
    assert len(set(kinds)) == len(kinds)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_blank_keeps_the_framing_and_nothing_else(scenario) -> None:  # type: ignore[no-untyped-def]
    day = dt.date(2027, 3, 1)
    blank = scenario.start(blank=True, today=day)
    assert blank.framing == scenario.worked.framing
    assert blank.rulebook.id == scenario.worked.rulebook.id
    assert blank.answers == {} and blank.notes == {}
    assert blank.board_paper == BoardPaper()
    assert blank.status == "draft" and blank.created == blank.updated == day
    rulebook = load_rulebook().rulebook
    assert missing_answers(rulebook, blank.answers) == [q.id for q in rulebook.all_questions()]


def test_worked_is_the_example_as_written_and_a_copy() -> None:
    scenario = SCENARIOS[0]
    worked = scenario.start(blank=False)
    assert worked == scenario.worked and worked is not scenario.worked
    before = dict(scenario.worked.answers)
    worked.answers.clear()
    worked.framing.title = "changed"
    assert scenario.worked.answers == before and scenario.worked.framing.title != "changed"
    assert load_scenario(scenario.path).worked == scenario.worked


def test_find_by_id_or_path_and_unknown_names_the_choices() -> None:
    assert find_scenario("hyperacute-stroke").id == "hyperacute-stroke"
    path = PRACTICE / "hyperacute-stroke.syslead.yaml"
    assert find_scenario(str(path)).path == path
    with pytest.raises(SysLeadError) as error:
        find_scenario("no-such-thing")
    message = str(error.value)
    assert "no practice scenario 'no-such-thing'" in message and "hyperacute-stroke" in message


def _copy(tmp_path: Path, ident: str) -> Path:
    for suffix in (".syslead.yaml", ".notes.yaml"):
        (tmp_path / f"{ident}{suffix}").write_text(
            (PRACTICE / f"{ident}{suffix}").read_text(encoding="utf-8"), encoding="utf-8"
        )
    return tmp_path / f"{ident}.syslead.yaml"


def test_notes_with_an_unknown_key_are_refused_in_one_line(tmp_path: Path) -> None:
    path = _copy(tmp_path, "hyperacute-stroke")
    notes = path.with_name("hyperacute-stroke.notes.yaml")
    notes.write_text(notes.read_text(encoding="utf-8") + "answers: none\n", encoding="utf-8")
    with pytest.raises(SysLeadError) as error:
        library(tmp_path)
    message = str(error.value)
    assert message.startswith(str(notes)) and "answers: unknown key" in message
    assert "\n" not in message


def test_notes_need_two_or_three_prompts(tmp_path: Path) -> None:
    path = _copy(tmp_path, "hyperacute-stroke")
    notes = path.with_name("hyperacute-stroke.notes.yaml")
    text = notes.read_text(encoding="utf-8")
    start = text.index("prompts:")
    end = text.index("evidence:")
    notes.write_text(text[:start] + "prompts:\n  - Only one?\n" + text[end:], encoding="utf-8")
    with pytest.raises(SysLeadError, match="prompts"):
        load_scenario(path)


def test_a_scenario_without_notes_is_refused(tmp_path: Path) -> None:
    path = _copy(tmp_path, "hyperacute-stroke")
    path.with_name("hyperacute-stroke.notes.yaml").unlink()
    with pytest.raises(SysLeadError, match="no facilitator notes"):
        load_scenario(path)


def test_docs_list_every_scenario_with_its_worked_recommendation() -> None:
    """docs/practice.md's table says what each worked example recommends today."""
    loaded = load_rulebook()
    table = (ROOT / "docs" / "practice.md").read_text(encoding="utf-8")
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = (cells[2], cells[3])
    assert set(rows) == {s.id for s in SCENARIOS}
    for scenario in SCENARIOS:
        stance = assess_decision(scenario.worked, loaded, str(scenario.path)).assessment
        direction = (scenario.direction or "").replace("_", " ")
        assert rows[scenario.id] == (direction, stance.stance_label), scenario.id


def test_the_readme_counts_the_practice_scenarios_right() -> None:
    """The README's quick start says how many scenarios there are: it said ten when the
    library held eleven."""
    words = "no one two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    said = re.search(r"(\w+) practice\s+scenarios for workshops", readme)
    assert said is not None
    assert said.group(1).lower() == words[len(SCENARIOS)]
