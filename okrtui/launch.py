"""Opening the TUI: on the user's workspace, or on a fresh copy of the sample (--demo).

The command line hands over here when no command is given; this is the only way from the
command line into textual, so `okrtui checkin` never imports it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from okrtui import config, keys
from okrtui.cli import make_services
from okrtui.domain.records.errors import OkrError
from okrtui.memory import exempt_from_collection, resume_collection, return_large_blocks
from okrtui.services import Services


def open_tui(args: argparse.Namespace) -> int:
    """Open the TUI as the parsed command line asks; return its exit code."""
    if not args.demo:
        return _open(args, make_services(args))
    from okrtui import sample

    folder = Path(tempfile.mkdtemp(prefix="okrtui-demo-"))
    try:
        cfg = config.resolve(str(folder / "okrs.json"), getattr(args, "user", None) or sample.USER)
        sample.build(cfg.db, dt.date.today())
        notice = demo_notice(cfg.db)
        print(f"okrtui: {notice}", file=sys.stderr, flush=True)
        # The TUI takes the whole screen: the terminal's title keeps saying where the
        # demo is while it runs (pushed and popped, so the title before comes back).
        _terminal_title(f"\x1b[22;0t\x1b]2;okrtui demo: {cfg.db}\x07")
        # The TUI says it again in a toast: the line above is hidden behind the TUI.
        return _open(args, Services.open(cfg.db, cfg.user), notice=demo_toast(cfg.db))
    finally:
        _terminal_title("\x1b[23;0t")
        # The demo's copy is the demo's own: nothing of it is left behind.
        shutil.rmtree(folder, ignore_errors=True)
        print(f"okrtui: removed the demo workspace {folder}", file=sys.stderr)


def _terminal_title(sequence: str) -> None:
    """Write a title escape to the terminal (never into a pipe or a file)."""
    if sys.stdout.isatty():
        sys.stdout.write(sequence)
        sys.stdout.flush()


def demo_notice(db: Path) -> str:
    """Where the demo's workspace is, and how a second shell can change it live."""
    return (f"the demo workspace is {db} (removed when you quit); in another shell, "
            f"`okrtui --db {db} due` and `okrtui --db {db} checkin ID VALUE` change it "
            "while the TUI shows it")


def demo_toast(db: Path) -> str:
    """Where the demo's workspace is, shortly, for the toast the TUI opens with."""
    return (f"{db}\nremoved when you quit. In another shell, `okrtui --db` on it (a "
            "check-in, say) shows here within two seconds.")


def _open(args: argparse.Namespace, services: Services, notice: str | None = None) -> int:
    startup_error = None
    try:
        services.workspace()
    except OkrError as exc:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise  # a script gets the one line and exit 2, never a screen to wait on
        startup_error = str(exc)
    from okrtui.app import run_tui  # textual is imported only for the TUI

    return_large_blocks()  # a long-running process: freed file reads go back to the system
    exempt_from_collection()  # what start-up made lives as long as the process
    resume_collection()  # held off since the entry point (okrtui.memory)
    return run_tui(services, demo=args.demo, startup_error=startup_error,
                   keymap=keys.user_keymap(), notice=notice)


