"""What a list of decisions shows about each: read from the decision files themselves.

Used by Home's recent decisions (in a background thread: nothing here touches Qt) and
available to the CLI and the register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..domain.decision import Decision
from ..domain.wizard_flow import WizardFlow
from ..engine.loader import LoadedRulebook
from ..errors import SysLeadError
from .decision_file import load_decision

SummaryState = Literal["ok", "missing", "unreadable"]


@dataclass(frozen=True)
class DecisionSummary:
    """One decision file as a list shows it; ``problem`` says why a file could not be read."""

    path: Path
    state: SummaryState
    title: str = ""
    status: str = ""  # draft, submitted, decided, closed or superseded; or WORKSHOP
    recommendation: str | None = None  # the stance's label, once every question is answered
    progress: str = ""  # why there is no recommendation yet, in plain words
    meeting_date: dt.date | None = None
    updated: dt.date | None = None
    problem: str = ""


def recommendation_of(decision: Decision, loaded: LoadedRulebook) -> tuple[str | None, str]:
    """The recommendation's label, or None and the reason there is none yet."""
    from .workflow import assess_decision

    fitted_status = WizardFlow(loaded.rulebook).status("review", decision)
    if not fitted_status.complete:
        return None, "Not finished: " + fitted_status.reason.rstrip(".")
    try:
        assessed = assess_decision(decision, loaded)
    except SysLeadError as exc:
        return None, f"Cannot be assessed ({exc})"
    return assessed.assessment.stance_label, ""


def summarise(decision: Decision, path: Path, loaded: LoadedRulebook) -> DecisionSummary:
    recommendation, progress = recommendation_of(decision, loaded)
    return DecisionSummary(
        path=path,
        state="ok",
        title=decision.framing.title.strip(),
        status=decision.status,
        recommendation=recommendation,
        progress=progress,
        meeting_date=decision.board_paper.meeting_date,
        updated=decision.updated,
    )


WORKSHOP = "workshop"  # the status of a workshop file's summary


def summarise_workshop(path: Path, loaded: LoadedRulebook) -> DecisionSummary:
    """A workshop file as a list shows it: its title, and how far its teams have got."""
    from .workshop import load_workshop

    workshop = load_workshop(path)
    questions = loaded.rulebook.all_questions()
    finished = sum(
        1
        for team in workshop.teams
        if all(team.answers.get(q.id) in q.option_ids() for q in questions)
    )
    teams = len(workshop.teams)
    return DecisionSummary(
        path=path,
        state="ok",
        title=f"Workshop: {workshop.title}",
        status=WORKSHOP,
        progress=f"{teams} team{'s' * (teams != 1)}, {finished} finished answering",
        updated=workshop.updated,
    )


def read_summary(path: Path, loaded: LoadedRulebook) -> DecisionSummary:
    """The summary of the decision (or workshop) file at ``path``; never raises."""
    from .workshop import WORKSHOP_SUFFIX

    if not path.exists():
        return DecisionSummary(path, "missing", problem="the file is no longer there")
    try:
        if path.name.lower().endswith(WORKSHOP_SUFFIX):
            return summarise_workshop(path, loaded)
        decision = load_decision(path)
    except SysLeadError as exc:
        return DecisionSummary(path, "unreadable", problem=str(exc))
    return summarise(decision, path, loaded)


def read_summaries(paths: Iterable[Path], loaded: LoadedRulebook) -> Iterator[DecisionSummary]:
    """One summary per path, in order, each as soon as it is read."""
    for path in paths:
        yield read_summary(path, loaded)


def long_date(day: dt.date | dt.datetime) -> str:
    """'3 March 2027': the NHS style, with no leading zero."""
    return f"{day.day} {day:%B %Y}"
