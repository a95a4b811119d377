"""The rulebook: questions, ordered scales, decision tables, safeguards and sources.

Everything the wizard asks and every rule the engine applies lives in YAML that is
validated by these models.  Scales are ordered from the least to the most supportive
of the decision going ahead.
"""

from functools import cached_property
from typing import Literal, Self

from pydantic import Field, model_validator

from .actions import Timing
from .base import Identifier, NonEmptyText, RuleId, StrictModel
from .conditions import Condition
from .review import ReviewCondition

RULEBOOK_SCHEMA_VERSION = 1


class Source(StrictModel):
    """One entry in the rulebook's bibliography."""

    id: Identifier
    short: NonEmptyText = Field(description='How it is cited in text, e.g. "Gordon 2021".')
    reference: NonEmptyText = Field(description="The full reference as printed in the appendix.")
    url: str | None = None
    locators: list[NonEmptyText] = Field(
        default=[],
        description=(
            "The places in this source a citation may point to, as they are written in "
            'citations ("Table 2", "Results: Need to define success in advance"). Empty: '
            "the source is cited as a whole, never with a locator."
        ),
    )


class Citation(StrictModel):
    source: Identifier
    locator: str | None = Field(default=None, description='e.g. "Table 2" or "Discussion".')
    note: str | None = None


class DesignBasis(StrictModel):
    """Marks a rule, threshold or safeguard as the rulebook's own judgement: what it
    builds on, with citations for that, and a one-line rationale.  A rule that a source
    supports cites it instead (``cite``); every rule and safeguard has one or the other."""

    builds_on: NonEmptyText = Field(
        description='Completes "Tool design, building on …", e.g. "the finding that …".'
    )
    cite: list[Citation] = Field(default=[], description="Where what it builds on is found.")
    rationale: NonEmptyText = Field(description="One line: why the rulebook draws it this way.")


class EvidencePoint(StrictModel):
    """One paragraph of what the rulebook tells the board about its evidence."""

    title: NonEmptyText
    text: NonEmptyText
    cite: list[Citation] = []


class EvidenceStrength(StrictModel):
    """How much weight the rulebook's evidence can bear, told to the board: a line for
    the review page, and the points the board paper sets out."""

    summary: NonEmptyText = Field(description="One or two sentences for the review page.")
    cite: list[Citation] = []
    points: list[EvidencePoint] = Field(min_length=1)
    weight: EvidencePoint = Field(description="What it means for the weight of the advice.")


class GlossaryEntry(StrictModel):
    term: NonEmptyText
    definition: NonEmptyText


#: A detail of the decision that an answer can say is given (``Option.promises``):
#: ``review_date`` is the decision's ``framing.review_date``.
PromisedDetail = Literal["review_date"]


class Option(StrictModel):
    id: Identifier
    label: NonEmptyText
    help: str | None = None
    promises: PromisedDetail | None = Field(
        default=None,
        description="This answer says the decision gives this detail; the wizard points "
        "out the answer while the detail is missing.",
    )


class Question(StrictModel):
    id: Identifier
    text: NonEmptyText
    help: str | None = None
    required: bool = True
    ordered: bool = Field(
        default=True,
        description="Options run from least to most supportive. False for a plain choice.",
    )
    counterfactual: bool = Field(
        default=True,
        description="May 'what would change this' suggest a different answer here?",
    )
    options: list[Option] = Field(min_length=2)
    cite: list[Citation] = []

    @model_validator(mode="after")
    def _unique_options(self) -> Self:
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError(f"question {self.id!r} repeats an option id")
        return self

    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    def rank(self, option_id: str) -> int:
        return self.option_ids().index(option_id)


class MonotonicityException(StrictModel):
    """Declares that this rule may make a better answer give a worse result, and why."""

    inputs: list[Identifier] = Field(min_length=1, description="Question or factor ids.")
    reason: NonEmptyText


class Rule(StrictModel):
    id: RuleId
    when: Condition | None = None
    otherwise: bool = Field(
        default=False, description="Fires when no other rule in the same table fires."
    )
    reason: NonEmptyText = Field(description="Plain-English reason shown in the explanation.")
    cite: list[Citation] = Field(default=[], description="The sources that support this rule.")
    design: DesignBasis | None = Field(
        default=None, description="Or: the rule is the rulebook's own judgement."
    )
    monotonicity_exception: MonotonicityException | None = None

    @model_validator(mode="after")
    def _when_or_otherwise(self) -> Self:
        if (self.when is not None) == self.otherwise:
            raise ValueError("a rule needs either 'when' or 'otherwise: true' (exactly one)")
        return self


class RatingRule(Rule):
    rating: Identifier


class StanceRule(Rule):
    stance: Identifier


class Rating(StrictModel):
    id: Identifier
    label: NonEmptyText
    colour: Literal["red", "amber", "green", "grey"] = "grey"
    meaning: str | None = None


class Stance(StrictModel):
    id: Identifier
    label: NonEmptyText
    summary: NonEmptyText
    board_ask: NonEmptyText = Field(description='Completes "The Board is asked to ...".')


