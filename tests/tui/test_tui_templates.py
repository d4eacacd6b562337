"""The OKR cycle in the TUI, driven by Pilot at 80x24 against a real workspace file:
a key result turned into a KPI, and objectives and KPIs made from templates.

Every test checks what was saved by reading the file again, and what the screen said.
"""

from __future__ import annotations

from textual.widgets import Button, Select

from okrtui.messages import OpenObjective
from okrtui.screens.kr_to_kpi import KeyResultToKpiScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from tests.support.cycle import SIZE, flat, fresh, open_dashboard, quarter, shown
from tests.support.tui import field_error, fill, make_app, press, running, screen_text, settle

# ---- key result to KPI ---------------------------------------------------------------------


async def test_a_reached_key_result_becomes_a_kpi(services: Services) -> None:
    a, (k1, _, _), _ = quarter(services)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        app.post_message(OpenObjective(a.id, kr_id=k1.id))
        await settle(pilot)
        await press(pilot, "K")
        assert isinstance(app.screen, KeyResultToKpiScreen)
        text = shown(app, "#kpi-preview")
        assert "green ≥ 10 meetups, red ≤ 5 meetups (higher is better)" in text
        assert "anyway" not in text
        await press(pilot, "y")
        assert isinstance(app.screen, ObjectiveScreen)
    ws = fresh(services).workspace()
    [kpi] = ws.kpis()
    assert (kpi.name, kpi.green, kpi.red, kpi.from_kr_id) == ("Run 10 meetups", 10, 5, k1.id)
    assert ws.key_result(k1.id).kpi_id == kpi.id
    assert [m.value for m in ws.measurements(kpi.id)] == [10]


async def test_a_key_result_short_of_its_target_becomes_a_kpi_only_anyway(
        services: Services) -> None:
    a, (_, k2, _), _ = quarter(services)
    milestone = services.add_key_result(a.id, "Launch the forum", kind="milestone")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        app.post_message(OpenObjective(a.id, kr_id=milestone.id))
        await settle(pilot)
        await press(pilot, "K")
        assert shown(app, "#refusal") == "a milestone has no level to keep as a KPI"
        assert app.screen.query_one("#yes", Button).disabled
        await press(pilot, "y")
        assert isinstance(app.screen, KeyResultToKpiScreen), "nothing to confirm"
        await press(pilot, "escape")
        assert fresh(services).workspace().kpis() == []

        app.screen.query_one("#krs").move_cursor(row=1)
        await settle(pilot)
        await press(pilot, "K")
        assert ("key result 'Gain 10 sponsors' is at 50% of its target; only a reached key "
                "result becomes a KPI") in shown(app, "#refusal")
        assert "--anyway" not in shown(app, "#refusal")  # a screen speaks of no flags
        assert "Make it a KPI anyway?" in shown(app, "#kpi-preview")
        assert "Make KPI anyway (y)" in screen_text(app)
        await press(pilot, "y")
        assert isinstance(app.screen, ObjectiveScreen)
    [kpi] = fresh(services).workspace().kpis()
    assert kpi.from_kr_id == k2.id and kpi.green == 10


async def test_objective_screen_lists_the_new_keys(services: Services) -> None:
    a, _, _ = quarter(services)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        app.post_message(OpenObjective(a.id))
        await settle(pilot)
        await press(pilot, "?")
        text = screen_text(app)
        assert "Move KR to objective" in text and "KR to KPI" in text


# ---- templates -----------------------------------------------------------------------------


async def test_a_new_objective_from_a_department_template(services: Services) -> None:
    from okrtui.screens.objective_form import ObjectiveFormScreen

    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_dashboard(pilot, "n")
        assert isinstance(app.screen, ObjectiveFormScreen)
        app.screen.query_one("#f-template", Select).value = "customer-service"
        await settle(pilot)
        assert not app.screen.query_one("#field-title").display, "the template decides it"
        preview = shown(app, "#template-preview")
        assert ("Objective Enhance customer satisfaction by improving service efficiency "
                "(Customer service, team, aspirational, active)") in preview
        assert "· Reduce average response time by 30%, from 40 to 28 min" in preview
        assert "KPIs: Average response time, Customer satisfaction score" in preview
        assert fresh(services).workspace().objectives() == [], "a preview writes nothing"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ObjectiveScreen), "the new objective opens"
        assert "Reduce average response time" in screen_text(app)
    ws = fresh(services).workspace()
    [objective] = ws.objectives()
    assert (objective.title, objective.owner, objective.team) == (
        "Enhance customer satisfaction by improving service efficiency", "alice",
        "Customer service")
    assert len(ws.key_results(objective.id)) == 3
    assert sorted(k.name for k in ws.kpis()) == [
        "Average response time", "Cost per conversation", "Customer satisfaction score",
        "Open tickets"]


async def test_a_template_that_would_make_a_sixth_objective_is_refused(
        services: Services) -> None:
    for n in range(5):
        services.add_objective(f"Objective {n}", "2026-Q4")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_dashboard(pilot, "n")
        app.screen.query_one("#f-template", Select).value = "sales"
        await settle(pilot)
        assert field_error(app, "template") == (
            "alice already has 5 objectives in 2026-Q4; an owner has at most 5 per period")
        assert app.screen.query_one("#save", Button).disabled
        await press(pilot, "ctrl+s")
        assert field_error(app, "template").startswith("alice already has 5 objectives")
        app.screen.query_one("#f-status", Select).value = "draft"  # drafts do not count
        await settle(pilot)
        assert field_error(app, "template") == ""
        await pilot.press("escape", "y")
        await settle(pilot)
    ws = fresh(services).workspace()
    assert len(ws.objectives()) == 5 and ws.kpis() == [], "nothing created"


async def test_a_new_kpi_filled_in_from_a_template(services: Services) -> None:
    from okrtui.screens.kpi_form import KpiFormScreen
    from okrtui.screens.kpis import KpisScreen

    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_dashboard(pilot, "k")
        assert "Press a to add one" in flat(app)
        await press(pilot, "a")
        assert isinstance(app.screen, KpiFormScreen)
        app.screen.query_one("#f-template", Select).value = "customer-service/Average response time"
        await settle(pilot)
        values = app.screen.values()
        assert (values["name"], values["unit"], values["direction"], values["green"],
                values["red"], values["cadence"]) == (
            "Average response time", "min", "lower", "30", "45", "daily")
        await fill(pilot, green="25")  # a filled-in field can still be changed
        await press(pilot, "enter")
        assert isinstance(app.screen, KpisScreen)
        assert "Average response time" in screen_text(app)
    [kpi] = fresh(services).workspace().kpis()
    assert (kpi.name, kpi.unit, kpi.direction, kpi.green, kpi.red, kpi.team, kpi.owner) == (
        "Average response time", "min", "lower", 25, 45, "Customer service", "alice")


async def test_a_thirteenth_kpi_is_refused_at_once(services: Services) -> None:
    from okrtui.screens.kpi_form import KpiFormScreen

    for n in range(12):
        services.add_kpi(f"KPI {n}", unit="x", green=10, red=5)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_dashboard(pilot, "k", "a")
        assert isinstance(app.screen, KpiFormScreen)
        app.screen.query_one("#f-template", Select).value = "it/Uptime"
        await settle(pilot)
        assert shown(app, "#form-error") == (
            "alice already has 12 KPIs; an owner has at most 12")
        assert app.screen.query_one("#save", Button).disabled
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, KpiFormScreen)
    assert len(fresh(services).workspace().kpis()) == 12
