"""Run the ``syslead`` command as a real subprocess, as a board secretary's script would."""

from __future__ import annotations

import subprocess
import sys


def syslead(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "syslead_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
