"""The citations check: locators come from their source's declared list, and every rule,
threshold and safeguard cites its evidence or states its design basis. Each fault is
caught in a small rulebook (or the shipped one, broken one way), naming the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import syslead

from .test_verify_support import about, check, line_of, problems, run, shipped, tiny, write

DESIGN = {"builds_on": "the tests' own reasoning", "rationale": "Because the test says so."}


def _located_tiny() -> dict[str, Any]:
    """The tiny rulebook, its one source declaring the places it may be cited at."""
    data = tiny()
    data["sources"][0]["locators"] = ["Table 1", "Results: Something"]
    return data


def test_a_rulebook_whose_citations_all_resolve_passes(tmp_path: Path) -> None:
    report, _ = run(tmp_path, _located_tiny())
    assert report.ok, report.to_text()
    assert check(report, "citations")["ok"]
    assert check(report, "citations")["stats"]["with_locator"] >= 5


def test_a_locator_its_source_does_not_declare_fails(tmp_path: Path) -> None:
    data = _located_tiny()
    data["factors"][0]["rules"][0]["cite"] = [{"source": "src", "locator": "Tabel 1"}]
    report, path = run(tmp_path, data)
    assert not report.ok
    found = about(report, "citations", "R-HIGH", "locator 'Tabel 1' is not one of the 2")
    assert "did you mean 'Table 1'?" in found["message"]
    assert found["line"] == line_of(path, "locator: Tabel 1") - 1  # the citation's own line
    # the tables are still checked: a wrong locator does not stop the proofs
    assert check(report, "completeness")["ok"]


def test_a_locator_on_a_source_cited_only_as_a_whole_fails(tmp_path: Path) -> None:
    data = tiny()
    del data["sources"][0]["locators"]  # cited as a whole, yet every citation names "Table 1"
    report, _ = run(tmp_path, data)
    assert not report.ok
    found = about(report, "citations", "S-YES", "declares no locators")
    assert "cite it as a whole" in found["message"]


def test_a_source_cited_as_a_whole_needs_no_locator(tmp_path: Path) -> None:
    data = tiny()
    del data["sources"][0]["locators"]
    for item in _based(data):
        item["cite"] = [{"source": "src"}]
    data["factors"][0]["cite"] = [{"source": "src"}]
    report, _ = run(tmp_path, data)
    assert report.ok, report.to_text()


def _warnings(report: Any) -> list[dict[str, Any]]:
    """The citations check's warnings, less the one for a rulebook (like the tiny one)
    that has no account of how strong its evidence is."""
    found = problems(report, "citations", "warning")
    return [w for w in found if "how strong its evidence is" not in w["message"]]


def _based(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [*data["factors"][0]["rules"], *data["stance_rules"], *data["safeguards"]]


@pytest.mark.parametrize(
    ("where", "ident"),
    [("factor", "R-LOW"), ("stance", "S-NO"), ("safeguard", "C-ONE")],
)
def test_a_rule_with_neither_citation_nor_design_basis_fails(
    tmp_path: Path, where: str, ident: str
) -> None:
    data = _located_tiny()
    item = next(i for i in _based(data) if i["id"] == ident)
    del item["cite"]
    report, path = run(tmp_path, data)
    assert not report.ok
    found = about(report, "citations", ident, "has neither a citation that supports it")
    assert found["line"] == line_of(path, f"id: {ident}"), where


def test_a_design_basis_stands_in_for_a_citation(tmp_path: Path) -> None:
    data = _located_tiny()
    for item in _based(data):
        del item["cite"]
        item["design"] = dict(DESIGN, cite=[{"source": "src", "locator": "Results: Something"}])
    report, _ = run(tmp_path, data)
    assert report.ok, report.to_text()
    stats = check(report, "citations")["stats"]
    assert stats["design"] == 5 and stats["evidence_based"] == 0


def test_what_a_design_builds_on_is_checked_like_any_citation(tmp_path: Path) -> None:
    data = _located_tiny()
    rule = data["stance_rules"][0]
    del rule["cite"]
    rule["design"] = dict(DESIGN, cite=[{"source": "src", "locator": "Results: Anything"}])
    report, path = run(tmp_path, data)
    found = about(report, "citations", "S-YES", "locator 'Results: Anything'")
    assert "S-YES (stance) design basis" in found["message"]
    assert found["line"] == line_of(path, "locator: 'Results: Anything'") - 1


def test_a_rule_with_both_a_citation_and_a_design_basis_fails(tmp_path: Path) -> None:
    data = _located_tiny()
    data["safeguards"][0]["design"] = DESIGN
    report, _ = run(tmp_path, data)
    assert not report.ok
    about(report, "citations", "C-ONE", "has both a citation ('cite') and a design basis")


@pytest.mark.parametrize("missing", ["builds_on", "rationale"])
def test_a_design_basis_must_say_what_it_builds_on_and_why(tmp_path: Path, missing: str) -> None:
    data = _located_tiny()
    rule = data["factors"][0]["rules"][1]
    del rule["cite"]
    rule["design"] = {k: v for k, v in DESIGN.items() if k != missing}
    path = write(tmp_path, data)
    result = syslead("rules", "check", str(path))
    assert result.returncode == 2
    assert missing in result.stderr and "rules.yaml:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_long_rationale_is_a_warning(tmp_path: Path) -> None:
    data = _located_tiny()
    rule = data["factors"][0]["rules"][1]
    del rule["cite"]
    rule["design"] = dict(DESIGN, rationale="A rationale that goes on and on. " * 8)
    report, _ = run(tmp_path, data)
    assert report.ok
    [warning] = _warnings(report)
    assert warning["rule"] == "R-LOW" and "one line" in warning["message"]


def test_a_source_that_nothing_cites_is_a_warning(tmp_path: Path) -> None:
    data = _located_tiny()
    data["sources"].append({"id": "unused", "short": "Unused 2024", "reference": "Never cited."})
    report, path = run(tmp_path, data)
    assert report.ok
    [warning] = _warnings(report)
    assert warning["rule"] == "unused" and "never cited" in warning["message"]
    assert warning["line"] == line_of(path, "id: unused")


def test_cli_fails_a_rulebook_with_a_bad_locator(tmp_path: Path) -> None:
    data = _located_tiny()
    data["factors"][0]["cite"] = [{"source": "src", "locator": "Table 9"}]
    path = write(tmp_path, data)
    result = syslead("rules", "check", str(path))
    assert result.returncode == 1
    assert "factor 'f': locator 'Table 9' is not one of the 2" in result.stdout


# The shipped rulebook, broken one way at a time.


def test_the_shipped_rulebook_cites_only_declared_locators(tmp_path: Path) -> None:
    data = shipped()
    report, _ = run(tmp_path, data)
    assert check(report, "citations")["ok"], report.to_text()
    rule = data["factors"][0]["rules"][0]
    rule["design"]["cite"][0]["locator"] = "Discussion: defining success"
    report, _ = run(tmp_path, data)
    found = about(report, "citations", rule["id"], "locator 'Discussion: defining success'")
    assert "source 'gordon2021' declares" in found["message"]


def test_a_shipped_safeguard_stripped_of_its_basis_fails(tmp_path: Path) -> None:
    data = shipped()
    safeguard = next(s for s in data["safeguards"] if s["id"] == "C-COST-CAP")
    del safeguard["design"]
    report, path = run(tmp_path, data)
    found = about(report, "citations", "C-COST-CAP", "has neither a citation")
    assert found["line"] == line_of(path, "id: C-COST-CAP")


def test_the_evidence_statement_is_checked_too(tmp_path: Path) -> None:
    data = shipped()
    data["evidence_strength"]["points"][0]["cite"].append(
        {"source": "gordon2021", "locator": "Limitations"}
    )
    report, _ = run(tmp_path, data)
    found = about(report, "citations", None, "locator 'Limitations'")
    assert "evidence_strength 'What the evidence is'" in found["message"]
    assert "did you mean 'Strengths and Limitations'?" in found["message"]
    del data["evidence_strength"]
    report, _ = run(tmp_path, data)
    warnings = problems(report, "citations", "warning")
    assert any("how strong its evidence is" in w["message"] for w in warnings)


def test_rules_check_says_it_checks_citations() -> None:
    """Its help names the citations check, so a trust adapting the rulebook knows that a
    rule with no evidence and no design basis will not pass."""
    text = " ".join(syslead("rules", "check", "--help").stdout.split())
    assert "citations (every locator one its source lists" in text
    assert "citing its evidence or stating its design basis" in text
