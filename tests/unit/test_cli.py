"""The ``syslead`` command, run as a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from syslead_desktop import __version__
from tests.cli_runner import syslead


def test_version() -> None:
    result = syslead("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_questions_json_lists_factors_in_order() -> None:
    result = syslead("questions", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["factors"]) >= 5
    for factor in data["factors"]:
        assert factor["id"] and factor["questions"]
        for question in factor["questions"]:
            assert [o["id"] for o in question["options"]]
    assert data["rulebook"]["hash"].startswith("sha256:")


def test_assess_json_contract(example_path: Path) -> None:
    result = syslead("assess", str(example_path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in (
        "stance",
        "stance_rank",
        "factors",
        "fired_rules",
        "rulebook",
        "safeguards",
        "counterfactuals",
    ):
        assert key in data
    assert isinstance(data["stance_rank"], int)
    assert {"id", "rating", "drivers"} <= set(data["factors"][0])


def test_render_writes_a_pdf(example_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "paper.pdf"
    result = syslead("render", str(example_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_render_warns_of_characters_it_cannot_print(example_path: Path, tmp_path: Path) -> None:
    text = example_path.read_text(encoding="utf-8")
    decision = tmp_path / "d.syslead.yaml"
    decision.write_text(text.replace("title: ", "title: \U00010000 ", 1), encoding="utf-8")
    result = syslead("render", str(decision), "-o", str(tmp_path / "paper.pdf"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "syslead: warning: Title: U+10000 (linear b syllable b008 a), "
        "printed as [linear b syllable b008 a]"
    )
    quiet = syslead("render", str(decision), "-o", str(tmp_path / "q.pdf"), "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_bad_inputs_fail_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema_version: 1\nrulebook: {id: x, version: '1'}\nwhat: 2\n", encoding="utf-8"
    )
    cases = [
        ("assess", str(tmp_path / "missing.yaml")),
        ("assess", str(bad)),
        ("render", str(bad), "-o", str(tmp_path / "x.pdf")),
        ("questions", "--rulebook", str(bad)),
        ("rules", "check", str(bad)),
    ]
    for args in cases:
        result = syslead(*args)
        assert result.returncode != 0, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, (args, result.stderr)
    assert not (tmp_path / "x.pdf").exists()


def test_no_command_is_a_usage_error() -> None:
    assert syslead().returncode == 2
