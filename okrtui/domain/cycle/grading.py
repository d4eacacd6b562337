"""End-of-period grading: final key-result scores, objective grades and verdicts.

Grading freezes a period's outcome. Each key result gets a final score (its clamped
progress unless a person adjusts it, and an adjustment needs a reason); each objective
gets the weighted average of those scores, or a grade a person gives; the colour follows
the 0.0-0.3 / 0.4-0.6 / 0.7-1.0 scale, and the verdict says whether an aspirational
objective was ambitious enough or a committed one was missed. Grading closes the
objective. Everything here is pure: the services pass in today, the user and the time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from okrtui.domain.records.errors import InvalidInput, RuleViolation
from okrtui.domain.records.models import KeyResult, Objective
from okrtui.domain.records.periods import parse_period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.grades import grade_rag, grade_verdict
from okrtui.domain.scoring.status import RAG
from okrtui.domain.scoring.views import kr_score

# Grades are read and compared at two decimals ("0.65"); storing 0.6666666 would show a
# grade nobody gave and make "1.0" depend on float noise.
GRADE_DECIMALS = 2


@dataclass(frozen=True)
class Adjustment:
    """A person's final score for a key result, with the reason it differs from progress."""

    score: float
    reason: str


@dataclass(frozen=True)
class KRGrade:
    """One key result as grading leaves it."""

    kr: KeyResult
    progress: float
    final: float
    reason: str
    adjusted: bool
    rag: RAG


@dataclass(frozen=True)
class ObjectiveGrade:
    """One objective as grading leaves it: closed, with its grade, colour and verdict."""

    objective: Objective
    grade: float
    computed: float
    given: bool
    rag: RAG
    verdict: str
    key_results: tuple[KRGrade, ...]


def check_adjustment(score: float, reason: str) -> Adjustment:
    """Validate an adjusted final score: 0.0 to 1.0, and a reason that says why."""
    if not 0.0 <= score <= 1.0:
        raise InvalidInput(f"{score:g} is outside 0.0 to 1.0", field="score")
    reason = reason.strip()
    if not reason:
        raise InvalidInput("an adjusted score needs a reason", field="reason")
    return Adjustment(round(score, GRADE_DECIMALS), reason)


def check_grade(grade: float) -> float:
    """Validate a grade a person gives an objective (0.0 to 1.0)."""
    if not 0.0 <= grade <= 1.0:
        raise InvalidInput(f"{grade:g} is outside 0.0 to 1.0", field="grade")
    return round(grade, GRADE_DECIMALS)


def objectives_to_grade(ws: Workspace, period: str, today: dt.date,
                        objective_id: str | None = None) -> list[Objective]:
    """The objectives a grading of `period` covers.

    With `objective_id`, that objective (active, or closed to re-grade it); without, every
    active objective of the period. Drafts have not run yet and are never graded.
    """
    span = parse_period(period)
    if today < span.start:
        raise RuleViolation(f"{span} has not started yet (it starts {span.start})",
                            field="period")
    if objective_id is not None:
        objective = ws.objective(objective_id)
        if objective.period != span.name:
            raise RuleViolation(f"objective '{objective.title}' is in {objective.period}, "
                                f"not {span}", field="objective")
        if objective.status == "draft":
            raise RuleViolation(f"objective '{objective.title}' is a draft that has not run; "
                                "activate it or delete it", field="objective")
        return [objective]
    found = ws.objectives(period=span.name)
    chosen = [o for o in found if o.status == "active"]
    if not chosen:
        if any(o.status == "closed" for o in found):
            raise RuleViolation(f"every objective of {span} is graded already; re-grade one "
                                "with --objective", field="period")
        raise RuleViolation(f"{span} has no active objective to grade", field="period")
    return chosen


