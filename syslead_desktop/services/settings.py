"""User settings: recent files and preferences, stored as validated YAML."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, field_validator

from ..domain.base import EditableModel
from ..domain.migrations import SETTINGS_CHAIN
from ..errors import SysLeadError
from .files import atomic_write_text, read_text, remove_leftover_temp_files
from .formats import load_versioned
from .paths import settings_path
from .yaml_io import dump_yaml, parse_yaml

MAX_RECENT = 10
#: Each setting as a user knows it, for the message that says what a reset lost.
SETTING_NAMES = {
    "recent_files": "the list of recent decisions",
    "last_folder": "the folder the file dialogs open in",
    "rulebook_path": "the rulebook you chose",
    "presentation_mode": "presentation mode",
    "library": "the register folder",
    "recorded_by": "the name you record the board's decisions by",
}
STALE_TEMP_AGE_S = 60


class Settings(EditableModel):
    schema_version: Literal[3] = 3
    recent_files: list[str] = Field(default=[], description="Most recent first.")
    last_folder: str | None = None
    rulebook_path: str | None = None
    presentation_mode: bool = False
    library: str | None = Field(default=None, description="The default register folder.")
    recorded_by: str | None = Field(
        default=None,
        description="The name the board's resolutions and status changes were last recorded "
        "by (Record resolution's 'Recorded by'); none until one is given.",
    )

    @field_validator("recent_files")
    @classmethod
    def _tidy_recent(cls, files: list[str]) -> list[str]:
        """Most recent first, each file once (by resolved path), ten at most."""
        seen: set[str] = set()
        tidy: list[str] = []
        for entry in files:
            key = _key(entry)
            if key not in seen:
                seen.add(key)
                tidy.append(entry)
        return tidy[:MAX_RECENT]

    @field_validator("recorded_by")
    @classmethod
    def _tidy_name(cls, name: str | None) -> str | None:
        return tidy_name(name)


def tidy_name(name: str | None) -> str | None:
    """A name on one line, its spaces single; None for a name with no letters at all."""
    text = " ".join((name or "").split())
    return text or None


def _key(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError, ValueError):
        return path


def _aside_name(target: Path) -> Path:
    """A free name beside ``target`` for keeping a bad settings file."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name}.bad-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = target.with_name(f"{target.name}.bad-{stamp}-{number}")
    return aside


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Settings from ``path`` (default: the user's settings file) and an optional warning.

    Never raises: a missing file gives the defaults; a bad one gives the defaults plus
    a one-line warning naming the file and the field, and the bad file is renamed to
    ``settings.yaml.bad-<time>`` beside it, never silently lost.
    """
    try:
        target = path or settings_path()
    except SysLeadError as exc:
        return Settings(), f"Settings cannot be kept: {exc}"
    # A save killed midway leaves '.settings.yaml.<random>.tmp'; one a minute old is no
    # save in progress (they take milliseconds), so the next start removes it.
    remove_leftover_temp_files(
        target.parent, lambda name, age: name == target.name and age > STALE_TEMP_AGE_S
    )
    if not target.exists():
        return Settings(), None
    newer = newer_format_on_disk(target)
    if newer is not None:
        return Settings(), (
            f"{target}: written by a newer SysLead (settings format {newer}); using the "
            "defaults for now, and the file is left as it is"
        )
    try:
        settings, _located, _version = load_versioned(Settings, SETTINGS_CHAIN, target)
    except SysLeadError as exc:
        aside = _aside_name(target)
        try:
            os.replace(target, aside)
            kept = f"; the old file was kept as {aside.name}"
        except OSError:
            kept = "; the old file was left in place"
        lost = _what_was_kept(aside if aside.exists() else target)
        return Settings(), f"Settings were reset to the defaults: {lost}. {exc}{kept}"
    return settings, None


def newer_format_on_disk(target: Path) -> int | None:
    """The format version of ``target`` when a newer SysLead wrote it, else None."""
    try:
        data = parse_yaml(read_text(target), target).data
    except SysLeadError:
        return None
    version = data.get("schema_version") if isinstance(data, dict) else None
    return version if type(version) is int and version > SETTINGS_CHAIN.current else None


def _what_was_kept(path: Path) -> str:
    """What a damaged settings file held, in words ("the list of recent decisions and
    the rulebook you chose"); every setting when the file cannot be read at all."""
    try:  # the keys alone, from the composed nodes: no value needs to be readable
        node = yaml.compose(read_text(path), Loader=yaml.SafeLoader)
    except Exception:  # damaged beyond reading: then every setting was reset
        node = None
    present = set()
    if isinstance(node, yaml.MappingNode):
        present = {k.value for k, _v in node.value if isinstance(k, yaml.ScalarNode)}
    keys = [k for k in SETTING_NAMES if k in present]
    names = [SETTING_NAMES[k] for k in keys or SETTING_NAMES]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Save atomically; raises ``SysLeadError`` (one line) when that is impossible.

    A settings file written by a newer SysLead is never overwritten by this one."""
    target = path or settings_path()
    newer = newer_format_on_disk(target) if target.exists() else None
    if newer is not None:
        raise SysLeadError(
            f"{target}: not saved, as a newer SysLead wrote it (settings format {newer})"
        )
    atomic_write_text(target, dump_yaml(settings.model_dump(mode="json")))


def remember_recent(settings: Settings, file: Path) -> Settings:
    """A copy of ``settings`` with ``file`` first in the recent list, and its folder last."""
    entry = _key(str(file))
    others = [p for p in settings.recent_files if _key(p) != entry]
    return settings.model_copy(
        update={
            "recent_files": [entry, *others][:MAX_RECENT],
            "last_folder": str(Path(entry).parent),
        }
    )


def remember_recorded_by(settings: Settings, name: str) -> Settings:
    """A copy of ``settings`` that remembers ``name`` as the one to record the board's
    decisions by (no name: the user's login name is offered again)."""
    return settings.model_copy(update={"recorded_by": tidy_name(name)})


def existing_recent_files(settings: Settings) -> list[Path]:
    """The recent files that still exist, most recent first."""
    return [Path(p) for p in settings.recent_files if Path(p).is_file()]


def forget_recent(settings: Settings, file: Path) -> Settings:
    """A copy of ``settings`` without ``file`` in the recent list (the file is untouched)."""
    entry = _key(str(file))
    return settings.model_copy(
        update={"recent_files": [p for p in settings.recent_files if _key(p) != entry]}
    )
