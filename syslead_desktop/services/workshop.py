"""Workshop files: create one from a scenario, keep each team's answers, import teams'
files from a folder (a USB stick), and compare the teams.

A workshop is one YAML file (``*.workshop.yaml``, docs/workshop.md), validated like every
other file we read and saved atomically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.decision import Decision
from ..domain.rulebook import Rulebook
from ..domain.workshop import Team, Workshop, team_key
from ..engine.loader import LoadedRulebook
from ..errors import SysLeadError
from .compare import Comparison, compare
from .decision_file import DECISION_SUFFIX, check_fits, load_decision_located, save_decision
from .files import atomic_write_text, check_output
from .practice import Scenario
from .yaml_io import dump_yaml, load_model, parse_yaml, validate

WORKSHOP_SUFFIX = ".workshop.yaml"
PDF_SUFFIX = ".pdf"
MAX_TEAMS = 12


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def new_workshop(
    scenario: Scenario,
    team_names: Sequence[str],
    *,
    title: str = "",
    blank: bool = True,
    today: dt.date | None = None,
) -> Workshop:
    """A workshop on ``scenario`` for the named teams, none of which has answered yet.

    Started ``blank``, every team answers every question; otherwise each team starts from
    the worked example's answers and changes what it would answer differently."""
    start = scenario.start(blank, today)
    workshop = Workshop(
        title=title.strip() or scenario.title,
        scenario=scenario.id,
        blank=blank,
        rulebook=start.rulebook,
        framing=start.framing,
        created=_today(today),
        updated=_today(today),
    )
    for name in team_names:
        add_team(workshop, name, start)
    return workshop


def add_team(workshop: Workshop, name: str, start: Decision | None = None) -> Team:
    """A new team with ``start``'s answers (none by default); its name must be new."""
    name = " ".join(name.split())
    if not name:
        raise SysLeadError("a team needs a name")
    if len(name) > 60:
        raise SysLeadError(f"team name too long (at most 60 characters): '{name[:20]}…'")
    if any(team_key(t.name) == team_key(name) for t in workshop.teams):
        raise SysLeadError(f"there is already a team called '{name}'")
    if len(workshop.teams) >= MAX_TEAMS:
        raise SysLeadError(f"a workshop has at most {MAX_TEAMS} teams")
    team = Team(
        name=name,
        answers=dict(start.answers) if start else {},
        notes=dict(start.notes) if start else {},
    )
    workshop.teams = [*workshop.teams, team]
    return team


def rename_team(workshop: Workshop, team: Team, name: str) -> None:
    name = " ".join(name.split())
    if not name:
        raise SysLeadError("a team needs a name")
    clash = [t for t in workshop.teams if t is not team and team_key(t.name) == team_key(name)]
    if clash:
        raise SysLeadError(f"there is already a team called '{clash[0].name}'")
    team.name = name


def remove_team(workshop: Workshop, team: Team) -> None:
    workshop.teams = [t for t in workshop.teams if t is not team]


def load_workshop(path: Path | str) -> Workshop:
    workshop, _located = load_model(Workshop, path)
    return workshop


def workshop_to_text(workshop: Workshop) -> str:
    header = (
        "# SysLead Desktop workshop file. Format: docs/workshop.md\n"
        "# One decision, several teams: each team's answers are kept apart.\n"
    )
    return header + dump_yaml(workshop.model_dump(mode="json"))


def save_workshop(path: Path | str, workshop: Workshop, today: dt.date | None = None) -> None:
    workshop.updated = _today(today)
    atomic_write_text(path, workshop_to_text(workshop))


# ---- teams' own files -------------------------------------------------------------------
def read_team_file(path: Path, rulebook: Rulebook | None = None) -> Decision:
    """A team's decision from its decision file or its board paper's attached record;
    with ``rulebook``, refused if the rulebook would silently change or drop part of it
    (``decision_file.check_fits``)."""
    if path.suffix.lower() == PDF_SUFFIX:
        from .pdf.archive import extract_decision  # pypdf only when a PDF is read

        name = f"{path} (attached record)"
        located = parse_yaml(extract_decision(path), name)
        decision = validate(Decision, located, name)
    else:
        decision, located = load_decision_located(path)
        name = str(path)
    if rulebook is not None:
        check_fits(decision, located, rulebook, name)
    return decision


def team_name_of(path: Path) -> str:
    name = path.name
    for suffix in (DECISION_SUFFIX, ".yaml", ".yml", PDF_SUFFIX):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def team_files(folder: Path, depth: int = 2) -> list[Path]:
    """Decision files and board papers in ``folder`` (by name), then in its folders down
    to ``depth`` levels, skipping hidden files and folders and workshop files."""
    try:
        entries = sorted(e for e in folder.iterdir() if not e.name.startswith("."))
    except OSError as exc:
        raise SysLeadError(f"{folder}: cannot read the folder ({exc.strerror or exc})") from None
    found = []
    for entry in entries:
        name = entry.name.lower()
        if name.endswith(WORKSHOP_SUFFIX) or not entry.is_file():
            continue
        if name.endswith(DECISION_SUFFIX) or name.endswith(PDF_SUFFIX):
            found.append(entry)
    if depth > 0:
        for entry in entries:
            if entry.is_dir():
                found += team_files(entry, depth - 1)
    return found


