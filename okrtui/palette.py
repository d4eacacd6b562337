"""The command palette: every action of the screen on show and of the app, with its key
(`OkrCommands`), and the records of every period (`RecordFinder`).

Typing in `ctrl+p` matches each record's title, owner and team, fuzzily, as Textual's
palette matches commands; `enter` goes there: an objective or a key result opens its
objective (the dashboard below showing its period, the key result under the cursor), a
KPI opens the KPI list with it under the cursor. The records are read once, in a thread,
when the palette opens; the app's own actions stay listed by their provider.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from okrtui.bindings import in_palette, screen_bindings
from okrtui.domain.reporting.search import Findable
from okrtui.messages import Navigate, OpenKpis, OpenObjective
from okrtui.screens.base import OkrScreen
from okrtui.session import SessionHost


class OkrCommands(Provider):
    """Every action of the current screen and the app, with its key; and jumps to records."""

    def _commands(self) -> list[tuple[str, str, Any]]:
        app = self.app
        screen = self.screen
        out: list[tuple[str, str, Any]] = []
        for row in screen_bindings(app, screen):
            if row.id is None or not row.enabled or not in_palette(row.id):
                continue
            out.append((row.description, f"key: {row.key}",
                        partial(app.run_action, row.action, row.namespace)))
        if isinstance(screen, OkrScreen):
            out.extend(screen.palette_commands())
        return out

    async def discover(self) -> Hits:
        """Offer every action when nothing is typed yet."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        """Actions (and records) whose name matches what is typed."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)


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
