"""The counterfactual search gives what its definition says.

``find_counterfactuals`` works on the rulebook's compiled tables (engine/tables.py): each
worked out over the classes of answers its rules tell apart, as bitsets.  Here it is
checked against a brute-force reference kept in this file, written straight from the
definition and trying every candidate with the plain evaluator, on random answers to the
shipped rulebook and to variants of it.  (tests/unit/test_engine_equivalence.py checks it
against the search it replaced, on random rulebooks.)
"""

from __future__ import annotations

import copy
import itertools
import random
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syslead_desktop.domain.assessment import Counterfactuals
from syslead_desktop.domain.rulebook import Rulebook
from syslead_desktop.engine import counterfactuals as cf
from syslead_desktop.engine.conditions import Context, EngineError, Scales
from syslead_desktop.engine.firing import rate_factor, stance_of
from syslead_desktop.engine.tables import compiled_tables
from syslead_desktop.services.decision_file import load_decision
from syslead_desktop.services.rulebook_file import load_rulebook
from tests.oracle.rulebooks import shipped_data

from ..conftest import EXAMPLES

LOADED = load_rulebook()
RB = LOADED.rulebook
Changes = tuple[tuple[str, str], ...]


def _answers(rb: Rulebook) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries(
        {q.id: st.sampled_from(q.option_ids()) for q in rb.all_questions()}
    )


def _random_answers(rb: Rulebook, rng: random.Random) -> dict[str, str]:
    return {q.id: rng.choice(q.option_ids()) for q in rb.all_questions()}


# ---- the reference ----------------------------------------------------------------------

_STANCES: dict[int, tuple[Rulebook, dict[tuple[str, ...], str]]] = {}


def _stance(rb: Rulebook, answers: Mapping[str, str], ratings: dict[str, str], memo: bool) -> str:
    """The plain stance; kept between calls when the stance rules read only ratings and
    framing answers (then those are all it depends on)."""
    if not memo:
        return stance_of(rb, answers, ratings, Scales.of(rb)).outcome
    entry = _STANCES.setdefault(id(rb), (rb, {}))
    assert entry[0] is rb
    key = (*ratings.values(), *(answers[q.id] for q in rb.framing.questions))
    if key not in entry[1]:
        entry[1][key] = stance_of(rb, answers, ratings, Scales.of(rb)).outcome
    return entry[1][key]


def reference(rb: Rulebook, answers: Mapping[str, str], memo: bool = True) -> dict[str, Any]:
    """Straight from the definition in engine/counterfactuals.py, one candidate at a time.

    A candidate is one rating for each factor, reached by the first of the cheapest
    changes to its own answers, and one answer to each framing question; its cost is the
    number of answers changed.  For one step up and one step down: the cheapest candidates
    that reach that stance, the first three in product order.
    """
    scales = Scales.of(rb)
    order = {q.id: i for i, q in enumerate(rb.all_questions())}
    per_factor = []
    for factor in rb.factors:
        free = [q for q in factor.questions if q.counterfactual]
        best: dict[str, Changes] = {}
        for combo in itertools.product(*(q.option_ids() for q in free)):
            trial = {q.id: answers[q.id] for q in factor.questions}
            trial.update(zip((q.id for q in free), combo, strict=True))
            rating = rate_factor(factor, Context(trial, {}), scales).outcome
            changes = tuple(
                (q.id, o) for q, o in zip(free, combo, strict=True) if o != answers[q.id]
            )
            if rating not in best or len(changes) < len(best[rating]):
                best[rating] = changes
        per_factor.append(sorted(best.items()))
    framing = [q for q in rb.framing.questions if q.counterfactual]
    ratings_now = {f.id: rate_factor(f, Context(answers, {}), scales).outcome for f in rb.factors}
    current = scales.stance_ranks[stance_of(rb, answers, ratings_now, scales).outcome]

    candidates: list[tuple[int, int, Changes, str]] = []  # cost, position, changes, stance
    for picks in itertools.product(*per_factor):
        ratings = {f.id: rating for f, (rating, _c) in zip(rb.factors, picks, strict=True)}
        for combo in itertools.product(*(q.option_ids() for q in framing)):
            trial = {**answers, **{q.id: o for q, o in zip(framing, combo, strict=True)}}
            changed = [(q.id, o) for q, o in zip(framing, combo, strict=True) if o != answers[q.id]]
            changed += [c for _rating, changes in picks for c in changes]
            if changed:
                stance = _stance(rb, trial, ratings, memo)
                ordered = tuple(sorted(changed, key=lambda c: order[c[0]]))
                candidates.append((len(changed), len(candidates), ordered, stance))
    result: dict[str, Any] = {}
    for direction, step in (("up", 1), ("down", -1)):
        wanted = [c for c in candidates if scales.stance_ranks[c[3]] == current + step]
        cheapest = min((c[0] for c in wanted), default=None)
        kept = dict.fromkeys((c[2], c[3]) for c in sorted(wanted) if c[0] == cheapest)
        result[direction] = list(kept)[: cf.MAX_ALTERNATIVES]
    return result


def _plain(found: Counterfactuals, rb: Rulebook) -> dict[str, Any]:
    """An assessment's counterfactuals as (changes, stance) pairs, checked for consistency."""
    result: dict[str, Any] = {}
    for direction in ("up", "down"):
        rows = []
        for alt in getattr(found, direction):
            assert alt.stance_rank == rb.stance_ids().index(alt.stance)
            assert alt.stance_label == rb.stance(alt.stance).label
            rows.append((tuple((c.question, c.to_answer) for c in alt.changes), alt.stance))
        result[direction] = rows
    return result


