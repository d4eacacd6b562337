"""What every okrtui screen is to the app, declared once, and the workers they share.

The app asks a screen for these things and nothing else: `from_message` (build the screen
a navigation message asks for), `leads_to` (where to go once it closes), `reload` (someone
changed the file), `period_name` (the period new objectives go into), `show_news` (others'
changes arrived), `palette_commands` (records to jump to) and `blocks_workspace_actions`
(the workspace cannot be read). They are declared here with harmless defaults; a screen
overrides the ones it has. The methods a kind of screen cannot do without are marked
`@required` on its base (`WorkspaceScreen.build_view`, ...): `hooks.missing_hooks` names the
ones a screen forgot, and the screen-shape test runs it over every screen.

Reads and saves run off the UI thread (a read may wait for a sync tool, a save takes the
file lock): `read_workspace` and `run_service` hand the typed result to a callback on the
UI thread, or one readable line on failure. A flow that asks first is an `ASKING` worker
that awaits the dialog in a straight line (`await self.ask(dialog)`), then starts the
work in a worker of its own; tests wait for every worker but those waiting for an answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar, Self, TypeVar, cast

from rich.text import Text
from textual import events, on
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.worker import Worker

from okrtui.domain.records.errors import describe
from okrtui.domain.records.workspace import Workspace
from okrtui.messages import Navigate, WorkspaceChanged
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.hooks import ERRORS, Opening, PaletteCommand
from okrtui.services import Services
from okrtui.session import Session, SessionHost

ASKING = "asking"
"""The worker group of flows that wait for a person's answer in a dialog."""

LOAD_FAILED = "Cannot read the workspace"
"""The title of the notice when a screen cannot read the workspace."""

FIRST_FRAME_WAIT = 0.5
"""Seconds a read waits for its first view's frame before building the rest anyway."""

T = TypeVar("T")


