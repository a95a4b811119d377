"""Installer metadata: desktop integration, icons, versions and paths the recipes rely on."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from PIL import Image

from syslead_desktop import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
FLATPAK = ROOT / "packaging" / "flatpak" / f"{APP_ID}.yml"
ISS = ROOT / "packaging" / "windows" / "syslead.iss"
CONSTRAINTS = ROOT / "packaging" / "constraints.txt"


def test_desktop_file_and_metainfo_validate() -> None:
    desktop = LINUX / f"{APP_ID}.desktop"
    metainfo = LINUX / f"{APP_ID}.metainfo.xml"
    assert f"Icon={APP_ID}" in desktop.read_text(encoding="utf-8")
    text = metainfo.read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in text
    shots = re.findall(r"/main/(docs/screenshots/[\w.-]+\.png)</image>", text)
    assert shots and all((ROOT / shot).is_file() for shot in shots), shots
    checked = 0
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True
        )
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout
        checked += 1
    if shutil.which("appstreamcli"):
        result = subprocess.run(
            ["appstreamcli", "validate", "--no-net", "--pedantic", str(metainfo)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout
        checked += 1
    if os.environ.get("CI"):
        assert checked == 2, "CI installs desktop-file-utils and appstream"


def test_every_recipe_carries_the_same_version() -> None:
    metainfo = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    newest = re.search(r'<release version="([^"]+)"', metainfo)
    assert newest and newest.group(1) == __version__, "add a <release> for the new version"
    iss = ISS.read_text(encoding="utf-8")
    assert f'#define AppVersion "{__version__}"' in iss


def test_icons_are_drawn_at_every_size() -> None:
    assert (ICONS / "syslead.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(ICONS / f"syslead-{size}.png") as png:
            assert png.size == (size, size) and png.mode == "RGBA"
            assert png.getpixel((size // 2, size // 2))[3] == 255  # opaque centre
            assert png.getpixel((0, 0))[3] == 0  # transparent rounded corner
    with Image.open(ICONS / "syslead.ico") as ico:
        assert {16, 24, 32, 48, 256} <= {w for w, _ in ico.info["sizes"]}
    with Image.open(ICONS / "syslead.icns") as icns:
        assert {(16, 16, 2), (128, 128, 1), (512, 512, 2)} <= set(icns.info["sizes"])


def test_windows_installer_paths_point_at_the_repository() -> None:
    text = ISS.read_text(encoding="utf-8")
    here = ISS.parent
    for key in ("SetupIconFile", "LicenseFile"):
        value = re.search(rf"^{key}=(.+)$", text, re.M)
        assert value, key
        assert (here / value.group(1).replace("\\", "/")).is_file(), key
    bundle = re.search(r'#define BundleDir "(.+)"', text)
    assert bundle and (here / bundle.group(1).replace("\\", "/")).resolve() == (
        ROOT / "packaging" / "dist" / "SysLead"
    ), "make package and the installer must agree on where the bundle is"
    # Windows types a file by its last extension: register for .yaml, never ".syslead.yaml".
    assert "Classes\\.yaml\\OpenWithProgids" in text
    assert "Classes\\.syslead.yaml" not in text


def _runtime_requirements(name: str, seen: set[str]) -> set[str]:
    """The distribution's runtime dependencies, all the way down (no extras)."""
    for line in importlib.metadata.requires(name) or []:
        req = Requirement(line)
        if req.marker and not req.marker.evaluate({"extra": ""}):
            continue
        key = req.name.lower().replace("_", "-")
        if key not in seen:
            seen.add(key)
            _runtime_requirements(req.name, seen)
    return seen


def _constraints() -> dict[str, str]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def test_the_tests_run_the_pinned_libraries() -> None:
    """make installs through packaging/constraints.txt: what is tested is what ships."""
    pins = _constraints()
    needed = _runtime_requirements("syslead-desktop", set())
    assert needed <= set(pins), f"not pinned: {sorted(needed - set(pins))}"
    for name in sorted(needed):
        assert importlib.metadata.version(name) == pins[name], (
            f"{name} {importlib.metadata.version(name)} is installed but "
            f"packaging/constraints.txt pins {pins[name]}: run make clean test"
        )


def test_flatpak_manifest_ships_every_runtime_dependency() -> None:
    manifest = yaml.safe_load(FLATPAK.read_text(encoding="utf-8"))
    assert manifest["id"] == APP_ID and manifest["command"] == "syslead-desktop"
    python, app = manifest["modules"]
    wheels = {}
    for source in python["sources"]:
        assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"]), source["url"]
        assert source["url"].startswith("https://files.pythonhosted.org/packages/")
        filename = source["url"].rsplit("/", 1)[1]
        wheels[filename.split("-")[0].lower().replace("_", "-")] = filename
    # PySide6 comes from the PySide BaseApp; everything else must be a pinned wheel.
    needed = _runtime_requirements("syslead-desktop", set())
    needed -= {"pyside6-essentials", "shiboken6"}
    assert needed <= set(wheels), f"missing wheels: {sorted(needed - set(wheels))}"
    pins = _constraints()
    for name in needed:
        assert f"-{pins[name]}-" in wheels[name], (
            f"{name}: packaging/constraints.txt pins {pins[name]}; "
            "the Flatpak must ship that wheel (see the manifest header)"
        )
    # Everything the app module installs is in the repository.
    commands = "\n".join(app["build-commands"]).replace("${FLATPAK_ID}", APP_ID)
    paths = re.findall(r"(?:packaging|resources)/[\w./${}-]+", commands)
    assert len(paths) >= 5
    for path in paths:
        for size in ("16", "24", "32", "48", "64", "128", "256", "512"):
            assert (ROOT / path.replace("${size}", size)).is_file(), path


@pytest.mark.parametrize("script", ["syslead-desktop.sh", "syslead.sh"])
def test_flatpak_launchers_run_the_entry_points(script: str) -> None:
    manifest = yaml.safe_load(FLATPAK.read_text(encoding="utf-8"))
    launcher = next(
        s for s in manifest["modules"][1]["sources"] if s.get("dest-filename") == script
    )
    body = "\n".join(launcher["commands"])
    entry = "syslead_desktop.ui.app" if script == "syslead-desktop.sh" else "syslead_desktop.cli"
    assert f"from {entry} import main" in body and '"$@"' in body


def test_windows_version_resource_names_the_product(monkeypatch: pytest.MonkeyPatch) -> None:
    # PyInstaller reads and writes .exe files with pefile and pywin32, only on Windows;
    # building the resource itself needs none of it.
    import PyInstaller.compat

    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    monkeypatch.syspath_prepend(str(ROOT / "packaging"))
    try:
        from win_version import version_info

        info = version_info(__version__, "syslead", "SysLead command line")
    finally:  # leave no module imported against the stand-ins
        sys.modules.pop("win_version", None)
        sys.modules.pop("PyInstaller.utils.win32.versioninfo", None)
    raw = info.toRaw()
    for text in ("SysLead Desktop", "syslead.exe", __version__, "080904B0"):
        assert text.encode("utf-16-le") in raw, text
    major, minor, patch = (int(part) for part in __version__.split("."))
    assert info.ffi.fileVersionMS == (major << 16) | minor
    assert info.ffi.fileVersionLS == patch << 16
