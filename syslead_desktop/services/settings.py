"""User settings: recent files and preferences, stored as validated YAML."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal

from pydantic import Field

from ..domain.base import EditableModel
from ..errors import SysLeadError
from .paths import settings_path
from .yaml_io import atomic_write_text, dump_yaml, load_model

MAX_RECENT = 10


class Settings(EditableModel):
    schema_version: Literal[1] = 1
    recent_files: list[str] = Field(default_factory=list, description="Most recent first.")
    last_folder: str | None = None
    rulebook_path: str | None = None
    presentation_mode: bool = False


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Settings from ``path``; a bad file gives defaults plus a one-line warning.

    The bad file is renamed aside, never silently overwritten.
    """
    target = path or settings_path()
    if not target.exists():
        return Settings(), None
    try:
        settings, _located = load_model(Settings, target)
    except SysLeadError as exc:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = target.with_name(f"{target.name}.bad-{stamp}")
        try:
            os.replace(target, aside)
            kept = f"; the file was kept as {aside.name}"
        except OSError:
            kept = ""
        return Settings(), f"Settings were reset: {exc}{kept}"
    return settings, None


def save_settings(settings: Settings, path: Path | None = None) -> None:
    atomic_write_text(path or settings_path(), dump_yaml(settings.model_dump(mode="json")))


def _key(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return path


def remember_recent(settings: Settings, file: Path) -> Settings:
    """A copy of ``settings`` with ``file`` first in the recent list."""
    entry = _key(str(file))
    others = [p for p in settings.recent_files if _key(p) != entry]
    return settings.model_copy(
        update={
            "recent_files": [entry, *others][:MAX_RECENT],
            "last_folder": str(Path(entry).parent),
        }
    )


def existing_recent_files(settings: Settings) -> list[Path]:
    return [Path(p) for p in settings.recent_files if Path(p).is_file()]
