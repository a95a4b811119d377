"""The engine over classes gives exactly what enumerating every combination gives.

``syslead rules check`` and the counterfactual search work over the classes of values
that the rules tell apart (engine/grid.py, engine/tables.py).  The enumerations they
replaced are kept as oracles in tests/oracle/.  Here both are run on random rulebooks
(hypothesis), on the shipped rulebook and on variants of it, and must agree on every
verdict, count, example, gap, conflict, monotonicity step and counterfactual.  (Every
rulebook the verifier tests check goes through the same comparison: see
tests/unit/test_verify_support.py.)
"""

from __future__ import annotations

import copy
import random
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syslead_desktop.domain.assessment import Counterfactuals
from syslead_desktop.domain.rulebook import Rulebook
from syslead_desktop.engine.conditions import EngineError, Scales
from syslead_desktop.engine.counterfactuals import find_counterfactuals
from syslead_desktop.engine.evaluate import assess
from syslead_desktop.engine.loader import LoadedRulebook
from syslead_desktop.engine.verify import verify
from syslead_desktop.engine.verify_report import VerifyReport
from syslead_desktop.services.rulebook_file import load_rulebook
from tests.oracle import verify_by_enumeration
from tests.oracle.counterfactuals import counterfactuals_by_enumeration
from tests.oracle.rulebooks import load, rulebooks, shipped_data

#: A count of the work done, not a finding: the classes examine fewer, larger states.
WORK_COUNTS = {"reachability": ("safeguard_states_examined",)}


def comparable(report: VerifyReport) -> list[dict[str, Any]]:
    """The report's checks without what only measures the work (time, states examined)."""
    checks = copy.deepcopy(report.to_json()["checks"])
    for check in checks:
        for key in WORK_COUNTS.get(check["name"], ()):
            check["stats"].pop(key, None)
    return checks


def assert_same_as_enumeration(loaded: LoadedRulebook, report: VerifyReport | None = None) -> None:
    found = comparable(report or verify(loaded))
    expected = comparable(verify_by_enumeration(loaded))
    assert found == expected


def _outcome(search: Callable[[], Counterfactuals]) -> Counterfactuals | str:
    try:
        return search()
    except EngineError as exc:
        return f"EngineError: {exc}"


def assert_same_counterfactuals(rb: Rulebook, answers: Mapping[str, str]) -> None:
    found = _outcome(lambda: find_counterfactuals(rb, answers, Scales.of(rb)))
    expected = _outcome(lambda: counterfactuals_by_enumeration(rb, answers))
    assert found == expected, answers


def _answers(rb: Rulebook, rng: random.Random) -> dict[str, str]:
    return {q.id: rng.choice(q.option_ids()) for q in rb.all_questions()}


# ---- random rulebooks ---------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rulebooks())
def test_rules_check_gives_what_enumeration_gives(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert_same_as_enumeration(load(Path(folder), data))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rulebooks(), st.randoms(use_true_random=False))
def test_counterfactuals_are_what_enumeration_finds(
    data: dict[str, Any], rng: random.Random
) -> None:
    rb = Rulebook.model_validate(data)
    for _ in range(4):
        assert_same_counterfactuals(rb, _answers(rb, rng))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rulebooks(), st.randoms(use_true_random=False))
def test_a_rulebook_without_gaps_or_clashes_assesses_every_decision(
    data: dict[str, Any], rng: random.Random
) -> None:
    """Never refused: when ``rules check`` finds every table complete and consistent (so
    also when the rulebook passes), every decision is assessed, what would change it too."""
    with tempfile.TemporaryDirectory() as folder:
        loaded = load(Path(folder), data)
        report = verify(loaded)
    sound = {c.name: c.ok for c in report.checks}
    if sound["completeness"] and sound["consistency"]:
        for _ in range(4):
            result = assess(loaded.rulebook, loaded.hash, _answers(loaded.rulebook, rng))
            assert result.stance in loaded.rulebook.stance_ids()


# ---- the shipped rulebook and its variants --------------------------------------------------

LOADED = load_rulebook()
RB = LOADED.rulebook


def test_rules_check_of_the_shipped_rulebook_is_what_enumeration_gives() -> None:
    assert_same_as_enumeration(LOADED)


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False))
def test_counterfactuals_of_the_shipped_rulebook_are_what_enumeration_finds(
    rng: random.Random,
) -> None:
    assert_same_counterfactuals(RB, _answers(RB, rng))


def _variant(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = shipped_data()
    change(data)
    return data


def _fix_some_questions(seed: int) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        rng = random.Random(seed)
        for section in [data["framing"], *data["factors"]]:
            for question in section["questions"]:
                if rng.random() < 0.3:
                    question["counterfactual"] = False

    return change


def _drop_an_otherwise_rule(data: dict[str, Any]) -> None:
    factor = data["factors"][0]
    factor["rules"] = [r for r in factor["rules"] if not r.get("otherwise")]


def _stance_clash(data: dict[str, Any]) -> None:
    rule = copy.deepcopy(data["stance_rules"][-1])
    rule["id"] = "S-CLASH"
    rule["stance"] = data["stances"][0]["id"]
    data["stance_rules"].append(rule)


def _drop_a_stance_rule(data: dict[str, Any]) -> None:
    del data["stance_rules"][2]


def _downward_rule(data: dict[str, Any]) -> None:
    factor = data["factors"][1]
    question = factor["questions"][0]
    best = question["options"][-1]["id"]
    factor["rules"].insert(
        0,
        {
            "id": "R-DOWN",
            "when": {"question": question["id"], "is": best},
            "rating": "weak",
            "reason": "r",
        },
    )


PASSING = {"fixed questions": _fix_some_questions(1), "more": _fix_some_questions(2)}
FAILING = {
    "a gap in a factor": _drop_an_otherwise_rule,
    "a clash in the stance table": _stance_clash,
    "a gap in the stance table": _drop_a_stance_rule,
    "a downward step": _downward_rule,
}
VARIANTS = {**PASSING, **FAILING}


def test_variants_of_the_shipped_rulebook_are_checked_as_enumeration_checks_them(
    tmp_path: Path,
) -> None:
    for name, change in VARIANTS.items():
        loaded = load(tmp_path, _variant(change))
        report = verify(loaded)
        assert report.ok == (name in PASSING), name
        assert_same_as_enumeration(loaded, report)


def test_variants_of_the_shipped_rulebook_search_as_enumeration_searches() -> None:
    rng = random.Random(19)
    for change in VARIANTS.values():
        rb = Rulebook.model_validate(_variant(change))
        for _ in range(8):
            assert_same_counterfactuals(rb, _answers(rb, rng))


def test_a_stance_rule_that_reads_a_factor_question_is_searched_as_before() -> None:
    """Something ``rules check`` faults: the stance then reads the answer as it is."""

    def change(data: dict[str, Any]) -> None:
        rule = data["stance_rules"][0]
        also = {"question": "success_defined", "is": "not_defined"}
        rule["when"] = {
            "any": [
                {"all": [rule["when"], also]},
                {"question": "success_measurable", "is": "not_measurable"},
            ]
        }

    rb = Rulebook.model_validate(_variant(change))
    rng = random.Random(7)
    for _ in range(6):
        assert_same_counterfactuals(rb, _answers(rb, rng))
