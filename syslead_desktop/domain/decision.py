"""The decision file: framing, answers, notes and board-paper details.

Stored as YAML with ``schema_version``.  See docs/decision-file.md for the format.
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .actions import ActionList
from .base import EditableModel, Identifier
from .lifecycle import Resolution, Status, StatusChange
from .review import Measure, Review
from .trust import TrustStamp

DECISION_SCHEMA_VERSION = 3
#: A decision's identity in the register: 32 lower-case hex digits (a UUID's).
DecisionId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]

Purpose = Literal["decision", "assurance", "discussion", "information"]
PURPOSE_LABELS: dict[str, str] = {
    "decision": "For decision",
    "assurance": "For assurance",
    "discussion": "For discussion",
    "information": "For information",
}
MeetingKind = Literal["public", "private"]
CQC_DOMAINS = ("Safe", "Effective", "Caring", "Responsive", "Well-led")


class RulebookRef(EditableModel):
    """Which rulebook the answers were given against."""

    id: Identifier
    version: str
    hash: str | None = None


class Person(EditableModel):
    name: str = ""
    role: str = ""


class Framing(EditableModel):
    """The decision in the chief executive's own words."""

    title: str = ""
    description: str = ""
    partners: list[str] = []
    cost_to_trust: str = Field(default="", description="Financial and other costs to the trust.")
    benefit_to_population: str = Field(
        default="", description="Benefit to the system and the population it serves."
    )
    options_considered: list[str] = []
    success_measures: list[str] = []
    review_date: dt.date | None = None


class BoardPaper(EditableModel):
    """Cover-sheet details for the board paper."""

    meeting: str = "Board of Directors"
    meeting_kind: MeetingKind = "public"
    meeting_date: dt.date | None = None
    agenda_item: str = ""
    purpose: Purpose = "decision"
    author: Person = Person()
    executive_lead: Person = Person()
    strategic_objectives: list[str] = []
    baf_risks: list[str] = []
    cqc_domains: list[Literal["Safe", "Effective", "Caring", "Responsive", "Well-led"]] = []
    financial_implications: str = ""
    quality_equality_implications: str = ""
    regulatory_implications: str = ""
    previously_considered_by: str = ""


class Decision(EditableModel):
    schema_version: Literal[3] = 3
    id: DecisionId | None = Field(default=None, description="Stable identity in the register.")
    rulebook: RulebookRef
    trust: TrustStamp | None = Field(default=None, description="The trust it was made for.")
    framing: Framing = Framing()
    answers: dict[Identifier, Identifier] = Field(
        default={}, description="Question id -> chosen option id."
    )
    notes: dict[Identifier, str] = Field(
        default={}, description="Factor id (or 'framing') -> the CEO's own notes."
    )
    board_paper: BoardPaper = BoardPaper()
    status: Status = "draft"
    history: list[StatusChange] = Field(default=[], description="Every change of status.")
    resolution: Resolution | None = Field(default=None, description="What the board resolved.")
    supersedes: DecisionId | None = None
    superseded_by: DecisionId | None = None
    actions: ActionList = Field(default=[], description="Conditions and safeguards, followed up.")
    measures: list[Measure] = Field(default=[], description="Success measures: target, actual.")
    review: Review | None = Field(default=None, description="The report back at the review date.")
    created: dt.date | None = None
    updated: dt.date | None = None


def date_problem(decision: Decision) -> tuple[str, str] | None:
    """The field and the reason when the decision's dates contradict each other."""
    review = decision.framing.review_date
    meeting = decision.board_paper.meeting_date
    if review is not None and meeting is not None and review < meeting:
        return (
            "framing.review_date",
            f"the review date ({review.isoformat()}) is before the meeting date "
            f"({meeting.isoformat()}); a decision is reviewed after it is taken",
        )
    return None
