"""Say only what the evidence says: the shipped rulebook's citations, what it marks as its
own design, the content corrections of rulebooks 1.1.0 and 1.2.0, and every place the product
describes itself (issue #13)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from syslead_desktop.domain.rulebook import Citation, Rulebook
from syslead_desktop.engine.conditions import atoms
from syslead_desktop.engine.evaluate import assess
from syslead_desktop.services.decision_file import load_decision, reconcile
from syslead_desktop.services.practice import library
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.workflow import assess_decision

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "scanning-capacity.syslead.yaml"
PRACTICE = ROOT / "examples" / "practice"
DECISIONS = sorted((ROOT / "examples").rglob("*.syslead.yaml"))
AUTHORS = "Gordon B, Thomas MG, Aufegger L, Darzi A, Bicknell CD (2021)"
OVERCLAIMS = re.compile(
    r"decide whether such a decision holds|research found|found decide|deciding test"
    r"|drawn from interviews",
    re.I,
)


def _rb() -> Rulebook:
    return load_rulebook().rulebook


def _texts_and_cites(rb: Rulebook) -> Iterator[tuple[str, str, list[Citation]]]:
    """(what, its words, its citations) for every cited piece of the rulebook."""
    yield "framing", rb.framing.why_it_matters or "", rb.framing.cite
    for q in rb.all_questions():
        yield f"question {q.id}", f"{q.text} {q.help or ''}", q.cite
    for f in rb.factors:
        yield f"factor {f.id}", f.why_it_matters, f.cite
        for r in f.rules:
            yield r.id, r.reason, r.cite
            if r.design:
                yield f"{r.id} design", f"{r.design.builds_on} {r.design.rationale}", r.design.cite
    for r in [*rb.stance_rules, *(rb.review.rules if rb.review else [])]:
        yield r.id, r.reason, r.cite
        if r.design:
            yield f"{r.id} design", f"{r.design.builds_on} {r.design.rationale}", r.design.cite
    for s in rb.safeguards:
        yield s.id, f"{s.text} {s.reason}", s.cite
        if s.design:
            yield f"{s.id} design", f"{s.design.builds_on} {s.design.rationale}", s.design.cite


def _locators(rb: Rulebook, source: str = "gordon2021") -> list[tuple[str, str, str]]:
    return [
        (what, text, c.locator)
        for what, text, cites in _texts_and_cites(rb)
        for c in cites
        if c.source == source and c.locator
    ]


# ---- 2. citations that resolve to the place that says it -------------------------------


def test_every_locator_is_one_its_source_declares() -> None:
    rb = _rb()
    for what, _text, cites in _texts_and_cites(rb):
        for cite in cites:
            if cite.locator:
                assert cite.locator in rb.source(cite.source).locators, (what, cite.locator)


def test_table_2_is_cited_only_for_a_count() -> None:
    """Table 2 gives counts, never thresholds: whatever cites it says how many."""
    count = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|all) of the ten\b", re.I)
    for what, text, locator in _locators(_rb()):
        if locator == "Table 2":
            assert count.search(text), what


def test_discussion_is_cited_only_for_what_the_discussion_says() -> None:
    """The Discussion holds the clinical-benefit finding (and the consensus and policy
    points); every explanation of a sub-theme is cited to its Results section."""
    for what, text, locator in _locators(_rb()):
        if locator == "Discussion":
            assert re.search(r"benefit|patients", text, re.I), what


def test_one_interviewees_point_names_the_interviewee() -> None:
    for what, text, locator in _locators(_rb()):
        found = re.search(r"\((CE\d)\)", locator)
        if found and not what.startswith("question"):
            assert found.group(1) in text or "one chief executive" in text.lower(), what


def test_public_documents_are_cited_as_their_own_sources() -> None:
    questions = _rb().questions_by_id
    own = {
        "oversight_segment": "nhse_oversight",
        "cqc_rating": "cqc_ratings",
        "undertakings": "provider_licence",
        "risk_appetite": "ggi_appetite",
    }
    for qid, source in own.items():
        assert source in {c.source for c in questions[qid].cite}, qid
    regulatory = _rb().factor("regulatory")
    assert "provider licence" in regulatory.why_it_matters
    assert "provider_licence" in {c.source for c in regulatory.cite}


def test_the_scie_regulatory_citation_is_the_role_of_regulators() -> None:
    cites = {(c.source, c.locator) for c in _rb().factor("regulatory").cite}
    assert ("scie2021", "The role of regulators") in cites
    assert not any(loc and "Resources and finances" in loc for _s, loc in cites)


# ---- 3. design choices are marked as design --------------------------------------------


COUNT = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|all) of the ten\b", re.I)


def test_every_rule_and_safeguard_cites_evidence_or_states_its_design() -> None:
    rb = _rb()
    items = [
        *(r for f in rb.factors for r in f.rules),
        *rb.stance_rules,
        *rb.safeguards,
        *(rb.review.rules if rb.review else []),
    ]
    for item in items:
        assert bool(item.cite) != (item.design is not None), item.id
        if item.design:
            assert item.design.builds_on and item.design.rationale, item.id
            # Table 2 holds counts, never thresholds: a design cites it only for a count
            if "Table 2" in {c.locator for c in item.design.cite}:
                assert COUNT.search(item.design.builds_on), item.id


def test_every_stance_rule_is_design() -> None:
    """Where the lines fall between the recommendations is the rulebook's judgement: the
    study counted the themes raised, and named no threshold, gate or go-ahead."""
    for rule in _rb().stance_rules:
        assert rule.design is not None and not rule.cite, rule.id


def test_evidence_is_claimed_only_where_a_source_says_the_action_itself() -> None:
    """An action the sources describe (a private session with the NEDs, CE3; time in
    person with partner leaders, CE6, CE7 and SCIE) may cite them as evidence; the rest
    are the rulebook's own answers to what the sources found."""
    rb = _rb()
    evidence = {s.id for s in rb.safeguards if s.cite}
    assert evidence == {"C-NED-SESSION", "C-RELATIONSHIP-TIME"}
    for s in rb.safeguards:
        if s.cite:
            named = re.findall(r"\((CE\d)\)", s.reason)
            assert named, f"{s.id}: an interviewee's advice names the interviewee"


