"""Use cases of key results: add, edit, delete, reorder, move to another objective (each
plan in okrtui/domain/plans/key_results.py, applied in one transaction)."""

from __future__ import annotations

from typing import Any

from okrtui.domain.plans import key_results as plans
from okrtui.domain.records.models import KeyResult
from okrtui.services.base import ServiceBase


class KeyResultUseCases(ServiceBase):
    """Use cases of key results: add, edit, delete, reorder, move to another objective."""

    def add_key_result(self, objective_ref: str, title: str, **fields: Any) -> KeyResult:
        """Add a key result at the end of an objective's list."""
        with self.store.transaction() as ws:
            kr = plans.plan_add_key_result(ws, self.actor(), objective_ref, title, **fields)
            ws.insert("key_results", kr)
            return kr

    def edit_key_result(self, ref: str, **changes: Any) -> KeyResult:
        """Change fields of a key result."""
        with self.store.transaction() as ws:
            kr = plans.plan_edit_key_result(ws, self.actor(), ref, **changes)
            ws.put("key_results", kr)
            return kr

    def delete_key_result(self, ref: str) -> KeyResult:
        """Delete a key result (a tombstone; its check-ins stay in history)."""
        with self.store.transaction() as ws:
            kr = plans.plan_delete_key_result(ws, self.actor(), ref)
            ws.put("key_results", kr)
            return kr

    def move_key_result(self, ref: str, offset: int) -> KeyResult:
        """Move a key result up (negative) or down (positive) in its objective's list."""
        with self.store.transaction() as ws:
            moved, changed = plans.plan_reorder_key_result(ws, self.actor(), ref, offset)
            for kr in changed:
                ws.put("key_results", kr)
            return moved

    def move_key_result_to(self, kr_ref: str, objective_ref: str) -> KeyResult:
        """Move a key result, with its check-ins, to another objective of the same period
        (at the end of its list), within the key-result limit."""
        with self.store.transaction() as ws:
            moved = plans.plan_move_key_result_to(ws, self.actor(), kr_ref, objective_ref)
            ws.put("key_results", moved)
            return moved
