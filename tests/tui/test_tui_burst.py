"""Nothing typed is lost: keys typed in a burst (a paste, SSH over a slow link) land
where they were typed for, as if typed slowly.

Each burst is sent twice: with Pilot's `press` of all the keys in one call (no settling
between them), and all at once through the driver (`burst`: no key waits for the app).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from okrtui.domain.records.models import KeyResult
from okrtui.palette import OkrCommands
from okrtui.screens.checkin import CheckInScreen
from okrtui.screens.checkin_queue import CheckInQueueScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from tests.support.builders import check_in_on, objective_with_krs
from tests.support.clock import TODAY, FixedClock
from tests.support.tui import (
    SlowRead,
    burst,
    make_app,
    on_its_way,
    press,
    running,
    send_at_once,
    settle,
    until_shown,
)

SIZE = (80, 24)
TYPED = ("5", "tab", "backspace", "9", "tab", "n", "o", "t", "e")
"""A value, tab, the confidence prefilled from last time corrected to 9, tab, a note."""


async def press_all(pilot: Pilot, *keys: str) -> None:
    """Pilot's press of every key in one call, then let the app finish."""
    await pilot.press(*keys)
    await settle(pilot)


SENDERS = [pytest.param(press_all, id="pilot-press"), pytest.param(burst, id="at-once")]
Send = Callable[..., Awaitable[None]]


def one_key_result(services: Services, clock: FixedClock) -> KeyResult:
    """Alice's one key result, last checked in 8 days ago with confidence 7."""
    _, (kr,) = objective_with_krs(services, "Grow the blog", krs=((0, 10),))
    check_in_on(services, clock, kr.id, 2, TODAY - dt.timedelta(days=8), confidence=7)
    return kr


def fields(screen: object) -> tuple[str, ...]:
    assert isinstance(screen, CheckInScreen | CheckInQueueScreen)
    return tuple(screen.query_one(f"#f-{n}", Input).value
                 for n in ("value", "confidence", "note"))


@pytest.mark.parametrize("send", SENDERS)
async def test_the_check_in_form_keeps_a_burst_as_typed(
        services: Services, clock: FixedClock, send: Send) -> None:
    one_key_result(services, clock)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter")
        assert isinstance(app.screen, ObjectiveScreen)
        await send(pilot, "c", *TYPED)
        assert isinstance(app.screen, CheckInScreen)
        assert fields(app.screen) == ("5", "9", "note")
        assert app.focused is app.screen.query_one("#f-note", Input), "the cursor stays"


@pytest.mark.parametrize("send", SENDERS)
async def test_the_queue_keeps_a_burst_as_typed(services: Services, clock: FixedClock,
                                               send: Send) -> None:
    kr = one_key_result(services, clock)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await send(pilot, "c", *TYPED)
        assert isinstance(app.screen, CheckInQueueScreen)
        assert fields(app.screen) == ("5", "9", "note")
        await send(pilot, "enter")
    newest = services.checkin_history(kr.id)[0]
    assert (newest.value, newest.confidence, newest.note) == (5.0, 9, "note")


@pytest.mark.parametrize("send", SENDERS)
async def test_enter_c_on_the_dashboard_opens_the_objective_and_the_check_in(
        services: Services, clock: FixedClock, send: Send) -> None:
    kr = one_key_result(services, clock)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await send(pilot, "enter", "c", *TYPED)
        assert isinstance(app.screen, CheckInScreen), type(app.screen).__name__
        assert app.screen.kr_id == kr.id
        assert isinstance(app.screen_stack[-2], ObjectiveScreen)
        assert fields(app.screen) == ("5", "9", "note")


