"""Each command line builds only its own command's parser, and that parser is the one
the whole grammar has: the table of commands and their modules covers every command."""

from __future__ import annotations

import argparse

import pytest

from okrtui import cli


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _grammar(parser: argparse.ArgumentParser) -> list[str]:
    """Every sub-parser's help text, depth first: what a person can type."""
    out = [parser.format_help()]
    for name, child in sorted(_commands(parser).items()):
        out.append(name)
        out.extend(_grammar(child))
    return out


def test_every_command_is_in_the_table_of_commands() -> None:
    assert sorted(_commands(cli.build_parser())) == sorted(cli.COMMANDS)


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_a_commands_own_parser_is_the_one_of_the_whole_grammar(command: str) -> None:
    alone = _commands(cli.build_parser(command))[command]
    whole = _commands(cli.build_parser())[command]
    assert _grammar(alone) == _grammar(whole)


@pytest.mark.parametrize(("argv", "command"), [
    (["checkin", "9c1e", "3"], "checkin"),
    (["--db", "x.json", "--user", "bob", "list", "--period", "2026-Q4"], "list"),
    (["--db=x.json", "kr", "add", "3f2a", "t"], "kr"),
    (["--demo"], None),
    ([], None),
    (["--", "show"], "show"),
])
def test_the_command_is_the_first_word_that_is_no_option(argv: list[str],
                                                          command: str | None) -> None:
    assert cli.command_of(argv) == command
