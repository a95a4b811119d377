"""The parser a command line gets: only its own command's, the same as the whole one's."""

from __future__ import annotations

import argparse

import pytest

from syslead_desktop.cli import build_parser, parser_for


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _helps(parser: argparse.ArgumentParser, name: str = "") -> dict[str, str]:
    """Every parser's help under ``parser``, by its command line."""
    found = {name: parser.format_help()}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                found.update(_helps(sub, f"{name} {sub_name}".strip()))
    return found


WHOLE = build_parser()
COMMANDS = sorted(_commands(WHOLE))


def test_the_whole_parser_has_every_command() -> None:
    assert {"render", "assess", "rules", "register", "actions", "workshop"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_gets_only_its_own_parser_and_the_same_one(name: str) -> None:
    parser = parser_for([name, "--anything"])
    assert list(_commands(parser)) == [name]
    own = _commands(parser)[name]
    whole = _commands(WHOLE)[name]
    assert _helps(own, name) == _helps(whole, name)  # every option and sub-command, worded alike


@pytest.mark.parametrize("argv", [[], ["--help"], ["--version"], ["rende"], ["-q", "render"]])
def test_anything_else_gets_the_whole_parser(argv: list[str]) -> None:
    assert sorted(_commands(parser_for(argv))) == COMMANDS


def test_a_render_is_parsed_as_the_whole_parser_parses_it() -> None:
    argv = ["render", "d.syslead.yaml", "-o", "out.pdf", "--force", "-q"]
    assert vars(parser_for(argv).parse_args(argv)) == vars(WHOLE.parse_args(argv))
    argv = ["rules", "check", "rb.yaml", "--json"]
    assert vars(parser_for(argv).parse_args(argv)) == vars(WHOLE.parse_args(argv))


def test_an_unknown_command_is_still_told_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parser_for(["rende"]).parse_args(["rende"])
    assert "'render'" in capsys.readouterr().err
