"""The plain-text form of ``syslead assess``: what the review page and the JSON say, for a
person reading a terminal — the recommendation, each rating and its reason, the
conditions, what would change the recommendation and the rules applied, each action and
rule with what it rests on (a cited source, or the rulebook's own design)."""

from __future__ import annotations

import textwrap

from .domain.assessment import Assessment, Counterfactual, FiredRule, SafeguardOut
from .engine.explain import basis_sentence, basis_text

WIDTH = 88


def _wrapped(text: str, indent: str, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _changes(title: str, ways: list[Counterfactual], none: str) -> list[str]:
    lines = [f"  {title}"]
    if not ways:
        return [*lines, *_wrapped(none, "    ", "    - ")]
    for way in ways:
        count = len(way.changes)
        lines += _wrapped(
            f"To reach “{way.stance_label}”, change {count} answer{'s' if count > 1 else ''}:",
            "      ",
            "    - ",
        )
        for change in way.changes:
            lines += _wrapped(
                f"{change.question_text} — {change.from_label} → {change.to_label}",
                "        ",
                "      · ",
            )
    return lines


def _basis(item: FiredRule | SafeguardOut) -> list[str]:
    """``Basis: Evidence: …`` or ``Basis: Tool design, building on … Why: …``."""
    why = f" Why: {item.design.rationale}" if item.design is not None else ""
    return _wrapped(f"Basis: {basis_text(item)}.{why}", "    ")


def assessment_text(a: Assessment, evidence: str | None = None) -> str:
    """``evidence``: the rulebook's one line on how strong its evidence is."""
    lines = [
        f"Recommendation: {a.stance_label} "
        f"({a.stance_rank + 1} of {a.stance_count}, from most cautious)",
        *_wrapped(a.stance_summary, "  "),
        *_wrapped(f"The Board is asked to {a.board_ask}.", "  "),
    ]
    if evidence:
        lines += [
            "",
            *_wrapped(f"How strong the evidence is: {' '.join(evidence.split())}", "  ", ""),
        ]
    lines += ["", "Factor ratings:"]
    for f in a.factors:
        lines += _wrapped(f"{f.title}: {f.rating_label}. {f.reason} [{f.rule}]", "    ", "  - ")
        for d in f.drivers:
            lines += _wrapped(f"{d.question_text} — {d.answer_label}", "        ", "      · ")
    lines += ["", "Conditions and safeguards:"]
    if not a.safeguards:
        lines.append("  - None: no extra conditions are needed.")
    else:
        lines += _wrapped(basis_sentence(a.safeguards, "conditions and safeguards"), "  ")
    for s in a.safeguards:
        lines += _wrapped(s.text, "    ", "  - ")
        lines += _wrapped(f"Owner: {s.owner}. When: {s.timing}.", "    ")
        lines += _wrapped(f"Why: {s.reason} [{s.id}]", "    ")
        lines += _basis(s)
    lines += ["", "What would change the recommendation:"]
    lines += _changes(
        "One step more positive:",
        a.counterfactuals.up,
        "This is already the most positive recommendation.",
    )
    lines += _changes(
        "One step more cautious:",
        a.counterfactuals.down,
        "This is already the most cautious recommendation.",
    )
    lines += ["", "Rules applied:", *_wrapped(basis_sentence(a.rules, "rules applied"), "  ")]
    for r in a.rules:
        lines += _wrapped(f"{r.id}: {r.reason}", "    ", "  - ")
        lines += _basis(r)
    lines += ["", f"Rulebook {a.rulebook.id} {a.rulebook.version}"]
    return "\n".join(lines)
