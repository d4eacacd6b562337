"""The OKR cycle in the TUI, driven by Pilot at 80x24 against a real workspace file:
grading, carry-over, moving a key result, key result to KPI, templates.

Every test checks what was saved by reading the file again, and what the screen said.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Button, OptionList, Select

from okrtui.domain.records.models import KeyResult, Objective
from okrtui.messages import OpenObjective
from okrtui.screens.carry import CarryScreen
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.grade import GradeScreen
from okrtui.screens.grade_adjust import AdjustScoreScreen
from okrtui.screens.grade_objective import GradeObjectiveScreen
from okrtui.screens.help import HelpScreen
from okrtui.screens.kr_move import MoveKeyResultScreen
from okrtui.screens.kr_to_kpi import KeyResultToKpiScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from okrtui.store import Store
from tests.support.tui import field_error, fill, make_app, press, running, screen_text, settle

SIZE = (80, 24)


def flat(app: object) -> str:
    """The screen's text with its lines joined, so a sentence that wraps still matches."""
    return " ".join(screen_text(app).split())  # type: ignore[arg-type]


def shown(app: object, selector: str) -> str:
    """The plain text a Static of the current screen shows."""
    return " ".join(str(app.screen.query_one(selector).render()).split())  # type: ignore[attr-defined]


def fresh(services: Services) -> Services:
    """Services on the same file with nothing cached: what is on disk now."""
    return Services(Store(services.store.path), "reader")


def quarter(services: Services) -> tuple[Objective, list[KeyResult], Objective]:
    """An aspirational objective (one key result reached, one half way) and a committed
    one at half, both in 2026-Q4."""
    a = services.add_objective("Grow the community", "2026-Q4")
    k1 = services.add_key_result(a.id, "Run 10 meetups", target=10, unit="meetups")
    k2 = services.add_key_result(a.id, "Gain 10 sponsors", target=10, unit="sponsors")
    services.check_in(k1.id, 10)
    services.check_in(k2.id, 5)
    b = services.add_objective("Ship the mobile app", "2026-Q4", committed=True)
    k3 = services.add_key_result(b.id, "Release 4 betas", target=4, unit="betas")
    services.check_in(k3.id, 2)
    return a, [k1, k2, k3], b


async def highlight(pilot: Pilot, option_id: str) -> None:
    """Put the list's cursor on an option, as the arrow keys would."""
    listing = pilot.app.screen.query_one(OptionList)
    listing.highlighted = listing.get_option_index(option_id)
    await settle(pilot)


async def open_dashboard(pilot: Pilot, *keys: str) -> None:
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


# ---- grading ----------------------------------------------------------------------------


