"""A workshop: one decision, put to several teams, each answering on its own.

Stored as one YAML file with ``schema_version`` (docs/workshop.md). The decision every team
answers is written once (``rulebook`` and ``framing``); each team keeps its own answers and
notes, apart from every other team's, so the app can show a team only its own.
"""

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator

from .base import EditableModel, Identifier, NonEmptyText
from .decision import Decision, Framing, RulebookRef

WORKSHOP_SCHEMA_VERSION = 1
TeamName = NonEmptyText


class Team(EditableModel):
    name: TeamName = Field(max_length=60)
    answers: dict[Identifier, Identifier] = Field(
        default={}, description="Question id -> chosen option id, this team's only."
    )
    notes: dict[Identifier, str] = {}
    framing: Framing | None = Field(
        default=None,
        description="Only for a team whose imported file framed another decision.",
    )
    source: str | None = Field(
        default=None, description="The file this team's answers were imported from."
    )


class Workshop(EditableModel):
    schema_version: Literal[1] = 1
    title: NonEmptyText
    scenario: Identifier | None = Field(
        default=None, description="The practice scenario it started from, if any."
    )
    blank: bool = Field(default=True, description="Teams start with nothing answered.")
    rulebook: RulebookRef
    framing: Framing = Framing()
    teams: list[Team] = []
    anonymous: bool = Field(default=False, description="Show teams as Team 1, Team 2, …")
    created: dt.date | None = None
    updated: dt.date | None = None

    @field_validator("teams")
    @classmethod
    def _names_unique(cls, teams: list[Team]) -> list[Team]:
        seen: set[str] = set()
        for team in teams:
            key = team_key(team.name)
            if key in seen:
                raise ValueError(f"two teams are called '{team.name}'")
            seen.add(key)
        return teams

    def team(self, name: str) -> Team:
        for team in self.teams:
            if team_key(team.name) == team_key(name):
                return team
        raise KeyError(name)

    def decision_of(self, team: Team) -> Decision:
        """The team's answers as a decision file, as if it had answered on its own laptop."""
        return Decision(
            rulebook=self.rulebook.model_copy(),
            framing=(team.framing or self.framing).model_copy(deep=True),
            answers=dict(team.answers),
            notes=dict(team.notes),
            created=self.created,
            updated=self.updated,
        )


def team_key(name: str) -> str:
    """Names that differ only in case, spacing or punctuation are the same team: "Team A",
    "team a" and the file name "team-a" all name one team."""
    words = re.findall(r"[^\W_]+", name.casefold())
    return "-".join(words) if words else " ".join(name.split()).casefold()
