"""Practice scenarios: the shipped ones list cleanly, and a blank one is framing only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from syslead_desktop.domain.decision import BoardPaper, Decision
from syslead_desktop.locations import practice_dir
from syslead_desktop.services.decision_file import (
    decision_from_text,
    decision_to_text,
    load_decision,
)
from syslead_desktop.services.practice import blank_scenario, first_sentence, list_scenarios


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
