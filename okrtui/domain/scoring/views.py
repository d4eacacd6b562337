"""Scores read off a workspace: what every screen, report and `--json` output shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from okrtui.domain.records.models import KPI, Initiative, KeyResult, Objective
from okrtui.domain.records.periods import Period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting.initiatives import completion, initiative_order
from okrtui.domain.scoring.kpi import kpi_view
from okrtui.domain.scoring.score import KRScore, ObjectiveScore, score_kr_latest
from okrtui.domain.scoring.score import score_objective as _score_objective


def kr_score(ws: Workspace, kr: KeyResult, today: dt.date,
             objective: Objective | None = None) -> KRScore:
    """Score one key result from its check-ins in the workspace."""
    objective = objective or ws.objective(kr.objective_id)
    # The newest check-in and a count: a team's history of check-ins stays unvalidated.
    return score_kr_latest(
        kr,
        ws.latest_checkin(kr.id, today),
        ws.live_count("checkins", kr.id),
        Period.parse(objective.period),
        today,
        objective.cadence,
        partial=ws.settings.band_partial_score,
    )


def objective_score(ws: Workspace, objective: Objective, today: dt.date) -> ObjectiveScore:
    """Score an objective and each of its key results."""
    krs = [kr_score(ws, kr, today, objective) for kr in ws.key_results(objective.id)]
    return _score_objective(objective, krs)


def objective_scores(ws: Workspace, today: dt.date, period: str | None = None,
                     owner: str | None = None) -> list[ObjectiveScore]:
    """Scores of every live objective (of a period and owner when given)."""
    return [objective_score(ws, o, today) for o in ws.objectives(period=period, owner=owner)]


def kr_json(score: KRScore, ws: Workspace | None = None) -> dict[str, Any]:
    """A key result with its score as plain JSON data (check-ins when `ws` is given)."""
    kr = score.kr
    out: dict[str, Any] = {
        "id": kr.id,
        "type": "key_result",
        "objective_id": kr.objective_id,
        "title": kr.title,
        "owner": kr.owner,
        "kind": kr.kind,
        "start": kr.start,
        "target": kr.target,
        "unit": kr.unit,
        "weight": kr.weight,
        "due": kr.due.isoformat() if kr.due else None,
        "kpi_id": kr.kpi_id,
        "final_score": kr.final_score,
        "final_reason": kr.final_reason,
        "carried_from": kr.carried_from,
        "current": score.current,
        "progress": round(score.progress, 4),
        "raw_progress": round(score.raw, 4),
        "status": score.status,
        "rag": score.rag,
        "confidence": score.confidence,
        "last_checkin": score.last_checkin.isoformat() if score.last_checkin else None,
    }
    if ws is not None:
        out["checkins"] = [
            {
                "id": c.id,
                "value": c.value,
                "confidence": c.confidence,
                "note": c.note,
                "author": c.author,
                "at": c.at.isoformat(),
                # A corrected check-in says so: who corrected it last, when, how often.
                "rev": c.rev,
                "updated_by": c.updated_by,
                "updated_at": c.updated_at.isoformat(),
            }
            for c in ws.checkins(kr.id)
        ]
        initiatives = initiative_order(ws.initiatives(kr.id))
        done = completion(initiatives)
        out["initiatives"] = [initiative_json(i) for i in initiatives]
        out["initiatives_done"] = {"done": done.done, "total": done.total, "text": done.text}
    return out


def initiative_json(i: Initiative) -> dict[str, Any]:
    """An initiative as plain JSON data: id, title, done, owner, and who did what when."""
    def moment(value: dt.datetime | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {"id": i.id, "kr_id": i.kr_id, "title": i.title, "done": i.done, "owner": i.owner,
            "done_at": moment(i.done_at), "done_by": i.done_by or None,
            "created_at": moment(i.created_at), "created_by": i.created_by or None,
            "updated_at": moment(i.updated_at), "updated_by": i.updated_by, "rev": i.rev,
            "position": i.position}


def objective_json(score: ObjectiveScore) -> dict[str, Any]:
    """An objective with its score and key results as plain JSON data."""
    o = score.objective
    return {
        "id": o.id,
        "type": "objective",
        "title": o.title,
        "description": o.description,
        "owner": o.owner,
        "team": o.team,
        "level": o.level,
        "period": o.period,
        "committed": o.committed,
        "parent_id": o.parent_id,
        "status": o.status,
        "score": round(score.score, 4),
        "progress_status": score.status,
        "rag": score.rag,
        "grade": o.grade,
        "verdict": score.verdict,
        "retrospective": o.retrospective,
        "carried_from": o.carried_from,
        "key_results": [kr_json(k) for k in score.key_results],
    }


def kpi_json(ws: Workspace, kpi: KPI, today: dt.date | None = None) -> dict[str, Any]:
    """A KPI with its latest value (on `today`), RAG and measurements as plain JSON data."""
    view = kpi_view(ws, kpi, today)
    return {
        "id": kpi.id,
        "type": "kpi",
        "name": kpi.name,
        "unit": kpi.unit,
        "owner": kpi.owner,
        "direction": kpi.direction,
        "green": kpi.green,
        "red": kpi.red,
        "cadence": kpi.cadence,
        "kind": kpi.type,
        "latest": view.latest,
        "rag": view.rag,
        "measurements": [
            {"id": m.id, "value": m.value, "date": m.date.isoformat(), "author": m.author}
            for m in ws.measurements(kpi.id)
        ],
    }
