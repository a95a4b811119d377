"""Each check catches its fault in a tiny hand-written rulebook, naming the rule and line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .test_verify_support import CITE, about, check, line_of, problems, run, tiny

Mutation = Callable[[dict[str, Any]], object]


def test_gap_lists_the_missing_combinations_with_a_count(tmp_path: Path) -> None:
    data = tiny()
    del data["factors"][0]["rules"][1]  # no fallback: three combinations give nothing
    report, path = run(tmp_path, data)
    found = about(report, "completeness", "f", "3 of 4 combinations give no rating")
    assert "e.g. a=a0, b=b0; a=a0, b=b1; a=a1, b=b0" in found["message"]
    assert found["line"] == line_of(path, "rules:")
    assert check(report, "completeness")["stats"]["gaps"] == 3


def test_reliance_on_an_otherwise_rule_is_a_note_not_an_error(tmp_path: Path) -> None:
    report, path = run(tmp_path, tiny())
    notes = problems(report, "completeness", "info")
    assert [(n["rule"], n["line"]) for n in notes] == [("R-LOW", line_of(path, "id: R-LOW"))]
    assert "3 of 4 combinations" in notes[0]["message"]


def test_conflict_names_the_pair_an_example_and_the_line(tmp_path: Path) -> None:
    data = tiny()
    data["factors"][0]["rules"].append(
        {"id": "R-CLASH", "when": {"question": "a", "is": "a1"}, "rating": "low", "reason": "x"}
    )
    report, path = run(tmp_path, data)
    found = about(report, "consistency", "R-HIGH", "conflicts with rule R-CLASH")
    assert "a=a1, b=b1" in found["message"] and "'high' and 'low'" in found["message"]
    assert found["line"] == line_of(path, "id: R-HIGH")
    assert len(problems(report, "consistency")) == 1


def test_two_otherwise_rules_that_disagree_conflict(tmp_path: Path) -> None:
    data = tiny()
    data["factors"][0]["rules"].append(
        {"id": "R-ELSE", "otherwise": True, "rating": "high", "reason": "x"}
    )
    report, path = run(tmp_path, data)
    found = about(report, "consistency", "R-LOW", "conflicts with rule R-ELSE")
    assert found["line"] == line_of(path, "id: R-LOW")


def test_non_monotone_rule_is_found_and_a_declared_exception_excuses_it(
    tmp_path: Path,
) -> None:
    data = tiny()
    rules = data["factors"][0]["rules"]
    rules[0]["when"] = {"all": [{"question": "a", "is": "a0"}, {"question": "b", "is": "b1"}]}
    report, path = run(tmp_path, data)
    found = about(report, "monotonicity", "R-HIGH", "not monotone in 'a'")
    assert "a=a0, b=b1 gives 'high' (rule R-HIGH)" in found["message"]
    assert "to 'a1' gives the worse 'low' (rule R-LOW)" in found["message"]
    assert found["line"] == line_of(path, "id: R-HIGH")

    rules[0]["monotonicity_exception"] = {"inputs": ["a"], "reason": "deliberate for the test"}
    report, path = run(tmp_path, data)
    assert problems(report, "monotonicity") == []
    assert check(report, "monotonicity")["ok"]
    [note] = problems(report, "monotonicity", "info")
    assert note["rule"] == "R-HIGH" and "deliberate for the test" in note["message"]
    assert note["line"] == line_of(path, "id: R-HIGH")


def test_an_exception_for_a_different_input_does_not_excuse(tmp_path: Path) -> None:
    data = tiny()
    rules = data["factors"][0]["rules"]
    rules[0]["when"] = {"all": [{"question": "a", "is": "a0"}, {"question": "b", "is": "b1"}]}
    rules[0]["monotonicity_exception"] = {"inputs": ["b"], "reason": "the wrong input"}
    report, _ = run(tmp_path, data)
    about(report, "monotonicity", "R-HIGH", "not monotone in 'a'")
    unused = problems(report, "monotonicity", "warning")
    assert [w["rule"] for w in unused] == ["R-HIGH"] and "'b'" in unused[0]["message"]


def test_an_exception_for_a_plain_choice_is_warned_about(tmp_path: Path) -> None:
    data = tiny()
    data["framing"]["questions"][0]["ordered"] = False
    data["stance_rules"][0]["monotonicity_exception"] = {"inputs": ["benefit"], "reason": "r"}
    report, path = run(tmp_path, data)
    assert report.ok
    [warning] = problems(report, "monotonicity", "warning")
    assert warning["rule"] == "S-YES" and "not ordered, so it never applies" in warning["message"]
    assert warning["line"] == line_of(path, "id: S-YES")


def test_stance_table_is_checked_for_monotonicity_in_factor_ratings(tmp_path: Path) -> None:
    data = tiny()
    data["stance_rules"] = [
        {"id": "S-ODD", "when": {"factor": "f", "is": "low"}, "stance": "yes", "reason": "r"},
        {"id": "S-REST", "otherwise": True, "stance": "no", "reason": "r"},
    ]
    report, path = run(tmp_path, data)
    found = about(report, "monotonicity", "S-ODD", "not monotone in 'f'")
    assert found["line"] == line_of(path, "id: S-ODD")
    assert "(stance)" in found["message"]


def _rule(ident: str, when: dict[str, Any], rating: str = "low") -> dict[str, Any]:
    return {"id": ident, "when": when, "rating": rating, "reason": "x", "cite": CITE}


def _safeguard(ident: str, when: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": ident,
        "text": "t",
        "owner": "o",
        "timing": "t",
        "reason": "r",
        "when": when,
        "cite": CITE,
    }


CONTRADICTION = {"all": [{"question": "a", "is": "a0"}, {"question": "a", "is": "a1"}]}


@pytest.mark.parametrize(
    ("mutate", "rule", "expected", "anchor"),
    [
        (
            lambda d: d["ratings"].insert(1, {"id": "mid", "label": "Mid"}),
            "f",
            "rating 'mid' can never be given",
            "rules:",
        ),
        (
            lambda d: d["stances"].insert(
                1, {"id": "maybe", "label": "M", "summary": "s", "board_ask": "b"}
            ),
            "maybe",
            "can never be reached",
            "id: maybe",
        ),
        (
            lambda d: d["factors"][0]["rules"].insert(1, _rule("R-DEAD", CONTRADICTION)),
            "R-DEAD",
            "rule R-DEAD (factor 'f'): can never fire",
            "id: R-DEAD",
        ),
        (
            # S-YES needs f=high; make 'high' impossible to give, so S-YES never fires.
            lambda d: d["factors"][0]["rules"][0].update(when=CONTRADICTION),
            "S-YES",
            "rule S-YES (stance): can never fire",
            "id: S-YES",
        ),
        (
            lambda d: d["safeguards"].append(
                _safeguard(
                    "C-NEVER", {"all": [{"stance": "yes"}, {"question": "benefit", "is": "none"}]}
                )
            ),
            "C-NEVER",
            "safeguard C-NEVER: its condition can never hold",
            "id: C-NEVER",
        ),
        (
            # Each part can hold, but a0 means f=low, and then the stance is never 'yes'.
            lambda d: d["safeguards"].append(
                _safeguard("C-HIDDEN", {"all": [{"stance": "yes"}, {"question": "a", "is": "a0"}]})
            ),
            "C-HIDDEN",
            "its condition can never hold",
            "id: C-HIDDEN",
        ),
    ],
)
def test_unreachable_things_are_found_where_they_are(
    tmp_path: Path, mutate: Mutation, rule: str, expected: str, anchor: str
) -> None:
    data = tiny()
    mutate(data)
    report, path = run(tmp_path, data)
    found = about(report, "reachability", rule, expected)
    assert found["line"] == line_of(path, anchor)


def test_a_safeguard_reachable_only_through_the_stance_is_found_to_apply(
    tmp_path: Path,
) -> None:
    data = tiny()
    data["safeguards"].append(
        _safeguard("C-YES", {"all": [{"stance": "yes"}, {"question": "b", "is": "b1"}]})
    )
    report, _ = run(tmp_path, data)
    assert report.ok, report.to_text()


def test_questions_and_options_that_make_no_difference_are_warned_about(
    tmp_path: Path,
) -> None:
    data = tiny()
    data["factors"][0]["questions"].append(
        {
            "id": "unread",
            "text": "U?",
            "options": [{"id": "u0", "label": "0"}, {"id": "u1", "label": "1"}],
        }
    )
    data["framing"]["questions"].append(
        {
            "id": "kind",
            "text": "Kind?",
            "ordered": False,
            "options": [{"id": k, "label": k} for k in ("x", "y", "z")],
        }
    )
    data["safeguards"][0]["when"] = {
        "all": [{"question": "a", "is": "a0"}, {"question": "kind", "is": "x"}]
    }
    report, path = run(tmp_path, data)
    assert report.ok  # warnings do not fail a rulebook
    warnings = problems(report, "reachability", "warning")
    assert {(w["rule"], w["line"]) for w in warnings} == {
        ("unread", line_of(path, "id: unread")),
        ("kind", line_of(path, "id: kind")),
    }
    text = " ".join(w["message"] for w in warnings)
    assert "no rule or safeguard reads this question" in text
    assert "tells options 'y' and 'z' apart" in text


def _add_to_s_yes(condition: dict[str, Any]) -> Mutation:
    return lambda d: d["stance_rules"][0]["when"]["all"].append(condition)


@pytest.mark.parametrize(
    ("mutate", "rule", "expected", "anchor"),
    [
        (
            lambda d: d["factors"][0]["rules"][0]["cite"].append({"source": "nowhere"}),
            "R-HIGH",
            "cites unknown source 'nowhere'",
            "source: nowhere",
        ),
        (
            lambda d: d["factors"][0]["cite"].append({"source": "nowhere"}),
            "f",
            "cites unknown source 'nowhere'",
            "source: nowhere",
        ),
        (
            _add_to_s_yes({"question": "zz", "is": "q"}),
            "S-YES",
            "unknown question 'zz'",
            "id: S-YES",
        ),
        (
            _add_to_s_yes({"question": "benefit", "is": "lots"}),
            "S-YES",
            "question 'benefit' has no option 'lots'",
            "id: S-YES",
        ),
        (_add_to_s_yes({"factor": "g", "is": "high"}), "S-YES", "unknown factor 'g'", "id: S-YES"),
        (
            _add_to_s_yes({"factor": "f", "at_least": "top"}),
            "S-YES",
            "unknown rating 'top'",
            "id: S-YES",
        ),
        (
            lambda d: d["stance_rules"][0].update(stance="perhaps"),
            "S-YES",
            "gives unknown stance 'perhaps'",
            "id: S-YES",
        ),
        (
            lambda d: d["safeguards"][0].update(when={"stance": {"at_least": "certain"}}),
            "C-ONE",
            "unknown stance 'certain'",
            "id: C-ONE",
        ),
        (
            lambda d: (
                d["framing"]["questions"][0].update(ordered=False),
                d["stance_rules"][0]["when"]["all"].append(
                    {"question": "benefit", "at_least": "some"}
                ),
            ),
            "S-YES",
            "'at_least' used on 'benefit', whose options are not ordered",
            "id: S-YES",
        ),
        (
            _add_to_s_yes({"question": "a", "is": "a1"}),
            "S-YES",
            "framing questions only, not 'a'",
            "id: S-YES",
        ),
        (
            _add_to_s_yes({"stance": "yes"}),
            "S-YES",
            "only safeguards may read the stance",
            "id: S-YES",
        ),
        (
            lambda d: d["factors"][0]["rules"][0]["when"]["all"].append(
                {"factor": "f", "is": "high"}
            ),
            "R-HIGH",
            "a factor's rules may not read factor ratings",
            "id: R-HIGH",
        ),
        (
            lambda d: d["factors"][0]["rules"][0].update(
                monotonicity_exception={"inputs": ["nothing"], "reason": "r"}
            ),
            "R-HIGH",
            "monotonicity exception names unknown input 'nothing'",
            "id: R-HIGH",
        ),
        (
            lambda d: d["factors"][0]["rules"][0].update(
                monotonicity_exception={"inputs": ["benefit"], "reason": "r"}
            ),
            "R-HIGH",
            "names 'benefit', which this table cannot read",
            "id: R-HIGH",
        ),
    ],
)
def test_reference_faults_are_found_and_enumeration_is_skipped(
    tmp_path: Path, mutate: Mutation, rule: str, expected: str, anchor: str
) -> None:
    data = tiny()
    mutate(data)
    report, path = run(tmp_path, data)
    found = about(report, "references", rule, expected)
    assert found["line"] == line_of(path, anchor)
    assert not report.ok
    for name in ("completeness", "consistency", "monotonicity", "reachability"):
        assert check(report, name)["skipped"] and not check(report, name)["ok"]


def test_reading_an_optional_question_is_warned_about(tmp_path: Path) -> None:
    data = tiny()
    data["framing"]["questions"][0]["required"] = False
    report, path = run(tmp_path, data)
    assert report.ok  # a warning: the wizard may still get an answer
    found = [p for p in problems(report, "references", "warning") if p["rule"] == "S-YES"]
    assert len(found) == 1 and "reads 'benefit', which is optional" in found[0]["message"]
    assert found[0]["line"] == line_of(path, "id: S-YES")


@pytest.mark.parametrize(
    ("mutate", "ident", "anchor"),
    [
        (lambda d: d["safeguards"].append(dict(d["safeguards"][0])), "C-ONE", "id: C-ONE"),
        (lambda d: d["safeguards"][0].update(id="R-HIGH"), "R-HIGH", "id: R-HIGH"),
        (lambda d: d["sources"].append(dict(d["sources"][0])), "src", "id: src"),
        (lambda d: d["ratings"].append({"id": "low", "label": "Again"}), "low", "id: low"),
        (
            lambda d: d["stances"].append(
                {"id": "no", "label": "Again", "summary": "s", "board_ask": "b"}
            ),
            "no",
            "id: 'no'",  # YAML quotes it
        ),
        (
            lambda d: d["framing"]["questions"].append(
                {
                    "id": "a",
                    "text": "Again?",
                    "options": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}],
                }
            ),
            "a",
            "id: a",
        ),
        (lambda d: d["factors"].append(json.loads(json.dumps(d["factors"][0]))), "f", "id: f"),
    ],
)
def test_duplicate_ids_are_found_at_the_repeat(
    tmp_path: Path, mutate: Mutation, ident: str, anchor: str
) -> None:
    data = tiny()
    mutate(data)
    report, path = run(tmp_path, data)
    found = about(report, "references", ident, "is used more than once")
    first, second = line_of(path, anchor), line_of(path, anchor, nth=2)
    assert found["line"] == second and f"(first at line {first})" in found["message"]
