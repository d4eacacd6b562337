"""Use cases of objectives: add, edit, delete (each plan in okrtui/domain/plans/objectives.py,
applied in one transaction)."""

from __future__ import annotations

from typing import Any

from okrtui.domain.plans import objectives as plans
from okrtui.domain.records.models import Objective
from okrtui.services.base import ServiceBase


class ObjectiveUseCases(ServiceBase):
    """Use cases of objectives: add, edit, delete."""

    def add_objective(self, title: str, period: str, *, owner: str | None = None,
                      **fields: Any) -> Objective:
        """Create an objective (owner defaults to the user)."""
        with self.store.transaction() as ws:
            objective = plans.plan_add_objective(ws, self.actor(), title, period,
                                                 owner=owner, **fields)
            ws.insert("objectives", objective)
            return objective

    def edit_objective(self, ref: str, **changes: Any) -> Objective:
        """Change fields of an objective."""
        with self.store.transaction() as ws:
            objective = plans.plan_edit_objective(ws, self.actor(), ref, **changes)
            ws.put("objectives", objective)
            return objective

    def delete_objective(self, ref: str) -> Objective:
        """Delete an objective and its key results (tombstones, so merges see the delete)."""
        with self.store.transaction() as ws:
            objective, krs = plans.plan_delete_objective(ws, self.actor(), ref)
            for kr in krs:
                ws.put("key_results", kr)
            ws.put("objectives", objective)
            return objective
