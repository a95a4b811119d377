"""Helpers for the verifier tests: a tiny hand-written rulebook, the shipped rulebook as
plain data to break, and ways to find the line a finding should point at.

(No tests here; the module is named so that it sits with the tests it serves.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from syslead_desktop.engine.verify import verify
from syslead_desktop.engine.verify_report import VerifyReport
from syslead_desktop.locations import default_rulebook_path
from syslead_desktop.services.rulebook_file import load_rulebook

CITE = [{"source": "src", "locator": "Table 1"}]


def _option(ident: str) -> dict[str, str]:
    return {"id": ident, "label": ident.title()}


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
    "sources": [
        {"id": "src", "short": "Src 2020", "reference": "A source.", "locators": ["Table 1"]}
    ],
    "framing": {
        "questions": [
            {"id": "benefit", "text": "Benefit?", "options": [_option("none"), _option("some")]}
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
                {"id": "a", "text": "A?", "options": [_option("a0"), _option("a1")]},
                {"id": "b", "text": "B?", "options": [_option("b0"), _option("b1")]},
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


def tiny() -> dict[str, Any]:
    """A fresh copy (no shared lists, so the YAML written has no aliases)."""
    copied: dict[str, Any] = json.loads(json.dumps(TINY))
    return copied


def shipped() -> dict[str, Any]:
    """The shipped rulebook as plain data, to be broken one way at a time."""
    with default_rulebook_path().open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.loads(json.dumps(yaml.safe_load(handle)))
    return data


def write(tmp_path: Path, data: dict[str, Any], name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=200), encoding="utf-8")
    return path


def run(tmp_path: Path, data: dict[str, Any]) -> tuple[VerifyReport, Path]:
    """Write ``data``, check it, and check that enumerating every combination (the
    verifier as it was before it worked over classes) gives exactly the same report."""
    from .test_engine_equivalence import assert_same_as_enumeration

    path = write(tmp_path, data)
    loaded = load_rulebook(path)
    report = verify(loaded)
    assert_same_as_enumeration(loaded, report)
    return report, path


def check(report: VerifyReport, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in report.to_json()["checks"] if c["name"] == name)
    return found


def problems(report: VerifyReport, name: str, severity: str = "error") -> list[dict[str, Any]]:
    return [p for p in check(report, name)["problems"] if p["severity"] == severity]


def about(report: VerifyReport, name: str, rule: str | None, text: str) -> dict[str, Any]:
    """The one error in check ``name`` about ``rule`` whose message contains ``text``."""
    found = [p for p in problems(report, name) if p["rule"] == rule and text in p["message"]]
    assert len(found) == 1, (rule, text, report.to_text())
    return found[0]


def line_of(path: Path, text: str, nth: int = 1) -> int:
    """The line whose content (leading spaces and a list dash removed) is exactly
    ``text``, counting from 1; ``nth`` picks a later occurrence."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip().removeprefix("- ") == text:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{text!r} (occurrence {nth}) is not in {path}")