class OkrScreen(Screen[ScreenResultType]):
    """An okrtui screen: reads the session, posts navigation, runs store work in workers."""

    blocks_workspace_actions: ClassVar[bool] = False
    """True on a screen shown while the workspace cannot be read: the app then allows
    only help, quit and the command palette."""

    _asking = 0
    """How many dialogs opened with `ask` are waiting for an answer."""

    _styled_for: str | None = None
    """The theme the screen's widgets were last styled in (None: not yet shown)."""

    @on(events.ScreenResume)
    def _keep_styles(self, event: events.ScreenResume) -> None:
        # Textual styles every widget of a screen again each time it shows (back from a
        # dialog, from an objective, a kept screen reopened): as costly as building them.
        # Nothing but a theme picked meanwhile changes okrtui's styles.
        if self._styled_for == self.app.theme:
            event.refresh_styles = False
        self._styled_for = self.app.theme

    def takes_keys(self) -> bool:
        """Whether keys typed now may reach the screen, or wait (`okrtui.keygate`) until
        its first read has arrived: a screen takes them at once unless it says otherwise."""
        return True

    saving = False
    """Whether a save started with `run_save` is running: a screen's `check_action` reads it,
    so that no second save of the same thing starts before the first has answered."""

    # ---- what the app may ask of a screen -----------------------------------------------

    @classmethod
    def from_message(cls, message: Navigate, opening: Opening) -> Self:
        """The screen `message` asks for (a screen its route opens defines it; it may
        raise OkrError to say, in a warning, why it cannot open)."""
        raise NotImplementedError(f"{cls.__name__} is opened by no route")

    REOPENS: ClassVar[bool] = False
    """Whether the navigator keeps one screen of this class when it closes, and reopens it
    (`reopen`) rather than build a new one: for a screen whose widgets cost more to build
    than its data (the objective's)."""

    def reopen(self, message: Navigate) -> None:
        """Show what `message` asks for, as a new screen from `from_message` would: this
        screen was opened before and has closed since (REOPENS)."""
        raise NotImplementedError(f"{type(self).__name__} does not reopen")

    def leads_to(self, result: Any) -> Navigate | None:
        """Where to go once this screen, opened by a route, closed with `result`."""
        return None

    @property
    def period_name(self) -> str | None:
        """The period this screen is about (new objectives go into it); None: no period."""
        return None

    def reload(self) -> None:
        """Read the workspace again, because someone else changed it (nothing by default)."""

    def show_news(self) -> None:
        """Others' changes since the last look have arrived in `session.news`."""

    def palette_commands(self) -> list[PaletteCommand]:
        """Records the command palette offers on this screen, besides its key actions."""
        return []

    @on(WorkspaceChanged)
    def _workspace_changed(self) -> None:
        self.reload()

    # ---- what a screen reads --------------------------------------------------------------

    @property
    def session(self) -> Session:
        """The running TUI's session: services, user, today, demo, news."""
        return cast(SessionHost, self.app).session

    @property
    def services(self) -> Services:
        """The services of the running TUI."""
        return self.session.services

    @property
    def today(self) -> dt.date:
        """The TUI's today (fixed in tests and snapshots)."""
        return self.session.today

    async def ask(self, dialog: Screen[T]) -> T:
        """Show `dialog` and wait for its answer (call it in a worker of the ASKING group).

        Closing the dialog does not read the workspace again: the flow that asked goes on
        with the answer and reads (or saves, then reads) as it needs to.
        """
        self._asking += 1
        try:
            return await self.app.push_screen_wait(dialog)
        finally:
            self._asking -= 1

    async def confirm(self, question: Text, yes: str, *, danger: bool = False) -> bool:
        """Ask a yes/no question (`yes` names the deed); True when the person says yes."""
        return bool(await self.ask(ConfirmScreen(question, yes=yes, danger=danger)))

    @property
    def asking(self) -> bool:
        """Whether a dialog this screen opened with `ask` is waiting for an answer."""
        return self._asking > 0

    def navigate(self, message: Navigate) -> None:
        """Ask the app to show another screen (straight to the app: nothing between the
        screen and the app routes navigation)."""
        self.app.post_message(message)

    # ---- workers ---------------------------------------------------------------------------

    def failure_text(self, error: Exception) -> str:
        """One line for what went wrong in a read or a service call."""
        if isinstance(error, ERRORS):
            return self.services.explain(error) or describe(error)
        return f"unexpected {type(error).__name__}: {error}"

    def load_failed(self, text: str) -> None:
        """The load-failure notice: the workspace could not be read."""
        self.notify(text, title=LOAD_FAILED, severity="error", markup=False)

    def read_workspace(self, build: Callable[[Workspace], T], done: Callable[[T], None],
                       failed: Callable[[str], None] | None = None, *,
                       first: Callable[[Workspace], T | None] | None = None) -> Worker[None]:
        """Read the workspace and `build` a view of it in a thread; hand it to `done` (a
        newer read cancels this one, so only the latest view arrives). On failure, `failed`
        gets one line (default: the load-failure notice).

        `first` builds a view that is quicker to make (what fits on the screen) from the
        same read: `done` gets it as soon as it is made, and `build` starts once that view
        is on the terminal (None: `build`'s alone)."""

        def start() -> tuple[Workspace, T | None]:
            ws = self.services.workspace()
            return ws, (first(ws) if first is not None else None)

        async def read() -> None:
            try:
                ws, quick = await asyncio.to_thread(start)
                if quick is not None:
                    await self._shown(done, quick)
                view = await asyncio.to_thread(build, ws)
            except Exception as exc:  # one line on screen, never a traceback
                self.call_later(failed or self.load_failed, self.failure_text(exc))
                return
            # Through the screen's queue, after what it has to do first (its first layout).
            self.call_later(done, view)

        return self.run_worker(read, group="load", exclusive=True, exit_on_error=False)

    async def _shown(self, done: Callable[[T], None], view: T) -> None:
        """Hand `view` to `done` and wait until the frame that shows it is painted.

        The build that follows holds the interpreter in its thread, and a frame waits for
        it: the dashboard's first screenful reached the terminal only after the rest of
        the period was scored, 40-90 ms later at team scale. The wait is bounded, so a
        screen stack that changed meanwhile never holds the rest back.
        """
        painted = asyncio.Event()

        def show() -> None:
            done(view)
            self.call_after_refresh(painted.set)

        self.call_later(show)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(painted.wait(), FIRST_FRAME_WAIT)

    def run_service(self, call: Callable[[], T], done: Callable[[T], None],
                    failed: Callable[[Exception, str], None]) -> Worker[None]:
        """Run one service call (one store transaction) in a thread; hand its result to
        `done`, or the error and its one line to `failed`."""

        async def run() -> None:
            try:
                result = await asyncio.to_thread(call)
            except Exception as exc:  # one line on screen, never a traceback
                self.call_later(failed, exc, self.failure_text(exc))
                return
            self.call_later(done, result)

        return self.run_worker(run, group="service", exit_on_error=False)

    def run_save(self, call: Callable[[], T], done: Callable[[T], None],
                 failed: Callable[[Exception, str], None]) -> Worker[None]:
        """Run the service call that saves, as `run_service` does, with `saving` True until
        it answers; the footer shows what `check_action` allows meanwhile."""

        def answered() -> None:
            self.saving = False
            self.refresh_bindings()

        def saved(result: T) -> None:
            answered()
            done(result)

        def refused(error: Exception, text: str) -> None:
            answered()
            failed(error, text)

        self.saving = True
        self.refresh_bindings()
        return self.run_service(call, saved, refused)

    def not_saved(self, title: str) -> Callable[[Exception, str], None]:
        """A `failed` callback that says why in an error notice titled `title`."""

        def failed(error: Exception, text: str) -> None:
            self.notify(text, title=title, severity="error", markup=False)

        return failed


class OkrModal(ModalScreen[ScreenResultType], OkrScreen[ScreenResultType]):
    """An okrtui dialog over the screen it came from.

    ModalScreen comes first: Textual takes a class's CSS type names (`ModalScreen { }` in
    app.tcss) from the first base of each class only.
    """
