"""OKR rules that look beyond one record: counts, links, periods.

Each check raises RuleViolation with the field and a sentence a person understands; the
same checks serve the CLI, the TUI forms and imports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.records.models import KPI, CheckIn, KeyResult, Objective
from okrtui.domain.records.periods import Period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules.limits import (
    KEY_RESULTS_PER_OBJECTIVE,
    KPIS_PER_OWNER,
    OBJECTIVES_PER_OWNER,
)


def check_objective(ws: Workspace, objective: Objective) -> None:
    """Refuse a 6th objective of one owner in one period, and broken parent links."""
    key = OBJECTIVES_PER_OWNER.group(dict(objective))
    if key is not None:
        limit = OBJECTIVES_PER_OWNER.most(ws.settings)
        same = OBJECTIVES_PER_OWNER.others(
            objective.id, key,
            map(dict, ws.objectives(period=objective.period, owner=objective.owner)))
        if same >= limit:
            raise RuleViolation(
                f"{objective.owner} already has {same} objectives in {objective.period}; "
                f"an owner has at most {limit} per period",
                field="owner",
            )
    _check_due_dates_fit(ws, objective)
    _check_alignment(ws, objective)


def _check_alignment(ws: Workspace, objective: Objective) -> None:
    """Refuse a parent that is no live objective, or that is the objective itself or
    below it.

    Only when the parent changes: an objective that a merge left in a cycle (each side
    aligned one below the other) or under a parent deleted meanwhile can still be edited,
    and un-aligned to end it.
    """
    stored = ws.raw("objectives", objective.id)
    if stored is not None and stored.get("parent_id") == objective.parent_id:
        return
    parent_id = objective.parent_id
    if parent_id is None:
        return
    raw = ws.raw("objectives", parent_id)
    if raw is None or raw.get("deleted_at"):
        raise RuleViolation(f"no objective with id {parent_id} to align to", field="parent")
    seen: set[str] = set()
    while isinstance(parent_id, str) and parent_id not in seen:
        if parent_id == objective.id:
            raise RuleViolation("an objective cannot be aligned to itself or below itself",
                                field="parent")
        seen.add(parent_id)
        raw = ws.raw("objectives", parent_id)
        parent_id = raw.get("parent_id") if raw is not None else None


def _check_due_dates_fit(ws: Workspace, objective: Objective) -> None:
    """Refuse moving an objective to a period that leaves a key result's due date outside.

    Only when the period changes: a title edit is not refused for what it did not touch.
    """
    stored = ws.raw("objectives", objective.id)
    if stored is None or stored.get("period") == objective.period:
        return
    period = Period.parse(objective.period)
    for kr in ws.key_results(objective.id):
        if kr.due is not None and not period.contains(kr.due):
            raise RuleViolation(
                f"key result '{kr.title}' is due {kr.due}, outside {period} "
                f"({period.start} to {period.end}); change its due date first",
                field="period",
            )


def check_room_for_key_result(ws: Workspace, objective_id: str,
                              kr_id: str | None = None) -> None:
    """Refuse a key result on a deleted objective, and a 6th one (the workspace's limit).

    Forms call this before a person has typed anything, so the rule shows at once.
    """
    objective = ws.objective(objective_id)
    if objective.deleted:
        raise RuleViolation("the objective of this key result was deleted", field="objective")
    others = KEY_RESULTS_PER_OBJECTIVE.others(kr_id or "", objective.id,
                                              map(dict, ws.key_results(objective.id)))
    limit = KEY_RESULTS_PER_OBJECTIVE.most(ws.settings)
    if others >= limit:
        raise RuleViolation(f"an objective has at most {limit} key results", field="objective")


def check_key_result(ws: Workspace, kr: KeyResult) -> None:
    """Refuse a 6th key result, a due date outside the period, and unknown links."""
    check_room_for_key_result(ws, kr.objective_id, kr.id)
    objective = ws.objective(kr.objective_id)
    period = Period.parse(objective.period)
    if kr.due is not None and not period.contains(kr.due):
        raise RuleViolation(
            f"the due date {kr.due} lies outside the objective's period {period} "
            f"({period.start} to {period.end})",
            field="due",
        )
    if kr.kpi_id is not None:
        raw = ws.raw("kpis", kr.kpi_id)
        if raw is None or raw.get("deleted_at"):
            raise RuleViolation(f"no KPI with id {kr.kpi_id} to link", field="kpi")


def check_kind_fields(kind: str, given: Mapping[str, Any]) -> None:
    """Refuse numbers a person gave that the key result's kind would drop.

    A milestone is done or not done: it starts at 0 and its target is 1, so
    `--kind milestone --target 5` is a contradiction to say, not a 5 to lose silently.
    `given` holds only the fields the person set (an edit's changes, an add's options).
    """
    if kind != "milestone":
        return
    for name, meaning in (("target", 1.0), ("start", 0.0)):
        value = given.get(name)
        if value is not None and value != meaning:
            raise RuleViolation(
                f"a milestone is done or not done and takes no {name} number (it was given "
                f"{value:g}); leave out the {name}, or make it a metric key result",
                field=name)


def check_checkin(kr: KeyResult, checkin: CheckIn) -> None:
    """Refuse a check-in on a deleted key result and a milestone value other than 0 or 1."""
    if kr.deleted:
        raise RuleViolation("this key result was deleted", field="kr")
    if kr.kind == "milestone" and checkin.value not in (0.0, 1.0):
        raise RuleViolation("a milestone is done (1) or not done (0)", field="value")


def check_kpi(ws: Workspace, kpi: KPI) -> None:
    """Refuse a 13th KPI for one owner."""
    key = KPIS_PER_OWNER.group(dict(kpi))
    if key is None:
        return
    limit = KPIS_PER_OWNER.most(ws.settings)
    same = KPIS_PER_OWNER.others(kpi.id, key, map(dict, ws.kpis(owner=kpi.owner)))
    if same >= limit:
        raise RuleViolation(
            f"{kpi.owner} already has {same} KPIs; an owner has at most {limit}",
            field="owner",
        )
