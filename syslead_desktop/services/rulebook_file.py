"""Read a rulebook file: safe YAML, validated, fingerprinted, cached by path and time.

File reading is a service: the engine works on the rulebook it is given
(``engine.loader.LoadedRulebook``) and never reads a file itself (the import-linter
``layers`` contract in pyproject.toml keeps it so).

Parsing the shipped rulebook's YAML is most of the time it takes to read (~8 ms of CPU,
every ``syslead`` command and every start of the window), and the file rarely changes.
So what a parse gave is kept in the user's folder (``CACHE_FOLDER``, one file for each
rulebook path), under the SHA-256 of the file's exact text and SysLead's version, and
read back as JSON while both are the same. The data is validated by pydantic as ever;
only the YAML parse is spared. A changed file, another version of SysLead, or a cache
that cannot be read, is not for this text or is damaged: the file is parsed as before
(and the cache written again). Data that JSON cannot carry exactly (a date, a number as
a key) is never cached. The lines of the file's keys, needed only to report a problem,
are found by parsing it then (``_LinesOnDemand``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.rulebook import Rulebook
from ..engine.loader import LoadedRulebook, content_hash
from ..errors import SysLeadError
from ..locations import default_rulebook_path
from .files import atomic_write_text, read_text
from .paths import user_data_dir
from .yaml_io import LocatedYaml, parse_yaml, validate

__all__ = ["CACHE_FOLDER", "LoadedRulebook", "load_rulebook"]

CACHE_FOLDER = "read-rulebooks"


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
    text = read_text(path)
    key = hashlib.sha256(f"{__version__}\n{text}".encode()).hexdigest()
    cache = _cache_file(path)
    known = _read_cache(cache, key, path)
    if known is not None:
        rulebook, fingerprint = known
        return LoadedRulebook(rulebook, path, fingerprint, _LinesOnDemand(text, path))
    located = parse_yaml(text, path)
    rulebook = validate(Rulebook, located, path)
    fingerprint = content_hash(rulebook)
    if cache is not None:
        _write_cache(cache, key, located.data, fingerprint)
    return LoadedRulebook(rulebook, path, fingerprint, located)


class _LinesOnDemand:
    """The lines of a rulebook read from the cache: the file's text is parsed the first
    time a line is asked for (to report a problem in it)."""

    def __init__(self, text: str, path: Path) -> None:
        self._text, self._path = text, path
        self._located: LocatedYaml | None = None

    def line_of(self, where: tuple[str | int, ...]) -> int | None:
        if self._located is None:
            self._located = parse_yaml(self._text, self._path)
        return self._located.line_of(where)


def _cache_file(path: Path) -> Path | None:
    name = hashlib.sha256(str(path).encode()).hexdigest()[:40]
    try:
        return user_data_dir() / CACHE_FOLDER / f"{name}.json"
    except SysLeadError:
        return None  # no user folder: parse every time


def _read_cache(cache: Path | None, key: str, path: Path) -> tuple[Rulebook, str] | None:
    """The rulebook and its fingerprint kept for this very text, if the cache holds them."""
    if cache is None:
        return None
    try:
        kept = json.loads(cache.read_text(encoding="utf-8"))
        if kept["text"] != key:
            return None
        return validate(Rulebook, LocatedYaml(kept["data"], {}), path), str(kept["hash"])
    except (OSError, ValueError, KeyError, TypeError, SysLeadError):
        return None  # missing, for another text, or damaged: parse the file


def _write_cache(cache: Path, key: str, data: Any, fingerprint: str) -> None:
    try:
        carried = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return  # a date, say: JSON cannot carry it
    if json.loads(carried) != data:
        return  # a number as a key would come back as text
    text = json.dumps({"text": key, "hash": fingerprint, "data": data}, ensure_ascii=False)
    with contextlib.suppress(SysLeadError, OSError):  # not kept: parsed again next time
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(cache, text)
