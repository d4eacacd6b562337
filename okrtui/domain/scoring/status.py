"""Status words, as okr-domain.md's "Status words" promises them: each a word and a symbol.

A key result's status weighs its progress against the time gone (pace), the owner's
latest confidence and staleness; an objective's follows from its key results'.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from okrtui.domain.records.models import KeyResult
from okrtui.domain.records.periods import Period
from okrtui.domain.scoring.pace import pace_status, time_elapsed
from okrtui.domain.scoring.staleness import is_stale

Status = Literal["on track", "at risk", "off track", "stale", "done", "not started"]
RAG = Literal["green", "yellow", "red", "none"]

STATUS_SYMBOL: dict[str, str] = {
    "on track": "●",
    "at risk": "▲",
    "off track": "✖",
    "stale": "◌",
    "done": "✔",
    "not started": "○",
}
STATUS_RAG: dict[str, RAG] = {
    "on track": "green",
    "done": "green",
    "at risk": "yellow",
    "stale": "yellow",
    "off track": "red",
    "not started": "none",
}
# Weakest first: an objective is no better than the worst of its live key results.
STATUS_ORDER: tuple[Status, ...] = (
    "off track", "at risk", "stale", "on track", "not started", "done"
)


def kr_status(
    kr: KeyResult,
    progress: float,
    period: Period,
    today: dt.date,
    last: dt.datetime | None,
    confidence: int | None,
    cadence: str,
) -> Status:
    """In-period status: progress against the share of the key result's own time gone
    (`pace`), the owner's confidence, staleness (`staleness`)."""
    if progress >= 1.0 - 1e-9:
        return "done"
    if today < period.start:
        return "not started"
    if is_stale(period, cadence, last, kr.created_at, today):
        return "stale"
    status: Status = pace_status(progress, time_elapsed(period, today, kr.created_at, kr.due))
    if confidence is not None:
        # A worried owner knows something the numbers don't show yet.
        if confidence <= 3:
            status = "off track"
        elif confidence <= 6 and status == "on track":
            status = "at risk"
    return status
