"""The check-in form: back-dating with the command line's rule, and a confirmation before
a value that looks like a typo is saved."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Button, Input

from okrtui.app import OkrApp
from okrtui.domain.records.models import CheckIn
from okrtui.screens.checkin import CheckInScreen
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.objective import ObjectiveScreen
from tests.support.clock import TODAY
from tests.support.tui import field_error, fill, press, screen_text, settle

SIZE = (80, 24)
KR_TITLE = "Acquire 10 new clients"  # from 0 to 10 clients; the first of the first objective


def stored(app: OkrApp) -> list[CheckIn]:
    """Every check-in of "Acquire 10 new clients", as the file holds them."""
    ws = app.session.services.workspace()
    kr = next(k for o in ws.objectives() for k in ws.key_results(o.id) if k.title == KR_TITLE)
    return ws.checkins(kr.id)


async def open_check_in(app: OkrApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Dashboard, enter on the first objective, c on its first key result."""
    await settle(pilot)
    await press(pilot, "enter", "c")
    assert isinstance(app.screen, CheckInScreen)
    assert KR_TITLE in screen_text(app)


async def test_the_date_defaults_to_today(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await open_check_in(sample_app, pilot)
        assert sample_app.screen.query_one("#f-at", Input).value == TODAY.isoformat()
        before = len(stored(sample_app))
        await pilot.press("7", "enter")
        await settle(pilot)
        assert isinstance(sample_app.screen, ObjectiveScreen)
        saved = stored(sample_app)
        assert len(saved) == before + 1
        newest = max(saved, key=lambda c: c.updated_at)
        assert newest.value == 7 and newest.at.date() == TODAY


async def test_a_back_dated_check_in_is_saved_on_its_day(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await open_check_in(sample_app, pilot)
        day = TODAY - dt.timedelta(days=3)
        await fill(pilot, value="7", at=day.isoformat())
        assert field_error(sample_app, "at") == ""
        await press(pilot, "ctrl+s")
        assert isinstance(sample_app.screen, ObjectiveScreen)
        newest = max(stored(sample_app), key=lambda c: c.updated_at)
        assert newest.value == 7
        assert newest.at.astimezone().date() == day


async def test_a_day_that_has_not_come_is_refused_under_the_field(
        sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await open_check_in(sample_app, pilot)
        before = stored(sample_app)
        tomorrow = TODAY + dt.timedelta(days=1)
        await fill(pilot, value="7", at=tomorrow.isoformat())
        error = field_error(sample_app, "at")
        assert "has not come yet" in error and tomorrow.isoformat() in error
        assert "\n" not in error
        assert sample_app.screen.query_one("#save", Button).disabled
        await press(pilot, "ctrl+s")
        assert isinstance(sample_app.screen, CheckInScreen)
        assert stored(sample_app) == before, "nothing written"


async def test_a_day_outside_the_period_and_a_bad_date_are_refused(
        sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await open_check_in(sample_app, pilot)
        await fill(pilot, value="7", at="2026-09-30")  # the day before 2026-Q4
        error = field_error(sample_app, "at")
        assert "inside its period 2026-Q4" in error and "2026-09-30" in error
        await fill(pilot, at="2026-13-01")
        assert field_error(sample_app, "at") != ""
        assert "Traceback" not in screen_text(sample_app)
        assert sample_app.screen.query_one("#save", Button).disabled


async def test_a_value_that_looks_like_a_typo_asks_and_no_keeps_the_form(
        sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await open_check_in(sample_app, pilot)
        before = stored(sample_app)
        await fill(pilot, value="95")
        await press(pilot, "enter")
        assert isinstance(sample_app.screen, ConfirmScreen)
        text = screen_text(sample_app)
        assert "looks like a typo" in text and "95" in text
        await press(pilot, "n")
        assert isinstance(sample_app.screen, CheckInScreen), "no keeps the form"
        assert sample_app.screen.query_one("#f-value", Input).value == "95"
        assert stored(sample_app) == before, "nothing written"
        assert not sample_app.screen.query_one("#save", Button).disabled

        await press(pilot, "ctrl+s")
        assert isinstance(sample_app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert isinstance(sample_app.screen, ObjectiveScreen)
        newest = max(stored(sample_app), key=lambda c: c.updated_at)
        assert newest.value == 95 and len(stored(sample_app)) == len(before) + 1


async def test_a_value_behind_the_start_asks_too_and_a_plain_one_does_not(
        sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await open_check_in(sample_app, pilot)
        await fill(pilot, value="-2")
        await press(pilot, "enter")
        assert isinstance(sample_app.screen, ConfirmScreen)
        assert "wrong side of the start" in screen_text(sample_app)
        await press(pilot, "escape")  # escape is no
        assert isinstance(sample_app.screen, CheckInScreen)
        await fill(pilot, value="30")  # three times the span exactly: not a typo
        await press(pilot, "enter")
        assert isinstance(sample_app.screen, ObjectiveScreen)
