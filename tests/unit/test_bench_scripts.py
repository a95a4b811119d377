"""The benchmark scripts still run end to end.  Nothing here is about speed.

``bench/run_bench.py --runs 1 --dry-check`` runs every benchmarked command once as a real
process and writes the JSON results; these tests check only that it succeeds and that the
JSON has the documented shape.  No timing is asserted, ever.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"

SERIES_KEYS = {
    "label",
    "command",
    "runs",
    "median_s",
    "min_s",
    "max_s",
    "times_s",
    "median_cpu_s",
    "cpu_s",
    "peak_rss_mib",
}
MACHINE_KEYS = {"cpu", "cores", "ram_gib", "os", "kernel", "python", "pyside6", "reportlab"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        cwd=ROOT,
    )


def test_dry_check_runs_every_benchmark_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    doc_before = (ROOT / "docs" / "benchmarks.md").read_bytes()
    result = _run(str(BENCH / "run_bench.py"), "--runs", "1", "--dry-check", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "DRY CHECK" in result.stdout
    assert "Rule engine" in result.stdout

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["dry_check"] is True and data["runs"] == 1
    assert set(data["machine"]) >= MACHINE_KEYS
    assert set(data["benchmarks"]) == {"startup", "ready", "render", "long_note"}
    ready = data["benchmarks"]["ready"]
    assert ready["target"] is None and ready["met"] is True, "a figure, never a miss"
    assert (ready["recent"], ready["drafts"]) == (10, 3)
    assert data["benchmarks"]["long_note"]["seconds_for_1_mb"] > 0
    for bench in data["benchmarks"].values():
        assert {"app", "bare", "ratio", "cpu_ratio", "target", "met"} <= set(bench)
        for side in ("app", "bare"):
            assert set(bench[side]) >= SERIES_KEYS
            assert len(bench[side]["times_s"]) == len(bench[side]["cpu_s"]) == 1
            assert bench[side]["median_cpu_s"] > 0, "the child's own CPU time, from os.wait4"
    assert data["benchmarks"]["render"]["pages"] >= 1
    assert isinstance(data["all_targets_met"], bool)
    # The rule engine: rules check, assess and the review page on each rulebook.
    engine = data["engine"]
    assert set(engine["cases"]) == {"shipped", "factor12", "factors10x10"}
    for case in engine["cases"].values():
        assert set(case["check"]) >= {"median_s", "peak_rss_mib", "combinations", "verify_s"}
        for timed in (case["assess"], case["review"]):
            assert set(timed) >= {"first_ms", "median_ms", "max_ms", "median_cpu_ms", "count"}
    assert engine["cases"]["factor12"]["check"]["combinations"] > 5**12
    assert all(set(t) == {"value", "target", "met"} for t in engine["targets"].values())
    assert isinstance(engine["all_targets_met"], bool)
    # A dry check is not a measurement, so the published numbers are left alone.
    assert (ROOT / "docs" / "benchmarks.md").read_bytes() == doc_before


def test_bare_render_makes_exactly_the_pages_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "bare.pdf"
    result = _run(str(BENCH / "bare_render.py"), str(out), "--pages", "11")
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(str(out)).pages) == 11


def test_bare_wizard_quits_once_its_first_page_is_shown() -> None:
    result = _run(str(BENCH / "bare_wizard.py"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "self-test ok"


@pytest.mark.parametrize(
    "args",
    [["--runs", "3"], ["--runs", "0", "--dry-check"], ["--dry-check", "--update-docs"]],
)
def test_refuses_too_few_runs_and_docs_from_a_dry_check(args: list[str]) -> None:
    result = _run(str(BENCH / "run_bench.py"), *args)
    assert result.returncode == 2
    assert "error:" in result.stderr
