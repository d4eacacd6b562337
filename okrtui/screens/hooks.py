"""What the app, the routes and the screen-shape test know of a screen besides the screen
itself: what a route hands a screen it opens, the palette entries a screen adds, the
methods a kind of screen requires, and the one line a failure or a source reads as.

Plain functions and records (no screen class here), so that `okrtui.screens.base` and
whoever checks the screens can share them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from pydantic import ValidationError

from okrtui.domain.records.errors import OkrError, describe
from okrtui.services import Services
from okrtui.session import Session

ERRORS: tuple[type[Exception], ...] = (OkrError, ValidationError, OSError)
"""What a service or a read can raise that a person should read as one line."""

F = TypeVar("F", bound=Callable[..., Any])


def required(method: F) -> F:
    """Mark a method of a screen base that every screen of that kind must define."""
    method.__required_hook__ = True  # type: ignore[attr-defined]
    return method


def _is_required(attribute: object) -> bool:
    return bool(getattr(getattr(attribute, "__func__", attribute), "__required_hook__", False))


def missing_hooks(cls: type) -> list[str]:
    """The `@required` methods that `cls` inherits without defining them (none, for a
    screen that is ready to be shown)."""
    names = {name for klass in cls.__mro__ for name, value in vars(klass).items()
             if _is_required(value)}
    return sorted(name for name in names if _is_required(inspect.getattr_static(cls, name)))


class Opening(NamedTuple):
    """What a route knows when it opens a screen, besides the message."""

    period: str
    """The period on show (the quarter of today before the dashboard has loaded)."""
    session: Session


def refusal_text(error: Exception) -> str:
    """A service's refusal as a sentence on screen: the rule's own words, without the
    CLI's "field: " prefix (the screen shows where it belongs)."""
    if isinstance(error, OkrError):
        return error.message
    return describe(error) if isinstance(error, ERRORS) else (
        f"unexpected {type(error).__name__}: {error}")


def source_lines(services: Services, table: str) -> dict[str, str]:
    """Record id -> "from the source '9c1e' · pulled Nov 21 14:02: recorded 12", for each
    key result (`table` "key_results") or KPI ("kpis") that the user's config gives a
    source (read in a worker; a broken config shows no sources: `okrtui pull` says why)."""
    from okrtui import config
    from okrtui.services.pull import source_line
    from okrtui.widgets.format import moment

    try:
        sources = config.read_sources()
    except OkrError:
        return {}
    return {s.record_id: source_line(s, moment) for s in services.source_statuses(sources)
            if s.record_id is not None and s.table == table}


class PaletteCommand(NamedTuple):
    """One entry a screen adds to the command palette: a record to jump to."""

    name: str
    help: str
    callback: Callable[[], Any]
