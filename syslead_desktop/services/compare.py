"""Compare several teams' answers to the same decision (for workshop facilitators)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .workflow import Assessed


@dataclass(frozen=True)
class Row:
    """One line of the comparison: a question, a factor rating or the stance."""

    kind: str  # "question", "rating" or "stance"
    id: str
    text: str
    values: tuple[str, ...]  # one label per team

    @property
    def agreed(self) -> bool:
        return len(set(self.values)) <= 1


def compare(teams: Sequence[tuple[str, Assessed]]) -> list[Row]:
    """Rows in rulebook order: stance first, then each section's questions and rating.

    All teams must have used the same rulebook (the caller loads them with one).
    """
    if not teams:
        return []
    rulebook = teams[0][1].loaded.rulebook
    rows = [
        Row(
            "stance",
            "stance",
            "Recommendation",
            tuple(a.assessment.stance_label for _n, a in teams),
        ),
    ]
    sections = [(None, rulebook.framing.questions)] + [(f, f.questions) for f in rulebook.factors]
    for factor, questions in sections:
        for question in questions:
            labels = []
            for _name, assessed in teams:
                answer = assessed.decision.answers.get(question.id)
                labels.append(question.option(answer).label if answer else "(no answer)")
            rows.append(Row("question", question.id, question.text, tuple(labels)))
        if factor is not None:
            rows.append(
                Row(
                    "rating",
                    factor.id,
                    f"{factor.title}: rating",
                    tuple(a.assessment.factor(factor.id).rating_label for _n, a in teams),
                )
            )
    return rows


def to_json(teams: Sequence[tuple[str, Assessed]], rows: Sequence[Row]) -> dict[str, Any]:
    return {
        "teams": [
            {
                "name": name,
                "title": a.decision.framing.title,
                "stance": a.assessment.stance,
                "stance_rank": a.assessment.stance_rank,
            }
            for name, a in teams
        ],
        "rows": [
            {
                "kind": r.kind,
                "id": r.id,
                "text": r.text,
                "values": list(r.values),
                "agreed": r.agreed,
            }
            for r in rows
        ],
        "disagreements": sum(1 for r in rows if not r.agreed),
    }


def to_text(
    teams: Sequence[tuple[str, Assessed]], rows: Sequence[Row], only_differences: bool
) -> str:
    names = [name for name, _a in teams]
    lines = ["Teams: " + ", ".join(f"[{i + 1}] {n}" for i, n in enumerate(names)), ""]
    for row in rows:
        if only_differences and row.agreed and row.kind == "question":
            continue
        mark = " " if row.agreed else "≠"
        lines.append(f"{mark} {row.text}")
        for i, value in enumerate(row.values):
            lines.append(f"      [{i + 1}] {value}")
    differing = sum(1 for r in rows if not r.agreed)
    lines.append("")
    lines.append(f"{differing} of {len(rows)} lines differ between teams.")
    return "\n".join(lines)
