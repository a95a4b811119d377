"""Find, read, validate and fingerprint rulebooks."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..domain.rulebook import Rulebook
from ..locations import DEFAULT_RULEBOOK_NAME, default_rulebook_path, resources_dir, rules_dir
from ..services.yaml_io import LocatedYaml, load_model

__all__ = [
    "DEFAULT_RULEBOOK_NAME",
    "LoadedRulebook",
    "content_hash",
    "default_rulebook_path",
    "load_rulebook",
    "resources_dir",
    "rules_dir",
]


def content_hash(rulebook: Rulebook) -> str:
    """SHA-256 of the rulebook's canonical content: comments and layout do not count."""
    canonical = json.dumps(
        rulebook.model_dump(mode="json", by_alias=True, exclude_none=True),
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class LoadedRulebook(NamedTuple):
    rulebook: Rulebook
    path: Path
    hash: str
    located: LocatedYaml

    def line_of(self, *path: str | int) -> int | None:
        return self.located.line_of(tuple(path))


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
