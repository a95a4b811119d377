"""The steps the CLI and the GUI share, so both give the same result for the same answers."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..domain.assessment import Assessment
from ..domain.decision import Decision
from ..engine.conditions import EngineError
from ..engine.evaluate import assess
from ..engine.loader import LoadedRulebook, load_rulebook
from ..errors import SysLeadError
from .decision_file import load_decision, reconcile


class Assessed(NamedTuple):
    decision: Decision
    loaded: LoadedRulebook
    assessment: Assessment
    notices: tuple[str, ...] = ()


def assess_decision(decision: Decision, loaded: LoadedRulebook, source: str = "") -> Assessed:
    fitted = reconcile(decision, loaded.rulebook, loaded.hash)
    try:
        assessment = assess(loaded.rulebook, loaded.hash, fitted.decision.answers)
    except EngineError as exc:
        prefix = f"{source}: " if source else ""
        raise SysLeadError(f"{prefix}cannot assess ({exc})") from None
    return Assessed(fitted.decision, loaded, assessment, tuple(fitted.notices))


def assess_file(path: Path | str, rulebook_path: Path | str | None = None) -> Assessed:
    decision = load_decision(path)
    loaded = load_rulebook(rulebook_path)
    return assess_decision(decision, loaded, str(path))


def render_assessed(assessed: Assessed) -> bytes:
    from .pdf import render_pdf  # reportlab is only imported when a PDF is wanted

    return render_pdf(assessed.decision, assessed.loaded.rulebook, assessed.assessment)
