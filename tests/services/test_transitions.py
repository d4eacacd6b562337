"""KPI to key result, key result to KPI, and ambition judged by a KPI's history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrtui.domain.cycle.transitions import kpi_thresholds
from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.records.models import KPI, KeyResult
from okrtui.domain.rules.ambition import best_pace, daily_points, linear_fit
from okrtui.domain.rules.lint import lint
from okrtui.services import Services
from tests.support.builders import check_in_on, objective_with_krs, sha
from tests.support.clock import NOW, TODAY, FixedClock


def _kpi_with_history(services: Services, values: list[float], *, start: dt.date,
                      step_days: int = 7, **fields: object) -> KPI:
    kpi = services.add_kpi(str(fields.pop("name", "Gross profit margin")), unit="%",
                           **fields)  # type: ignore[arg-type]
    for n, value in enumerate(values):
        services.record_kpi(kpi.id, value, start + dt.timedelta(days=step_days * n))
    return kpi


# ---- KPI to key result -------------------------------------------------------------------


def test_promote_starts_at_the_latest_value_and_links(services: Services) -> None:
    kpi = _kpi_with_history(services, [30, 31, 33], start=dt.date(2026, 10, 1),
                            green=40, red=30)
    objective, _ = objective_with_krs(services, "Be profitable", ((0, 1),))
    kr = services.promote_kpi(kpi.id[:6], objective.id[:6], 40)
    stored = services.workspace().key_result(kr.id)
    assert (stored.start, stored.target, stored.unit, stored.kpi_id) == (33.0, 40.0, "%", kpi.id)
    assert stored.title == "Gross profit margin: from 33 to 40"
    assert stored.objective_id == objective.id and stored.position == 1


def test_promote_refusals_change_nothing(services: Services, db_path: Path) -> None:
    empty = services.add_kpi("Uptime", unit="%")
    lower = _kpi_with_history(services, [50, 45], start=dt.date(2026, 10, 1),
                              name="Response time", direction="lower")
    objective, _ = objective_with_krs(services, "Full", ((0, 1),) * 5)
    other, _ = objective_with_krs(services, "Other", ((0, 1),))
    before = sha(db_path)
    with pytest.raises(RuleViolation, match="no measurement yet"):
        services.promote_kpi(empty.id, other.id, 99.9)
    with pytest.raises(RuleViolation, match="must lie below the KPI's latest value 45"):
        services.promote_kpi(lower.id, other.id, 50)
    with pytest.raises(RuleViolation, match="at most 5 key results"):
        services.promote_kpi(lower.id, objective.id, 30)
    assert sha(db_path) == before


# ---- key result to KPI -------------------------------------------------------------------


def _kr(**fields: object) -> KeyResult:
    return KeyResult.model_validate({"id": "0" * 36, "objective_id": "1" * 36, "title": "T",
                                     "created_at": NOW, "updated_at": NOW, **fields})


@pytest.mark.parametrize(("fields", "expected"), [
    ({"start": 1000, "target": 1300}, ("higher", 1300, 1150)),   # half the gain lost is red
    ({"start": 40, "target": 28}, ("lower", 28, 34)),             # decreasing metric
    ({"kind": "above", "target": 5}, ("higher", 5, 4.5)),         # 10% of the target
    ({"kind": "below", "target": 2}, ("lower", 2, 2.2)),
    ({"kind": "below", "target": 0}, ("lower", 0, 1.0)),          # no target to take 10% of
])
def test_thresholds_keep_the_level(fields: dict, expected: tuple) -> None:
    band = kpi_thresholds(_kr(**fields))
    assert (band.direction, band.green, pytest.approx(band.red)) == expected


def test_reached_key_result_becomes_a_kpi_linked_both_ways(
        services: Services, clock: FixedClock) -> None:
    _, krs = objective_with_krs(services, "Traffic", ((1000, 1300),), team="Web")
    check_in_on(services, clock, krs[0].id, 1320, dt.date(2026, 11, 18))
    kpi = services.key_result_to_kpi(krs[0].id[:6])
    ws = services.workspace()
    stored = ws.kpi(kpi.id)
    assert (stored.name, stored.direction, stored.green, stored.red) == (
        krs[0].title, "higher", 1300.0, 1150.0)
    assert stored.from_kr_id == krs[0].id and stored.team == "Web"
    assert ws.key_result(krs[0].id).kpi_id == kpi.id
    [first] = ws.measurements(kpi.id)
    assert (first.value, first.date) == (1320.0, dt.date(2026, 11, 18))


def test_unreached_and_milestone_key_results_are_refused(
        services: Services, clock: FixedClock, db_path: Path) -> None:
    _, krs = objective_with_krs(services, "Traffic", ((0, 10),))
    launch = services.add_key_result(krs[0].objective_id, "Launch", kind="milestone")
    check_in_on(services, clock, krs[0].id, 6, dt.date(2026, 11, 18))
    before = sha(db_path)
    with pytest.raises(RuleViolation, match="at 60% of its target"):
        services.key_result_to_kpi(krs[0].id)
    with pytest.raises(RuleViolation, match="milestone has no level"):
        services.key_result_to_kpi(launch.id, anyway=True)
    assert sha(db_path) == before
    kpi = services.key_result_to_kpi(krs[0].id, anyway=True, name="Signups", owner="dave")
    assert (kpi.name, kpi.owner, kpi.green, kpi.red) == ("Signups", "dave", 10.0, 5.0)


def test_a_promoted_key_result_rebands_its_own_kpi(services: Services,
                                                   clock: FixedClock) -> None:
    kpi = _kpi_with_history(services, [41, 40], start=dt.date(2026, 10, 1),
                            name="Response time", direction="lower", green=30, red=45)
    objective, _ = objective_with_krs(services, "Faster", ((0, 1),))
    kr = services.promote_kpi(kpi.id, objective.id, 28)
    check_in_on(services, clock, kr.id, 27, dt.date(2026, 11, 20))
    again = services.key_result_to_kpi(kr.id)
    ws = services.workspace()
    assert again.id == kpi.id and len(ws.kpis()) == 1
    assert (ws.kpi(kpi.id).green, ws.kpi(kpi.id).red, ws.kpi(kpi.id).from_kr_id) == (
        28.0, 34.0, kr.id)


def test_kpi_limit_applies(services: Services, clock: FixedClock, db_path: Path) -> None:
    for n in range(12):
        services.add_kpi(f"KPI {n}")
    _, krs = objective_with_krs(services, "Grow", ((0, 10),))
    check_in_on(services, clock, krs[0].id, 10, dt.date(2026, 11, 18))
    before = sha(db_path)
    with pytest.raises(RuleViolation, match="at most 12"):
        services.key_result_to_kpi(krs[0].id)
    assert sha(db_path) == before


# ---- ambition from history ---------------------------------------------------------------


def test_fit_and_best_pace() -> None:
    points = [(0, 10.0), (7, 17.0), (14, 24.0)]
    slope, intercept = linear_fit(points)  # type: ignore[misc]
    assert (slope, intercept) == (pytest.approx(1.0), pytest.approx(10.0))
    assert best_pace([(0, 10.0), (1, 12.0), (3, 13.0)], 1) == 2.0
    assert best_pace([(0, 10.0), (1, 12.0), (3, 13.0)], -1) == -0.5
    assert linear_fit([(5, 1.0), (5, 2.0)]) is None


def test_daily_points_keep_the_latest_value_of_a_day(services: Services,
                                                     clock: FixedClock) -> None:
    kpi = services.add_kpi("Uptime")
    services.record_kpi(kpi.id, 1, dt.date(2026, 11, 1))
    clock.advance(minutes=5)
    services.record_kpi(kpi.id, 2, dt.date(2026, 11, 1))
    assert daily_points(services.workspace().measurements(kpi.id)) == [
        (dt.date(2026, 11, 1).toordinal(), 2.0)]


def _linked_kr(services: Services, kpi: KPI, start: float, target: float,
               period: str = "2027-Q1") -> KeyResult:
    objective, _ = objective_with_krs(services, f"Goal {target}", ((0, 1),) * 3,
                                      period=period)
    return services.add_key_result(objective.id, f"Margin to {target:g}", start=start,
                                   target=target, unit="%", kpi_id=kpi.id)


def _flags(services: Services) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in lint(services.workspace(), TODAY):
        if f.rule in ("not-ambitious", "unrealistic"):
            out.setdefault(f.id, set()).add(f.rule)
    return out


def test_lint_flags_targets_the_trend_reaches_and_paces_never_seen(
        services: Services) -> None:
    # +1 point a week for 8 weeks, to 37 today: the trend is at ~55 when 2027-Q1 ends.
    kpi = _kpi_with_history(services, [30 + n for n in range(8)],
                            start=dt.date(2026, 10, 4))
    easy = _linked_kr(services, kpi, 37, 45)     # the trend gets there anyway
    fair = _linked_kr(services, kpi, 37, 60)     # beyond the trend, 1.8x the best pace
    wild = _linked_kr(services, kpi, 37, 120)    # ~6.5 points a week, best ever was 1
    flags = _flags(services)
    assert flags.get(easy.id) == {"not-ambitious"}
    assert fair.id not in flags
    assert flags.get(wild.id) == {"unrealistic"}
    message = next(f.message for f in lint(services.workspace(), TODAY) if f.id == wild.id)
    assert "times the best pace KPI 'Gross profit margin' has ever shown (+1 %/week)" in message


def test_pace_factor_is_a_setting_and_short_history_says_nothing(services: Services) -> None:
    kpi = _kpi_with_history(services, [30 + n for n in range(8)],
                            start=dt.date(2026, 10, 4))
    short = _kpi_with_history(services, [30, 31], start=dt.date(2026, 10, 4), name="Short")
    wild = _linked_kr(services, kpi, 37, 75)  # needs ~2.96 a week: 2.96x the best
    quiet = _linked_kr(services, short, 31, 500)
    assert wild.id not in _flags(services) and quiet.id not in _flags(services)
    services.update_settings(ambition_pace_factor=2.0)
    assert _flags(services).get(wild.id) == {"unrealistic"}


def test_a_kpi_that_never_moved_towards_the_target_is_unrealistic(
        services: Services) -> None:
    kpi = _kpi_with_history(services, [40, 39, 38, 37], start=dt.date(2026, 10, 4))
    rising = _linked_kr(services, kpi, 37, 45)
    assert _flags(services).get(rising.id) == {"unrealistic"}


def test_graded_objectives_are_not_judged(services: Services) -> None:
    kpi = _kpi_with_history(services, [30 + n for n in range(8)],
                            start=dt.date(2026, 8, 1))
    easy = _linked_kr(services, kpi, 31, 32, period="2026-Q4")
    assert _flags(services).get(easy.id) == {"not-ambitious"}
    services.grade_period("2026-Q4", objective_ref=easy.objective_id)
    assert easy.id not in _flags(services)
