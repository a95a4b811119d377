"""Time whole child processes and record each child's own peak memory.

Each run is one fresh process.  Wall time is ``time.perf_counter`` around the whole
spawn-and-wait, so interpreter start, imports and exit all count.  CPU time (user and
system) and peak resident memory come from ``os.wait4``, which returns the rusage of
exactly the child just reaped: CPU time is what the child itself did, which the load of
other programs on a shared machine barely touches, while its wall time waits for them;
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is a running maximum over all children, so its
deltas cannot give a per-run peak.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT_S = 120.0


class RunFailedError(RuntimeError):
    """A benchmarked command exited non-zero, timed out or did not say it succeeded."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_kib: int
    stdout: str
    cpu_seconds: float = 0.0


@dataclass
class Series:
    """The timed runs of one command (the warm-up run is not included)."""

    label: str
    command: list[str]
    runs: list[Run] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [run.seconds for run in self.runs]

    @property
    def median_s(self) -> float:
        return statistics.median(self.times)

    @property
    def median_cpu_s(self) -> float:
        return statistics.median(run.cpu_seconds for run in self.runs)

    def summary(self) -> dict[str, object]:
        return {
            "label": self.label,
            "command": self.command,
            "runs": len(self.runs),
            "median_s": round(self.median_s, 4),
            "min_s": round(min(self.times), 4),
            "max_s": round(max(self.times), 4),
            "times_s": [round(t, 4) for t in self.times],
            "median_cpu_s": round(self.median_cpu_s, 4),
            "cpu_s": [round(run.cpu_seconds, 4) for run in self.runs],
            "peak_rss_mib": round(max(r.peak_rss_kib for r in self.runs) / 1024, 1),
        }


def _peak_rss_kib(rusage: object) -> int:
    value = int(getattr(rusage, "ru_maxrss", 0))
    # Linux reports kibibytes; macOS reports bytes.
    return value // 1024 if sys.platform == "darwin" else value


def run_once(
    command: Sequence[str],
    env: Mapping[str, str],
    check: Callable[[str], bool] | None = None,
    cwd: Path | None = None,
) -> Run:
    """Run ``command`` once as a whole process; raise RunFailedError if it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(command), stdout=out, stderr=err, env=dict(env), cwd=cwd)
        watchdog = threading.Timer(TIMEOUT_S, proc.kill)
        watchdog.start()
        try:
            _, status, rusage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode == -9:
        raise RunFailedError(f"{command[0]}: killed after {TIMEOUT_S:.0f} s")
    if proc.returncode != 0:
        last = stderr.strip().splitlines()[-1:] or ["(no output)"]
        raise RunFailedError(f"{' '.join(command)}: exit {proc.returncode}: {last[0]}")
    if check is not None and not check(stdout):
        raise RunFailedError(f"{' '.join(command)}: unexpected output {stdout.strip()!r}")
    cpu = float(getattr(rusage, "ru_utime", 0.0)) + float(getattr(rusage, "ru_stime", 0.0))
    return Run(seconds=seconds, peak_rss_kib=_peak_rss_kib(rusage), stdout=stdout, cpu_seconds=cpu)


def measure_interleaved(
    series: Sequence[Series],
    env: Mapping[str, str],
    runs: int,
    warmup: bool = True,
    check: Callable[[str], bool] | None = None,
) -> None:
    """Time several commands by turns (A, B, A, B, ...), after one untimed warm-up run of
    each (optional). A machine that slows down or speeds up during the benchmark then
    affects every command alike, so their ratio stays fair."""
    if warmup:
        for one in series:
            run_once(one.command, env, check)
    for _ in range(runs):
        for one in series:
            one.runs.append(run_once(one.command, env, check))


def measure(
    label: str,
    command: Sequence[str],
    env: Mapping[str, str],
    runs: int,
    warmup: bool = True,
    check: Callable[[str], bool] | None = None,
) -> Series:
    """One untimed warm-up run (optional), then ``runs`` timed runs."""
    series = Series(label=label, command=list(command))
    if warmup:
        run_once(command, env, check)
    for _ in range(runs):
        series.runs.append(run_once(command, env, check))
    return series


def child_env(home: Path) -> dict[str, str]:
    """Offscreen Qt, and per-user folders pointed at a scratch folder (first-run state),
    so a benchmark never reads or changes the user's settings, drafts or caches."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("SYSLEAD_QUIT_AFTER_FIRST_PAGE", None)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(home / var.lower())
    env["SYSLEAD_USER_DIR"] = str(home / "syslead")
    return env
