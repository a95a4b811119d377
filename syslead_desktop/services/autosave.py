"""Recovery drafts: the current decision is written here seconds after every change.

Each running app holds an OS-level lock on its own ``<session>.lock`` file for as long
as the process lives.  The operating system drops that lock when the process dies,
however it dies (even SIGKILL), so a draft whose lock can be taken belonged to a session
that crashed or was killed: that draft is offered for recovery at the next start.

The session also touches its lock file at every autosave and every :meth:`heartbeat`,
so after a crash the lock file's modification time says when the app was last seen
running: the crash came after that, and (heartbeats being a minute apart) not long
after.

Drafts hold confidential board business: the folder is 0700 and every file in it 0600,
whatever was there before. Temporary files a killed save left behind, and the lock
files of sessions that ended without a draft, are removed at the next start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

from .. import __version__
from ..domain.base import StrictModel
from ..domain.decision import Decision
from ..errors import SysLeadError
from .decision_file import decision_to_text, load_decision
from .files import (
    FileStamp,
    atomic_write_text,
    make_private_folder,
    remove_leftover_temp_files,
)
from .paths import recovery_dir
from .yaml_io import dump_yaml, load_model

DRAFT_SUFFIX = ".draft.syslead.yaml"
META_SUFFIX = ".meta.yaml"
LOCK_SUFFIX = ".lock"
#: How often a running window should call :meth:`AutosaveSession.heartbeat`.
HEARTBEAT_SECONDS = 60
#: A temporary file for a name that is no session's is left alone for this long.
FOREIGN_TEMP_AGE_S = 3600


class SourceStamp(StrictModel):
    """The saved file as the draft's session last read or saved it (see FileStamp)."""

    mtime_ns: int
    size: int
    inode: int
    device: int
    sha256: str | None = None


class DraftMeta(StrictModel):
    session: str
    source_path: str | None = None
    source_stamp: SourceStamp | None = None
    saved_at: dt.datetime
    started_at: dt.datetime | None = None
    app_version: str
    page: str | None = None  # where the user was in the wizard (a step id)


def _now() -> dt.datetime:
    """Local time with its UTC offset, to the second: right across clock changes."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _aware(moment: dt.datetime) -> dt.datetime:
    """Older drafts stored local time without an offset: read it as local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()


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


def _open_lock(path: Path) -> IO[bytes]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    return os.fdopen(fd, "a+b")


def _session_of(name: str) -> str | None:
    for suffix in (DRAFT_SUFFIX, META_SUFFIX, LOCK_SUFFIX):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name.removesuffix(suffix)
    return None


class AutosaveSession:
    """The recovery draft of one running app."""

    def __init__(self, directory: Path, session_id: str, lock: IO[bytes]):
        self.directory = directory
        self.id = session_id
        self._lock = lock
        self.started_at = _now()

    @classmethod
    def start(cls, directory: Path | None = None) -> AutosaveSession:
        """Begin a session and hold its lock until :meth:`close` or the process ends.

        Tightens the folder's permissions and clears what dead sessions left behind
        (temporary files, lock files without a draft) first. Raises ``SysLeadError``
        (one line) when the recovery folder cannot be used.
        """
        folder = make_private_folder(directory) if directory else recovery_dir()
        tidy(folder)
        for attempt in range(3):
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            session_id = f"{stamp}-{os.getpid()}-{attempt}"
            path = folder / f"{session_id}{LOCK_SUFFIX}"
            try:
                lock = _open_lock(path)
            except OSError as exc:
                raise SysLeadError(
                    f"{folder}: cannot keep recovery drafts ({exc.strerror or exc})"
                ) from None
            if not _try_lock(lock):
                lock.close()
                raise SysLeadError(f"{folder}: recovery lock is already held")
            # Another copy tidying up at this very moment may have removed the file
            # between its creation and the lock: then the lock guards nothing. Retry.
            with contextlib.suppress(OSError):
                if os.path.samestat(os.fstat(lock.fileno()), os.stat(path)):
                    return cls(folder, session_id, lock)
            lock.close()
        raise SysLeadError(f"{folder}: cannot keep recovery drafts (the lock file keeps vanishing)")

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

    def write(
        self,
        decision: Decision,
        source_path: Path | None,
        source_stamp: FileStamp | None = None,
        page: str | None = None,
    ) -> Path:
        """Write the draft atomically (draft first, then the meta that announces it).

        ``source_stamp``: the saved file as this window last read or saved it, so that a
        recovered draft can tell whether the file was saved again since. Raises
        ``SysLeadError`` (one line) when the draft cannot be written; any previous draft
        is then left as it was.
        """
        if self.closed:
            raise SysLeadError(f"{self.draft_path}: this autosave session is closed")
        atomic_write_text(self.draft_path, decision_to_text(decision), private=True)
        meta = DraftMeta(
            session=self.id,
            source_path=str(source_path) if source_path else None,
            source_stamp=SourceStamp(**asdict(source_stamp)) if source_stamp else None,
            saved_at=_now(),
            started_at=self.started_at,
            app_version=__version__,
            page=page,
        )
        atomic_write_text(self.meta_path, dump_yaml(meta.model_dump(mode="json")), private=True)
        self.heartbeat()
        return self.draft_path

    def heartbeat(self) -> None:
        """Say "still running" (the lock file's time); a crash is then dated after it."""
        if not self.closed:
            with contextlib.suppress(OSError):
                os.utime(self.lock_path)

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


