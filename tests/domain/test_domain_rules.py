"""The rules okrtui keeps, tested in the domain: the models, okrtui.domain.rules.checks and lint,
and Services on a temp workspace where a rule needs the workspace.

Each refusal is checked for the sentence a person reads (okrtui.domain.errors.describe
for pydantic errors) and, through Services, for the file staying byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.records.models import KPI, KeyResult, Settings
from okrtui.domain.rules import checks as rules
from okrtui.domain.rules.lint import lint
from okrtui.services import Services
from tests.support.clock import TODAY
from tests.support.refusals import (
    findings,
    kr_fields,
    objective_with,
    refusal,
    refused,
    stamps,
)

# ---- key results per objective ---------------------------------------------------------


def test_a_sixth_key_result_is_refused(services: Services, db_path: Path) -> None:
    objective = objective_with(services, 5)
    message = refused(db_path, lambda: services.add_key_result(
        objective.id, "Sign 99 partners", target=99, unit="partners"))
    assert message == "objective: an objective has at most 5 key results"
    # A deleted key result makes room again.
    first = services.workspace().key_results(objective.id)[0]
    services.delete_key_result(first.id)
    services.add_key_result(objective.id, "Sign 99 partners", target=99, unit="partners")
    assert len(services.workspace().key_results(objective.id)) == 5


def test_the_form_learns_of_the_limit_before_anything_is_typed(services: Services) -> None:
    objective = objective_with(services, 5)
    with pytest.raises(RuleViolation, match="at most 5 key results") as info:
        rules.check_room_for_key_result(services.workspace(), objective.id)
    assert info.value.field == "objective"
    # Editing one of the five is not adding a sixth.
    kr = services.workspace().key_results(objective.id)[0]
    rules.check_room_for_key_result(services.workspace(), objective.id, kr.id)


def test_fewer_than_three_key_results_is_flagged(services: Services) -> None:
    two = objective_with(services, 2, title="Two KRs")
    three = objective_with(services, 3, title="Three KRs")
    flagged = [f for f in lint(services.workspace(), TODAY) if f.rule == "kr-count"]
    assert [f.id for f in flagged] == [two.id]
    assert flagged[0].message == "objective 'Two KRs' has 2 key results; aim for 3 to 5"
    assert three.id not in {f.id for f in flagged}


# ---- objectives per owner per period ---------------------------------------------------


def test_a_sixth_objective_per_owner_and_period_is_refused(services: Services,
                                                           db_path: Path) -> None:
    for n in range(5):
        services.add_objective(f"Objective {n}", "2026-Q4")
    message = refused(db_path, lambda: services.add_objective("One too many", "2026-Q4"))
    assert message == ("owner: alice already has 5 objectives in 2026-Q4; "
                       "an owner has at most 5 per period")
    # Another owner, another period, or a draft is fine.
    services.add_objective("Bob's", "2026-Q4", owner="bob")
    services.add_objective("Next year", "2027-Q1")
    services.add_objective("Same quarter, other spelling", "2026-10-01..2026-12-31")
    services.add_objective("Maybe later", "2026-Q4", status="draft")
    assert len(services.workspace().objectives(period="2026-Q4", owner="alice")) == 6


def test_handing_an_objective_to_a_full_owner_is_refused(services: Services,
                                                        db_path: Path) -> None:
    for n in range(5):
        services.add_objective(f"Objective {n}", "2026-Q4", owner="bob")
    mine = services.add_objective("Mine", "2026-Q4")
    draft = services.add_objective("A draft", "2026-Q4", owner="bob", status="draft")
    message = refused(db_path, lambda: services.edit_objective(mine.id, owner="bob"))
    assert message.startswith("owner: bob already has 5 objectives in 2026-Q4")
    assert "at most 5" in refused(db_path, lambda: services.edit_objective(
        draft.id, status="active"))
    # Editing one of bob's five is not a sixth.
    first = services.workspace().objectives(owner="bob")[0]
    services.edit_objective(first.id, title="Renamed")


# ---- KPIs per owner --------------------------------------------------------------------


def test_a_thirteenth_kpi_per_owner_is_refused(services: Services, db_path: Path) -> None:
    for n in range(12):
        services.add_kpi(f"KPI {n:02}", green=10, red=5)
    message = refused(db_path, lambda: services.add_kpi("KPI 13", green=10, red=5))
    assert message == "owner: alice already has 12 KPIs; an owner has at most 12"
    services.add_kpi("Bob's", owner="bob", green=10, red=5)
    bobs = services.workspace().kpis(owner="bob")[0]
    assert "at most 12" in refused(db_path, lambda: services.edit_kpi(bobs.id, owner="alice"))
    # Editing one of the twelve is fine.
    services.edit_kpi(services.workspace().kpis(owner="alice")[0].id, unit="%")


def test_more_than_eight_kpis_is_flagged(services: Services) -> None:
    for n in range(8):
        services.add_kpi(f"KPI {n}", green=10, red=5)
    assert findings(services, "kpi-count") == []
    services.add_kpi("KPI 9", green=10, red=5)
    assert findings(services, "kpi-count") == ["alice has 9 KPIs; more than 8 is hard to watch"]


# ---- the numbers come from the workspace's settings ------------------------------------


def test_the_limits_move_with_the_settings(services: Services, db_path: Path) -> None:
    services.update_settings(max_key_results=3, min_key_results=2,
                             max_objectives_per_owner=2, max_kpis_per_owner=2,
                             kpi_flag_over=1)
    objective = objective_with(services, 3)
    assert refused(db_path, lambda: services.add_key_result(
        objective.id, "Sign 4 partners", target=4, unit="x")) == (
        "objective: an objective has at most 3 key results")
    services.add_objective("Second", "2026-Q4")
    assert "at most 2 per period" in refused(
        db_path, lambda: services.add_objective("Third", "2026-Q4"))
    services.add_kpi("Uptime", green=99, red=95)
    assert findings(services, "kpi-count") == []
    services.add_kpi("Churn", direction="lower", green=2, red=5)
    assert findings(services, "kpi-count") == ["alice has 2 KPIs; more than 1 is hard to watch"]
    assert refused(db_path, lambda: services.add_kpi("Leads")) == (
        "owner: alice already has 2 KPIs; an owner has at most 2")
    two = services.add_objective("Two KRs", "2026-Q4", owner="bob")
    for n in range(2):
        services.add_key_result(two.id, f"Sign {n + 5} partners", target=n + 5, unit="x")
    assert two.id not in {f.id for f in lint(services.workspace(), TODAY)
                          if f.rule == "kr-count"}
    # Raising the limit again makes room.
    services.update_settings(max_key_results=4)
    services.add_key_result(objective.id, "Sign 4 partners", target=4, unit="x")


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"max_key_results": 0}, "max_key_results: must be at least 1"),
     ({"max_objectives_per_owner": 51}, "max_objectives_per_owner: must be at most 50"),
     ({"max_kpis_per_owner": "many"}, "max_kpis_per_owner: must be a number")],
)
def test_settings_are_validated(services: Services, db_path: Path,
                                changes: dict[str, Any], message: str) -> None:
    services.add_objective("Something on disk", "2026-Q4")
    assert refused(db_path, lambda: services.update_settings(**changes)) == message
    assert Settings().max_key_results == 5


# ---- key results: ambition, milestones, due dates --------------------------------------


@pytest.mark.parametrize(("start", "target"), [(0, 0), (40, 40.0), (0.0, -0.0), (-0.0, 0)])
def test_a_metric_target_must_differ_from_its_start(start: float, target: float) -> None:
    message = refusal(KeyResult, **kr_fields(start=start, target=target))
    assert message == "target: the target must differ from the start"


def test_keep_above_and_below_may_start_at_their_target() -> None:
    for kind in ("above", "below"):
        kr = KeyResult.model_validate(stamps(**kr_fields(kind=kind, start=95, target=95)))
        assert (kr.start, kr.target) == (95, 95)
    message = refusal(KeyResult, **kr_fields(kind="above", target=None))
    assert message == "target: a key result of this kind needs a target number"


def test_metric_target_refusal_through_services(services: Services, db_path: Path) -> None:
    objective = objective_with(services, 1)
    assert refused(db_path, lambda: services.add_key_result(
        objective.id, "Stay at 40 min", start=40, target=40)) == (
        "target: the target must differ from the start")
    kr = services.workspace().key_results(objective.id)[0]
    assert refused(db_path, lambda: services.edit_key_result(kr.id, target=0)) == (
        "target: the target must differ from the start")


def test_a_milestone_is_normalised_to_zero_and_one(services: Services, db_path: Path) -> None:
    kr = KeyResult.model_validate(stamps(**kr_fields(kind="milestone", start=5, target=7)))
    assert (kr.start, kr.target) == (0.0, 1.0)
    objective = objective_with(services, 0)
    # A person who gives a milestone numbers is told so, not silently overruled.
    assert refused(db_path, lambda: services.add_key_result(
        objective.id, "Launch the MVP", kind="milestone", start=3, target=12)).startswith(
        "target: a milestone is done or not done and takes no target number")
    stored = services.add_key_result(objective.id, "Launch the MVP", kind="milestone")
    assert (stored.start, stored.target) == (0.0, 1.0)
    raw = json.loads(db_path.read_text())["key_results"][stored.id]
    assert (raw["start"], raw["target"]) == (0.0, 1.0)
    assert refused(db_path, lambda: services.check_in(stored.id, 0.5)) == (
        "value: a milestone is done (1) or not done (0)")
    services.check_in(stored.id, 1.0)


def test_every_due_date_lies_inside_the_period(services: Services, db_path: Path) -> None:
    objective = objective_with(services, 0)
    for day in (dt.date(2026, 10, 1), dt.date(2026, 12, 31)):  # both ends are inside
        services.add_key_result(objective.id, f"Due {day}", target=1, unit="x", due=day)
    assert refused(db_path, lambda: services.add_key_result(
        objective.id, "Too late", target=1, unit="x", due=dt.date(2027, 1, 1))) == (
        "due: the due date 2027-01-01 lies outside the objective's period 2026-Q4 "
        "(2026-10-01 to 2026-12-31)")
    kr = services.workspace().key_results(objective.id)[0]
    assert refused(db_path, lambda: services.edit_key_result(
        kr.id, due=dt.date(2026, 9, 30))).startswith("due: the due date 2026-09-30 lies outside")


def test_moving_an_objective_keeps_due_dates_inside(services: Services, db_path: Path) -> None:
    # Changing the period must not strand a key result's due date outside it.
    objective = objective_with(services, 0)
    services.add_key_result(objective.id, "Sign 5 partners", target=5, unit="x",
                            due=dt.date(2026, 11, 30))
    assert refused(db_path, lambda: services.edit_objective(objective.id, period="2027-Q1")) == (
        "period: key result 'Sign 5 partners' is due 2026-11-30, outside 2027-Q1 "
        "(2027-01-01 to 2027-03-31); change its due date first")
    # A period that still holds the due date is fine, and so is a key result without one.
    services.edit_objective(objective.id, period="2026-H2")
    services.add_key_result(objective.id, "Sign 6 partners", target=6, unit="x")
    services.edit_objective(objective.id, period="2026")


# ---- KPI bands -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "green", "red", "message"),
    [("higher", 95, 99, "green: when higher is better, green must be above red"),
     ("higher", 95, 95, "green: when higher is better, green must be above red"),
     ("lower", 45, 30, "green: when lower is better, green must be below red"),
     ("lower", 30, 30, "green: when lower is better, green must be below red")],
)
def test_a_kpi_band_must_agree_with_its_direction(services: Services, db_path: Path,
                                                  direction: str, green: float, red: float,
                                                  message: str) -> None:
    assert refusal(KPI, name="Uptime", direction=direction, green=green, red=red) == message
    services.add_kpi("Something on disk")
    assert refused(db_path, lambda: services.add_kpi(
        "Uptime", direction=direction, green=green, red=red)) == message


def test_turning_a_kpi_around_without_its_band_is_refused(services: Services,
                                                          db_path: Path) -> None:
    kpi = services.add_kpi("Response time", green=30, red=45, direction="lower")
    assert refused(db_path, lambda: services.edit_kpi(kpi.id, direction="higher")) == (
        "green: when higher is better, green must be above red")
    services.edit_kpi(kpi.id, direction="higher", green=45, red=30)
    # Half a band is allowed (no colour until both are set).
    services.add_kpi("Leads", green=10)
