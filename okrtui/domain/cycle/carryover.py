"""Carrying unfinished objectives over to the next period, as drafts.

A carried objective is a copy in the new period with status "draft": the team decides at
the next planning which drafts to activate. Only the key results that were not reached
go along, without their check-ins, each starting where it ended (its last check-in), with
its target, unit, weight and KPI link kept. Both copies say where they came from
(`carried_from`), so the history of a goal can be followed across quarters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.records.models import KeyResult, Objective
from okrtui.domain.records.periods import next_period, parse_period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.score import KRScore
from okrtui.domain.scoring.views import kr_score


@dataclass(frozen=True)
class Carried:
    """One objective carried over: the original, its draft copy, what stayed behind."""

    original: Objective
    objective: Objective
    key_results: tuple[KeyResult, ...]
    left_behind: tuple[KeyResult, ...]


def kr_finished(score: KRScore) -> bool:
    """Whether a key result is done: graded 1.0, or (ungraded) its status is "done". A
    keep-above/below key result that holds its band is done only once its period ended
    holding: in the middle of the period it is "holding", and goes along."""
    if score.kr.final_score is not None:
        return score.kr.final_score >= 1.0 - 1e-9
    return score.status == "done"


def carried_copy(ws: Workspace, objective: Objective) -> Objective | None:
    """The live objective that already carries `objective` over, if any."""
    for other in ws.objectives():
        if other.carried_from == objective.id:
            return other
    return None


def objectives_to_carry(ws: Workspace, period: str, to: str, today: dt.date,
                        objective_id: str | None = None) -> list[Objective]:
    """The objectives of `period` that a carry-over to `to` takes along.

    With `objective_id`, that one objective (refused when it is finished or carried
    already); without, every unfinished, not yet carried, non-draft objective.
    """
    source, target = parse_period(period), parse_period(to, field="to")
    if target.start <= source.start:
        raise RuleViolation(f"carry over goes forward: {target} does not come after {source}",
                            field="to")
    if objective_id is not None:
        objective = ws.objective(objective_id)
        if objective.period != source.name:
            raise RuleViolation(f"objective '{objective.title}' is in {objective.period}, "
                                f"not {source}", field="objective")
        if (copy := carried_copy(ws, objective)) is not None:
            raise RuleViolation(f"objective '{objective.title}' is carried over already, to "
                                f"{copy.period} as {copy.id[:8]}", field="objective")
        if not unfinished(ws, objective, today):
            raise RuleViolation(f"objective '{objective.title}' is finished: every key "
                                "result reached its target", field="objective")
        return [objective]
    chosen = [o for o in ws.objectives(period=source.name)
              if o.status != "draft" and carried_copy(ws, o) is None
              and unfinished(ws, o, today)]
    if not chosen:
        raise RuleViolation(f"{source} has no unfinished objective left to carry over",
                            field="period")
    return chosen


def unfinished(ws: Workspace, objective: Objective, today: dt.date) -> bool:
    """Whether an objective has a key result that is not done (or none at all)."""
    krs = ws.key_results(objective.id)
    return not krs or not all(kr_finished(kr_score(ws, kr, today, objective)) for kr in krs)


def carry_objective(ws: Workspace, objective: Objective, to: str, today: dt.date,
                    created: Callable[[], dict[str, Any]],
                    parents: dict[str, str] | None = None) -> Carried:
    """The draft copy of `objective` in period `to`, and its key results; nothing stored.

    `created` returns fresh id and creation stamps for each new record. `parents` maps
    objectives carried in the same action to their copies, so alignment follows along.
    """
    parents = parents or {}
    parent_id = parents.get(objective.parent_id or "", objective.parent_id)
    if parent_id is not None and parent_id not in parents.values():
        raw = ws.raw("objectives", parent_id)
        if raw is None or raw.get("deleted_at"):
            parent_id = None  # aligned to a deleted objective: the copy starts unaligned
    data = objective.model_dump(
        include={"title", "description", "owner", "team", "level", "committed", "cadence"})
    copy = Objective.model_validate({
        **data, **created(), "period": parse_period(to, field="to").name, "status": "draft",
        "parent_id": parent_id, "carried_from": objective.id,
    })
    carried: list[KeyResult] = []
    left: list[KeyResult] = []
    for kr in ws.key_results(objective.id):
        score = kr_score(ws, kr, today, objective)
        if kr_finished(score):
            left.append(kr)
            continue
        fields = kr.model_dump(include={"title", "owner", "kind", "target", "unit", "weight",
                                        "kpi_id"})
        kpi = ws.raw("kpis", kr.kpi_id) if kr.kpi_id else None
        if kpi is None or kpi.get("deleted_at"):
            fields["kpi_id"] = None  # a deleted KPI is no longer there to move
        # A metric continues from where it ended; a band or milestone has no such start.
        start = score.current if kr.kind == "metric" and score.current is not None \
            else kr.start
        carried.append(KeyResult.model_validate({
            **fields, **created(), "objective_id": copy.id, "start": start,
            "position": len(carried), "carried_from": kr.id,
            # The due date belonged to the old period; the new one sets its own.
            "due": None,
        }))
    return Carried(objective, copy, tuple(carried), tuple(left))


def carry_period(ws: Workspace, period: str, today: dt.date,
                 created: Callable[[], dict[str, Any]], *, to: str | None = None,
                 objective_id: str | None = None) -> list[Carried]:
    """Carry the unfinished objectives of `period` (or one) over to `to` (default: next)."""
    target = to or next_period(period)
    chosen = objectives_to_carry(ws, period, target, today, objective_id)
    parents: dict[str, str] = {}
    out: list[Carried] = []
    # Parents first, so that a child carried along is aligned to the parent's copy.
    for objective in _parents_first(chosen):
        result = carry_objective(ws, objective, target, today, created, parents)
        parents[objective.id] = result.objective.id
        out.append(result)
    return out


def _parents_first(objectives: list[Objective]) -> list[Objective]:
    by_id = {o.id: o for o in objectives}

    def depth(o: Objective) -> int:
        seen = {o.id}
        n = 0
        while (o := by_id.get(o.parent_id or "")) is not None and o.id not in seen:
            seen.add(o.id)  # a hand-edited cycle must not loop forever
            n += 1
        return n

    return sorted(objectives, key=depth)
