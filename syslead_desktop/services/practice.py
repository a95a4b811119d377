"""Practice scenarios for workshops: the shipped examples, worked or blank.

A *worked* scenario is the example decision as written, answers and all. A *blank* one
keeps only the framing (what is proposed, the partners, costs, benefits, options and
success measures) for a team to answer: no answers, no notes, no board-paper details.
Both the GUI (Home) and the CLI use :func:`blank_scenario`.

Each scenario's worked decision file (``<id>.syslead.yaml``) has the facilitator's notes
beside it (``<id>.notes.yaml``, docs/practice.md): :func:`library` reads both, for the
workshop, ``syslead practice`` and the debrief; :func:`list_scenarios` is Home's quick,
never-failing list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.decision import Decision
from ..domain.practice import FacilitatorNotes
from ..engine.loader import LoadedRulebook
from ..errors import SysLeadError
from ..locations import practice_dir
from .decision_file import DECISION_SUFFIX, load_decision
from .yaml_io import load_model

NOTES_SUFFIX = ".notes.yaml"


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


@dataclass(frozen=True)
class Scenario:
    """One practice scenario: its worked decision and the facilitator's notes."""

    id: str
    path: Path  # the worked decision file
    worked: Decision
    notes: FacilitatorNotes

    @property
    def title(self) -> str:
        return self.worked.framing.title

    @property
    def direction(self) -> str | None:
        return self.worked.answers.get("direction")

    def start(self, blank: bool, today: dt.date | None = None) -> Decision:
        """A new decision for a team: framing only (``blank``) or the worked example."""
        return blank_scenario(self.worked, today) if blank else self.worked.model_copy(deep=True)


def _scenario_id(path: Path) -> str:
    return path.name.removesuffix(DECISION_SUFFIX)


def load_scenario(path: Path | str) -> Scenario:
    """The scenario whose worked decision is ``path``; its notes must be beside it."""
    path = Path(path)
    ident = _scenario_id(path)
    notes_path = path.with_name(ident + NOTES_SUFFIX)
    if not notes_path.is_file():
        raise SysLeadError(f"{path}: no facilitator notes beside it ({notes_path.name})")
    notes, _located = load_model(FacilitatorNotes, notes_path)
    return Scenario(ident, path, load_decision(path), notes)


def library(folder: Path | str | None = None) -> list[Scenario]:
    """Every scenario in ``folder`` (the shipped library by default) with its notes, by
    id; a file that cannot be read raises ``SysLeadError`` in one line."""
    root = Path(folder) if folder is not None else practice_dir()
    if not root.is_dir():
        raise SysLeadError(f"{root}: no practice scenarios here (not a folder)")
    return [load_scenario(p) for p in sorted(root.glob("*" + DECISION_SUFFIX))]


def find_scenario(name: str, folder: Path | str | None = None) -> Scenario:
    """A scenario by its id (``community-beds-offer``) or by the path of its decision file."""
    candidate = Path(name)
    if name.endswith(DECISION_SUFFIX) and candidate.is_file():
        return load_scenario(candidate)
    root = Path(folder) if folder is not None else practice_dir()
    path = root / (name + DECISION_SUFFIX)
    if path.is_file():
        return load_scenario(path)
    known = ", ".join(_scenario_id(p) for p in sorted(root.glob("*" + DECISION_SUFFIX)))
    raise SysLeadError(f"no practice scenario '{name}' (there are: {known or 'none'})")


def scenario_json(scenario: Scenario, loaded: LoadedRulebook) -> dict[str, Any]:
    """A scenario as ``syslead practice list --json`` gives it (docs/cli.md)."""
    from .workflow import assess_decision

    worked = assess_decision(scenario.worked, loaded, str(scenario.path)).assessment
    rulebook = loaded.rulebook
    notes = scenario.notes
    return {
        "id": scenario.id,
        "title": scenario.title,
        "file": str(scenario.path),
        "direction": scenario.direction,
        "kind": notes.kind,
        "stance": worked.stance,
        "stance_label": worked.stance_label,
        "teaches": " ".join(notes.teaches.split()),
        "prompts": list(notes.prompts),
        "evidence": [
            {
                "point": " ".join(p.point.split()),
                "citations": [
                    {"source": c.source, "locator": c.locator, "text": rulebook.cite_text(c)}
                    for c in p.cite
                ],
            }
            for p in notes.evidence
        ],
    }
