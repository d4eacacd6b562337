"""Use cases of key results: add, edit, delete, reorder, move to another objective."""

from __future__ import annotations

from typing import Any

from okrtui.domain.cycle import transitions
from okrtui.domain.records.models import KeyResult
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules import checks as rules
from okrtui.services.base import ServiceBase


class KeyResultUseCases(ServiceBase):
    """Use cases of key results: add, edit, delete, reorder, move to another objective."""

    # ---- key results ---------------------------------------------------------------

    def add_key_result(self, objective_ref: str, title: str, **fields: Any) -> KeyResult:
        """Add a key result at the end of an objective's list."""
        with self.store.transaction() as ws:
            kr = self.preview_key_result(ws, objective_ref, title, **fields)
            ws.insert("key_results", kr)
            return kr

    def preview_key_result(self, ws: Workspace, objective_ref: str, title: str, *,
                           kr_id: str | None = None, **fields: Any) -> KeyResult:
        """The key result that add (or edit, with `kr_id`) would save, checked on `ws`.

        Nothing is written: forms call this as a person types, so that "an objective has
        at most 5 key results" shows before saving. Raises what add / edit would raise.
        """
        if fields.get("kpi_id"):
            fields["kpi_id"] = ws.resolve(fields["kpi_id"], ("kpis",))[1]
        if kr_id is not None:
            rules.check_kind_fields(fields.get("kind") or ws.key_result(kr_id).kind, fields)
            kr = ws.key_result(kr_id).revise(self.user, self.clock(), title=title, **fields)
        else:
            _, oid = ws.resolve(objective_ref, ("objectives",))
            rules.check_room_for_key_result(ws, oid)  # before the fields: it is news at once
            rules.check_kind_fields(fields.get("kind") or "metric", fields)
            objective = ws.objective(oid)
            existing = ws.key_results(oid)
            position = max((k.position for k in existing), default=-1) + 1
            fields.setdefault("owner", objective.owner or self.user)
            kr = KeyResult.model_validate(
                {**self._created(), "objective_id": oid, "title": title,
                 "position": position, **fields}
            )
        rules.check_key_result(ws, kr)
        return kr

    def edit_key_result(self, ref: str, **changes: Any) -> KeyResult:
        """Change fields of a key result."""
        with self.store.transaction() as ws:
            _, kid = ws.resolve(ref, ("key_results",))
            if changes.get("kpi_id"):
                changes["kpi_id"] = ws.resolve(changes["kpi_id"], ("kpis",))[1]
            if changes.get("objective_id"):
                changes["objective_id"] = ws.resolve(changes["objective_id"], ("objectives",))[1]
            rules.check_kind_fields(changes.get("kind") or ws.key_result(kid).kind, changes)
            kr = ws.key_result(kid).revise(self.user, self.clock(), **changes)
            rules.check_key_result(ws, kr)
            ws.put("key_results", kr)
            return kr

    def delete_key_result(self, ref: str) -> KeyResult:
        """Delete a key result (a tombstone; its check-ins stay in history)."""
        with self.store.transaction() as ws:
            _, kid = ws.resolve(ref, ("key_results",))
            now = self.clock()
            kr = ws.key_result(kid).revise(self.user, now, deleted_at=now, deleted_by=self.user)
            ws.put("key_results", kr)
            return kr

    def move_key_result(self, ref: str, offset: int) -> KeyResult:
        """Move a key result up (negative) or down (positive) in its objective's list."""
        with self.store.transaction() as ws:
            _, kid = ws.resolve(ref, ("key_results",))
            kr = ws.key_result(kid)
            order = ws.key_results(kr.objective_id)
            index = next(i for i, k in enumerate(order) if k.id == kid)
            target = min(max(index + offset, 0), len(order) - 1)
            if target == index:
                return kr
            order.insert(target, order.pop(index))
            now = self.clock()
            moved = kr
            for position, item in enumerate(order):
                if item.position != position:
                    revised = item.revise(self.user, now, position=position)
                    ws.put("key_results", revised)
                    moved = revised if item.id == kid else moved
            return moved

    def move_key_result_to(self, kr_ref: str, objective_ref: str) -> KeyResult:
        """Move a key result, with its check-ins, to another objective of the same period
        (at the end of its list), within the key-result limit."""
        with self.store.transaction() as ws:
            moved = self.preview_move_key_result_to(ws, kr_ref, objective_ref)
            ws.put("key_results", moved)
            return moved

    def preview_move_key_result_to(self, ws: Workspace, kr_ref: str,
                                   objective_ref: str) -> KeyResult:
        """The key result as move_key_result_to would save it, checked on `ws`; nothing
        is written (a dialog shows the refusal as the objective is chosen)."""
        _, kid = ws.resolve(kr_ref, ("key_results",))
        _, oid = ws.resolve(objective_ref, ("objectives",))
        kr = ws.key_result(kid)
        transitions.check_move(ws, kr, ws.objective(oid))
        position = max((k.position for k in ws.key_results(oid)), default=-1) + 1
        moved = kr.revise(self.user, self.clock(), objective_id=oid, position=position)
        rules.check_key_result(ws, moved)
        return moved

