"""okrtui completion bash|zsh|fish: print a shell completion script.

The script is generated from the argument parser when this command runs (so it always
knows every command and option of this okrtui) and costs nothing at start-up otherwise:
the generator is imported only here.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from okrtui.cli.common import EXIT_OK, Parents

SHELLS = ("bash", "zsh", "fish")


def register(sub: Any, parents: Parents) -> None:
    """Add the completion command (it needs no workspace)."""
    p = sub.add_parser("completion", help="print a completion script for bash, zsh or fish",
                       description="print a completion script for bash, zsh or fish (see "
                       "the README for where to put it)")
    p.add_argument("shell", choices=SHELLS)
    p.set_defaults(handler=completion, needs_workspace=False)


def completion(args: argparse.Namespace, _services: object = None) -> int:
    """Print the script for the shell asked for."""
    from okrtui.cli import build_parser
    from okrtui.cli.completion_scripts import script

    sys.stdout.write(script(args.shell, build_parser()))
    return EXIT_OK
