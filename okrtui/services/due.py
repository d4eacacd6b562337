"""Use cases of what is due: my check-ins and KPI values due now, and the order of the
TUI's check-in queue."""

from __future__ import annotations

from okrtui.domain.records.periods import current_period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.due import DueList, QueueEntry, checkin_queue, due_items
from okrtui.services.base import ServiceBase


class DueUseCases(ServiceBase):
    """What is due for a check-in or a measurement, for the user or another owner."""

    def _scope(self, ws: Workspace, period: str | None, owner: str | None) -> tuple[str, str]:
        return period or current_period(ws.periods(), self.today()).name, owner or self.user

    def due(self, period: str | None = None, owner: str | None = None) -> DueList:
        """`owner`'s (default: the user's) key results of `period` (default: the current
        one) due for a check-in and KPIs due for a measurement, most overdue first."""
        ws = self.workspace()
        name, who = self._scope(ws, period, owner)
        return DueList(who, name, tuple(due_items(ws, self.today(), name, who)))

    def checkin_queue(self, period: str | None = None,
                      owner: str | None = None) -> list[QueueEntry]:
        """The check-in queue: the user's key results of `period` that are due (stale
        first, then the most overdue), then the rest of theirs."""
        ws = self.workspace()
        name, who = self._scope(ws, period, owner)
        return checkin_queue(ws, self.today(), name, who)
