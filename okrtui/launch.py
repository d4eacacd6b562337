"""Opening the TUI: on the user's workspace, or on a fresh copy of the sample (--demo).

The command line hands over here when no command is given; this is the only way from the
command line into textual, so `okrtui checkin` never imports it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from okrtui import config
from okrtui.cli import make_services
from okrtui.domain.records.errors import OkrError
from okrtui.services import Services


def open_tui(args: argparse.Namespace) -> int:
    """Open the TUI as the parsed command line asks; return its exit code."""
    if args.demo:
        from okrtui import sample

        folder = Path(tempfile.mkdtemp(prefix="okrtui-demo-"))
        cfg = config.resolve(str(folder / "okrs.json"), getattr(args, "user", None) or "alice")
        sample.build(cfg.db, dt.date.today())
        services = Services.open(cfg.db, cfg.user)
    else:
        services = make_services(args)
    startup_error = None
    try:
        services.workspace()
    except OkrError as exc:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise  # a script gets the one line and exit 2, never a screen to wait on
        startup_error = str(exc)
    from okrtui.app import run_tui  # textual is imported only for the TUI

    return run_tui(services, demo=args.demo, startup_error=startup_error)


