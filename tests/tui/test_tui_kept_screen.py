"""The objective screen is built once and reopened: each objective it shows next looks as
it would on a new screen, with nothing of the one before (its rows, cursor, focus, a
read still on its way), and a theme picked meanwhile restyles it."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.pilot import Pilot

from okrtui.app import OkrApp
from okrtui.messages import OpenObjective
from okrtui.screens.dashboard import DashboardScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from okrtui.widgets.kr_table import KRTable
from tests.support.builders import objective_with_krs
from tests.support.tui import make_app, press, running, screen_text, settle


async def opened(pilot: Pilot, objective_id: str) -> ObjectiveScreen:
    """The objective screen the navigator shows for `objective_id`, once it has read."""
    app = pilot.app
    assert isinstance(app, OkrApp)
    app.navigator.route(OpenObjective(objective_id))
    await settle(pilot)
    assert isinstance(app.screen, ObjectiveScreen)
    return app.screen


async def test_a_reopened_objective_screen_shows_the_next_objective_alone(
        services: Services) -> None:
    first, _ = objective_with_krs(services, "Grow the blog", krs=((0, 10),) * 3)
    second, _ = objective_with_krs(services, "Ship the app", krs=((0, 5),))
    app = make_app(services)
    async with running(app) as pilot:
        screen = await opened(pilot, first.id)
        await press(pilot, "down", "down", "tab")  # the third key result; its check-ins
        assert screen.query_one("#krs", KRTable).cursor_row == 2
        assert app.focused is not screen.query_one("#krs")
        await press(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)

        assert await opened(pilot, second.id) is screen, "the same screen, reopened"
        text = screen_text(app)
        assert "Ship the app KR 1" in text
        assert "Grow the blog" not in text
        table = screen.query_one("#krs", KRTable)
        assert (table.row_count, table.cursor_row) == (1, 0)
        assert app.focused is table, "the key results have the cursor, as on a new screen"


async def test_a_read_for_the_objective_shown_before_is_dropped(services: Services) -> None:
    first, _ = objective_with_krs(services, "Grow the blog")
    second, _ = objective_with_krs(services, "Ship the app")
    app = make_app(services)
    async with running(app) as pilot:
        screen = await opened(pilot, first.id)
        late = screen.build_view(services.workspace())
        await press(pilot, "escape")
        await opened(pilot, second.id)
        screen._read_for(first.id, late)  # the first objective's read, arriving late
        await settle(pilot)
        assert screen.view is not None and screen.view.score.objective.id == second.id
        assert "Grow the blog" not in screen_text(app)


async def test_an_objective_opened_from_the_kept_one_is_a_screen_of_its_own(
        services: Services) -> None:
    # The kept screen is still on the stack when the next objective is routed (from the
    # palette, say): that one gets a new screen, and the kept one serves the next open.
    first, _ = objective_with_krs(services, "Grow the blog")
    second, _ = objective_with_krs(services, "Ship the app")
    app = make_app(services)
    async with running(app) as pilot:
        kept = await opened(pilot, first.id)
        await opened(pilot, second.id)
        assert isinstance(app.screen, ObjectiveScreen) and app.screen is not kept
        assert [type(s) for s in app.screen_stack] == [DashboardScreen, ObjectiveScreen]
        assert "Ship the app" in screen_text(app)
        await press(pilot, "escape")
        assert await opened(pilot, first.id) is kept and "Grow the blog" in screen_text(app)


async def test_a_theme_picked_while_the_screen_was_closed_restyles_it(
        services: Services) -> None:
    first, _ = objective_with_krs(services, "Grow the blog")
    app = make_app(services)
    async with running(app) as pilot:
        screen = await opened(pilot, first.id)
        await press(pilot, "escape")
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await settle(pilot)
        assert await opened(pilot, first.id) is screen
        wanted = Color.parse(app.current_theme.background)
        assert screen.styles.background == wanted


async def test_a_screen_shown_again_in_the_same_theme_is_not_styled_again(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    # Back from the check-in dialog, and reopened: Textual would style every widget of
    # the screen again each time, as costly as building them.
    first, _ = objective_with_krs(services, "Grow the blog")
    restyled: list[str] = []
    original = ObjectiveScreen.update_node_styles

    def counted(self: ObjectiveScreen, animate: bool = True) -> None:
        restyled.append(self.objective_id)
        original(self, animate)

    monkeypatch.setattr(ObjectiveScreen, "update_node_styles", counted)
    app = make_app(services)
    async with running(app) as pilot:
        await opened(pilot, first.id)
        restyled.clear()
        await press(pilot, "c")
        assert not isinstance(app.screen, ObjectiveScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, ObjectiveScreen)
        await press(pilot, "escape")
        await opened(pilot, first.id)
        assert restyled == []
