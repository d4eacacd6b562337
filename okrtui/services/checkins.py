"""Use cases of check-ins: record a key result's value (today or back-dated), list its
history, correct a check-in, remove one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from okrtui.domain.plans import checkins as plans
from okrtui.domain.records.models import CheckIn
from okrtui.domain.reporting.history import HistoryRow, checkin_history
from okrtui.services.base import ServiceBase


class CheckInUseCases(ServiceBase):
    """Use cases of check-ins: record, list, correct, remove."""

    def check_in(self, kr_ref: str, value: float, *, confidence: int | None = None,
                 note: str = "", on: dt.date | None = None) -> CheckIn:
        """Record a key result's current value, with a confidence and a note; `on`
        back-dates it to a day of the key result's period that has come."""
        return self.check_in_plan(kr_ref, value, confidence=confidence, note=note,
                                  on=on).checkin

    def check_in_plan(self, kr_ref: str, value: float, *, confidence: int | None = None,
                      note: str = "", on: dt.date | None = None) -> plans.CheckInPlan:
        """check_in, returning the whole plan (its typo warning too)."""
        with self.store.transaction() as ws:
            plan = plans.plan_check_in(ws, self.actor(), kr_ref, value, confidence=confidence,
                                       note=note, on=on)
            ws.insert("checkins", plan.checkin)
            return plan

    def checkin_history(self, kr_ref: str) -> list[HistoryRow]:
        """A key result's check-ins, newest first: when, who, value, confidence, note."""
        ws = self.workspace()
        _, kid = ws.resolve(kr_ref, ("key_results",))
        return checkin_history(ws, kid)

    def edit_check_in(self, ref: str, **changes: Any) -> plans.CheckInPlan:
        """Correct a check-in's value, confidence, note or day (`on`)."""
        with self.store.transaction() as ws:
            plan = plans.plan_edit_check_in(ws, self.actor(), ref, changes)
            if plan.changed:
                ws.put("checkins", plan.checkin)
            return plan

    def remove_check_in(self, ref: str) -> CheckIn:
        """Remove a mistaken check-in (a tombstone saying who removed it and when)."""
        with self.store.transaction() as ws:
            plan = plans.plan_remove_check_in(ws, self.actor(), ref)
            ws.put("checkins", plan.checkin)
            return plan.checkin
