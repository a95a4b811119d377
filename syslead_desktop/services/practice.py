"""Practice scenarios for workshops: the shipped examples, worked or blank.

A *worked* scenario is the example decision as written, answers and all. A *blank* one
keeps only the framing (what is proposed, the partners, costs, benefits, options and
success measures) for a team to answer: no answers, no notes, no board-paper details.
Both the GUI (Home) and the CLI use :func:`blank_scenario`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..domain.decision import Decision
from ..errors import SysLeadError
from ..locations import practice_dir
from .decision_file import DECISION_SUFFIX, load_decision


@dataclass(frozen=True)
class PracticeScenario:
    path: Path
    title: str
    summary: str  # the first sentence of what is proposed


def first_sentence(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    sentence = text if end < 0 else text[: end + 1]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def list_scenarios(folder: Path | None = None) -> tuple[list[PracticeScenario], list[str]]:
    """The scenarios in ``folder`` (default: the shipped ones), by title, and one line per
    file that could not be read. Never raises."""
    where = folder or practice_dir()
    try:
        paths = sorted(where.glob(f"*{DECISION_SUFFIX}")) if where.is_dir() else []
    except OSError as exc:
        return [], [f"{where}: cannot list practice scenarios ({exc.strerror or exc})"]
    found: list[PracticeScenario] = []
    problems: list[str] = []
    for path in paths:
        try:
            decision = load_decision(path)
        except SysLeadError as exc:
            problems.append(str(exc))
            continue
        title = decision.framing.title.strip() or path.name
        found.append(PracticeScenario(path, title, first_sentence(decision.framing.description)))
    found.sort(key=lambda s: s.title.casefold())
    return found, problems


def blank_scenario(decision: Decision, today: dt.date | None = None) -> Decision:
    """``decision``'s framing alone, for a team to answer: every answer, note and
    board-paper detail is left out, and it starts as a new draft dated ``today``."""
    day = today or dt.date.today()
    return Decision(
        rulebook=decision.rulebook.model_copy(),
        framing=decision.framing.model_copy(deep=True),
        created=day,
        updated=day,
    )
