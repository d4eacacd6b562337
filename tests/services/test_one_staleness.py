"""Staleness is one rule: the dashboard, lint (the review screen), the report and the
status line name the same key results stale.

lint used to count an objective's staleness from its period's start, so an objective
created a second ago was "stale, no check-in yet" in `okrtui lint` while the dashboard,
which counted from the key result's creation, said nothing. The domain's answer is the
dashboard's: from the last check-in, else from the creation.
"""

from __future__ import annotations

import datetime as dt

from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting.report import build_report, status_counts
from okrtui.domain.rules.lint import lint
from okrtui.domain.scoring.views import objective_scores
from okrtui.services import Services
from tests.support.builders import check_in_on, objective_with_krs
from tests.support.clock import TODAY, FixedClock, on_day, reset


def _stale_everywhere(ws: Workspace) -> dict[str, set[str]]:
    """The ids of the stale key results of 2026-Q4, as each caller tells them."""
    report = build_report(ws, TODAY, "2026-Q4")
    return {
        "dashboard": {k.kr.id for s in objective_scores(ws, TODAY, period="2026-Q4")
                      for k in s.key_results if k.status == "stale"},
        "lint": {f.id for f in lint(ws, TODAY, "2026-Q4") if f.rule == "stale"},
        "report": {k.kr.id for r in report.objectives for k in r.stale},
    }


def test_dashboard_lint_report_and_status_name_the_same_stale_key_results(
        services: Services, clock: FixedClock) -> None:
    on_day(clock, dt.date(2026, 10, 1))
    _, old = objective_with_krs(services, "Planned at the start")
    reset(clock)
    check_in_on(services, clock, old[1].id, 3, dt.date(2026, 11, 14))  # 8 days ago: stale
    check_in_on(services, clock, old[2].id, 3, dt.date(2026, 11, 15))  # 7 days ago: fine
    on_day(clock, dt.date(2026, 10, 1))
    _, done = objective_with_krs(services, "Reached early")
    reset(clock)
    check_in_on(services, clock, done[0].id, 10, dt.date(2026, 10, 5))  # done: never stale
    on_day(clock, dt.date(2026, 11, 21))
    _, fresh = objective_with_krs(services, "Added yesterday")
    reset(clock)

    ws = services.workspace()
    expected = {old[0].id, old[1].id, done[1].id, done[2].id}
    assert _stale_everywhere(ws) == {"dashboard": expected, "lint": expected,
                                     "report": expected}
    assert status_counts(ws, TODAY, "2026-Q4")["stale"] == len(expected)
    assert not {k.id for k in fresh} & {f.id for f in lint(ws, TODAY)}


def test_lint_says_when_a_key_result_was_last_checked_in(services: Services,
                                                         clock: FixedClock) -> None:
    on_day(clock, dt.date(2026, 10, 1))
    _, krs = objective_with_krs(services, "Planned at the start")
    reset(clock)
    check_in_on(services, clock, krs[0].id, 3, dt.date(2026, 11, 2))
    messages = sorted(f.message for f in lint(services.workspace(), TODAY)
                      if f.rule == "stale")
    assert messages == [
        "key result 'Planned at the start KR 1' has had no check-in since 2026-11-02 "
        "(weekly cadence)",
        "key result 'Planned at the start KR 2' has had no check-in yet (weekly cadence)",
        "key result 'Planned at the start KR 3' has had no check-in yet (weekly cadence)",
    ]


def test_an_objective_created_a_second_ago_is_not_stale_in_lint(
        services: Services) -> None:
    objective_with_krs(services, "Brand new")
    assert [f for f in lint(services.workspace(), TODAY) if f.rule == "stale"] == []
