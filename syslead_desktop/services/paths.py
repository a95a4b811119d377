"""Where SysLead keeps per-user files: settings and recovery drafts."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "SysLead Desktop"
APP_AUTHOR = "SysLead"


def user_data_dir() -> Path:
    """The per-user data folder (``SYSLEAD_USER_DIR`` overrides it, as tests do)."""
    override = os.environ.get("SYSLEAD_USER_DIR")
    base = (
        Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR))
    )
    base.mkdir(parents=True, exist_ok=True)
    return base


def recovery_dir() -> Path:
    folder = user_data_dir() / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settings_path() -> Path:
    return user_data_dir() / "settings.yaml"
