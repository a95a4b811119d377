"""The debrief paper for a comparison: which scenario it was, its facilitator's notes, and
the PDF (services/pdf/debrief.py lays it out)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from ..domain.practice import FacilitatorNotes
from ..domain.workshop import Workshop
from ..errors import SysLeadError
from .compare import Comparison
from .practice import Scenario, find_scenario, library
from .workshop import WORKSHOP_SUFFIX, load_workshop


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def scenario_titled(title: str) -> Scenario | None:
    """The practice scenario with this title, if the library has one."""
    with contextlib.suppress(SysLeadError):
        for scenario in library():
            if _same(scenario.title, title):
                return scenario
    return None


def _notes(scenario_id: str | None, title: str) -> FacilitatorNotes | None:
    if scenario_id:
        with contextlib.suppress(SysLeadError):
            return find_scenario(scenario_id).notes
    found = scenario_titled(title)
    return found.notes if found else None


def debrief_for_workshop(
    workshop: Workshop, comparison: Comparison, anonymous: bool | None = None
) -> bytes:
    from .pdf.debrief import Debrief, render_debrief

    return render_debrief(
        Debrief(
            comparison,
            title=workshop.title,
            framing=workshop.framing,
            notes=_notes(workshop.scenario, workshop.framing.title),
            day=workshop.updated or workshop.created,
            anonymous=workshop.anonymous if anonymous is None else anonymous,
        )
    )


def debrief_for_files(comparison: Comparison, files: Sequence[Path], anonymous: bool) -> bytes:
    """The debrief for ``syslead compare FILES --pdf``: a workshop file among ``files``
    names the scenario; otherwise it is found by the decision's title."""
    for path in files:
        if path.name.lower().endswith(WORKSHOP_SUFFIX):
            return debrief_for_workshop(load_workshop(path), comparison, anonymous or None)
    from .pdf.debrief import Debrief, render_debrief

    first = comparison.teams[0].decision
    days = [t.decision.updated for t in comparison.teams if t.decision.updated]
    return render_debrief(
        Debrief(
            comparison,
            title=first.framing.title or "Workshop",
            framing=first.framing,
            notes=_notes(None, first.framing.title),
            day=max(days) if days else None,
            anonymous=anonymous,
        )
    )
