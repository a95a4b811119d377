"""``make bench``: start-up and render benchmarks, each reported as a ratio to a bare baseline.

Start-up: ``syslead-desktop --self-test`` (offscreen) against bench/bare_wizard.py.
Render:   ``syslead render EXAMPLE -o out.pdf`` against bench/bare_render.py building a plain
          reportlab document with the same number of pages.
Ready:    ``syslead-desktop --self-test-full`` with ten recent decisions and three drafts
          to recover: the rulebook checked, Home's lists read and every wizard page
          built, against the same bare QWizard; a figure, with no target.
Long note: the example with a 1 MB chief executive's note against the same with a
          0.25 MB note: four times the text should take about four times as long (the
          ratio), never sixteen (quadratic, as before issue #11); its seconds are a figure.

Every figure is the median of whole-process runs after one warm-up run, in wall time and
in the child's own CPU time; the targets are judged on the ratio of CPU time, which the
load of other programs on a shared machine barely touches.  Then the rule
engine as rulebooks grow (bench/engine_bench.py): ``rules check``, ``assess`` and the
live review page on the shipped rulebook and on generated ones, against their targets.
The exit status is non-zero only when a run fails; a missed target is reported loudly but
exits 0.  See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import engine_bench  # noqa: E402
import machine  # noqa: E402
import report  # noqa: E402
from measure import RunFailedError, Series, child_env, measure_interleaved, run_once  # noqa: E402

EXAMPLE = ROOT / "examples" / "scanning-capacity.syslead.yaml"
DEFAULT_OUTPUT = HERE / "results" / "latest.json"
DOC = ROOT / "docs" / "benchmarks.md"
TARGETS: dict[str, float | None] = {
    "startup": 1.5,
    "ready": None,  # a figure: what Home has to read grows with the user's files
    "render": 2.0,
    "long_note": 5.0,
}
RECENT, DRAFTS = 10, 3  # what Home lists in the "ready" run: a full recent list, some drafts
LONG_NOTE_RUNS = 3  # each run renders ~1,000 pages: a few runs give a steady median
MIN_RUNS = 5
ENGINE_RUNS = 5  # whole-process runs of each rules check
DECISIONS = 50  # random decisions assessed (and half as many answer changes reviewed)


def _tool(name: str, module_fallback: Sequence[str]) -> list[str]:
    """The installed console script beside this interpreter, else ``python -c`` on its module."""
    script = Path(sys.executable).parent / name
    if script.exists():
        return [str(script)]
    return [sys.executable, *module_fallback]


def _said_ok(stdout: str) -> bool:
    return "self-test ok" in stdout


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def _compare(key: str, app: Series, bare: Series, **extra: object) -> dict[str, Any]:
    ratio = app.median_s / bare.median_s
    # Judged on CPU time: on a shared machine wall time also counts the waits for a core,
    # which the neighbours' load decides; on a quiet machine the two agree.
    cpu_ratio = app.median_cpu_s / bare.median_cpu_s
    target = TARGETS[key]
    return {
        "app": app.summary(),
        "bare": bare.summary(),
        "ratio": round(ratio, 3),
        "cpu_ratio": round(cpu_ratio, 3),
        "target": target,
        "met": target is None or cpu_ratio <= target,
        **extra,
    }


def bench_startup(env: Mapping[str, str], runs: int, warmup: bool) -> dict[str, Any]:
    launch = "import sys; from syslead_desktop.ui.app import main; sys.exit(main())"
    app_cmd = [*_tool("syslead-desktop", ["-c", launch]), "--self-test"]
    bare_cmd = [sys.executable, str(HERE / "bare_wizard.py")]
    app = Series("syslead-desktop --self-test", app_cmd)
    bare = Series("bare QWizard, one label", bare_cmd)
    measure_interleaved([app, bare], env, runs, warmup, _said_ok)
    return _compare("startup", app, bare)


def user_folder_with_home_lists(folder: Path) -> Path:
    """A SysLead user folder whose Home has ``RECENT`` recent decisions (copies of the
    example) and ``DRAFTS`` drafts left by sessions that stopped, as a busy user's has."""
    from syslead_desktop.services.autosave import AutosaveSession
    from syslead_desktop.services.decision_file import load_decision
    from syslead_desktop.services.settings import Settings, save_settings

    user = folder / "syslead"
    decisions = folder / "decisions"
    decisions.mkdir(parents=True, exist_ok=True)
    user.mkdir(parents=True, exist_ok=True)
    recent = []
    for number in range(RECENT):
        copy = decisions / f"decision-{number}.syslead.yaml"
        copy.write_bytes(EXAMPLE.read_bytes())
        recent.append(str(copy))
    save_settings(Settings(recent_files=recent), user / "settings.yaml")
    decision = load_decision(EXAMPLE)
    for number in range(DRAFTS):
        session = AutosaveSession.start(user / "recovery")
        session.write(decision, Path(recent[number]))
        session.close(keep_draft=True)
    return user


def bench_ready(env: Mapping[str, str], runs: int, warmup: bool, work: Path) -> dict[str, Any]:
    launch = "import sys; from syslead_desktop.ui.app import main; sys.exit(main())"
    app_cmd = [*_tool("syslead-desktop", ["-c", launch]), "--self-test-full"]
    bare_cmd = [sys.executable, str(HERE / "bare_wizard.py")]
    user = user_folder_with_home_lists(work / "ready")
    app = Series(f"--self-test-full, {RECENT} recent, {DRAFTS} drafts", app_cmd)
    bare = Series("bare QWizard, one label", bare_cmd)
    ready_env = {**env, "SYSLEAD_USER_DIR": str(user)}
    measure_interleaved([app, bare], ready_env, runs, warmup, _said_ok)
    return _compare("ready", app, bare, recent=RECENT, drafts=DRAFTS)