async def test_grade_shows_the_dry_run_then_grades_with_adjustments(
        services: Services) -> None:
    a, (k1, k2, _), b = quarter(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_dashboard(pilot, "g")
        assert isinstance(app.screen, GradeScreen)
        text = screen_text(app)
        assert "Dry run" in text and "g grades 2 objectives" in text
        assert "0.75 ● green    Grow the community" in text
        assert "above the sweet spot" in text
        assert "0.50 ▲ yellow   Ship the mobile app" in text
        assert "missed: committed objectives must reach 1.0" in text
        assert "1.00 ● green    Run 10 meetups" in text
        assert fresh(services).workspace().objective(a.id).status == "active", "a dry run"

        await highlight(pilot, f"k:{k2.id}")
        await press(pilot, "s")
        assert isinstance(app.screen, AdjustScoreScreen)
        await pilot.press("0", ".", "9", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AdjustScoreScreen), "a reason is required"
        assert field_error(app, "reason") == "an adjusted score needs a reason"
        await fill(pilot, score="1.5", reason="late sponsor signed")
        assert field_error(app, "score") == "1.5 is outside 0.0 to 1.0"
        assert app.screen.query_one("#save", Button).disabled
        await fill(pilot, score="0.9")
        await press(pilot, "enter")
        assert isinstance(app.screen, GradeScreen)
        text = screen_text(app)
        assert "0.95 ● green    Grow the community" in text
        assert "0.90 ● green    Gain 10 sponsors  adjusted from 0.50: late sponsor signed" \
            in text

        await highlight(pilot, f"o:{b.id}")
        await press(pilot, "o")
        assert isinstance(app.screen, GradeObjectiveScreen)
        await fill(pilot, grade="0.8", retrospective="Hiring took longer [b]than[/b] hoped")
        await press(pilot, "ctrl+s")  # enter in the retrospective starts a new line
        assert isinstance(app.screen, GradeScreen)
        text = screen_text(app)
        assert "0.80 ● green    Ship the mobile app" in text
        assert "grade given (average 0.50)" in text
        assert "Retrospective: Hiring took longer [b]than[/b] hoped" in text
        assert fresh(services).workspace().objective(b.id).grade is None, "still a dry run"

        await press(pilot, "g")
        assert isinstance(app.screen, ConfirmScreen), "grading asks first"
        assert "Grade 2 objectives of 2026-Q4" in screen_text(app)
        await press(pilot, "y")
        assert isinstance(app.screen, GradeScreen)
        assert "Nothing left to grade" in screen_text(app)

    ws = fresh(services).workspace()
    graded_a, graded_b = ws.objective(a.id), ws.objective(b.id)
    assert (graded_a.status, graded_a.grade) == ("closed", 0.95)
    assert (graded_b.status, graded_b.grade) == ("closed", 0.8)
    assert graded_b.retrospective == "Hiring took longer [b]than[/b] hoped"
    assert (ws.key_result(k2.id).final_score, ws.key_result(k2.id).final_reason) == (
        0.9, "late sponsor signed")
    assert ws.key_result(k1.id).final_score == 1.0


async def test_regrade_a_closed_objective_and_refusals_show_on_the_row(
        services: Services) -> None:
    a, (k1, _, _), b = quarter(services)
    services.grade_period("2026-Q4", objective_ref=a.id)
    empty = services.add_objective("Hire a designer", "2026-Q4")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_dashboard(pilot, "g")
        text = screen_text(app)
        assert "✔ graded already" in text
        assert ("cannot be graded: objective 'Hire a designer' has no key results to grade; "
                "give it a grade") in flat(app)
        assert "g grades 2 objectives" in text, "the active ones; the graded one stays"

        await pilot.press("g", "y")  # the empty objective refuses the whole grading
        await settle(pilot)
        assert any("has no key results to grade" in str(n.message)
                   for n in app._notifications)
        assert fresh(services).workspace().objective(b.id).status == "active", \
            "nothing graded when one objective is refused"

        await highlight(pilot, f"o:{empty.id}")
        await press(pilot, "o")
        await fill(pilot, grade="0.2")
        await press(pilot, "enter")

        await highlight(pilot, f"k:{k1.id}")  # re-grade the closed objective
        await press(pilot, "s")
        await fill(pilot, score="0.7", reason="two meetups were online only")
        await press(pilot, "enter")
        text = screen_text(app)
        assert "0.60 ▲ yellow   Grow the community" in text
        assert "re-graded · in the sweet spot" in text
        assert "g grades 3 objectives" in text
        await pilot.press("g", "y")
        await settle(pilot)

    ws = fresh(services).workspace()
    assert ws.objective(a.id).grade == 0.6, "(0.7 adjusted + 0.5 progress) / 2"
    assert ws.key_result(k1.id).final_reason == "two meetups were online only"
    assert (ws.objective(empty.id).status, ws.objective(empty.id).grade) == ("closed", 0.2)
    assert ws.objective(b.id).status == "closed"


async def test_grading_keys_are_in_the_help_and_the_palette(services: Services) -> None:
    from okrtui.app import OkrCommands

    quarter(services)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        hits = [h async for h in OkrCommands(app.screen).discover()]
        names = {h.text: h.help for h in hits}
        assert names["Grade period"] == "key: g"
        assert names["Carry over"] == "key: shift+c"
        await press(pilot, "g")
        await pilot.press("down", "?")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Adjust score", "Grade and retro", "Grade"):
            assert words in text, words


# ---- carry-over and moving a key result ---------------------------------------------------


async def test_carry_over_shows_what_goes_along_then_the_new_drafts(
        services: Services) -> None:
    a, (_, k2, _), b = quarter(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_dashboard(pilot, "C")
        assert isinstance(app.screen, CarryScreen)
        text = screen_text(app)
        assert "Dry run" in text and "copies 2 unfinished objectives to 2027-Q1" in text
        assert "draft in 2027-Q1: Grow the community  (1 KR go, 1 reached)" in text
        assert "→ Gain 10 sponsors  from 5 to 10 sponsors" in text
        assert "✔ stays (reached): Run 10 meetups" in text
        assert fresh(services).workspace().objectives(period="2027-Q1") == []

        await press(pilot, "C")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        drafts = fresh(services).workspace().objectives(period="2027-Q1")
        assert sorted((d.title, d.status, d.carried_from) for d in drafts) == sorted([
            ("Grow the community", "draft", a.id), ("Ship the mobile app", "draft", b.id)])
        copy = next(d for d in drafts if d.carried_from == a.id)
        [kr] = fresh(services).workspace().key_results(copy.id)
        assert (kr.title, kr.start, kr.target, kr.carried_from) == (
            "Gain 10 sponsors", 5, 10, k2.id)
        text = screen_text(app)
        assert "New drafts in 2027-Q1" in text and copy.id[:8] in text

        await highlight(pilot, copy.id)
        await press(pilot, "enter")
        assert isinstance(app.screen, ObjectiveScreen)
        assert app.screen.objective_id == copy.id


async def test_carry_over_with_nothing_unfinished_says_why(services: Services) -> None:
    done = services.add_objective("Done already", "2026-Q4")
    kr = services.add_key_result(done.id, "Do 3 things", target=3)
    services.check_in(kr.id, 3)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_dashboard(pilot, "C")
        assert ("Nothing to carry over: 2026-Q4 has no unfinished objective left "
                "to carry over") in flat(app)
        await press(pilot, "C")
        assert isinstance(app.screen, CarryScreen), "nothing to confirm"
    assert fresh(services).workspace().objectives(period="2027-Q1") == []


async def test_move_a_key_result_with_the_refusals_of_the_cli(services: Services) -> None:
    source = services.add_objective("Source", "2026-Q4")
    moving = services.add_key_result(source.id, "Move me", target=5)
    services.check_in(moving.id, 2)
    full = services.add_objective("Full", "2026-Q4", owner="bob")
    for n in range(5):
        services.add_key_result(full.id, f"KR {n}", target=5)
    home = services.add_objective("Home", "2026-Q4", owner="carol")
    services.add_objective("Next quarter", "2027-Q1")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        app.post_message(OpenObjective(source.id))
        await settle(pilot)
        await press(pilot, "m")
        assert isinstance(app.screen, MoveKeyResultScreen)
        select = app.screen.query_one("#f-objective", Select)
        offered = {value for _, value in select._options if isinstance(value, str)}
        assert offered == {full.id, home.id}, "objectives of the same period only"
        select.value = full.id
        await settle(pilot)
        assert field_error(app, "objective") == "an objective has at most 5 key results"
        assert app.screen.query_one("#save", Button).disabled
        select.value = home.id
        await settle(pilot)
        assert field_error(app, "objective") == ""
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ObjectiveScreen)
        assert "No key results yet" in screen_text(app)
    ws = fresh(services).workspace()
    assert ws.key_result(moving.id).objective_id == home.id
    assert len(ws.checkins(moving.id)) == 1, "its check-ins go along"


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
