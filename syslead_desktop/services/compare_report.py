"""A comparison as text for the terminal and as the stable JSON of ``syslead compare``."""

from __future__ import annotations

from typing import Any

from .compare import Comparison, Row, TeamResult

COMPARE_SCHEMA_VERSION = 1
NO_ANSWER = "(no answer)"
MAX_NAMED = 3  # unanswered questions named for a team; the rest are counted
QUESTIONS_HEADING = "Questions, widest disagreement first:"


def _shown(
    comparison: Comparison, only_differences: bool, rows: list[Row] | None = None
) -> list[Row]:
    """``rows`` (the comparison's, in the rulebook's order, by default) less those the
    teams agree on, when only the differences are asked for."""
    chosen = list(comparison.rows) if rows is None else rows
    return [r for r in chosen if not (only_differences and r.agreed)]


def _team_json(comparison: Comparison, team: TeamResult, name: str) -> dict[str, Any]:
    a = team.assessment
    return {
        "name": name,
        "title": team.title,
        "source": team.source,
        "complete": team.complete,
        "missing": [
            {"id": qid, "text": text}
            for qid, text in zip(team.missing, comparison.missing_text(team), strict=True)
        ],
        "stance": a.stance if a else None,
        "stance_label": a.stance_label if a else None,
        "stance_rank": a.stance_rank if a else None,
        "ratings": dict(team.ratings),
    }


def _row_json(comparison: Comparison, row: Row) -> dict[str, Any]:
    why = comparison.why(row)
    return {
        "kind": row.kind,
        "id": row.id,
        "text": row.text,
        "section": row.section,
        "values": list(row.values),
        "answers": list(row.keys),
        "ranks": list(row.ranks),
        "scale": list(row.scale),
        "ordered": row.ordered,
        "agreed": row.agreed,
        "unanswered": row.unanswered,
        "spread": row.spread,
        "disagreement": round(row.disagreement, 4),
        "citations": list(why.citations),
    }


def to_json(
    comparison: Comparison, *, only_differences: bool = False, anonymous: bool = False
) -> dict[str, Any]:
    names = comparison.names(anonymous)
    rb = comparison.rulebook
    return {
        "schema_version": COMPARE_SCHEMA_VERSION,
        "rulebook": {"id": rb.id, "version": rb.version, "hash": comparison.rulebook_hash},
        "warnings": comparison.warnings_for(anonymous),
        "teams": [
            _team_json(comparison, t, n) for t, n in zip(comparison.teams, names, strict=True)
        ],
        "rows": [_row_json(comparison, r) for r in _shown(comparison, only_differences)],
        "disagreements": comparison.disagreements,
        "largest_disagreements": [r.id for r in comparison.largest_disagreements()],
    }


def _unanswered(questions: list[str], asked: int) -> str:
    """The questions a team has still to answer: the first few by name, the rest counted
    (a blank team's 22, all on one line, were a wall of text before the summary)."""
    count = len(questions)
    if count >= asked:
        return f"no question answered yet (all {asked} to answer)"
    named = questions if count <= MAX_NAMED + 1 else questions[:MAX_NAMED]
    more = f"; and {count - len(named)} more" if count > len(named) else ""
    return f"{count} question{'s' * (count != 1)} unanswered: {'; '.join(named)}{more}"


def to_text(
    comparison: Comparison, *, only_differences: bool = False, anonymous: bool = False
) -> str:
    """The comparison for the terminal, in the order the projector shows it (the
    recommendation and the ratings, then the questions widest disagreement first); the
    JSON keeps the rulebook's order, for scripts."""
    names = comparison.names(anonymous)
    lines = ["Teams: " + "  ".join(f"[{i + 1}] {n}" for i, n in enumerate(names)), ""]
    heading = False
    for row in _shown(comparison, only_differences, comparison.for_discussion()):
        if row.kind == "question" and not heading:
            lines += ["", QUESTIONS_HEADING]
            heading = True
        mark = " " if row.agreed else "≠"
        spread = ""
        if not row.agreed and row.ordered and row.kind == "question":
            spread = f"  (spread {row.spread} of {len(row.scale) - 1} steps)"
        lines.append(f"{mark} {row.text}{spread}")
        for i, value in enumerate(row.values):
            if value is None and row.kind == "stance":
                value = f"Incomplete: {len(comparison.teams[i].missing)} unanswered"
            lines.append(f"      [{i + 1}] {value or NO_ANSWER}")
    lines.append("")
    asked = sum(1 for row in comparison.rows if row.kind == "question")
    for team, name in zip(comparison.teams, names, strict=True):
        if team.missing:
            missing = _unanswered(comparison.missing_text(team), asked)
            lines.append(f"{name} is incomplete: {missing}")
    differing = comparison.disagreements
    lines.append(f"{differing} of {len(comparison.rows)} lines differ between teams.")
    return "\n".join(lines)
