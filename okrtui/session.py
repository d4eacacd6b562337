"""What every screen of a running TUI reads: one typed, frozen session.

The app builds it once (services, user, today, demo) and replaces it whole when the news
of others' changes arrives; screens read `self.session` and never the app's attributes.
No textual here: the session is plain data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from okrtui.domain.reporting.activity import Activity
from okrtui.services import Services


@dataclass(frozen=True)
class News:
    """Others' changes since this user last looked at this workspace."""

    looked: dt.datetime | None = None
    """When the user last opened this workspace before now (None: never, or not yet known)."""
    activities: tuple[Activity, ...] = ()
    """What others changed since then, oldest first."""


@dataclass(frozen=True)
class Session:
    """The services of one workspace, who is using them, and the day they see."""

    services: Services
    today: dt.date
    demo: bool = False
    news: News = field(default_factory=News)

    @property
    def user(self) -> str:
        """Who is using the TUI (recorded on every change)."""
        return self.services.user


class SessionHost(Protocol):
    """What a screen needs of the app it runs in: the session, and nothing else."""

    @property
    def session(self) -> Session:
        """The session of the running TUI."""
        ...
