"""Status words, as okr-domain.md's "Status words" promises them: each a word and a symbol.

- on track / at risk / off track: progress against the share of the key result's own
  time gone (`pace`), and the owner's latest confidence;
- stale: no check-in for longer than the cadence (`staleness`);
- holding / breached: a keep-above or keep-below key result during its period; it is
  done only when the period ends with the band held;
- done: a milestone marked done, a metric that reached its target;
- an objective takes the status of its weakest key result, stale included;
- graded 0.7: a graded objective shows its grade (in the grade's colour), never "done".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from okrtui.domain.records.models import KeyResult
from okrtui.domain.records.periods import Period
from okrtui.domain.scoring.pace import pace_status, time_elapsed
from okrtui.domain.scoring.progress import BAND_KINDS, holds_band, reached
from okrtui.domain.scoring.staleness import is_stale

Status = Literal["on track", "at risk", "off track", "stale", "holding", "breached", "done",
                 "not started", "graded"]
RAG = Literal["green", "yellow", "red", "none"]

RAG_SYMBOL: dict[str, str] = {"green": "●", "yellow": "▲", "red": "✖", "none": "○"}
STATUS_SYMBOL: dict[str, str] = {
    "on track": "●",
    "at risk": "▲",
    "off track": "✖",
    "stale": "◌",
    "holding": "●",
    "breached": "✖",
    "done": "✔",
    "not started": "○",
}
STATUS_RAG: dict[str, RAG] = {
    "on track": "green",
    "holding": "green",
    "done": "green",
    "at risk": "yellow",
    "stale": "yellow",
    "off track": "red",
    "breached": "red",
    "not started": "none",
}
# Weakest first: an objective is no better than the worst of its key results. A stale key
# result counts (nobody knows how it stands), below the ones known to be behind.
STATUS_ORDER: tuple[Status, ...] = (
    "off track", "breached", "at risk", "stale", "not started", "on track", "holding", "done"
)
# The order status counts are told in ("4 on track, 1 at risk, 2 stale").
STATUS_WORDS: tuple[Status, ...] = (
    "on track", "holding", "at risk", "off track", "breached", "stale", "done", "not started",
    "graded",
)


def kr_status(
    kr: KeyResult,
    progress: float,
    period: Period,
    today: dt.date,
    last: dt.datetime | None,
    confidence: int | None,
    cadence: str,
    current: float | None = None,
) -> Status:
    """A key result's status word on `today` (see the module's docstring); `current` is
    its latest value, which a keep-above/below key result holds its band with or not."""
    band = kr.kind in BAND_KINDS and current is not None
    if reached(kr, current):
        return "done"
    if today < period.start:
        return "not started"
    if band and today > period.end:
        assert current is not None
        return "done" if holds_band(kr, current) else "breached"
    if is_stale(period, cadence, last, kr.created_at, today):
        return "stale"
    if band:
        assert current is not None
        return "holding" if holds_band(kr, current) else "breached"
    status: Status = pace_status(progress, time_elapsed(period, today, kr.created_at, kr.due))
    if confidence is not None:
        # A worried owner knows something the numbers don't show yet.
        if confidence <= 3:
            status = "off track"
        elif confidence <= 6 and status == "on track":
            status = "at risk"
    return status


def weakest(statuses: Iterable[Status]) -> Status:
    """The weakest of some key results' statuses ("not started" for none at all)."""
    return min(statuses, key=STATUS_ORDER.index, default="not started")


def grade_word(grade: float) -> str:
    """A graded objective's status word: "graded 0.3", "graded 0.65", "graded 1.0"."""
    text = f"{grade:.2f}"
    return f"graded {text[:-1] if text.endswith('0') else text}"
