"""A rulebook is verified on every use, not only by ``syslead rules check``.

``assess``, ``render``, ``compare`` and ``questions``, the window's ``--rulebook`` and
the rulebook chosen in the settings all go through :func:`load_verified_rulebook`: the
same checks ``rules check`` runs (engine/verify.py), and a rulebook that fails them is
refused with its first error, reported against the rulebook file and line.

Verifying the shipped rulebook takes most of a second, so a pass is remembered by the
rulebook's content hash and SysLead's version: in memory for the process, and as an
empty marker file in the user's folder for the next start. Only passes are cached (a
failing rulebook is checked again each time, so a fix is seen at once); a marker that
cannot be written only means checking again next time.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..engine.loader import LoadedRulebook
from ..errors import SysLeadError
from .files import atomic_write_text
from .paths import user_data_dir
from .rulebook_file import load_rulebook

if TYPE_CHECKING:  # a report exists only once a rulebook has been checked
    from ..engine.verify_report import VerifyReport

CACHE_FOLDER = "verified-rulebooks"
MAX_MESSAGE = 300  # characters of the first error shown; rules check shows them all

_passed: set[str] = set()


class RulebookFailsError(SysLeadError):
    """The rulebook does not pass its checks; ``report`` has every finding."""

    def __init__(self, loaded: LoadedRulebook, report: VerifyReport):
        self.report = report
        errors = [p for c in report.checks for p in c.problems if p.severity == "error"]
        first = errors[0].located if errors else f"{loaded.path}: some checks could not run"
        if len(first) > MAX_MESSAGE:
            first = first[: MAX_MESSAGE - 1].rstrip() + "…"
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        super().__init__(
            f"{first} (this rulebook fails its checks with {count}: run "
            f"'syslead rules check {loaded.path}' for the full report)"
        )


def cache_key(loaded: LoadedRulebook) -> str:
    """What a pass is remembered by: the rulebook's content and the checks' version."""
    return hashlib.sha256(f"{__version__}\n{loaded.hash}".encode()).hexdigest()


def _marker(key: str) -> Path | None:
    try:
        return user_data_dir() / CACHE_FOLDER / f"{key[:40]}.ok"
    except SysLeadError:
        return None  # no user folder: verify every time


def is_known_good(loaded: LoadedRulebook) -> bool:
    """Whether this very content already passed (in this process or a previous one)."""
    key = cache_key(loaded)
    if key in _passed:
        return True
    marker = _marker(key)
    if marker is not None and marker.is_file():
        _passed.add(key)
        return True
    return False


def ensure_verified(loaded: LoadedRulebook) -> None:
    """Run the ``rules check`` checks unless this content passed before; raise
    :class:`RulebookFailsError` (one line, the rulebook's file and line) if they fail."""
    if is_known_good(loaded):
        return
    from ..engine.verify import verify  # the enumeration code is only needed on a miss

    report = verify(loaded)
    if not report.ok:
        raise RulebookFailsError(loaded, report)
    remember_pass(loaded)


def remember_pass(loaded: LoadedRulebook) -> None:
    """Note that this content passed every check (``rules check`` calls it too)."""
    key = cache_key(loaded)
    _passed.add(key)
    marker = _marker(key)
    if marker is not None:
        with contextlib.suppress(SysLeadError, OSError):
            marker.parent.mkdir(parents=True, exist_ok=True)
            rb = loaded.rulebook
            atomic_write_text(marker, f"{rb.id} {rb.version} {loaded.hash} {__version__}\n")


def load_verified_rulebook(path: Path | str | None = None) -> LoadedRulebook:
    """Load, validate and verify a rulebook (the shipped one when ``path`` is None)."""
    loaded = load_rulebook(path)
    ensure_verified(loaded)
    return loaded


def forget_passes() -> None:
    """Forget this process's remembered passes (the markers on disk stay): for tests."""
    _passed.clear()