@pytest.mark.parametrize(
    "ident",
    [
        "S-SYS-TWO-WEAK",  # thresholds
        "S-TRU-TWO-WEAK",  # the trust-first rules
        "S-TRU-PROCEED",
        "C-BRIEF-REGULATOR",  # briefing the regulator in advance
        "C-SUCCESS-CRITERIA",  # baselines and targets
        "C-REVIEW-DATE",  # review dates
        "C-COST-CAP",
        "C-RECIPROCITY-WRITING",  # memoranda of understanding
        "C-TRUST-FIRST-REVISIT",
        "S-NO-BENEFIT",  # a gate drawn from the clinical-benefit finding
        "C-CHAIR",  # meeting the chair first
        "C-COORDINATION",  # who carries the extra meetings
    ],
)
def test_the_tools_own_judgements_are_marked_as_design(ident: str) -> None:
    rb = _rb()
    items = {i.id: i for i in [*rb.stance_rules, *rb.safeguards]}
    assert items[ident].design is not None and not items[ident].cite


def test_one_interviewees_remarks_are_not_gates_nor_credited_to_six() -> None:
    rb = _rb()
    read = {
        a.question
        for rule in [*(r for f in rb.factors for r in f.rules), *rb.stance_rules]
        if rule.when is not None
        for a in atoms(rule.when)
        if hasattr(a, "question")
    }
    assert "ned_session" not in read and "risk_appetite" not in read
    why = rb.factor("board").why_it_matters
    assert "(CE1)" in why and "(CE3)" in why
    six = next(s for s in re.split(r"(?<=\.) ", why) if "Six of the ten" in s)
    assert "appetite" not in six and "private session" not in six


# ---- 5. content corrected --------------------------------------------------------------


def test_the_bibliography_gives_the_records_author_line_and_says_preprint() -> None:
    reference = _rb().source("gordon2021").reference
    assert reference.startswith(AUTHORS)
    assert "preprint" in reference and "not certified by peer review" in reference


def test_clinical_benefit_is_a_critical_factor_not_the_deciding_test() -> None:
    rb = _rb()
    assert "a critical factor" in (rb.framing.why_it_matters or "")
    text = (ROOT / "rules" / "syslead-core.yaml").read_text(encoding="utf-8")
    assert "deciding test" not in text


def test_the_seven_of_ten_theme_is_not_regulation_alone() -> None:
    why = _rb().factor("regulatory").why_it_matters
    seven = why[: why.index(".")]
    assert "Seven of the ten" in seven
    assert all(word in seven for word in ("finance", "contracts", "structures"))


