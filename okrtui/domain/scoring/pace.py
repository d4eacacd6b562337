"""Pace, the one rule: progress compared with the share of the key result's own time gone.

A key result's clock runs from the later of its period's start and its creation (one
added mid-quarter, or by a template applied on December 1, starts with its own clock
rather than weeks behind) to its due date, or the period's end when it has none. The
status words, the objective screen's ideal line and lint's ambition checks all use it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from okrtui.domain.records.periods import Period

PaceStatus = Literal["on track", "at risk", "off track"]

# Behind elapsed time by at most this much is on track; by at most AT_RISK_GAP is at risk.
ON_TRACK_GAP = 0.1
AT_RISK_GAP = 0.25


def pace_window(period: Period, created: dt.datetime | None = None,
                due: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day of a key result's own clock (see the module's docstring).

    A due date before the clock starts (a key result added after its due date) makes a
    clock of that one day: the time is all gone."""
    start = period.start if created is None else max(period.start, created.date())
    end = due if due is not None and period.contains(due) else period.end
    start = min(start, end)
    return start, end


def window_days(period: Period, created: dt.datetime | None = None,
                due: dt.date | None = None) -> int:
    """How many days the key result's clock has, both ends included."""
    start, end = pace_window(period, created, due)
    return (end - start).days + 1


def time_elapsed(period: Period, today: dt.date, created: dt.datetime | None = None,
                 due: dt.date | None = None) -> float:
    """The share of the key result's clock gone by the end of `today`, in 0..1."""
    start, end = pace_window(period, created, due)
    if today < start:
        return 0.0
    if today >= end:
        return 1.0
    return ((today - start).days + 1) / ((end - start).days + 1)


def pace_status(progress: float, elapsed: float) -> PaceStatus:
    """On track, at risk or off track: how far progress lags the share of time gone."""
    gap = elapsed - progress
    if gap <= ON_TRACK_GAP:
        return "on track"
    return "at risk" if gap <= AT_RISK_GAP else "off track"
