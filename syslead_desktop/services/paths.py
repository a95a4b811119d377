"""Where SysLead keeps per-user files: settings and recovery drafts."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from ..errors import SysLeadError

APP_DIR_NAME = "SysLead Desktop"
APP_AUTHOR = "SysLead"
USER_DIR_ENV = "SYSLEAD_USER_DIR"


def _ensure_folder(folder: Path, mode: int = 0o777) -> Path:
    try:
        folder.mkdir(mode=mode, parents=True, exist_ok=True)
    except FileExistsError:
        raise SysLeadError(f"{folder}: is a file, not a folder") from None
    except OSError as exc:
        raise SysLeadError(f"{folder}: cannot create folder ({exc.strerror or exc})") from None
    if not folder.is_dir():
        raise SysLeadError(f"{folder}: is a file, not a folder")
    return folder


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
    return _ensure_folder(base)


def recovery_dir() -> Path:
    """Where recovery drafts live: ``user_data_dir()/recovery``, created on demand.

    Drafts can hold confidential board business, so on POSIX a new folder is private
    to the user (mode 0700).
    """
    return _ensure_folder(user_data_dir() / "recovery", mode=0o700)


def settings_path() -> Path:
    return user_data_dir() / "settings.yaml"
