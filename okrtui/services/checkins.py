"""Use cases of check-ins: record a key result's current value."""

from __future__ import annotations

from okrtui.domain.records.models import CheckIn
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules import checks as rules
from okrtui.services.base import ServiceBase


class CheckInUseCases(ServiceBase):
    """Use cases of check-ins: record a key result's current value."""

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