def _fast(rb: Rulebook, answers: Mapping[str, str]) -> dict[str, Any]:
    return _plain(cf.find_counterfactuals(rb, answers, Scales.of(rb)), rb)


# ---- variants of the shipped rulebook ---------------------------------------------------


def _variant(change: Any) -> Rulebook:
    data = shipped_data()  # the YAML as read
    change(data)
    return Rulebook.model_validate(data)


def _fix_some_questions(seed: int) -> Rulebook:
    """Some questions may not be changed by 'what would change this'."""
    rng = random.Random(seed)

    def change(data: dict[str, Any]) -> None:
        for section in [data["framing"], *data["factors"]]:
            for question in section["questions"]:
                if rng.random() < 0.3:
                    question["counterfactual"] = False

    return _variant(change)


VARIANTS = [_fix_some_questions(seed) for seed in range(4)]


# ---- tests ------------------------------------------------------------------------------


def test_the_compiled_tables_give_the_plain_outcome_at_every_combination() -> None:
    scales = Scales.of(RB)
    compiled = compiled_tables(RB)
    for factor, table in zip(RB.factors, compiled.factors, strict=True):
        assert not table.table.faulty
        for combo in itertools.product(*(range(len(i.values)) for i in table.inputs)):
            answers = {i.id: i.values[v] for i, v in zip(table.inputs, combo, strict=True)}
            rating = rate_factor(factor, Context(answers, {}), scales).outcome
            assert table.table.outcomes[rating] >> table.point(combo) & 1, (factor.id, answers)
    table = compiled.stance
    assert table is not None and not table.table.faulty
    base = {q.id: q.options[0].id for q in RB.all_questions()}
    for combo in itertools.product(*(range(len(i.values)) for i in table.inputs)):
        values = {i.key: i.values[v] for i, v in zip(table.inputs, combo, strict=True)}
        ratings = {f.id: values["factor", f.id] for f in RB.factors}
        answers = {**base, **{k[1]: v for k, v in values.items() if k[0] == "question"}}
        stance = stance_of(RB, answers, ratings, scales).outcome
        assert table.table.outcomes[stance] >> table.point(combo) & 1, (ratings, answers)


@settings(max_examples=60, deadline=None)
@given(_answers(RB))
def test_counterfactuals_match_the_brute_force_reference(answers: dict[str, str]) -> None:
    assert _fast(RB, answers) == reference(RB, answers)


@pytest.mark.parametrize("index", range(len(VARIANTS)))
def test_questions_that_may_not_change_are_respected(index: int) -> None:
    rb = VARIANTS[index]
    rng = random.Random(index)
    for _ in range(8):
        answers = _random_answers(rb, rng)
        found = _fast(rb, answers)
        assert found == reference(rb, answers)
        fixed = {q.id for q in rb.all_questions() if not q.counterfactual}
        assert not {qid for d in found.values() for changes, _s in d for qid, _o in changes} & fixed


def test_the_examples_give_what_the_reference_gives() -> None:
    for path in sorted(EXAMPLES.rglob("*.syslead.yaml")):
        answers = load_decision(path).answers
        assert _fast(RB, answers) == reference(RB, answers)


def _stance_reads_a_factor_question(data: dict[str, Any]) -> None:
    """Something ``rules check`` faults (it changes nothing: A or (A and B) is A)."""
    rule = data["stance_rules"][0]
    also = {"question": "success_defined", "is": "not_defined"}
    rule["when"] = {"any": [rule["when"], {"all": [rule["when"], also]}]}


def test_a_stance_rule_reading_a_factor_question_reads_the_answer_as_it_is() -> None:
    rb = _variant(_stance_reads_a_factor_question)
    assert compiled_tables(rb).stance is None
    rng = random.Random(7)
    for _ in range(2):
        answers = _random_answers(rb, rng)
        assert _fast(rb, answers) == reference(rb, answers, memo=False)


def test_a_gap_in_a_factor_table_is_reported_as_before() -> None:
    def drop_otherwise(data: dict[str, Any]) -> None:
        factor = data["factors"][0]
        factor["rules"] = [r for r in factor["rules"] if not r.get("otherwise")]

    rb = _variant(drop_otherwise)
    answers = {q.id: q.options[-1].id for q in rb.all_questions()}
    with pytest.raises(EngineError, match="no rule in factor 'success' covers these answers"):
        cf.find_counterfactuals(rb, answers, Scales.of(rb))


def test_an_unanswered_question_that_nothing_reads_stays_as_it_is() -> None:
    """An optional question no rule reads, left unanswered, is never suggested (it made
    the search fail with a KeyError before)."""

    def add(data: dict[str, Any]) -> None:
        extra = copy.deepcopy(data["factors"][0]["questions"][0])
        extra.update(id="extra_question", required=False)
        data["factors"][0]["questions"].append(extra)

    rb = _variant(add)
    answers = {q.id: q.options[0].id for q in rb.all_questions() if q.id != "extra_question"}
    found = _fast(rb, answers)
    assert found["up"] and not {q for d in found.values() for c, _s in d for q, _o in c} & {
        "extra_question"
    }
