"""Each check catches its fault when the shipped rulebook is broken one way at a time.

The rulebook is loaded as plain data and the part to break is found by what it is (the
first factor with an otherwise rule, the first unordered framing question, ...), so
these tests keep working as the rulebook's content changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .test_verify_support import about, check, line_of, problems, run, shipped

TABLE_CHECKS = ("completeness", "consistency", "monotonicity", "reachability")


def _first_otherwise(data: dict[str, Any]) -> tuple[int, int]:
    for i, factor in enumerate(data["factors"]):
        for j, rule in enumerate(factor["rules"]):
            if rule.get("otherwise"):
                return i, j
    raise AssertionError("the shipped rulebook has no otherwise rule in a factor")


def _ordered_question(factor: dict[str, Any]) -> dict[str, Any]:
    return next(q for q in factor["questions"] if q.get("ordered", True))


def _contradiction(question: dict[str, Any]) -> dict[str, Any]:
    first, second = (o["id"] for o in question["options"][:2])
    return {
        "all": [
            {"question": question["id"], "is": first},
            {"question": question["id"], "is": second},
        ]
    }


def _rule_line(path: Path, rule_id: str, nth: int = 1) -> int:
    return line_of(path, f"id: {rule_id}", nth)


def test_the_shipped_rulebook_written_back_still_passes(tmp_path: Path) -> None:
    report, _ = run(tmp_path, shipped())
    assert report.ok, report.to_text()


def test_gap_when_a_factor_loses_its_otherwise_rule(tmp_path: Path) -> None:
    data = shipped()
    i, j = _first_otherwise(data)
    del data["factors"][i]["rules"][j]
    report, path = run(tmp_path, data)
    factor = data["factors"][i]["id"]
    found = about(report, "completeness", factor, "combinations give no rating, e.g. ")
    assert found["line"] == line_of(path, "rules:", nth=i + 1)
    assert found["message"].split(": ", 1)[1].startswith(f"factor '{factor}': ")


def test_conflict_when_a_copy_of_a_rule_gives_another_rating(tmp_path: Path) -> None:
    data = shipped()
    factor = data["factors"][0]
    original = next(r for r in factor["rules"] if "when" in r)
    other = next(r["id"] for r in data["ratings"] if r["id"] != original["rating"])
    factor["rules"].append({**original, "id": "R-TEST-CLASH", "rating": other})
    report, path = run(tmp_path, data)
    found = about(report, "consistency", original["id"], "conflicts with rule R-TEST-CLASH")
    assert found["line"] == _rule_line(path, original["id"])
    assert f"'{original['rating']}' and '{other}'" in found["message"]


def _downward_factor(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Replace the first factor's rules by a pair that rates its lowest answer best."""
    factor = data["factors"][0]
    question = _ordered_question(factor)
    ratings = [r["id"] for r in data["ratings"]]
    down = {
        "id": "R-TEST-DOWN",
        "when": {"question": question["id"], "is": question["options"][0]["id"]},
        "rating": ratings[-1],
        "reason": "Rates the least supportive answer best.",
    }
    rest = {"id": "R-TEST-REST", "otherwise": True, "rating": ratings[0], "reason": "Else."}
    factor["rules"] = [down, rest]
    return down, question


def test_non_monotone_rule_is_found_and_a_declared_exception_excuses_it(
    tmp_path: Path,
) -> None:
    data = shipped()
    down, question = _downward_factor(data)
    report, path = run(tmp_path, data)
    found = about(report, "monotonicity", "R-TEST-DOWN", f"not monotone in '{question['id']}'")
    assert found["line"] == _rule_line(path, "R-TEST-DOWN")
    assert "R-TEST-REST" in found["message"]

    down["monotonicity_exception"] = {"inputs": [question["id"]], "reason": "Test reason."}
    report, path = run(tmp_path, data)
    assert problems(report, "monotonicity") == [], report.to_text()
    notes = [
        n
        for n in problems(report, "monotonicity", "info")
        if n["rule"] == "R-TEST-DOWN" and "Test reason." in n["message"]
    ]
    assert notes and notes[0]["line"] == _rule_line(path, "R-TEST-DOWN")


