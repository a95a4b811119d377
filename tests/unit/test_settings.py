"""User settings: validated, never silently lost, recent files kept tidy."""

from __future__ import annotations

from pathlib import Path

import pytest

from syslead_desktop.errors import SysLeadError
from syslead_desktop.services.paths import settings_path, user_data_dir
from syslead_desktop.services.settings import (
    MAX_RECENT,
    Settings,
    existing_recent_files,
    load_settings,
    remember_recent,
    remember_recorded_by,
    save_settings,
)


def test_user_dir_honours_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYSLEAD_USER_DIR", str(tmp_path / "u"))
    assert user_data_dir() == tmp_path / "u" and settings_path().parent == tmp_path / "u"


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    settings = Settings(recent_files=["/a.yaml"], presentation_mode=True)
    save_settings(settings, path)
    assert load_settings(path) == (settings, None)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.yaml") == (Settings(), None)


def test_bad_file_gives_defaults_a_warning_and_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text("schema_version: 1\nrecnt_files: []\n", encoding="utf-8")
    settings, warning = load_settings(path)
    assert settings == Settings()
    assert warning is not None and "\n" not in warning
    assert "settings.yaml" in warning and "recnt_files" in warning
    kept = list(tmp_path.glob("settings.yaml.bad-*"))
    assert len(kept) == 1 and "recnt_files" in kept[0].read_text(encoding="utf-8")


def test_recent_files_order_dedupe_and_limit(tmp_path: Path) -> None:
    files = [tmp_path / f"d{i}.syslead.yaml" for i in range(MAX_RECENT + 3)]
    for f in files:
        f.write_text("x", encoding="utf-8")
    settings = Settings()
    for f in files:
        settings = remember_recent(settings, f)
    settings = remember_recent(settings, files[5])
    recent = existing_recent_files(settings)
    assert recent[0] == files[5].resolve()
    assert len(recent) == MAX_RECENT and len(set(recent)) == MAX_RECENT
    files[5].unlink()
    assert files[5].resolve() not in existing_recent_files(settings)


def test_default_location_round_trip() -> None:
    settings = remember_recent(Settings(), Path("/tmp/a.syslead.yaml"))
    save_settings(settings)
    assert settings_path().is_file()
    assert load_settings() == (settings, None)


def test_two_bad_files_in_a_row_are_both_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    for text in ("presentation_mode: maybe\n", "schema_version: 0\n"):
        path.write_text(text, encoding="utf-8")
        settings, warning = load_settings(path)
        assert settings == Settings() and warning is not None and "\n" not in warning
    assert not path.exists()
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("settings.yaml.bad-*"))
    assert kept == ["presentation_mode: maybe\n", "schema_version: 0\n"]


def test_not_yaml_at_all_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text("recent_files: [unclosed\n", encoding="utf-8")
    settings, warning = load_settings(path)
    assert settings == Settings() and warning is not None and "settings.yaml" in warning


def test_unusable_user_folder_gives_defaults_and_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SYSLEAD_USER_DIR", str(blocker))
    settings, warning = load_settings()
    assert settings == Settings() and warning is not None and "\n" not in warning
    with pytest.raises(SysLeadError):
        save_settings(settings)


def test_hand_edited_recent_list_is_tidied_on_load(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    names = [str(tmp_path / f"f{i}.yaml") for i in range(MAX_RECENT + 5)]
    lines = "".join(f"  - '{n}'\n" for n in [names[0], *names])
    path.write_text(f"schema_version: 1\nrecent_files:\n{lines}", encoding="utf-8")
    settings, warning = load_settings(path)
    assert warning is None
    assert settings.recent_files == names[:MAX_RECENT]


def test_the_name_decisions_are_recorded_by_is_kept(tmp_path: Path) -> None:
    """Record resolution's "Recorded by": kept from one session to the next, on one line,
    and forgotten when cleared (the login name is offered again)."""
    path = tmp_path / "settings.yaml"
    settings = remember_recorded_by(Settings(library="/srv/register"), "  Pat \n Secretary ")
    assert settings.recorded_by == "Pat Secretary" and settings.library == "/srv/register"
    save_settings(settings, path)
    assert load_settings(path) == (settings, None)
    assert remember_recorded_by(settings, "   ").recorded_by is None
    assert Settings(recorded_by="\tPat  Secretary").recorded_by == "Pat Secretary"
    path.write_text("schema_version: 3\nrecorded_by: ' Pat\tSecretary '\n", encoding="utf-8")
    assert load_settings(path)[0].recorded_by == "Pat Secretary"


def test_a_name_given_twice_is_refused_and_the_reset_says_what_it_lost(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    text = "schema_version: 3\nrecorded_by: Pat Secretary\nrecorded_by: Sam Clerk\n"
    path.write_text(text, encoding="utf-8")
    settings, warning = load_settings(path)
    assert settings == Settings() and warning is not None and "\n" not in warning
    assert "settings.yaml:3: recorded_by: given twice (first on line 2)" in warning
    assert "the name you record the board's decisions by" in warning
    assert [p.read_text(encoding="utf-8") for p in tmp_path.glob("settings.yaml.bad-*")] == [text]