# ---- what a next start finds -------------------------------------------------------------
def _owner_alive(lock_path: Path) -> bool:
    if not lock_path.exists():
        return False
    try:
        with open(lock_path, "a+b") as handle:
            return not _try_lock(handle)  # closing the handle releases a lock we took
    except OSError:
        return True  # cannot tell: never steal a draft that may be in use


def _modified(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except OSError:
        return None


def tidy(folder: Path) -> list[Path]:
    """Remove what sessions that are gone left behind: temporary files from a save cut
    short by a kill, and lock files with no draft. Returns what was removed; never raises.
    """
    alive: dict[str, bool] = {}

    def dead(session: str) -> bool:
        if session not in alive:
            alive[session] = _owner_alive(folder / f"{session}{LOCK_SUFFIX}")
        return not alive[session]

    def abandoned(target: str, age: float) -> bool:
        session = _session_of(target)
        return dead(session) if session else age > FOREIGN_TEMP_AGE_S

    removed = remove_leftover_temp_files(folder, abandoned)
    try:
        locks = sorted(folder.glob(f"*{LOCK_SUFFIX}"))
    except OSError:
        return removed
    for lock in locks:
        session = lock.name.removesuffix(LOCK_SUFFIX)
        has_draft = any(
            (folder / f"{session}{suffix}").exists() for suffix in (DRAFT_SUFFIX, META_SUFFIX)
        )
        if not has_draft and dead(session):
            with contextlib.suppress(OSError):
                lock.unlink()
                removed.append(lock)
    return removed


@dataclass(frozen=True)
class RecoverableDraft:
    """A draft left by a session that ended without closing cleanly."""

    path: Path
    meta_path: Path
    decision: Decision
    source_path: Path | None
    saved_at: dt.datetime  # when the draft was last written (aware, local time)
    #: When the app was last seen running (its lock file's time): it stopped after this.
    last_seen: dt.datetime | None = None
    #: The saved file as the session last read or saved it; hand it to the save that
    #: follows recovery, so that it asks before overwriting a newer save.
    source_stamp: FileStamp | None = None
    #: When the saved file was last modified, now (None: no file, or it is gone).
    source_modified: dt.datetime | None = None
    app_version: str | None = None
    #: Where the user was in the wizard when it was autosaved (a step id), if known.
    page: str | None = None

    @property
    def source_changed(self) -> bool:
        """The saved file was saved again after the draft's session last had it: the
        draft does not hold that newer work, and must not replace it without asking."""
        if self.source_path is None or self.source_modified is None:
            return False
        if self.source_stamp is not None:
            current = FileStamp.of(self.source_path)
            return current is None or not current.same_file_as(self.source_stamp)
        return self.source_modified > self.saved_at

    @property
    def source_missing(self) -> bool:
        return self.source_path is not None and self.source_modified is None

    @property
    def title(self) -> str:
        return self.decision.framing.title.strip() or "Untitled decision"

    def describe(self) -> str:
        """One plain paragraph for the recovery question: what, from where, and when.

        It never claims to know the moment of the crash: it gives the last autosave,
        and when the app was last seen running, which the crash followed."""
        source = f"from {self.source_path.name}" if self.source_path else "never saved to a file"
        parts = [f"A draft of “{self.title}” ({source}) was autosaved at {_when(self.saved_at)}."]
        seen = self.last_seen
        if seen is not None and seen - self.saved_at >= dt.timedelta(minutes=1):
            parts.append(
                f"SysLead was last seen running at {_when(seen)} and stopped unexpectedly "
                "soon after."
            )
        else:
            parts.append("SysLead stopped unexpectedly some time after that.")
        if self.source_changed and self.source_path is not None:
            when = _when(self.source_modified) if self.source_modified else "a later time"
            parts.append(
                f"{self.source_path.name} has been saved again since (at {when}), so it may "
                "hold work this draft does not; recovering will ask before overwriting it."
            )
        elif self.source_missing and self.source_path is not None:
            parts.append(f"{self.source_path} is no longer there.")
        return " ".join(parts)

    def discard(self) -> None:
        for path in (self.meta_path, self.path, self.path.with_name(_lock_name(self.path))):
            with contextlib.suppress(OSError):
                path.unlink()


@dataclass(frozen=True)
class DamagedDraft:
    """A draft that could not be read: left on disk until the user deletes it."""

    path: Path
    reason: str  # one line naming the file

    def discard(self) -> None:
        session = _session_of(self.path.name) or self.path.name
        for suffix in (DRAFT_SUFFIX, META_SUFFIX, LOCK_SUFFIX):
            with contextlib.suppress(OSError):
                (self.path.parent / f"{session}{suffix}").unlink()


@dataclass
class DraftScan:
    drafts: list[RecoverableDraft] = field(default_factory=list)  # newest first
    damaged: list[DamagedDraft] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the folder itself, one line each

    def all_problems(self) -> list[str]:
        return [*self.problems, *(d.reason for d in self.damaged)]


def _lock_name(draft: Path) -> str:
    return draft.name.removesuffix(DRAFT_SUFFIX) + LOCK_SUFFIX


def _read_draft(folder: Path, session: str) -> RecoverableDraft:
    """One draft and what its meta says; raises ``SysLeadError`` when it cannot be read."""
    draft = folder / f"{session}{DRAFT_SUFFIX}"
    meta_path = folder / f"{session}{META_SUFFIX}"
    decision = load_decision(draft, check_dates=False)
    lock_time = _modified(folder / f"{session}{LOCK_SUFFIX}")
    if meta_path.exists():
        meta, _located = load_model(DraftMeta, meta_path)
        saved_at = _aware(meta.saved_at)
        source = Path(meta.source_path) if meta.source_path else None
        stamp = FileStamp(**meta.source_stamp.model_dump()) if meta.source_stamp else None
        version: str | None = meta.app_version
        page = meta.page
    else:  # killed between the first draft and its meta: the draft is still work
        saved_at = _modified(draft) or _now()
        source, stamp, version, page = None, None, None, None
    last_seen = max(lock_time, saved_at) if lock_time is not None else None
    return RecoverableDraft(
        path=draft,
        meta_path=meta_path,
        decision=decision,
        source_path=source,
        saved_at=saved_at,
        last_seen=last_seen,
        source_stamp=stamp,
        source_modified=_modified(source) if source is not None else None,
        app_version=version,
        page=page,
    )


def scan_drafts(directory: Path | None = None) -> DraftScan:
    """Every draft left by a session that ended without a clean close, newest first,
    and every one that could not be read (each reported on its own, never stopping the
    others). A draft whose session is still running (its lock is held) is not listed.
    Tidies the folder first (see :func:`tidy`). Never raises.
    """
    scan = DraftScan()
    try:
        folder = make_private_folder(directory) if directory else recovery_dir()
    except SysLeadError as exc:
        scan.problems.append(str(exc))
        return scan
    tidy(folder)
    try:
        names = sorted(
            {
                name.removesuffix(suffix)
                for name in os.listdir(folder)
                for suffix in (DRAFT_SUFFIX, META_SUFFIX)
                if name.endswith(suffix) and not name.startswith(".")
            }
        )
    except OSError as exc:
        scan.problems.append(f"{folder}: cannot read recovery drafts ({exc.strerror or exc})")
        return scan
    for session in names:
        if _owner_alive(folder / f"{session}{LOCK_SUFFIX}"):
            continue
        try:
            scan.drafts.append(_read_draft(folder, session))
        except SysLeadError as exc:
            scan.damaged.append(DamagedDraft(folder / f"{session}{DRAFT_SUFFIX}", str(exc)))
        except Exception as exc:  # never let one draft stop the others, whatever it holds
            scan.damaged.append(
                DamagedDraft(
                    folder / f"{session}{DRAFT_SUFFIX}",
                    f"{folder / session}: cannot be read ({type(exc).__name__})",
                )
            )
    scan.drafts.sort(key=lambda d: d.saved_at, reverse=True)
    return scan


def find_recoverable(directory: Path | None = None) -> tuple[list[RecoverableDraft], list[str]]:
    """Drafts left by sessions that ended without a clean close, newest first.

    Returns ``(drafts, problems)``: ``problems`` has one line per draft that could not
    be read (it is left on disk, untouched).  A draft whose session is still running
    (its lock is held) is never offered.  Never raises.
    """
    scan = scan_drafts(directory)
    return scan.drafts, scan.all_problems()


def _same_path(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def draft_for(path: Path, directory: Path | None = None) -> RecoverableDraft | None:
    """The newest recoverable draft of the decision file ``path`` (starting SysLead with
    a file, by double-click or Open with, offers its draft). Never raises."""
    for draft in scan_drafts(directory).drafts:
        if is_draft_of(draft, path):
            return draft
    return None


def is_draft_of(draft: RecoverableDraft, path: Path) -> bool:
    """Whether ``draft`` was autosaved from the decision file ``path`` (any spelling)."""
    return draft.source_path is not None and _same_path(draft.source_path, path)


def _when(moment: dt.datetime) -> str:
    local = moment.astimezone()
    today = dt.datetime.now().astimezone().date()
    if local.date() == today:
        return f"{local:%H:%M} today"
    if local.date() == today - dt.timedelta(days=1):
        return f"{local:%H:%M} yesterday"
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"