def test_single_quotations_on_relationships_are_credited_to_their_interviewee() -> None:
    rb = _rb()
    why = rb.factor("relationships").why_it_matters
    assert "They spoke of" not in why  # one interviewee's words were put in all mouths
    assert "credibility" in why and "(CE3)" in why
    assert "key relationships (CE6)" in why
    cited = {c.locator for c in rb.factor("relationships").cite}
    assert {
        "Results, operationalisation quotations (CE3)",
        "Results, operationalisation quotations (CE6)",
    } <= cited


def test_scie_is_not_said_to_rank_clarity_first() -> None:
    why = " ".join(_rb().factor("success").why_it_matters.split())
    assert "clarity first" not in why
    assert "one of the five domains" in why


def test_review_rules_build_on_what_the_finding_says() -> None:
    """The study did not follow decisions up: defining success in advance was a basis for
    the decision, not (in the source) a yardstick for a review."""
    rb = _rb()
    assert rb.review is not None
    for rule in rb.review.rules:
        if rule.design is not None:
            assert "to judge a decision by" not in rule.design.builds_on, rule.id


def test_the_relationships_inconsistency_is_stated_not_reconciled() -> None:
    why = _rb().factor("relationships").why_it_matters
    assert "four of the ten" in why and "all of them" in why
    assert "does not explain the difference" in why


def test_the_regulatory_factor_tells_of_room_for_success_and_offers_of_support() -> None:
    rb = _rb()
    why = rb.factor("regulatory").why_it_matters
    assert "successful" in why and "freedom from scrutiny" in why
    assert "five of the ten" in why and "support" in why
    assert "support" in (rb.questions_by_id["regulator_briefed"].help or "")


def test_every_listed_source_is_cited() -> None:
    rb = _rb()
    cited = {c.source for _w, _t, cites in _texts_and_cites(rb) for c in cites}
    assert cited >= {s.id for s in rb.sources} - {"edgehill2023"}
    assert "nhsp2024" in cited


def test_the_trust_first_exception_no_longer_claims_financial_pressure() -> None:
    rb = _rb()
    for rule in rb.stance_rules:
        if rule.monotonicity_exception:
            assert "driven by financial pressure" not in rule.monotonicity_exception.reason


def test_a_stable_trust_first_decision_with_every_factor_strong_is_not_deferred() -> None:
    loaded = load_rulebook()
    decision = load_decision(PRACTICE / "control-total-contribution.syslead.yaml")
    a = assess_decision(decision, loaded).assessment
    assert {f.rating for f in a.factors} == {"strong"}
    assert a.stance == "proceed_with_conditions"


def _quality_safeguard(answers: dict[str, str]) -> bool:
    loaded = load_rulebook()
    a = assess(loaded.rulebook, loaded.hash, answers, with_counterfactuals=False)
    return "C-QUALITY-IMPACT" in {s.id for s in a.safeguards}


def test_the_quality_impact_safeguard_does_not_fire_in_the_example() -> None:
    assert not _quality_safeguard(load_decision(EXAMPLE).answers)


def test_the_quality_impact_safeguard_fires_for_a_well_performing_trust() -> None:
    """Its evidence (Table 5, CE5) is about well-performing trusts dragged down by
    burden-sharing, so it fires for one taking on a heavy cost, and not the reverse."""
    answers = dict(load_decision(EXAMPLE).answers, cost_to_trust="significant")
    assert _quality_safeguard(answers)
    assert not _quality_safeguard(dict(answers, quality_concerns="serious"))
    assert not _quality_safeguard(dict(answers, cqc_rating="requires_improvement"))


# ---- 6. rulebook versions -------------------------------------------------------------


def _changes() -> str:
    return (ROOT / "docs" / "rulebook.md").read_text(encoding="utf-8").split("## Changes", 1)[1]


def test_the_rulebook_is_version_1_2_0_with_a_changelog_entry() -> None:
    """1.1.0's words and citations changed after it was shipped (270bbb0, e697661 and the
    corrections after them), so the content has a version of its own, whose entry, first
    in the list, says whether any recommendation can change."""
    assert _rb().version == "1.2.0"
    headings = re.findall(r"^### (\S+)$", _changes(), re.M)
    assert headings[:3] == ["1.2.0", "1.1.0", "1.0.0"]
    entry = _changes().split("### 1.2.0", 1)[1].split("### 1.1.0", 1)[0]
    assert "no recommendation, rating, condition or safeguard can differ from\n1.1.0" in entry
    assert "promises: review_date" in entry


