"""The objective screen's chart of a key result.

It draws the ideal line over the clock its status is judged by
(okrtui/domain/scoring/pace.py): from the later of the period's start and the key
result's creation to its due date. It used to start at the period's start, so the chart
and the status word told a key result added mid-quarter two different stories.

Every check-in is a mark on it, even one made after the period ended (a late check-in),
which once crashed the screen."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.domain.records.models import KeyResult
from okrtui.domain.records.periods import Period
from okrtui.domain.scoring.pace import pace_window
from okrtui.messages import OpenObjective
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from okrtui.widgets.kr_chart import KRChart, checkin_points, day_span, ideal_line
from tests.support.clock import TODAY
from tests.support.tui import make_app, running, screen_text, settle

Q4 = Period.parse("2026-Q4")
in_q4 = st.dates(min_value=Q4.start, max_value=Q4.end)


@given(created=in_q4, due=st.none() | in_q4)
def test_the_ideal_line_runs_over_the_key_results_own_clock(
        created: dt.date, due: dt.date | None) -> None:
    moment = dt.datetime.combine(created, dt.time(9), dt.UTC)
    kr = KeyResult.model_validate({
        "id": "kr-00000001", "objective_id": "obj-0001", "title": "Reach 10", "start": 2,
        "target": 10, "due": due, "created_at": moment, "updated_at": moment})
    start, end = pace_window(Q4, kr.created_at, kr.due)
    xs, ys = ideal_line(kr, Q4)
    assert xs == [(start - Q4.start).days, (end - Q4.start).days]
    assert ys == [2.0, 10.0]


@pytest.mark.parametrize("kind", ["metric", "above", "milestone"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_check_in_after_the_period_ended_is_drawn_not_a_crash(
        services: Services, kind: str, size: tuple[int, int]) -> None:
    """A key result of 2026-Q3 checked in today (late, after Sep 30), and only then."""
    objective = services.add_objective("Last quarter's objective", "2026-Q3")
    fields = {"metric": {"start": 0, "target": 10, "unit": "deals"},
              "above": {"target": 5, "unit": "deals"}, "milestone": {}}[kind]
    kr = services.add_key_result(objective.id, "Sign the deals", kind=kind, **fields)
    services.check_in(kr.id, 1 if kind == "milestone" else 7)
    app = make_app(services)
    async with running(app, size=size) as pilot:
        app.post_message(OpenObjective(objective.id))
        await settle(pilot)
        assert isinstance(app.screen, ObjectiveScreen)
        chart = app.screen.query_one("#chart", KRChart)
        assert chart.display
        assert chart.marks == (((TODAY - dt.date(2026, 7, 1)).days, 1.0 if kind == "milestone"
                                else 7.0),)
        text = screen_text(app)
        assert "●" in text, "the late check-in is a mark on the chart"
        assert "Nov" in text, "the chart's days reach the late check-in"
        assert app.is_running


def test_the_days_shown_reach_every_check_in() -> None:
    period = Period.parse("2026-Q3")
    assert day_span([], period) == (0, period.days - 1)
    assert day_span([float((TODAY - period.start).days)], period) == (
        0, (TODAY - period.start).days)
    assert day_span([-3.0, 10.0], period) == (-3, period.days - 1)
    assert checkin_points([], period) == ([], [])
