"""The status words on the screens, driven by Pilot at 80x24: a graded objective shows
"graded 0.3" in the grade's symbol wherever it is listed, never "done"; an objective
with one key result on track and three stale is stale; a keep-below band that holds is
"holding", not "done"; the dashboard opens on the period the report is about."""

from __future__ import annotations

import datetime as dt

from okrtui.domain.records.periods import current_period
from okrtui.screens.alignment import AlignmentScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from tests.support.builders import check_in_on, objective_with_krs
from tests.support.clock import TODAY, FixedClock, on_day, reset
from tests.support.tui import make_app, press, running, screen_text, settle

SIZE = (80, 24)


def _line(text: str, words: str) -> str:
    return next(line for line in text.splitlines() if words in line)


async def test_a_graded_objective_says_graded_with_its_colour_everywhere(
        services: Services, clock: FixedClock) -> None:
    missed, _ = objective_with_krs(services, "Launch the portal", committed=True)
    services.grade_period("2026-Q4", objective_ref=missed.id, grade=0.3)
    on_day(clock, dt.date(2026, 10, 1))
    _, krs = objective_with_krs(services, "Grow the pipeline", ((0, 10),) * 4)
    reset(clock)
    check_in_on(services, clock, krs[0].id, 6, dt.date(2026, 11, 20))
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        text = screen_text(app)
        assert "✖ graded 0.3" in _line(text, "Launch the portal")
        assert "◌ stale" in _line(text, "Grow the pipeline")  # 1 on track, 3 stale
        assert "done" not in text and "on track" not in text
        await pilot.press("down", "enter")  # listed second: made after the other
        await settle(pilot)
        assert isinstance(app.screen, ObjectiveScreen)
        shown = screen_text(app)
        assert "Launch the portal" in shown.splitlines()[1]
        header = _line(shown, "graded")
        assert "✖ graded 0.3" in header and "missed" in header
        await pilot.press("escape", "t")
        await settle(pilot)
        assert isinstance(app.screen, AlignmentScreen)
        tree = screen_text(app)
        assert "✖ graded 0.3" in _line(tree, "Launch the portal")
        assert "◌ stale" in _line(tree, "Grow the pipeline")


async def test_a_band_that_holds_is_holding_not_done(services: Services,
                                                     clock: FixedClock) -> None:
    objective, _ = objective_with_krs(services, "Stay healthy", ((0, 10),))
    churn = services.add_key_result(objective.id, "Churn below 2%", kind="below",
                                    target=2, unit="%")
    check_in_on(services, clock, churn.id, 1.5, dt.date(2026, 11, 21))
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter")
        row = _line(screen_text(app), "Churn below 2%")
        assert "● holding" in row and "done" not in row


async def test_the_dashboard_opens_on_the_reports_period(services: Services) -> None:
    objective_with_krs(services, "Yearly plan", period="2026")
    objective_with_krs(services, "This quarter", period="2026-Q4")
    app = make_app(services)
    async with running(app, size=SIZE):
        expected = current_period(services.workspace().periods(), TODAY).name
        assert expected == services.report().period.name == "2026-Q4"
        assert app.screen.period_name == expected  # type: ignore[attr-defined]
