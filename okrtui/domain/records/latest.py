"""Which check-in is a key result's current value, and which value a KPI's latest, when a
teammate's clock is wrong.

The newest is the one dated last, but a check-in stamped a year ahead by a skewed clock
would stay the newest for a year, and every check-in made meanwhile would count for
nothing: the key result would be frozen. So a record dated beyond `horizon(today)` (the
end of tomorrow, UTC: no time zone is further ahead) ranks below every record dated
before it. It is kept and listed as it is, and becomes current only where nothing else
is, or once its date has come. The domain has no clock: callers pass today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from okrtui.domain.records.models import CheckIn, Measurement


def horizon(today: dt.date | None) -> dt.datetime | None:
    """The first moment after every moment that can be "now" somewhere on `today`."""
    if today is None:
        return None
    return dt.datetime.combine(today + dt.timedelta(days=2), dt.time.min, dt.UTC)


def not_future(moment: dt.datetime, limit: dt.datetime | None) -> bool:
    """Whether `moment` (aware) is before the horizon `limit` (always, without one)."""
    return limit is None or moment < limit


def checkin_order(today: dt.date | None) -> Callable[[CheckIn], tuple[Any, ...]]:
    """The order of a key result's check-ins whose last is the current one."""
    limit = horizon(today)
    return lambda c: (not_future(c.at, limit), c.at, c.id)


def measurement_order(today: dt.date | None) -> Callable[[Measurement], tuple[Any, ...]]:
    """The order of a KPI's values whose last is the latest (by date, then recorded)."""
    limit = horizon(today)
    return lambda m: (not_future(_midnight(m.date), limit), m.date, m.at, m.id)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, dt.UTC)
