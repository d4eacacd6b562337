"""Nothing typed is lost in the check-in correction form either: `e` on a check-in of the
objective screen's history, then keys typed at once, land on the check-in's values as if
typed slowly, however long the form takes to read them."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from okrtui.messages import OpenObjective
from okrtui.screens.checkin_edit import CheckInEditScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from okrtui.widgets.checkin_history import CheckInHistory
from tests.support.clock import TODAY, FixedClock
from tests.support.tui import (
    SlowRead,
    burst,
    make_app,
    send_at_once,
    settle,
    until_shown,
)

SIZE = (80, 24)
TYPED = ("e", "7", "tab", "tab", "n", "o", "t", "e")
"""Correct the check-in under the cursor: a 7 after its value, tab tab, a word after its
note."""
AS_TYPED_SLOWLY = ("97", "7", "oopsnote")
"""What those keys give typed one by one, each once the form has answered: the last
check-in was 9 clients, confidence 7, "oops"."""


def clients(services: Services, clock: FixedClock) -> str:
    """"Acquire 10 new clients" checked in at 4 a week ago and 9 today; the objective."""
    objective = services.add_objective("Grow the company", "2026-Q4")
    kr = services.add_key_result(objective.id, "Acquire 10 new clients", target=10,
                                 unit="clients")
    for days, value, note in ((7, 4, "steady"), (0, 9, "oops")):
        clock.now = dt.datetime.combine(TODAY - dt.timedelta(days=days), dt.time(9), dt.UTC)
        services.check_in(kr.id, value, confidence=7, note=note)
    clock.now = dt.datetime.combine(TODAY, dt.time(9, 30), dt.UTC)
    return objective.id


async def on_the_history(pilot: Pilot, objective_id: str) -> None:
    """The objective screen, with the check-ins list focused (its newest under the cursor)."""
    await settle(pilot)
    pilot.app.post_message(OpenObjective(objective_id))
    await settle(pilot)
    assert isinstance(pilot.app.screen, ObjectiveScreen)
    await pilot.press("tab")
    await settle(pilot)
    assert isinstance(pilot.app.focused, CheckInHistory)


def fields(app) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, CheckInEditScreen), type(screen).__name__
    return tuple(screen.query_one(f"#f-{n}", Input).value for n in ("value", "confidence",
                                                                     "note"))


async def test_typed_slowly(services: Services, clock: FixedClock) -> None:
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_history(pilot, clients(services, clock))
        for key in TYPED:
            await pilot.press(key)
            await settle(pilot)
        assert fields(app) == AS_TYPED_SLOWLY
        assert app.focused is app.screen.query_one("#f-note", Input)


async def test_a_burst_lands_as_typed_slowly(services: Services, clock: FixedClock) -> None:
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_history(pilot, clients(services, clock))
        await burst(pilot, *TYPED)
        assert fields(app) == AS_TYPED_SLOWLY
        assert app.focused is app.screen.query_one("#f-note", Input)


async def test_a_burst_waits_for_the_check_in_to_be_read(
        services: Services, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_history(pilot, clients(services, clock))
        held = SlowRead(services, monkeypatch)
        send_at_once(pilot, *TYPED)
        await until_shown(lambda: isinstance(app.screen, CheckInEditScreen)
                          and fields(app) is not None)
        await asyncio.sleep(0.5)  # the app is idle, the read held: time to let a key by
        # The form is up, its values are not: the keys wait for them rather than go
        # into empty fields (and replace the value 9 by a 7).
        assert fields(app) == ("", "", "")
        held.go_on.set()
        await settle(pilot)
        assert fields(app) == AS_TYPED_SLOWLY
        assert app.focused is app.screen.query_one("#f-note", Input)

