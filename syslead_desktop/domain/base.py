"""Shared pydantic configuration for every model that is read from a file."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

#: Identifiers used in rulebooks and decision files: lower-case, digits, '_' and '-'.
Identifier = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9_\-]*$", min_length=1, max_length=64)
]
#: Rule identifiers keep upper case so that they read well in a board paper (``R-SUC-1``).
RuleId = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$", min_length=1, max_length=64)
]
NonEmptyText = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class StrictModel(BaseModel):
    """A model that rejects unknown keys and is immutable once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class EditableModel(BaseModel):
    """A model that rejects unknown keys but that the user's session may change."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