def bench_render(env: Mapping[str, str], runs: int, warmup: bool, work: Path) -> dict[str, Any]:
    app_pdf, bare_pdf = work / "app.pdf", work / "bare.pdf"
    app_cmd = _tool("syslead", ["-m", "syslead_desktop"])
    app_cmd += ["render", str(EXAMPLE), "-o", str(app_pdf), "--force"]
    run_once(app_cmd, env)  # untimed: it tells how many pages the baseline must make
    pages = _pages(app_pdf)
    bare_cmd = [sys.executable, str(HERE / "bare_render.py"), str(bare_pdf), "--pages", str(pages)]
    app = Series(f"syslead render (example), {pages} pages", app_cmd)
    bare = Series(f"bare reportlab, {pages} pages", bare_cmd)
    measure_interleaved([app, bare], env, runs, warmup)
    if _pages(bare_pdf) != pages:
        raise RunFailedError(f"bare_render.py made {_pages(bare_pdf)} pages, not {pages}")
    return _compare("render", app, bare, pages=pages)


def note_decision(path: Path, megabytes: float) -> Path:
    """The example decision with a note of ``megabytes`` of ordinary words (no breaks)."""
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    words = "the board agreed that the trust would offer weekend scanning subject to review"
    sentence = " ".join(words.split()) + ". "
    data["notes"]["success"] = (sentence * (int(megabytes * 1_000_000) // len(sentence) + 1))[
        : int(megabytes * 1_000_000)
    ].strip()
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def bench_long_note(env: Mapping[str, str], runs: int, warmup: bool, work: Path) -> dict[str, Any]:
    series = []
    for megabytes, label in ((1.0, "1 MB"), (0.25, "0.25 MB")):
        source = note_decision(work / f"note-{label.split()[0]}.syslead.yaml", megabytes)
        command = _tool("syslead", ["-m", "syslead_desktop"])
        command += ["render", str(source), "-o", str(work / "note.pdf"), "--force"]
        series.append(Series(f"syslead render, {label} note", command))
    measure_interleaved(series, env, min(runs, LONG_NOTE_RUNS), warmup)
    result = _compare("long_note", *series)
    result["seconds_for_1_mb"] = round(series[0].median_s, 2)
    return result


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="run_bench.py", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="timed runs per command (>= 5)")
    parser.add_argument(
        "--dry-check",
        action="store_true",
        help="prove the scripts work: no warm-up, any --runs, never touches the docs",
    )
    parser.add_argument("--update-docs", action="store_true", help=f"rewrite results in {DOC}")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON results file")
    parser.add_argument(
        "--baseline-tree",
        type=Path,
        help="also measure the engine of an older source tree on the shipped rulebook",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or (args.runs < MIN_RUNS and not args.dry_check):
        parser.error(f"--runs must be at least {MIN_RUNS} (or use --dry-check)")
    if args.dry_check and args.update_docs:
        parser.error("--dry-check results are not measurements; do not use --update-docs")
    return args


def compile_bytecode() -> None:
    """Compile SysLead's modules to bytecode first, as pip and PyInstaller do when they
    install it (the baseline's reportlab and PySide6 came compiled by pip). Without this an
    editable install under PYTHONDONTWRITEBYTECODE=1 would compile every module on every
    run, and the benchmark would measure the compiler rather than the app."""
    import compileall

    if not compileall.compile_dir(str(ROOT / "syslead_desktop"), quiet=1):
        raise RunFailedError("could not compile syslead_desktop to bytecode")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    warmup = not args.dry_check
    with tempfile.TemporaryDirectory(prefix="syslead-bench-") as scratch:
        work = Path(scratch)
        env = child_env(work / "home")
        try:
            compile_bytecode()
            benchmarks = {
                "startup": bench_startup(env, args.runs, warmup),
                "ready": bench_ready(env, args.runs, warmup, work),
                "render": bench_render(env, args.runs, warmup, work),
                "long_note": bench_long_note(env, args.runs, warmup, work),
            }
            # A dry check only proves the engine benchmark runs: one run, two decisions.
            engine_runs, decisions = (1, 2) if args.dry_check else (ENGINE_RUNS, DECISIONS)
            engine = engine_bench.run(env, engine_runs, decisions, args.baseline_tree)
        except (RunFailedError, OSError) as exc:
            print(f"run_bench.py: error: {exc}", file=sys.stderr)
            return 1
    results: dict[str, Any] = {
        "schema": 1,
        "dry_check": args.dry_check,
        "runs": args.runs,
        "warmup": warmup,
        "machine": machine.describe(),
        "benchmarks": benchmarks,
        "engine": engine,
        "all_targets_met": all(b["met"] for b in benchmarks.values()) and engine["all_targets_met"],
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    kind = "DRY CHECK (not a measurement)" if args.dry_check else "median of"
    print(f"SysLead Desktop benchmarks: {kind} {args.runs} whole-process run(s) per command")
    print(report.console_table(results))
    print()
    print(f"Rule engine: rules check median of {engine_runs} run(s), {decisions} decisions")
    print(engine_bench.console_table(engine))
    for line in [*report.misses(results), *engine_bench.misses(engine)]:
        print(f"*** {line} ***", file=sys.stderr)
    print(f"Wrote {args.output}")
    if args.update_docs:
        report.update_docs(DOC, results)
        block = engine_bench.markdown_block(engine, results["machine"]["date"], engine_runs)
        report.replace_block(DOC, engine_bench.START, engine_bench.END, block)
        print(f"Updated {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
