"""Entry point: `okrtui` and `python -m okrtui`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from okrtui.memory import pause_collection

pause_collection()  # before the imports: see okrtui.memory; the CLI lets it run again

from okrtui.cli import main as cli_main  # noqa: E402

if TYPE_CHECKING:
    from okrtui.services import Services


def _open_tui(args: argparse.Namespace) -> int:
    from okrtui.launch import open_tui  # textual is imported only for the TUI

    return open_tui(args)


def _serve_web(args: argparse.Namespace, services: Services) -> int:
    from okrtui.web import serve  # textual-serve is imported only to serve

    return serve(args, services)


def main(argv: Sequence[str] | None = None) -> int:
    """Run okrtui: a command, or the TUI when none is given."""
    return cli_main(argv, open_tui=_open_tui, serve_web=_serve_web)


if __name__ == "__main__":
    sys.exit(main())
