"""The TUI driven by Pilot at 80x24: objectives, key results, check-ins, rules, safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input

from okrtui.cli import main as cli_main
from okrtui.domain.scoring.views import objective_score
from okrtui.screens.checkin import CheckInScreen
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.dashboard import DashboardScreen
from okrtui.screens.help import HelpScreen
from okrtui.screens.kr_form import KeyResultFormScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.screens.objective_form import ObjectiveFormScreen
from okrtui.services import Services
from okrtui.store import Store
from tests.support.clock import TODAY
from tests.support.tui import (
    field_error,
    fill,
    form_error,
    make_app,
    press,
    running,
    screen_text,
    settle,
)

SIZE = (80, 24)


def score_of(services: Services, objective_id: str) -> float:
    """The objective's score as the domain computes it today."""
    ws = services.workspace()
    return objective_score(ws, ws.objective(objective_id), TODAY).score


async def test_empty_workspace_teaches_how_to_start(services: Services) -> None:
    app = make_app(services)
    async with running(app, size=SIZE):
        text = screen_text(app)
        assert "No objectives yet" in text
        assert "Press n to add your first objective for 2026-Q4" in text
        assert "okrtui objective add" in text


async def test_create_an_objective_and_three_key_results_then_check_in(
        services: Services) -> None:
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "n")
        assert isinstance(app.screen, ObjectiveFormScreen)
        assert app.screen.query_one("#f-period", Input).value == "2026-Q4"
        await fill(pilot, title="Grow the customer base", team="Sales")
        await press(pilot, "enter")
        assert isinstance(app.screen, ObjectiveScreen), "a new objective opens at once"
        assert "No key results yet" in screen_text(app)
        oid = app.screen.objective_id

        for title, target, unit in [("Acquire 50 new customers", "50", "customers"),
                                    ("Sign 10 partners", "10", "partners"),
                                    ("Publish 12 case studies", "12", "studies")]:
            await press(pilot, "a")
            assert isinstance(app.screen, KeyResultFormScreen)
            await fill(pilot, title=title, target=target, unit=unit)
            assert not app.screen.query_one("#save", Button).disabled
            await press(pilot, "ctrl+s")
            assert isinstance(app.screen, ObjectiveScreen)

        ws = services.workspace()
        assert [k.title for k in ws.key_results(oid)] == [
            "Acquire 50 new customers", "Sign 10 partners", "Publish 12 case studies"]
        text = screen_text(app)
        assert "0/50 customers" in text and "3 key results" in text
        assert score_of(services, oid) == 0.0

        await press(pilot, "c")  # the cursor is on the first key result
        assert isinstance(app.screen, CheckInScreen)
        assert app.focused is app.screen.query_one("#f-value", Input), "value has the focus"
        await pilot.press("3", "5")
        await settle(pilot)
        assert "35/50 customers → 70% (was 0%)" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, ObjectiveScreen)
        assert score_of(services, oid) == pytest.approx(0.7 / 3)
        text = screen_text(app)
        assert "35/50 customers" in text
        assert "0.23" in text, "the objective's score on screen changed"


async def _objective_with(services: Services, count: int) -> str:
    objective = services.add_objective("Win the quarter", "2026-Q4", team="Ops")
    for n in range(count):
        services.add_key_result(objective.id, f"Key result {n + 1}", target=10, unit="things")
    return objective.id


async def test_a_sixth_key_result_is_refused_with_the_rule_in_words(
        services: Services) -> None:
    oid = await _objective_with(services, 5)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter")
        assert isinstance(app.screen, ObjectiveScreen)
        await press(pilot, "a")
        assert form_error(app) == "an objective has at most 5 key results"
        await fill(pilot, title="One too many", target="3")
        assert form_error(app) == "an objective has at most 5 key results"
        assert app.screen.query_one("#save", Button).disabled
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, KeyResultFormScreen), "nothing saved, form stays open"
    assert len(services.workspace().key_results(oid)) == 5


async def test_field_errors_show_under_their_field_as_you_type(services: Services) -> None:
    await _objective_with(services, 1)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter", "a")
        await fill(pilot, title="Hold steady", start="5", target="5")
        assert field_error(app, "target") == "the target must differ from the start"
        assert app.screen.query_one("#save", Button).disabled
        await fill(pilot, target="8", weight="1e999", due="2027-02-01")
        assert field_error(app, "target") == ""
        assert "not a finite number" in field_error(app, "weight")
        await fill(pilot, weight="2")
        assert "outside the objective's period 2026-Q4" in field_error(app, "due")
        await fill(pilot, due="2026-12-15")
        assert field_error(app, "due") == ""
        assert not app.screen.query_one("#save", Button).disabled


