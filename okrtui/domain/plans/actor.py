"""Who acts, when, and where new ids come from: what every plan is handed.

The domain reads no clock and draws no random ids: the services build an Actor for each
action (the user, now in their own time zone, their id source), and a form previewing
the same action builds one the same way, so the preview and the save run one plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    """The person acting, the moment they act (aware, in their own time zone, so its date
    is their today) and a source of fresh record ids."""

    user: str
    now: dt.datetime
    new_id: Callable[[], str]

    @property
    def at(self) -> dt.datetime:
        """The moment as records store it, in UTC."""
        return self.now.astimezone(dt.UTC)

    @property
    def today(self) -> dt.date:
        """The person's today."""
        return self.now.date()

    def stamp(self) -> dict[str, Any]:
        """The fields an edit stamps: when and by whom."""
        return {"updated_at": self.at, "updated_by": self.user}

    def created(self) -> dict[str, Any]:
        """A fresh id and the creation stamps of a new record."""
        return {"id": self.new_id(), "created_at": self.at, "created_by": self.user,
                **self.stamp()}
