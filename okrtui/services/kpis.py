"""Use cases of KPIs: add, edit, delete, record a value, promote to a key result (each plan
in okrtui/domain/plans/kpis.py, applied in one transaction)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from okrtui.domain.plans import kpis as plans
from okrtui.domain.records.models import KPI, KeyResult, Measurement
from okrtui.services.key_results import KeyResultUseCases


class KpiUseCases(KeyResultUseCases):
    """Use cases of KPIs: add, edit, delete, record a value, promote to a key result."""

    def add_kpi(self, name: str, *, owner: str | None = None, **fields: Any) -> KPI:
        """Create a KPI (owner defaults to the user)."""
        with self.store.transaction() as ws:
            kpi = plans.plan_add_kpi(ws, self.actor(), name, owner=owner, **fields)
            ws.insert("kpis", kpi)
            return kpi

    def edit_kpi(self, ref: str, **changes: Any) -> KPI:
        """Change fields of a KPI."""
        with self.store.transaction() as ws:
            kpi = plans.plan_edit_kpi(ws, self.actor(), ref, **changes)
            ws.put("kpis", kpi)
            return kpi

    def delete_kpi(self, ref: str) -> KPI:
        """Delete a KPI (a tombstone; key results linked to it keep their history)."""
        with self.store.transaction() as ws:
            kpi = plans.plan_delete_kpi(ws, self.actor(), ref)
            ws.put("kpis", kpi)
            return kpi

    def record_kpi(self, ref: str, value: float, on: dt.date | None = None, *,
                   note: str = "") -> Measurement:
        """Record a KPI's value on a date (today by default), with an optional note."""
        with self.store.transaction() as ws:
            measurement = plans.plan_record_kpi(ws, self.actor(), ref, value, on, note=note)
            ws.insert("measurements", measurement)
            return measurement

    def promote_kpi(self, kpi_ref: str, objective_ref: str, target: float, *,
                    title: str | None = None, **fields: Any) -> KeyResult:
        """Turn a KPI that needs improvement into a key result linked to it.

        The key result starts at the KPI's latest value and moves towards `target`, which
        must be better than that value in the KPI's direction. One transaction: the value
        it starts from is the one on disk when it is saved.
        """
        with self.store.transaction() as ws:
            kr = plans.plan_promote_kpi(ws, self.actor(), kpi_ref, objective_ref, target,
                                        title=title, **fields)
            ws.insert("key_results", kr)
            return kr
