"""The app-wide keys that change the workspace from any screen: undo (u), redo (ctrl+r)
and pull (P).

Each runs its service call in a thread worker, says in a toast what came of it, and has
every screen on the stack read the file again. A refusal or a failure is one line.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

from textual.app import App

from okrtui import config
from okrtui.domain.history.journal import PAST
from okrtui.domain.records.errors import OkrError
from okrtui.screens.base import OkrScreen, refusal_text
from okrtui.services import NothingToUndo, PullReport, UndoResult
from okrtui.session import SessionHost


class FileActions:
    """Undo, redo and pull for `app`, whichever screen is on show."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app

    def reverse(self, kind: str) -> None:
        """Run the undo (or redo) in a thread; say what it did; show the file as it is now."""
        services = cast(SessionHost, self.app).session.services
        call = services.undo if kind == "undo" else services.redo

        async def run() -> None:
            try:
                result = await asyncio.to_thread(call)
            except NothingToUndo as exc:
                self.app.notify(f"{str(exc)[:1].upper()}{str(exc)[1:]}.", markup=False)
                return
            except Exception as exc:  # one line on screen, never a traceback
                self.app.notify(refusal_text(exc), title=f"Not {PAST[kind]}",
                                severity="error", markup=False)
                return
            self.reversed(result)

        self.app.run_worker(run(), group="service", exit_on_error=False)

    def reversed(self, result: UndoResult) -> None:
        """Say what was undone or redone (and what of others' was kept); read again."""
        past = PAST[result.kind]
        lines = [f"{past.capitalize()}: {result.action}" if result.reversed
                 else f"Nothing {past}: {result.action}"]
        lines += [f"Kept: {line}" for line in result.kept]
        self.app.notify("\n".join(lines), markup=False, timeout=8,
                        severity="information" if result.reversed else "warning")
        self.read_again()

    def pull(self) -> None:
        """Run the config's [sources] now, in a worker, and say what came of each."""
        app = self.app
        try:
            sources = config.read_sources()
        except OkrError as exc:
            app.notify(exc.message, title="Not pulled", severity="error", markup=False)
            return
        if not sources:
            app.notify(f"No sources: add a [sources] table to {config.config_path()}",
                       title="Not pulled", markup=False)
            return
        services = cast(SessionHost, app).session.services
        app.notify(f"Pulling {len(sources)} source{'s' if len(sources) != 1 else ''}…",
                   markup=False, timeout=4)

        async def run() -> None:
            try:
                report = await asyncio.to_thread(services.pull, sources)
            except Exception as exc:  # one line on screen, never a traceback
                app.notify(refusal_text(exc), title="Not pulled", severity="error",
                           markup=False)
                return
            self.pulled(report)

        app.run_worker(run(), group="service", exit_on_error=False)

    def pulled(self, report: PullReport) -> None:
        """Say how many values were recorded, unchanged and failed; read again."""
        recorded = [r for r in report.results if r.outcome == "recorded"]
        lines = [f"{len(recorded)} recorded, "
                 f"{sum(r.outcome == 'unchanged' for r in report.results)} unchanged, "
                 f"{len(report.failed)} failed"]
        lines += [r.reading.describe() for r in recorded if r.reading is not None]
        lines += [f"{r.key}: {r.message}" for r in report.failed]
        self.app.notify("\n".join(lines), title="Pulled", markup=False, timeout=10,
                        severity="warning" if report.failed else "information")
        self.read_again()

    def read_again(self) -> None:
        """Every screen on the stack reads the file again."""
        for screen in self.app.screen_stack:
            if isinstance(screen, OkrScreen):
                screen.reload()
