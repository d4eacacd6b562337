"""A newer version of the file keeps the scores and KPI views of what did not change, and
they read exactly as scoring that version afresh."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.kpi import kpi_view
from okrtui.domain.scoring.reuse import Reuse
from okrtui.domain.scoring.views import objective_score
from okrtui.services import Services
from tests.support.clock import TODAY

PERIOD = "2026-Q4"


def _team(services: Services) -> tuple[list[str], list[str]]:
    """Three objectives of two key results each, with check-ins, and two KPIs."""
    krs = []
    for n in range(3):
        o = services.add_objective(f"Objective {n}", PERIOD)
        for m in range(2):
            kr = services.add_key_result(o.id, f"Reach {m}", target=10, unit="x")
            services.check_in(kr.id, float(n + m))
            krs.append(kr.id)
    kpis = [services.add_kpi(f"KPI {n}", unit="x").id for n in range(2)]
    for kid in kpis:
        services.record_kpi(kid, 5.0)
    return krs, kpis


def _fresh(ws: Workspace, today: dt.date) -> tuple[list, list]:
    return ([objective_score(ws, o, today) for o in ws.objectives(period=PERIOD)],
            [kpi_view(ws, k, today, 8) for k in ws.kpis()])


def _made(reuse: Reuse, ws: Workspace, today: dt.date = TODAY) -> tuple[list, list]:
    return (reuse.objective_scores(ws, ws.objectives(period=PERIOD), today),
            reuse.kpi_views(ws, ws.kpis(), today, 8))


def test_a_teammates_checkin_scores_its_objective_again_and_keeps_the_others(
        services: Services, make_services: Callable[..., Services]) -> None:
    krs, _ = _team(services)
    reuse = Reuse()
    scores, views = _made(reuse, services.workspace())
    teammate = make_services("bob")
    teammate.check_in(krs[3], 9.0)  # the second objective's second key result
    ws = services.workspace()
    again, views_again = _made(reuse, ws)
    assert (again, views_again) == _fresh(ws, TODAY)
    assert again[0] is scores[0] and again[2] is scores[2]
    assert again[1] is not scores[1] and again[1].key_results[1].checkins == 2
    assert all(a is b for a, b in zip(views_again, views, strict=True))


def test_a_new_measurement_shows_in_its_kpi_only(
        services: Services, make_services: Callable[..., Services]) -> None:
    _, kpis = _team(services)
    reuse = Reuse()
    scores, views = _made(reuse, services.workspace())
    make_services("bob").record_kpi(kpis[1], 7.0)
    ws = services.workspace()
    again, views_again = _made(reuse, ws)
    assert (again, views_again) == _fresh(ws, TODAY)
    assert all(a is b for a, b in zip(again, scores, strict=True))
    assert views_again[0] is views[0] and 7.0 in views_again[1].values


def test_another_day_or_other_settings_score_everything_again(
        services: Services, make_services: Callable[..., Services]) -> None:
    _team(services)
    reuse = Reuse()
    scores, _ = _made(reuse, services.workspace())
    tomorrow = TODAY + dt.timedelta(days=1)
    next_day, next_views = _made(reuse, services.workspace(), tomorrow)
    assert (next_day, next_views) == _fresh(services.workspace(), tomorrow)
    assert not any(a is b for a, b in zip(next_day, scores, strict=True))
    make_services("bob").update_settings(band_partial_score=True)
    ws = services.workspace()
    again, _ = _made(reuse, ws, tomorrow)
    assert again == _fresh(ws, tomorrow)[0]
    assert not any(a is b for a, b in zip(again, next_day, strict=True))


def test_a_corrected_checkin_scores_its_objective_again(
        services: Services, make_services: Callable[..., Services]) -> None:
    krs, _ = _team(services)
    reuse = Reuse()
    scores, _ = _made(reuse, services.workspace())
    latest = services.workspace().latest_checkin(krs[0])
    assert latest is not None
    make_services("bob").edit_check_in(latest.id, value=8.0)  # same check-ins, one changed
    ws = services.workspace()
    again, _ = _made(reuse, ws)
    assert again == _fresh(ws, TODAY)[0]
    assert again[0] is not scores[0] and again[0].key_results[0].current == 8.0
    assert again[1] is scores[1]
