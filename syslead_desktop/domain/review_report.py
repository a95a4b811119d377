"""What a review reports: the JSON contract of ``syslead review --json`` and what the review
paper prints (docs/cli.md)."""

from pydantic import BaseModel, ConfigDict, Field

from .assessment import CitationOut, DesignOut

REVIEW_SCHEMA_VERSION = 1


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # see base.py


class OriginalDecision(_Out):
    """The decision being reviewed, as the board took it."""

    meeting: str
    meeting_date: str | None
    agenda_item: str
    status: str
    outcome: str | None
    outcome_label: str
    resolution_date: str | None
    minute_reference: str
    amendments: str
    stance: str
    stance_label: str


class MeasureOut(_Out):
    text: str
    target: str
    actual: str
    result: str | None = Field(description="met, partly_met, not_met, or null: not entered.")
    result_label: str
    comment: str


class ActionOut(_Out):
    id: str
    text: str
    owner: str
    due: str | None
    status: str
    status_label: str
    state: str = Field(description="For the review rules: done, open, overdue or dropped.")
    reason: str
    latest_on: str | None
    latest_note: str


class AnswerOut(_Out):
    question: str
    text: str
    then: str | None
    then_label: str
    now: str | None
    now_label: str
    changed: bool


class RatingOut(_Out):
    rating: str
    label: str
    colour: str
    rank: int


class FactorOut(_Out):
    id: str
    title: str
    then: RatingOut
    now: RatingOut | None
    move: str | None = Field(description="worse, same or better; null until answered again.")
    answers: list[AnswerOut]
    notes_then: str
    notes_now: str


class ReviewRuleOut(_Out):
    id: str
    outcome: str
    reason: str
    citations: list[CitationOut]
    design: DesignOut | None


class ReviewReport(_Out):
    schema_version: int = REVIEW_SCHEMA_VERSION
    id: str | None
    title: str
    as_at: str | None = Field(description="The review's date: overdue actions are counted then.")
    meeting: str
    meeting_date: str | None
    agenda_item: str
    original: OriginalDecision
    measures: list[MeasureOut]
    measure_counts: dict[str, int]
    actions: list[ActionOut]
    action_counts: dict[str, int]
    factors: list[FactorOut]
    stance_now: str | None
    stance_now_label: str
    stance_change: str | None
    outcome: str | None
    outcome_label: str
    outcome_summary: str
    board_ask: str
    rules: list[str]
    reasons: list[ReviewRuleOut]
    next_review_date: str | None
    missing: list[str] = Field(description="What is still to enter before the paper can be made.")
