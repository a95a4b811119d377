"""The result of applying a rulebook to a decision: the JSON contract of ``syslead assess``."""

from pydantic import BaseModel, ConfigDict, Field

ASSESSMENT_SCHEMA_VERSION = 1


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # see base.py


class RulebookStamp(_Out):
    id: str
    version: str
    hash: str


class CitationOut(_Out):
    source: str
    locator: str | None
    text: str = Field(description='e.g. "Gordon 2021, Table 2".')


class DesignOut(_Out):
    """A rule or safeguard that is the rulebook's own judgement rather than a finding."""

    builds_on: str
    citations: list[CitationOut]
    rationale: str
    text: str = Field(description='e.g. "Tool design, building on … (Gordon 2021, …)".')


class Driver(_Out):
    question: str
    question_text: str
    answer: str
    answer_label: str


class FactorResult(_Out):
    id: str
    title: str
    rating: str
    rating_label: str
    rating_rank: int = Field(description="0 = least supportive.")
    colour: str
    rule: str = Field(description="Id of the rating rule that fired.")
    reason: str
    drivers: list[Driver] = Field(description="The answers that decided this rating.")


class FiredRule(_Out):
    id: str
    level: str = Field(description="'factor:<id>' or 'stance'.")
    outcome: str
    reason: str
    citations: list[CitationOut] = Field(description="The sources that support it.")
    design: DesignOut | None = Field(
        default=None, description="Set instead when it is the rulebook's own judgement."
    )


class SafeguardOut(_Out):
    id: str
    text: str
    owner: str
    timing: str
    reason: str
    citations: list[CitationOut]
    design: DesignOut | None = None


class AnswerChange(_Out):
    question: str
    question_text: str
    from_answer: str
    from_label: str
    to_answer: str
    to_label: str


class Counterfactual(_Out):
    stance: str
    stance_label: str
    stance_rank: int
    changes: list[AnswerChange]


class Counterfactuals(_Out):
    up: list[Counterfactual] = Field(description="Smallest changes that move one step up.")
    down: list[Counterfactual] = Field(description="Smallest changes that move one step down.")


class Assessment(_Out):
    schema_version: int = ASSESSMENT_SCHEMA_VERSION
    rulebook: RulebookStamp
    stance: str
    stance_label: str
    stance_rank: int = Field(description="Position in the ordered stance list; 0 = most cautious.")
    stance_count: int
    stance_summary: str
    board_ask: str
    stance_rule: str
    factors: list[FactorResult]
    fired_rules: list[str]
    rules: list[FiredRule]
    safeguards: list[SafeguardOut]
    counterfactuals: Counterfactuals

    def factor(self, factor_id: str) -> "FactorResult":
        for factor in self.factors:
            if factor.id == factor_id:
                return factor
        raise KeyError(factor_id)
