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


# Every model is built when it is first used, not when its module is imported
# (``defer_build``, here and on the output models of assessment.py and review_report.py):
# a render then builds the validators of 27 models, not 71, the others coming inline with
# the model that holds them. tests/unit/test_models_deferred.py checks that every model
# builds, and that a model first used by several threads at once validates as it does alone.


class StrictModel(BaseModel):
    """A model that rejects unknown keys and is immutable once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class EditableModel(BaseModel):
    """A model that rejects unknown keys but that the user's session may change."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)
