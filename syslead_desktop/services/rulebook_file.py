"""Read a rulebook file: safe YAML, validated, fingerprinted, cached by path and time.

File reading is a service: the engine works on the rulebook it is given
(``engine.loader.LoadedRulebook``) and never reads a file itself (the import-linter
``layers`` contract in pyproject.toml keeps it so)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..domain.rulebook import Rulebook
from ..engine.loader import LoadedRulebook, content_hash
from ..locations import default_rulebook_path
from .yaml_io import load_model

__all__ = ["LoadedRulebook", "load_rulebook"]


def load_rulebook(path: Path | str | None = None) -> LoadedRulebook:
    """Load and validate a rulebook; raises :class:`~syslead_desktop.errors.SysLeadError`."""
    resolved = Path(path) if path is not None else default_rulebook_path()
    return _load_cached(resolved.resolve(), _mtime(resolved))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


@lru_cache(maxsize=8)
def _load_cached(path: Path, _mtime: float) -> LoadedRulebook:
    rulebook, located = load_model(Rulebook, path)
    return LoadedRulebook(rulebook, path, content_hash(rulebook), located)
