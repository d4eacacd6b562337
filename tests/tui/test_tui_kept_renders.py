"""Renders the dashboard keeps between frames (list rows, the KPI strip) never show stale
values: a teammate's change, a moved cursor and a new filter show what is true now."""

from __future__ import annotations

from collections.abc import Callable

from okrtui.screens.dashboard import DashboardScreen
from okrtui.services import Services
from okrtui.widgets.kpi_strip import KpiStrip
from okrtui.widgets.objective_list import ObjectiveList
from tests.support.tui import make_app, press, running, screen_text, settle

SIZE = (100, 30)


def row_text(listing: ObjectiveList, objective_id: str, *, highlighted: bool) -> str:
    """The row of `objective_id` as the list draws it, plain or highlighted."""
    option = listing.get_option(objective_id)
    component = "option-list--option-highlighted" if highlighted else ""
    style = (listing.get_visual_style("option-list--option", component) if component
             else listing.get_visual_style("option-list--option"))
    return "".join(strip.text for strip in listing._get_option_render(option, style))


async def test_a_teammates_check_in_redraws_its_row_and_keeps_the_others(
        make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    ship = alice.add_objective("Ship it", "2026-Q4")
    kr = alice.add_key_result(ship.id, "Close 40 tickets", target=40, unit="tickets")
    hire = alice.add_objective("Hire two engineers", "2026-Q4")
    alice.add_key_result(hire.id, "Sign 2 offers", target=2, unit="offers")
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        listing = app.screen.query_one("#objectives", ObjectiveList)
        before = {oid: listing.get_option(oid).prompt for oid in (ship.id, hire.id)}
        assert "0.00" in row_text(listing, ship.id, highlighted=False)
        make_services("bob").check_in(kr.id, 12)
        app.watcher.check()
        await settle(pilot)
        assert "0.30" in row_text(listing, ship.id, highlighted=False)
        assert "0.30" in screen_text(app)
        assert listing.get_option(ship.id).prompt is not before[ship.id]
        assert listing.get_option(hire.id).prompt is before[hire.id]


async def test_a_teammates_check_in_changes_one_row_in_place_and_the_list_stays_put(
        make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    ids = [alice.add_objective(f"Objective {n:02d}", "2026-Q4", owner=f"owner{n // 5:02d}").id
           for n in range(60)]
    krs = [alice.add_key_result(oid, "Close 40 tickets", target=40, unit="tickets").id
           for oid in ids[40:44]]
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        listing = app.screen.query_one("#objectives", ObjectiveList)
        listing.highlighted = listing.get_option_index(ids[42])
        await settle(pilot)
        scrolled = listing.scroll_offset.y
        assert scrolled > 0  # the cursor is far down the list
        shown = list(listing.options)
        assert "0.00" in row_text(listing, ids[42], highlighted=True)
        make_services("bob").check_in(krs[2], 20)
        app.watcher.check()
        await settle(pilot)
        # The row of the objective checked in on says its new score; every option is
        # the one the list had, the cursor and the scroll where the person left them.
        assert "0.50" in row_text(listing, ids[42], highlighted=True)
        assert "0.50" in screen_text(app)
        assert all(a is b for a, b in zip(listing.options, shown, strict=True))
        assert listing.highlighted_option is not None
        assert listing.highlighted_option.id == ids[42]
        assert listing.scroll_offset.y == scrolled
        # A teammate's new objective changes the rows around: the list is set again,
        # and still shows what is true.
        added = make_services("bob").add_objective("Objective 00", "2026-Q4", owner="owner00a")
        app.watcher.check()
        await settle(pilot)
        assert len(listing.options) == len(shown) + 2  # its heading and its row
        assert listing.get_option_index(added.id) < listing.get_option_index(ids[42])
        assert listing.highlighted_option is not None
        assert listing.highlighted_option.id == ids[42]
        assert "0.50" in row_text(listing, ids[42], highlighted=True)


async def test_a_kept_row_is_drawn_in_the_style_of_where_the_cursor_is(
        services: Services) -> None:
    first = services.add_objective("Grow the company", "2026-Q4")
    second = services.add_objective("Grow the pipeline", "2026-Q4")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        listing = app.screen.query_one("#objectives", ObjectiveList)
        assert listing.highlighted_option is not None
        assert listing.highlighted_option.id == first.id
        await press(pilot, "down")
        assert listing.highlighted_option.id == second.id
        # The same kept row, drawn in two styles, gives two renders: one does not
        # stand in for the other.
        option = listing.get_option(second.id)
        plain = listing.get_visual_style("option-list--option")
        lit = listing.get_visual_style("option-list--option",
                                       "option-list--option-highlighted")
        assert plain != lit
        drawn_plain = listing._get_option_render(option, plain)
        drawn_lit = listing._get_option_render(option, lit)
        assert [s.text for s in drawn_plain] == [s.text for s in drawn_lit]
        assert drawn_plain != drawn_lit
        # A filter typed and cleared shows every row again, the cursor where it was.
        await press(pilot, "slash", "p", "i", "p", "e")
        assert "Grow the pipeline" in screen_text(app)
        assert "Grow the company" not in screen_text(app)
        await press(pilot, "escape")
        assert "Grow the company" in screen_text(app)
        assert "Grow the pipeline" in screen_text(app)


async def test_the_kpi_strip_shows_a_teammates_new_value(
        make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    alice.add_objective("Ship it", "2026-Q4")
    kpi = alice.add_kpi("Open tickets", unit="tickets", green=10, red=50,
                        direction="lower")
    alice.record_kpi(kpi.id, 42)
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert screen.query_one("#kpis", KpiStrip).display
        assert "42 tickets" in screen_text(app)
        # A filter key sets the same views again: the strip still shows them.
        await press(pilot, "slash", "t")
        assert "42 tickets" in screen_text(app)
        await press(pilot, "escape")
        make_services("bob").record_kpi(kpi.id, 17)
        app.watcher.check()
        await settle(pilot)
        assert "17 tickets" in screen_text(app)
        assert "42 tickets" not in screen_text(app)


async def test_a_filter_that_keeps_every_row_leaves_the_options_as_they_are(
        services: Services) -> None:
    ship = services.add_objective("Ship it", "2026-Q4")
    services.add_objective("Hire two engineers", "2026-Q4")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        listing = app.screen.query_one("#objectives", ObjectiveList)
        shown = list(listing.options)
        await press(pilot, "slash", "i")  # both titles have an "i": every row stays
        assert all(a is b for a, b in zip(listing.options, shown, strict=True))
        await press(pilot, "p")  # "ip" is in "Ship it" alone
        assert [o.id for o in listing.options if o.id is not None] == [ship.id]
        assert "Hire two engineers" not in screen_text(app)
        await press(pilot, "escape")
        assert "Hire two engineers" in screen_text(app)


async def test_a_narrow_filter_keeps_the_rows_the_next_key_shows_again(
        services: Services) -> None:
    # More objectives than a narrow list's bound on kept rows (4 per row shown, and 100).
    for n in range(24 * 5):
        services.add_objective(f"Objective {n:03d}", "2026-Q4", owner=f"owner{n % 24:02d}")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        listing = app.screen.query_one("#objectives", ObjectiveList)
        shown = list(listing.options)
        assert len(shown) == 24 + 120
        await press(pilot, "slash", "0", "0", "7")
        assert [o.id for o in listing.options if o.id is not None] != \
            [o.id for o in shown if o.id is not None]
        assert len([o for o in listing.options if o.id is not None]) == 1
        await press(pilot, "escape")
        assert all(a is b for a, b in zip(listing.options, shown, strict=True))


async def test_a_new_team_of_an_owner_is_in_the_owners_heading(
        make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    alice.add_objective("Ship it", "2026-Q4", team="Platform")
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        assert "alice · Platform" in screen_text(app)
        make_services("bob").add_objective("Hire two engineers", "2026-Q4", owner="alice",
                                           team="Hiring")
        app.watcher.check()
        await settle(pilot)
        assert "alice · Platform · Hiring" in screen_text(app)
        assert "Hire two engineers" in screen_text(app)
