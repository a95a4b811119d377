"""Comparing teams' answers, as a workshop facilitator would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from syslead_desktop.services.compare import compare
from syslead_desktop.services.decision_file import load_decision, save_decision
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision


def _team_b(example_path: Path, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the example with one answer moved to its most cautious option."""
    decision = load_decision(example_path)
    rulebook = load_rulebook().rulebook
    qid = rulebook.factors[0].questions[0].id
    decision.answers[qid] = rulebook.questions_by_id[qid].options[0].id
    path = tmp_path / "team-b.syslead.yaml"
    save_decision(path, decision)
    return path, qid


def test_rows_mark_exactly_the_changed_answer(example_path: Path, tmp_path: Path) -> None:
    path_b, qid = _team_b(example_path, tmp_path)
    loaded = load_rulebook()
    teams = [
        (n, assess_decision(load_decision(p), loaded))
        for n, p in (("A", example_path), ("B", path_b))
    ]
    rows = compare(teams)
    differing_questions = [r.id for r in rows if r.kind == "question" and not r.agreed]
    assert differing_questions == [qid]
    assert rows[0].kind == "stance"


def test_cli_compare_json(example_path: Path, tmp_path: Path) -> None:
    path_b, qid = _team_b(example_path, tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "syslead_desktop",
            "compare",
            str(example_path),
            str(path_b),
            "--json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [t["name"] for t in data["teams"]] == ["scanning-capacity", "team-b"]
    assert any(r["id"] == qid and not r["agreed"] for r in data["rows"])


def test_cli_compare_needs_two_files(example_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "syslead_desktop", "compare", str(example_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