class Factor(StrictModel):
    id: Identifier
    title: NonEmptyText
    summary: NonEmptyText
    why_it_matters: NonEmptyText
    cite: list[Citation] = []
    questions: list[Question] = Field(min_length=1)
    rules: list[RatingRule] = Field(min_length=1)


class Framing(StrictModel):
    title: NonEmptyText = "The decision"
    summary: NonEmptyText = "Describe the decision and what it asks of the trust."
    why_it_matters: str | None = None
    cite: list[Citation] = []
    questions: list[Question] = []


class Safeguard(StrictModel):
    """A condition or safeguard that the recommendation attaches when ``when`` holds."""

    id: RuleId
    text: NonEmptyText
    owner: NonEmptyText
    timing: NonEmptyText
    when: Condition
    reason: NonEmptyText
    cite: list[Citation] = []
    design: DesignBasis | None = None


class ReviewOutcome(StrictModel):
    """A recommendation on the review, e.g. continue, change or stop."""

    id: Identifier
    label: NonEmptyText
    summary: NonEmptyText
    board_ask: NonEmptyText = Field(description='Completes "The Board is asked to ...".')


class ReviewRule(StrictModel):
    """A rule of the review table: fires when ``when`` holds (or, ``otherwise``, when no
    other review rule does), giving its ``outcome``. All that fire must agree."""

    id: RuleId
    when: ReviewCondition | None = None
    otherwise: bool = False
    outcome: Identifier
    reason: NonEmptyText
    cite: list[Citation] = Field(default=[], description="The sources that support it.")
    design: DesignBasis | None = Field(
        default=None, description="Or: the rule is the rulebook's own judgement."
    )

    @model_validator(mode="after")
    def _when_or_otherwise(self) -> Self:
        if (self.when is not None) == self.otherwise:
            raise ValueError("a rule needs either 'when' or 'otherwise: true' (exactly one)")
        return self


class ReviewRules(StrictModel):
    """The rulebook's ``review:`` section: what a review paper recommends."""

    outcomes: list[ReviewOutcome] = Field(min_length=2, description="Most cautious first.")
    rules: list[ReviewRule] = Field(min_length=1)

    def outcome(self, outcome_id: str) -> ReviewOutcome:
        for outcome in self.outcomes:
            if outcome.id == outcome_id:
                return outcome
        raise KeyError(outcome_id)


class Rulebook(StrictModel):
    schema_version: Literal[1]
    id: Identifier
    version: NonEmptyText
    title: NonEmptyText
    description: str = ""
    ratings: list[Rating] = Field(min_length=2)
    stances: list[Stance] = Field(min_length=2, description="Most cautious first.")
    framing: Framing
    factors: list[Factor] = Field(min_length=1)
    stance_rules: list[StanceRule] = Field(min_length=1)
    safeguards: list[Safeguard] = []
    timings: list[Timing] = Field(
        default=[], description="When each safeguard timing falls, from the meeting date."
    )
    review: ReviewRules | None = Field(default=None, description="The review paper's rules.")
    sources: list[Source] = Field(min_length=1)
    evidence_strength: EvidenceStrength | None = None
    glossary: list[GlossaryEntry] = []

    # ---- look-ups -------------------------------------------------------------------
    @cached_property
    def questions_by_id(self) -> dict[str, Question]:
        found: dict[str, Question] = {}
        for question in self.all_questions():
            found[question.id] = question
        return found

    @cached_property
    def factor_of_question(self) -> dict[str, str]:
        return {q.id: f.id for f in self.factors for q in f.questions}

    def all_questions(self) -> list[Question]:
        return [*self.framing.questions, *(q for f in self.factors for q in f.questions)]

    def factor(self, factor_id: str) -> Factor:
        for factor in self.factors:
            if factor.id == factor_id:
                return factor
        raise KeyError(factor_id)

    def rating_ids(self) -> list[str]:
        return [r.id for r in self.ratings]

    def rating(self, rating_id: str) -> Rating:
        return self.ratings[self.rating_ids().index(rating_id)]

    def stance_ids(self) -> list[str]:
        return [s.id for s in self.stances]

    def stance(self, stance_id: str) -> Stance:
        return self.stances[self.stance_ids().index(stance_id)]

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def cite_text(self, citation: Citation) -> str:
        """``Gordon 2021, Table 2`` style text for one citation."""
        try:
            short = self.source(citation.source).short
        except KeyError:
            short = citation.source
        return f"{short}, {citation.locator}" if citation.locator else short

    def cites_text(self, cites: list[Citation]) -> str:
        """Several citations, ``; `` between them ("" for none)."""
        return "; ".join(self.cite_text(c) for c in cites)

    def design_text(self, design: DesignBasis) -> str:
        """``Tool design, building on … (Gordon 2021, Results: …)``: what a reader sees
        where a rule that is the rulebook's own judgement would show its evidence."""
        cited = self.cites_text(design.cite)
        return f"Tool design, building on {design.builds_on}" + (f" ({cited})" if cited else "")
