"""docs/cli.md lists every command with every option it really has."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from syslead_desktop.cli import build_parser

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _documented() -> dict[str, set[str]]:
    block = DOC.read_text(encoding="utf-8").split("```text", 1)[1].split("```", 1)[0]
    usage: dict[str, set[str]] = {}
    for line in block.strip().splitlines():
        words = line.split()
        assert words[0] == "syslead", line
        command = " ".join(w for w in words[1:3] if re.fullmatch(r"[a-z]+", w))
        usage[command] = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", line))
    return usage


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = _subparsers(sub)
                found.update({f"{name} {k}": v for k, v in nested.items()} or {name: sub})
    return found


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {
        flag
        for action in parser._actions
        for flag in action.option_strings
        if flag not in ("-h", "--help") and not (flag.startswith("--") and _has_short(action))
    }


def _has_short(action: argparse.Action) -> bool:
    return any(not f.startswith("--") for f in action.option_strings)


def test_every_command_and_option_is_documented() -> None:
    documented = _documented()
    real = _subparsers(build_parser())
    assert documented.pop("") == {"--version"}
    assert set(documented) == set(real)
    for command, sub in real.items():
        assert documented[command] == _options(sub), command
