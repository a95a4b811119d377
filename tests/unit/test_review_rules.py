"""The review rules and the timings in the rulebook (#16): what a review paper recommends,
and ``rules check`` proving both, one fault at a time, each at its own line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from syslead_desktop.engine.review import every_case, facts_of, review_outcome
from syslead_desktop.engine.verify import verify
from syslead_desktop.errors import SysLeadError
from syslead_desktop.services.rulebook_file import load_rulebook

from .test_verify_support import about, check, line_of, problems, shipped, tiny, write

STANCES = ["do_not_proceed", "defer", "proceed_with_conditions", "proceed"]


def outcome(measures: list[str], actions: list[str], moves: list[str], then: str, now: str) -> str:
    rb = load_rulebook().rulebook
    facts = facts_of(measures, actions, moves, then, now, rb.stance_ids())
    return review_outcome(rb, facts).outcome


def test_the_shipped_review_rules() -> None:
    same = ["same"] * 5
    assert outcome(["met", "met"], ["done", "open"], same, "proceed", "proceed") == "continue"
    assert outcome(["met", "met"], ["done", "overdue"], same, "proceed", "proceed") == "change"
    assert outcome(["met", "partly_met"], ["done"], same, "proceed", "proceed") == "change"
    assert outcome(["not_met", "not_met"], ["done"], same, "proceed", "proceed") == "stop"
    assert outcome(["partly_met", "not_met"], ["done"], same, "proceed", "proceed") == "change"
    assert outcome(["met"], [], ["worse", *same[1:]], "proceed", "proceed") == "change"
    assert outcome(["met"], [], same, "proceed", "do_not_proceed") == "stop"
    assert outcome([], [], same, "proceed", "proceed") == "change", "no measures: change"


def test_rules_check_proves_the_shipped_review_rules() -> None:
    report = verify(load_rulebook())
    review = check(report, "review")
    assert review["ok"] and review["problems"] == []
    assert review["stats"]["outcomes_reachable"] == review["stats"]["outcomes"] == 3
    timings = check(report, "timings")
    assert timings["ok"] and timings["problems"] == []
    assert timings["stats"]["safeguards_dated"] == len(load_rulebook().rulebook.safeguards)
    design = [p for p in check(report, "citations")["problems"] if "review rule" in p["message"]]
    assert design == [], "every review rule says it is the rulebook's own design"


def test_the_shipped_review_rules_claim_no_evidence_for_themselves() -> None:
    """No source followed a decision up, so none says when a board should continue,
    change or stop (docs/rulebook.md, 'Review rules'): each shipped review rule is the
    rulebook's design, citing only where the finding it builds on comes from."""
    review = load_rulebook().rulebook.review
    assert review is not None
    for rule in review.rules:
        assert rule.cite == [] and rule.design is not None, rule.id
        assert rule.design.builds_on.strip() and rule.design.rationale.strip(), rule.id


def test_every_case_covers_every_realisable_count() -> None:
    rb = load_rulebook().rulebook
    cases = list(every_case(rb))
    measures = {tuple(f.measures.values()) for f, _then in cases}
    assert ("none", "none", "none") in measures, "a decision with no measures"
    assert ("all", "none", "none") in measures and ("some", "some", "some") in measures
    assert ("all", "all", "none") not in measures, "no two results can each be all"
    moves = {(f.stance, f.stance_change) for f, _then in cases}
    assert ("do_not_proceed", "down") in moves, "from a higher stance down to the lowest"
    assert ("do_not_proceed", "up") not in moves and ("proceed", "down") not in moves


def _review(data: dict[str, Any]) -> dict[str, Any]:
    data["review"] = {
        "outcomes": [
            {"id": "stop", "label": "Stop", "summary": "s", "board_ask": "stop it"},
            {"id": "go", "label": "Go on", "summary": "s", "board_ask": "go on"},
        ],
        "rules": [
            {
                "id": "V-STOP",
                "when": {"measures": "not_met", "at_least": "some"},
                "outcome": "stop",
                "reason": "missed",
                "cite": [{"source": "src", "locator": "Table 1"}],
            },
            {
                "id": "V-GO",
                "otherwise": True,
                "outcome": "go",
                "reason": "fine",
                "design": {"builds_on": "a finding", "rationale": "why"},
            },
        ],
    }
    data["timings"] = [{"timing": "t", "days": -7}]
    return data


