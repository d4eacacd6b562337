"""The keys of my check-ins: help is reached from the value field, and the footer offers
only the keys that work on the card or the end on show."""

from __future__ import annotations

from textual.widgets import Input

from okrtui.screens.checkin_queue import CheckInQueueScreen
from okrtui.screens.dashboard import DashboardScreen
from okrtui.screens.help import HelpScreen
from okrtui.services import Services
from tests.support.builders import objective_with_krs
from tests.support.tui import burst, make_app, screen_text, settle

SIZE = (80, 24)


def two_of_mine(services: Services) -> None:
    """Two objectives of alice with one key result each, never checked in."""
    for title in ("Grow the blog", "Win three deals"):
        objective_with_krs(services, title, krs=((0, 10),))


def typed(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(f"#f-{name}", Input).value


def footer(app) -> str:  # type: ignore[no-untyped-def]
    return screen_text(app).splitlines()[-1]


async def test_question_mark_in_the_value_field_opens_help(services: Services) -> None:
    two_of_mine(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "4", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen), "a value never holds a ?"
        text = screen_text(app)
        assert "Save, next" in text and "Skip" in text, "the queue's own keys"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CheckInQueueScreen)
        assert typed(app, "value") == "4", "what was typed stays, without the ?"
        assert app.focused is app.screen.query_one("#f-value")
        # The confidence takes digits only: ? there is help too.
        await pilot.press("tab", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert typed(app, "confidence") == ""


async def test_the_note_takes_a_question_mark_and_f1_opens_help_anywhere(
        services: Services) -> None:
    two_of_mine(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "tab", "tab", *"legal?")
        await settle(pilot)
        assert isinstance(app.screen, CheckInQueueScreen)
        assert typed(app, "note") == "legal?", "a note may ask a question"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen), "f1 works from a text field"
        await pilot.press("f1")  # and closes the help again, as ? does
        await settle(pilot)
        assert isinstance(app.screen, CheckInQueueScreen)
        assert typed(app, "note") == "legal?"


async def test_f1_opens_help_from_the_dashboard_filter(services: Services) -> None:
    two_of_mine(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"blog?")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen), "the filter takes the ?"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_help_typed_in_a_burst_right_after_c_opens(services: Services) -> None:
    two_of_mine(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "c", "7", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert typed(app, "value") == "7"


async def test_the_end_offers_only_what_works_there(services: Services) -> None:
    two_of_mine(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        on_card = footer(app)
        assert "Save, next" in on_card and "Skip" in on_card, on_card
        await pilot.press("5", "enter", "pagedown")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CheckInQueueScreen) and screen.walk is not None
        assert screen.walk.at_end
        at_end = footer(app)
        assert "1 check-in saved" in screen_text(app)
        assert "Save" not in at_end and "Skip" not in at_end, at_end
        assert "pgup Back" in at_end and "esc Leave" in at_end, at_end
        await pilot.press("enter")  # still leaves, as the end card says
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_an_empty_queue_offers_leave_only(services: Services) -> None:
    bob = services.add_objective("Bob's own", "2026-Q4", owner="bob")
    services.add_key_result(bob.id, "Bob's key result", target=10, unit="x")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert "Nothing to check in" in screen_text(app)
        shown = footer(app)
        assert "Save" not in shown and "Skip" not in shown and "Back" not in shown, shown
        assert "esc Leave" in shown, shown
