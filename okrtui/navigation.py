"""The routes' machinery: shows the screen each navigation message asks for, as
`okrtui.messages.ROUTES` says. The only module that imports the concrete screens.

A screen asks for another by posting a message of `okrtui.messages` (`OpenObjective`,
`OpenKpis`, ...); the app hands it to `Navigator.route`, which imports the screen its route
names, lets the screen build itself from the message (`from_message`) and puts it on the
stack. Nothing here knows one screen from another but the dashboard, the bottom of the
stack that screens opened from anywhere go on top of, so that escape leads back there.
"""

from __future__ import annotations

import importlib
from functools import partial
from typing import Any, cast

from textual.app import App
from textual.screen import Screen

from okrtui.domain.records.errors import OkrError
from okrtui.domain.records.periods import Period
from okrtui.messages import ROUTES, Navigate, Route
from okrtui.screens.base import OkrScreen, Opening
from okrtui.screens.dashboard import DashboardScreen
from okrtui.session import Session, SessionHost


def screen_class(route: Route) -> type[OkrScreen[Any]]:
    """The screen class `route` names, imported now (once: Python keeps modules)."""
    module, _, name = route.screen.partition(":")
    cls = getattr(importlib.import_module(f"okrtui.screens.{module}"), name)
    if not (isinstance(cls, type) and issubclass(cls, OkrScreen)):
        raise TypeError(f"route {route.screen} names no okrtui screen")
    return cls


def message_named(name: str) -> type[Navigate]:
    """The routed message class called `name` (an app-wide key's `go('OpenKpis')`)."""
    for message in ROUTES:
        if message.__name__ == name:
            return message
    raise LookupError(f"no route for a message called {name!r}")


class Navigator:
    """Shows the screen each navigation message asks for, on `app`'s screen stack."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.kept: dict[type[OkrScreen[Any]], OkrScreen[Any]] = {}
        """One screen of each class that can be reopened (`OkrScreen.reopen`), kept
        installed when it closes."""

    @property
    def session(self) -> Session:
        """The running TUI's session."""
        return cast(SessionHost, self.app).session

    def first_screen(self, startup_error: str | None) -> Screen[Any]:
        """The dashboard, the bottom of the stack (an error screen instead when the
        workspace file could not be read)."""
        if startup_error is not None:
            from okrtui.screens.workspace_error import WorkspaceErrorScreen

            return WorkspaceErrorScreen(startup_error)
        return DashboardScreen()

    def current_period(self) -> str:
        """The period on show (the quarter of today before the dashboard has loaded)."""
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, OkrScreen) and screen.period_name:
                return screen.period_name
        return Period.quarter_of(self.session.today).name

    def to_dashboard(self) -> None:
        """Close every screen above the dashboard."""
        app = self.app
        while len(app.screen_stack) > 1 and not isinstance(app.screen, DashboardScreen):
            app.pop_screen()

    def route(self, message: Navigate) -> None:
        """Show the screen `message` asks for, where its route says."""
        route = ROUTES.get(type(message))
        if route is None:
            raise LookupError(f"no route for {type(message).__name__}")
        try:
            screen = self._opened(screen_class(route), message)
        except OkrError as exc:  # it cannot open (nothing comes after 9999-Q4): say why
            self.app.notify(exc.message, severity="warning", markup=False)
            return
        if route.over_dashboard:
            self.to_dashboard()
            if message.period and isinstance(self.app.screen, DashboardScreen):
                self.app.screen.show_period(message.period)
        self.app.push_screen(screen, partial(self._closed, screen))

    def _opened(self, cls: type[OkrScreen[Any]], message: Navigate) -> OkrScreen[Any]:
        """The screen of class `cls` for `message`: the one kept, reopened, when it is
        closed (`OkrScreen.REOPENS`); else a new one, kept when it is the first."""
        kept = self.kept.get(cls)
        if kept is not None and kept not in self.app.screen_stack:
            kept.reopen(message)
            return kept
        screen = cls.from_message(message, Opening(self.current_period(), self.session))
        if cls.REOPENS and kept is None:
            self.kept[cls] = screen
            self.app.install_screen(screen, f"kept {cls.__name__}")
        return screen

    def go(self, name: str) -> None:
        """Route a new message of the class called `name` (the app-wide keys' action)."""
        self.route(message_named(name)())

    def _closed(self, screen: OkrScreen[Any], result: Any) -> None:
        if (then := screen.leads_to(result)) is not None:
            self.route(then)
