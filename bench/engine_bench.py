"""The rule engine as rulebooks grow: ``rules check``, ``assess`` and the live review page,
on the shipped rulebook and on generated ones (bench/rulebooks.py), against the targets
of issue #19.  Part of ``make bench``; also runs on its own:

    python bench/engine_bench.py                          # every case, prints the table
    python bench/engine_bench.py --baseline-tree OLD/     # the same, and an older tree's
                                                          # engine on the shipped rulebook
    python bench/engine_bench.py --update-docs            # also rewrite docs/benchmarks.md

Every figure comes from a fresh process (bench/engine_child.py).  ``rules check`` is the
whole process (start, load, verify, exit), its median over the runs, with the process's
peak memory; ``assess`` and the review page are timed inside one process over many
random decisions and answer changes, and the slowest counts against the target.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import machine  # noqa: E402
import report  # noqa: E402
import rulebooks  # noqa: E402
from measure import RunFailedError, child_env, run_once  # noqa: E402

SHIPPED = ROOT / "rules" / "syslead-core.yaml"
DOC = ROOT / "docs" / "benchmarks.md"
CHILD = HERE / "engine_child.py"

#: name -> (title, how the rulebook is made: None for the shipped one, else questions per factor)
CASES: dict[str, tuple[str, list[int] | None]] = {
    "shipped": ("shipped rulebook (5 factors, 3-4 questions)", None),
    "factor12": ("a factor of 12 questions of 5 options (+4 factors of 4)", [12, 4, 4, 4, 4]),
    "factors10x10": ("10 factors of 10 questions of 5 options", [10] * 10),
}
#: (case, measure, figure) -> the most it may be: seconds, MiB or milliseconds
TARGETS: dict[tuple[str, str, str], float] = {
    ("factor12", "check", "median_s"): 5.0,
    ("factor12", "check", "peak_rss_mib"): 500.0,
    ("factor12", "assess", "max_ms"): 200.0,
    ("factors10x10", "check", "median_s"): 30.0,
    ("shipped", "review", "max_ms"): 50.0,
    ("factor12", "review", "max_ms"): 200.0,
}
UNITS = {"median_s": "s", "peak_rss_mib": "MiB", "max_ms": "ms"}


def _child(what: str, path: Path, env: Mapping[str, str], count: int) -> dict[str, Any]:
    """Run one timed measurement in a fresh process; returns its figures."""
    command = [sys.executable, str(CHILD), what, str(path), "--count", str(count)]
    figures: dict[str, Any] = json.loads(run_once(command, env).stdout.strip().splitlines()[-1])
    return figures


def _rules_check(path: Path, env: Mapping[str, str], runs: int) -> dict[str, Any]:
    """``syslead rules check RULEBOOK --json`` as a whole process, ``runs`` times (from a
    folder of its own: ``python -m`` looks in the working folder first)."""
    command = [sys.executable, "-m", "syslead_desktop", "rules", "check", str(path), "--json"]
    with tempfile.TemporaryDirectory(prefix="syslead-engine-cwd-") as cwd:
        done = [run_once(command, env, cwd=Path(cwd)) for _ in range(runs)]
    reports = [json.loads(run.stdout) for run in done]
    if not reports[0]["ok"]:
        raise RunFailedError(f"{path}: the rulebook does not pass 'syslead rules check'")
    times = [run.seconds for run in done]
    stats = next(c["stats"] for c in reports[0]["checks"] if c["name"] == "completeness")
    return {
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "verify_s": round(statistics.median(r["seconds"] for r in reports), 3),
        "peak_rss_mib": round(max(run.peak_rss_kib for run in done) / 1024, 1),
        "combinations": stats["combinations"],
    }


def measure_case(path: Path, env: Mapping[str, str], runs: int, count: int) -> dict[str, Any]:
    return {
        "check": _rules_check(path, env, runs),
        "assess": _child("assess", path, env, count),
        "review": _child("review", path, env, max(1, count // 2)),
    }


def _verdicts(cases: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    found = {}
    for (case, what, figure), most in TARGETS.items():
        value = cases[case][what][figure]
        found[f"{case}.{what}.{figure}"] = {"value": value, "target": most, "met": value <= most}
    return found


def run(
    env: Mapping[str, str], runs: int, count: int, baseline: Path | None = None
) -> dict[str, Any]:
    """Every case; with ``baseline``, the shipped rulebook under that source tree too."""
    results: dict[str, Any] = {"cases": {}, "titles": {k: t for k, (t, _q) in CASES.items()}}
    with tempfile.TemporaryDirectory(prefix="syslead-engine-") as scratch:
        for name, (_title, questions) in CASES.items():
            path = (
                SHIPPED
                if questions is None
                else rulebooks.write(Path(scratch) / f"{name}.yaml", questions)
            )
            results["cases"][name] = measure_case(path, env, runs, count)
    results["targets"] = _verdicts(results["cases"])
    results["all_targets_met"] = all(t["met"] for t in results["targets"].values())
    if baseline is not None:
        old_env = {**env, "PYTHONPATH": str(baseline.resolve())}
        results["baseline"] = {
            "tree": str(baseline),
            "shipped": measure_case(SHIPPED, old_env, runs, count),
        }
    return results


def _rows(results: Mapping[str, Any], baseline_title: str) -> list[tuple[str, Any]]:
    rows = [(results["titles"][k], v) for k, v in results["cases"].items()]
    if "baseline" in results:
        rows.append((baseline_title, results["baseline"]["shipped"]))
    return rows


def _targets(results: Mapping[str, Any]) -> list[tuple[str, str, Any]]:
    """(what, unit, verdict) for each target."""
    return [(key, UNITS[key.rsplit(".", 1)[1]], t) for key, t in results["targets"].items()]


def console_table(results: Mapping[str, Any]) -> str:
    lines = [
        f"{'rulebook':58}{'check':>9}{'peak':>10}{'assess':>16}{'review':>16}",
        f"{'':58}{'median':>9}{'memory':>10}{'median / max':>16}{'median / max':>16}",
    ]
    baseline = f"shipped, under {results.get('baseline', {}).get('tree')}"
    for title, case in _rows(results, baseline):
        check, assessed, reviewed = case["check"], case["assess"], case["review"]
        lines.append(
            f"{title[:57]:58}{check['median_s']:>8.2f}s{check['peak_rss_mib']:>6.0f} MiB"
            f"{assessed['median_ms']:>8.1f}/{assessed['max_ms']:<5.0f}ms"
            f"{reviewed['median_ms']:>8.1f}/{reviewed['max_ms']:<5.0f}ms"
        )
    for key, unit, target in _targets(results):
        verdict = "met" if target["met"] else "MISSED"
        lines.append(
            f"  target {key}: {target['value']:g} {unit} <= {target['target']:g} {unit}: {verdict}"
        )
    return "\n".join(lines)


def misses(results: Mapping[str, Any]) -> list[str]:
    return [
        f"TARGET MISSED: engine {key} is {t['value']:g}, above {t['target']:g}"
        for key, t in results["targets"].items()
        if not t["met"]
    ]


START = "<!-- bench:engine:start -->"
END = "<!-- bench:engine:end -->"


def markdown_block(results: Mapping[str, Any], date: str, runs: int) -> str:
    lines = [
        START,
        f"Measured {date} with `make bench` (`rules check`: median of {runs} whole processes; "
        "`assess` and the review page: one process, random decisions and answer changes).",
        "",
        "| Rulebook | Combinations | `rules check` | of which verify | Peak memory "
        "| `assess` median / slowest (median CPU) "
        "| Review page median / slowest (median CPU) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for title, case in _rows(results, "shipped, engine before #19"):
        check, assessed, reviewed = case["check"], case["assess"], case["review"]
        lines.append(
            f"| {title} | {check['combinations']:,} | {check['median_s']:.2f} s "
            f"| {check['verify_s']:.3f} s | {check['peak_rss_mib']:.0f} MiB "
            f"| {assessed['median_ms']:.1f} / {assessed['max_ms']:.1f} ms "
            f"({assessed['median_cpu_ms']:.1f}) "
            f"| {reviewed['median_ms']:.1f} / {reviewed['max_ms']:.1f} ms "
            f"({reviewed['median_cpu_ms']:.1f}) |"
        )
    lines += ["", "| Target | Result | Verdict |", "|---|---:|---|"]
    for key, unit, target in _targets(results):
        verdict = "met" if target["met"] else "MISSED"
        lines.append(
            f"| {key} ≤ {target['target']:g} {unit} | {target['value']:g} {unit} | {verdict} |"
        )
    lines.append(END)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="engine_bench.py", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="whole-process runs of rules check")
    parser.add_argument("--count", type=int, default=50, help="random decisions to assess")
    parser.add_argument("--baseline-tree", type=Path, help="an older source tree to compare")
    parser.add_argument("--update-docs", action="store_true", help=f"rewrite results in {DOC}")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="syslead-engine-home-") as home:
        try:
            results = run(child_env(Path(home)), args.runs, args.count, args.baseline_tree)
        except RunFailedError as exc:
            print(f"engine_bench.py: error: {exc}", file=sys.stderr)
            return 1
    print(console_table(results))
    for line in misses(results):
        print(f"*** {line} ***", file=sys.stderr)
    if args.update_docs:
        block = markdown_block(results, machine.describe()["date"], args.runs)
        report.replace_block(DOC, START, END, block)
        print(f"Updated {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
