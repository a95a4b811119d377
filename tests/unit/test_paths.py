"""Per-user folders: the override, creation on demand, and one-line failures."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from syslead_desktop.errors import SysLeadError
from syslead_desktop.services.paths import recovery_dir, settings_path, user_data_dir


def test_override_is_used_and_created_on_demand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deep" / "user"
    monkeypatch.setenv("SYSLEAD_USER_DIR", str(target))
    assert not target.exists()
    assert user_data_dir() == target and target.is_dir()
    assert recovery_dir() == target / "recovery" and (target / "recovery").is_dir()
    assert settings_path() == target / "settings.yaml"


def test_platform_folder_without_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SYSLEAD_USER_DIR")
    expected = Path(platformdirs.user_data_dir("SysLead Desktop", "SysLead"))
    # conftest points XDG_DATA_HOME (and so platformdirs on Linux) at a temporary folder.
    assert str(expected).startswith(os.environ["XDG_DATA_HOME"])
    assert user_data_dir() == expected and expected.is_dir()


def test_recovery_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYSLEAD_USER_DIR", str(tmp_path / "u"))
    old = os.umask(0o022)
    try:
        folder = recovery_dir()
    finally:
        os.umask(old)
    assert folder.is_dir()
    if os.name == "posix":  # Windows folders have no mode bits; the user profile is private
        assert folder.stat().st_mode & 0o077 == 0


def test_a_file_in_the_way_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SYSLEAD_USER_DIR", str(blocker / "user"))
    with pytest.raises(SysLeadError) as info:
        user_data_dir()
    assert "\n" not in str(info.value) and str(blocker / "user") in str(info.value)
    monkeypatch.setenv("SYSLEAD_USER_DIR", str(blocker))
    with pytest.raises(SysLeadError, match="not a folder"):
        user_data_dir()
