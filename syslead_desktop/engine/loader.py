"""A rulebook as the engine gets it: validated, fingerprinted, with its source lines.

Reading the file is a service (``services/rulebook_file.py: load_rulebook``): the engine
never reads files, so it depends on nothing above it (see the layers contract)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import NamedTuple, Protocol

from ..domain.rulebook import Rulebook
from ..locations import DEFAULT_RULEBOOK_NAME, default_rulebook_path, resources_dir, rules_dir

__all__ = [
    "DEFAULT_RULEBOOK_NAME",
    "LoadedRulebook",
    "SourceLines",
    "content_hash",
    "default_rulebook_path",
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


class SourceLines(Protocol):
    """Where each key of the file was (the YAML reader's ``LocatedYaml`` is one)."""

    def line_of(self, path: tuple[str | int, ...]) -> int | None: ...


class LoadedRulebook(NamedTuple):
    rulebook: Rulebook
    path: Path
    hash: str
    located: SourceLines

    def line_of(self, *path: str | int) -> int | None:
        return self.located.line_of(tuple(path))
