"""Recovery drafts: the current decision is written here seconds after every change.

Each running app holds an OS-level lock on its own ``<session>.lock`` file for as long
as the process lives.  The operating system drops that lock when the process dies,
however it dies (even SIGKILL), so a draft whose lock can be taken belonged to a session
that crashed or was killed: that draft is offered for recovery at the next start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .. import __version__
from ..domain.base import StrictModel
from ..domain.decision import Decision
from ..errors import SysLeadError
from .decision_file import decision_to_text, load_decision
from .paths import recovery_dir
from .yaml_io import atomic_write_text, dump_yaml, load_model

DRAFT_SUFFIX = ".draft.syslead.yaml"
META_SUFFIX = ".meta.yaml"
LOCK_SUFFIX = ".lock"


class DraftMeta(StrictModel):
    session: str
    source_path: str | None = None
    saved_at: dt.datetime
    app_version: str


def _try_lock(handle: IO[bytes]) -> bool:
    """Take an exclusive, non-blocking lock on ``handle``; False if someone holds it."""
    try:
        handle.seek(0)  # Windows locks bytes from the current position: always byte 0
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class AutosaveSession:
    """The recovery draft of one running app."""

    def __init__(self, directory: Path, session_id: str, lock: IO[bytes]):
        self.directory = directory
        self.id = session_id
        self._lock = lock

    @classmethod
    def start(cls, directory: Path | None = None) -> AutosaveSession:
        """Begin a session and hold its lock until :meth:`close` or the process ends.

        Raises ``SysLeadError`` (one line) when the recovery folder cannot be used.
        """
        folder = directory or recovery_dir()
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            session_id = f"{stamp}-{os.getpid()}"
            lock = open(folder / f"{session_id}{LOCK_SUFFIX}", "a+b")  # noqa: SIM115
        except OSError as exc:
            raise SysLeadError(
                f"{folder}: cannot keep recovery drafts ({exc.strerror or exc})"
            ) from None
        if not _try_lock(lock):
            lock.close()
            raise SysLeadError(f"{folder}: recovery lock is already held")
        return cls(folder, session_id, lock)

    @property
    def draft_path(self) -> Path:
        return self.directory / f"{self.id}{DRAFT_SUFFIX}"

    @property
    def meta_path(self) -> Path:
        return self.directory / f"{self.id}{META_SUFFIX}"

    @property
    def lock_path(self) -> Path:
        return self.directory / f"{self.id}{LOCK_SUFFIX}"

    @property
    def closed(self) -> bool:
        return self._lock.closed

    def write(self, decision: Decision, source_path: Path | None) -> Path:
        """Write the draft atomically (draft first, then the meta that announces it).

        Raises ``SysLeadError`` (one line) when the draft cannot be written; any
        previous draft is then left as it was.
        """
        if self.closed:
            raise SysLeadError(f"{self.draft_path}: this autosave session is closed")
        atomic_write_text(self.draft_path, decision_to_text(decision))
        meta = DraftMeta(
            session=self.id,
            source_path=str(source_path) if source_path else None,
            saved_at=dt.datetime.now().replace(microsecond=0),
            app_version=__version__,
        )
        atomic_write_text(self.meta_path, dump_yaml(meta.model_dump(mode="json")))
        return self.draft_path

    def discard(self) -> None:
        """Forget the draft: the work was saved or deliberately thrown away."""
        for path in (self.meta_path, self.draft_path):
            with contextlib.suppress(OSError):  # a leftover draft is harmless; never crash
                path.unlink()

    def close(self, keep_draft: bool = False) -> None:
        """End the session and release the lock.

        A clean exit (``keep_draft=False``) removes the draft and the lock file.  With
        ``keep_draft=True`` the draft stays and, its lock now free, is offered for
        recovery at the next start (for an exit that could not ask about unsaved work).
        """
        if self.closed:
            return
        if not keep_draft or not self.meta_path.exists():
            self.discard()
        self._lock.close()
        if not self.meta_path.exists():
            with contextlib.suppress(OSError):
                self.lock_path.unlink()


@dataclass(frozen=True)
class RecoverableDraft:
    path: Path
    meta_path: Path
    decision: Decision
    source_path: Path | None
    saved_at: dt.datetime

    def discard(self) -> None:
        for path in (self.meta_path, self.path, self.path.with_name(_lock_name(self.path))):
            with contextlib.suppress(OSError):
                path.unlink()


def _lock_name(draft: Path) -> str:
    return draft.name.removesuffix(DRAFT_SUFFIX) + LOCK_SUFFIX


def _owner_alive(lock_path: Path) -> bool:
    if not lock_path.exists():
        return False
    try:
        with open(lock_path, "a+b") as handle:
            return not _try_lock(handle)  # closing the handle releases a lock we took
    except OSError:
        return True  # cannot tell: never steal a draft that may be in use


def find_recoverable(directory: Path | None = None) -> tuple[list[RecoverableDraft], list[str]]:
    """Drafts left by sessions that ended without a clean close, newest first.

    Returns ``(drafts, problems)``: ``problems`` has one line per draft that could not
    be read (it is left on disk, untouched).  A draft whose session is still running
    (its lock is held) is never offered.  Never raises.
    """
    found: list[RecoverableDraft] = []
    problems: list[str] = []
    try:
        folder = directory or recovery_dir()
    except SysLeadError as exc:
        return found, [str(exc)]
    try:
        metas = sorted(folder.glob(f"*{META_SUFFIX}")) if folder.is_dir() else []
    except OSError as exc:
        return found, [f"{folder}: cannot read recovery drafts ({exc.strerror or exc})"]
    for meta_path in metas:
        session = meta_path.name.removesuffix(META_SUFFIX)
        if _owner_alive(folder / f"{session}{LOCK_SUFFIX}"):
            continue
        draft = folder / f"{session}{DRAFT_SUFFIX}"
        try:
            meta, _located = load_model(DraftMeta, meta_path)
            decision = load_decision(draft)
        except SysLeadError as exc:
            problems.append(str(exc))
            continue
        source = Path(meta.source_path) if meta.source_path else None
        found.append(RecoverableDraft(draft, meta_path, decision, source, meta.saved_at))
    found.sort(key=lambda d: d.saved_at, reverse=True)
    return found, problems
