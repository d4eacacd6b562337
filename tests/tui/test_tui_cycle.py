"""The OKR cycle in the TUI, driven by Pilot at 80x24 against a real workspace file:
grading, carry-over, moving a key result (key result to KPI and templates are in
test_tui_templates.py).

Every test checks what was saved by reading the file again, and what the screen said.
"""

from __future__ import annotations

from textual.widgets import Button, Select

from okrtui.messages import OpenObjective
from okrtui.screens.carry import CarryScreen
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.grade import GradeScreen
from okrtui.screens.grade_adjust import AdjustScoreScreen
from okrtui.screens.grade_objective import GradeObjectiveScreen
from okrtui.screens.help import HelpScreen
from okrtui.screens.kr_move import MoveKeyResultScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from tests.support.cycle import SIZE, flat, fresh, highlight, open_dashboard, quarter
from tests.support.tui import field_error, fill, make_app, press, running, screen_text, settle

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