def test_a_tiny_rulebook_with_review_rules_passes(tmp_path: Path) -> None:
    report = verify(load_rulebook(write(tmp_path, _review(tiny()))))
    assert report.ok, report.to_text()
    assert check(report, "review")["problems"] == [] and check(report, "timings")["problems"] == []


def test_a_gap_in_the_review_rules(tmp_path: Path) -> None:
    data = _review(tiny())
    del data["review"]["rules"][1]  # no otherwise: a review with every measure met
    report = verify(load_rulebook(path := write(tmp_path, data)))
    found = about(report, "review", None, "no rule covers")
    assert "measures met" in found["message"] and "otherwise" in found["message"]
    assert found["line"] == line_of(path, "rules:", 2)
    assert not report.ok


def test_review_rules_that_disagree(tmp_path: Path) -> None:
    data = _review(tiny())
    data["review"]["rules"].insert(
        1,
        {
            "id": "V-GO-ANYWAY",
            "when": {"actions": "overdue", "is": "none"},
            "outcome": "go",
            "reason": "r",
            "design": {"builds_on": "b", "rationale": "r"},
        },
    )
    report = verify(load_rulebook(path := write(tmp_path, data)))
    found = about(report, "review", "V-GO-ANYWAY", "where rule V-STOP gives 'stop'")
    assert found["line"] == line_of(path, "id: V-GO-ANYWAY")


def test_unknown_outcomes_and_stances_and_unreachable_ones(tmp_path: Path) -> None:
    data = _review(tiny())
    data["review"]["rules"][0]["outcome"] = "pause"
    report = verify(load_rulebook(write(tmp_path, data)))
    about(report, "review", "V-STOP", "unknown review outcome 'pause'")

    data = _review(tiny())
    data["review"]["rules"][0]["when"] = {"stance": {"is": "maybe"}}
    report = verify(load_rulebook(write(tmp_path, data)))
    about(report, "review", "V-STOP", "unknown stance 'maybe'")

    data = _review(tiny())
    data["review"]["rules"][0]["when"] = {
        "all": [{"measures": "met", "is": "all"}, {"measures": "not_met", "is": "all"}]
    }
    report = verify(load_rulebook(write(tmp_path, data)))
    about(report, "review", "V-STOP", "can never fire")
    about(report, "review", "stop", "can never be reached")


def test_a_review_rule_must_say_what_it_rests_on(tmp_path: Path) -> None:
    data = _review(tiny())
    del data["review"]["rules"][1]["design"]
    report = verify(load_rulebook(path := write(tmp_path, data)))
    found = about(report, "citations", "V-GO", "neither a citation that supports it")
    assert found["line"] == line_of(path, "id: V-GO")


def test_a_review_condition_out_of_its_scale_is_refused_when_read(tmp_path: Path) -> None:
    data = _review(tiny())
    data["review"]["rules"][0]["when"] = {"measures": "not_met", "at_least": "lots"}
    with pytest.raises(SysLeadError, match=r"review\.rules"):
        load_rulebook(write(tmp_path, data))
    data["review"]["rules"][0]["when"] = {"measures": "missed", "is": "some"}
    with pytest.raises(SysLeadError):
        load_rulebook(write(tmp_path, data))


def test_timings_checked(tmp_path: Path) -> None:
    data = _review(tiny())
    data["timings"] = [{"timing": "t", "days": -7}, {"timing": "  T ", "months": 1}]
    report = verify(load_rulebook(write(tmp_path, data)))
    about(report, "timings", None, "is given more than once")

    data["timings"] = [{"timing": "Within a week", "days": 7}]
    report = verify(load_rulebook(write(tmp_path, data)))
    warnings = [p["message"] for p in problems(report, "timings", "warning")]
    assert any("C-ONE: its timing 't' is not under 'timings'" in w for w in warnings)
    assert any("no safeguard has this timing" in w for w in warnings)
    assert report.ok, "warnings only"


def test_the_shipped_rulebook_without_its_review_rules_warns(tmp_path: Path) -> None:
    data = shipped()
    del data["review"]
    report = verify(load_rulebook(write(tmp_path, data)))
    assert report.ok
    [warning] = problems(report, "review", "warning")
    assert "has no review rules" in warning["message"]
