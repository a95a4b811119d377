"""The report back at the review date: success measures against their targets, the five
factors answered again, and the conditions the review rules read.

What the chief executive enters:

- each success measure's ``target`` (agreed in advance), then at the review its
  ``actual`` and whether it was met, partly met or not met (:class:`Measure`);
- the factors' questions answered again, with notes (:class:`Review`), and the review
  paper's meeting details.

The review rules (the rulebook's ``review:`` section) turn that into a recommendation
on the review, such as continue, change or stop. Their conditions are plain data, like
the rulebook's other conditions, never run as code. Each looks at how many of a kind of
thing there are, as ``none``, ``some`` or ``all`` of them (an ordered scale)::

    {measures: not_met, at_least: some}     # at least one measure was not met
    {actions: overdue, is: none}            # no action is overdue
    {factors: worse, at_least: some}        # a factor is rated lower than at the decision
    {stance: {at_most: defer}}              # the recommendation the answers now give
    {stance_change: down}                   # ...compared with the one at the decision
    {all: [...]}, {any: [...]}, {not: ...}

Because each atom has only a few values, ``syslead rules check`` can try every
combination and prove the review rules complete and consistent (engine/review.py).
"""

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import Discriminator, Field, Tag, model_validator

from .base import EditableModel, Identifier, NonEmptyText, StrictModel
from .conditions import StanceIs, kind_of, unwrap_comparison

MeasureResult = Literal["met", "partly_met", "not_met"]
MEASURE_RESULTS: tuple[MeasureResult, ...] = ("met", "partly_met", "not_met")
MEASURE_RESULT_LABELS: dict[str, str] = {
    "met": "Met",
    "partly_met": "Partly met",
    "not_met": "Not met",
}

#: How many of a kind: ordered, so ``at_least: some`` means one or more.
Amount = Literal["none", "some", "all"]
AMOUNTS: tuple[Amount, ...] = ("none", "some", "all")
#: The kinds of action a review rule can count (``open`` is open or in progress, not
#: overdue; ``overdue`` is open or in progress past its due date at the review).
ActionState = Literal["done", "open", "overdue", "dropped"]
ACTION_STATES: tuple[ActionState, ...] = ("done", "open", "overdue", "dropped")
FactorMove = Literal["worse", "better"]
FACTOR_MOVES: tuple[FactorMove, ...] = ("worse", "better")
StanceMove = Literal["down", "same", "up"]
STANCE_MOVES: tuple[StanceMove, ...] = ("down", "same", "up")


def amount(count: int, total: int) -> Amount:
    """``none`` of ``total``, ``some`` of them, or ``all`` of them (at least one)."""
    if count <= 0:
        return "none"
    return "all" if count >= total else "some"


# ---- what the chief executive enters ----------------------------------------------------
class Measure(EditableModel):
    """One success measure: its target, agreed in advance, and at the review what
    happened."""

    text: NonEmptyText = Field(description="The measure, as in framing.success_measures.")
    target: str = Field(default="", description="The target agreed in advance.")
    actual: str = Field(default="", description="What happened, entered at the review.")
    result: MeasureResult | None = Field(default=None, description="met, partly_met or not_met.")
    comment: str = ""


def sync_measures(measures: Sequence[Measure], texts: Sequence[str]) -> list[Measure]:
    """A measure record for each of the decision's success measures, in their order.

    A record is found by its text; a measure whose text was edited keeps the record at
    its place (when that record's own text is no longer a measure). Records of measures
    that were removed go."""
    wanted = [" ".join(t.split()) for t in texts if t.strip()]
    by_text = {m.text: m for m in measures}
    out: list[Measure] = []
    for position, text in enumerate(wanted):
        found = by_text.get(text)
        if found is None and position < len(measures) and measures[position].text not in wanted:
            found = measures[position].model_copy(update={"text": text})
        out.append(found.model_copy(deep=True) if found is not None else Measure(text=text))
    return out


class Review(EditableModel):
    """The review: the paper that reports back, and the factors answered again."""

    meeting: str = Field(default="", description="The meeting the review paper goes to.")
    meeting_date: dt.date | None = None
    agenda_item: str = ""
    summary: str = Field(default="", description="What happened, in the chief executive's words.")
    answers: dict[Identifier, Identifier] = Field(
        default={}, description="The factors' questions answered again: question -> option."
    )
    notes: dict[Identifier, str] = Field(default={}, description="Factor id -> notes now.")
    proposals: list[str] = Field(
        default=[], description="What the chief executive proposes next, one point each."
    )
    next_review_date: dt.date | None = Field(
        default=None, description="When to review again, if the arrangement continues."
    )


