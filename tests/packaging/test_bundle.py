"""Build the Linux onedir bundle and use it as a user would (slow, but CI runs it)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from syslead_desktop import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    work = tmp_path_factory.mktemp("pyinstaller")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(ROOT / "packaging" / "syslead.spec"),
            "--noconfirm",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
        ],
        check=False,
        capture_output=True,
        text=True,
        cwd=work,
        timeout=1200,
    )
    assert built.returncode == 0, "PyInstaller failed:\n" + built.stderr[-4000:]
    yield work / "dist" / "SysLead"


def run(bundle: Path, program: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / program), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
        check=False,
    )


def test_cli_from_the_bundle(bundle: Path, tmp_path: Path) -> None:
    version = run(bundle, "syslead", "--version")
    assert version.returncode == 0 and __version__ in version.stdout
    pdf = tmp_path / "paper.pdf"
    rendered = run(
        bundle,
        "syslead",
        "render",
        str(ROOT / "examples" / "scanning-capacity.syslead.yaml"),
        "-o",
        str(pdf),
    )
    assert rendered.returncode == 0, rendered.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert run(bundle, "syslead", "verify", str(pdf)).returncode == 0
    assert run(bundle, "syslead", "rules", "check").returncode == 0
    assert (bundle / "_internal" / "rules" / "syslead-core.yaml").exists()
    practice = run(bundle, "syslead", "practice", "list", "--json")
    assert practice.returncode == 0, practice.stderr
    assert str(bundle / "_internal" / "examples" / "practice") in practice.stdout
    # reportlab's C accelerator ships too: without it the bundle renders, only slower.
    assert list((bundle / "_internal").glob("_rl_accel*")), "the bundle lacks _rl_accel"


def test_the_bundle_prints_every_script(bundle: Path, tmp_path: Path) -> None:
    """HarfBuzz, the bidirectional algorithm and the fallback faces ship in the bundle: a
    title in Arabic, Hindi, Japanese and Korean, with an emoji, renders and extracts."""
    title = "Scans for مرحبا بالعالم, नमस्ते, 日本語, 한국어 🏥"
    text = (ROOT / "examples" / "scanning-capacity.syslead.yaml").read_text(encoding="utf-8")
    source = tmp_path / "scripts.syslead.yaml"
    source.write_text(re.sub(r"(?m)^  title: .*$", f"  title: {title}", text, count=1), "utf-8")
    assert title in source.read_text(encoding="utf-8")
    pdf = tmp_path / "scripts.pdf"
    rendered = run(bundle, "syslead", "render", str(source), "-o", str(pdf))
    assert rendered.returncode == 0 and "warning" not in rendered.stderr, rendered.stderr
    assert (bundle / "_internal" / "resources" / "fonts" / "fallback" / "Symbola.ttf").exists()
    extracted = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert title in extracted.translate(dict.fromkeys(range(0x202A, 0x202F)))


def test_bundle_reads_a_rulebook_the_user_chooses(bundle: Path, tmp_path: Path) -> None:
    example = str(ROOT / "examples" / "scanning-capacity.syslead.yaml")
    shipped = json.loads(run(bundle, "syslead", "assess", example, "--json").stdout)
    mine = tmp_path / "our-trust.yaml"
    core = (ROOT / "rules" / "syslead-core.yaml").read_text(encoding="utf-8")
    adapted, count = re.subn(r"(?m)^version: (.+)$", r"version: \1-our-trust", core)
    assert count == 1
    mine.write_text(adapted, encoding="utf-8")
    chosen = run(bundle, "syslead", "assess", example, "--rulebook", str(mine), "--json")
    assert chosen.returncode == 0, chosen.stderr
    version = json.loads(chosen.stdout)["rulebook"]["version"]
    assert version == shipped["rulebook"]["version"] + "-our-trust"
    broken = tmp_path / "broken.yaml"
    broken.write_text("factors: [\n", encoding="utf-8")
    failed = run(bundle, "syslead", "assess", example, "--rulebook", str(broken))
    assert failed.returncode != 0
    assert "Traceback" not in failed.stderr and len(failed.stderr.strip().splitlines()) == 1
    assert str(broken) in failed.stderr


def test_gui_from_the_bundle_starts(bundle: Path, tmp_path: Path) -> None:
    for flag in ("--self-test", "--self-test-full"):  # first page; then every page built
        result = run(
            bundle,
            "syslead-desktop",
            flag,
            QT_QPA_PLATFORM="offscreen",
            SYSLEAD_USER_DIR=str(tmp_path),
        )
        assert result.returncode == 0, result.stderr
        assert "self-test ok" in result.stdout


def test_debian_package_from_the_bundle(bundle: Path, tmp_path: Path) -> None:
    if not shutil.which("dpkg-deb"):
        pytest.fail("dpkg-deb is needed to build the .deb (install the dpkg package)")
    built = subprocess.run(
        ["bash", str(ROOT / "packaging" / "deb" / "build-deb.sh"), str(bundle), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "SYSLEAD_DEB_COMPRESSION": "-Zgzip -z1"},
    )
    deb = Path(built.stdout.strip().splitlines()[-1])
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/syslead/syslead-desktop",
        "./opt/syslead/_internal/rules/syslead-core.yaml",
        "./usr/bin/syslead -> /opt/syslead/syslead",
        "./usr/bin/syslead-desktop -> /opt/syslead/syslead-desktop",
        f"./usr/share/applications/{APP_ID}.desktop",
        f"./usr/share/metainfo/{APP_ID}.metainfo.xml",
        "./usr/share/mime/packages/syslead-decision.xml",
        f"./usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"./usr/share/icons/hicolor/256x256/apps/{APP_ID}.png",
    ):
        assert path in listing, path
    # The root entry is what dpkg applies to / on some versions: never 700.
    assert listing.splitlines()[0].startswith("drwxr-xr-x"), listing.splitlines()[0]
    info = subprocess.run(
        ["dpkg-deb", "--info", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert f"Version: {__version__}" in info and "Package: syslead-desktop" in info
    # Unpacked as dpkg would, the program under /opt runs and finds its rulebook.
    unpacked = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    checked = run(unpacked / "opt" / "syslead", "syslead", "rules", "check")
    assert checked.returncode == 0, checked.stderr
