"""The Textual app: global keys, the first screen, routing, and which keys work where.

The app holds no state of its own but the session screens read (`app.session`) and knows
no concrete screen: it hands every navigation message to `okrtui.navigation`, which opens
the screen `okrtui.messages.ROUTES` names. The rest lives beside it, each in its module:
`okrtui.watch` watches the file, `okrtui.palette` fills the command palette,
`okrtui.theme` keeps the theme, `okrtui.file_actions` runs undo, redo and pull.
`okrtui` with no subcommand runs `run_tui`; the command line never imports this module.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import signal
from dataclasses import replace
from functools import partial
from typing import Any, ClassVar

from textual import events, on
from textual.app import App
from textual.binding import BindingType
from textual.screen import ModalScreen, Screen

from okrtui import keys
from okrtui.bindings import bindings, screen_bindings
from okrtui.file_actions import FileActions
from okrtui.keygate import KeyGate
from okrtui.messages import Navigate, ViewShown
from okrtui.navigation import Navigator
from okrtui.palette import OkrCommands, RecordFinder
from okrtui.screens.base import OkrScreen
from okrtui.screens.help import HelpScreen
from okrtui.services import Services
from okrtui.session import News, Session
from okrtui.theme import ThemeKeeper
from okrtui.watch import WATCH_START_LATEST, Watcher


class OkrApp(App[int]):
    """OKRs and KPIs in the terminal: global keys, the first screen, and one handler that
    routes every screen's navigation message."""

    CSS_PATH = "app.tcss"
    TITLE = "okrtui"
    COMMANDS: ClassVar = App.COMMANDS | {OkrCommands, RecordFinder}
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.APP)

    def __init__(self, services: Services, *, today: dt.date | None = None,
                 demo: bool = False, startup_error: str | None = None,
                 keymap: keys.Keymap | None = None, notice: str | None = None) -> None:
        super().__init__()
        self.session = Session(services, today if today is not None else services.today(),
                               demo)
        """What every screen reads (replaced whole when the news of others' changes comes)."""
        self.startup_error = startup_error
        self.notice = notice
        """Said in a toast when the TUI opens (where the demo's workspace is)."""
        self.keymap = keymap or keys.Keymap({})
        """The user's `[keys]` from config.toml, checked (`okrtui.keys`)."""
        self.navigator = Navigator(self)
        self.key_gate = KeyGate(self)
        """Keys typed in a burst wait for the screen they were typed for."""
        self.watcher = Watcher(self, services, demo=demo, news_arrived=self.news_arrived)
        self._watch_pending = False
        self.themes = ThemeKeeper(self)
        self.file_actions = FileActions(self)

    def get_default_screen(self) -> Screen[Any]:
        """The dashboard (or the screen that says why the workspace cannot be read)."""
        return self.navigator.first_screen(self.startup_error)

    def on_mount(self) -> None:
        if self.is_headless:
            # Tests and snapshots: nothing moves unless a test moves it.
            self.animation_level = "none"
        else:
            self._handle_hangups()
        if self.keymap.keys:
            self.set_keymap(dict(self.keymap.keys))
        if self.keymap.problems:
            # The rest of the keymap is applied; a wrong entry is said once, never a crash.
            self.notify("\n".join(self.keymap.problems), title="Keys not remapped",
                        severity="warning", markup=False, timeout=20)
        self.themes.start()
        if self.notice:
            # The line printed before the TUI took the screen is hidden behind it now.
            self.notify(self.notice, title="Demo workspace", markup=False, timeout=30)
        if self.startup_error is None:
            # Once the first screen shows its view (ViewShown), or after a while anyway.
            self._watch_pending = True
            self.set_timer(WATCH_START_LATEST, self._start_watching)

    @on(ViewShown)
    def _start_watching(self) -> None:
        """Start watching the file, once (see ViewShown)."""
        if self._watch_pending:
            self._watch_pending = False
            self.watcher.start()

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

    def news_arrived(self, news: News) -> None:
        """Keep what others changed since the last look, and let the screens mention it."""
        self.session = replace(self.session, news=news)
        for screen in self.screen_stack:
            if isinstance(screen, OkrScreen):
                screen.show_news()

    async def on_event(self, event: events.Event) -> None:
        """Every event as Textual handles it, but a key typed while the app is still busy
        with the one before, which waits its turn (`okrtui.keygate`)."""
        if isinstance(event, events.Key) and self.key_gate.hold(event):
            return
        await super().on_event(event)

    @on(Navigate)
    def _navigate(self, message: Navigate) -> None:
        self.navigator.route(message)

    # ---- actions -------------------------------------------------------------------

    def action_help(self) -> None:
        """Show every binding of the current screen."""
        if not isinstance(self.screen, ModalScreen):
            self.push_screen(HelpScreen(screen_bindings(self, self.screen),
                                        self.screen.__class__.__doc__ or ""))

    def action_back(self) -> None:
        """Go back to the previous screen."""
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def action_go(self, message: str) -> None:
        """Show the screen the navigation message called `message` opens, from anywhere
        (the keys n, k, t, r, w, g, C: `go('OpenKpis')`)."""
        self.navigator.go(message)

    def action_resolve(self) -> None:
        """Offer to merge the conflict copies beside the workspace (if there are any)."""
        self.watcher.offer_again()

    def action_undo(self) -> None:
        """Undo my last action: a new change that reverses it (teammates' changes stay)."""
        self.file_actions.reverse("undo")

    def action_redo(self) -> None:
        """Redo what I last undid."""
        self.file_actions.reverse("redo")

    def action_pull(self) -> None:
        """Run the config's [sources] now, in a worker, and say what came of each."""
        self.file_actions.pull()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Back only where there is somewhere to go back to; nothing that needs the
        workspace while it cannot be read."""
        if action == "back":
            stack = self.screen_stack
            # Never back onto the error screen once the file could be read after all.
            return len(stack) > 1 and not _blocks(stack[-2])
        if _blocks(self.screen):
            return action in ("help", "quit", "command_palette")
        # A form or a question open on top: not the moment to change the file under it.
        return not (action in ("undo", "redo") and isinstance(self.screen, ModalScreen))


def _blocks(screen: Screen[Any]) -> bool:
    """Whether `screen` is shown because the workspace cannot be read."""
    return isinstance(screen, OkrScreen) and screen.blocks_workspace_actions


def run_tui(services: Services, *, demo: bool = False, startup_error: str | None = None,
            keymap: keys.Keymap | None = None, notice: str | None = None) -> int:
    """Run the TUI on `services` until the person quits; return the exit code.

    With `startup_error` (the workspace could not be read) it opens on a screen that says
    why, instead of the dashboard; a `notice` is said in a toast when it opens.
    """
    app = OkrApp(services, demo=demo, startup_error=startup_error, keymap=keymap,
                 notice=notice)
    app.run()
    return app.return_code or 0


__all__ = ["OkrApp", "OkrCommands", "run_tui"]
