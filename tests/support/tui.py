"""Helpers for the TUI tests: an app on a workspace, waiting for workers, typing into
forms, reading what the screen shows, and the snapshot sizes."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Awaitable, Callable

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.worker import WorkerCancelled

from okrtui.app import OkrApp
from okrtui.services import Services
from tests.support.clock import TODAY

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
"""The two terminal sizes every screen is drawn at in snapshots."""


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


async def fill(pilot: Pilot, **values: str) -> None:
    """Type into form fields by name, replacing what they held, as a person would."""
    for name, text in values.items():
        field = pilot.app.screen.query_one(f"#f-{name}", Input)
        field.focus()
        field.value = ""
        await pilot.press(*text)
    await pilot.pause()


def field_error(app, name: str) -> str:  # type: ignore[no-untyped-def]
    """The error line shown under a form field ('' when hidden)."""
    error = app.screen.query_one(f"#field-{name} .field-error", Static)
    return str(error.render()) if error.display else ""


def form_error(app) -> str:  # type: ignore[no-untyped-def]
    """The form-level error line ('' when hidden)."""
    box = app.screen.query_one("#form-error", Static)
    return str(box.render()) if box.display else ""


def keys(*presses: str) -> Callable[[Pilot], Awaitable[None]]:
    """Wait for the first load, press keys one by one letting every worker finish."""

    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)

    return run
