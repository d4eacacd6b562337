"""Helpers for the TUI tests: an app on a workspace, waiting for workers, typing into
forms, reading what the screen shows, and the snapshot sizes."""

from __future__ import annotations

import asyncio
import contextlib
import io
import threading
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from rich.console import Console
from textual import events
from textual.css.query import NoMatches
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea
from textual.worker import Worker, WorkerCancelled, WorkerState

from okrtui import keygate
from okrtui.app import OkrApp
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.base import ASKING
from okrtui.services import Services
from tests.support.clock import TODAY

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
"""The two terminal sizes every screen is drawn at in snapshots."""


def make_app(services: Services, *, demo: bool = False) -> OkrApp:
    """The app with today fixed, as snapshot and behaviour tests need it."""
    return OkrApp(services, today=TODAY, demo=demo)


_WIDGET_FLAGS = ("_layout_required", "_repaint_required", "_scroll_required",
                 "_refresh_styles_required", "_require_update_dimensions")


def _working(app: OkrApp) -> list[Worker[object]]:
    """The workers still at work, but those waiting for the person's answer (ASKING)."""
    return [w for w in app.workers if w.group != ASKING
            and w.state in (WorkerState.PENDING, WorkerState.RUNNING)]


def _busy(app: OkrApp) -> bool:
    """Whether the app still has work in hand: a worker, what the key gate waits for (a
    queued message or callback anywhere on the screen stack, a message loop at work), or
    a layout, repaint or re-measure that a widget of the current screen still owes
    (Textual does those in idle handlers, after the queue)."""
    if _working(app) or keygate.busy(app):
        return True
    screen = app.screen
    if screen._dirty_widgets or screen._recompose_required:
        return True
    return any(getattr(node, flag, False) for node in screen.walk_children(with_self=True)
               for flag in _WIDGET_FLAGS)


async def settle(pilot: Pilot) -> None:
    """Wait until every worker finished and every message it posted was handled, and the
    screen has laid out and painted what they changed.

    This checks the work itself rather than the CPU: Textual's own idle wait compares
    process time with wall time, which on a loaded machine (the process barely scheduled)
    reads as idle while messages are still queued, and a snapshot then catches a screen
    half drawn. A flow that waits for the person's answer in a dialog (a worker of the
    ASKING group) is not waited for: the test is the person, and answers next.
    """
    app = pilot.app
    for _ in range(500):
        # A load replaced by a newer one (exclusive workers) is cancelled: wait for that one.
        # (An empty list would mean "all" to wait_for_complete.)
        with contextlib.suppress(WorkerCancelled):
            if working := _working(app):
                await app.workers.wait_for_complete(working)
        await pilot._wait_for_screen()
        app.screen._on_timer_update()
        await asyncio.sleep(0)
        if not _busy(app):
            await pilot._wait_for_screen()  # one more round: nothing new arrived
            if not _busy(app):
                break
    await pilot.pause()


@contextlib.asynccontextmanager
async def running(app: OkrApp, *, size: tuple[int, int] = (80, 24)) -> AsyncIterator[Pilot]:
    """The app running headless at `size` (Textual's default, 80x24), its first screen
    read and drawn before the test goes on."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot


async def until(pilot: Pilot, condition: Callable[[], bool], *, within: float) -> None:
    """Let the app run on its own (its timers included) until `condition()` holds or
    `within` seconds have passed; the caller asserts the condition afterwards."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition() and loop.time() < deadline:
        await asyncio.sleep(0.05)
        await settle(pilot)


def screen_text(app: OkrApp) -> str:
    """What the terminal shows now, as plain text (modal dialogs over their screen)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


async def fill(pilot: Pilot, **values: str) -> None:
    """Type into form fields by name, replacing what they held, as a person would (a
    multi-line field takes a newline as the enter key)."""
    for name, text in values.items():
        field = pilot.app.screen.query_one(f"#f-{name}")
        field.focus()
        if isinstance(field, TextArea):
            field.text = ""
            await pilot.press(*("enter" if char == "\n" else char for char in text))
            continue
        assert isinstance(field, Input)
        field.value = ""
        await pilot.press(*text)
    await settle(pilot)


def field_error(app, name: str) -> str:  # type: ignore[no-untyped-def]
    """The error line shown under a form field ('' when hidden)."""
    error = app.screen.query_one(f"#field-{name} .field-error", Static)
    return str(error.render()) if error.display else ""


def form_error(app) -> str:  # type: ignore[no-untyped-def]
    """The form-level error line ('' when hidden)."""
    box = app.screen.query_one("#form-error", Static)
    return str(box.render()) if box.display else ""


async def press(pilot: Pilot, *presses: str) -> None:
    """Press keys one by one as a person would, letting the app finish what each one
    started (its workers, messages and drawing) before the next."""
    for key in presses:
        await pilot.press(key)
        await settle(pilot)


def keys(*presses: str) -> Callable[[Pilot], Awaitable[None]]:
    """Wait for the first load, press keys one by one letting every worker finish."""

    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, *presses)

    return run


def _key_event(key: str) -> events.Key:
    """The key event a terminal sends for `key` (a character or a key name), as Pilot
    makes it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def send_at_once(pilot: Pilot, *presses: str) -> None:
    """Send keys as a paste or SSH over a slow link delivers them: all at once, none
    waiting for the app to handle the one before (Pilot's `press` lets the app idle
    between keys, up to a second a key while a read is held, longer than the key gate
    holds a key)."""
    driver = pilot.app._driver
    assert driver is not None
    for key in presses:
        event = _key_event(key)
        event.set_sender(pilot.app)
        driver.send_message(event)


def on_its_way(pilot: Pilot, key: str) -> None:
    """`key` half handled: let through to the widget with the cursor, which did not want
    it, and on its way back up to the app, which runs the binding it stands for (tab:
    the next field) when it gets to it. What the test does next (a read landing, say)
    comes before that."""
    app = pilot.app
    event = _key_event(key)
    event.set_sender(app.focused or app.screen)
    event._set_forwarded()
    app.post_message(event)


async def burst(pilot: Pilot, *presses: str) -> None:
    """`send_at_once`, then wait for the app to handle every key."""
    send_at_once(pilot, *presses)
    await settle(pilot)


class SlowRead:
    """The workspace as a slow disk or a sync tool gives it: each read waits until the
    test lets it go on (`go_on.set()`), then reads the real file."""

    def __init__(self, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
        self.go_on = threading.Event()
        read = services.workspace

        def slow() -> Workspace:
            self.go_on.wait(30)
            return read()

        monkeypatch.setattr(services, "workspace", slow)
        # However loaded the machine, keys wait for the held read: the gate's give-up
        # time (for a screen that never becomes ready) is not what these tests are about.
        monkeypatch.setattr(keygate, "MAX_WAIT", 60.0)


async def until_shown(condition: Callable[[], bool]) -> None:
    """Let the app run (a read is held, so `settle` would wait for it) until `condition`
    (a widget it queries that is not there yet counts as not shown)."""
    for _ in range(1000):
        with contextlib.suppress(NoMatches):
            if condition():
                return
        await asyncio.sleep(0.01)
    raise AssertionError("the app never got there")