# ---- the review rules' conditions -------------------------------------------------------
class _OnScale(StrictModel):
    """A comparison on an ordered scale (``SCALE``): exactly one of ``is``, ``in``,
    ``at_least`` or ``at_most``; subclasses give the fields their scale's values."""

    SCALE: ClassVar[Sequence[str]] = ()
    is_: str | None = Field(default=None, alias="is")
    in_: Sequence[str] | None = Field(default=None, alias="in", min_length=1)
    at_least: str | None = None
    at_most: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [n for n in ("is_", "in_", "at_least", "at_most") if getattr(self, n)]
        if len(given) != 1:
            raise ValueError("give exactly one of 'is', 'in', 'at_least' or 'at_most'")
        return self

    def accepts(self, value: str) -> bool:
        if self.is_ is not None:
            return value == self.is_
        if self.in_ is not None:
            return value in self.in_
        rank = self.SCALE.index(value)
        if self.at_least is not None:
            return rank >= self.SCALE.index(self.at_least)
        assert self.at_most is not None
        return rank <= self.SCALE.index(self.at_most)


class _AmountIs(_OnScale):
    SCALE: ClassVar[Sequence[str]] = AMOUNTS
    is_: Amount | None = Field(default=None, alias="is")
    in_: list[Amount] | None = Field(default=None, alias="in", min_length=1)
    at_least: Amount | None = None
    at_most: Amount | None = None


class MeasuresAre(_AmountIs):
    """``{measures: not_met, at_least: some}``: how many measures had this result."""

    measures: MeasureResult


class ActionsAre(_AmountIs):
    """``{actions: overdue, is: none}``: how many actions are in this state."""

    actions: ActionState


class FactorsAre(_AmountIs):
    """``{factors: worse, at_least: some}``: how many factors are rated lower (or higher)
    now than at the decision."""

    factors: FactorMove


class StanceChange(_OnScale):
    """``{stance_change: down}`` (or ``{stance_change: {in: [down, same]}}``): the
    recommendation the answers give now, compared with the one at the decision."""

    SCALE: ClassVar[Sequence[str]] = STANCE_MOVES
    stance_change: StanceMove | None = None
    is_: StanceMove | None = Field(default=None, alias="is")
    in_: list[StanceMove] | None = Field(default=None, alias="in", min_length=1)
    at_least: StanceMove | None = None
    at_most: StanceMove | None = None

    @model_validator(mode="before")
    @classmethod
    def _unwrap(cls, data: Any) -> Any:
        return unwrap_comparison(data, "stance_change")


class ReviewAll(StrictModel):
    all: list["ReviewCondition"] = Field(min_length=1)


class ReviewAny(StrictModel):
    any: list["ReviewCondition"] = Field(min_length=1)


class ReviewNot(StrictModel):
    not_: "ReviewCondition" = Field(alias="not")


_KINDS: dict[str, type] = {
    "all": ReviewAll,
    "any": ReviewAny,
    "not": ReviewNot,
    "measures": MeasuresAre,
    "actions": ActionsAre,
    "factors": FactorsAre,
    "stance": StanceIs,
    "stance_change": StanceChange,
}


ReviewCondition = Annotated[
    Annotated[ReviewAll, Tag("all")]
    | Annotated[ReviewAny, Tag("any")]
    | Annotated[ReviewNot, Tag("not")]
    | Annotated[MeasuresAre, Tag("measures")]
    | Annotated[ActionsAre, Tag("actions")]
    | Annotated[FactorsAre, Tag("factors")]
    | Annotated[StanceIs, Tag("stance")]
    | Annotated[StanceChange, Tag("stance_change")],
    Discriminator(
        kind_of(_KINDS),
        custom_error_type="condition_kind",
        custom_error_message=(
            "a review condition needs exactly one of: " + ", ".join(_KINDS) + " (see "
            "docs/rulebook.md, 'Review rules')"
        ),
    ),
]

# ReviewAll, ReviewAny and ReviewNot name "ReviewCondition" before it exists: built when
# first used (base.py), they find it then, as the conditions of conditions.py do.

ReviewAtom = MeasuresAre | ActionsAre | FactorsAre | StanceIs | StanceChange
