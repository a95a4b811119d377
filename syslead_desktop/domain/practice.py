"""Facilitator notes for a practice scenario: what it teaches, what to ask, what to reach.

Each practice scenario is a worked decision file (``<id>.syslead.yaml``) with its notes
beside it (``<id>.notes.yaml``). See docs/practice.md for the format.
"""

from typing import Literal

from pydantic import Field

from .base import NonEmptyText, StrictModel
from .rulebook import Citation

NOTES_SCHEMA_VERSION = 1


class EvidencePoint(StrictModel):
    """A point from the evidence that the discussion should reach, in our own words."""

    point: NonEmptyText
    cite: list[Citation] = Field(min_length=1)


class FacilitatorNotes(StrictModel):
    schema_version: Literal[1] = 1
    kind: NonEmptyText = Field(
        description="The kind of decision it is, after the examples in Gordon 2021 Table 6."
    )
    teaches: NonEmptyText = Field(description="What the scenario teaches, in a few sentences.")
    prompts: list[NonEmptyText] = Field(
        min_length=2, max_length=3, description="Questions for the facilitator to put to the room."
    )
    evidence: list[EvidencePoint] = Field(
        min_length=1, description="Points from the evidence the discussion should reach."
    )
