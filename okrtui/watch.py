"""Watching the workspace for others: what they changed since you last looked, what they
change while the TUI runs, and the sync conflict copies that appear beside the file.

Every look at the disk runs in a thread worker and comes back to the UI thread with
`call_later`; the screens hear of a change through `WorkspaceChanged` and read again.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App

from okrtui.domain.records.text import shown
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting.activity import Activity
from okrtui.messages import WorkspaceChanged
from okrtui.screens.base import ASKING, OkrScreen
from okrtui.screens.confirm import ConfirmScreen
from okrtui.services import Services, lastseen
from okrtui.session import News

WATCH_INTERVAL = 2.0
"""Seconds between checks whether the workspace file changed on disk (CLI, sync, teammate)."""

WATCH_START_LATEST = 1.0
"""Seconds after the TUI opens by which it watches the file, even if no screen has shown
its first view (a read that failed): it starts sooner, once one has."""

NOTICE_LINES = 4
"""How many changes a notice names before it sums up the rest."""


def change_notice(activities: tuple[Activity, ...]) -> str:
    """The lines of a notice about others' changes: the first few, then how many more."""
    lines = [a.sentence for a in activities[:NOTICE_LINES]]
    if len(activities) > NOTICE_LINES:
        lines[-1] = f"and {len(activities) - NOTICE_LINES + 1} more changes (w: what's new)"
    return "\n".join(lines)


def copies_question(copies: tuple[Path, ...], workspace: Path) -> Text:
    """Whether to merge `copies` into the workspace now, naming the first few."""
    # A sync tool names a copy after a device or a person: anyone's text.
    names = ", ".join(shown(copy.name) for copy in copies[:3])
    if len(copies) > 3:
        names += f" and {len(copies) - 3} more"
    question = Text(f"A sync tool left {len(copies)} conflict "
                    f"cop{'y' if len(copies) == 1 else 'ies'} beside {workspace.name}: ")
    question.append(names, style="bold")
    question.append(".\n\nMerge them into the workspace now? Every check-in of both "
                    "sides is kept; each edit decided either way is listed. The copies "
                    "are kept in .okrtui-backups/.")
    return question


