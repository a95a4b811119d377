"""Putting a file into a shared folder once, under its own name, safely when several people
do it at the same moment.

A register's library may be a network share that several board secretaries file into at
once. Each filed file has a name of its own, made from its content, and is never changed
after: so two people filing different papers never touch the same name, and two people
filing the same paper write the same bytes.

:func:`create_once` writes the file in full under a temporary name in the same folder,
syncs it, then *links* it to its final name: a link fails if the name exists, so exactly
one filer creates each file and a reader never sees half of one. Where the file system
has no hard links (some network shares), it falls back to a rename, which is atomic too
and, the name being unique to the content, replaces nothing that differs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from ..errors import SysLeadError
from .files import sync_folder

_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS, errno.EMLINK}


def create_once(target: Path, data: bytes) -> bool:
    """Create ``target`` holding ``data``, unless it exists: True if this call created it.

    The folder is made if needed. Raises ``SysLeadError`` (one line) when the folder
    cannot be written."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SysLeadError(f"{folder}: cannot file into it ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        try:
            os.link(tmp, target)
            created = True
        except FileExistsError:
            created = False
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            created = not target.exists()
            if created:
                os.replace(tmp, target)
    except OSError as exc:
        raise SysLeadError(f"{target}: cannot file it ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    if created:
        sync_folder(folder)
    return created