async def test_the_form_read_after_the_typing_keeps_what_was_typed(
        services: Services, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    one_key_result(services, clock)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter")
        held = SlowRead(services, monkeypatch)
        send_at_once(pilot, "c", *TYPED)
        await until_shown(lambda: isinstance(app.screen, CheckInScreen)
                          and fields(app.screen)[2] == "note")
        assert fields(app.screen) == ("5", "9", "note"), "typed before the data came"
        held.go_on.set()
        await settle(pilot)
        assert fields(app.screen) == ("5", "9", "note"), "the data did not overwrite it"
        assert app.focused is app.screen.query_one("#f-note", Input)


async def test_enter_typed_before_the_form_has_read_saves_once_it_has(
        services: Services, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    kr = one_key_result(services, clock)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter")
        held = SlowRead(services, monkeypatch)
        send_at_once(pilot, "c", "6", "enter")
        await until_shown(lambda: isinstance(app.screen, CheckInScreen)
                          and fields(app.screen)[0] == "6")
        held.go_on.set()
        await settle(pilot)
        assert isinstance(app.screen, ObjectiveScreen), "saved and closed"
    assert [r.value for r in services.checkin_history(kr.id)][:1] == [6.0]


async def test_a_key_the_screen_binds_with_priority_waits_for_the_key_before_it(
        services: Services, clock: FixedClock) -> None:
    kr = one_key_result(services, clock)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "c")
        assert isinstance(app.screen, CheckInQueueScreen)
        # As a terminal delivers "7\r" in one read: the 7 is still on its way to the
        # field when enter arrives. The queue binds enter with priority, yet enter waits.
        app.screen.query_one("#f-value", Input).post_message(events.Key("7", "7"))
        assert app.key_gate.hold(events.Key("enter", "\r")), "enter waits for the 7"
        await settle(pilot)
    assert [r.value for r in services.checkin_history(kr.id)][:1] == [7.0]


async def test_a_tab_on_its_way_as_the_form_reads_still_moves_the_cursor(
        services: Services, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first read lands between a tab's arrival and its handling (a burst, or just a
    # person quicker than the disk): the tab's move is kept, not undone by the fill.
    one_key_result(services, clock)
    ws = services.workspace()
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter")
        held = SlowRead(services, monkeypatch)
        send_at_once(pilot, "c", "5")
        await until_shown(lambda: isinstance(app.screen, CheckInScreen)
                          and fields(app.screen)[0] == "5")
        form = app.screen
        assert isinstance(form, CheckInScreen) and form.initial is None, "not read yet"
        on_its_way(pilot, "tab")
        form.workspace_read(ws)
        await until_shown(lambda: app.focused is form.query_one("#f-confidence", Input))
        send_at_once(pilot, "backspace", "9")
        held.go_on.set()
        await settle(pilot)
        assert fields(form) == ("5", "9", "")
        assert app.focused is form.query_one("#f-confidence", Input)


async def test_a_tab_on_its_way_as_a_teammates_change_arrives_still_moves_the_cursor(
        services: Services, clock: FixedClock) -> None:
    one_key_result(services, clock)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter", "c", "5")
        form = app.screen
        assert isinstance(form, CheckInScreen) and form.initial is not None
        on_its_way(pilot, "tab")
        form.workspace_read(services.workspace())  # what a teammate's save sets off
        await settle(pilot)
        assert app.focused is form.query_one("#f-confidence", Input)
        await press(pilot, "backspace", "9", "tab", "n")
        assert fields(form) == ("5", "9", "n")


@pytest.mark.parametrize("send", SENDERS)
async def test_a_burst_after_the_palettes_check_in_lands_in_the_form(
        services: Services, clock: FixedClock, send: Send) -> None:
    # The palette opens the objective, which opens the check-in once it has drawn: the
    # keys typed meanwhile wait for the form, none is lost on the objective.
    kr = one_key_result(services, clock)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        hits = [h async for h in OkrCommands(app.screen).discover()]
        next(h for h in hits if h.text == f"Check in: {kr.title}").command()
        await send(pilot, *TYPED)
        assert isinstance(app.screen, CheckInScreen), type(app.screen).__name__
        assert fields(app.screen) == ("5", "9", "note")
