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
from okrtui.domain.scoring.progress import clamp, raw_progress
from okrtui.domain.scoring.status import (
    RAG,
    RAG_SYMBOL,
    STATUS_RAG,
    STATUS_SYMBOL,
    Status,
    grade_word,
    kr_status,
    weakest,
)


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

    @property
    def word(self) -> str:
        """The status word: "on track", "holding", "stale", ..."""
        return self.status

    @property
    def symbol(self) -> str:
        """The status symbol, so that it reads without colour: "●", "▲", "◌", ..."""
        return STATUS_SYMBOL[self.status]


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
                       cadence, current)
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

    @property
    def word(self) -> str:
        """The status word: its weakest key result's, or "graded 0.3" once graded."""
        if self.status == "graded" and self.objective.grade is not None:
            return grade_word(self.objective.grade)
        return self.status

    @property
    def symbol(self) -> str:
        """The status symbol; a graded objective's is its grade colour's ("✖" for red)."""
        if self.status == "graded":
            return RAG_SYMBOL[self.rag]
        return STATUS_SYMBOL[self.status]


def score_objective(objective: Objective, krs: Sequence[KRScore]) -> ObjectiveScore:
    """Weighted average of the key results' clamped scores; the status of the weakest key
    result (stale included), or "graded" with the grade's colour and verdict."""
    total = sum(k.kr.weight for k in krs)
    score = sum(k.progress * k.kr.weight for k in krs) / total if total else 0.0
    if objective.grade is not None:
        return ObjectiveScore(objective, objective.grade, "graded", grade_rag(objective.grade),
                              tuple(krs), grade_verdict(objective, objective.grade))
    status = weakest(k.status for k in krs)
    return ObjectiveScore(objective, score, status, STATUS_RAG[status], tuple(krs), None)