@pytest.mark.parametrize("older", ["1.0.0", "1.1.0"])
@pytest.mark.parametrize("path", DECISIONS, ids=lambda p: p.name)
def test_a_decision_made_under_an_older_version_opens_with_the_notice_and_keeps_its_answers(
    path: Path, older: str
) -> None:
    loaded = load_rulebook()
    old = load_decision(path)
    old.rulebook.version = older
    fitted = reconcile(old, loaded.rulebook, loaded.hash)
    assert fitted.notices == [
        f"This decision was made with version {older} of the rulebook; you are using "
        "version 1.2.0. Every answer given still applies and is kept."
    ]
    assert fitted.dropped == [] and fitted.decision.answers == old.answers
    assert fitted.decision.rulebook.version == "1.2.0"


def test_a_decision_saved_under_1_1_0_with_its_hash_is_told_of_the_version() -> None:
    """A 1.1.0 file records 1.1.0's content hash too: the notice names both versions (not
    'a differently edited copy'), and every answer is kept."""
    loaded = load_rulebook()
    old = load_decision(EXAMPLE)
    old.rulebook.version = "1.1.0"
    old.rulebook.hash = "sha256:3ec27fa59fd5fb9dd42da928b8b6a76acea920c111309df1b2bb2102341bcb75"
    fitted = reconcile(old, loaded.rulebook, loaded.hash)
    assert fitted.notices[0].startswith("This decision was made with version 1.1.0")
    assert fitted.decision.rulebook.hash == loaded.hash
    assert fitted.dropped == [] and fitted.decision.answers == old.answers


# ---- 1. the claim, everywhere the product describes itself -----------------------------


def _claims() -> dict[str, str]:
    from syslead_desktop.ui.welcome import welcome_html

    factors = [(f.title, f.summary) for f in _rb().factors]
    return {
        "README.md": (ROOT / "README.md").read_text(encoding="utf-8"),
        "metainfo": (
            ROOT / "packaging" / "linux" / "org.syslead.SysLeadDesktop.metainfo.xml"
        ).read_text(encoding="utf-8"),
        "rulebook description": _rb().description,
        "welcome, loading": welcome_html(None),
        "welcome": welcome_html(factors),
    }


@pytest.mark.parametrize("where", list(_claims()))
def test_the_product_says_the_factors_group_themes_raised_and_were_not_tested(
    where: str,
) -> None:
    text = " ".join(_claims()[where].split())
    assert not OVERCLAIMS.search(text), where
    assert "raised" in text and "interview" in text, where
    assert re.search(r"did not test which factors make (a|such a) decision succeed", text), where
    if where != "welcome, loading":  # shown for a moment, before the rulebook is read
        assert "preprint" in text, where  # ten interviews in a preprint, never presented as more


def test_no_doc_claims_the_factors_decide_whether_a_decision_holds() -> None:
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        assert not OVERCLAIMS.search(" ".join(doc.read_text(encoding="utf-8").split())), doc


def test_the_readme_bibliography_says_preprint() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    evidence = " ".join(readme.split("## Evidence", 1)[1].split())
    assert AUTHORS in evidence and "preprint" in evidence


# ---- the practice scenarios' notes, which the workshop debrief prints -------------------


def _note_points() -> Iterator[tuple[str, str, list[Citation]]]:
    for scenario in library(PRACTICE):
        for k, point in enumerate(scenario.notes.evidence):
            yield f"{scenario.id} point {k + 1}", " ".join(point.point.split()), point.cite


@pytest.mark.parametrize("point", list(_note_points()), ids=lambda p: p[0])
def test_practice_notes_cite_as_the_rulebook_does(
    point: tuple[str, str, list[Citation]],
) -> None:
    """A count goes to Table 2; one interviewee's words name that interviewee; the study
    and SCIE report what leaders said, never what they "found" to work."""
    what, text, cites = point
    count = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|all) of the ten\b")
    for cite in cites:
        locator = cite.locator or ""
        if locator == "Table 2":
            assert count.search(text.lower()) or "four of the" in text.lower(), what
        named = re.search(r"\((CE\d)\)", locator)
        if named:
            assert f"({named.group(1)})" in text, what
    assert not re.search(r"\b(SCIE|the study|research) found\b", text), what
    assert "what made it possible" not in text and "can be shown" not in text, what


# ---- 5. findings the rules leave out still reach the user -------------------------------


