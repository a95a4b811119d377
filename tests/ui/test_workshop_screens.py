"""The workshop on the screens it meets: a 1366×768 projector in presentation mode, and a
1366×768 laptop at 200% (with and without presentation mode), each on a real (offscreen)
screen of that size in a process of its own (tests/ui/probe_comparison.py). Three teams:
every button in view, every column heading whole, no word of a question elided, and the
table never scrolling sideways."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from syslead_desktop.services.practice import find_scenario
from syslead_desktop.services.workshop import new_workshop, save_workshop

from .processes import laptop_env, run_python

pytestmark = pytest.mark.gui

PROBE = Path(__file__).with_name("probe_comparison.py")


SIX = ["North", "South", "Acute Board", "Community Trust", "Mental Health", "Primary Care"]


def probe(tmp_path: Path, scale: int, *args: str, teams: int = 3) -> dict[str, Any]:
    scenario = find_scenario("community-beds-offer")
    worked = dict(scenario.worked.answers)
    names = ["Team A", "Team B", "Team C"] if teams == 3 else SIX[:teams]
    workshop = new_workshop(scenario, names)
    for team in workshop.teams:
        team.answers = dict(worked)
    workshop.teams[1].answers = {**worked, "cost_to_trust": "minor", "absorb_cost": "can"}
    workshop.teams[2].answers = {k: v for k, v in worked.items() if k != "cqc_rating"}
    path = tmp_path / "beds.workshop.yaml"
    save_workshop(path, workshop)
    env = laptop_env(tmp_path, scale, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    done = run_python(env, str(PROBE), str(path), *args)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize(
    ("scale", "args"),
    [
        (1, ("--presentation",)),
        (1, ("--presentation", "--dejavu")),
        (1, ("--dejavu",)),
        (2, ()),
        (2, ("--presentation",)),
    ],
    ids=["projector", "projector-dejavu", "laptop-100-dejavu", "laptop-200", "laptop-200-big"],
)
def test_the_comparison_fits_the_screen(tmp_path: Path, scale: int, args: tuple[str, ...]) -> None:
    """In presentation mode the 'Spread (steps)' heading was cut to 'pread (steps' and in
    a laptop's window 'Recommendation' to 'Recommendati…' (DejaVu Sans, a common desktop
    font, is wide); at 200% the table scrolled sideways with three teams, and the
    controls and team buttons were squeezed or pushed off the screen, and the heading and
    controls left the table one row (the view scrolls now, the table keeping its room)."""
    report = probe(tmp_path, scale, *args)
    assert report["screen"][:2] == [1366 // scale, 768 // scale], "the screen was not set"
    assert report["fits_screen"], report["window"]
    assert report["workshop"] == []
    assert report["comparison"] == []
    assert report["dialog"] == []


def test_six_teams_on_the_projector(tmp_path: Path) -> None:
    """Six tables in the room: every team's column in view without scrolling sideways
    (the reasons go under the table rather than squeeze the teams' columns)."""
    report = probe(tmp_path, 1, "--presentation", "--dejavu", teams=6)
    assert report["fits_screen"], report["window"]
    assert report["workshop"] == []
    assert report["comparison"] == []
    assert not report["why_beside"]
