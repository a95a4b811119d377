"""The rulebook verifier: the shipped rulebook passes, and each check catches its fault."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from syslead_desktop.engine.loader import load_rulebook
from syslead_desktop.engine.verify import verify
from syslead_desktop.engine.verify_report import VerifyReport

CITE = [{"source": "src", "locator": "Table 1"}]
TINY: dict[str, Any] = {
    "schema_version": 1,
    "id": "tiny",
    "version": "1",
    "title": "Tiny rulebook for tests",
    "ratings": [{"id": "low", "label": "Low"}, {"id": "high", "label": "High"}],
    "stances": [
        {"id": "no", "label": "No", "summary": "s", "board_ask": "b"},
        {"id": "yes", "label": "Yes", "summary": "s", "board_ask": "b"},
    ],
    "sources": [{"id": "src", "short": "Src 2020", "reference": "A source."}],
    "framing": {
        "questions": [
            {
                "id": "benefit",
                "text": "Benefit?",
                "options": [{"id": "none", "label": "None"}, {"id": "some", "label": "Some"}],
            }
        ]
    },
    "factors": [
        {
            "id": "f",
            "title": "F",
            "summary": "s",
            "why_it_matters": "w",
            "cite": CITE,
            "questions": [
                {
                    "id": "a",
                    "text": "A?",
                    "options": [{"id": "a0", "label": "0"}, {"id": "a1", "label": "1"}],
                },
                {
                    "id": "b",
                    "text": "B?",
                    "options": [{"id": "b0", "label": "0"}, {"id": "b1", "label": "1"}],
                },
            ],
            "rules": [
                {
                    "id": "R-HIGH",
                    "when": {"all": [{"question": "a", "is": "a1"}, {"question": "b", "is": "b1"}]},
                    "rating": "high",
                    "reason": "both",
                    "cite": CITE,
                },
                {"id": "R-LOW", "otherwise": True, "rating": "low", "reason": "else", "cite": CITE},
            ],
        }
    ],
    "stance_rules": [
        {
            "id": "S-YES",
            "when": {"all": [{"factor": "f", "is": "high"}, {"question": "benefit", "is": "some"}]},
            "stance": "yes",
            "reason": "r",
            "cite": CITE,
        },
        {
            "id": "S-NO",
            "when": {"any": [{"factor": "f", "is": "low"}, {"question": "benefit", "is": "none"}]},
            "stance": "no",
            "reason": "r",
            "cite": CITE,
        },
    ],
    "safeguards": [
        {
            "id": "C-ONE",
            "text": "t",
            "owner": "o",
            "timing": "t",
            "reason": "r",
            "when": {"question": "a", "is": "a0"},
            "cite": CITE,
        }
    ],
}


def run(tmp_path: Path, data: dict[str, Any]) -> tuple[VerifyReport, Path]:
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return verify(load_rulebook(path)), path


def check(report: VerifyReport, name: str) -> dict[str, Any]:
    return next(c for c in report.to_json()["checks"] if c["name"] == name)


def errors(report: VerifyReport, name: str) -> list[dict[str, Any]]:
    return [p for p in check(report, name)["problems"] if p["severity"] == "error"]


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(text)


def tiny() -> dict[str, Any]:
    return json.loads(json.dumps(TINY))  # no shared lists, so no YAML aliases


def test_shipped_rulebook_passes_every_check() -> None:
    report = verify(load_rulebook())
    data = report.to_json()
    assert data["ok"], report.to_text()
    names = [c["name"] for c in data["checks"]]
    assert names == [
        "schema",
        "references",
        "completeness",
        "consistency",
        "monotonicity",
        "reachability",
    ]
    assert all(c["ok"] and "skipped" not in c for c in data["checks"])
    assert check(report, "completeness")["stats"]["combinations"] > 0


def test_tiny_rulebook_passes(tmp_path: Path) -> None:
    report, _ = run(tmp_path, tiny())
    assert report.ok, report.to_text()


def test_gap_is_found_with_the_missing_combinations(tmp_path: Path) -> None:
    data = tiny()
    del data["factors"][0]["rules"][1]  # no fallback: three combinations give nothing
    report, _ = run(tmp_path, data)
    found = errors(report, "completeness")
    assert len(found) == 1 and "3 combination(s) give no result" in found[0]["message"]
    assert "a=a0, b=b0" in found[0]["message"]


def test_conflict_names_the_pair_and_line(tmp_path: Path) -> None:
    data = tiny()
    data["factors"][0]["rules"].append(
        {
            "id": "R-CLASH",
            "when": {"question": "a", "is": "a1"},
            "rating": "low",
            "reason": "x",
            "cite": CITE,
        }
    )
    report, path = run(tmp_path, data)
    found = errors(report, "consistency")
    assert len(found) == 1
    assert found[0]["rule"] == "R-HIGH" and "R-CLASH" in found[0]["message"]
    assert found[0]["line"] == line_of(path, "id: R-HIGH")


def test_non_monotone_rule_is_found_and_an_exception_excuses_it(tmp_path: Path) -> None:
    data = tiny()
    rules = data["factors"][0]["rules"]
    rules[0]["when"] = {"all": [{"question": "a", "is": "a0"}, {"question": "b", "is": "b1"}]}
    report, path = run(tmp_path, data)
    found = errors(report, "monotonicity")
    assert found and "'a'" in found[0]["message"] and "R-HIGH" in found[0]["message"]
    assert found[0]["line"] == line_of(path, "id: R-HIGH")

    rules[0]["monotonicity_exception"] = {"inputs": ["a"], "reason": "deliberate for the test"}
    report, _ = run(tmp_path, data)
    assert errors(report, "monotonicity") == []
    notes = check(report, "monotonicity")["problems"]
    assert any("deliberate for the test" in p["message"] for p in notes)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["ratings"].insert(1, {"id": "mid", "label": "Mid"}), "rating 'mid' can never"),
        (
            lambda d: d["stances"].insert(
                1, {"id": "maybe", "label": "M", "summary": "s", "board_ask": "b"}
            ),
            "stance 'maybe' can never",
        ),
        (
            lambda d: d["factors"][0]["rules"].insert(
                1,
                {
                    "id": "R-DEAD",
                    "when": {"all": [{"question": "a", "is": "a0"}, {"question": "a", "is": "a1"}]},
                    "rating": "low",
                    "reason": "x",
                    "cite": CITE,
                },
            ),
            "rule R-DEAD (factor 'f'): can never fire",
        ),
        (
            lambda d: d["safeguards"].append(
                {
                    "id": "C-NEVER",
                    "text": "t",
                    "owner": "o",
                    "timing": "t",
                    "reason": "r",
                    "when": {"all": [{"stance": "yes"}, {"question": "benefit", "is": "none"}]},
                }
            ),
            "safeguard C-NEVER: its condition can never hold",
        ),
    ],
)
def test_unreachable_things_are_found(tmp_path: Path, mutate, expected: str) -> None:  # type: ignore[no-untyped-def]
    data = tiny()
    mutate(data)
    report, _ = run(tmp_path, data)
    messages = [p["message"] for p in errors(report, "reachability")]
    assert any(expected in m for m in messages), messages


@pytest.mark.parametrize(
    ("mutate", "expected", "anchor"),
    [
        (
            lambda d: d["factors"][0]["rules"][0]["cite"].append({"source": "nowhere"}),
            "unknown source 'nowhere'",
            "source: nowhere",
        ),
        (
            lambda d: d["factors"][0]["rules"][0]["when"]["all"].append(
                {"question": "zz", "is": "q"}
            ),
            "unknown question 'zz'",
            "id: R-HIGH",
        ),
        (
            lambda d: d["factors"][0]["rules"][0]["when"]["all"].append(
                {"question": "a", "is": "a9"}
            ),
            "has no option 'a9'",
            "id: R-HIGH",
        ),
        (
            lambda d: d["stance_rules"][0]["when"]["all"].append({"factor": "g", "is": "high"}),
            "unknown factor 'g'",
            "id: S-YES",
        ),
        (
            lambda d: d["stance_rules"][0].update(stance="perhaps"),
            "unknown stance 'perhaps'",
            "id: S-YES",
        ),
        (lambda d: d["safeguards"].append(dict(d["safeguards"][0])), "'C-ONE'", None),
        (
            lambda d: (
                d["framing"]["questions"][0].update(ordered=False),
                d["stance_rules"][0]["when"]["all"].append(
                    {"question": "benefit", "at_least": "some"}
                ),
            ),
            "not ordered",
            "id: S-YES",
        ),
        (
            lambda d: d["stance_rules"][0]["when"]["all"].append({"question": "a", "is": "a1"}),
            "framing questions only",
            "id: S-YES",
        ),
    ],
)
def test_reference_faults_are_found(
    tmp_path: Path, mutate, expected: str, anchor: str | None
) -> None:  # type: ignore[no-untyped-def]
    data = tiny()
    mutate(data)
    report, path = run(tmp_path, data)
    found = [p for p in errors(report, "references") if expected in p["message"]]
    assert found, report.to_text()
    if anchor:
        assert found[0]["line"] == line_of(path, anchor)
    assert not report.ok
    assert check(report, "completeness").get("skipped")


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "syslead_desktop", "rules", "check", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )

    ok = cli("--json")
    assert ok.returncode == 0, ok.stdout
    assert json.loads(ok.stdout)["ok"] is True

    data = tiny()
    del data["factors"][0]["rules"][1]
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(data), encoding="utf-8")
    bad = cli(str(broken), "--json")
    assert bad.returncode == 1 and json.loads(bad.stdout)["ok"] is False
    assert "✗ completeness" in cli(str(broken)).stdout

    unreadable = tmp_path / "nope.yaml"
    unreadable.write_text("schema_version: 1\nid: [\n", encoding="utf-8")
    result = cli(str(unreadable))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
