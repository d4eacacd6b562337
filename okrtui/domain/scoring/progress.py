"""Progress: how far a key result is towards its target, as okr-domain.md's Scoring says."""

from __future__ import annotations

import math
import sys

from okrtui.domain.records.models import KeyResult

# Keep-above and keep-below key results hold a band rather than reach a target.
BAND_KINDS = ("above", "below")


def clamp(value: float) -> float:
    """Clamp a raw score into 0..1 for display and averaging."""
    return min(1.0, max(0.0, value))


def _metric_ratio(value: float, start: float, target: float) -> float:
    """(value - start) / (target - start) for any finite numbers, as a finite number.

    The model takes any finite numbers, but their differences can overflow (start -1e308,
    target 1e308): halving all three first keeps them finite and the ratio the same. A
    ratio beyond the float range (a tiny span, a huge value) is held at the largest float,
    so the raw score stays a number that JSON can carry.
    """
    gained, span = value - start, target - start
    if not (math.isfinite(gained) and math.isfinite(span)):
        gained, span = value / 2 - start / 2, target / 2 - start / 2
    biggest = sys.float_info.max
    return max(-biggest, min(biggest, gained / span))


def holds_band(kr: KeyResult, value: float) -> bool:
    """Whether `value` holds a keep-above (at or above) or keep-below (at or below) band."""
    target = kr.target if kr.target is not None else 1.0
    return value >= target if kr.kind == "above" else value <= target


def reached(kr: KeyResult, current: float | None) -> bool:
    """Whether a key result is done by its value: a milestone marked done, a metric at or
    beyond its target. A keep-above/below key result is never reached by a value: it
    holds its band, and is done only when its period ends holding (`status`)."""
    return kr.kind not in BAND_KINDS and current is not None and \
        clamp(raw_progress(kr, current)) >= 1.0 - 1e-9


def raw_progress(kr: KeyResult, current: float | None, *, partial: bool = False) -> float:
    """Score of a key result for a current value; may exceed 1 (kept as over-achievement).

    Metric: (current - start) / (target - start), which works for decreasing metrics too.
    Milestone: 0 until done (value >= 1), then 1. Keep-above/below: 1 while the value holds
    the band, else 0, or with `partial` the fraction of the way from 0 to the band.
    """
    value = kr.start if current is None else current
    target = kr.target if kr.target is not None else 1.0
    if kr.kind == "metric":
        return _metric_ratio(value, kr.start, target)
    if kr.kind == "milestone":
        return 1.0 if value >= 1.0 else 0.0
    if current is None:
        return 0.0
    if holds_band(kr, value):
        return 1.0
    if not partial or value <= 0 or target <= 0:
        return 0.0
    return clamp(value / target if kr.kind == "above" else target / value)
