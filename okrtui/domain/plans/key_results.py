"""Key results as plans: add one, edit one, delete one, reorder, move to another objective."""

from __future__ import annotations

from typing import Any

from okrtui.domain.cycle import transitions
from okrtui.domain.plans.actor import Actor
from okrtui.domain.records.models import KeyResult, tombstone
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules import checks as rules


def _links(ws: Workspace, fields: dict[str, Any]) -> None:
    """Ids given as prefixes, resolved to the records they name."""
    if fields.get("kpi_id"):
        fields["kpi_id"] = ws.resolve(fields["kpi_id"], ("kpis",))[1]
    if fields.get("objective_id"):
        fields["objective_id"] = ws.resolve(fields["objective_id"], ("objectives",))[1]


def plan_add_key_result(ws: Workspace, actor: Actor, objective_ref: str, title: str,
                        **fields: Any) -> KeyResult:
    """A new key result at the end of an objective's list (its owner defaults to the
    objective's, else the person adding it), checked: at most five per objective (said
    before anything else, so a form shows it at once), a due date inside the period."""
    _links(ws, fields)
    _, oid = ws.resolve(objective_ref, ("objectives",))
    rules.check_room_for_key_result(ws, oid)
    rules.check_kind_fields(fields.get("kind") or "metric", fields)
    objective = ws.objective(oid)
    position = max((k.position for k in ws.key_results(oid)), default=-1) + 1
    fields.setdefault("owner", objective.owner or actor.user)
    kr = KeyResult.model_validate({**actor.created(), "objective_id": oid, "title": title,
                                   "position": position, **fields})
    rules.check_key_result(ws, kr)
    return kr


def plan_edit_key_result(ws: Workspace, actor: Actor, ref: str, **changes: Any) -> KeyResult:
    """A key result with `changes`, checked as a new one is."""
    _, kid = ws.resolve(ref, ("key_results",))
    _links(ws, changes)
    old = ws.key_result(kid)
    rules.check_kind_fields(changes.get("kind") or old.kind, changes)
    kr = old.revise(actor.user, actor.at, **changes)
    rules.check_key_result(ws, kr)
    return kr


def plan_delete_key_result(ws: Workspace, actor: Actor, ref: str) -> KeyResult:
    """The tombstone of a key result (its check-ins stay in history)."""
    _, kid = ws.resolve(ref, ("key_results",))
    return tombstone(ws.key_result(kid), actor.user, actor.at)


def plan_reorder_key_result(ws: Workspace, actor: Actor, ref: str,
                            offset: int) -> tuple[KeyResult, list[KeyResult]]:
    """Move a key result up (negative) or down (positive) in its objective's list: the
    key result as it ends, and every record whose position changes."""
    _, kid = ws.resolve(ref, ("key_results",))
    kr = ws.key_result(kid)
    order = ws.key_results(kr.objective_id)
    index = next(i for i, k in enumerate(order) if k.id == kid)
    target = min(max(index + offset, 0), len(order) - 1)
    if target == index:
        return kr, []
    order.insert(target, order.pop(index))
    changed = [item.revise(actor.user, actor.at, position=position)
               for position, item in enumerate(order) if item.position != position]
    moved = next((k for k in changed if k.id == kid), kr)
    return moved, changed


def plan_move_key_result_to(ws: Workspace, actor: Actor, kr_ref: str,
                            objective_ref: str) -> KeyResult:
    """A key result moved, with its check-ins, to the end of another objective of the
    same period, within the key-result limit (never in or out of a graded objective)."""
    _, kid = ws.resolve(kr_ref, ("key_results",))
    _, oid = ws.resolve(objective_ref, ("objectives",))
    kr = ws.key_result(kid)
    transitions.check_move(ws, kr, ws.objective(oid))
    position = max((k.position for k in ws.key_results(oid)), default=-1) + 1
    moved = kr.revise(actor.user, actor.at, objective_id=oid, position=position)
    rules.check_key_result(ws, moved)
    return moved
