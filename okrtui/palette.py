"""The command palette finds records: objectives, key results and KPIs of every period.

Typing in `ctrl+p` matches each record's title, owner and team, fuzzily, as Textual's
palette matches commands; `enter` goes there: an objective or a key result opens its
objective (the dashboard below showing its period, the key result under the cursor), a
KPI opens the KPI list with it under the cursor. The records are read once, in a thread,
when the palette opens; the app's own actions stay listed by their provider.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import cast

from textual.command import Hit, Hits, Provider

from okrtui.domain.reporting.search import Findable
from okrtui.messages import Navigate, OpenKpis, OpenObjective
from okrtui.session import SessionHost


class RecordFinder(Provider):
    """Objectives, key results and KPIs by title, owner or team, across all periods."""

    _found: list[Findable] | None = None

    async def startup(self) -> None:
        """Read what can be found (the whole workspace: off the event loop)."""
        services = cast(SessionHost, self.app).session.services
        try:
            self._found = await asyncio.to_thread(services.findables)
        except Exception:  # an unreadable file: the actions are still offered
            self._found = []

    async def search(self, query: str) -> Hits:
        """The records whose title, owner or team matches what is typed, best first."""
        matcher = self.matcher(query)
        for found in self._found or []:
            score = matcher.match(found.text)
            if score > 0:
                yield Hit(score, matcher.highlight(found.text), partial(self.go, found),
                          text=found.text, help=found.where)

    def go(self, found: Findable) -> None:
        """Show the record: its objective in its period, or the KPI list on it."""
        message: Navigate
        if found.kind == "KPI":
            message = OpenKpis(kpi_id=found.record_id)
        else:
            message = OpenObjective(found.objective_id, period=found.period,
                                    kr_id=found.record_id if found.kind == "key result"
                                    else None)
        self.app.post_message(message)
