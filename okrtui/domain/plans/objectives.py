"""Objectives as plans: add one, edit one, delete one with its key results."""

from __future__ import annotations

from typing import Any

from okrtui.domain.plans.actor import Actor
from okrtui.domain.records.models import KeyResult, Objective, tombstone
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules import checks as rules


def _parent(ws: Workspace, fields: dict[str, Any]) -> None:
    """The objective a parent reference names; none for an empty one (`--parent ""`
    un-aligns, which also ends a cycle that a merge made)."""
    if "parent_id" in fields:
        ref = fields["parent_id"]
        fields["parent_id"] = None if ref is None or not str(ref).strip() else \
            ws.resolve(ref, ("objectives",))[1]


def plan_add_objective(ws: Workspace, actor: Actor, title: str, period: str, *,
                       owner: str | None = None, **fields: Any) -> Objective:
    """A new objective (its owner defaults to the person adding it), checked against the
    rules: five per owner and period, alignment without a cycle."""
    _parent(ws, fields)
    objective = Objective.model_validate(
        {**actor.created(), "title": title, "period": period,
         "owner": actor.user if owner is None else owner, **fields})
    rules.check_objective(ws, objective)
    return objective


def plan_edit_objective(ws: Workspace, actor: Actor, ref: str, **changes: Any) -> Objective:
    """An objective with `changes`, checked (a move to another period keeps its key
    results' due dates inside it). Changing nothing gives the objective back as it was."""
    _, oid = ws.resolve(ref, ("objectives",))
    _parent(ws, changes)
    objective = ws.objective(oid).revise(actor.user, actor.at, **changes)
    rules.check_objective(ws, objective)
    return objective


def plan_delete_objective(ws: Workspace, actor: Actor,
                          ref: str) -> tuple[Objective, list[KeyResult]]:
    """The tombstones of an objective and of its key results, so merges see the delete."""
    _, oid = ws.resolve(ref, ("objectives",))
    krs = [tombstone(kr, actor.user, actor.at) for kr in ws.key_results(oid)]
    return tombstone(ws.objective(oid), actor.user, actor.at), krs
