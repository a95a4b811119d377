"""Reading and writing the user's files without ever losing or silently replacing one.

Every file SysLead reads or writes goes through here:

- **Reading** refuses anything that is not a regular file (a folder, a named pipe that
  would block for ever, ``/dev/zero`` that never ends) *before* opening it, and reads at
  most a bounded number of bytes.
- **Writing** is atomic (a temporary file in the same folder, flushed and synced, moved
  over the target in one step, then the folder synced), retried a few times on the
  brief locks Windows tools take, and respects the file it replaces: a read-only file is
  refused rather than replaced, a symlink is written through to the real file, and the
  file's permissions (and, where allowed, owner) are kept. ``private=True`` makes the
  file 0600 whatever it was before (drafts hold confidential board business).
- **Changed on disk**: :class:`FileStamp` records a file as it was read; passing it to
  :func:`atomic_write_bytes` refuses (with :class:`FileChangedError`) to overwrite a file
  that someone else has saved since, so that the caller can ask.

Qt-free, and free of YAML and PDF: both the CLI and the GUI use it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import SysLeadError

#: The most any file SysLead reads may hold. A decision with a very long note is a few
#: megabytes; anything near this is not one of ours.
MAX_READ_BYTES = 64 * 1024 * 1024

#: Temporary files are ``.<target name>.<8 random characters>.tmp`` beside the target.
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.[A-Za-z0-9_]{8}\.tmp$")

_RETRYABLE = {errno.EACCES, errno.EBUSY, errno.EPERM}
REPLACE_ATTEMPTS = 10
_WINDOWS = os.name == "nt"  # where a replace can meet another program's brief lock


class FileChangedError(SysLeadError):
    """The file was changed (or removed) on disk since it was read: ask before saving."""

    def __init__(self, path: Path | str, detail: str):
        self.path = Path(path)
        super().__init__(f"{path}: {detail} since it was opened here")


def _one_line(exc: OSError) -> str:
    return str(exc.strerror or exc)


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words, for messages."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(path: Path | str, mode: int) -> SysLeadError:
    return SysLeadError(f"{path}: is {kind_of(mode)}, not a regular file")


# ---- reading ----------------------------------------------------------------------------
def read_bytes(path: Path | str, limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; one-line errors otherwise."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SysLeadError(f"{path}: no such file") from None
    except OSError as exc:
        raise SysLeadError(f"{path}: cannot read ({_one_line(exc)})") from None
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(path, info.st_mode)
    if info.st_size > limit:
        raise SysLeadError(f"{path}: too large to be a SysLead file (over {_size(limit)})")
    try:
        # O_NONBLOCK: should the path become a pipe between stat and open, never hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise SysLeadError(f"{path}: cannot read ({_one_line(exc)})") from None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise _not_regular(path, opened.st_mode)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise SysLeadError(f"{path}: cannot read ({_one_line(exc)})") from None
    if len(data) > limit:
        raise SysLeadError(f"{path}: too large to be a SysLead file (over {_size(limit)})")
    return data


def read_text(path: Path | str, limit: int = MAX_READ_BYTES) -> str:
    """A regular UTF-8 text file (a byte-order mark is allowed), bounded like read_bytes."""
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SysLeadError(f"{path}: not a UTF-8 text file") from None


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit} bytes"


# ---- changed on disk --------------------------------------------------------------------
@dataclass(frozen=True)
class FileStamp:
    """A file as it was read: enough to tell whether it was saved again since."""

    mtime_ns: int
    size: int
    inode: int
    device: int
    sha256: str | None = None

    @classmethod
    def of(cls, path: Path | str, data: bytes | None = None) -> FileStamp | None:
        """The stamp of ``path`` now (None if it does not exist); ``data``: its bytes, if
        just read, so that a save that changed nothing but the time is not a change."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        digest = hashlib.sha256(data).hexdigest() if data is not None else None
        return cls(info.st_mtime_ns, info.st_size, info.st_ino, info.st_dev, digest)

    def same_file_as(self, other: FileStamp) -> bool:
        return (self.mtime_ns, self.size, self.inode, self.device) == (
            other.mtime_ns,
            other.size,
            other.inode,
            other.device,
        )


def changed_since(path: Path | str, expected: FileStamp) -> str | None:
    """Why ``path`` is no longer the file stamped ``expected`` (None if it still is)."""
    now = FileStamp.of(path)
    if now is None:
        return "was moved or deleted"
    if now.same_file_as(expected):
        return None
    if expected.sha256 is not None:
        with contextlib.suppress(SysLeadError):
            if hashlib.sha256(read_bytes(path)).hexdigest() == expected.sha256:
                return None  # saved again, or touched, with the same content
    return "was changed on disk by another window or program"


# ---- writing ----------------------------------------------------------------------------
def _replace(source: str, target: Path, attempts: int = REPLACE_ATTEMPTS) -> None:
    """``os.replace``, retried briefly (bounded) for the transient locks Windows tools
    (antivirus, OneDrive, the search indexer) take on a file just written."""
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError as exc:
            if not _WINDOWS or exc.errno not in _RETRYABLE or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


@contextlib.contextmanager
def _cleanup_on_error(tmp_name: str) -> Iterator[None]:
    try:
        yield
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def real_target(path: Path | str) -> Path:
    """The file a save to ``path`` must change: through any symlinks to the real file."""
    target = Path(path)
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


_UMASK: int | None = None


def _umask() -> int:
    """The process umask, read once (from /proc where it can be read without changing)."""
    global _UMASK
    if _UMASK is None:
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                line = next(row for row in status if row.startswith("Umask:"))
            _UMASK = int(line.split()[1], 8)
        except (OSError, StopIteration, ValueError, IndexError):
            _UMASK = os.umask(0o022)
            os.umask(_UMASK)
    return _UMASK


