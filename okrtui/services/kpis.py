"""Use cases of KPIs: add, edit, delete, record a value, promote to a key result."""

from __future__ import annotations

import datetime as dt
from typing import Any

from okrtui.domain.cycle import transitions
from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.records.models import KPI, KeyResult, Measurement
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules import checks as rules
from okrtui.domain.rules.dates import check_not_future
from okrtui.domain.scoring.kpi import kpi_view
from okrtui.services.key_results import KeyResultUseCases


class KpiUseCases(KeyResultUseCases):
    """Use cases of KPIs: add, edit, delete, record a value, promote to a key result."""

    # ---- KPIs ----------------------------------------------------------------------

    def add_kpi(self, name: str, *, owner: str | None = None, **fields: Any) -> KPI:
        """Create a KPI (owner defaults to the user)."""
        with self.store.transaction() as ws:
            kpi = self.preview_kpi(ws, name, owner=owner, **fields)
            ws.insert("kpis", kpi)
            return kpi

    def preview_kpi(self, ws: Workspace, name: str, *, owner: str | None = None,
                    **fields: Any) -> KPI:
        """The KPI add_kpi would save, checked on `ws` (the per-owner limit too);
        nothing is written."""
        kpi = KPI.model_validate(
            {**self._created(), "name": name,
             "owner": self.user if owner is None else owner, **fields}
        )
        rules.check_kpi(ws, kpi)
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

    def record_kpi(self, ref: str, value: float, on: dt.date | None = None, *,
                   note: str = "") -> Measurement:
        """Record a KPI's value on a date (today by default), with an optional note."""
        with self.store.transaction() as ws:
            measurement = self.preview_record_kpi(ws, ref, value, on, note=note)
            ws.insert("measurements", measurement)
            return measurement

    def preview_record_kpi(self, ws: Workspace, ref: str, value: float,
                           on: dt.date | None = None, *, note: str = "") -> Measurement:
        """The measurement record_kpi would save, checked on `ws`; nothing is written."""
        _, kid = ws.resolve(ref, ("kpis",))
        if ws.kpi(kid).deleted:
            raise RuleViolation("this KPI was deleted", field="kpi")
        now = self.clock()
        day = on or self.today()
        check_not_future(day, self.local_now(), what="a KPI value")
        return Measurement.model_validate(
            {"id": self.new_id(), "updated_at": now, "updated_by": self.user,
             "kpi_id": kid, "value": value, "date": day, "note": note,
             "author": self.user, "at": now}
        )

    def promote_kpi(self, kpi_ref: str, objective_ref: str, target: float, *,
                    title: str | None = None, **fields: Any) -> KeyResult:
        """Turn a KPI that needs improvement into a key result linked to it.

        The key result starts at the KPI's latest value and moves towards `target`, which
        must be better than that value in the KPI's direction. One transaction: the value
        it starts from is the one on disk when it is saved.
        """
        with self.store.transaction() as ws:
            kr = self.preview_promote_kpi(ws, kpi_ref, objective_ref, target, title=title,
                                          **fields)
            ws.insert("key_results", kr)
            return kr

    def preview_promote_kpi(self, ws: Workspace, kpi_ref: str, objective_ref: str,
                            target: float, *, title: str | None = None,
                            **fields: Any) -> KeyResult:
        """The key result promote_kpi would save, checked on `ws`; nothing is written."""
        _, kid = ws.resolve(kpi_ref, ("kpis",))
        kpi = ws.kpi(kid)
        start = transitions.check_promotion(kpi, kpi_view(ws, kpi, self.today(), 1).last, target)
        fields.setdefault("unit", kpi.unit)
        return self.preview_key_result(
            ws, objective_ref, title or f"{kpi.name}: from {start:g} to {target:g}",
            kind="metric", start=start, target=target, kpi_id=kid, **fields)

