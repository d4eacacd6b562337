"""The status words tell the same truth wherever an objective is listed: the dashboard's
scores, `okrtui list`, `status`, the report and the JSON (okr-domain.md, Status words)."""

from __future__ import annotations

import datetime as dt
import json

from okrtui.domain.reporting.report import build_report, render_markdown, status_line
from okrtui.domain.scoring.views import objective_json, objective_scores
from okrtui.services import Services
from tests.support.builders import check_in_on, objective_with_krs
from tests.support.cli import Run
from tests.support.clock import TODAY, FixedClock, on_day, reset


def test_a_graded_zero_is_a_red_graded_0_0_everywhere(services: Services, run: Run,
                                                      clock: FixedClock) -> None:
    objective, _ = objective_with_krs(services, "Launch the portal", committed=True)
    services.grade_period("2026-Q4", objective_ref=objective.id, grade=0.0)
    ws = services.workspace()
    [score] = objective_scores(ws, TODAY, period="2026-Q4")
    assert (score.status, score.word, score.rag) == ("graded", "graded 0.0", "red")
    data = objective_json(score)
    assert data["progress_status"] == "graded" and data["grade"] == 0.0
    assert data["rag"] == "red" and data["verdict"].startswith("missed")
    code, out, _ = run("list")
    assert code == 0
    [line] = [x for x in out.splitlines() if objective.id[:8] in x]
    assert "✖ graded 0.0" in line and "missed" in line and "done" not in line
    text = render_markdown(build_report(ws, TODAY, "2026-Q4"))
    assert "Objectives: 1 graded." in text and "done" not in text.split("## Objectives")[0]
    assert status_line(ws, TODAY) == "2026-Q4: 3 graded"


def test_one_on_track_and_three_stale_is_stale_in_list_and_report(
        services: Services, run: Run, clock: FixedClock) -> None:
    on_day(clock, dt.date(2026, 10, 1))
    objective, krs = objective_with_krs(services, "Grow", ((0, 10),) * 4)
    reset(clock)
    check_in_on(services, clock, krs[0].id, 6, dt.date(2026, 11, 20))
    [score] = objective_scores(services.workspace(), TODAY, period="2026-Q4")
    assert [k.status for k in score.key_results] == ["on track", "stale", "stale", "stale"]
    assert score.status == "stale"
    _, out, _ = run("list")
    [line] = [x for x in out.splitlines() if objective.id[:8] in x]
    assert "◌ stale" in line
    _, out, _ = run("list", "--json")
    assert json.loads(out)[0]["progress_status"] == "stale"
    assert "· stale" in render_markdown(build_report(services.workspace(), TODAY))


def test_a_band_holding_in_the_middle_of_the_period_goes_along_at_carry_over(
        services: Services, clock: FixedClock) -> None:
    objective, krs = objective_with_krs(services, "Stay healthy", ((0, 10),))
    churn = services.add_key_result(objective.id, "Keep churn below 2%", kind="below",
                                    target=2, unit="%")
    check_in_on(services, clock, churn.id, 1.5, dt.date(2026, 11, 21))
    check_in_on(services, clock, krs[0].id, 10, dt.date(2026, 11, 21))
    [score] = objective_scores(services.workspace(), TODAY, period="2026-Q4")
    assert [k.status for k in score.key_results] == ["done", "holding"]
    assert score.status == "holding"
    [carried] = services.carry_over("2026-Q4")
    assert [k.carried_from for k in carried.key_results] == [churn.id]
    assert [k.id for k in carried.left_behind] == [krs[0].id]