def grade_objective(ws: Workspace, objective: Objective, today: dt.date, actor: str,
                    at: dt.datetime, *, adjustments: Mapping[str, Adjustment] | None = None,
                    grade: float | None = None,
                    retrospective: str | None = None) -> ObjectiveGrade:
    """Grade one objective: the records it would store, without storing them.

    `adjustments` maps key-result ids to adjusted final scores. A key result adjusted at
    an earlier grading keeps its adjusted score and reason; the others score their
    progress, so a late check-in counts when an objective is graded again.
    """
    adjustments = adjustments or {}
    krs: list[KRGrade] = []
    for kr in ws.key_results(objective.id):
        progress = kr_score(ws, kr, today, objective).progress
        if kr.id in adjustments:
            final, reason = adjustments[kr.id].score, adjustments[kr.id].reason
        elif kr.final_reason and kr.final_score is not None:
            final, reason = kr.final_score, kr.final_reason
        else:
            final, reason = round(progress, GRADE_DECIMALS), ""
        stored = kr
        if kr.final_score != final or kr.final_reason != reason:
            stored = kr.revise(actor, at, final_score=final, final_reason=reason)
        krs.append(KRGrade(stored, progress, final, reason, bool(reason), grade_rag(final)))
    total = sum(k.kr.weight for k in krs)
    computed = round(sum(k.final * k.kr.weight for k in krs) / total, GRADE_DECIMALS) \
        if total else 0.0
    if grade is None and not krs:
        raise RuleViolation(f"objective '{objective.title}' has no key results to grade; "
                            "give it a grade", field="grade")
    final_grade = computed if grade is None else check_grade(grade)
    changes: dict[str, Any] = {"grade": final_grade, "status": "closed"}
    if retrospective is not None:
        changes["retrospective"] = retrospective
    graded = objective.revise(actor, at, **changes)
    return ObjectiveGrade(
        objective=graded,
        grade=final_grade,
        computed=computed,
        given=grade is not None,
        rag=grade_rag(final_grade),
        verdict=grade_verdict(graded, final_grade),
        key_results=tuple(krs),
    )


def grade_period(ws: Workspace, period: str, today: dt.date, actor: str, at: dt.datetime, *,
                 objective_id: str | None = None,
                 adjustments: Mapping[str, Adjustment] | None = None,
                 grade: float | None = None,
                 retrospective: str | None = None) -> list[ObjectiveGrade]:
    """Grade the objectives of a period (or one of them); nothing is stored.

    A given grade or retrospective belongs to one objective, so they need `objective_id`
    unless the period has exactly one objective to grade. Every adjusted key result must
    belong to a graded objective.
    """
    chosen = objectives_to_grade(ws, period, today, objective_id)
    if (grade is not None or retrospective is not None) and len(chosen) > 1:
        raise InvalidInput(f"{len(chosen)} objectives would be graded; name the one the "
                           "grade or retrospective is for with --objective",
                           field="objective")
    adjustments = adjustments or {}
    covered = {kr.id for o in chosen for kr in ws.key_results(o.id)}
    for kr_id in adjustments:
        if kr_id not in covered:
            kr = ws.key_result(kr_id)
            raise RuleViolation(f"key result '{kr.title}' is not part of this grading; name "
                                "its objective with --objective", field="kr")
    return [grade_objective(ws, o, today, actor, at, adjustments=adjustments, grade=grade,
                            retrospective=retrospective) for o in chosen]


def grade_json(result: ObjectiveGrade) -> dict[str, Any]:
    """A grading result as plain JSON data."""
    o = result.objective
    return {
        "id": o.id,
        "title": o.title,
        "owner": o.owner,
        "period": o.period,
        "committed": o.committed,
        "status": o.status,
        "grade": result.grade,
        "computed_grade": result.computed,
        "grade_given": result.given,
        "rag": result.rag,
        "verdict": result.verdict,
        "retrospective": o.retrospective,
        "key_results": [
            {"id": k.kr.id, "title": k.kr.title, "weight": k.kr.weight,
             "progress": round(k.progress, 4), "final_score": k.final,
             "adjusted": k.adjusted, "reason": k.reason, "rag": k.rag}
            for k in result.key_results
        ],
    }
