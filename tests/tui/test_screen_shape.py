"""The screen shape holds: every navigation message has a route, every route opens a screen
that builds itself from its message, every full screen is opened by a route, and no screen
misses a method its kind of screen requires.

These are what "a new screen is two files, the screen and its route" rests on: a screen
that forgets its route or a hook fails here, not in front of a person.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest
from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen
from textual.widgets.option_list import Option

import okrtui.screens
from okrtui import keys, messages
from okrtui.domain.records.workspace import Workspace
from okrtui.messages import ROUTES, Navigate, Route
from okrtui.navigation import message_named, screen_class
from okrtui.screens.base import ListScreen, OkrScreen, WorkspaceScreen
from okrtui.screens.hooks import missing_hooks
from okrtui.screens.workspace_error import WorkspaceErrorScreen

FIRST_SCREENS = {WorkspaceErrorScreen}
"""Full screens no route opens: the first screen when the file cannot be read."""


def _screen_classes() -> list[type[Screen[object]]]:
    """Every screen class defined in okrtui.screens."""
    found: list[type[Screen[object]]] = []
    for info in pkgutil.iter_modules(okrtui.screens.__path__):
        module = importlib.import_module(f"okrtui.screens.{info.name}")
        found += [v for v in vars(module).values()
                  if isinstance(v, type) and issubclass(v, Screen)
                  and v.__module__ == module.__name__]
    return found


SCREENS = _screen_classes()
SHOWN = [c for c in SCREENS if not any(o is not c and issubclass(o, c) for o in SCREENS)]
"""The screens that are shown (the others are bases of them)."""
FULL = [c for c in SHOWN if issubclass(c, OkrScreen) and not issubclass(c, ModalScreen)]
NAVIGATE = [c for c in vars(messages).values()
            if isinstance(c, type) and issubclass(c, Navigate) and c is not Navigate]


@pytest.mark.parametrize("message", NAVIGATE, ids=lambda c: c.__name__)
def test_every_navigation_message_has_a_route(message: type[Navigate]) -> None:
    assert message in ROUTES


@pytest.mark.parametrize("message", list(ROUTES), ids=lambda c: c.__name__)
def test_every_route_opens_a_screen_that_builds_itself_from_the_message(
        message: type[Navigate]) -> None:
    cls = screen_class(ROUTES[message])
    assert inspect.getattr_static(cls, "from_message") is not vars(OkrScreen)["from_message"]
    assert missing_hooks(cls) == []


@pytest.mark.parametrize("screen", FULL, ids=lambda c: c.__name__)
def test_every_full_screen_is_opened_by_a_route(screen: type[OkrScreen[object]]) -> None:
    routed = {screen_class(route) for route in ROUTES.values()}
    assert screen in routed | FIRST_SCREENS


@pytest.mark.parametrize("screen", SHOWN, ids=lambda c: c.__name__)
def test_no_screen_misses_a_method_its_kind_requires(screen: type[Screen[object]]) -> None:
    assert missing_hooks(screen) == []


def test_the_app_wide_keys_that_open_a_screen_name_a_routed_message() -> None:
    gone = [k.action for k in keys.APP if k.action.startswith("go(")]
    assert gone  # n, k, t, r, w, g, C
    for action in gone:
        name = re.fullmatch(r"go\('(\w+)'\)", action)
        assert name is not None, action
        assert message_named(name[1]) in ROUTES


def test_a_screen_that_forgets_a_hook_or_names_a_wrong_route_is_found() -> None:
    # The checks above can fail: a list screen with no build_view and no empty_text ...
    class Forgetful(ListScreen[int]):
        def options(self, view: int) -> list[Option | None]:
            return []

    class Whole(WorkspaceScreen[int]):
        def compose_body(self) -> ComposeResult:
            yield from ()

        def build_view(self, ws: Workspace) -> int:
            return 0

        def show_view(self, view: int) -> None:
            pass

    assert missing_hooks(Forgetful) == ["build_view", "empty_text"]
    assert missing_hooks(Whole) == []
    assert missing_hooks(ListScreen) == ["build_view", "empty_text", "options"]
    # ... and a route to what is not a screen, or to a screen that is not there.
    with pytest.raises(TypeError):
        screen_class(Route("base:Opening"))
    with pytest.raises(AttributeError):
        screen_class(Route("kpis:NoSuchScreen"))
    with pytest.raises(LookupError):
        message_named("OpenNothing")
