"""My check-ins (`c` on the dashboard): the queue of my key results, due ones first, one
at a time; counted in keystrokes, saved through the check-in use case, never losing
what was typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input

from okrtui.domain.records.models import KeyResult
from okrtui.screens.checkin_queue import CheckInQueueScreen
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.dashboard import DashboardScreen
from okrtui.services import Services
from okrtui.store import Store
from tests.support.builders import check_in_on, objective_with_krs
from tests.support.clock import TODAY, FixedClock
from tests.support.tui import burst, field_error, make_app, press, running, screen_text, settle

SIZE = (80, 24)


def three_objectives(services: Services) -> list[KeyResult]:
    """Three objectives of alice with one key result each (0 to 10), never checked in,
    and one of bob's that is not in alice's queue."""
    krs = []
    for title in ("Grow the blog", "Hire two engineers", "Win three deals"):
        _, made = objective_with_krs(services, title, krs=((0, 10),))
        krs.extend(made)
    bob = services.add_objective("Bob's own", "2026-Q4", owner="bob")
    services.add_key_result(bob.id, "Bob's key result", target=10, unit="x")
    return krs


def values_on_disk(path: Path, kr_ids: list[str]) -> dict[str, list[float]]:
    """The check-ins of each key result as a fresh read of the file has them."""
    ws = Services(Store(path), "someone", clock=FixedClock()).workspace()
    return {kid: [c.value for c in ws.checkins(kid)] for kid in kr_ids}


def queue(app) -> CheckInQueueScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, CheckInQueueScreen), type(screen).__name__
    return screen


def field(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(f"#f-{name}", Input).value


async def test_three_key_results_of_three_objectives_in_seven_keystrokes(
        services: Services, db_path: Path) -> None:
    krs = three_objectives(services)
    order = [e.score.kr.id for e in services.checkin_queue("2026-Q4")]
    assert sorted(order) == sorted(k.id for k in krs), "bob's key result is not mine"
    typed = ["c", "4", "enter", "6", "enter", "2", "enter"]
    assert len(typed) <= 12, "the issue's budget: 12 keystrokes, digits included"
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        for key in typed:  # as a person types: one key, then the screen answers
            await pilot.press(key)
            await settle(pilot)
        screen = queue(app)
        assert screen.walk is not None and screen.walk.at_end
        text = screen_text(app)
        assert "3 check-ins saved" in text
        assert "Nothing else is due in 2026-Q4" in text
    assert values_on_disk(db_path, order) == dict(zip(order, [[4.0], [6.0], [2.0]],
                                                      strict=True))


async def test_the_same_seven_keys_in_one_burst(services: Services, db_path: Path) -> None:
    krs = three_objectives(services)
    order = [e.score.kr.id for e in services.checkin_queue("2026-Q4")]
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await burst(pilot, "c", "4", "enter", "6", "enter", "2", "enter")
        assert "3 check-ins saved" in screen_text(app)
    assert len(krs) == 3
    assert values_on_disk(db_path, order) == dict(zip(order, [[4.0], [6.0], [2.0]],
                                                      strict=True))


async def test_a_value_and_enter_typed_at_once_save_that_value(services: Services,
                                                               db_path: Path) -> None:
    three_objectives(services)
    order = [e.score.kr.id for e in services.checkin_queue("2026-Q4")]
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "c")
        # A terminal delivers "7\r" in one read: enter must not overtake the 7, although
        # the queue binds enter with priority (the field would take it otherwise).
        await burst(pilot, "7", "enter", "8", "enter")
    assert values_on_disk(db_path, order[:2]) == {order[0]: [7.0], order[1]: [8.0]}


async def test_due_first_stale_first_then_the_rest(services: Services,
                                                   clock: FixedClock) -> None:
    _, (fresh,) = objective_with_krs(services, "Checked in today", krs=((0, 10),))
    _, (never,) = objective_with_krs(services, "Never checked in", krs=((0, 10),))
    _, (stale,) = objective_with_krs(services, "Stale for weeks", krs=((0, 10),))
    check_in_on(services, clock, fresh.id, 3, TODAY)
    check_in_on(services, clock, stale.id, 2, TODAY - dt.timedelta(days=20), confidence=7,
                note="waiting on the vendor")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "c")
        seen = []
        for _ in range(3):
            text = screen_text(app)
            seen.append(next(t for t in ("Stale for weeks KR", "Never checked in KR",
                                         "Checked in today KR") if t in text))
            if len(seen) == 1:
                assert "stale" in text and "“waiting on the vendor”" in text
                assert "1 of 3 · 2 due · 0 saved" in text
                assert field(app, "confidence") == "7", "confidence as last time"
                assert app.focused is app.screen.query_one("#f-value", Input)
            await press(pilot, "pagedown")
        assert seen == ["Stale for weeks KR", "Never checked in KR", "Checked in today KR"]
        assert "0 check-ins saved" in screen_text(app)
        assert "Still due in 2026-Q4" in screen_text(app)
    assert services.checkin_history(never.id) == [], "skipping saves nothing"


async def test_skipping_keeps_what_was_typed_and_leaving_asks(services: Services,
                                                              db_path: Path) -> None:
    krs = three_objectives(services)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("c", "3")
        await settle(pilot)
        await press(pilot, "pagedown")
        assert field(app, "value") == "", "the next key result starts empty"
        await press(pilot, "pageup")
        assert field(app, "value") == "3", "back again, what was typed is there"
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen), "something typed is not saved"
        assert "is not saved" in screen_text(app)
        await press(pilot, "n")
        assert field(app, "value") == "3", "keep checking in: nothing lost"
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, DashboardScreen)
    assert all(v == [] for v in values_on_disk(db_path, [k.id for k in krs]).values())


async def test_leaving_untouched_asks_nothing(services: Services) -> None:
    three_objectives(services)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "c")
        await pilot.press("pagedown", "escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_a_value_that_looks_like_a_typo_is_saved_only_when_confirmed(
        services: Services) -> None:
    krs = three_objectives(services)
    first = services.checkin_queue("2026-Q4")[0].score.kr
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("c", "9", "5", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "looks like a typo" in screen_text(app)
        await press(pilot, "n")
        assert queue(app).walk.current == first.id, "still on the same key result"
        assert field(app, "value") == "95"
        assert services.checkin_history(first.id) == []
        await press(pilot, "enter", "y")
        assert queue(app).walk.current != first.id, "saved: the next one shows"
        assert [r.value for r in services.checkin_history(first.id)] == [95.0]
    assert len(krs) == 3


async def test_a_value_that_is_not_a_number_says_so_under_the_field(
        services: Services) -> None:
    three_objectives(services)
    first = services.checkin_queue("2026-Q4")[0].score.kr
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("c", "enter")
        await settle(pilot)
        assert "type the value today" in field_error(app, "value")
        await pilot.press(*"abc", "enter")
        await settle(pilot)
        assert field_error(app, "value"), "not a number: one line under the field"
        assert queue(app).walk.current == first.id
        assert services.checkin_history(first.id) == []


async def test_confidence_and_note_are_saved_with_the_value(services: Services,
                                                           clock: FixedClock) -> None:
    _, (kr,) = objective_with_krs(services, "Grow the blog", krs=((0, 10),))
    check_in_on(services, clock, kr.id, 2, TODAY - dt.timedelta(days=8), confidence=7)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("c", "5", "tab", "backspace", "8", "tab", *"two posts out")
        await press(pilot, "enter")
        assert "1 check-in saved" in screen_text(app)
        await press(pilot, "enter")  # at the end, enter leaves
        assert isinstance(app.screen, DashboardScreen)
    newest = services.checkin_history(kr.id)[0]
    assert (newest.value, newest.confidence, newest.note) == (5.0, 8, "two posts out")


async def test_nothing_of_mine_in_the_period_says_so(services: Services) -> None:
    bob = services.add_objective("Bob's own", "2026-Q4", owner="bob")
    services.add_key_result(bob.id, "Bob's key result", target=10, unit="x")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "c")
        assert "Nothing to check in: no key result of alice in 2026-Q4" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_the_dashboard_lists_it_in_footer_help_and_palette(services: Services) -> None:
    three_objectives(services)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        assert "c Check-ins" in screen_text(app), "the footer shows it"
        await press(pilot, "question_mark")
        assert "Check-ins" in screen_text(app), "help lists it"
        await press(pilot, "escape", "ctrl+p")
        await pilot.press(*"check-ins", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInQueueScreen), "the palette opens it"
