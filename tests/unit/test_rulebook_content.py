"""Invariants over every shipped rule file and example, checked like a config schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from syslead_desktop.engine.verify import verify
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision

ROOT = Path(__file__).resolve().parents[2]
RULE_FILES = sorted((ROOT / "rules").glob("*.yaml"))
DECISIONS = sorted((ROOT / "examples").rglob("*.syslead.yaml"))
AMERICAN = re.compile(
    r"\b(organiz\w*|center|favor\w*|behavior\w*|color\w*|program|analyze)\b", re.I
)
HELP_MAX_CHARS = 300
OPTION_HELP_MAX_CHARS = 160
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def test_there_is_something_to_check() -> None:
    assert RULE_FILES and len(DECISIONS) >= 5


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rule_file_passes_the_verifier_with_no_warnings(path: Path) -> None:
    report = verify(load_rulebook(path))
    problems = [p for c in report.checks for p in c.problems if p.severity != "info"]
    assert report.ok and problems == [], report.to_text()


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_part_explains_itself_and_says_what_it_rests_on(path: Path) -> None:
    rb = load_rulebook(path).rulebook
    for factor in rb.factors:
        assert factor.summary and factor.why_it_matters and factor.cite, factor.id
    assert rb.framing.why_it_matters and rb.framing.cite
    for question in rb.all_questions():
        assert len(question.options) >= 2
        assert question.text.endswith("?"), question.id
    # each rule rests on its sources or on a stated design basis (test_evidence.py)
    for factor in rb.factors:
        for rule in factor.rules:
            assert (rule.cite or rule.design) and rule.reason, rule.id
    for rule in rb.stance_rules:
        assert (rule.cite or rule.design) and rule.reason, rule.id
    for safeguard in rb.safeguards:
        assert safeguard.cite or safeguard.design, safeguard.id
        assert safeguard.owner and safeguard.timing, safeguard.id
    for stance in rb.stances:
        assert not stance.board_ask.lower().startswith("the board"), "it completes the phrase"
    assert {g.term for g in rb.glossary} >= {"NED", "ICB", "BAF", "CQC"}


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_question_has_short_help(path: Path) -> None:
    """Help is shown beside each question in the wizard: one to three short sentences."""
    rb = load_rulebook(path).rulebook
    missing = [q.id for q in rb.all_questions() if not (q.help or "").strip()]
    assert missing == [], f"questions with no help text: {missing}"
    for question in rb.all_questions():
        text = (question.help or "").strip()
        assert len(text) <= HELP_MAX_CHARS, question.id
        assert 1 <= len(SENTENCE_END.findall(text)) <= 3, question.id
        for option in question.options:
            if option.help:
                assert len(option.help.strip()) <= OPTION_HELP_MAX_CHARS, option.id


def test_regulatory_and_governance_scales_explain_their_options() -> None:
    """Oversight segments, GGI risk appetite levels, undertakings and Section 29A need a tip."""
    questions = load_rulebook().rulebook.questions_by_id
    for qid in ("oversight_segment", "risk_appetite", "undertakings"):
        assert all(o.help for o in questions[qid].options), qid
    assert questions["cqc_rating"].option("inadequate").help


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_wording_is_british_english(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert AMERICAN.findall(text) == []


def test_the_five_factors_and_framing_ids_are_stable() -> None:
    rb = load_rulebook().rulebook
    assert [f.id for f in rb.factors] == [
        "success",
        "stability",
        "board",
        "relationships",
        "regulatory",
    ]
    assert [q.id for q in rb.framing.questions] == [
        "direction",
        "clinical_benefit",
        "cost_to_trust",
    ]
    assert rb.questions_by_id["direction"].option_ids() == ["system_first", "trust_first"]


def test_both_directions_are_supported() -> None:
    rb = load_rulebook().rulebook
    text = " ".join(str(r.when) for r in rb.stance_rules)
    assert "system_first" in text and "trust_first" in text


@pytest.mark.parametrize("path", DECISIONS, ids=lambda p: p.name)
def test_every_example_answers_everything_and_assesses(path: Path) -> None:
    decision = load_decision(path)
    loaded = load_rulebook()
    assert decision.rulebook.version == loaded.rulebook.version
    for question in loaded.rulebook.all_questions():
        assert decision.answers.get(question.id) in question.option_ids(), question.id
    assessed = assess_decision(decision, loaded, str(path))
    assert assessed.notices == ()
    assert decision.framing.title and decision.board_paper.agenda_item


def test_practice_scenarios_cover_the_stance_scale_and_both_directions() -> None:
    loaded = load_rulebook()
    practice = sorted((ROOT / "examples" / "practice").glob("*.syslead.yaml"))
    outcomes = set()
    directions = []
    for path in practice:
        decision = load_decision(path)
        outcomes.add(assess_decision(decision, loaded).assessment.stance)
        directions.append(decision.answers["direction"])
    assert len(outcomes) >= 3
    assert directions.count("trust_first") >= 2
