"""The Textual app: screens, bindings with ids, the command palette.

`okrtui` with no subcommand runs `run_tui`; nothing outside this module, `screens/` and
`widgets/` imports textual, so the command line starts fast.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import signal
import threading
from collections import deque
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message
from textual.screen import ModalScreen, Screen

from okrtui.domain.records.periods import NoSuchPeriod, Period
from okrtui.domain.records.text import shown
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting.activity import Activity
from okrtui.keys import screen_bindings
from okrtui.services import Services, lastseen

WATCH_INTERVAL = 2.0
"""Seconds between checks whether the workspace file changed on disk (CLI, sync, teammate)."""

NOTICE_LINES = 4
"""How many changes a notice names before it sums up the rest."""


class WorkspaceChanged(Message):
    """Someone else changed the workspace file; `activities` says who changed what."""

    def __init__(self, activities: tuple[Activity, ...]) -> None:
        super().__init__()
        self.activities = activities


class CopiesFound(Message):
    """Sync conflict copies lie beside the workspace file (some not offered yet)."""

    def __init__(self, copies: tuple[Path, ...]) -> None:
        super().__init__()
        self.copies = copies


class CopiesResolved(Message):
    """Merging the conflict copies finished: what it did, line by line, or why not."""

    def __init__(self, lines: tuple[str, ...], error: str | None) -> None:
        super().__init__()
        self.lines = lines
        self.error = error


class LookedBack(Message):
    """The app found when this user last looked, and what others changed since."""

    def __init__(self, looked: dt.datetime | None, news: tuple[Activity, ...]) -> None:
        super().__init__()
        self.looked = looked
        self.news = news


def change_notice(activities: tuple[Activity, ...]) -> str:
    """The lines of a notice about others' changes: the first few, then how many more."""
    lines = [a.sentence for a in activities[:NOTICE_LINES]]
    if len(activities) > NOTICE_LINES:
        lines[-1] = f"and {len(activities) - NOTICE_LINES + 1} more changes (w: what's new)"
    return "\n".join(lines)


class OkrCommands(Provider):
    """Every action of the current screen and the app, with its key; and jumps to records."""

    def _commands(self) -> list[tuple[str, str, Any]]:
        app = self.app
        screen = self.screen
        out: list[tuple[str, str, Any]] = []
        for row in screen_bindings(app, screen):
            if row.id is None or not row.enabled:
                continue
            out.append((row.description, f"key: {row.key}",
                        partial(app.run_action, row.action, row.namespace)))
        extra = getattr(screen, "palette_commands", None)
        if callable(extra):
            out.extend(extra())
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


