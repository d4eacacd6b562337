"""The grading screen keeps what was typed there: escape asks before dropping pending
score adjustments and retrospectives, and the retrospective is a multi-line text area."""

from __future__ import annotations

from textual.widgets import TextArea

from okrtui.app import OkrApp
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.dashboard import DashboardScreen
from okrtui.screens.grade import GradeScreen
from okrtui.screens.grade_adjust import AdjustScoreScreen
from okrtui.screens.grade_objective import GradeObjectiveScreen
from tests.support.tui import fill, press, screen_text, settle

SIZE = (80, 24)


async def open_grade(app: OkrApp, pilot) -> GradeScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await press(pilot, "g")
    assert isinstance(app.screen, GradeScreen)
    return app.screen


def final_scores(app: OkrApp) -> dict[str, float | None]:
    """Every key result's stored final score, by title."""
    ws = app.session.services.workspace()
    return {k.title: k.final_score for o in ws.objectives() for k in ws.key_results(o.id)}


async def test_escape_with_nothing_pending_leaves_at_once(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await open_grade(sample_app, pilot)
        await press(pilot, "escape")
        assert isinstance(sample_app.screen, DashboardScreen)


async def test_escape_asks_before_dropping_an_adjusted_score(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        grade = await open_grade(sample_app, pilot)
        before = final_scores(sample_app)
        await pilot.press("down", "s")  # the first key result of the first objective
        await settle(pilot)
        assert isinstance(sample_app.screen, AdjustScoreScreen)
        await fill(pilot, score="0.9", reason="signed after the freeze")
        await press(pilot, "ctrl+s")
        assert sample_app.screen is grade and grade.plans

        await press(pilot, "escape")
        assert isinstance(sample_app.screen, ConfirmScreen)
        assert "adjusted score" in screen_text(sample_app)
        await press(pilot, "n")
        assert sample_app.screen is grade and grade.plans, "no keeps the adjustment"
        assert "0.90" in screen_text(sample_app)

        await press(pilot, "escape", "y")
        assert isinstance(sample_app.screen, DashboardScreen)
        assert final_scores(sample_app) == before, "nothing was graded"


async def test_the_retrospective_is_a_multi_line_text_area(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        grade = await open_grade(sample_app, pilot)
        await press(pilot, "o")
        assert isinstance(sample_app.screen, GradeObjectiveScreen)
        area = sample_app.screen.query_one("#f-retrospective", TextArea)
        area.focus()
        await pilot.press(*"went well", "enter", *"next: fewer events")
        await settle(pilot)
        assert area.text == "went well\nnext: fewer events"
        await press(pilot, "ctrl+s")
        assert sample_app.screen is grade
        [plan] = grade.plans.values()
        assert plan.retrospective == "went well\nnext: fewer events"

        # A typed retrospective is pending work too: escape asks first.
        await press(pilot, "escape")
        assert isinstance(sample_app.screen, ConfirmScreen)
        await press(pilot, "n", "g")
        await press(pilot, "y")  # grade the period
        ws = sample_app.session.services.workspace()
        first = next(o for o in ws.objectives()
                     if o.title == "Increase our turnover by 25% in 12 months")
        assert first.retrospective == "went well\nnext: fewer events"


async def test_escape_in_the_retrospective_dialog_asks_when_something_was_typed(
        sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        grade = await open_grade(sample_app, pilot)
        await press(pilot, "o")
        sample_app.screen.query_one("#f-retrospective", TextArea).focus()
        await pilot.press(*"half done")
        await settle(pilot)
        await press(pilot, "escape")
        assert isinstance(sample_app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert sample_app.screen is grade and not grade.plans