class Watcher:
    """The app's eyes on the workspace file and the folder it lies in."""

    def __init__(self, app: App[Any], services: Services, *, demo: bool,
                 news_arrived: Callable[[News], None]) -> None:
        self.app = app
        self.services = services
        self.demo = demo
        self.news_arrived = news_arrived
        # Versions of the file that others wrote, as the store found them (any thread).
        self._arrivals: deque[tuple[Workspace, Workspace]] = deque()
        services.on_external_change(lambda before, after: self._arrivals.append(
            (before, after)))
        self._offered: set[Path] = set()
        """Conflict copies already offered for merging (asked once each)."""
        self._copies_dialog: ConfirmScreen | None = None
        self._lock = threading.Lock()

    def start(self, interval: float = WATCH_INTERVAL) -> None:
        """Look every `interval` seconds, and now: what others changed since the last look,
        and conflict copies to offer."""
        self.app.set_interval(interval, self.check)
        self.look_back()
        self.check()

    # ---- since you last looked -------------------------------------------------------------

    def look_back(self) -> None:
        """Find what others changed since this user last looked; note that they look now."""
        self.app.run_worker(self._look_back, thread=True, group="look-back", exclusive=True,
                            exit_on_error=False)

    def _look_back(self) -> None:
        path, user = self.services.path, self.services.user
        looked = lastseen.last_seen(path, user)
        if not self.demo:  # the demo's temporary copy is never looked at again
            lastseen.mark_seen(path, user, self.services.clock())
        news: list[Activity] = []
        if looked is not None:
            with contextlib.suppress(Exception):  # the dashboard says what is wrong
                news = self.services.activity_since(looked)
        self.app.call_later(self.news_arrived, News(looked, tuple(news)))

    # ---- while running -----------------------------------------------------------------------

    def check(self) -> None:
        """Look for others' changes and sync conflict copies (in a worker): a changed file
        is read, told and shown on every screen (a form keeps what is being typed); new
        conflict copies are offered for merging."""
        self.app.run_worker(self._watch, thread=True, group="watch", exit_on_error=False)

    def _watch(self) -> None:
        # One look at a time, none cancelled: a cancelled look could drop what it took
        # from the queue of arrivals.
        with self._lock:
            self._look()

    def _look(self) -> None:
        try:
            changed = self.services.changed_on_disk()
        except OSError:
            changed = False
        unreadable = False
        if changed:
            try:
                self.services.workspace()  # tells the arrivals queue of another's version
            except Exception:
                unreadable = True  # the screens' own loads, on reload, say what is wrong
        found: list[Activity] = []
        arrived = bool(self._arrivals)
        while self._arrivals:
            before, after = self._arrivals.popleft()
            with contextlib.suppress(Exception):  # a broken record is the screens' to report
                found.extend(self.services.activity_between(before, after))
        # Only another's version counts: the very first read of the file is no change.
        if arrived or unreadable:
            self.app.call_later(self._changed, tuple(found))
        copies = self.conflict_copies()
        if any(copy not in self._offered for copy in copies):
            self.app.call_later(self._copies_found, copies)

    def _changed(self, activities: tuple[Activity, ...]) -> None:
        """Tell who changed what, and show the new state on every screen."""
        if activities:
            self.app.notify(change_notice(activities), title="Changed by others",
                            markup=False, timeout=8)
        self.reload_screens(activities)

    def reload_screens(self, activities: tuple[Activity, ...] = ()) -> None:
        """Have every screen that shows the workspace read it again (forms keep typing)."""
        for screen in self.app.screen_stack:
            if isinstance(screen, OkrScreen):
                screen.post_message(WorkspaceChanged(activities))

    # ---- conflict copies ---------------------------------------------------------------------

    def conflict_copies(self) -> tuple[Path, ...]:
        """The sync conflict copies beside the workspace (none when the folder is unreadable)."""
        try:
            return tuple(self.services.conflict_copies())
        except OSError:
            return ()

    def _copies_found(self, copies: tuple[Path, ...]) -> None:
        """Offer, once per copy, to merge conflict copies a sync tool left beside the file."""
        if self._copies_dialog is not None and self._copies_dialog in self.app.screen_stack:
            return  # the question is on screen already
        self._offered.update(copies)
        self.offer(copies)

    def offer_again(self) -> None:
        """Offer to merge the conflict copies beside the workspace (if there are any)."""
        copies = self.conflict_copies()
        if not copies:
            self.app.notify("No conflict copies beside the workspace.", markup=False)
            return
        self._offered.update(copies)
        self.offer(copies)

    def offer(self, copies: tuple[Path, ...]) -> None:
        """Ask whether to merge `copies` into the workspace now; merge on yes."""
        dialog = self._copies_dialog = ConfirmScreen(
            copies_question(copies, self.services.path), yes="Merge", no="Not now")

        async def ask() -> None:
            if await self.app.push_screen_wait(dialog):
                self.resolve()

        self.app.run_worker(ask(), group=ASKING, exit_on_error=False)

    def resolve(self) -> None:
        """Merge every conflict copy in one transaction (a worker: it takes the lock)."""
        self.app.run_worker(self._resolve, thread=True, group="resolve", exclusive=True,
                            exit_on_error=False)

    def _resolve(self) -> None:
        try:
            report = self.services.resolve_conflicts()
        except Exception as exc:  # one line on screen, never a traceback
            self.app.call_later(self._resolved, (), self.services.explain(exc))
            return
        self.app.call_later(self._resolved, tuple(report.lines()), None)

    def _resolved(self, lines: tuple[str, ...], error: str | None) -> None:
        """Say what the merge did, and show the merged workspace."""
        if error is not None:
            self.app.notify(error, title="Conflict copies not merged", severity="error",
                            markup=False, timeout=10)
            return
        said = list(lines[:NOTICE_LINES + 1])
        if len(lines) > len(said):
            said.append(f"and {len(lines) - len(said)} more lines: okrtui resolve "
                        "--dry-run lists them")
        self.app.notify("\n".join(said), title="Conflict copies merged", markup=False,
                        timeout=12)
        self.reload_screens()
