"""ctrl+p finds objectives, key results and KPIs of every period; enter goes there."""

from __future__ import annotations

from okrtui.screens.dashboard import DashboardScreen
from okrtui.screens.kpis import KpisScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from tests.support.builders import objective_with_krs
from tests.support.tui import make_app, press, running, screen_text, settle

SIZE = (100, 30)


async def test_the_palette_goes_to_a_key_result_of_another_period(services: Services) -> None:
    objective_with_krs(services, "Ship the app", period="2026-Q4")
    old, krs = objective_with_krs(services, "Grow the blog", ((0, 10), (0, 20)),
                                  period="2026", owner="ann", team="Marketing")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        assert "Grow the blog" not in screen_text(app)  # the dashboard shows 2026-Q4
        await pilot.press("ctrl+p", *"blogkr2")  # fuzzy: "Grow the blog KR 2"
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ObjectiveScreen)
        assert app.screen.objective_id == old.id
        assert "Grow the blog KR 2" in screen_text(app)
        dashboard = app.screen_stack[0]
        assert isinstance(dashboard, DashboardScreen) and dashboard.period_name == "2026"
        await pilot.press("c", "5", "enter")  # the cursor is on the key result found
        await settle(pilot)
    ws = services.workspace()
    assert ws.latest_checkin(krs[1].id).value == 5 and ws.latest_checkin(krs[0].id) is None


async def test_the_palette_finds_by_owner_and_team_and_opens_a_kpi(services: Services) -> None:
    services.add_kpi("Uptime", owner="zed", team="Platform")
    kpi = services.add_kpi("Response time", owner="zed", team="Support")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"zed support")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, KpisScreen)
        assert app.screen.selected().kpi.id == kpi.id


async def test_the_actions_stay_listed(services: Services) -> None:
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"kpis")
        await settle(pilot)
        assert "KPIs" in screen_text(app)
