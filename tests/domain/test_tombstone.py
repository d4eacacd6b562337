"""A delete leaves a tombstone, made by one function: who deleted the record and when, one
revision later, the rest of the record as it was (a merge tells "deleted" from "never
seen" by it). Every delete plan of okrtui/domain/plans leaves it."""

from __future__ import annotations

import datetime as dt
import itertools

from okrtui.domain.plans import checkins, initiatives, key_results, kpis, objectives
from okrtui.domain.plans.actor import Actor
from okrtui.domain.records.models import Objective, Record, tombstone
from okrtui.services import Services
from tests.support.builders import objective_with_krs

AT = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)


def test_a_tombstone_says_who_deleted_the_record_and_when() -> None:
    then = AT - dt.timedelta(days=1)
    objective = Objective(id="0000aaaa-test", created_at=then, updated_at=then,
                          updated_by="alice", title="Win", period="2026-Q4")
    gone = tombstone(objective, "bob", AT)
    assert (gone.deleted, gone.deleted_by, gone.deleted_at) == (True, "bob", AT)
    assert (gone.rev, gone.updated_by, gone.updated_at) == (objective.rev + 1, "bob", AT)
    fields = {"deleted_at", "deleted_by", "rev", "updated_at", "updated_by"}
    assert gone.model_dump(exclude=fields) == objective.model_dump(exclude=fields)
    assert not objective.deleted  # records are frozen: the one read stays as it was


def test_every_delete_plan_leaves_the_tombstone_of_its_actor(services: Services) -> None:
    objective, (kr, *_) = objective_with_krs(services, "Win")
    kpi = services.add_kpi("Uptime", unit="%", green=99.9, red=99.0)
    checkin = services.check_in(kr.id, 4)
    initiative = services.add_initiative(kr.id, "Run the webinars")
    ws = services.workspace()
    counter = itertools.count(1)
    actor = Actor("bob", AT, lambda: f"0000bbbb-{next(counter):08d}")
    gone_objective, gone_krs = objectives.plan_delete_objective(ws, actor, objective.id)
    made: list[Record] = [
        gone_objective, *gone_krs,
        key_results.plan_delete_key_result(ws, actor, kr.id),
        kpis.plan_delete_kpi(ws, actor, kpi.id),
        checkins.plan_remove_check_in(ws, actor, checkin.id).checkin,
        initiatives.plan_remove_initiative(ws, actor, initiative.id),
    ]
    assert {type(r).__name__ for r in made} == {"Objective", "KeyResult", "KPI", "CheckIn",
                                                "Initiative"}
    for record in made:
        assert (record.deleted_by, record.deleted_at, record.updated_by) == ("bob", AT, "bob")
