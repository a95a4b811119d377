"""Small random rulebooks for property-based tests (hypothesis), and a way to load one.

Each is well referenced (so every check runs), but its rules are drawn at random: tables
with gaps, clashes, rules that never fire, non-monotone steps, exceptions that are and
are not needed, safeguards that read answers, ratings and the stance.  Every table stays
small enough to be enumerated combination by combination."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from syslead_desktop.engine.loader import LoadedRulebook
from syslead_desktop.locations import default_rulebook_path
from syslead_desktop.services.rulebook_file import load_rulebook

_names = itertools.count()


def _question(ident: str, options: int, ordered: bool, movable: bool) -> dict[str, Any]:
    return {
        "id": ident,
        "text": f"{ident}?",
        "ordered": ordered,
        "counterfactual": movable,
        "options": [{"id": f"{ident}_{k}", "label": f"{ident} {k}"} for k in range(options)],
    }


Input = tuple[
    str, str, tuple[str, ...], bool
]  # kind ("question"/"factor"/"stance"), id, values, ordered


# A condition is drawn in the abstract, its atoms as numbers, and then made concrete for
# the inputs at hand: so one strategy serves every table (building a recursive strategy
# costs far more than drawing from it).
_ATOM = st.tuples(
    st.integers(0, 11), st.integers(0, 3), st.lists(st.integers(0, 5), min_size=1, max_size=3)
)


def _combine(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    parts = st.lists(inner, min_size=1, max_size=3)
    bound = st.integers(0, 3)
    return st.one_of(
        st.builds(lambda p: {"all": p}, parts),
        st.builds(lambda p: {"any": p}, parts),
        st.builds(lambda c: {"not": c}, inner),
        st.builds(lambda p, n: {"count": p, "at_least": n}, parts, bound),
        st.builds(lambda p, n: {"count": p, "at_most": n}, parts, bound),
        st.builds(lambda p, n, m: {"count": p, "at_least": n, "at_most": m}, parts, bound, bound),
    )


_ABSTRACT = st.recursive(_ATOM, _combine, max_leaves=5)


def _concrete(cond: Any, inputs: list[Input], rising: bool) -> dict[str, Any]:
    """``cond`` reading ``inputs``; ``rising``: one that a better value of an ordered
    input never turns false (``at_least`` atoms, no ``not``, no ``count`` at most)."""
    if isinstance(cond, tuple):
        which, op_number, picks = cond
        kind, ident, values, ordered = inputs[which % len(inputs)]
        ops = ["is", "in", "at_least", "at_most"] if ordered else ["is", "in", "is", "in"]
        op = "at_least" if rising and ordered else ops[op_number]
        if op == "at_least" and rising:  # never the lowest value: that always holds
            values = values[1:]
        chosen = list(dict.fromkeys(values[p % len(values)] for p in picks))
        operand: Any = chosen if op == "in" else chosen[0]
        return {"stance": {op: operand}} if kind == "stance" else {kind: ident, op: operand}
    if "not" in cond:
        inner = _concrete(cond["not"], inputs, rising)
        return inner if rising else {"not": inner}
    key = next(k for k in ("all", "any", "count") if k in cond)
    found = {**cond, key: [_concrete(c, inputs, rising) for c in cond[key]]}
    if rising and "at_most" in found:
        found.setdefault("at_least", found.pop("at_most"))
        found.pop("at_most", None)
    return found


def conditions(inputs: list[Input], rising: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """Conditions that read ``inputs`` (see :func:`_concrete` for ``rising``)."""
    return _ABSTRACT.map(lambda cond: _concrete(cond, inputs, rising))


@st.composite
def _ladder(
    draw: st.DrawFn,
    prefix: str,
    inputs: list[Input],
    outcomes: list[str],
    key: str,
    rising: bool,
) -> list[dict[str, Any]]:
    """A table that is complete and consistent by construction (and monotone when
    ``rising``): from the best outcome down, each rule fires when its condition holds and
    no rule above it does, and an ``otherwise`` rule gives the worst."""
    rules: list[dict[str, Any]] = []
    above: list[dict[str, Any]] = []
    for k, outcome in enumerate(reversed(outcomes[1:])):
        when = draw(conditions(inputs, rising))
        rule = {"id": f"{prefix}-{k}", "reason": "r", key: outcome, "when": when}
        if above:
            rule["when"] = {"all": [when, {"not": {"any": list(above)}}]}
        above.append(when)
        rules.append(rule)
    rules.append({"id": f"{prefix}-E", "otherwise": True, "reason": "r", key: outcomes[0]})
    return rules


@st.composite
def _rules(
    draw: st.DrawFn, prefix: str, inputs: list[Input], outcomes: list[str], key: str, sound: bool
) -> list[dict[str, Any]]:
    mode = 0 if sound else draw(st.integers(0, 2))
    if mode < 2:  # a ladder, rising (monotone) or not
        return draw(_ladder(prefix, inputs, outcomes, key, mode == 0))
    rules = []
    for k in range(draw(st.integers(1, 4))):
        rule: dict[str, Any] = {
            "id": f"{prefix}-{k}",
            "reason": "r",
            key: draw(st.sampled_from(outcomes)),
        }
        rule["when"] = draw(conditions(inputs))
        if draw(st.integers(0, 4)) == 0:
            named = draw(st.sampled_from([i for i in inputs if i[3]] or inputs))
            rule["monotonicity_exception"] = {"inputs": [named[1]], "reason": "r"}
        rules.append(rule)
    if draw(st.booleans()):
        for k in range(draw(st.integers(1, 2))):
            rules.append(
                {
                    "id": f"{prefix}-E{k}",
                    "otherwise": True,
                    "reason": "r",
                    key: draw(st.sampled_from(outcomes)),
                }
            )
    return rules


@st.composite
def rulebooks(draw: st.DrawFn) -> dict[str, Any]:
    """A rulebook as plain data (load it with :func:`load`)."""
    sound = draw(st.booleans())  # every table complete, consistent and monotone
    ratings = [f"rating{k}" for k in range(draw(st.integers(2, 3)))]
    stances = [f"stance{k}" for k in range(draw(st.integers(2, 4)))]

    def questions(prefix: str, most: int) -> list[dict[str, Any]]:
        return [
            _question(
                f"{prefix}{k}",
                draw(st.integers(2, 4)),
                draw(st.booleans()),
                draw(st.integers(0, 3)) > 0,
            )
            for k in range(draw(st.integers(1 if prefix != "fr" else 0, most)))
        ]

    def as_inputs(found: list[dict[str, Any]]) -> list[Input]:
        return [
            ("question", q["id"], tuple(o["id"] for o in q["options"]), q["ordered"]) for q in found
        ]

    framing = questions("fr", 2)
    factors = []
    for f in range(draw(st.integers(1, 3))):
        own = questions(f"f{f}q", 3)
        factors.append(
            {
                "id": f"f{f}",
                "title": f"F{f}",
                "summary": "s",
                "why_it_matters": "w",
                "questions": own,
                "rules": draw(_rules(f"R{f}", as_inputs(own), ratings, "rating", sound)),
            }
        )
    rated: list[Input] = [("factor", f["id"], tuple(ratings), True) for f in factors]
    stance_inputs = rated + as_inputs(framing)
    every_question = as_inputs(framing) + [i for f in factors for i in as_inputs(f["questions"])]
    safeguard_inputs = every_question + rated + [("stance", "", tuple(stances), True)]
    safeguards = [
        {
            "id": f"C-{k}",
            "text": "t",
            "owner": "o",
            "timing": "t",
            "reason": "r",
            "when": draw(conditions(safeguard_inputs)),
        }
        for k in range(draw(st.integers(0, 3)))
    ]
    return {
        "schema_version": 1,
        "id": "generated",
        "version": "1",
        "title": "A generated rulebook",
        "ratings": [{"id": r, "label": r} for r in ratings],
        "stances": [{"id": s, "label": s, "summary": "s", "board_ask": "b"} for s in stances],
        "sources": [{"id": "src", "short": "Src", "reference": "A source."}],
        "framing": {"questions": framing},
        "factors": factors,
        "stance_rules": draw(_rules("S", stance_inputs, stances, "stance", sound)),
        "safeguards": safeguards,
    }


def load(folder: Path, data: dict[str, Any]) -> LoadedRulebook:
    """``data`` written to a file of its own in ``folder`` and loaded from there."""
    path = folder / f"rulebook-{next(_names)}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=200), encoding="utf-8")
    return load_rulebook(path)


def shipped_data() -> dict[str, Any]:
    """The shipped rulebook file's own data, to make variants from (a rulebook read back
    from the user folder's cache keeps no parse of its file, only its lines on demand)."""
    data = yaml.safe_load(default_rulebook_path().read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data