@pytest.mark.parametrize(
    ("finding", "where", "words", "locator"),
    [
        (
            "economies of scale",
            "question clinical_benefit",
            "savings from shared services",
            "Results: Helps with demand through an economy of scale and co-operation",
        ),
        (
            "root causes",
            "question clinical_benefit",
            "tackling the causes of ill health",
            "Results: Targeting interventions to greatest need and root causes",
        ),
        (
            "joint decisions win buy-in",
            "factor relationships",
            "decisions taken jointly",
            "Results: More support or buy-in to decisions made",
        ),
        (
            "administrative burden",
            "C-COORDINATION",
            "administrative burden",
            None,  # the safeguard's reason; its design cites the sub-theme
        ),
        ("SCIE's clarity domain", "factor success", "five domains", "Enablers of clarity"),
        (
            "SCIE's resources and finances domain",
            "factor stability",
            "short-term financial and operational pressure",
            "Barriers of resources and finances",
        ),
        (
            "SCIE's innovation and learning domain",
            "question risk_appetite",
            "less risk-averse culture",
            "Enablers of innovation and learning",
        ),
        (
            "SCIE's connectivity domain",
            "factor relationships",
            "open-book sharing",
            "Enablers of connectivity and relationships",
        ),
    ],
)
def test_a_finding_the_rules_leave_out_reaches_the_user(
    finding: str, where: str, words: str, locator: str | None
) -> None:
    found = {what: (" ".join(text.split()), cites) for what, text, cites in _texts_and_cites(_rb())}
    text, cites = found[where]
    assert words in text, finding
    if locator is not None:
        assert locator in {c.locator for c in cites}, finding


def test_the_equality_gap_is_told_to_the_board() -> None:
    strength = _rb().evidence_strength
    assert strength is not None
    point = next(p for p in strength.points if "equality, diversity and inclusion" in p.text)
    assert "edgehill2023" in {c.source for c in point.cite}


def test_the_rulebook_never_foretells_whether_a_decision_will_hold() -> None:
    """The study did not follow any decision up: the rulebook's reasons and summaries give
    its judgement, never a prediction that a decision would or would not hold."""
    rb = _rb()
    texts = [s.summary for s in rb.stances] + [t for _w, t, _c in _texts_and_cites(rb)]
    predictions = re.compile(
        r"would not hold|unlikely to hold|will hold|unlikely to be honoured|would do lasting"
    )
    for text in texts:
        assert not predictions.search(" ".join(text.split())), text


def test_what_scie_is_comes_from_its_about_this_report() -> None:
    """The SCIE report's method and dates are in 'About this report', not its key messages."""
    strength = _rb().evidence_strength
    assert strength is not None
    point = next(p for p in strength.points if "SCIE report adds" in p.text)
    assert ("scie2021", "About this report") in {(c.source, c.locator) for c in point.cite}
    assert "Key messages" not in {c.locator for c in point.cite}


def test_what_the_board_is_told_of_design_matches_the_rulebook() -> None:
    """The summary says almost all the rules are design, and the weight says what the
    evidence behind the rest is: both must stay true of the rules as they are."""
    rb = _rb()
    strength = rb.evidence_strength
    assert strength is not None
    items = [
        *(r for f in rb.factors for r in f.rules),
        *rb.stance_rules,
        *rb.safeguards,
        *(rb.review.rules if rb.review else []),
    ]
    design = sum(1 for i in items if i.design is not None)
    assert design / len(items) > 0.9
    assert "almost all of the rules are the rulebook's own judgement" in " ".join(
        strength.summary.split()
    )
    evidence_sources = {c.source for i in items if i.cite for c in i.cite}
    weight = " ".join(strength.weight.text.split())
    assert evidence_sources == {"gordon2021", "scie2021"}
    assert "ten chief executives" in weight and "SCIE" in weight and "untested" in weight


def test_segment_5_is_not_said_to_be_the_recovery_support_programme() -> None:
    """The sources name the Recovery Support Programme as segment 4 of the 2021/22 to
    2024/25 framework and segment 5 of 2025/26 only as intensive support; counting a
    2025/26 segment 4 as intensive is the rulebook's own call, and says so."""
    q = _rb().questions_by_id["oversight_segment"]
    help_text = " ".join((q.help or "").split())
    assert "Recovery Support Programme" not in help_text
    seg4 = " ".join((q.option("seg4").help or "").split())
    assert "Segment 4 until 2024/25 (the Recovery Support Programme)" in seg4
    assert "The rulebook counts a 2025/26 segment 4" in seg4
    glossary = {g.term: g.definition for g in _rb().glossary}
    assert "segment 4 of the 2021/22 to 2024/25" in glossary["Recovery Support Programme"]