class OkrApp(App[int]):
    """OKRs and KPIs in the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "okrtui"
    COMMANDS: ClassVar = App.COMMANDS | {OkrCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="okr.back"),
        Binding("question_mark", "help", "Help", key_display="?", id="okr.help"),
        Binding("q", "quit", "Quit", id="okr.quit", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="okr.quit_now"),
        Binding("n", "new_objective", "New objective", id="okr.new_objective",
                tooltip="Create an objective in the period on show"),
        Binding("k", "kpis", "KPIs", id="okr.kpis"),
        Binding("t", "alignment", "Alignment", id="okr.alignment", show=False),
        Binding("r", "review", "Review", id="okr.review", show=False),
        Binding("w", "activity", "What's new", id="okr.activity", show=False,
                tooltip="Who changed what, since you last looked"),
        Binding("M", "resolve", "Merge conflict copies", id="okr.resolve", show=False,
                key_display="shift+m"),
        Binding("g", "grade", "Grade period", id="okr.grade", show=False),
        Binding("C", "carry", "Carry over", id="okr.carry", key_display="shift+c",
                show=False),
    ]

    def __init__(self, services: Services, *, today: dt.date | None = None,
                 demo: bool = False, startup_error: str | None = None) -> None:
        super().__init__()
        self.services = services
        self.today = today if today is not None else services.today()
        self.demo = demo
        self.startup_error = startup_error
        # Versions of the file that others wrote, as the store found them (any thread).
        self._arrivals: deque[tuple[Workspace, Workspace]] = deque()
        services.on_external_change(lambda before, after: self._arrivals.append(
            (before, after)))
        self.looked: dt.datetime | None = None
        """When this user last opened this workspace before now (None: never)."""
        self.news: tuple[Activity, ...] = ()
        """Others' changes since then, for the dashboard to mention."""
        self._offered: set[Path] = set()
        """Conflict copies already offered for merging (asked once each)."""
        self._copies_dialog: Screen[Any] | None = None
        self._watch_lock = threading.Lock()

    def get_default_screen(self) -> Screen[Any]:
        """The dashboard is the first screen and the bottom of the stack (an error screen
        instead when the workspace file could not be read)."""
        if self.startup_error is not None:
            from okrtui.screens.workspace_error import WorkspaceErrorScreen

            return WorkspaceErrorScreen(self.startup_error)
        from okrtui.screens.dashboard import DashboardScreen

        return DashboardScreen()

    def on_mount(self) -> None:
        if self.is_headless:
            # Tests and snapshots: nothing moves unless a test moves it.
            self.animation_level = "none"
        else:
            self._handle_hangups()
        self.set_interval(WATCH_INTERVAL, self.watch_file)
        if self.startup_error is None:
            self._look_back()
            self._watch()  # conflict copies are offered at start too

    @work(thread=True, exclusive=True, group="look-back", exit_on_error=False)
    def _look_back(self) -> None:
        """Find what others changed since this user last looked; note that they look now."""
        path, user = self.services.path, self.services.user
        looked = lastseen.last_seen(path, user)
        if not self.demo:  # the demo's temporary copy is never looked at again
            lastseen.mark_seen(path, user, self.services.clock())
        news: list[Activity] = []
        if looked is not None:
            with contextlib.suppress(Exception):  # the dashboard says what is wrong
                news = self.services.activity_since(looked)
        self.post_message(LookedBack(looked, tuple(news)))

    def on_looked_back(self, message: LookedBack) -> None:
        """Keep what changed since the last look, and let the dashboard mention it."""
        self.looked = message.looked
        self.news = message.news
        for screen in self.screen_stack:
            show = getattr(screen, "show_news", None)
            if callable(show):
                show()

    def _handle_hangups(self) -> None:
        """End cleanly when the SSH connection drops (SIGHUP) or we are asked to (SIGTERM).

        Without this the process dies mid-frame and leaves the terminal in raw mode. Every
        save is one atomic transaction that ends before its toast, so what was confirmed is
        on disk; a save still running finishes, because its executor thread is joined at
        interpreter exit.
        """
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, partial(self.exit, return_code=128 + signum))

    def watch_file(self) -> None:
        """Look for others' changes and sync conflict copies (in a worker): a changed file
        is read, told and shown on every screen (a form keeps what is being typed); new
        conflict copies are offered for merging."""
        if self.startup_error is None:
            self._watch()

    @work(thread=True, group="watch", exit_on_error=False)
    def _watch(self) -> None:
        """Read a changed file off the UI thread and tell what it changed; list copies."""
        # One look at a time, none cancelled: a cancelled look could drop what it took
        # from the queue of arrivals.
        with self._watch_lock:
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
            self.post_message(WorkspaceChanged(tuple(found)))
        copies = self.conflict_copies()
        if any(copy not in self._offered for copy in copies):
            self.post_message(CopiesFound(copies))

    def on_copies_found(self, message: CopiesFound) -> None:
        """Offer, once per copy, to merge conflict copies a sync tool left beside the file."""
        if self._copies_dialog is not None and self._copies_dialog in self.screen_stack:
            return  # the question is on screen already
        self._offered.update(message.copies)
        self.offer_copies(message.copies)

    def offer_copies(self, copies: tuple[Path, ...]) -> None:
        """Ask whether to merge `copies` into the workspace now."""
        from rich.text import Text

        from okrtui.screens.confirm import ConfirmScreen

        # A sync tool names a copy after a device or a person: anyone's text.
        names = ", ".join(shown(copy.name) for copy in copies[:3])
        if len(copies) > 3:
            names += f" and {len(copies) - 3} more"
        question = Text(f"A sync tool left {len(copies)} conflict "
                        f"cop{'y' if len(copies) == 1 else 'ies'} beside "
                        f"{self.services.path.name}: ")
        question.append(names, style="bold")
        question.append(".\n\nMerge them into the workspace now? Every check-in of both "
                        "sides is kept; each edit decided either way is listed. The copies "
                        "are kept in .okrtui-backups/.")
        dialog = self._copies_dialog = ConfirmScreen(question, yes="Merge", no="Not now")

        def answered(yes: bool | None) -> None:
            if yes:
                self._resolve_copies()

        self.push_screen(dialog, answered)

    @work(thread=True, exclusive=True, group="resolve", exit_on_error=False)
    def _resolve_copies(self) -> None:
        """Merge every conflict copy in one transaction (a worker: it takes the lock)."""
        try:
            report = self.services.resolve_conflicts()
        except Exception as exc:  # one line on screen, never a traceback
            self.post_message(CopiesResolved((), self.services.explain(exc)))
            return
        self.post_message(CopiesResolved(tuple(report.lines()), None))

    def on_copies_resolved(self, message: CopiesResolved) -> None:
        """Say what the merge did, and show the merged workspace."""
        if message.error is not None:
            self.notify(message.error, title="Conflict copies not merged", severity="error",
                        markup=False, timeout=10)
            return
        lines = list(message.lines[:NOTICE_LINES + 1])
        if len(message.lines) > len(lines):
            lines.append(f"and {len(message.lines) - len(lines)} more lines: okrtui resolve "
                         "--dry-run lists them")
        self.notify("\n".join(lines), title="Conflict copies merged", markup=False, timeout=12)
        self.reload_screens()

    def reload_screens(self) -> None:
        """Read the workspace again on every screen that shows it (forms keep typing)."""
        for screen in self.screen_stack:
            reload = getattr(screen, "reload", None)
            if callable(reload):
                reload()

    def conflict_copies(self) -> tuple[Path, ...]:
        """The sync conflict copies beside the workspace (none when the folder is unreadable)."""
        try:
            return tuple(self.services.conflict_copies())
        except OSError:
            return ()

    def action_resolve(self) -> None:
        """Offer to merge the conflict copies beside the workspace (if there are any)."""
        copies = self.conflict_copies()
        if not copies:
            self.notify("No conflict copies beside the workspace.", markup=False)
            return
        self._offered.update(copies)
        self.offer_copies(copies)

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        """Tell who changed what, and show the new state on every screen."""
        if message.activities:
            self.notify(change_notice(message.activities), title="Changed by others",
                        markup=False, timeout=8)
        self.reload_screens()

    # ---- navigation used by the screens --------------------------------------------

    def current_period(self) -> str:
        """The period the dashboard shows (the quarter of today before it has loaded)."""
        for screen in reversed(self.screen_stack):
            name = getattr(screen, "period_name", None)
            if name:
                return name
        return Period.quarter_of(self.today).name

    def open_objective(self, objective_id: str, *, kr_id: str | None = None,
                       check_in: bool = False) -> None:
        """Show one objective on top of the dashboard, with `kr_id` under the cursor (and
        its check-in dialog open when `check_in`)."""
        from okrtui.screens.objective import ObjectiveScreen

        self.to_dashboard()
        self.push_screen(ObjectiveScreen(objective_id, kr_id=kr_id, check_in=check_in))

    def to_dashboard(self) -> None:
        """Close every screen above the dashboard."""
        from okrtui.screens.dashboard import DashboardScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, DashboardScreen):
            self.pop_screen()

    def edit_objective(self, objective_id: str | None = None) -> None:
        """Open the objective form (a new objective when `objective_id` is None)."""
        from okrtui.screens.objective_form import ObjectiveFormScreen

        def opened(result: Any) -> None:
            if objective_id is None and result is not None:
                self.open_objective(result.id)

        self.push_screen(ObjectiveFormScreen(objective_id, period=self.current_period()),
                         opened)

    # ---- actions -------------------------------------------------------------------

    def action_help(self) -> None:
        """Show every binding of the current screen."""
        from okrtui.screens.help import HelpScreen

        if not isinstance(self.screen, ModalScreen):
            self.push_screen(HelpScreen(screen_bindings(self, self.screen),
                                        self.screen.__class__.__doc__ or ""))

    def action_back(self) -> None:
        """Go back to the previous screen."""
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def action_new_objective(self) -> None:
        """Create an objective in the period on show."""
        self.edit_objective(None)

    def action_kpis(self) -> None:
        """Show the KPIs."""
        from okrtui.screens.kpis import KpisScreen

        period = self.current_period()
        self.to_dashboard()
        self.push_screen(KpisScreen(period))

    def action_alignment(self) -> None:
        """Show the alignment tree of the period on show."""
        from okrtui.screens.alignment import AlignmentScreen

        period = self.current_period()
        self.to_dashboard()
        self.push_screen(AlignmentScreen(period))

    def action_activity(self) -> None:
        """Show who changed what, since this user last looked."""
        from okrtui.screens.activity import ActivityScreen

        self.to_dashboard()
        self.push_screen(ActivityScreen(self.looked))

    def action_review(self) -> None:
        """Show what lint finds in the period on show."""
        from okrtui.screens.review import ReviewScreen

        period = self.current_period()
        self.to_dashboard()
        self.push_screen(ReviewScreen(period))

    def action_grade(self) -> None:
        """Grade the period on show: the dry run first, then grade on confirmation."""
        from okrtui.screens.grade import GradeScreen

        period = self.current_period()
        self.to_dashboard()
        self.push_screen(GradeScreen(period))

    def action_carry(self) -> None:
        """Carry the unfinished objectives of the period on show over to the next one."""
        from okrtui.screens.carry import CarryScreen

        period = self.current_period()
        try:
            screen = CarryScreen(period)
        except NoSuchPeriod as exc:  # nothing comes after 9999-Q4
            self.notify(exc.message, severity="warning", markup=False)
            return
        self.to_dashboard()
        self.push_screen(screen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Back only where there is somewhere to go back to; nothing that needs the
        workspace while it cannot be read."""
        if action == "back":
            stack = self.screen_stack
            # Never back onto the error screen once the file could be read after all.
            return len(stack) > 1 and not getattr(stack[-2], "blocks_workspace_actions", False)
        if getattr(self.screen, "blocks_workspace_actions", False):
            return action in ("help", "quit", "command_palette")
        return True


def run_tui(services: Services, *, demo: bool = False,
            startup_error: str | None = None) -> int:
    """Run the TUI on `services` until the person quits; return the exit code.

    With `startup_error` (the workspace could not be read) it opens on a screen that says
    why, instead of the dashboard.
    """
    app = OkrApp(services, demo=demo, startup_error=startup_error)
    app.run()
    return app.return_code or 0


__all__ = ["OkrApp", "run_tui"]