async def test_cancelling_an_edited_form_asks_first(services: Services) -> None:
    oid = await _objective_with(services, 1)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter", "e")
        assert app.screen.query_one("#f-title", Input).value == "Key result 1"
        await fill(pilot, title="Key result one")
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")  # keep editing
        assert isinstance(app.screen, KeyResultFormScreen)
        assert app.screen.query_one("#f-title", Input).value == "Key result one"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, ObjectiveScreen)
    assert services.workspace().key_results(oid)[0].title == "Key result 1"


async def test_hostile_titles_are_shown_literally(services: Services) -> None:
    hostile = "[@click=app.quit]x [bold]y[/bold]"
    objective = services.add_objective(hostile, "2026-Q4", owner="[red]mallory")
    kr = services.add_key_result(objective.id, "[link=https://evil]z[/link]", target=4,
                                 unit="[b]u")
    services.check_in(kr.id, 1, note="[@click=app.quit]note")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        text = screen_text(app)
        assert "[@click=app.quit]x [bold]y[/bold]" in text
        assert "[red]mallory" in text
        await pilot.click("#objectives", offset=(10, 1))  # a click on the hostile title
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, ObjectiveScreen), "the click opened the objective"
        text = screen_text(app)
        assert "[link=https://evil]z[/link]" in text
        assert "1/4 [b]u" in text
        assert "[@click=app.quit]note" in text
        assert app.is_running


async def test_a_check_in_made_by_the_cli_shows_in_the_tui_started_afterwards(
        db_path: Path, make_services) -> None:  # type: ignore[no-untyped-def]
    services = make_services("alice")
    objective = services.add_objective("Ship it", "2026-Q4")
    kr = services.add_key_result(objective.id, "Close 40 tickets", target=40, unit="tickets")
    assert cli_main(["--db", str(db_path), "--user", "bob", "checkin", kr.id[:8], "30",
                     "--confidence", "7", "--note", "from the shell"]) == 0

    fresh = Services(Store(db_path), "alice")  # a new process, as `okrtui` would start
    app = make_app(fresh)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter")
        text = screen_text(app)
        assert "30/40 tickets" in text
        assert "from the shell" in text and "bob" in text


async def test_a_change_on_disk_while_running_is_picked_up(
        db_path: Path, make_services) -> None:  # type: ignore[no-untyped-def]
    services = make_services("alice")
    objective = services.add_objective("Ship it", "2026-Q4")
    kr = services.add_key_result(objective.id, "Close 40 tickets", target=40, unit="tickets")
    app = make_app(Services(Store(db_path), "alice"))
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter")
        assert "0/40 tickets" in screen_text(app)
        assert cli_main(["--db", str(db_path), "checkin", kr.id, "12"]) == 0
        app.watcher.check()
        await settle(pilot)
        assert "12/40 tickets" in screen_text(app)


async def test_filter_and_period_switch(services: Services) -> None:
    services.add_objective("Grow revenue", "2026-Q4", owner="bob", team="Sales")
    services.add_objective("Delight customers", "2026-Q4", owner="carol", team="Support")
    services.add_objective("Plan next year", "2027-Q1", owner="carol")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        text = screen_text(app)
        assert "Grow revenue" in text and "Delight customers" in text
        assert "Plan next year" not in text
        await pilot.press("/", *"support")
        await settle(pilot)
        text = screen_text(app)
        assert "Delight customers" in text and "Grow revenue" not in text
        await press(pilot, "escape")
        assert "Grow revenue" in screen_text(app)
        await press(pilot, "]")
        text = screen_text(app)
        assert "2027-Q1" in text and "Plan next year" in text and "Grow revenue" not in text
        await press(pilot, "]")
        assert "No objectives in 2027-Q2" in screen_text(app)
        await pilot.press("[", "[")
        await settle(pilot)
        assert "Grow revenue" in screen_text(app)


async def test_delete_and_reorder_key_results(services: Services) -> None:
    oid = await _objective_with(services, 3)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter", "shift+down")
        assert [k.title for k in services.workspace().key_results(oid)] == [
            "Key result 2", "Key result 1", "Key result 3"]
        assert app.screen.selected().kr.title == "Key result 1", "the cursor follows"
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Key result 1" in screen_text(app)
        await press(pilot, "y")
        assert [k.title for k in services.workspace().key_results(oid)] == [
            "Key result 2", "Key result 3"]


async def test_edit_the_objective_and_escape_back(services: Services) -> None:
    oid = await _objective_with(services, 1)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter", "o")
        assert app.screen.query_one("#f-title", Input).value == "Win the quarter"
        await fill(pilot, title="Win the quarter, clearly")
        await press(pilot, "enter")
        assert isinstance(app.screen, ObjectiveScreen)
        assert "Win the quarter, clearly" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)
        assert "Win the quarter, clearly" in screen_text(app)
    assert services.workspace().objective(oid).title == "Win the quarter, clearly"