@dataclass
class ImportReport:
    """What an import did: teams added or updated, and files that could not be used."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, one-line reason)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = []
        if self.added:
            parts.append(f"added {len(self.added)} team{'s' * (len(self.added) != 1)}")
        if self.updated:
            parts.append(f"updated {len(self.updated)}")
        if self.skipped:
            parts.append(f"skipped {len(self.skipped)} file{'s' * (len(self.skipped) != 1)}")
        return (", ".join(parts) or "found no team files").capitalize()


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def import_files(
    workshop: Workshop, paths: Iterable[Path], rulebook: Rulebook | None = None
) -> ImportReport:
    """Take each team's answers from its file. A file named after a team ("team-a.pdf" for
    "Team A") updates that team; any other becomes a new team. A file that cannot be read
    is skipped with its reason, and nothing else is lost."""
    report = ImportReport()
    for path in paths:
        try:
            decision = read_team_file(path, rulebook)
        except SysLeadError as exc:
            report.skipped.append((path.name, _reason(path, exc)))
            continue
        name = team_name_of(path)
        try:
            team = workshop.team(name)
        except KeyError:
            try:
                team = add_team(workshop, name)
            except SysLeadError as exc:
                report.skipped.append((path.name, str(exc)))
                continue
            report.added.append(team.name)
        else:
            report.updated.append(team.name)
        team.answers = dict(decision.answers)
        team.notes = dict(decision.notes)
        team.source = path.name
        team.framing = None
        if not _same_title(decision.framing.title, workshop.framing.title):
            team.framing = decision.framing.model_copy(deep=True)
            report.warnings.append(
                f"{path.name} is about a different decision: “{decision.framing.title}”"
            )
    return report


def _reason(path: Path, exc: SysLeadError) -> str:
    """Why a file was skipped, without its path again (it is listed by its name):
    "line 3: not valid YAML …" for "/media/usb/x.syslead.yaml:3: not valid YAML …"."""
    text = str(exc)
    if not text.startswith(f"{path}:"):
        return text
    rest = text[len(str(path)) + 1 :].lstrip()
    line, colon, after = rest.partition(":")
    return f"line {line}:{after}" if colon and line.isdigit() else rest


def import_folder(
    workshop: Workshop, folder: Path | str, rulebook: Rulebook | None = None
) -> ImportReport:
    root = Path(folder)
    if not root.is_dir():
        raise SysLeadError(f"{root}: not a folder")
    return import_files(workshop, team_files(root), rulebook)


def team_file_paths(workshop: Workshop, folder: Path) -> list[Path]:
    """Where each team's own file goes in ``folder``: ``team-a.syslead.yaml`` for "Team A"."""
    return [folder / f"{team_key(t.name)}{DECISION_SUFFIX}" for t in workshop.teams]


def export_team_files(workshop: Workshop, folder: Path | str, force: bool = False) -> list[Path]:
    """One decision file per team (``team-a.syslead.yaml``), for teams answering on their
    own laptops; importing the folder later brings their answers back to the same teams.
    A team's file already there is replaced only with ``force`` (checked for every team
    before any is written)."""
    root = Path(folder)
    if not root.is_dir():
        raise SysLeadError(f"{root}: not a folder")
    paths = team_file_paths(workshop, root)
    for path in paths:
        check_output(path, [], force)
    for team, path in zip(workshop.teams, paths, strict=True):
        save_decision(path, workshop.decision_of(team))
    return paths


def compare_workshop(workshop: Workshop, loaded: LoadedRulebook) -> Comparison:
    return compare(
        [(t.name, workshop.decision_of(t), t.source or "") for t in workshop.teams], loaded
    )


def teams_from_files(
    paths: Sequence[Path], loaded: LoadedRulebook
) -> list[tuple[str, Decision, str]]:
    """``(name, decision, source)`` for each team in ``paths``: a decision file or board
    paper is one team, named after its file; a workshop file brings all of its teams.
    Each must fit ``loaded`` (``decision_file.check_fits``)."""
    teams: list[tuple[str, Decision, str]] = []
    for path in paths:
        if path.name.lower().endswith(WORKSHOP_SUFFIX):
            workshop = load_workshop(path)
            for team in workshop.teams:
                decision = workshop.decision_of(team)
                check_fits(decision, None, loaded.rulebook, f"{path} (team '{team.name}')")
                teams.append((team.name, decision, str(path)))
        else:
            teams.append((team_name_of(path), read_team_file(path, loaded.rulebook), str(path)))
    return teams
