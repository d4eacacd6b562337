"""KPIs as plans: add one, edit one, delete one, record a value, promote one to a key
result."""

from __future__ import annotations

import datetime as dt
from typing import Any

from okrtui.domain.cycle import transitions
from okrtui.domain.plans.actor import Actor
from okrtui.domain.plans.key_results import plan_add_key_result
from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.records.models import KPI, KeyResult, Measurement, tombstone
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules import checks as rules
from okrtui.domain.rules.dates import check_not_future
from okrtui.domain.scoring.kpi import kpi_view


def plan_add_kpi(ws: Workspace, actor: Actor, name: str, *, owner: str | None = None,
                 **fields: Any) -> KPI:
    """A new KPI (its owner defaults to the person adding it), within the per-owner limit."""
    kpi = KPI.model_validate({**actor.created(), "name": name,
                              "owner": actor.user if owner is None else owner, **fields})
    rules.check_kpi(ws, kpi)
    return kpi


def plan_edit_kpi(ws: Workspace, actor: Actor, ref: str, **changes: Any) -> KPI:
    """A KPI with `changes`, within the per-owner limit."""
    _, kid = ws.resolve(ref, ("kpis",))
    kpi = ws.kpi(kid).revise(actor.user, actor.at, **changes)
    rules.check_kpi(ws, kpi)
    return kpi


def plan_delete_kpi(ws: Workspace, actor: Actor, ref: str) -> KPI:
    """The tombstone of a KPI (key results linked to it keep their history)."""
    _, kid = ws.resolve(ref, ("kpis",))
    return tombstone(ws.kpi(kid), actor.user, actor.at)


def plan_record_kpi(ws: Workspace, actor: Actor, ref: str, value: float,
                    on: dt.date | None = None, *, note: str = "") -> Measurement:
    """A KPI's value on a day (today by default) that has come, with an optional note
    (where it came from, or why it moved)."""
    _, kid = ws.resolve(ref, ("kpis",))
    if ws.kpi(kid).deleted:
        raise RuleViolation("this KPI was deleted", field="kpi")
    day = on or actor.today
    check_not_future(day, actor.now, what="a KPI value")
    return Measurement.model_validate(
        {"id": actor.new_id(), **actor.stamp(), "kpi_id": kid, "value": value, "date": day,
         "note": note, "author": actor.user, "at": actor.at})


def plan_promote_kpi(ws: Workspace, actor: Actor, kpi_ref: str, objective_ref: str,
                     target: float, *, title: str | None = None, **fields: Any) -> KeyResult:
    """A key result made of a KPI that needs improvement: linked to it, starting at its
    latest value and moving towards `target`, which must be better in its direction."""
    _, kid = ws.resolve(kpi_ref, ("kpis",))
    kpi = ws.kpi(kid)
    start = transitions.check_promotion(kpi, kpi_view(ws, kpi, actor.today, 1).last, target)
    fields.setdefault("unit", kpi.unit)
    return plan_add_key_result(
        ws, actor, objective_ref, title or f"{kpi.name}: from {start:g} to {target:g}",
        kind="metric", start=start, target=target, kpi_id=kid, **fields)
