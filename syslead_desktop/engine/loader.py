"""Find, read, validate and fingerprint rulebooks."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..domain.rulebook import Rulebook
from ..services.yaml_io import LocatedYaml, load_model

DEFAULT_RULEBOOK_NAME = "syslead-core.yaml"


def _app_root() -> Path:
    """The folder holding rules/ and resources/: the source tree or the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def rules_dir() -> Path:
    override = os.environ.get("SYSLEAD_RULES_DIR")
    return Path(override) if override else _app_root() / "rules"


def resources_dir() -> Path:
    return _app_root() / "resources"


def default_rulebook_path() -> Path:
    return rules_dir() / DEFAULT_RULEBOOK_NAME


def content_hash(rulebook: Rulebook) -> str:
    """SHA-256 of the rulebook's canonical content: comments and layout do not count."""
    canonical = json.dumps(
        rulebook.model_dump(mode="json", by_alias=True, exclude_none=True),
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LoadedRulebook:
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
