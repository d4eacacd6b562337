"""Scores, grades, in-period status and RAG colours, as okr-domain.md defines them."""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from okrtui.domain.records.latest import checkin_order, measurement_order
from okrtui.domain.records.models import (
    CADENCE_DAYS,
    KPI,
    CheckIn,
    KeyResult,
    Measurement,
    Objective,
)
from okrtui.domain.records.periods import Period

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
# Behind elapsed time by at most this much is on track; by at most AT_RISK_GAP is at risk.
ON_TRACK_GAP = 0.1
AT_RISK_GAP = 0.25


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
    holds = value >= target if kr.kind == "above" else value <= target
    if holds:
        return 1.0
    if not partial or value <= 0 or target <= 0:
        return 0.0
    return clamp(value / target if kr.kind == "above" else target / value)


def grade_rag(score: float) -> RAG:
    """Colour of an end-of-period grade: 0.0-0.3 red, 0.4-0.6 yellow, 0.7-1.0 green."""
    if score >= 0.7 - 1e-9:
        return "green"
    if score >= 0.4 - 1e-9:
        return "yellow"
    return "red"


def grade_verdict(objective: Objective, grade: float) -> str:
    """What a grade says about ambition, for aspirational and committed objectives."""
    if objective.committed:
        return "met" if grade >= 1.0 - 1e-9 else "missed: committed objectives must reach 1.0"
    if grade >= 1.0 - 1e-9:
        return "not ambitious enough: an aspirational objective graded 1.0"
    if 0.6 - 1e-9 <= grade <= 0.7 + 1e-9:
        return "in the sweet spot"
    return "below the sweet spot" if grade < 0.6 else "above the sweet spot"


@dataclass(frozen=True)
class KRScore:
    """Everything the screens and reports show about one key result on one day."""

    kr: KeyResult
    current: float | None
    raw: float
    progress: float
    status: Status
    rag: RAG
    confidence: int | None
    last_checkin: dt.datetime | None
    checkins: int


def pace_status(progress: float, elapsed: float) -> Status:
    """On track, at risk or off track: how far progress lags the share of time gone."""
    gap = elapsed - progress
    if gap <= ON_TRACK_GAP:
        return "on track"
    return "at risk" if gap <= AT_RISK_GAP else "off track"


def kr_status(
    progress: float,
    period: Period,
    today: dt.date,
    last: dt.datetime | None,
    confidence: int | None,
    cadence: str,
    created: dt.datetime | None = None,
) -> Status:
    """In-period status: progress against time elapsed, the owner's confidence, staleness.

    Staleness counts from the last check-in, or without one from when the key result was
    `created` (or the period started, whichever is later): a key result added yesterday
    has not gone a cadence without a check-in.
    """
    if progress >= 1.0 - 1e-9:
        return "done"
    if today < period.start:
        return "not started"
    limit = CADENCE_DAYS.get(cadence, 7)
    if last is not None:
        since = last.date()
    else:
        since = period.start if created is None else max(period.start, created.date())
    if today <= period.end and (today - since).days > limit:
        return "stale"
    status = pace_status(progress, period.elapsed(today))
    if confidence is not None:
        # A worried owner knows something the numbers don't show yet.
        if confidence <= 3:
            status = "off track"
        elif confidence <= 6 and status == "on track":
            status = "at risk"
    return status


def score_kr(
    kr: KeyResult,
    checkins: Sequence[CheckIn],
    period: Period,
    today: dt.date,
    cadence: str = "weekly",
    *,
    partial: bool = False,
) -> KRScore:
    """Score a key result from its check-ins (any order) on `today` (one dated beyond
    tomorrow by a skewed clock is current only where nothing else is: see latest.py)."""
    live = sorted((c for c in checkins if not c.deleted), key=checkin_order(today))
    return score_kr_latest(kr, live[-1] if live else None, len(live), period, today, cadence,
                           partial=partial)


def score_kr_latest(
    kr: KeyResult,
    last: CheckIn | None,
    count: int,
    period: Period,
    today: dt.date,
    cadence: str = "weekly",
    *,
    partial: bool = False,
) -> KRScore:
    """Score a key result from its newest live check-in and how many live ones it has:
    a score needs no more of its history than that."""
    current = last.value if last else None
    raw = raw_progress(kr, current, partial=partial)
    progress = clamp(raw)
    confidence = last.confidence if last else None
    status = kr_status(progress, period, today, last.at if last else None, confidence, cadence,
                       kr.created_at)
    return KRScore(
        kr=kr,
        current=current,
        raw=raw,
        progress=progress,
        status=status,
        rag=STATUS_RAG[status],
        confidence=confidence,
        last_checkin=last.at if last else None,
        checkins=count,
    )


@dataclass(frozen=True)
class ObjectiveScore:
    """An objective's weighted score and status on one day."""

    objective: Objective
    score: float
    status: Status
    rag: RAG
    key_results: tuple[KRScore, ...]
    verdict: str | None


STATUS_ORDER: tuple[Status, ...] = (
    "off track", "at risk", "stale", "on track", "not started", "done"
)


def score_objective(objective: Objective, krs: Sequence[KRScore], today: dt.date) -> ObjectiveScore:
    """Weighted average of the key results' clamped scores, with a status and colour."""
    total = sum(k.kr.weight for k in krs)
    score = sum(k.progress * k.kr.weight for k in krs) / total if total else 0.0
    verdict = None
    if objective.grade is not None:
        verdict = grade_verdict(objective, objective.grade)
        rag = grade_rag(objective.grade)
        status: Status = "done"
        return ObjectiveScore(objective, objective.grade, status, rag, tuple(krs), verdict)
    if not krs:
        status = "not started"
    elif all(k.status == "done" for k in krs):
        status = "done"
    elif all(k.status in ("stale", "done") for k in krs):
        status = "stale"
    else:
        period = Period.parse(objective.period)
        status = pace_status(score, period.elapsed(today))
        if today < period.start:
            status = "not started"
        # The objective is no better than its worst live key result's confidence says.
        worst = min(STATUS_ORDER.index(k.status) for k in krs if k.status != "stale")
        if STATUS_ORDER.index(status) > worst and STATUS_ORDER[worst] in ("off track", "at risk"):
            status = "at risk" if status == "on track" else status
    return ObjectiveScore(objective, score, status, STATUS_RAG[status], tuple(krs), verdict)


def kpi_rag(kpi: KPI, value: float | None) -> RAG:
    """Red, yellow or green for a KPI value against its thresholds ("none" without them)."""
    if value is None or kpi.green is None or kpi.red is None:
        return "none"
    if kpi.direction == "higher":
        return "green" if value >= kpi.green else "red" if value <= kpi.red else "yellow"
    return "green" if value <= kpi.green else "red" if value >= kpi.red else "yellow"


def latest_measurement(measurements: Sequence[Measurement],
                       today: dt.date | None = None) -> Measurement | None:
    """The newest live measurement (by date, then time recorded); with `today`, one dated
    beyond tomorrow is latest only where nothing else is (see latest.py)."""
    live = [m for m in measurements if not m.deleted]
    return max(live, key=measurement_order(today)) if live else None
