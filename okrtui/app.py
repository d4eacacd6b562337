"""The Textual app: global keys, the first screen, routing, the command palette.

The app knows no concrete screen: `okrtui.navigation` builds the screen each navigation
message asks for, `okrtui.watch` watches the file, and screens read `app.session`.
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

from textual import on
from textual.app import App
from textual.binding import BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import ModalScreen, Screen

from okrtui import config, keys
from okrtui.bindings import bindings, in_palette, screen_bindings
from okrtui.domain.records.errors import OkrError
from okrtui.messages import Navigate
from okrtui.navigation import Navigator
from okrtui.palette import RecordFinder
from okrtui.screens.base import OkrScreen, refusal_text
from okrtui.screens.help import HelpScreen
from okrtui.services import NothingToUndo, PullReport, Services, UndoResult
from okrtui.session import News, Session
from okrtui.watch import Watcher

PAST = {"undo": "undone", "redo": "redone"}


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


class OkrApp(App[int]):
    """OKRs and KPIs in the terminal: global keys, the first screen, and one handler that
    routes every screen's navigation message."""

    CSS_PATH = "app.tcss"
    TITLE = "okrtui"
    COMMANDS: ClassVar = App.COMMANDS | {OkrCommands, RecordFinder}
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.APP)

    def __init__(self, services: Services, *, today: dt.date | None = None,
                 demo: bool = False, startup_error: str | None = None,
                 keymap: keys.Keymap | None = None) -> None:
        super().__init__()
        self.session = Session(services, today if today is not None else services.today(),
                               demo)
        """What every screen reads (replaced whole when the news of others' changes comes)."""
        self.startup_error = startup_error
        self.keymap = keymap or keys.Keymap({})
        """The user's `[keys]` from config.toml, checked (`okrtui.keys`)."""
        self.navigator = Navigator(self)
        self.watcher = Watcher(self, services, demo=demo, news_arrived=self.news_arrived)

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
        self._apply_theme()
        if self.startup_error is None:
            self.watcher.start()

    # ---- the theme: named in config.toml, remembered there when picked ---------------

    def _apply_theme(self) -> None:
        """Take the config file's theme (a bad name is one notice); then remember in the
        config file any theme picked later (the palette's "Change theme")."""
        try:
            name = config.read_theme()
        except OkrError as exc:
            self.notify(exc.message, title="Theme not changed", severity="warning",
                        markup=False, timeout=20)
            name = None
        if name is not None and name not in self.available_themes:
            known = ", ".join(sorted(self.available_themes))
            self.notify(f"theme {name!r} in {config.config_path()} is not a Textual theme "
                        f"(they are: {known})", title="Theme not changed",
                        severity="warning", markup=False, timeout=20)
        elif name is not None:
            self.theme = name
        self._remembered_theme = self.theme
        self.theme_changed_signal.subscribe(self, self._theme_picked)

    def _theme_picked(self, theme: Any) -> None:
        if theme.name == self._remembered_theme:
            return
        self._remembered_theme = theme.name

        async def remember() -> None:
            try:
                await asyncio.to_thread(config.remember_setting, "theme", theme.name)
            except (OkrError, OSError) as exc:
                self.notify(str(exc), title="Theme not remembered", severity="warning",
                            markup=False)

        self.run_worker(remember(), group="service", exit_on_error=False)

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
        self._reverse("undo")

    def action_redo(self) -> None:
        """Redo what I last undid."""
        self._reverse("redo")

    def _reverse(self, kind: str) -> None:
        """Run the undo (or redo) in a thread; say what it did; show the file as it is now."""
        services = self.session.services
        call = services.undo if kind == "undo" else services.redo

        async def run() -> None:
            try:
                result = await asyncio.to_thread(call)
            except NothingToUndo as exc:
                self.notify(f"{str(exc)[:1].upper()}{str(exc)[1:]}.", markup=False)
                return
            except Exception as exc:  # one line on screen, never a traceback
                self.notify(refusal_text(exc), title=f"Not {PAST[kind]}", severity="error",
                            markup=False)
                return
            self._reversed(result)

        self.run_worker(run(), group="service", exit_on_error=False)

    def action_pull(self) -> None:
        """Run the config's [sources] now, in a worker, and say what came of each."""
        try:
            sources = config.read_sources()
        except OkrError as exc:
            self.notify(exc.message, title="Not pulled", severity="error", markup=False)
            return
        if not sources:
            self.notify(f"No sources: add a [sources] table to {config.config_path()}",
                        title="Not pulled", markup=False)
            return
        services = self.session.services
        self.notify(f"Pulling {len(sources)} source{'s' if len(sources) != 1 else ''}…",
                    markup=False, timeout=4)

        async def run() -> None:
            try:
                report = await asyncio.to_thread(services.pull, sources)
            except Exception as exc:  # one line on screen, never a traceback
                self.notify(refusal_text(exc), title="Not pulled", severity="error",
                            markup=False)
                return
            self._pulled(report)

        self.run_worker(run(), group="service", exit_on_error=False)

    def _pulled(self, report: PullReport) -> None:
        recorded = [r for r in report.results if r.outcome == "recorded"]
        lines = [f"{len(recorded)} recorded, "
                 f"{sum(r.outcome == 'unchanged' for r in report.results)} unchanged, "
                 f"{len(report.failed)} failed"]
        lines += [r.reading.describe() for r in recorded if r.reading is not None]
        lines += [f"{r.key}: {r.message}" for r in report.failed]
        self.notify("\n".join(lines), title="Pulled", markup=False, timeout=10,
                    severity="warning" if report.failed else "information")
        for screen in self.screen_stack:
            if isinstance(screen, OkrScreen):
                screen.reload()

    def _reversed(self, result: UndoResult) -> None:
        past = PAST[result.kind]
        lines = [f"{past.capitalize()}: {result.action}" if result.reversed
                 else f"Nothing {past}: {result.action}"]
        lines += [f"Kept: {line}" for line in result.kept]
        self.notify("\n".join(lines), markup=False, timeout=8,
                    severity="information" if result.reversed else "warning")
        for screen in self.screen_stack:
            if isinstance(screen, OkrScreen):
                screen.reload()

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
            keymap: keys.Keymap | None = None) -> int:
    """Run the TUI on `services` until the person quits; return the exit code.

    With `startup_error` (the workspace could not be read) it opens on a screen that says
    why, instead of the dashboard.
    """
    app = OkrApp(services, demo=demo, startup_error=startup_error, keymap=keymap)
    app.run()
    return app.return_code or 0


__all__ = ["OkrApp", "run_tui"]
