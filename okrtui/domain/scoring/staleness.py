"""Staleness, the one rule: a key result not checked in for longer than its cadence.

It counts from the last check-in, else from the key result's creation, and never from
before its period's start (a key result planned the week before the quarter has not gone
a cadence unchecked on the quarter's first day). Only while the period runs: before it
nothing is due, and after it the record is what it is. A check-in dated beyond tomorrow
by a teammate's skewed clock (see records/latest.py) does not count as one. The
dashboard, lint, the review, the report, the status line and the due list all ask this
module.
"""

from __future__ import annotations

import datetime as dt

from okrtui.domain.records.latest import horizon, not_future
from okrtui.domain.records.models import CADENCE_DAYS
from okrtui.domain.records.periods import Period


def cadence_days(cadence: str) -> int:
    """How many days a cadence allows between check-ins (weekly: 7)."""
    return CADENCE_DAYS.get(cadence, 7)


def fresh_since(period: Period, last: dt.datetime | None,
                created: dt.datetime | None) -> dt.date:
    """The day staleness counts from: the last check-in's, else the later of the period's
    start and the key result's creation."""
    if last is not None:
        return last.date()
    return period.start if created is None else max(period.start, created.date())


def stale_from(period: Period, cadence: str, last: dt.datetime | None,
               created: dt.datetime | None) -> dt.date:
    """The first day the key result is stale unless someone checks in before it."""
    return fresh_since(period, last, created) + dt.timedelta(days=cadence_days(cadence) + 1)


def is_stale(period: Period, cadence: str, last: dt.datetime | None,
             created: dt.datetime | None, today: dt.date) -> bool:
    """Whether a key result is stale on `today`: its period runs and it has gone longer
    than its cadence without a check-in (see the module's docstring)."""
    if not period.start <= today <= period.end:
        return False
    if last is not None and not not_future(last, horizon(today)):
        last = None  # a skewed clock's check-in, dated beyond tomorrow, hides nothing
    return today >= stale_from(period, cadence, last, created)