def test_unreachable_rating_stance_rule_and_safeguard(tmp_path: Path) -> None:
    data = shipped()
    data["ratings"].insert(1, {"id": "test_unused", "label": "Never used"})
    data["stances"].insert(
        1, {"id": "test_never", "label": "Never", "summary": "s", "board_ask": "note it"}
    )
    question = _ordered_question(data["factors"][0])
    data["factors"][0]["rules"].append(
        {
            "id": "R-TEST-DEAD",
            "when": _contradiction(question),
            "rating": data["ratings"][0]["id"],
            "reason": "Never.",
        }
    )
    data["safeguards"].append(
        {
            "id": "C-TEST-NEVER",
            "text": "t",
            "owner": "o",
            "timing": "t",
            "reason": "r",
            "when": _contradiction(question),
        }
    )
    report, path = run(tmp_path, data)
    first = data["factors"][0]["id"]
    rating = about(report, "reachability", first, "rating 'test_unused' can never be given")
    assert rating["line"] == line_of(path, "rules:")
    stance = about(report, "reachability", "test_never", "can never be reached")
    assert stance["line"] == line_of(path, "id: test_never")
    rule = about(report, "reachability", "R-TEST-DEAD", "can never fire")
    assert rule["line"] == _rule_line(path, "R-TEST-DEAD")
    safeguard = about(report, "reachability", "C-TEST-NEVER", "can never hold")
    assert safeguard["line"] == _rule_line(path, "C-TEST-NEVER")


def _stance_rule(data: dict[str, Any]) -> dict[str, Any]:
    rule: dict[str, Any] = next(r for r in data["stance_rules"] if "when" in r)
    return rule


def _also(rule: dict[str, Any], condition: dict[str, Any]) -> None:
    rule["when"] = {"all": [rule["when"], condition]}


def test_reference_faults_name_the_rule_and_line(tmp_path: Path) -> None:
    data = shipped()
    stance_rule = _stance_rule(data)
    stance_rule["cite"] = [{"source": "test_nowhere"}]
    _also(stance_rule, {"question": "test_question", "is": "x"})
    framing = data["framing"]["questions"][0]
    _also(stance_rule, {"question": framing["id"], "is": "test_option"})
    _also(stance_rule, {"factor": "test_factor", "is": data["ratings"][0]["id"]})
    unordered = next(q for q in data["framing"]["questions"] if q.get("ordered") is False)
    safeguard = data["safeguards"][0]
    _also(safeguard, {"question": unordered["id"], "at_least": unordered["options"][1]["id"]})
    factor_rule = next(r for r in data["factors"][0]["rules"] if "when" in r)
    factor_rule["monotonicity_exception"] = {"inputs": ["test_input"], "reason": "r"}

    report, path = run(tmp_path, data)
    sid, line = stance_rule["id"], _rule_line(path, stance_rule["id"])
    assert about(report, "references", sid, "unknown source 'test_nowhere'")["line"] == (
        line_of(path, "source: test_nowhere")
    )
    assert about(report, "references", sid, "unknown question 'test_question'")["line"] == line
    no_option = f"question '{framing['id']}' has no option 'test_option'"
    assert about(report, "references", sid, no_option)["line"] == line
    assert about(report, "references", sid, "unknown factor 'test_factor'")["line"] == line
    unordered_use = f"'at_least' used on '{unordered['id']}', whose options are not ordered"
    assert about(report, "references", safeguard["id"], unordered_use)["line"] == (
        _rule_line(path, safeguard["id"])
    )
    exception = about(report, "references", factor_rule["id"], "unknown input 'test_input'")
    assert exception["line"] == _rule_line(path, factor_rule["id"])
    for name in TABLE_CHECKS:
        assert "references" in check(report, name)["skipped"]


def test_duplicate_ids_are_found_at_the_repeat(tmp_path: Path) -> None:
    data = shipped()
    first_rule = data["factors"][0]["rules"][0]["id"]
    data["factors"][1]["rules"][0]["id"] = first_rule
    data["sources"].append(dict(data["sources"][0]))
    data["safeguards"].append({**data["safeguards"][0]})
    report, path = run(tmp_path, data)
    for ident in (first_rule, data["sources"][0]["id"], data["safeguards"][0]["id"]):
        found = about(report, "references", ident, "is used more than once")
        first, second = line_of(path, f"id: {ident}"), line_of(path, f"id: {ident}", nth=2)
        assert found["line"] == second and f"(first at line {first})" in found["message"]
