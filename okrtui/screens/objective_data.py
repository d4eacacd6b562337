"""What the objective screen shows, read from one version of the workspace."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from okrtui.domain.records.errors import NotFound
from okrtui.domain.records.models import CheckIn, Initiative, Objective
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting.history import HistoryRow, checkin_history
from okrtui.domain.reporting.initiatives import initiative_order
from okrtui.domain.scoring.score import ObjectiveScore
from okrtui.domain.scoring.views import objective_score


@dataclass(frozen=True)
class ObjectiveData:
    """What the objective screen shows, made from one version of the workspace."""

    score: ObjectiveScore
    checkins: dict[str, tuple[CheckIn, ...]]
    parent: Objective | None
    max_key_results: int
    sources: dict[str, str] = field(default_factory=dict)  # kr id -> its source, in words
    history: dict[str, tuple[HistoryRow, ...]] = field(default_factory=dict)
    """Each key result's check-ins as its history list shows them, newest first."""
    initiatives: dict[str, tuple[Initiative, ...]] = field(default_factory=dict)
    """Each key result's live initiatives, in their order."""


def objective_view(ws: Workspace, objective_id: str, today: dt.date,
                   sources: dict[str, str]) -> ObjectiveData | None:
    """What the objective screen shows of `objective_id` in `ws` on `today`, its key
    results' sources given (None: the objective is gone)."""
    try:
        objective = ws.objective(objective_id)
    except NotFound:
        return None  # gone from the file (a restore, a teammate's hand edit)
    if objective.deleted:
        return None
    score = objective_score(ws, objective, today)
    kids = [k.kr.id for k in score.key_results]
    checkins = {kid: tuple(ws.checkins(kid)) for kid in kids}
    history = {kid: tuple(checkin_history(ws, kid)) for kid in kids}
    initiatives = {kid: tuple(initiative_order(ws.initiatives(kid))) for kid in kids}
    parent = None
    if objective.parent_id:
        raw = ws.raw("objectives", objective.parent_id)
        if raw is not None and not raw.get("deleted_at"):
            parent = ws.objective(objective.parent_id)
    return ObjectiveData(score, checkins, parent, ws.settings.max_key_results, sources,
                         history, initiatives)
