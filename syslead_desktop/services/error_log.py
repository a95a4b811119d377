"""The log of unexpected errors: the details a one-line message leaves out.

A bug shows the user one short line; the traceback goes to ``errors.log`` in the user
data folder (``paths.user_data_dir()``), where support can ask for it. The file is kept
small: past ``MAX_BYTES`` the older half is dropped. Writing it never raises."""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

from .. import __version__
from ..errors import SysLeadError

LOG_NAME = "errors.log"
MAX_BYTES = 512 * 1024


def log_path() -> Path | None:
    """Where the log is kept, or None when the user data folder cannot be used."""
    from .paths import user_data_dir

    try:
        return user_data_dir() / LOG_NAME
    except SysLeadError:
        return None


def _trim(path: Path) -> None:
    try:
        if path.stat().st_size <= MAX_BYTES:
            return
        data = path.read_bytes()[-MAX_BYTES // 2 :]
        start = data.find(b"\n=== ")
        path.write_bytes(data[start + 1 :] if start >= 0 else data)
    except OSError:
        return


def log_exception(exc: BaseException, context: str = "") -> Path | None:
    """Append ``exc`` with its traceback to the log; returns the log's path (None if the
    log could not be written). Never raises."""
    try:
        path = log_path()
        if path is None:
            return None
        stamp = dt.datetime.now().isoformat(timespec="seconds")
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        entry = f"=== {stamp} SysLead Desktop {__version__} {context}\n{details}\n"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(entry)
        _trim(path)
        return path
    except Exception:  # the log is a help, never a new failure
        return None
