"""The review page says how strong the evidence is, and tells evidence from design for
every rule it lists (issue #13)."""

from __future__ import annotations

from pathlib import Path

import yaml
from PySide6.QtWidgets import QTextBrowser

from syslead_desktop.domain.rulebook import Rulebook
from syslead_desktop.engine.evaluate import assess
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.ui.main_window import MainWindow
from syslead_desktop.ui.review_page import assessment_html

from .test_layout import each_page, open_example

RULES = Path(__file__).resolve().parents[2] / "rules" / "syslead-core.yaml"


def _review_text(window: MainWindow, example_path: Path) -> str:
    open_example(window, 900, 588, example_path)
    for step_id in each_page(window):
        if step_id == "review":
            break
    view = window.wizard.currentPage().view  # type: ignore[attr-defined]
    assert isinstance(view, QTextBrowser)
    return " ".join(view.toPlainText().split())


def test_the_review_page_has_a_line_on_the_strength_of_the_evidence(
    window: MainWindow, example_path: Path
) -> None:
    text = _review_text(window, example_path)
    summary = " ".join(window.flow.rulebook.evidence_strength.summary.split())  # type: ignore[union-attr]
    assert f"How strong the evidence is: {summary}" in text
    assert "Of the six rules applied here, none rests on a cited source and six are" in text
    # it sits with the recommendation, before the factor ratings
    assert text.index("How strong the evidence is") < text.index("Factor ratings")


def test_the_rules_applied_tell_evidence_from_design(
    window: MainWindow, example_path: Path
) -> None:
    text = _review_text(window, example_path)
    rules = text[text.index("Rules applied") :]
    assert "R-SUC-STRONG — " in rules
    assert "(tool design, building on the finding that success needs defining" in rules
    assert "no citation" not in rules and "no basis given" not in rules
    actions = text[text.index("Conditions and safeguards") : text.index("What would change")]
    assert "Basis: evidence: Gordon 2021, Results, operationalisation quotations (CE3)" in (
        actions
    )  # the private session with the NEDs, one chief executive's advice
    assert actions.count("Basis: tool design, building on ") == 4  # coordination too
    # what each design builds on, as for the rules (it used to say 'tool design' alone)
    assert "Basis: tool design, building on the finding that a trust's position shaped" in actions


def test_an_evidence_based_rule_shows_its_source(example_path: Path) -> None:
    """Every rule of the shipped rulebook is its own design, so a rulebook in which one
    cites its evidence instead shows how such a rule reads."""
    loaded = load_rulebook()
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    rule = next(r for r in data["stance_rules"] if r["id"] == "S-NO-BENEFIT")
    rule["cite"] = rule.pop("design")["cite"]
    rulebook = Rulebook.model_validate(data)
    answers = dict(load_decision(example_path).answers, clinical_benefit="none")
    a = assess(rulebook, loaded.hash, answers, with_counterfactuals=False)
    html = assessment_html(a, evidence="The evidence is thin.")
    assert "S-NO-BENEFIT</b>" in html
    assert "(evidence: Gordon 2021, Discussion)" in html
    assert "How strong the evidence is:</b> The evidence is thin. Of the six rules applied" in html
    assert "one rests on a cited source and five are the rulebook" in html
