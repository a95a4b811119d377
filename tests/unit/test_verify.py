"""The rulebook verifier on good rulebooks, its JSON contract, and the command line."""

from __future__ import annotations

import json
from pathlib import Path

from syslead_desktop.domain.conditions import QuestionIs
from syslead_desktop.engine.conditions import atoms
from syslead_desktop.engine.verify import verify
from syslead_desktop.services.rulebook_file import load_rulebook
from tests.cli_runner import syslead

from .test_verify_support import check, run, tiny, write

CHECKS = [
    "schema",
    "references",
    "citations",
    "completeness",
    "consistency",
    "monotonicity",
    "reachability",
    "timings",
    "review",
]


def test_shipped_rulebook_passes_every_check_exhaustively() -> None:
    loaded = load_rulebook()
    rb = loaded.rulebook
    report = verify(loaded)
    data = report.to_json()
    assert data["ok"], report.to_text()
    assert [c["name"] for c in data["checks"]] == CHECKS
    assert all(c["ok"] and "skipped" not in c for c in data["checks"])
    assert not [p for c in data["checks"] for p in c["problems"] if p["severity"] == "error"]
    # Every combination at each level: each factor's question product, plus the stance
    # table's rating scale per factor times the framing questions it reads.
    factor_combos = 0
    for factor in rb.factors:
        product = 1
        for question in factor.questions:
            product *= len(question.options)
        factor_combos += product
    framing_read = {
        a.question
        for r in rb.stance_rules
        if r.when
        for a in atoms(r.when)
        if isinstance(a, QuestionIs)
    }
    stance_combos = len(rb.ratings) ** len(rb.factors)
    for question in rb.framing.questions:
        if question.id in framing_read:
            stance_combos *= len(question.options)
    stats = check(report, "completeness")["stats"]
    assert stats["combinations"] == factor_combos + stance_combos
    assert stats["gaps"] == 0 and stats["tables"] == len(rb.factors) + 1
    reach = check(report, "reachability")["stats"]
    assert reach["stances_reachable"] == len(rb.stances)
    assert reach["rules_that_fire"] == sum(len(f.rules) for f in rb.factors) + len(rb.stance_rules)
    assert reach["safeguards_that_apply"] == len(rb.safeguards)
    assert check(report, "monotonicity")["stats"]["steps_checked"] > 0


def test_shipped_rulebook_report_describes_itself() -> None:
    loaded = load_rulebook()
    data = verify(loaded).to_json()
    assert set(data) == {"rulebook", "ok", "checks", "seconds"}
    assert data["rulebook"]["id"] == loaded.rulebook.id
    assert data["rulebook"]["version"] == loaded.rulebook.version
    assert data["rulebook"]["hash"] == loaded.hash
    assert data["rulebook"]["path"].endswith("syslead-core.yaml")
    assert isinstance(data["seconds"], float)
    for item in data["checks"]:
        assert set(item) == {"name", "ok", "problems", "stats"}
        for problem in item["problems"]:
            assert set(problem) == {"severity", "message", "file", "line", "rule"}
            assert problem["severity"] in ("error", "warning", "info")
            assert problem["message"].startswith(f"{problem['file']}:{problem['line']}: ")


def test_accepted_exceptions_in_the_shipped_rulebook_are_reported_with_their_reason() -> None:
    loaded = load_rulebook()
    declared = [r for r in loaded.rulebook.stance_rules if r.monotonicity_exception] + [
        r for f in loaded.rulebook.factors for r in f.rules if r.monotonicity_exception
    ]
    notes = [
        p for p in check(verify(loaded), "monotonicity")["problems"] if p["severity"] == "info"
    ]
    for rule in declared:
        assert rule.monotonicity_exception is not None
        reason = rule.monotonicity_exception.reason
        assert any(p["rule"] == rule.id and reason in p["message"] for p in notes), rule.id


def test_tiny_rulebook_passes(tmp_path: Path) -> None:
    report, _ = run(tmp_path, tiny())
    assert report.ok, report.to_text()
    assert check(report, "completeness")["stats"]["combinations"] == 4 + 2 * 2
    assert check(report, "completeness")["stats"]["via_otherwise"] == 3


def test_cli_passes_the_shipped_rulebook() -> None:
    result = syslead("rules", "check", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["ok"] is True and [c["name"] for c in data["checks"]] == CHECKS
    human = syslead("rules", "check")
    assert human.returncode == 0
    lines = human.stdout.splitlines()
    for name in CHECKS:
        assert any(line.strip().startswith(f"✓ {name}") for line in lines), name
    assert "The rulebook passes" in human.stdout
    verbose = syslead("rules", "check", "-v")
    assert "accepted monotonicity exception" in verbose.stdout


def test_cli_exit_1_with_the_findings(tmp_path: Path) -> None:
    data = tiny()
    del data["factors"][0]["rules"][1]
    broken = write(tmp_path, data, "broken.yaml")
    result = syslead("rules", "check", str(broken), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    failed = [c["name"] for c in report["checks"] if not c["ok"]]
    assert failed == ["completeness", "reachability"]  # "low" is now never given
    human = syslead("rules", "check", str(broken))
    assert human.returncode == 1
    assert "✗ completeness" in human.stdout and "give no rating" in human.stdout
    assert "The rulebook FAILS" in human.stdout


def test_cli_exit_1_when_references_fail_and_the_rest_is_skipped(tmp_path: Path) -> None:
    data = tiny()
    data["factors"][0]["rules"][0]["cite"] = [{"source": "nowhere"}]
    result = syslead("rules", "check", str(write(tmp_path, data)), "--json")
    assert result.returncode == 1
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["schema"]["ok"] and not checks["references"]["ok"]
    assert "skipped" not in checks["citations"]  # it does not depend on the references
    for name in CHECKS[3:7]:  # the four enumeration checks (the follow-up checks run)
        assert checks[name]["ok"] is False and "references" in checks[name]["skipped"]


def test_cli_exit_2_for_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    unreadable = tmp_path / "nope.yaml"
    unreadable.write_text("schema_version: 1\nid: [\n", encoding="utf-8")
    result = syslead("rules", "check", str(unreadable), "--json")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "nope.yaml" in result.stderr

    missing = syslead("rules", "check", str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "Traceback" not in missing.stderr


def test_cli_exit_2_names_the_field_of_a_file_that_does_not_match_the_format(
    tmp_path: Path,
) -> None:
    data = tiny()
    data["factors"][0]["rules"][0]["whn"] = data["factors"][0]["rules"][0].pop("when")
    result = syslead("rules", "check", str(write(tmp_path, data)))
    assert result.returncode == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "rules.yaml" in message and "whn" in message

    repeated = tiny()  # option ids repeated within a question are caught by the format
    repeated["factors"][0]["questions"][0]["options"][1]["id"] = "a0"
    result = syslead("rules", "check", str(write(tmp_path, repeated)))
    assert result.returncode == 2 and "repeats an option id" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
