"""The TUI's theme: `theme = "..."` in config.toml, and a theme picked in the palette
("Change theme") remembered there.

A bad name is one notice at start-up, never a crash; remembering runs in a worker (the
config file is a file like any other: it may be slow or read-only).
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.app import App
from textual.theme import Theme

from okrtui import config
from okrtui.domain.records.errors import OkrError


class ThemeKeeper:
    """Takes the config file's theme for `app`, and remembers the one picked later."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.remembered = app.theme

    def start(self) -> None:
        """Take the config file's theme (a bad name is one notice); then remember in the
        config file any theme picked later."""
        app = self.app
        try:
            name = config.read_theme()
        except OkrError as exc:
            app.notify(exc.message, title="Theme not changed", severity="warning",
                       markup=False, timeout=20)
            name = None
        if name is not None and name not in app.available_themes:
            known = ", ".join(sorted(app.available_themes))
            app.notify(f"theme {name!r} in {config.config_path()} is not a Textual theme "
                       f"(they are: {known})", title="Theme not changed",
                       severity="warning", markup=False, timeout=20)
        elif name is not None:
            app.theme = name
        self.remembered = app.theme
        app.theme_changed_signal.subscribe(app, self.picked)

    def picked(self, theme: Theme) -> None:
        """A theme was picked: write it into the config file, in a worker."""
        if theme.name == self.remembered:
            return
        self.remembered = theme.name

        async def remember() -> None:
            try:
                await asyncio.to_thread(config.remember_setting, "theme", theme.name)
            except (OkrError, OSError) as exc:
                self.app.notify(str(exc), title="Theme not remembered", severity="warning",
                                markup=False)

        self.app.run_worker(remember(), group="service", exit_on_error=False)