async def test_help_lists_the_keys_of_the_screen(services: Services) -> None:
    await _objective_with(services, 1)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter", "?")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Check in", "Add KR", "Edit KR", "Delete KR", "Move up", "Back",
                      "New objective", "KPIs", "Alignment", "Review", "Quit", "ctrl+p"):
            assert words in text, words
        await press(pilot, "escape")
        assert isinstance(app.screen, ObjectiveScreen)


async def test_command_palette_offers_every_action_with_its_key(services: Services) -> None:
    from okrtui.app import OkrCommands

    await _objective_with(services, 1)
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        hits = [h async for h in OkrCommands(app.screen).discover()]
        names = {h.text: h.help for h in hits}
        assert names["New objective"] == "key: n"
        assert names["Filter"] == "key: /"
        assert "Open: Win the quarter" in names
        assert "Check in: Key result 1" in names
        hit = next(h for h in hits if h.text == "Check in: Key result 1")
        hit.command()
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen), "a palette jump straight to a check-in"
        assert "Key result 1" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, ObjectiveScreen)
        hits = [h async for h in OkrCommands(app.screen).discover()]
        names = {h.text: h.help for h in hits}
        assert "c" in names["Check in"].removeprefix("key: ").split()
        assert names["Back"] == "key: esc"


async def test_bindings_follow_the_keymap(services: Services) -> None:
    await _objective_with(services, 1)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap({"okr.check_in": "i"})
        await settle(pilot)
        await press(pilot, "enter", "i")
        assert isinstance(app.screen, CheckInScreen)


async def test_record_a_kpi_value_and_promote_a_kpi(services: Services) -> None:
    from okrtui.screens.kpi_promote import PromoteKpiScreen
    from okrtui.screens.kpi_record import RecordKpiScreen
    from okrtui.screens.kpis import KpisScreen

    objective = services.add_objective("Faster support", "2026-Q4")
    kpi = services.add_kpi("Average response time", unit="min", direction="lower",
                           green=30, red=45)
    services.record_kpi(kpi.id, 47, TODAY.replace(day=1))
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "k")
        assert isinstance(app.screen, KpisScreen)
        text = screen_text(app)
        assert "Average response time" in text and "47 min" in text and "✖ red" in text

        await press(pilot, "v")
        assert isinstance(app.screen, RecordKpiScreen)
        await pilot.press("3", "6")
        await settle(pilot)
        assert "New value: 36 min  ▲ yellow" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, KpisScreen)
        assert "36 min" in screen_text(app) and "▲ yellow" in screen_text(app)
        assert [m.value for m in services.workspace().measurements(kpi.id)] == [47, 36]

        await press(pilot, "p")
        assert isinstance(app.screen, PromoteKpiScreen)
        await fill(pilot, target="50")
        assert "must lie below the KPI's latest value 36" in field_error(app, "target")
        assert app.screen.query_one("#save", Button).disabled
        await fill(pilot, target="28")
        assert field_error(app, "target") == ""
        await press(pilot, "enter")
        assert isinstance(app.screen, KpisScreen)
    krs = services.workspace().key_results(objective.id)
    assert [(k.title, k.start, k.target, k.unit, k.kpi_id) for k in krs] == [
        ("Average response time: from 36 to 28", 36, 28, "min", kpi.id)]


async def test_alignment_tree_and_review_jump_to_objectives(services: Services) -> None:
    from okrtui.screens.alignment import AlignmentScreen
    from okrtui.screens.review import ReviewScreen

    company = services.add_objective("Grow the company", "2026-Q4", level="company")
    team = services.add_objective("Sell more", "2026-Q4", level="team", parent_id=company.id)
    services.add_key_result(team.id, "Improve sales", target=10)  # vague, no unit
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "t")
        assert isinstance(app.screen, AlignmentScreen)
        lines = screen_text(app).splitlines()
        parent = next(i for i, line in enumerate(lines) if "Grow the company" in line)
        child = next(i for i, line in enumerate(lines) if "Sell more" in line)
        assert child == parent + 1 and "└" in lines[child], "the team objective hangs below"
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ObjectiveScreen)
        assert app.screen.objective_id == team.id

        await press(pilot, "r")
        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        # Each finding a sentence under its objective's title, which it does not repeat.
        assert "Key result 'Improve sales' has no unit." in text
        assert "Grow the company" in text and "This objective has 0 key results" in text
        assert "objective 'Grow the company'" not in text
        findings = app.screen.query_one("#findings")
        while "Improve sales" not in app.screen.view.findings[
                int(findings.highlighted_option.id)].sentence:
            await pilot.press("down")
        await press(pilot, "enter")
        assert isinstance(app.screen, ObjectiveScreen)
        assert app.screen.selected().kr.title == "Improve sales"
