"""The cyclic garbage collector is paused while a command runs, and put back after."""

from __future__ import annotations

import gc
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
