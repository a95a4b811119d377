"""Running a test, or a probe, in a Python process of its own: a screen of another size
or scale is fixed when Qt starts, so it needs a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def laptop_env(tmp_path: Path, scale: int, **extra: str) -> dict[str, str]:
    """The environment for an offscreen 1366×768 screen at ``scale`` (2: 200%)."""
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": str(scale),
        **extra,
    }


def run_python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def run_pytest(env: dict[str, str], *tests: str) -> None:
    """Run ``tests`` (node ids) with pytest in a process of its own; they must pass."""
    run = run_python(env, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and " failed" not in run.stdout
