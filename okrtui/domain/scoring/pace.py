"""Pace, the one rule: progress compared with the share of the time gone."""

from __future__ import annotations

from typing import Literal

PaceStatus = Literal["on track", "at risk", "off track"]

# Behind elapsed time by at most this much is on track; by at most AT_RISK_GAP is at risk.
ON_TRACK_GAP = 0.1
AT_RISK_GAP = 0.25


def pace_status(progress: float, elapsed: float) -> PaceStatus:
    """On track, at risk or off track: how far progress lags the share of time gone."""
    gap = elapsed - progress
    if gap <= ON_TRACK_GAP:
        return "on track"
    return "at risk" if gap <= AT_RISK_GAP else "off track"
