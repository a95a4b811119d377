"""A decision's follow-up, fitted to its assessment: its actions and success measures.

Every paper, export and view shows the decision with its follow-up fitted, so the
actions the board sees are always the conditions and safeguards the recommendation
carries (with the names, dates and progress the user has recorded), and each success
measure has its record. See domain/actions.py and domain/review.py for the rules.
"""

from __future__ import annotations

from ..domain.actions import sync_actions
from ..domain.assessment import Assessment
from ..domain.decision import Decision
from ..domain.review import sync_measures
from ..domain.rulebook import Rulebook


def with_follow_up(decision: Decision, assessment: Assessment, rulebook: Rulebook) -> Decision:
    """``decision`` with its actions and measures fitted (the same object when nothing
    changes, else a copy: ``decision`` itself is never changed)."""
    actions = sync_actions(
        decision.actions,
        assessment.safeguards,
        decision.board_paper.meeting_date,
        rulebook.timings,
        draft=decision.status == "draft",
    )
    measures = sync_measures(decision.measures, decision.framing.success_measures)
    if actions == decision.actions and measures == decision.measures:
        return decision
    return decision.model_copy(update={"actions": actions, "measures": measures})
