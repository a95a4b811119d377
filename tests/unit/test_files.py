"""Saving respects the user's files and never loses work (issue #11, item 4).

``services/files.py`` does every write: atomic, read-only files refused, symlinks
written through, permissions kept, other people's newer saves detected; and the CLI's
``-o`` never destroys its own input, a device or (without ``--force``) an existing file.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from syslead_desktop.cli import main as syslead_main
from syslead_desktop.errors import SysLeadError
from syslead_desktop.services import files
from syslead_desktop.services.decision_file import load_decision, open_decision, save_decision
from syslead_desktop.services.files import (
    FileChangedError,
    FileStamp,
    atomic_write_bytes,
    atomic_write_text,
    make_private_folder,
)
from tests.conftest import EXAMPLE

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = syslead_main(list(args))
    return code, capsys.readouterr().err


# ---- atomic writes that respect the file ---------------------------------------------------
@posix_only
def test_a_read_only_file_is_refused_and_stays_read_only(tmp_path: Path) -> None:
    """The old save replaced it (and kept it 0444), so its content changed regardless."""
    target = tmp_path / "locked.syslead.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(SysLeadError) as raised:
        atomic_write_text(target, "new\n")
    assert "read-only" in str(raised.value) and "\n" not in str(raised.value)
    assert target.read_text(encoding="utf-8") == "old\n" and mode_of(target) == 0o444
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temp file left


@posix_only
def test_permissions_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "shared.syslead.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    atomic_write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n" and mode_of(target) == 0o640


@posix_only
def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "new.syslead.yaml"
    atomic_write_text(target, "new\n")
    assert mode_of(target) == 0o666 & ~files._umask()


@posix_only
def test_a_symlink_is_written_through_to_the_real_file(tmp_path: Path) -> None:
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    real = real_folder / "decision.syslead.yaml"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.syslead.yaml"
    link.symlink_to(real)
    atomic_write_text(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new\n" and mode_of(real) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.syslead.yaml", "real"]


@posix_only
def test_private_files_are_0600_whatever_existed(tmp_path: Path) -> None:
    target = tmp_path / "draft.syslead.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o644)
    atomic_write_text(target, "new\n", private=True)
    assert mode_of(target) == 0o600
    fresh = tmp_path / "fresh.yaml"
    atomic_write_text(fresh, "x", private=True)
    assert mode_of(fresh) == 0o600


@posix_only
def test_a_private_folder_is_0700_and_its_files_0600_whatever_existed(tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    old = folder / "old.draft.syslead.yaml"
    old.write_text("x", encoding="utf-8")
    old.chmod(0o644)
    make_private_folder(folder)
    assert mode_of(folder) == 0o700 and mode_of(old) == 0o600


def test_a_folder_or_device_is_never_replaced(tmp_path: Path) -> None:
    with pytest.raises(SysLeadError, match="is a folder"):
        atomic_write_bytes(tmp_path, b"x")
    if Path("/dev/full").exists():
        with pytest.raises(SysLeadError, match="is a device"):
            atomic_write_bytes("/dev/full", b"x")
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_windows_lock_errors_are_retried_a_bounded_number_of_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "paper.pdf"
    target.write_bytes(b"old")
    calls: list[int] = []
    real_replace = os.replace

    def locked_twice(source: str, dest: object) -> None:
        calls.append(1)
        if len(calls) <= 2:
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        real_replace(source, dest)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "_WINDOWS", True)
    monkeypatch.setattr(files.time, "sleep", lambda _s: None)
    monkeypatch.setattr(files.os, "replace", locked_twice)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and len(calls) == 3

    def always_locked(_source: str, _dest: object) -> None:
        calls.append(1)
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    calls.clear()
    monkeypatch.setattr(files.os, "replace", always_locked)
    with pytest.raises(SysLeadError, match="cannot save"):
        atomic_write_bytes(target, b"newer")
    assert len(calls) == files.REPLACE_ATTEMPTS and target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["paper.pdf"]


# ---- two windows on one file ----------------------------------------------------------------
def test_a_save_over_someone_elses_newer_save_is_refused(tmp_path: Path) -> None:
    """Window A and window B open the same file; B saves; A's save must not wipe B's edit."""
    path = tmp_path / "shared.syslead.yaml"
    shutil.copy(EXAMPLE, path)
    decision_a, stamp_a = open_decision(path)
    decision_b, stamp_b = open_decision(path)
    decision_b.framing.title = "B's edit"
    stamp_b = save_decision(path, decision_b, expected=stamp_b)
    decision_a.framing.title = "A's edit"
    with pytest.raises(FileChangedError) as raised:
        save_decision(path, decision_a, expected=stamp_a)
    assert "changed on disk" in str(raised.value) and "\n" not in str(raised.value)
    assert load_decision(path).framing.title == "B's edit"
    # B saves again on top of its own save: no question
    decision_b.framing.title = "B again"
    save_decision(path, decision_b, expected=stamp_b)
    # A, having been asked and chosen to overwrite, saves without a stamp
    save_decision(path, decision_a)
    assert load_decision(path).framing.title == "A's edit"


def test_the_same_content_saved_again_is_not_a_change(tmp_path: Path) -> None:
    path = tmp_path / "same.syslead.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    stamp = FileStamp.of(path, path.read_bytes())
    assert stamp is not None
    os.utime(path, ns=(stamp.mtime_ns + 5_000_000_000, stamp.mtime_ns + 5_000_000_000))
    atomic_write_text(path, "x: 1\n", expected=stamp)  # touched, not changed: no question


def test_a_file_deleted_since_it_was_opened_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "gone.syslead.yaml"
    path.write_text("a\n", encoding="utf-8")
    stamp = FileStamp.of(path)
    assert stamp is not None
    path.unlink()
    with pytest.raises(FileChangedError, match="moved or deleted"):
        atomic_write_text(path, "b\n", expected=stamp)
    assert not path.exists()


# ---- the command line's -o -------------------------------------------------------------------
def test_render_refuses_an_existing_output_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "paper.pdf"
    out.write_bytes(b"keep me")
    code, err = cli(capsys, "render", str(EXAMPLE), "-o", str(out))
    assert code == 2 and "already exists (use --force" in err and err.count("\n") == 1
    assert out.read_bytes() == b"keep me"
    code, err = cli(capsys, "render", str(EXAMPLE), "-o", str(out), "--force", "-q")
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF-")


def test_no_command_ever_writes_over_its_own_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decision = tmp_path / "d.syslead.yaml"
    shutil.copy(EXAMPLE, decision)
    original = decision.read_bytes()
    paper = tmp_path / "paper.pdf"
    assert cli(capsys, "render", str(decision), "-o", str(paper), "-q")[0] == 0
    pdf = paper.read_bytes()
    link = tmp_path / "link.yaml"
    link.symlink_to(decision)
    rulebook = tmp_path / "rules.yaml"
    from syslead_desktop.services.rulebook_file import load_rulebook

    shutil.copy(load_rulebook().path, rulebook)
    rules = rulebook.read_bytes()
    for args in (
        ["render", str(decision), "-o", str(decision), "--force"],
        ["render", str(decision), "-o", str(link), "--force"],
        ["render", str(decision), "-o", str(rulebook), "--rulebook", str(rulebook), "--force"],
        ["extract", str(paper), "-o", str(paper), "--force"],
    ):
        code, err = cli(capsys, *args)
        assert code == 2 and "is the file being read" in err, (args, err)
    assert decision.read_bytes() == original and paper.read_bytes() == pdf
    assert rulebook.read_bytes() == rules


def test_extract_refuses_an_existing_output_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paper = tmp_path / "paper.pdf"
    assert cli(capsys, "render", str(EXAMPLE), "-o", str(paper), "-q")[0] == 0
    out = tmp_path / "out.syslead.yaml"
    out.write_text("mine\n", encoding="utf-8")
    code, err = cli(capsys, "extract", str(paper), "-o", str(out))
    assert code == 2 and "already exists" in err and out.read_text(encoding="utf-8") == "mine\n"
    assert cli(capsys, "extract", str(paper), "-o", str(out), "--force")[0] == 0
    assert load_decision(out).framing.title


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")
def test_an_output_that_is_not_a_regular_file_is_refused_even_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As root, render -o /dev/full used to replace the device with a PDF."""
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    targets = [fifo, tmp_path]
    if Path("/dev/full").exists():
        targets.append(Path("/dev/full"))
    for target in targets:
        for command in ("render", "extract"):
            source = str(EXAMPLE) if command == "render" else str(tmp_path / "none.pdf")
            code, err = cli(capsys, command, source, "-o", str(target), "--force")
            assert code == 2 and "nothing was written" in err, (target, err)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    if Path("/dev/full").exists():
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
