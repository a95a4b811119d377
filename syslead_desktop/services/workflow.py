"""The steps the CLI and the GUI share, so both give the same result for the same answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ..domain.assessment import Assessment
from ..domain.decision import Decision
from ..engine.conditions import EngineError
from ..engine.evaluate import assess
from ..engine.loader import LoadedRulebook
from ..errors import SysLeadError
from .decision_file import check_fits, load_decision_located, reconcile
from .follow_up import with_follow_up
from .rulebooks import load_verified_rulebook


class Assessed(NamedTuple):
    decision: Decision
    loaded: LoadedRulebook
    assessment: Assessment
    notices: tuple[str, ...] = ()


def assess_decision(decision: Decision, loaded: LoadedRulebook, source: str = "") -> Assessed:
    """The decision fitted to the rulebook and assessed, with its follow-up (actions and
    success measures) fitted to the assessment (follow_up.py)."""
    fitted = reconcile(decision, loaded.rulebook, loaded.hash)
    try:
        assessment = assess(loaded.rulebook, loaded.hash, fitted.decision.answers)
    except EngineError as exc:
        prefix = f"{source}: " if source else ""
        raise SysLeadError(f"{prefix}cannot assess ({exc})") from None
    followed = with_follow_up(fitted.decision, assessment, loaded.rulebook)
    return Assessed(followed, loaded, assessment, tuple(fitted.notices))


def load_fitted(path: Path | str, loaded: LoadedRulebook) -> Decision:
    """A decision file that fits the rulebook: nothing in it would be silently changed or
    dropped (see ``decision_file.check_fits``)."""
    decision, located = load_decision_located(path)
    check_fits(decision, located, loaded.rulebook, path)
    return decision


def assess_file(path: Path | str, rulebook_path: Path | str | None = None) -> Assessed:
    """Assess a decision file with a rulebook that passes its checks (see rulebooks.py)."""
    loaded = load_verified_rulebook(rulebook_path)
    return assess_decision(load_fitted(path, loaded), loaded, str(path))


def render_assessed(assessed: Assessed, check: Callable[[], None] | None = None) -> bytes:
    """The board paper; ``check`` raises to stop (see ``render_pdf``)."""
    from .pdf import render_pdf  # reportlab is only imported when a PDF is wanted

    return render_pdf(assessed.decision, assessed.loaded.rulebook, assessed.assessment, check=check)


def _keep_going() -> None:
    return None


def write_board_paper(
    decision: Decision,
    loaded: LoadedRulebook,
    target: Path,
    check: Callable[[], None] = _keep_going,
) -> Path:
    """Assess, render and save the board paper at ``target`` (atomically).

    ``check`` is called between the steps and raises to stop (a cancelled export);
    nothing is written once it has raised. Raises ``SysLeadError`` (one line)."""
    from .files import atomic_write_bytes

    assessed = assess_decision(decision, loaded)
    check()
    pdf = render_assessed(assessed, check)  # the render itself stops when cancelled
    check()
    atomic_write_bytes(target, pdf)
    return target
