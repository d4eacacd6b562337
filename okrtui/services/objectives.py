"""Use cases of objectives: add, edit, delete."""

from __future__ import annotations

from typing import Any

from okrtui.domain.records.models import Objective
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules import checks as rules
from okrtui.services.base import ServiceBase


class ObjectiveUseCases(ServiceBase):
    """Use cases of objectives: add, edit, delete."""

    # ---- objectives ----------------------------------------------------------------

    def add_objective(self, title: str, period: str, *, owner: str | None = None,
                      **fields: Any) -> Objective:
        """Create an objective (owner defaults to the user)."""
        with self.store.transaction() as ws:
            objective = self.preview_objective(ws, title, period, owner=owner, **fields)
            ws.insert("objectives", objective)
            return objective

    def preview_objective(self, ws: Workspace, title: str, period: str, *,
                          objective_id: str | None = None, owner: str | None = None,
                          **fields: Any) -> Objective:
        """The objective that add (or edit, with `objective_id`) would save, checked on `ws`.

        Nothing is written: forms call this as a person types, to show the broken rule
        under its field. Raises what add_objective / edit_objective would raise.
        """
        if "parent_id" in fields:
            fields["parent_id"] = _parent(ws, fields["parent_id"])
        if objective_id is None:
            objective = Objective.model_validate(
                {**self._created(), "title": title, "period": period,
                 "owner": self.user if owner is None else owner, **fields}
            )
        else:
            if owner is not None:
                fields["owner"] = owner
            objective = ws.objective(objective_id).revise(
                self.user, self.clock(), title=title, period=period, **fields)
        rules.check_objective(ws, objective)
        return objective

    def edit_objective(self, ref: str, **changes: Any) -> Objective:
        """Change fields of an objective."""
        with self.store.transaction() as ws:
            _, oid = ws.resolve(ref, ("objectives",))
            if "parent_id" in changes:
                changes["parent_id"] = _parent(ws, changes["parent_id"])
            objective = ws.objective(oid).revise(self.user, self.clock(), **changes)
            rules.check_objective(ws, objective)
            ws.put("objectives", objective)
            return objective

    def delete_objective(self, ref: str) -> Objective:
        """Delete an objective and its key results (tombstones, so merges see the delete)."""
        with self.store.transaction() as ws:
            _, oid = ws.resolve(ref, ("objectives",))
            now = self.clock()
            for kr in ws.key_results(oid):
                ws.put("key_results", kr.revise(self.user, now, deleted_at=now,
                                                deleted_by=self.user))
            objective = ws.objective(oid).revise(self.user, now, deleted_at=now,
                                                 deleted_by=self.user)
            ws.put("objectives", objective)
            return objective


def _parent(ws: Workspace, ref: str | None) -> str | None:
    """The objective a parent reference names; none for an empty one (`--parent ""`
    un-aligns, which also ends a cycle that a merge made)."""
    if ref is None or not ref.strip():
        return None
    return ws.resolve(ref, ("objectives",))[1]
