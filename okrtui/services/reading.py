"""Use cases that read: activity, the weekly review, the status line, exports, import."""

from __future__ import annotations

import datetime as dt

from okrtui.domain.records.periods import current_period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting import activity, csv_import, exchange, search
from okrtui.domain.reporting import report as reporting
from okrtui.domain.scoring.due import DueList, due_items
from okrtui.services.base import ServiceBase


class ReadingUseCases(ServiceBase):
    """Use cases that read: activity, the weekly review, the status line, exports, import."""

    def activity_between(self, before: Workspace, after: Workspace) -> list[activity.Activity]:
        """What `after` changed compared with `before`, oldest first."""
        return activity.activity_between(before, after)

    def activity_since(self, since: dt.datetime, *, everyone: bool = False
                       ) -> list[activity.Activity]:
        """The changes stamped after `since`, oldest first; others' only, unless `everyone`."""
        return activity.activity_since(self.workspace(), since,
                                       exclude=None if everyone else self.user)

    def report(self, period: str | None = None,
               owner: str | None = None) -> reporting.Report:
        """The weekly review and period summary of `period` (default: the current one)."""
        return reporting.build_report(self.workspace(), self.today(), period, owner)

    def status_line(self, period: str | None = None, owner: str | None = None) -> str:
        """One line for a shell prompt: "2026-Q4: 4 on track, 1 at risk, 2 stale; 3 due
        for alice" (what is due for `owner`, else for the user; nothing when nothing is)."""
        ws = self.workspace()
        today = self.today()
        name = period or current_period(ws.periods(), today).name
        due = DueList(owner or self.user, name,
                      tuple(due_items(ws, today, name, owner or self.user)))
        line = reporting.status_line(ws, today, name, owner)
        return f"{line}; {due.summary}" if due.items else line

    def export_json(self) -> bytes:
        """The whole workspace in okrtui's documented JSON export format."""
        return exchange.export_json(self.workspace())

    def export_csv(self) -> str:
        """One CSV row per key result with its objective, safe to open in a spreadsheet."""
        return exchange.export_csv(self.workspace(), self.today())

    def import_export(self, blob: bytes) -> exchange.ImportResult:
        """Import an export file: every record validated by its model and the rules, and
        nothing changed at all when any record is refused."""
        plan = exchange.parse_export(blob)  # outside the lock: parsing can take a while
        with self.store.transaction() as ws:
            return exchange.apply_import(ws, plan, now=self.local_now())


    def import_csv(self, text: str) -> exchange.ImportResult:
        """Import the CSV export (or a sheet with its columns): objectives, key results and
        their current values as check-ins by the user, all or nothing."""
        plan = csv_import.parse_csv(text)
        with self.store.transaction() as ws:
            return csv_import.apply_csv(ws, plan, user=self.user, now=self.clock(),
                                        new_id=self.new_id)

    def findables(self) -> list[search.Findable]:
        """Every live objective, key result and KPI of every period, for the palette."""
        return search.findables(self.workspace())
