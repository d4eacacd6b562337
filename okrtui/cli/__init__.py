"""The command line: parse arguments, call the services, print.

This package must not import textual: scripts and shell prompts run it often, and start-up
time matters. `okrtui` with no subcommand opens the TUI through `okrtui.launch`.

Exit codes: 0 success, 1 `lint` found something or something is `due`, 2 bad input of any
kind (one line on stderr, the workspace file untouched). Each command group lives in its
own module with a `register(sub, parents)` function; add a module to COMMAND_MODULES to add
commands.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from okrtui import __version__, config
from okrtui.cli.common import EXIT_BAD_INPUT, Parents, Parser, UsageError
from okrtui.domain.records.errors import OkrError, describe, is_validation_error
from okrtui.domain.records.text import one_line, shown
from okrtui.memory import resume_collection

if TYPE_CHECKING:
    from okrtui.services import Services

# cycle adds to the kr and kpi groups that records makes, so it comes after records.
COMMAND_MODULES = ("records", "checkins", "initiatives", "reading", "due", "safety", "cycle",
                   "exchange", "sharing", "pull", "history", "serve", "completion", "keys")
"""The modules of okrtui.cli that register commands, in the order they register."""

COMMANDS: dict[str, tuple[str, ...]] = {
    "objective": ("records",),
    "kr": ("records", "cycle"),
    "kpi": ("records", "cycle"),
    "checkin": ("checkins",),
    "initiative": ("initiatives",),
    "due": ("due",),
    "list": ("reading",), "show": ("reading",), "lint": ("reading",),
    "activity": ("reading",),
    "restore": ("safety",),
    "grade": ("records", "cycle"), "carry": ("records", "cycle"),
    "template": ("records", "cycle"), "report": ("records", "cycle"),
    "status": ("records", "cycle"),
    "export": ("exchange",), "import": ("exchange",),
    "resolve": ("sharing",), "merge": ("sharing",),
    "pull": ("pull",), "undo": ("history",), "redo": ("history",), "serve": ("serve",),
    "completion": ("completion",), "keys": ("keys",),
}
"""Each command and the modules its parser needs: a command line builds only the parser
of its own command (with --help, or no known command, every parser is built), because
building all of them, and importing what their handlers use, cost a check-in more than
its work."""

# Top-level options that take a value (the command is the first word after them).
_VALUED = frozenset({"--db", "--user"})


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"okrtui.cli.{name}")


def command_of(argv: Sequence[str]) -> str | None:
    """The command an argument list names (its first word that is neither an option nor an
    option's value), or None."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--":
            return argv[index + 1] if index + 1 < len(argv) else None
        if word.startswith("-"):
            index += 2 if word in _VALUED else 1
            continue
        return word
    return None


def _modules_for(command: str | None) -> tuple[str, ...]:
    """The command modules a parser for `command` needs: its own, none without a command
    (the TUI, --version), every one for an unknown word (to name the choices)."""
    if command is None:
        return ()
    return COMMANDS.get(command, COMMAND_MODULES)


def build_parser(command: str | None = "") -> argparse.ArgumentParser:
    """The command-line grammar: of `command` only, when it is one (none for None), else
    all of it."""
    common = Parser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="workspace file (default: $OKRTUI_DB, config, or the data folder)")
    common.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS,
                        help="who you are (default: $OKRTUI_USER, config, or your login)")
    as_json = Parser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON")
    parents = Parents(common, as_json)

    parser = Parser(prog="okrtui", parents=[common],
                    description="OKRs and KPIs in the terminal. With no command, opens the TUI.")
    parser.add_argument("--version", action="version", version=f"okrtui {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the TUI on a fresh temporary copy of the sample workspace")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in _modules_for(command):
        _module(name).register(sub, parents)
    return parser


def make_services(args: argparse.Namespace) -> Services:
    """Services on the workspace and for the user the flags, environment and config name."""
    from okrtui.services import Services

    cfg = config.resolve(getattr(args, "db", None), getattr(args, "user", None))
    return Services.open(cfg.db, cfg.user)


def main(argv: Sequence[str] | None = None,
         open_tui: Callable[[argparse.Namespace], int] | None = None,
         serve_web: Callable[[argparse.Namespace, Services], int] | None = None) -> int:
    """Run okrtui with `argv` (default: sys.argv[1:]) and return the exit code.

    With no command, `open_tui(args)` opens the TUI, and `okrtui serve` runs
    `serve_web(args, services)` (`okrtui.__main__` passes both in: this package never
    imports textual); without them, that is a usage error.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    command = command_of(words)
    wants_help = any(word in ("-h", "--help") for word in words)
    services: Services | None = None
    try:
        parser = build_parser("" if wants_help else command)
        if command == "checkin":
            words = _module("checkins").shorthand(words)
        args = parser.parse_args(words)
        if args.command is None:
            if open_tui is None:
                raise UsageError("give a command (okrtui --help lists them)")
            return open_tui(args)
        # What the command needs is imported: the collector may run again (okrtui.memory).
        resume_collection()
        if not getattr(args, "needs_workspace", True):  # e.g. completion: no config read
            return args.handler(args, None)
        services = make_services(args)
        args.serve_web = serve_web
        return args.handler(args, services)
    except UsageError as exc:
        return fail(f"usage: {exc}")
    except OkrError as exc:
        return fail(services.explain(exc) if services is not None else str(exc))
    except BrokenPipeError:
        # The reader went away (`okrtui list | head`): stop quietly, as other tools do.
        # Python would report the pipe again when it flushes stdout at exit.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:
        return fail(f"{exc.filename or 'file'}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        # pydantic's ValidationError, told apart without importing pydantic for it.
        if is_validation_error(exc):
            return fail(describe(exc))
        # Never a traceback, and never exit 1 (which `lint` and git's merge driver give a
        # meaning): a file okrtui does not expect is still bad input. Writes happen last,
        # in one rename, so a failure before it changed nothing.
        return fail(f"unexpected {type(exc).__name__}: {exc} (please report it with the "
                    "command that caused it)")


def fail(message: str) -> int:
    """Report bad input as one line on stderr; return exit code 2. The one safe-text
    path: whatever the message quotes (an id, a file name) is shown, never obeyed."""
    print(f"okrtui: {one_line(shown(message), 2000)}", file=sys.stderr)
    return EXIT_BAD_INPUT
