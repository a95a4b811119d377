"""Preferences: the trust profile set once (with a PNG or an SVG logo), shared, and the
default register folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from syslead_desktop.services.settings import Settings, load_settings
from syslead_desktop.services.trust_profile import load_profile, read_profile, save_profile
from syslead_desktop.ui import preferences
from syslead_desktop.ui.preferences import PreferencesDialog

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80">'
    b'<rect width="200" height="80" fill="#005EB8"/></svg>'
)


def ok(dialog: PreferencesDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_set_up_the_trust_profile_once(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    logo = tmp_path / "logo.svg"
    logo.write_bytes(SVG)
    monkeypatch.setattr(preferences, "ask_logo_path", lambda _p: logo)
    monkeypatch.setattr(preferences, "ask_library_folder", lambda _p, _c: tmp_path / "register")
    dialog = PreferencesDialog(None, Settings())
    qtbot.addWidget(dialog)
    dialog.name.setText("Wyvern Valley Hospitals NHS Foundation Trust")
    dialog.short_name.setText("Wyvern Valley")
    dialog.logo_button.click()
    assert dialog.logo is not None and dialog.logo.media_type == "image/svg+xml"
    assert dialog.logo.printable().startswith(b"\x89PNG"), "the SVG is rendered for the paper"
    assert not dialog.logo_preview.pixmap().isNull()
    assert dialog.clear_logo.isEnabled() and dialog.clear_logo.text() == "Remove logo"
    dialog.clear_logo.click()
    assert dialog.logo is None and dialog.logo_preview.text() == "No logo"
    assert not dialog.clear_logo.isEnabled(), "the button never repeats the label beside it"
    dialog.logo_button.click()
    dialog._add_board("Board of Directors", "PUB")
    dialog.pattern.setText("{code}{yy}/{mm}/{item}")
    assert dialog.example.text().startswith("For example: PUB")
    dialog._choose_library()
    ok(dialog)
    assert dialog.result() == PreferencesDialog.DialogCode.Accepted
    saved = load_profile()
    assert saved is not None and saved.short_name == "Wyvern Valley"
    assert [(b.name, b.code) for b in saved.boards] == [("Board of Directors", "PUB")]
    assert load_settings()[0].library == str(tmp_path / "register")

    again = PreferencesDialog(saved, load_settings()[0])  # opens as it was left
    qtbot.addWidget(again)
    assert again.name.text() == saved.name and again.boards.rowCount() == 1
    assert again.library.text() == str(tmp_path / "register")


def test_a_bad_pattern_is_never_saved(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PreferencesDialog(None, Settings())
    qtbot.addWidget(dialog)
    dialog.name.setText("A Trust")
    dialog.pattern.setText("{code}/{day}")
    assert "unknown placeholder {day}" in dialog.example.text()
    ok(dialog)
    assert dialog.isVisible() or dialog.result() != PreferencesDialog.DialogCode.Accepted
    assert "unknown placeholder" in dialog.problem.text()
    assert load_profile() is None


def test_import_and_export_to_share(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from syslead_desktop.domain.trust import Board, TrustProfile

    shared = tmp_path / "shared.yaml"
    save_profile(
        TrustProfile(name="Shared Trust", boards=[Board(name="Quality Committee", code="QC")]),
        shared,
    )
    monkeypatch.setattr(preferences, "ask_profile_to_import", lambda _p: shared)
    out = tmp_path / "out.yaml"
    monkeypatch.setattr(preferences, "ask_profile_export_path", lambda _p: out)
    dialog = PreferencesDialog(None, Settings())
    qtbot.addWidget(dialog)
    dialog._import()
    assert dialog.name.text() == "Shared Trust" and dialog.boards.rowCount() == 1
    dialog.short_name.setText("Shared")
    dialog._export()
    assert read_profile(out).short_name == "Shared" and "Exported" in dialog.problem.text()
