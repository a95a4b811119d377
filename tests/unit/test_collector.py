"""The cyclic garbage collector is paused while a command runs, and put back after."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from syslead_desktop import cli, pause_collector, resume_collector


def test_a_command_runs_with_the_collector_paused_and_restores_it(
    example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = cli.cmd_assess

    def spy(args: object) -> int:
        seen.append(gc.isenabled())
        return real(args)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "cmd_assess", spy)
    assert gc.isenabled()
    assert cli.main(["assess", str(example_path), "--json"]) == 0
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_is_restored_when_a_command_fails_or_exits(tmp_path: Path) -> None:
    assert cli.main(["assess", str(tmp_path / "missing.yaml")]) != 0
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert gc.isenabled()


def test_a_paused_collector_stays_paused_for_the_caller() -> None:
    gc.disable()
    try:
        running = pause_collector()
        assert running is False
        resume_collector(running)
        assert not gc.isenabled()  # it was off before: leave it off
    finally:
        gc.enable()


def test_resume_with_freeze_hides_what_start_up_built() -> None:
    running = pause_collector()
    assert not gc.isenabled()
    kept = [[object()] for _ in range(100)]
    resume_collector(running, freeze=True)
    try:
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()


RUN = "from syslead_desktop.cli import run; run()"


def _syslead(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``syslead ARGS`` through the console script's entry point, after ``code``."""
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )


def test_the_command_leaves_quickly_but_says_everything(tmp_path: Path, example_path: Path) -> None:
    """``syslead`` ends with os._exit after main(): output is flushed, the code kept."""
    import json

    done = _syslead(RUN, "assess", str(example_path), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stance"]  # the whole document arrived
    bad = _syslead(RUN, "assess", str(tmp_path / "missing.yaml"))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    # A reader that stops early (| head) gets no traceback.
    piped = subprocess.run(
        f"{sys.executable} -c '{RUN}' questions --json | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in piped.stderr and "Exception" not in piped.stderr


def test_the_console_script_uses_the_quick_exit() -> None:
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "syslead"]
    assert script.value == "syslead_desktop.cli:run"


def test_the_command_does_not_turn_the_collector_back_on_before_it_leaves(
    example_path: Path,
) -> None:
    """Turned back on at the end, the collector would walk everything a render built just
    before the process ends (~30 ms): the exit handlers still run, with it paused."""
    code = "import atexit, gc; atexit.register(lambda: print('collector on:', gc.isenabled()));"
    done = _syslead(code + RUN, "assess", str(example_path), "--json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("collector on: False")
