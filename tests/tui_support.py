"""Helpers for the TUI tests: an app on a workspace, waiting for workers, screen text."""

from __future__ import annotations

import contextlib
import datetime as dt
import io

from rich.console import Console
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from okrtui.app import OkrApp
from okrtui.services import Services

TODAY = dt.date(2026, 11, 22)


def make_app(services: Services, *, demo: bool = False) -> OkrApp:
    """The app with today fixed, as snapshot and behaviour tests need it."""
    return OkrApp(services, today=TODAY, demo=demo)


async def settle(pilot: Pilot) -> None:
    """Wait until every worker finished and every message it posted was handled."""
    for _ in range(4):
        # A load replaced by a newer one (exclusive workers) is cancelled: wait for that one.
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def screen_text(app: OkrApp) -> str:
    """What the terminal shows now, as plain text (modal dialogs over their screen)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()
