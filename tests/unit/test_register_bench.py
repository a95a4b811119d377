"""bench/register_bench.py still runs and writes its figures. Nothing here is about speed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_register_bench_runs_on_a_small_library(tmp_path: Path) -> None:
    out = tmp_path / "register.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "register_bench.py"),
            "--papers",
            "12",
            "--searches",
            "5",
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["papers"] == 12 and data["decisions"] == 12 and data["entries"] == 12
    assert data["found_by_unique_word"] is True
    assert {"rebuild_s", "open_s", "search_ms"} <= set(data["met"])
