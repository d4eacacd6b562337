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
import os
import sys
from collections.abc import Callable, Sequence

from pydantic import ValidationError

from okrtui import __version__, config
from okrtui.cli import (
    checkins,
    completion,
    cycle,
    due,
    history,
    initiatives,
    pull,
    reading,
    records,
    safety,
    serve,
    sharing,
)
from okrtui.cli import exchange as exchange_cli
from okrtui.cli import keys as keys_cli
from okrtui.cli.common import EXIT_BAD_INPUT, Parents, Parser, UsageError
from okrtui.domain.records.errors import OkrError, describe
from okrtui.domain.records.text import one_line, shown
from okrtui.services import Services

# cycle adds to the kr and kpi groups that records makes, so it comes after records.
COMMAND_MODULES = (records, checkins, initiatives, reading, due, safety, cycle, exchange_cli,
                   sharing, pull, history, serve, completion, keys_cli)


def build_parser() -> argparse.ArgumentParser:
    """The whole command-line grammar."""
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
    for module in COMMAND_MODULES:
        module.register(sub, parents)
    return parser


def make_services(args: argparse.Namespace) -> Services:
    """Services on the workspace and for the user the flags, environment and config name."""
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
    parser = build_parser()
    services: Services | None = None
    try:
        args = parser.parse_args(checkins.shorthand(sys.argv[1:] if argv is None else argv))
        if args.command is None:
            if open_tui is None:
                raise UsageError("give a command (okrtui --help lists them)")
            return open_tui(args)
        if not getattr(args, "needs_workspace", True):  # e.g. completion: no config read
            return args.handler(args, None)
        services = make_services(args)
        args.serve_web = serve_web
        return args.handler(args, services)
    except UsageError as exc:
        return fail(f"usage: {exc}")
    except ValidationError as exc:
        return fail(describe(exc))
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
