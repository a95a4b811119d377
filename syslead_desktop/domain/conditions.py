"""Declarative conditions used by rules and safeguards.

A condition is plain data.  It is never turned into code: the engine walks it with
:func:`syslead_desktop.engine.conditions.holds`.  The YAML forms are::

    {question: ID, is: OPTION}          # also in: [..], at_least: OPTION, at_most: OPTION
    {factor: ID, at_least: RATING}      # a factor's derived rating (same comparisons)
    {stance: {at_most: STANCE}}         # the derived stance (safeguards only)
    {all: [COND, ...]}                  # every one holds
    {any: [COND, ...]}                  # at least one holds
    {not: COND}                         # negation
    {count: [COND, ...], at_least: N}   # at least (or at_most) N of them hold

Options, ratings and stances are ordered from the least to the most supportive of the
decision going ahead, so ``at_least`` means "this good or better".
"""

from collections.abc import Callable
from typing import Annotated, Any, Self

from pydantic import Discriminator, Field, Tag, model_validator

from .base import Identifier, StrictModel


class _Comparison(StrictModel):
    is_: Identifier | None = Field(default=None, alias="is")
    in_: list[Identifier] | None = Field(default=None, alias="in", min_length=1)
    at_least: Identifier | None = None
    at_most: Identifier | None = None

    @model_validator(mode="after")
    def _exactly_one_comparison(self) -> Self:
        given = [name for name in ("is_", "in_", "at_least", "at_most") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError("give exactly one of 'is', 'in', 'at_least' or 'at_most'")
        return self

    @property
    def comparison(self) -> tuple[str, Identifier | list[Identifier]]:
        """The comparison as ``(operator, operand)``, for example ``("at_least", "good")``."""
        for name, key in (("is_", "is"), ("in_", "in"), ("at_least", "at_least")):
            value = getattr(self, name)
            if value:
                return key, value
        assert self.at_most is not None
        return "at_most", self.at_most

    def referenced_values(self) -> list[Identifier]:
        _op, operand = self.comparison
        return list(operand) if isinstance(operand, list) else [operand]


class QuestionIs(_Comparison):
    question: Identifier


class FactorIs(_Comparison):
    factor: Identifier


def unwrap_comparison(data: Any, key: str) -> Any:
    """``{key: VALUE}`` as ``{is: VALUE}``, and ``{key: {at_most: ...}}`` as its comparison:
    the forms of a condition on one derived value (the stance, its change at review)."""
    if isinstance(data, dict) and set(data) == {key}:
        inner = data[key]
        return {"is": inner} if isinstance(inner, str) else inner
    return data


class StanceIs(_Comparison):
    """``{stance: {at_most: defer}}`` or the short form ``{stance: defer}``."""

    @model_validator(mode="before")
    @classmethod
    def _unwrap(cls, data: Any) -> Any:
        return unwrap_comparison(data, "stance")


class AllOf(StrictModel):
    all: list["Condition"] = Field(min_length=1)


class AnyOf(StrictModel):
    any: list["Condition"] = Field(min_length=1)


class NotOf(StrictModel):
    not_: "Condition" = Field(alias="not")


class CountOf(StrictModel):
    count: list["Condition"] = Field(min_length=1)
    at_least: int | None = Field(default=None, ge=0)
    at_most: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _bounds(self) -> Self:
        if self.at_least is None and self.at_most is None:
            raise ValueError("a count needs 'at_least' or 'at_most'")
        return self


def kind_of(kinds: dict[str, type]) -> Callable[[Any], str | None]:
    """The discriminator of a union of conditions: a mapping's kind is the one key of
    ``kinds`` it has (None for none or several: pydantic then says which it needs); a
    model's, the kind of its class."""
    names = tuple(kinds)
    by_type = {model: name for name, model in kinds.items()}

    def kind(value: Any) -> str | None:
        if isinstance(value, dict):
            present = [name for name in names if name in value]
            return present[0] if len(present) == 1 else None
        return by_type.get(type(value))

    return kind


_KINDS: dict[str, type] = {
    "all": AllOf,
    "any": AnyOf,
    "not": NotOf,
    "count": CountOf,
    "question": QuestionIs,
    "factor": FactorIs,
    "stance": StanceIs,
}


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")]
    | Annotated[CountOf, Tag("count")]
    | Annotated[QuestionIs, Tag("question")]
    | Annotated[FactorIs, Tag("factor")]
    | Annotated[StanceIs, Tag("stance")],
    Discriminator(
        kind_of(_KINDS),
        custom_error_type="condition_kind",
        custom_error_message="a condition needs exactly one of: " + ", ".join(_KINDS),
    ),
]

# AllOf, AnyOf, NotOf and CountOf name "Condition" before it exists; like every model they
# are built when first used (base.py), by then it does, and the rulebook that holds them
# builds the union once for all its rules.

ATOMS = (QuestionIs, FactorIs, StanceIs)
Atom = QuestionIs | FactorIs | StanceIs
__all__ = [
    "ATOMS",
    "AllOf",
    "AnyOf",
    "Atom",
    "Condition",
    "CountOf",
    "FactorIs",
    "NotOf",
    "QuestionIs",
    "StanceIs",
]
