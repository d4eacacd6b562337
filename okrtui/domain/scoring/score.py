"""Scores of key results and objectives on one day: progress, status and colour together.

The rules are each in their own module: progress (`progress`), pace (`pace`), staleness
(`staleness`), status words (`status`), grades (`grades`), KPI health (`kpi`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from okrtui.domain.records.latest import checkin_order
from okrtui.domain.records.models import CheckIn, KeyResult, Objective
from okrtui.domain.records.periods import Period
from okrtui.domain.scoring.grades import grade_rag, grade_verdict
from okrtui.domain.scoring.pace import pace_status
from okrtui.domain.scoring.progress import clamp, raw_progress
from okrtui.domain.scoring.status import RAG, STATUS_ORDER, STATUS_RAG, Status, kr_status


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
    status = kr_status(kr, progress, period, today, last.at if last else None, confidence,
                       cadence)
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
