"""Plain-text `syslead assess` says what the JSON says: each rating's reason and the
answers behind it, the conditions and why, and what would change the recommendation."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_runner import syslead


def test_plain_text_gives_the_reasons_and_what_would_change(example_path: Path) -> None:
    text = syslead("assess", str(example_path)).stdout
    flat = " ".join(text.split())
    a = json.loads(syslead("assess", str(example_path), "--json").stdout)
    assert f"Recommendation: {a['stance_label']}" in flat
    assert f"The Board is asked to {a['board_ask']}." in flat
    for factor in a["factors"]:
        assert f"{factor['title']}: {factor['rating_label']}. {factor['reason']}" in flat
        for driver in factor["drivers"]:
            assert f"{driver['question_text']} — {driver['answer_label']}" in flat
    for safeguard in a["safeguards"]:
        assert safeguard["text"] in flat and f"Why: {safeguard['reason']}" in flat
    assert "What would change the recommendation:" in flat
    ways = a["counterfactuals"]["up"] + a["counterfactuals"]["down"]
    assert ways, "the example can move both ways"
    for way in ways:
        assert f"To reach “{way['stance_label']}”" in flat
        for change in way["changes"]:
            assert (
                f"{change['question_text']} — {change['from_label']} → {change['to_label']}" in flat
            )
    for rule in a["rules"]:
        assert f"{rule['id']}: {rule['reason']}" in flat
    assert max(len(line) for line in text.splitlines()) <= 88, "fits a terminal"


def test_plain_text_tells_evidence_from_design_for_every_rule_and_action(
    example_path: Path,
) -> None:
    """Issue #13: a design rule is never shown as "no citation"; each rule and action says
    what it rests on, as the paper's Appendix A does, and the evidence is said to be thin."""
    text = syslead("assess", str(example_path)).stdout
    flat = " ".join(text.split())
    a = json.loads(syslead("assess", str(example_path), "--json").stdout)
    assert "no citation" not in flat and "No basis given" not in flat
    assert "How strong the evidence is: The five factors group themes raised in ten" in flat
    rules = flat[flat.index("Rules applied:") :]
    marks = [(rules, f"{r['id']}: ", r) for r in a["rules"]]
    marks += [(flat, f"[{s['id']}]", s) for s in a["safeguards"]]
    for part, mark, item in marks:
        after = part[part.index(mark) :]
        if item["design"] is not None:
            basis = f"Basis: {item['design']['text']}. Why: {item['design']['rationale']}"
        else:
            basis = "Basis: Evidence: " + "; ".join(c["text"] for c in item["citations"])
        assert 0 <= after.find(basis) < 400, item["id"]
    assert all(r["design"] is not None for r in a["rules"]), "every rule here is design"
    assert "Of the six rules applied, none rests on a cited source and six are" in flat
    assert "Of the five conditions and safeguards, " in flat
    assert max(len(line) for line in text.splitlines()) <= 88, "fits a terminal"
