"""u undoes my last action in the TUI, ctrl+r redoes it; a toast says what, and what a
teammate changed since stays as they made it."""

from __future__ import annotations

from collections.abc import Callable

from okrtui.services import Services
from tests.support.builders import objective_with_krs
from tests.support.clock import FixedClock
from tests.support.tui import make_app, press, running, screen_text, settle

SIZE = (100, 30)


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


async def test_u_undoes_my_check_in_and_ctrl_r_redoes_it(services: Services,
                                                         clock: FixedClock) -> None:
    _, (kr, *_) = objective_with_krs(services, "Support", period="2026-Q4")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter")  # the objective
        await pilot.press("c", "7", "enter")  # check in 7 on the first key result
        await settle(pilot)
        assert services.workspace().latest_checkin(kr.id).value == 7
        assert "7/10 x" in screen_text(app)
        clock.advance(minutes=1)
        await press(pilot, "u")
        assert services.workspace().latest_checkin(kr.id) is None
        assert "Undone: checked in 7 x on “Support KR 1”" in notices(app)
        assert "7/10 x" not in screen_text(app), "the screen shows the file as it is now"
        await press(pilot, "ctrl+r")
        assert services.workspace().latest_checkin(kr.id).value == 7
        assert "Redone: checked in 7 x on “Support KR 1”" in notices(app)
        assert "7/10 x" in screen_text(app)


async def test_undo_says_what_a_teammate_changed_since(
        services: Services, make_services: Callable[..., Services]) -> None:
    _, (kr, *_) = objective_with_krs(services, "Support", period="2026-Q4")
    services.edit_key_result(kr.id, target=20, unit="tickets")
    make_services("bob").edit_key_result(kr.id, target=30)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "u")
        stored = services.workspace().key_result(kr.id)
        assert (stored.target, stored.unit) == (30, "x")
        assert ("Undone: edited key result “Support KR 1” (target, unit)\nKept: bob has "
                "changed target of key result “Support KR 1” since; it stays as they made "
                "it") in notices(app)


async def test_nothing_to_undo_is_said_once(services: Services) -> None:
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "ctrl+r")
        assert notices(app) == ["Nothing to redo."]
