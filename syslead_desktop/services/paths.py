"""Where SysLead keeps per-user files: settings and recovery drafts."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from .files import ensure_folder, make_private_folder

APP_DIR_NAME = "SysLead Desktop"
APP_AUTHOR = "SysLead"
USER_DIR_ENV = "SYSLEAD_USER_DIR"


def user_data_dir() -> Path:
    """The per-user data folder, created on demand.

    ``SYSLEAD_USER_DIR`` overrides it (the tests set it); otherwise platformdirs gives
    the usual place on each operating system.  Raises ``SysLeadError`` (one line) when
    the folder cannot be created.
    """
    override = os.environ.get(USER_DIR_ENV)
    base = (
        Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR))
    )
    return ensure_folder(base)


def recovery_dir() -> Path:
    """Where recovery drafts live: ``user_data_dir()/recovery``, created on demand.

    Drafts can hold confidential board business, so on POSIX the folder is private to
    the user (mode 0700) and its files 0600, whatever they were before.
    """
    return make_private_folder(user_data_dir() / "recovery")


def settings_path() -> Path:
    return user_data_dir() / "settings.yaml"
