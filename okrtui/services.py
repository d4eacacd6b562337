"""Use cases shared by the CLI and the TUI: each user action is one store transaction.

A service resolves ids against the freshly read workspace, builds validated records,
applies the domain rules and writes once. Errors are domain errors or pydantic
ValidationErrors; both read as one line through `okrtui.domain.errors.describe`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from okrtui.domain import rules
from okrtui.domain.errors import InvalidInput, RuleViolation
from okrtui.domain.models import (
    KPI,
    CheckIn,
    KeyResult,
    Measurement,
    Objective,
    Settings,
)
from okrtui.domain.workspace import Workspace
from okrtui.store import Store

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


def new_uuid() -> str:
    """A fresh random record id."""
    return str(uuid.uuid4())


class Services:
    """Every action a person can take on a workspace, for one user."""

    def __init__(self, store: Store, user: str, clock: Clock = utc_now,
                 new_id: Callable[[], str] = new_uuid) -> None:
        self.store = store
        self.user = user
        self.clock = clock
        self.new_id = new_id

    # ---- reading -------------------------------------------------------------------

    def workspace(self) -> Workspace:
        """The workspace as it is on disk now."""
        return self.store.snapshot()

    def today(self) -> dt.date:
        """Today's date where the user is."""
        return self.clock().astimezone().date()

    def changed_on_disk(self) -> bool:
        """Whether someone else (the CLI, a teammate's sync) changed the file since we read it."""
        return self.store.changed_on_disk()

    def resolve(self, ref: str, *tables: str) -> tuple[str, str]:
        """The (table, id) an id prefix names, among `tables` (all when none)."""
        ws = self.workspace()
        return ws.resolve(ref, tables) if tables else ws.resolve(ref)

    def _stamp(self) -> dict[str, Any]:
        now = self.clock()
        return {"updated_at": now, "updated_by": self.user}

    def _created(self) -> dict[str, Any]:
        now = self.clock()
        return {"id": self.new_id(), "created_at": now, "created_by": self.user,
                "updated_at": now, "updated_by": self.user}

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
        if fields.get("parent_id"):
            fields["parent_id"] = ws.resolve(fields["parent_id"], ("objectives",))[1]
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
            if changes.get("parent_id"):
                changes["parent_id"] = ws.resolve(changes["parent_id"], ("objectives",))[1]
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
            kr = ws.key_result(kr_id).revise(self.user, self.clock(), title=title, **fields)
        else:
            _, oid = ws.resolve(objective_ref, ("objectives",))
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

    def check_in(self, kr_ref: str, value: float, *, confidence: int | None = None,
                 note: str = "") -> CheckIn:
        """Record a key result's current value, with a confidence and a note."""
        with self.store.transaction() as ws:
            checkin = self.preview_check_in(ws, kr_ref, value, confidence=confidence, note=note)
            ws.insert("checkins", checkin)
            return checkin

    def preview_check_in(self, ws: Workspace, kr_ref: str, value: float, *,
                         confidence: int | None = None, note: str = "") -> CheckIn:
        """The check-in that check_in would save, checked on `ws`; nothing is written."""
        _, kid = ws.resolve(kr_ref, ("key_results",))
        kr = ws.key_result(kid)
        now = self.clock()
        checkin = CheckIn.model_validate(
            {"id": self.new_id(), "updated_at": now, "updated_by": self.user,
             "kr_id": kid, "value": value, "confidence": confidence, "note": note,
             "author": self.user, "at": now}
        )
        rules.check_checkin(kr, checkin)
        return checkin

    # ---- KPIs ----------------------------------------------------------------------

    def add_kpi(self, name: str, *, owner: str | None = None, **fields: Any) -> KPI:
        """Create a KPI (owner defaults to the user)."""
        with self.store.transaction() as ws:
            kpi = KPI.model_validate(
                {**self._created(), "name": name,
                 "owner": self.user if owner is None else owner, **fields}
            )
            rules.check_kpi(ws, kpi)
            ws.insert("kpis", kpi)
            return kpi

    def edit_kpi(self, ref: str, **changes: Any) -> KPI:
        """Change fields of a KPI."""
        with self.store.transaction() as ws:
            _, kid = ws.resolve(ref, ("kpis",))
            kpi = ws.kpi(kid).revise(self.user, self.clock(), **changes)
            rules.check_kpi(ws, kpi)
            ws.put("kpis", kpi)
            return kpi

    def delete_kpi(self, ref: str) -> KPI:
        """Delete a KPI (a tombstone; key results linked to it keep their history)."""
        with self.store.transaction() as ws:
            _, kid = ws.resolve(ref, ("kpis",))
            now = self.clock()
            kpi = ws.kpi(kid).revise(self.user, now, deleted_at=now, deleted_by=self.user)
            ws.put("kpis", kpi)
            return kpi

    def record_kpi(self, ref: str, value: float, on: dt.date | None = None) -> Measurement:
        """Record a KPI's value on a date (today by default)."""
        with self.store.transaction() as ws:
            _, kid = ws.resolve(ref, ("kpis",))
            if ws.kpi(kid).deleted:
                raise RuleViolation("this KPI was deleted", field="kpi")
            now = self.clock()
            measurement = Measurement.model_validate(
                {"id": self.new_id(), "updated_at": now, "updated_by": self.user,
                 "kpi_id": kid, "value": value, "date": on or self.today(),
                 "author": self.user, "at": now}
            )
            ws.insert("measurements", measurement)
            return measurement

    def promote_kpi(self, kpi_ref: str, objective_ref: str, target: float, *,
                    title: str | None = None, **fields: Any) -> KeyResult:
        """Turn a KPI that needs improvement into a key result linked to it.

        The key result starts at the KPI's latest value and moves towards `target`.
        """
        ws = self.workspace()
        _, kid = ws.resolve(kpi_ref, ("kpis",))
        kpi = ws.kpi(kid)
        latest = ws.measurements(kid)[-1:] if ws.measurements(kid) else []
        if not latest:
            raise InvalidInput("this KPI has no measurement yet to start from", field="kpi")
        return self.add_key_result(
            objective_ref,
            title or f"{kpi.name}: from {latest[0].value:g} to {target:g}",
            kind="metric", start=latest[0].value, target=target, unit=kpi.unit,
            kpi_id=kid, **fields,
        )

    # ---- settings ------------------------------------------------------------------

    def update_settings(self, **changes: Any) -> Settings:
        """Change the workspace's rule numbers."""
        with self.store.transaction() as ws:
            settings = Settings.model_validate({**ws.settings.model_dump(), **changes})
            ws.put_settings(settings)
            return settings
