"""No pydantic plugin installed beside SysLead ever sees a decision (nothing leaves the
computer), and start-up does not pay for pydantic's scan of every package's entry points."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PLUGIN = """
from pathlib import Path
import os
Path(os.environ["SPY_MARKER"]).write_text("loaded")
class _Spy:
    def new_schema_validator(self, *args, **kwargs):
        return None, None, None
plugin = _Spy()
"""


def _install_spy(site: Path) -> None:
    (site / "spy_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "spy_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")


def _run(code: str, site: Path, marker: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SPY_MARKER=str(marker))
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


def test_a_pydantic_plugin_in_the_environment_is_never_loaded(
    tmp_path: Path, example_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _install_spy(site)

    # Control: plain pydantic in the same environment does load the spy plugin...
    marker = tmp_path / "control"
    control = "from pydantic import BaseModel\nclass M(BaseModel):\n    a: int\nM(a=1)\n"
    assert _run(control, site, marker).returncode == 0
    assert marker.exists(), "the spy plugin should load when nothing disables plugins"

    # ...but the syslead command, which validates decisions with pydantic, does not.
    marker = tmp_path / "syslead"
    argv = ["assess", str(example_path), "--json"]
    cli = f"import sys; from syslead_desktop.cli import main; sys.exit(main({argv!r}))"
    done = _run(cli, site, marker)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()


def test_a_render_does_not_import_the_package_metadata_machinery(
    tmp_path: Path, example_path: Path
) -> None:
    """pydantic's plugin loader imports importlib.metadata just to find no plugins."""
    out = tmp_path / "paper.pdf"
    code = (
        "import sys; from syslead_desktop.cli import main\n"
        f"code = main(['render', {str(example_path)!r}, '-o', {str(out)!r}, '--quiet'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('importlib.metadata')))\n"
        "sys.exit(code)\n"
    )
    done = _run(code, tmp_path, tmp_path / "unused")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert out.read_bytes().startswith(b"%PDF-")
