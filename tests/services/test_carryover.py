"""Carrying unfinished objectives over as drafts, and moving key results between objectives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrtui.domain.records.errors import OkrError, RuleViolation
from okrtui.domain.records.periods import next_period
from okrtui.services import Services
from tests.support.builders import check_in_on, objective_with_krs, sha
from tests.support.clock import FixedClock


def test_unfinished_key_results_go_along_starting_where_they_ended(
        services: Services, clock: FixedClock) -> None:
    kpi = services.add_kpi("Average response time", unit="min", direction="lower")
    objective, krs = objective_with_krs(services, "Serve faster", ((0, 10), (40, 28), (0, 5)),
                                        committed=True, team="Support")
    services.edit_key_result(krs[1].id, kpi_id=kpi.id, due=dt.date(2026, 12, 15))
    check_in_on(services, clock, krs[0].id, 10, dt.date(2026, 11, 1))   # reached
    check_in_on(services, clock, krs[1].id, 36, dt.date(2026, 11, 1))
    check_in_on(services, clock, krs[1].id, 33, dt.date(2026, 11, 15))  # ended at 33
    [carried] = services.carry_over("2026-Q4")
    ws = services.workspace()
    copy = ws.objective(carried.objective.id)
    assert copy.period == "2027-Q1" and copy.status == "draft"
    assert copy.carried_from == objective.id and copy.grade is None
    assert (copy.title, copy.committed, copy.team) == ("Serve faster", True, "Support")
    new_krs = ws.key_results(copy.id)
    assert [k.carried_from for k in new_krs] == [krs[1].id, krs[2].id]
    assert [(k.start, k.target) for k in new_krs] == [(33.0, 28.0), (0.0, 5.0)]
    assert new_krs[0].kpi_id == kpi.id and new_krs[0].due is None
    assert [k.position for k in new_krs] == [0, 1]
    assert all(ws.checkins(k.id) == [] for k in new_krs)
    assert [k.id for k in carried.left_behind] == [krs[0].id]
    # The original is untouched: still active, with its check-ins.
    assert ws.objective(objective.id).status == "active"
    assert len(ws.checkins(krs[1].id)) == 2


def test_finished_drafts_and_carried_objectives_stay(services: Services,
                                                      clock: FixedClock) -> None:
    done, done_krs = objective_with_krs(services, "Done", ((0, 1),))
    check_in_on(services, clock, done_krs[0].id, 1, dt.date(2026, 11, 1))
    objective_with_krs(services, "Draft", status="draft")
    open_one, _ = objective_with_krs(services, "Open")
    assert [c.original.id for c in services.carry_over("2026-Q4")] == [open_one.id]
    with pytest.raises(RuleViolation, match="no unfinished objective left"):
        services.carry_over("2026-Q4")
    with pytest.raises(RuleViolation, match="carried over already, to 2027-Q1"):
        services.carry_over("2026-Q4", objective_ref=open_one.id)
    with pytest.raises(RuleViolation, match="is finished"):
        services.carry_over("2026-Q4", objective_ref=done.id)


def test_a_graded_key_result_at_1_0_counts_as_finished(services: Services) -> None:
    _, krs = objective_with_krs(services, "Grow", ((0, 10), (0, 10)))
    services.grade_period("2026-Q4", adjustments={krs[0].id: (1.0, "delivered differently")})
    [carried] = services.carry_over("2026-Q4")
    assert [k.carried_from for k in carried.key_results] == [krs[1].id]


def test_alignment_follows_the_parent_copy(services: Services) -> None:
    parent, _ = objective_with_krs(services, "Company goal", level="company")
    child, _ = objective_with_krs(services, "Team goal", parent_id=parent.id)
    results = {c.original.id: c.objective for c in services.carry_over("2026-Q4")}
    assert results[child.id].parent_id == results[parent.id].id


def test_links_to_deleted_records_are_dropped(services: Services) -> None:
    parent, _ = objective_with_krs(services, "Company goal", level="company")
    child, _ = objective_with_krs(services, "Team goal", parent_id=parent.id)
    services.delete_objective(parent.id)  # the child stays aligned to a tombstone
    kpi = services.add_kpi("Leads")
    services.add_key_result(child.id, "Leads to 60", start=40, target=60, unit="leads",
                            kpi_id=kpi.id)
    services.delete_kpi(kpi.id)  # the key result stays linked to a tombstone too
    [carried] = services.carry_over("2026-Q4")
    assert carried.original.id == child.id and carried.objective.parent_id is None
    assert [k.kpi_id for k in carried.key_results] == [None] * 4


def test_to_another_period_and_refusals(services: Services, db_path: Path) -> None:
    objective, _ = objective_with_krs(services, "Grow")
    before = sha(db_path)
    with pytest.raises(RuleViolation, match="goes forward"):
        services.carry_over("2026-Q4", to="2026-Q3")
    with pytest.raises(RuleViolation, match="is in 2026-Q4, not 2026-Q3"):
        services.carry_over("2026-Q3", objective_ref=objective.id)
    with pytest.raises(OkrError, match="is not a period"):
        services.carry_over("2026-Q4", to="2026-Q9")
    assert sha(db_path) == before
    preview = services.carry_over("2026-Q4", to="2027-H1", dry_run=True)
    assert preview[0].objective.period == "2027-H1" and sha(db_path) == before
    [carried] = services.carry_over("2026-Q4", to="2027-H1")
    assert services.workspace().objective(carried.objective.id).period == "2027-H1"


def test_next_period_of_each_kind() -> None:
    assert next_period("2026-Q4") == "2027-Q1"
    assert next_period("2026-H1") == "2026-H2"
    assert next_period("2026") == "2027"
    assert next_period("2026-10-01..2026-10-14") == "2026-10-15..2026-10-28"


# ---- moving a key result to another objective --------------------------------------------


def test_move_keeps_check_ins_and_goes_to_the_end(services: Services,
                                                  clock: FixedClock) -> None:
    source, krs = objective_with_krs(services, "Source")
    target, target_krs = objective_with_krs(services, "Target", ((0, 5),))
    check_in_on(services, clock, krs[0].id, 4, dt.date(2026, 11, 10))
    moved = services.move_key_result_to(krs[0].id[:6], target.id[:6])
    ws = services.workspace()
    assert moved.objective_id == target.id
    assert [k.id for k in ws.key_results(target.id)] == [target_krs[0].id, krs[0].id]
    assert [k.id for k in ws.key_results(source.id)] == [krs[1].id, krs[2].id]
    assert [c.value for c in ws.checkins(krs[0].id)] == [4.0]


def test_move_refusals_change_nothing(services: Services, db_path: Path) -> None:
    source, krs = objective_with_krs(services, "Source")
    full, _ = objective_with_krs(services, "Full", ((0, 1),) * 5)
    later, _ = objective_with_krs(services, "Later", period="2027-Q1")
    graded, _ = objective_with_krs(services, "Graded")
    services.grade_period("2026-Q4", objective_ref=graded.id)
    before = sha(db_path)
    for target, message in ((full.id, "at most 5 key results"),
                            (later.id, "belongs to 2026-Q4 and cannot move"),
                            (graded.id, "is graded"),
                            (source.id, "in that objective already")):
        with pytest.raises(RuleViolation, match=message):
            services.move_key_result_to(krs[0].id, target)
    assert sha(db_path) == before