def _check_replaceable(target: Path, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise SysLeadError(f"{target}: is {kind_of(info.st_mode)}; nothing was written")
    read_only = not info.st_mode & 0o222 or (os.name == "posix" and not os.access(target, os.W_OK))
    if read_only:
        raise SysLeadError(
            f"{target}: the file is read-only, so it was left as it is "
            "(save under another name, or make the file writable first)"
        )


def atomic_write_bytes(
    path: Path | str,
    data: bytes,
    *,
    private: bool = False,
    expected: FileStamp | None = None,
) -> FileStamp | None:
    """Write ``data`` so that ``path`` holds either the old or the new content, never half.

    - A symlink is written through: the real file changes, the link stays a link.
    - An existing file must be a regular, writable file; a read-only one is refused
      (never replaced behind its back) and its permissions are kept.
    - ``private``: the file is 0600 whatever it was (and a new file is 0600 too); a new
      file is otherwise created as an ordinary file would be (0666 less the umask).
    - ``expected``: the stamp of the file when it was opened; if it has been saved by
      someone else since, :class:`FileChangedError` is raised and nothing is written.

    Returns the stamp of the file as written (for the next ``expected``). Raises
    ``SysLeadError`` with one line when the file cannot be written; the old file is
    then untouched and no temporary file is left behind.
    """
    target = real_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise SysLeadError(f"{target}: cannot save ({_one_line(exc)})") from None
    if existing is not None:
        _check_replaceable(target, existing)
    if expected is not None:
        reason = changed_since(target, expected)
        if reason is not None:
            raise FileChangedError(target, reason)
    if private:
        mode = 0o600
    elif existing is not None:
        mode = stat.S_IMODE(existing.st_mode)
    else:
        mode = 0o666 & ~_umask()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise SysLeadError(f"{target}: cannot save ({_one_line(exc)})") from None
    with _cleanup_on_error(tmp_name):
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
                if existing is not None and hasattr(os, "fchown"):
                    with contextlib.suppress(OSError):  # only root, or a group we are in
                        os.fchown(handle.fileno(), existing.st_uid, existing.st_gid)
            os.chmod(tmp_name, mode)
            _replace(tmp_name, target)
        except OSError as exc:
            raise SysLeadError(f"{target}: cannot save ({_one_line(exc)})") from None
    sync_folder(folder)
    return FileStamp.of(target, data)


def atomic_write_text(
    path: Path | str,
    text: str,
    *,
    private: bool = False,
    expected: FileStamp | None = None,
) -> FileStamp | None:
    return atomic_write_bytes(path, text.encode("utf-8"), private=private, expected=expected)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


# ---- output paths (the CLI's -o) ----------------------------------------------------------
def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_output(output: Path, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Refuse an output path that would destroy something: one of the command's own
    ``inputs`` (always), anything that is not a regular file (always), or an existing
    file unless ``force``. Raises ``SysLeadError`` with one line."""
    for source in inputs:
        if _same_file(output, source):
            raise SysLeadError(
                f"{output}: is the file being read ({source}); choose another output file"
            )
    try:
        info = os.stat(output)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SysLeadError(f"{output}: cannot write ({_one_line(exc)})") from None
    if not stat.S_ISREG(info.st_mode):
        raise SysLeadError(f"{output}: is {kind_of(info.st_mode)}; nothing was written")
    if not force:
        raise SysLeadError(f"{output}: already exists (use --force to replace it)")


# ---- private folders and what a kill leaves behind ----------------------------------------
def ensure_folder(folder: Path, mode: int = 0o777) -> Path:
    """Create ``folder`` (and its parents) if need be; ``SysLeadError`` (one line) if it
    cannot be, or if a file stands in its place."""
    try:
        folder.mkdir(mode=mode, parents=True, exist_ok=True)
    except FileExistsError:
        raise SysLeadError(f"{folder}: is a file, not a folder") from None
    except OSError as exc:
        raise SysLeadError(f"{folder}: cannot create folder ({_one_line(exc)})") from None
    if not folder.is_dir():
        raise SysLeadError(f"{folder}: is a file, not a folder")
    return folder


def make_private_folder(folder: Path) -> Path:
    """Create ``folder`` (0700) or make an existing one 0700, and every file in it 0600.

    Drafts hold confidential board business: a folder someone made 0755 earlier, or a
    file written by an older version with the umask's 0644, is tightened here. Raises
    ``SysLeadError`` (one line) when the folder cannot be created.
    """
    ensure_folder(folder, 0o700)
    if os.name != "posix":
        return folder  # Windows: the per-user profile folder is private already
    with contextlib.suppress(OSError):
        if stat.S_IMODE(folder.stat().st_mode) != 0o700:
            folder.chmod(0o700)
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077:
                    os.chmod(entry.path, 0o600)
    return folder


def temp_file_target(name: str) -> str | None:
    """For the name of one of our temporary files, the name of the file it was for."""
    match = _TEMP_NAME.match(name)
    return match.group("target") if match else None


def remove_leftover_temp_files(folder: Path, abandoned: Callable[[str, float], bool]) -> list[Path]:
    """Delete the temporary files a killed save left in ``folder``.

    ``abandoned(target_name, age_seconds)`` says whether the temporary file for
    ``target_name`` was left by a writer that is gone (rather than one writing now).
    Returns what was removed; never raises.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        target = temp_file_target(entry.name)
        if target is None:
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and abandoned(target, now - info.st_mtime):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
