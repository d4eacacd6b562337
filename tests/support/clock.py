"""The one fixed clock of the tests: 2026-11-22 09:30 UTC, moved only where a test says."""

from __future__ import annotations

import datetime as dt

NOW = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()


class FixedClock:
    """A clock that stays where a test puts it."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward."""
        self.now += dt.timedelta(**delta)


def on_day(clock: FixedClock, day: dt.date, hour: int = 12) -> None:
    """Move the test clock to `day` at `hour` UTC."""
    clock.now = dt.datetime.combine(day, dt.time(hour), dt.UTC)


def reset(clock: FixedClock) -> None:
    """Put the test clock back at the fixed now (2026-11-22 09:30 UTC)."""
    clock.now = NOW
