"""What every command module shares: the parser class, argument types, output helpers."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from okrtui.domain.records.errors import OkrError
from okrtui.domain.records.periods import Period
from okrtui.domain.records.values import parse_date, parse_number

if TYPE_CHECKING:  # the CLI builds its parsers before it needs a workspace
    from okrtui.domain.records.workspace import Workspace
    from okrtui.services import Services

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2

Handler = Callable[[argparse.Namespace, "Services"], int]


class UsageError(Exception):
    """Bad command-line usage, reported as one line."""


class Parser(argparse.ArgumentParser):
    """argparse that reports errors as one line and exit 2 instead of usage + message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


@dataclass(frozen=True)
class Parents:
    """Option groups that command parsers inherit."""

    common: argparse.ArgumentParser  # --db, --user
    as_json: argparse.ArgumentParser  # --json


def add_command(group: Any, name: str, help_text: str, parents: Parents, *,
                json_flag: bool = False, handler: Handler | None = None) -> Parser:
    """Add a subcommand with the common options (and --json), bound to `handler`."""
    extra = [parents.as_json] if json_flag else []
    parser: Parser = group.add_parser(name, help=help_text, description=help_text,
                                      parents=[parents.common, *extra])
    if handler is not None:
        parser.set_defaults(handler=handler)
    return parser


def subcommands(parser: argparse.ArgumentParser, dest: str = "action") -> Any:
    """A required group of sub-subcommands (objective add, kr edit, ...)."""
    return parser.add_subparsers(dest=dest, metavar=dest.upper(), required=True,
                                 parser_class=Parser)


# ---- argument types: one-line refusals that name the field -------------------------------


def number(field: str) -> Callable[[str], float]:
    """An argparse type for a finite number."""

    def convert(text: str) -> float:
        try:
            return parse_number(text, field)
        except OkrError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None

    return convert


def date(text: str) -> dt.date:
    """An argparse type for an ISO date."""
    try:
        return parse_date(text)
    except OkrError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def period(text: str) -> str:
    """An argparse type for a period, returned in its canonical spelling."""
    try:
        return Period.parse(text).name
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def confidence(text: str) -> int:
    """An argparse type for a confidence from 0 to 10."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is outside 0 to 10")
    return value


# ---- output ------------------------------------------------------------------------------


def given(args: argparse.Namespace, mapping: dict[str, str]) -> dict[str, Any]:
    """The fields a person actually gave on the command line, under model field names."""
    out: dict[str, Any] = {}
    for arg, field in mapping.items():
        value = getattr(args, arg, None)
        if value is not None:
            out[field] = value
    return out


def print_json(data: Any) -> None:
    """Print data as indented JSON (text as entered, not escaped to ASCII)."""
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def emit(args: argparse.Namespace, services: Services, record_id: str,
         as_json: Callable[[Workspace], Any]) -> int:
    """Print the id of the record a command made or changed (the record with --json)."""
    if getattr(args, "json", False):
        print_json(as_json(services.workspace()))
    else:
        print(record_id)
    return EXIT_OK


def bar(progress: float, width: int = 10) -> str:
    """A plain-text progress bar."""
    full = round(min(1.0, max(0.0, progress)) * width)
    return "█" * full + "·" * (width - full)


def columns(rows: list[list[str]], *, indent: str = "", gap: str = "  ") -> list[str]:
    """Rows of cells as aligned lines: each column as wide as its widest cell, the last
    one left as it is (so a long title does not pad every line)."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [indent + gap.join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)),
                               row[-1]]).rstrip()
            for row in rows]
