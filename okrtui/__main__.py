"""Entry point: `okrtui` and `python -m okrtui`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from okrtui.cli import main as cli_main


def _open_tui(args: argparse.Namespace) -> int:
    from okrtui.launch import open_tui  # textual is imported only for the TUI

    return open_tui(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run okrtui: a command, or the TUI when none is given."""
    return cli_main(argv, open_tui=_open_tui)


if __name__ == "__main__":
    sys.exit(main())
